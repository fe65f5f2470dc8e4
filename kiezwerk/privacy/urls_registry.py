"""URLs of the data-protection pages: the record of processing activities (Art. 30)."""

from django.urls import path

from kiezwerk.privacy import views_registry as views

app_name = "privacy_registry"
urlpatterns = [
    path("<slug:slug>/privacy/processing/", views.processing, name="processing"),
    path("<slug:slug>/privacy/processing/pdf/", views.processing_pdf, name="processing_pdf"),
]
