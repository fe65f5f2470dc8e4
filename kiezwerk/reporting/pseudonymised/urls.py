"""URLs of the pseudonymised evaluation export."""

from django.urls import path

from kiezwerk.reporting.pseudonymised import views

app_name = "evaluation_export"
urlpatterns = [
    path("<slug:slug>/evaluation/export/", views.export, name="export"),
]
