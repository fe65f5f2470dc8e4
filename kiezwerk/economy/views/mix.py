"""The economics of one enterprise: its financing mix over the years (criterion 4) with the
dependency warnings and its public clients, its profit distributions (criterion 3) and its
business lines."""

from dataclasses import dataclass, field
from decimal import Decimal

from csp.constants import NONE, UNSAFE_INLINE
from csp.decorators import csp_replace
from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kiezwerk.core.formats import euros, percent
from kiezwerk.economy.charts import financing_mix_svg
from kiezwerk.economy.models import BusinessLine, Distribution, MonthFigures
from kiezwerk.economy.queries import (
    CrossSubsidy,
    Mix,
    Period,
    Scope,
    cross_subsidy,
    financing_mix,
)
from kiezwerk.economy.views.base import get_enterprise_for
from kiezwerk.economy.warnings import dependency_warnings, index, threshold_for

# The chart is an image: matplotlib styles its shapes inline, and it needs nothing else.
SVG_CSP = {"default-src": [NONE], "style-src": [UNSAFE_INLINE], "script-src": [NONE]}
DASH = "–"
ZERO = Decimal("0")

CONCENTRATION = (
    (
        _("Concentration of the three sources"),
        _(
            "The Herfindahl index adds up the squared shares of public contracts, market sales "
            "and volunteer work: 0.33 means all three bring in the same, 1 means everything "
            "comes from one source."
        ),
    ),
    (
        _("Concentration over single payers"),
        _(
            "The same index with each public client counted on its own beside market sales and "
            "volunteer work: the nearer to 1, the more the enterprise depends on one payer."
        ),
    ),
)


class YearForm(forms.Form):
    """Which year to show by quarter."""

    year = forms.TypedChoiceField(
        label=_("Show one year by quarter"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, data, years: list[int]) -> None:
        super().__init__(data)
        self.fields["year"].choices = [("", _("No year")), *((y, str(y)) for y in years)]


@dataclass
class Row:
    label: str
    cells: list[str] = field(default_factory=list)
    total: bool = False  # a sum: shown in bold


@login_required
@require_GET
def enterprise(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = get_enterprise_for(request, slug, pk, "economy.view_figures")
    mix = financing_mix(Scope.of_enterprise(initiative))
    form = YearForm(request.GET or None, [period.year for period in mix.years])
    chosen = form.cleaned_data["year"] if form.is_valid() else None
    threshold = threshold_for(initiative.agency_id)
    lines = _lines(initiative)
    subsidy = cross_subsidy(initiative)
    context = {
        "agency": initiative.agency,
        "initiative": initiative,
        "years": [str(period.year) for period in mix.years],
        "mix_rows": mix_rows(mix.years),
        "money_rows": money_rows(mix.years),
        "year_form": form,
        "chosen": chosen,
        "quarters": _quarter_rows(mix, chosen),
        "threshold": percent(threshold, 0),
        "warnings": dependency_warnings(mix, threshold),
        "concentration": CONCENTRATION,
        "clients": client_rows(mix),
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


def _quarter_rows(mix: Mix, year: int | None) -> dict | None:
    if year is None:
        return None
    quarters = mix.quarters[year]
    return {
        "columns": [_("Quarter %(quarter)s") % {"quarter": q.quarter} for q in quarters],
        "mix_rows": mix_rows(quarters),
        "money_rows": money_rows(quarters),
    }


# ------------------------------------------------------------------------------------------
# Rows of the tables: one cell per year (or quarter), formatted for the reader's language


def mix_rows(periods: list[Period]) -> list[Row]:
    shares = [period.shares() for period in periods]
    rows = [
        _money(_("Public contracts"), periods, "public"),
        _money(_("Market sales"), periods, "market"),
        _money(_("Volunteer work (valued)"), periods, "volunteer"),
        _money(_("Three sources together"), periods, "mix_total", total=True),
    ]
    for position, label in enumerate(
        (_("Share of public contracts"), _("Share of market sales"), _("Share of volunteer work"))
    ):
        cells = [percent(found[position], 0) if found else DASH for found in shares]
        rows.append(Row(str(label), cells))
    rows.append(Row(str(CONCENTRATION[0][0]), [index(p.herfindahl_sources()) for p in periods]))
    rows.append(Row(str(CONCENTRATION[1][0]), [index(p.herfindahl_payers()) for p in periods]))
    return rows


def money_rows(periods: list[Period]) -> list[Row]:
    return [
        _money(_("Public contracts and market sales"), periods, "sales"),
        _money(_("Grants and subsidies"), periods, "grants"),
        _money(_("Donations"), periods, "donations"),
        _money(_("Revenue"), periods, "revenue", total=True),
        _money(_("Costs"), periods, "costs"),
        _money(_("Result (revenue minus costs)"), periods, "result", total=True),
        Row(str(_("Volunteer hours")), [_hours(p.hours) for p in periods]),
        Row(str(_("of which not valued (no rate)")), [_hours(p.unvalued_hours) for p in periods]),
    ]


def client_rows(mix: Mix) -> list[Row]:
    """Per public client and year: the amount and its share of the year's mix."""
    rows = []
    for client, name in mix.clients_by_amount():
        cells = []
        for period in mix.years:
            amount, share = period.clients.get(client), period.client_share(client)
            found = amount is not None and share is not None
            cells.append(f"{euros(amount)} ({percent(share)})" if found else DASH)
        rows.append(Row(name, cells))
    return rows


def _money(label, periods: list[Period], name: str, *, total: bool = False) -> Row:
    return Row(str(label), [euros(getattr(period, name)) for period in periods], total)


def _hours(value) -> str:
    return number_format(value, decimal_pos=2, force_grouping=True)


# ------------------------------------------------------------------------------------------
# Cross-subsidy (criterion 3)


def _signed(value: Decimal) -> str:
    """ "+1.234,00 €", "−567,00 €" or "0,00 €": the sign carries the meaning, not a colour."""
    sign = "+" if value > 0 else "\N{MINUS SIGN}" if value < 0 else ""
    return sign + euros(abs(value))


def subsidy_rows(subsidy: CrossSubsidy) -> list[Row]:
    """Per line its result per year; then the whole enterprise's result, the losses that other
    lines' surpluses made good, what was paid out and what stayed in the enterprise."""
    years = subsidy.years
    if not years:
        return []
    rows = []
    for line in subsidy.lines:
        label = line.name if not line.archived else _("%(name)s (archived)") % {"name": line.name}
        cells = [_signed(line.results[y]) if y in line.results else DASH for y in years]
        rows.append(Row(str(label), cells))
    rows += [
        Row(str(_("Result of all lines")), [_signed(subsidy.total(y)) for y in years], True),
        Row(str(_("Losses made good by other lines")), [euros(subsidy.covered(y)) for y in years]),
        Row(
            str(_("Paid out to private persons")),
            [euros(subsidy.distributed.get(y, ZERO)) for y in years],
        ),
        Row(str(_("Kept in the enterprise")), [_signed(subsidy.kept(y)) for y in years], True),
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
    return ", ".join(f"{line.name} ({_signed(line.results[year])})" for line in lines)
