"""Funder reports of a grant, under the grant's address (views in `views_reports`)."""

from django.urls import path

from kiezwerk.reporting import views_reports as views

app_name = "reporting"
REPORTS = "<slug:slug>/funding/grants/<int:pk>/reports/"
REPORT = REPORTS + "<int:report>/"
urlpatterns = [
    path(REPORTS, views.funder_reports, name="funder_reports"),
    path(REPORTS + "new/", views.funder_report_new, name="funder_report_new"),
    path(REPORT, views.funder_report, name="funder_report"),
    path(REPORT + "regenerate/", views.funder_report_regenerate, name="funder_report_regenerate"),
    path(REPORT + "archive/", views.funder_report_archive, name="funder_report_archive"),
    path(REPORT + "restore/", views.funder_report_restore, name="funder_report_restore"),
    path(REPORT + "<str:fmt>/", views.funder_report_download, name="funder_report_download"),
]
