"""The back-office home: which agency, and what it holds."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from kiezwerk.accounts.enums import STAFF_ROLES, Role
from kiezwerk.agencies.models import Agency, Membership, Neighbourhood
from kiezwerk.agencies.rules import role_in
from kiezwerk.agencies.views import get_agency_for
from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.funding.models import Grant
from kiezwerk.initiatives.models import Initiative
from kiezwerk.reporting.queries import agency_counts


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Straight to the agency when the user has one; a choice when several; a note when none.
    Readers of the network-wide overview (the city department, with or without agencies) always
    get the page, with a link to the overview."""
    agencies = list(Agency.objects.visible_to(request.user).active())
    reads_network = request.user.has_perm("reporting.view_network_overview")
    if len(agencies) == 1 and not reads_network:
        return redirect("backoffice:agency", slug=agencies[0].slug)
    context = {"agencies": agencies, "reads_network": reads_network}
    return render(request, "reporting/home.html", context)


@login_required
@require_GET
def agency_home(request: HttpRequest, slug: str) -> HttpResponse:
    agency = get_agency_for(request, slug, "agencies.view_agency")
    user = request.user
    role = role_in(user, agency)
    context = {
        "agency": agency,
        "role": role,
        "role_label": Role(role).label if role else None,
        "neighbourhoods": _neighbourhoods(user, agency),
        "grants": _grants(user, agency),
    }
    if user.has_perm("agencies.view_team", agency):
        context["team"] = _team(user, agency)
        context["can_export_team"] = user.has_perm("agencies.export_team", agency)
    if user.has_perm("agencies.view_figures", agency):
        context["counts"] = agency_counts(agency)
    if user.has_perm("initiatives.list_initiatives", agency):
        context["can_list_initiatives"] = True
    if role == Role.FOUNDER:
        context["own_initiatives"] = (
            Initiative.objects.visible_to(user).active().filter(agency=agency)
        )
    if user.has_perm("agencies.view_activity", agency):
        context["activity"] = ActivityLogEntry.objects.for_agency(agency.pk).newest()[:10]
    return render(request, "reporting/agency_home.html", context)


def _neighbourhoods(user, agency: Agency) -> list[Neighbourhood]:
    """The agency's neighbourhoods the user sees, each with `can_open`: whether the user may
    read its overview (the permission checks read cached roles, no query per row)."""
    found = list(
        Neighbourhood.objects.visible_to(user)
        .active()
        .filter(agency=agency)
        .select_related("district")
    )
    for neighbourhood in found:
        neighbourhood.can_open = user.has_perm(
            "reporting.view_neighbourhood_overview", neighbourhood
        )
    return found


def _grants(user, agency: Agency) -> list[Grant]:
    """The agency's grants, each with `can_open`: whether the user may read its page (the
    checks read cached roles and the cached ids of the grants a funder reads)."""
    found = list(
        Grant.objects.active()
        .filter(agency=agency)
        .select_related("programme")
        .prefetch_related("co_financing")
    )
    for grant in found:
        grant.can_open = user.has_perm("funding.view_grant", grant)
    if role_in(user, agency) == Role.FUNDER:  # a funder sees the grants it funds only
        found = [grant for grant in found if grant.can_open]
    return found


def _team(user, agency: Agency):
    return (
        Membership.objects.visible_to(user)
        .active()
        .filter(agency=agency, role__in=STAFF_ROLES)
        .select_related("user")
        .prefetch_related("neighbourhoods")
        .order_by("role", "user__name")
    )
