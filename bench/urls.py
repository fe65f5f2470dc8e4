"""The product's URLs plus a bare view: the baseline that every page is measured against."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from kiezwerk.urls import handler400, handler403, handler404, handler500  # noqa: F401
from kiezwerk.urls import urlpatterns as product_urlpatterns


def bare(request: HttpRequest) -> HttpResponse:
    """No query, no template: what the middleware stack and the server cost alone."""
    return HttpResponse("ok")


urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *product_urlpatterns]
