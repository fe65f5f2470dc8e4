"""Grants and their indicators, and the financing mix of an enterprise, a neighbourhood or the
agency.

Grants: management and evaluation read every grant of their agency, a funder the grants it is
a reader of (another grant is 404, as on the web). A grant's indicators: each active indicator
of the catalogue with its actual value (funding.indicators, the grant page's figures) and the
grant's target, per year of the period asked for and for the whole period.

The financing mix (economy.queries.financing_mix): per year the three sources, their shares
(whole percent adding up to 100), concentration, money received and costs, the public
clients and the dependency warnings; readers as the web's mix pages."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from kiezwerk.agencies.models import Neighbourhood
from kiezwerk.agencies.views import get_agency_for
from kiezwerk.api.errors import READ_ERRORS
from kiezwerk.api.pagination import Pages, paginate
from kiezwerk.economy.queries import Mix, Period, Scope, financing_mix
from kiezwerk.economy.services import FIRST_YEAR, LAST_YEAR
from kiezwerk.economy.views.base import get_enterprise_for
from kiezwerk.economy.warnings import dependency_warnings, threshold_for
from kiezwerk.funding import indicators
from kiezwerk.funding.attainment import FLOWS, Cell, Span, targets_of
from kiezwerk.funding.models import Grant, Indicator
from kiezwerk.funding.queries import cents, part_of, readable_grants, with_totals

router = Router(tags=["funding"])

GRANTS = "/agencies/{slug}/grants"
PLACES = Decimal("0.01")
INDEX_PLACES = Decimal("0.0001")


# ------------------------------------------------------------------------------------------
# Grants


class GrantOut(Schema):
    id: int
    title: str
    programme: str
    funder: str
    start_date: dt.date
    end_date: dt.date
    amount: Decimal
    eu_share: Decimal = Field(description="Percent of the amount the EU fund pays.")
    eu_amount: Decimal
    planned: Decimal = Field(description="The budget lines together.")
    spent: Decimal
    remaining: Decimal = Field(description="The amount less what has been spent.")

    @staticmethod
    def resolve_programme(obj: Grant) -> str:
        return obj.programme.name

    @staticmethod
    def resolve_funder(obj: Grant) -> str:
        return obj.programme.funder

    @staticmethod
    def resolve_eu_amount(obj: Grant) -> Decimal:
        return part_of(obj.amount, obj.eu_share)

    @staticmethod
    def resolve_planned(obj: Grant) -> Decimal:
        return cents(obj.planned)

    @staticmethod
    def resolve_spent(obj: Grant) -> Decimal:
        return cents(obj.spent)

    @staticmethod
    def resolve_remaining(obj: Grant) -> Decimal:
        return obj.amount - cents(obj.spent)


def _with_figures(grants):
    return with_totals(grants).select_related("programme").order_by("-start_date", "title", "pk")


def _grant(request, slug: str, grant_id: int) -> Grant:
    """A grant the user reads; 404 for any other (as on the web: not shown to exist)."""
    agency = get_agency_for(request, slug, "agencies.view_agency")
    found = get_object_or_404(
        _with_figures(Grant.objects.active().filter(agency=agency)), pk=grant_id
    )
    if not request.user.has_perm("funding.view_grant", found):
        raise Http404
    return found


@router.get(GRANTS, response={200: list[GrantOut], **READ_ERRORS})
@paginate(Pages)
def list_grants(request, slug: str):
    """The agency's active grants the user reads (a funder: the grants it is a reader of)."""
    agency = get_agency_for(request, slug, "funding.list_grants")
    return _with_figures(readable_grants(request.user, agency))


@router.get(GRANTS + "/{int:grant_id}", response={200: GrantOut, **READ_ERRORS})
def get_grant(request, slug: str, grant_id: int):
    return _grant(request, slug, grant_id)


# ------------------------------------------------------------------------------------------
# A grant's indicators with their actual values


class PeriodFilter(Schema):
    start: dt.date | None = Field(None, description="Default: the grant's start.")
    end: dt.date | None = Field(None, description="Default: the grant's end.")


