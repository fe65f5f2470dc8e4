"""The product's URLs plus two bare views: the baselines that pages and API endpoints are
measured against."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path

from kiezwerk.urls import handler400, handler403, handler404, handler500  # noqa: F401
from kiezwerk.urls import urlpatterns as product_urlpatterns


def bare(request: HttpRequest) -> HttpResponse:
    """No query, no template: what the middleware stack and the server cost alone."""
    return HttpResponse("ok")


def bare_json(request: HttpRequest) -> JsonResponse:
    """The same for JSON, the baseline of the API benchmark (bench/api.py)."""
    return JsonResponse({"ok": True})


urlpatterns = [
    path("bench/bare/", bare, name="bench_bare"),
    path("bench/bare.json", bare_json, name="bench_bare_json"),
    *product_urlpatterns,
]
