from django.urls import path, re_path

from kiezwerk.agencies import views

app_name = "agencies"
urlpatterns = [
    path("<slug:slug>/activity/", views.activity, name="activity"),
    re_path(r"^(?P<slug>[-\w]+)/team\.(?P<fmt>csv|xlsx)$", views.team_export, name="team_export"),
]
