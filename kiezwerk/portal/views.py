"""Public pages. Views and templates only: the portal reads the domain apps."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from kiezwerk.agencies.models import Agency


@require_GET
@cache_control(public=True, max_age=300)
def start(request: HttpRequest) -> HttpResponse:
    """The installation's start page: what a social enterprise is and the agencies, each with
    its neighbourhoods and a link to its page. The footer links the first agency's pages."""
    agencies = list(Agency.objects.active().prefetch_related("neighbourhoods__district"))
    context = {
        "agencies": agencies,
        "portal_agency": agencies[0] if agencies else None,
    }
    return render(request, "portal/start.html", context)
