"""Public URLs: requesting a consultation by appointment."""

from django.urls import path

from kiezwerk.portal import views_appointments as views

APPOINTMENT = "agencies/<slug:slug>/appointment/"
urlpatterns = [
    path(APPOINTMENT, views.appointment, name="appointment"),
    path(APPOINTMENT + "sent/", views.appointment_sent, name="appointment_sent"),
]
