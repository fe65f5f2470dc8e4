"""Public URLs: the directory of social enterprises and the forum calendar of an agency (its
subscribable feeds are the forums app's, under calendar/)."""

from django.urls import path

from kiezwerk.portal import views_directory as views

CALENDAR = "agencies/<slug:slug>/calendar/"
urlpatterns = [
    path("enterprises/", views.directory, name="directory"),
    path("enterprises/<int:pk>/", views.enterprise, name="enterprise"),
    path(CALENDAR, views.calendar, name="calendar"),
    path(CALENDAR + "<int:pk>.ics", views.calendar_event, name="calendar_event"),
]
