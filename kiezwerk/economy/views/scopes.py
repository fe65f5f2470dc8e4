"""The financing mix of a neighbourhood and of the whole agency: the tables and chart of the
enterprise page summed over all enterprises, their public clients, and the enterprises one by
one with their latest year's shares, result and dependency warnings.

Who sees them is the neighbourhood overview's rule (economy.rules): management, evaluation and
advisors (their team's neighbourhoods). The agency's totals include every enterprise; its list
names only the enterprises whose figures the user may open, and says how many it leaves out.
The list shows a page of enterprises at a time; only each one's latest year is read.
"""

from dataclasses import dataclass

from csp.decorators import csp_replace
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kiezwerk.agencies.models import Agency, Neighbourhood
from kiezwerk.agencies.views import get_agency_for
from kiezwerk.core.formats import percent
from kiezwerk.economy.breakdown import latest_mixes, latest_years
from kiezwerk.economy.charts import financing_mix_svg
from kiezwerk.economy.queries import Mix, Scope, financing_mix
from kiezwerk.economy.views.mix import SVG_CSP
from kiezwerk.economy.views.tables import DASH, mix_context, signed
from kiezwerk.economy.warnings import dependency_warnings, has_warning, threshold_for
from kiezwerk.initiatives.models import Initiative

TEMPLATE = "economy/scope_mix.html"
# Enterprises listed per page, by name.
PAGE_SIZE = 50


def get_neighbourhood_for(request: HttpRequest, slug: str, neighbourhood: str) -> Neighbourhood:
    """The neighbourhood (by its slug in the agency) if the user may see it (else 404) and read
    its financing mix (else 403), as the neighbourhood overview decides."""
    agency = get_agency_for(request, slug, "economy.view_agency_mix")
    found = get_object_or_404(
        Neighbourhood.objects.visible_to(request.user)
        .active()
        .filter(agency=agency)
        .select_related("district"),
        slug=neighbourhood,
    )
    if not request.user.has_perm("economy.view_neighbourhood_mix", found):
        raise PermissionDenied
    found.agency = agency
    return found


@login_required
@require_GET
def neighbourhood(request: HttpRequest, slug: str, neighbourhood: str) -> HttpResponse:
    hood = get_neighbourhood_for(request, slug, neighbourhood)
    kwargs = {"slug": slug, "neighbourhood": hood.slug}
    context = _context(request, Scope.of_neighbourhood(hood), hood.agency)
    context |= {
        "neighbourhood": hood,
        "chart_url": reverse("economy:neighbourhood_chart", kwargs=kwargs),
        "chart_subject": hood.name,
    }
    return render(request, TEMPLATE, context)


@login_required
@require_GET
def agency(request: HttpRequest, slug: str) -> HttpResponse:
    found = get_agency_for(request, slug, "economy.view_agency_mix")
    context = _context(request, Scope.of_agency(found), found)
    context |= {
        "neighbourhood": None,
        "chart_url": reverse("economy:agency_chart", kwargs={"slug": slug}),
        "chart_subject": found.name,
    }
    return render(request, TEMPLATE, context)


@login_required
@require_GET
@never_cache
@csp_replace(SVG_CSP)
def neighbourhood_chart(request: HttpRequest, slug: str, neighbourhood: str) -> HttpResponse:
    """The neighbourhood's mix over the years as an SVG chart (404 without any figures)."""
    hood = get_neighbourhood_for(request, slug, neighbourhood)
    return _chart(hood.name, financing_mix(Scope.of_neighbourhood(hood)))


@login_required
@require_GET
@never_cache
@csp_replace(SVG_CSP)
def agency_chart(request: HttpRequest, slug: str) -> HttpResponse:
    """The agency's mix over the years as an SVG chart (404 without any figures)."""
    found = get_agency_for(request, slug, "economy.view_agency_mix")
    return _chart(found.name, financing_mix(Scope.of_agency(found)))


def _chart(name: str, mix: Mix) -> HttpResponse:
    if not mix.years:
        raise Http404
    svg = financing_mix_svg(name, mix.years)
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


def _context(request: HttpRequest, scope: Scope, agency: Agency) -> dict:
    threshold = threshold_for(agency.pk)
    mixes = latest_mixes(scope, latest_years(scope))
    enterprises = _enterprises(scope, mixes)
    listed = [item for item in enterprises if request.user.has_perm("economy.view_figures", item)]
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        **mix_context(financing_mix(scope), request.GET),
        "agency": agency,
        "threshold": percent(threshold, 0),
        "enterprises": [_row(item, mixes[item.pk], threshold) for item in page],
        "page": page,
        "query": query.urlencode(),
        "enterprise_count": len(enterprises),
        "not_listed": len(enterprises) - len(listed),
        "with_warnings": sum(1 for mix in mixes.values() if has_warning(mix.years[0], threshold)),
    }


# ------------------------------------------------------------------------------------------
# The enterprises of a scope, one row each, a page at a time: the same queries whatever their
# number, and only each enterprise's latest year read


@dataclass
class EnterpriseRow:
    enterprise: Initiative
    year: int  # the enterprise's latest year with figures
    shares: list[str]  # public contracts, market sales, volunteer work; adding up to 100 %
    result: str
    warnings: int  # dependency warnings of that year


def _enterprises(scope: Scope, mixes: dict[int, Mix]) -> list[Initiative]:
    """The enterprises of `mixes`, by name, with their neighbourhood's name."""
    return list(
        Initiative.objects.filter(agency_id=scope.agency_id, pk__in=sorted(mixes))
        .select_related("neighbourhood")
        .only("name", "agency_id", "neighbourhood__name")
        .order_by("name", "pk")
    )


def _row(enterprise: Initiative, mix: Mix, threshold: int) -> EnterpriseRow:
    """The row of an enterprise from the mix of its latest year (see `latest_mixes`)."""
    latest = mix.years[-1]
    shares = latest.shares()
    return EnterpriseRow(
        enterprise=enterprise,
        year=latest.year,
        shares=[percent(share, 0) for share in shares] if shares else [DASH] * 3,
        result=signed(latest.result),
        warnings=len(dependency_warnings(Mix([latest], {}, mix.client_names), threshold)),
    )
