"""Open data (namespace "portal:opendata"): the page that explains it, the directory of social
enterprises as JSON-LD and CSV for the whole installation and per agency, and each agency's
indicator figures as CSV and JSON."""

from django.urls import path

from kiezwerk.portal import views_opendata as views

app_name = "opendata"
AGENCY = "agencies/<slug:slug>/open-data/"
urlpatterns = [
    path("open-data/", views.page, name="page"),
    path("open-data/enterprises.jsonld", views.enterprises_jsonld, name="enterprises_jsonld"),
    path("open-data/enterprises.csv", views.enterprises_csv, name="enterprises_csv"),
    path(AGENCY + "enterprises.jsonld", views.enterprises_jsonld, name="agency_enterprises_jsonld"),
    path(AGENCY + "enterprises.csv", views.enterprises_csv, name="agency_enterprises_csv"),
    path(AGENCY + "figures.json", views.figures_json, name="figures_json"),
    path(AGENCY + "figures.csv", views.figures_csv, name="figures_csv"),
]
