"""Fetch-and-authorise for initiative views."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from kiezwerk.agencies.views import get_agency_for
from kiezwerk.initiatives.models import Initiative


def get_initiative_for(request: HttpRequest, slug: str, pk: int, perm: str) -> Initiative:
    """The initiative if the user may see it (else 404) and holds `perm` on it (else 403)."""
    agency = get_agency_for(request, slug, "agencies.view_agency")
    initiative = get_object_or_404(
        Initiative.objects.visible_to(request.user)
        .active()
        .filter(agency=agency)
        .select_related("agency", "neighbourhood", "advisor"),
        pk=pk,
    )
    if not request.user.has_perm(perm, initiative):
        raise PermissionDenied
    return initiative
