from django.urls import re_path

from kiezwerk.agencies import views

app_name = "agencies"
urlpatterns = [
    re_path(r"^(?P<slug>[-\w]+)/team\.(?P<fmt>csv|xlsx)$", views.team_export, name="team_export"),
]
