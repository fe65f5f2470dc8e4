"""Back-office views about the agency itself, and the fetch-and-authorise helper for all."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from kiezwerk.accounts.reauth import recent_login_required
from kiezwerk.agencies.exporters import TeamExporter
from kiezwerk.agencies.forms import ActivityPageForm
from kiezwerk.agencies.models import Agency
from kiezwerk.agencies.rules import member_agencies
from kiezwerk.core.activity import log_action
from kiezwerk.core.htmx import render_page_or_partial
from kiezwerk.core.models import ActivityLogEntry


def get_agency_for(request: HttpRequest, slug: str, perm: str) -> Agency:
    """The agency if the user may see it (else 404) and holds `perm` on it (else 403). Members
    find it among their memberships, which the permission checks load anyway."""
    user = request.user
    if user.is_superuser:
        agency = get_object_or_404(Agency.objects.active(), slug=slug)
    else:
        agency = member_agencies(user).get(slug)
    if agency is None:
        raise Http404
    if not user.has_perm(perm, agency):
        raise PermissionDenied
    return agency


@login_required
@require_GET
def team_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """The team with names and e-mail addresses: only after the password was confirmed."""
    agency = get_agency_for(request, slug, "agencies.export_team")
    return _team_file(request, agency, fmt)


@recent_login_required
def _team_file(request: HttpRequest, agency: Agency, fmt: str) -> HttpResponse:
    exporter = TeamExporter(agency)
    log_action(request.user, "agencies.team_exported", agency, {"format": fmt})
    return exporter.response(fmt)


ACTIVITY_PAGE_SIZE = 50


@login_required
@require_GET
def activity(request: HttpRequest, slug: str) -> HttpResponse:
    """The agency's activity log, newest first, 50 at a time ("older entries" by htmx or link)."""
    agency = get_agency_for(request, slug, "agencies.view_activity")
    form = ActivityPageForm(request.GET)
    before = form.cleaned_data["before"] if form.is_valid() else None
    entries = ActivityLogEntry.objects.for_agency(agency.pk).page_before(before, ACTIVITY_PAGE_SIZE)
    has_older = len(entries) > ACTIVITY_PAGE_SIZE
    entries = entries[:ACTIVITY_PAGE_SIZE]
    context = {
        "agency": agency,
        "entries": entries,
        "older": entries[-1].pk if has_older else None,
        "is_first_page": before is None,
    }
    return render_page_or_partial(request, "agencies/activity.html", context, "entries")
