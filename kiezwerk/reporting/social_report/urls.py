"""URLs of the social reports (Social Reporting Standard) of an agency."""

from django.urls import path

from kiezwerk.reporting.social_report import views

app_name = "social_report"
REPORTS = "<slug:slug>/social-reports/"
REPORT = REPORTS + "<int:pk>/"
urlpatterns = [
    path(REPORTS, views.social_reports, name="list"),
    path(REPORTS + "new/", views.social_report_new, name="new"),
    path(REPORT, views.social_report, name="report"),
    path(REPORT + "edit/", views.social_report_edit, name="edit"),
    path(REPORT + "archive/", views.social_report_archive, name="archive"),
    path(REPORT + "pdf/", views.social_report_pdf, name="pdf"),
    path(REPORT + "html/", views.social_report_html, name="html"),
]
