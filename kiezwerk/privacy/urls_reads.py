"""URLs of the data-protection pages: reads of personal data (views_reads.py)."""

from django.urls import path

from kiezwerk.privacy import views_reads

app_name = "privacy_reads"
urlpatterns = [
    path("<slug:slug>/privacy/reads/", views_reads.read_list, name="list"),
]
