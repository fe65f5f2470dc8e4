"""Error pages: translated, in the portal layout, and leaking nothing."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


# Paths of the JSON API: their errors are JSON too, also for a path no view serves.
API_PREFIX = "/api/"


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return JsonResponse(
            {"code": "not_found", "message": _api_not_found(request.path), "field": None},
            status=404,
        )
    return render(request, "errors/404.html", status=404)


def _api_not_found(path: str) -> str:
    """The message of an API address no endpoint serves; for one that would be served without
    its closing slash (as web pages have it), the address to use."""
    without = path.rstrip("/")
    if without != path:
        try:
            resolve(without)
        except Resolver404:
            pass
        else:
            text = _(
                "There is nothing at this address. API addresses end without a slash: %(path)s"
            )
            return text % {"path": without}
    return _("There is nothing at this address.")


def server_error(request: HttpRequest) -> HttpResponse:
    """Rendered without a request context: the failure may lie in a context processor."""
    from django.template import loader

    template = loader.get_template("errors/500.html")
    return HttpResponse(template.render({}), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid security token: explain, change nothing."""
    return render(request, "errors/csrf.html", status=403)
