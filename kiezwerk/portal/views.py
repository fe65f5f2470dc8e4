"""Public pages. Views and templates only: the portal reads the domain apps."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kiezwerk.agencies.models import Agency


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    agencies = Agency.objects.active().prefetch_related("neighbourhoods__district")
    return render(request, "portal/start.html", {"agencies": agencies})