class ValueOut(Schema):
    year: int | None = Field(description="None: the whole period.")
    start: dt.date
    end: dt.date
    target: Decimal | None = Field(
        description="For the whole period: the years' targets added up (counts of what "
        "happened in a period only)."
    )
    actual: Decimal | None = Field(description="None when the indicator has no query.")
    attainment: Decimal | None = Field(description="The actual in percent of the target.")


class IndicatorOut(Schema):
    id: int
    code: str
    name: str
    definition: str
    unit: str
    standard: str
    level: str
    query: str
    whole: ValueOut
    years: list[ValueOut]


class IndicatorsOut(Schema):
    grant_id: int
    start: dt.date
    end: dt.date
    indicators: list[IndicatorOut]


@router.get(GRANTS + "/{int:grant_id}/indicators", response={200: IndicatorsOut, **READ_ERRORS})
def list_grant_indicators(request, slug: str, grant_id: int, period: Query[PeriodFilter]):
    """Each active indicator of the catalogue with the grant's target and the actual value,
    per calendar year of the period (cut to it) and for the whole period. The period lies
    within the grant's (default: all of it). At most one query per registry reader and year."""
    grant = _grant(request, slug, grant_id)
    start, end = _period(grant, period)
    spans = [
        Span(year, max(start, dt.date(year, 1, 1)), min(end, dt.date(year, 12, 31)))
        for year in range(start.year, end.year + 1)
    ]
    catalogue = list(Indicator.objects.active().order_by("level", "code"))
    keys = sorted({i.query for i in catalogue if i.query in indicators.QUERIES})
    whole = Span(None, start, end)
    values = {
        span: indicators.actuals(keys, grant.agency_id, span.start, span.end)
        for span in [*spans, whole]
    }
    targets = targets_of(grant)
    rows = [_indicator(i, spans, whole, values, targets) for i in catalogue]
    return {"grant_id": grant.pk, "start": start, "end": end, "indicators": rows}


def _period(grant: Grant, period: PeriodFilter) -> tuple[dt.date, dt.date]:
    start, end = period.start or grant.start_date, period.end or grant.end_date
    if start < grant.start_date or end > grant.end_date:
        message = _("Please choose a period within the grant's period (%(start)s to %(end)s).")
        values = {"start": grant.start_date.isoformat(), "end": grant.end_date.isoformat()}
        raise ValidationError({"start" if start < grant.start_date else "end": message % values})
    if end < start:
        raise ValidationError({"end": _("The end must not be before the start.")})
    return start, end


def _indicator(indicator: Indicator, spans, whole: Span, values, targets) -> dict:
    years = []
    for span in spans:
        cell = Cell(values[span].get(indicator.query), targets.get((indicator.pk, span.year)))
        years.append(_value(span, cell))
    yearly = [value["target"] for value in years if value["target"] is not None]
    summed = sum(yearly) if indicator.query in FLOWS and yearly else None
    total = Cell(values[whole].get(indicator.query), summed or None)
    return {
        "id": indicator.pk,
        "code": indicator.code,
        "name": indicator.name,
        "definition": indicator.definition,
        "unit": indicator.unit,
        "standard": indicator.standard,
        "level": indicator.level,
        "query": indicator.query,
        "whole": _value(whole, total),
        "years": years,
    }


def _value(span: Span, cell: Cell) -> dict:
    known = cell.actual is not None
    return {
        "year": span.year,
        "start": span.start,
        "end": span.end,
        "target": cell.target,
        "actual": cell.actual,
        "attainment": cell.attainment if known else None,
    }


# ------------------------------------------------------------------------------------------
# The financing mix


class YearsFilter(Schema):
    first: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR, description="Default: all.")
    last: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR, description="Default: all.")


class SharesOut(Schema):
    public: Decimal
    market: Decimal
    volunteer: Decimal


class ClientShareOut(Schema):
    id: int
    name: str
    amount: Decimal
    share: Decimal | None = Field(description="Percent of the year's mix, two places.")


class PeriodOut(Schema):
    year: int
    quarter: int | None
    public: Decimal
    market: Decimal
    volunteer: Decimal = Field(description="Volunteer work valued at each month's rate.")
    mix_total: Decimal
    shares: SharesOut | None = Field(description="Whole percent, adding up to 100.")
    herfindahl_sources: Decimal | None
    herfindahl_payers: Decimal | None
    grants: Decimal
    donations: Decimal
    revenue: Decimal = Field(description="Money received: public, market, grants, donations.")
    costs: Decimal
    result: Decimal
    hours: Decimal
    unvalued_hours: Decimal
    clients: list[ClientShareOut]


