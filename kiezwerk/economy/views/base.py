"""Fetch-and-authorise helpers of the economy views."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from kiezwerk.economy.models import BusinessLine
from kiezwerk.initiatives.models import Initiative
from kiezwerk.initiatives.views.base import get_initiative_for


def get_enterprise_for(request: HttpRequest, slug: str, pk: int, perm: str) -> Initiative:
    """The enterprise (an initiative) if the user may see it (else 404) and holds the economy
    permission `perm` on it (else 403)."""
    return get_initiative_for(request, slug, pk, perm)


def get_line_for(
    request: HttpRequest, slug: str, pk: int, line: int, perm: str, *, active: bool = True
) -> BusinessLine:
    """A business line of the enterprise, under the same checks; 404 for another enterprise's
    line, and for an archived line when `active`."""
    enterprise = get_enterprise_for(request, slug, pk, perm)
    lines = BusinessLine.objects.filter(agency_id=enterprise.agency_id, initiative=enterprise)
    if active:
        lines = lines.active()
    found = get_object_or_404(lines.select_related("service"), pk=line)
    found.initiative = enterprise
    return found
