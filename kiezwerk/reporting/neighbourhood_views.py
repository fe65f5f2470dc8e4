"""The overview of one neighbourhood: what was raised, what was done about it, who helped, and
how the web of local ties grows (the social capital), year by year."""

from csp.constants import NONE, UNSAFE_INLINE
from csp.decorators import csp_replace
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kiezwerk.agencies.models import Neighbourhood
from kiezwerk.agencies.views import get_agency_for
from kiezwerk.reporting import overview, presenters, social_capital
from kiezwerk.reporting.charts import social_capital_svg

# The chart is an image: matplotlib styles its shapes inline, and it needs nothing else.
SVG_CSP = {"default-src": [NONE], "style-src": [UNSAFE_INLINE], "script-src": [NONE]}


def get_neighbourhood_for(request: HttpRequest, slug: str, neighbourhood: str) -> Neighbourhood:
    """The neighbourhood (by its slug in the agency) if the user may see it (else 404) and read
    its overview (else 403)."""
    agency = get_agency_for(request, slug, "reporting.view_neighbourhoods")
    found = get_object_or_404(
        Neighbourhood.objects.visible_to(request.user)
        .active()
        .filter(agency=agency)
        .select_related("district"),
        slug=neighbourhood,
    )
    if not request.user.has_perm("reporting.view_neighbourhood_overview", found):
        raise PermissionDenied
    found.agency = agency
    return found


@login_required
@require_GET
def neighbourhood_overview(request: HttpRequest, slug: str, neighbourhood: str) -> HttpResponse:
    hood = get_neighbourhood_for(request, slug, neighbourhood)
    yearly = overview.yearly(hood)
    snapshots = social_capital.snapshots(hood, yearly.years)
    capital = social_capital.with_changes(snapshots)
    context = {
        "agency": hood.agency,
        "neighbourhood": hood,
        "years": yearly.years,
        "summary": presenters.summary_rows(yearly),
        "by_kind": presenters.resource_rows(yearly.by_kind, yearly.years),
        "by_partner": presenters.resource_rows(yearly.by_partner, yearly.years),
        "open_needs": overview.open_needs(hood),
        "partnerships": overview.partnerships(hood),
        "capital": presenters.capital_rows(capital),
        "brokers": presenters.broker_rows(capital, social_capital.actor_names(snapshots)),
        "brokers_explained": presenters.BROKERS_EXPLAINED,
    }
    return render(request, "reporting/neighbourhood_overview.html", context)


@login_required
@require_GET
@never_cache
@csp_replace(SVG_CSP)
def social_capital_chart(request: HttpRequest, slug: str, neighbourhood: str) -> HttpResponse:
    """The social-capital figures over the years as an SVG chart (404 without any year)."""
    hood = get_neighbourhood_for(request, slug, neighbourhood)
    years = overview.yearly(hood).years
    if not years:
        raise Http404
    rows = social_capital.with_changes(social_capital.snapshots(hood, years))
    svg = social_capital_svg(hood.name, rows)
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
