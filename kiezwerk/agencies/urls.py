from django.urls import path

from kiezwerk.agencies import views

app_name = "agencies"
urlpatterns = [
    path("<slug:slug>/team.<str:fmt>", views.team_export, name="team_export"),
]
