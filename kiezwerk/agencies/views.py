"""Back-office views about the agency itself, and the fetch-and-authorise helper for all."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from kiezwerk.agencies.exporters import TeamExporter
from kiezwerk.agencies.models import Agency
from kiezwerk.core.activity import log_action


def get_agency_for(request: HttpRequest, slug: str, perm: str) -> Agency:
    """The agency if the user may see it (else 404) and holds `perm` on it (else 403)."""
    agency = get_object_or_404(Agency.objects.visible_to(request.user).active(), slug=slug)
    if not request.user.has_perm(perm, agency):
        raise PermissionDenied
    return agency


@login_required
@require_GET
def team_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    agency = get_agency_for(request, slug, "agencies.export_team")
    exporter = TeamExporter(agency)
    log_action(request.user, "agencies.team_exported", agency, {"format": fmt})
    return exporter.xlsx_response() if fmt == "xlsx" else exporter.csv_response()
