"""The economics of one enterprise: its financing mix over the years (criterion 4) with the
dependency warnings and its public clients, its profit distributions (criterion 3) and its
business lines."""

from csp.constants import NONE, UNSAFE_INLINE
from csp.decorators import csp_replace
from django.contrib.auth.decorators import login_required
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kiezwerk.core.formats import euros, percent
from kiezwerk.economy.charts import financing_mix_svg
from kiezwerk.economy.models import BusinessLine, Distribution, MonthFigures
from kiezwerk.economy.queries import ZERO, CrossSubsidy, Scope, cross_subsidy, financing_mix
from kiezwerk.economy.views.base import get_enterprise_for
from kiezwerk.economy.views.tables import DASH, Row, mix_context, signed
from kiezwerk.economy.warnings import dependency_warnings, threshold_for

# The chart is an image: matplotlib styles its shapes inline, and it needs nothing else.
SVG_CSP = {"default-src": [NONE], "style-src": [UNSAFE_INLINE], "script-src": [NONE]}


@login_required
@require_GET
def enterprise(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = get_enterprise_for(request, slug, pk, "economy.view_figures")
    mix = financing_mix(Scope.of_enterprise(initiative))
    threshold = threshold_for(initiative.agency_id)
    lines = _lines(initiative)
    subsidy = cross_subsidy(initiative)
    context = {
        **mix_context(mix, request.GET),
        "agency": initiative.agency,
        "initiative": initiative,
        "chart_url": reverse("economy:mix_chart", kwargs={"slug": slug, "pk": initiative.pk}),
        "chart_subject": initiative.name,
        "threshold": percent(threshold, 0),
        "warnings": dependency_warnings(mix, threshold),
        "distributions": _distributions(initiative),
        "subsidy_years": [str(year) for year in subsidy.years],
        "subsidy_rows": subsidy_rows(subsidy),
        "carried": carried_sentences(subsidy),
        "lines": [line for line in lines if line.archived_at is None],
        "archived_lines": [line for line in lines if line.archived_at is not None],
        "can_enter": request.user.has_perm("economy.enter_figures", initiative),
    }
    return render(request, "economy/enterprise.html", context)


@login_required
@require_GET
@never_cache
@csp_replace(SVG_CSP)
def mix_chart(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The financing mix over the years as an SVG chart (404 without any figures)."""
    initiative = get_enterprise_for(request, slug, pk, "economy.view_figures")
    years = financing_mix(Scope.of_enterprise(initiative)).years
    if not years:
        raise Http404
    svg = financing_mix_svg(initiative.name, years)
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


def _lines(initiative) -> list[BusinessLine]:
    """The enterprise's lines, each with the latest year it has figures for (or this year)."""
    latest = MonthFigures.objects.filter(agency_id=OuterRef("agency_id"), line=OuterRef("pk"))
    lines = BusinessLine.objects.filter(agency_id=initiative.agency_id, initiative=initiative)
    found = list(lines.annotate(latest=Subquery(latest.order_by("-year").values("year")[:1])))
    this_year = timezone.localdate().year
    for line in found:
        line.year = line.latest or this_year
    return found


def _distributions(initiative) -> list[Distribution]:
    return list(
        Distribution.objects.filter(
            agency_id=initiative.agency_id, initiative=initiative, archived_at__isnull=True
        )
    )


# ------------------------------------------------------------------------------------------
# Cross-subsidy (criterion 3)


def subsidy_rows(subsidy: CrossSubsidy) -> list[Row]:
    """Per line its result per year; then the whole enterprise's result, the losses that other
    lines' surpluses made good, what was paid out and what stayed in the enterprise."""
    years = subsidy.years
    if not years:
        return []
    rows = []
    for line in subsidy.lines:
        label = line.name if not line.archived else _("%(name)s (archived)") % {"name": line.name}
        cells = [signed(line.results[y]) if y in line.results else DASH for y in years]
        rows.append(Row(str(label), cells))
    rows += [
        Row(str(_("Result of all lines")), [signed(subsidy.total(y)) for y in years], True),
        Row(str(_("Losses made good by other lines")), [euros(subsidy.covered(y)) for y in years]),
        Row(
            str(_("Paid out to private persons")),
            [euros(subsidy.distributed.get(y, ZERO)) for y in years],
        ),
        Row(str(_("Kept in the enterprise")), [signed(subsidy.kept(y)) for y in years], True),
    ]
    return rows


def carried_sentences(subsidy: CrossSubsidy) -> list[str]:
    """Per year in which some lines made a loss that others made good: who carried whom."""
    sentences = []
    for year in subsidy.years:
        gains, losses = subsidy.carriers(year)
        if not gains:
            continue
        sentences.append(
            _("%(year)s: the surplus of %(gains)s made good the loss of %(losses)s.")
            % {
                "year": year,
                "gains": _listed(gains, year),
                "losses": _listed(losses, year),
            }
        )
    return sentences


def _listed(lines, year: int) -> str:
    return ", ".join(f"{line.name} ({signed(line.results[year])})" for line in lines)
