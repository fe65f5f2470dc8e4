from django.urls import path

from kiezwerk.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.start, name="start"),
]