class YearOut(PeriodOut):
    quarters: list[PeriodOut]


class WarningOut(Schema):
    year: int
    kind: str = Field(description='"source", "client" or "grants".')
    name: str
    share: Decimal | None
    message: str


class MixOut(Schema):
    first: int | None
    last: int | None
    dependency_threshold: int = Field(description="Percent of a year's mix.")
    years: list[YearOut]
    warnings: list[WarningOut]


@router.get(
    "/agencies/{slug}/initiatives/{int:initiative_id}/financing-mix",
    response={200: MixOut, **READ_ERRORS},
)
def get_enterprise_mix(request, slug: str, initiative_id: int, years: Query[YearsFilter]):
    """The financing mix of one enterprise: its staff and own founders."""
    enterprise = get_enterprise_for(request, slug, initiative_id, "economy.view_figures")
    return _mix(Scope.of_enterprise(enterprise), years)


@router.get(
    "/agencies/{slug}/neighbourhoods/{int:neighbourhood_id}/financing-mix",
    response={200: MixOut, **READ_ERRORS},
)
def get_neighbourhood_mix(request, slug: str, neighbourhood_id: int, years: Query[YearsFilter]):
    """The mix of all enterprises of a neighbourhood: management, evaluation and the
    neighbourhood's advisors."""
    agency = get_agency_for(request, slug, "economy.view_agency_mix")
    hoods = Neighbourhood.objects.visible_to(request.user).active().filter(agency=agency)
    hood = get_object_or_404(hoods, pk=neighbourhood_id)
    if not request.user.has_perm("economy.view_neighbourhood_mix", hood):
        raise PermissionDenied
    return _mix(Scope.of_neighbourhood(hood), years)


@router.get("/agencies/{slug}/financing-mix", response={200: MixOut, **READ_ERRORS})
def get_agency_mix(request, slug: str, years: Query[YearsFilter]):
    """The mix of all enterprises of the agency: management, evaluation and advisors."""
    agency = get_agency_for(request, slug, "economy.view_agency_mix")
    return _mix(Scope.of_agency(agency), years)


def _mix(scope: Scope, years: YearsFilter) -> dict:
    if years.first is not None and years.last is not None and years.first > years.last:
        raise ValidationError({"last": _("The first year must not come after the last.")})
    mix = financing_mix(scope, years.first, years.last)
    threshold = threshold_for(scope.agency_id)
    warnings = [
        {
            "year": w.year,
            "kind": w.kind,
            "name": w.name,
            "share": _places(w.share),
            "message": w.text,
        }
        for w in dependency_warnings(mix, threshold)
    ]
    return {
        "first": years.first,
        "last": years.last,
        "dependency_threshold": threshold,
        "years": [
            _period_out(year, mix)
            | {"quarters": [_period_out(q, mix) for q in mix.quarters[year.year]]}
            for year in mix.years
        ],
        "warnings": warnings,
    }


def _period_out(period: Period, mix: Mix) -> dict:
    shares = period.shares()
    sources = ("public", "market", "volunteer")
    return {
        "year": period.year,
        "quarter": period.quarter,
        **{name: getattr(period, name) for name in (*sources, "mix_total")},
        "shares": dict(zip(sources, shares, strict=True)) if shares else None,
        "herfindahl_sources": _places(period.herfindahl_sources(), INDEX_PLACES),
        "herfindahl_payers": _places(period.herfindahl_payers(), INDEX_PLACES),
        **{name: getattr(period, name) for name in ("grants", "donations", "revenue", "costs")},
        "result": period.result,
        "hours": period.hours,
        "unvalued_hours": period.unvalued_hours,
        "clients": [
            {
                "id": client,
                "name": name,
                "amount": period.clients[client],
                "share": _places(period.client_share(client)),
            }
            for client, name in mix.clients_by_amount()
            if client in period.clients
        ],
    }


def _places(value: Decimal | None, places: Decimal = PLACES) -> Decimal | None:
    return None if value is None else value.quantize(places)
