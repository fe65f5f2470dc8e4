"""The public portal. Each part keeps its URLs in its own module; all share the namespace
"portal"."""

from django.urls import include, path

from kiezwerk.portal import urls_appointments, urls_directory, urls_needs, urls_pages, views

app_name = "portal"
urlpatterns = [
    path("", views.start, name="start"),
    *urls_pages.urlpatterns,
    *urls_directory.urlpatterns,
    *urls_needs.urlpatterns,
    *urls_appointments.urlpatterns,
    path("", include("kiezwerk.portal.urls_opendata")),
]
