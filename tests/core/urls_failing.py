"""A URLconf whose only view fails, to show the 500 page."""

from django.urls import path

from kiezwerk.urls import handler500  # noqa: F401 - the handler under test


def broken(request):
    raise RuntimeError("secret detail that must not leak")


urlpatterns = [path("kaputt/", broken)]
