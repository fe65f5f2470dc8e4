"""Back-office URLs of the consultation hours."""

from django.urls import path

from kiezwerk.appointments import views

app_name = "appointments"
BASE = "<slug:slug>/appointments/"
urlpatterns = [
    path(BASE, views.calendar, name="calendar"),
    path(BASE + "hours/", views.slots, name="slots"),
    path(BASE + "hours/new/", views.slot_create, name="slot_create"),
    path(BASE + "hours/<int:pk>/archive/", views.slot_archive, name="slot_archive"),
    path(BASE + "hours/<int:pk>/exception/", views.slot_exception, name="slot_exception"),
    path(BASE + "requests/<int:pk>/", views.request_detail, name="request"),
    path(BASE + "requests/<int:pk>/intake/", views.intake, name="intake"),
]
