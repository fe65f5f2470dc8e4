"""URLs of the data-protection pages: erasure, restriction and the retention dry run."""

from django.urls import path

from kiezwerk.privacy import views_erasure as views

app_name = "erasure"
ONE = "<slug:slug>/privacy/requests/<int:pk>/"
urlpatterns = [
    path(ONE + "erasure/", views.preview, name="preview"),
    path(ONE + "erasure/run/", views.execute, name="execute"),
    path(ONE + "restriction/", views.restrict, name="restrict"),
    path(ONE + "restriction/lift/", views.lift, name="lift"),
    path("<slug:slug>/privacy/retention/", views.retention_dry_run, name="retention"),
]
