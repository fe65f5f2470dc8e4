from django.urls import path

from kiezwerk.reporting import views

app_name = "backoffice"
urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:slug>/", views.agency_home, name="agency"),
]
