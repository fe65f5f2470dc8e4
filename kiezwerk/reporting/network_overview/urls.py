"""URLs of the network-wide overview (under backoffice/network-overview/)."""

from django.urls import path, re_path

from kiezwerk.reporting.network_overview import views

app_name = "network_overview"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("agencies.svg", views.chart, name="chart"),
    re_path(
        r"^(?P<table>agencies|neighbourhoods)\.(?P<fmt>csv|xlsx)$", views.export, name="export"
    ),
]
