"""Public URLs: the agency's page, its editable pages and the accessibility feedback form.
The page kinds are spelt out, so other parts' pages under agencies/<slug>/ stay theirs."""

from django.urls import path, re_path

from kiezwerk.portal import views_pages
from kiezwerk.portal.enums import PageKind

KINDS = "|".join(PageKind.values)

urlpatterns = [
    path("agencies/<slug:slug>/", views_pages.agency, name="agency"),
    path(
        "agencies/<slug:slug>/accessibility/feedback/",
        views_pages.accessibility_feedback,
        name="accessibility_feedback",
    ),
    re_path(rf"^agencies/(?P<slug>[-\w]+)/(?P<kind>{KINDS})/$", views_pages.page, name="page"),
]
