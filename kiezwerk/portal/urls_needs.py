"""Public URLs: the needs board of an agency and the request for an agency elsewhere."""

from django.urls import path

from kiezwerk.portal import views_needs

NEEDS = "agencies/<slug:slug>/needs/"
urlpatterns: list = [
    path(NEEDS, views_needs.needs, name="needs"),
    path(NEEDS + "report/", views_needs.report_need, name="report_need"),
    path(NEEDS + "<int:pk>/", views_needs.need, name="need"),
    path(NEEDS + "<int:pk>/support/", views_needs.support_need, name="support_need"),
    path("demand/", views_needs.demand, name="demand"),
]
