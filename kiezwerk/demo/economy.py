"""The demo enterprises' economics: business lines, monthly figures from founding to the
demo's end (growing, seasonal, each line with its own mix), closed months, the agencies'
valuation rates for volunteer hours, and one profit distribution.

Written through the models in bulk. Idempotent: an enterprise that has business lines is
left alone; rates are created when missing.
"""

import datetime as dt
import math
from decimal import Decimal

from kiezwerk.accounts.enums import Role
from kiezwerk.agencies.models import Agency, TeamAssignment
from kiezwerk.demo.common import DEMO_END, local, log_created, rng
from kiezwerk.demo.economy_data import (
    CLOSED_UNTIL,
    DISTRIBUTIONS,
    EXISTED_BEFORE,
    LINES,
    VOLUNTEER_RATE,
    Line,
)
from kiezwerk.demo.initiatives_data import HANDED_OVER, PANKOW
from kiezwerk.demo.needs_data import CATEGORIES
from kiezwerk.economy import summaries
from kiezwerk.economy.enums import RateMethod, Source
from kiezwerk.economy.models import (
    BusinessLine,
    ClosedMonth,
    Distribution,
    LineClient,
    MonthFigures,
    Revenue,
    ValuationRate,
)
from kiezwerk.initiatives.models import Initiative
from kiezwerk.needs.models import NeedCategory
from kiezwerk.network.enums import PartnerKind
from kiezwerk.network.models import Partner

HANDED = {spec[1] for spec in PANKOW}  # enterprises BEST Pankow carried on from mid-2005
CENT = Decimal("0.01")


def load_economy(agencies: dict[str, Agency]) -> bool:
    """Rates, lines and figures of every agency's enterprises; True when anything was created."""
    created = False
    categories = {c.name: c for c in NeedCategory.objects.filter(name__in=CATEGORIES.values())}
    for agency in agencies.values():
        _rates(agency)
        clients = {
            p.name: p for p in Partner.objects.filter(agency=agency, kind=PartnerKind.PUBLIC)
        }
        enterprises = _enterprises_without_lines(agency)
        for enterprise in enterprises:
            _enterprise(agency, enterprise, categories, clients)
        if enterprises:
            summaries.rebuild(agency.pk)  # the figures above were written in bulk
            created = True
    return created


def _rates(agency: Agency) -> None:
    have = set(ValuationRate.objects.filter(agency=agency).values_list("year", flat=True))
    ValuationRate.objects.bulk_create(
        ValuationRate(agency=agency, year=year, rate=rate, method=RateMethod.AGENCY)
        for year, rate in VOLUNTEER_RATE.items()
        if year not in have
    )


def _enterprises_without_lines(agency: Agency) -> list[Initiative]:
    with_lines = BusinessLine.objects.filter(agency=agency).values("initiative_id")
    return list(
        Initiative.objects.filter(agency=agency, name__in=LINES, founded_on__isnull=False)
        .exclude(pk__in=with_lines)
        .select_related("neighbourhood")
        .order_by("name")
    )


def _months(agency: Agency, enterprise: Initiative) -> list[tuple[int, int]]:
    """The months the agency keeps figures of: from founding (or from 2003 for enterprises that
    existed before as associations; BEST Pankow: from the handover) to the demo's end (BEST:
    to the handover, for enterprises handed over)."""
    first = EXISTED_BEFORE.get(enterprise.name, enterprise.founded_on)
    last = DEMO_END
    if enterprise.name in HANDED:
        if agency.slug == "best":
            last = HANDED_OVER
        else:
            first = max(first, HANDED_OVER + dt.timedelta(days=1))
    months, (year, month) = [], (first.year, first.month)
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _enterprise(agency: Agency, enterprise: Initiative, categories: dict, clients: dict) -> None:
    specs = [
        spec for spec in LINES[enterprise.name] if spec.client is None or spec.client in clients
    ]
    if not specs:  # no line whose public client works with this agency
        return
    lines = BusinessLine.objects.bulk_create(
        BusinessLine(
            agency=agency,
            initiative=enterprise,
            name=spec.name,
            service=categories[CATEGORIES[spec.category]],
            created_at=local(enterprise.founded_on, dt.time(11)),
        )
        for spec in specs
    )
    log_created(lines)
    LineClient.objects.bulk_create(
        LineClient(agency=agency, line=line, partner=clients[spec.client])
        for line, spec in zip(lines, specs, strict=True)
        if spec.client
    )
    months = _months(agency, enterprise)
    figures, revenue = [], []
    for line, spec in zip(lines, specs, strict=True):
        client = clients.get(spec.client) if spec.client else None
        generator = rng(f"economy:{agency.slug}:{enterprise.name}:{spec.name}")
        for index, (year, month) in enumerate(months):
            row = _month_row(agency, enterprise, line, year, month)
            amounts = _amounts(spec, index, month, generator)
            figures.append(_month_figures(row, spec, amounts, year))
            revenue += _revenue(row, client, amounts)
    MonthFigures.objects.bulk_create(figures)
    Revenue.objects.bulk_create(revenue)
    _close(agency, enterprise, months)
    _distribution(agency, enterprise)


def _month_row(agency, enterprise, line, year, month) -> dict:
    return {
        "agency": agency,
        "initiative": enterprise,
        "neighbourhood_id": enterprise.neighbourhood_id,
        "line": line,
        "year": year,
        "month": month,
    }


def _amounts(spec: Line, age: int, month: int, generator) -> dict[str, float]:
    """One month's money and hours: growing over two years from a third of the full size,
    lower in summer, higher in December, with some noise; grants shrink as the line grows."""
    grown = min(1.0, 0.35 + 0.65 * age / 24)
    season = 1 + 0.12 * math.cos(2 * math.pi * (month - 1) / 12) + (0.08 if month == 12 else 0)
    size = spec.revenue * grown * season * generator.uniform(0.9, 1.1)
    grants = spec.grants * (1.5 - grown)
    market = max(0.0, 1 - spec.public - spec.grants - spec.donations)
    total = size * (spec.public + market + grants + spec.donations)
    return {
        "public": size * spec.public,
        "market": size * market,
        "grants": size * grants,
        "donations": size * spec.donations,
        "costs": total * spec.cost_ratio * generator.uniform(0.92, 1.08),
        "hours": round(spec.hours * (0.6 + 0.4 * grown) * generator.uniform(0.8, 1.2)),
    }


def _money(value: float) -> Decimal:
    return Decimal(str(round(value, 2))).quantize(CENT)


def _month_figures(row: dict, spec: Line, amounts: dict, year: int) -> MonthFigures:
    hours = amounts["hours"]
    return MonthFigures(
        **row,
        costs=_money(amounts["costs"]),
        volunteer_hours=Decimal(hours),
        volunteers=spec.volunteers if hours else 0,
        reciprocal=spec.reciprocal and bool(hours),
        hour_rate=VOLUNTEER_RATE[year],
        rate_method=RateMethod.AGENCY,
        version=1,
    )


def _revenue(row: dict, client, amounts: dict) -> list[Revenue]:
    found = []
    for source in (Source.PUBLIC, Source.MARKET, Source.GRANTS, Source.DONATIONS):
        amount = _money(amounts[source])
        if amount:
            public = source == Source.PUBLIC
            found.append(
                Revenue(**row, source=source, client=client if public else None, amount=amount)
            )
    return found


def _close(agency: Agency, enterprise: Initiative, months: list[tuple[int, int]]) -> None:
    advisor = (
        TeamAssignment.objects.filter(
            agency=agency,
            membership__role=Role.ADVISOR,
            neighbourhood_id=enterprise.neighbourhood_id,
        )
        .select_related("membership__user")
        .first()
    )
    closed_by = advisor.membership.user if advisor else None
    ClosedMonth.objects.bulk_create(
        ClosedMonth(
            agency=agency,
            initiative=enterprise,
            year=year,
            month=month,
            closed_at=local(dt.date(year, month, 1) + dt.timedelta(days=40), dt.time(15)),
            closed_by=closed_by,
        )
        for year, month in months
        if (year, month) <= CLOSED_UNTIL
    )


def _distribution(agency: Agency, enterprise: Initiative) -> None:
    if enterprise.name not in DISTRIBUTIONS:
        return
    day, amount, recipients, explanation = DISTRIBUTIONS[enterprise.name]
    distribution = Distribution.objects.create(
        agency=agency,
        initiative=enterprise,
        year=day.year,
        month=day.month,
        amount=amount,
        recipients=recipients,
        explanation=explanation,
        created_at=local(day, dt.time(14)),
    )
    log_created([distribution])
