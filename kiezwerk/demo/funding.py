"""The demo grants' money: budget lines per cost category, spending month by month over the
period (a ramp-up, staff every month, material and services in some months, ending a little
below the budget), quarterly drawdowns from the EU fund and the co-financiers, and the funder
account that reads "Modellprojekt BEST".

Written through the models in bulk. Idempotent: a grant that has budget lines is left alone;
readers are added when missing.
"""

import datetime as dt
from decimal import ROUND_DOWN, Decimal

from kiezwerk.agencies.models import Agency, Membership
from kiezwerk.core.activity import log_action
from kiezwerk.demo.common import DEMO_END, rng
from kiezwerk.demo.funding_data import (
    BUDGETS,
    CALL_DAY,
    EQUIPMENT_MONTHS,
    EQUIPMENT_WEIGHT,
    LAST_CALL_OUTSTANDING,
    MONTHLY_CHANCE,
    PAYMENT_DAYS,
    RAMP_UP,
    READERS,
    SPENT_SHARE,
    TARGETS,
)
from kiezwerk.funding.enums import CostCategory
from kiezwerk.funding.models import (
    BudgetLine,
    CoFinancing,
    Drawdown,
    Grant,
    Indicator,
    Spending,
    Target,
)
from kiezwerk.funding.queries import split

CENT = Decimal("0.01")
Month = tuple[int, int]


def load_funding(agencies: dict[str, Agency]) -> bool:
    """Budgets, spending and drawdowns of the demo grants, and their readers; True when
    anything was created."""
    created = False
    for (agency_slug, title), planned in BUDGETS.items():
        grant = _grant(agencies, agency_slug, title)
        if grant is None or BudgetLine.objects.filter(grant=grant).exists():
            continue
        _budget(grant, planned)
        spent = _spending(grant, planned, rng(f"funding:{agency_slug}:{title}"))
        outstanding = (agency_slug, title) in LAST_CALL_OUTSTANDING
        _drawdowns(grant, spent, rng(f"drawdowns:{agency_slug}:{title}"), outstanding)
        log_action(None, "funding.budget_changed", grant, {"via": "demo"})
        created = True
    for (agency_slug, title), targets in TARGETS.items():
        grant = _grant(agencies, agency_slug, title)
        if grant is not None and not Target.objects.filter(grant=grant).exists():
            _targets(grant, targets)
            created = True
    for (agency_slug, title), emails in READERS.items():
        grant = _grant(agencies, agency_slug, title)
        if grant is not None:
            created |= _readers(grant, emails)
    return created


def _targets(grant: Grant, targets: dict[str, dict[int, int]]) -> None:
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=targets)}
    Target.objects.bulk_create(
        Target(
            agency_id=grant.agency_id,
            grant=grant,
            indicator=indicators[code],
            year=year,
            value=Decimal(value),
        )
        for code, years in targets.items()
        if code in indicators  # the agency may have archived or renamed a catalogue row
        for year, value in years.items()
    )


def _grant(agencies: dict[str, Agency], agency_slug: str, title: str) -> Grant | None:
    agency = agencies.get(agency_slug)
    if agency is None:
        return None
    return Grant.objects.filter(agency=agency, title=title).select_related("programme").first()


def _budget(grant: Grant, planned: dict[str, Decimal]) -> None:
    BudgetLine.objects.bulk_create(
        BudgetLine(agency_id=grant.agency_id, grant=grant, category=category, planned=amount)
        for category, amount in planned.items()
    )


def months_of(grant: Grant) -> list[Month]:
    """Every (year, month) of the grant's period."""
    year, month = grant.start_date.year, grant.start_date.month
    months = []
    while (year, month) <= (grant.end_date.year, grant.end_date.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _spending(grant: Grant, planned: dict[str, Decimal], generator) -> dict[Month, Decimal]:
    """Spending rows for every category; {month: spent in all categories}."""
    months = months_of(grant)
    rows, by_month = [], dict.fromkeys(months, Decimal(0))
    for category, amount in planned.items():
        target = amount * Decimal(str(round(generator.uniform(*SPENT_SHARE), 4)))
        weights = _weights(category, len(months), generator)
        total = sum(weights)
        for (year, month), weight in zip(months, weights, strict=True):
            if not weight:
                continue
            value = (target * Decimal(weight / total)).quantize(CENT, rounding=ROUND_DOWN)
            rows.append(
                Spending(
                    agency_id=grant.agency_id,
                    grant=grant,
                    category=category,
                    year=year,
                    month=month,
                    amount=value,
                )
            )
            by_month[(year, month)] += value
    Spending.objects.bulk_create(rows)
    return by_month


def _weights(category: str, count: int, generator) -> list[float]:
    """How much of the category's spending falls into each month (0: none that month)."""
    chance = MONTHLY_CHANCE[category]
    weights = []
    for index in range(count):
        ramp = RAMP_UP[index] if index < len(RAMP_UP) else 1.0
        if chance >= 1:
            weights.append(ramp * generator.uniform(0.94, 1.06))
            continue
        equipment = category == CostCategory.MATERIAL and index < EQUIPMENT_MONTHS
        if equipment or generator.random() < chance:
            extra = EQUIPMENT_WEIGHT if equipment else 1
            weights.append(ramp * extra * generator.uniform(0.5, 1.5))
        else:
            weights.append(0.0)
    return weights


def _drawdowns(grant: Grant, by_month: dict[Month, Decimal], generator, outstanding: bool) -> None:
    """For each quarter's spending, a call to the EU fund and to each co-financier by its
    share; calls after the demo's end are not made yet. With `outstanding`, the money of the
    last call has not arrived."""
    sources = [(grant.programme.funder, grant.eu_share)] + [
        (row.name, row.share) for row in CoFinancing.objects.filter(grant=grant)
    ]
    names = [name for name, _ in sources]
    shares = [share for _, share in sources]
    own = Decimal(100) - sum(shares, Decimal(0))
    rows = []
    for called, spent in sorted(_quarters(by_month).items()):
        if called > DEMO_END:
            continue
        amounts = split(spent, [*shares, own] if own else shares)
        for source, amount in zip(names, amounts, strict=False):
            if amount > 0:
                received = called + dt.timedelta(days=generator.randint(*PAYMENT_DAYS))
                rows.append(
                    Drawdown(
                        agency_id=grant.agency_id,
                        grant=grant,
                        source=source,
                        requested_on=called,
                        amount=amount,
                        received_on=received,
                    )
                )
    if outstanding and rows:
        last = max(row.requested_on for row in rows)
        for row in rows:
            if row.requested_on == last:
                row.received_on = None
    Drawdown.objects.bulk_create(rows)


def _quarters(by_month: dict[Month, Decimal]) -> dict[dt.date, Decimal]:
    """{day of the call: spending of the quarter}: a weekday in the month after the quarter."""
    calls: dict[dt.date, Decimal] = {}
    for (year, month), spent in by_month.items():
        last = (month - 1) // 3 * 3 + 3  # the quarter's last month
        year_after, month_after = (year + 1, 1) if last == 12 else (year, last + 1)
        day = _weekday(dt.date(year_after, month_after, CALL_DAY))
        calls[day] = calls.get(day, Decimal(0)) + spent
    return calls


def _weekday(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _readers(grant: Grant, emails: list[str]) -> bool:
    memberships = Membership.objects.filter(agency_id=grant.agency_id, user__email__in=emails)
    missing = memberships.exclude(pk__in=grant.readers.values("pk"))
    found = list(missing)
    grant.readers.add(*found)
    return bool(found)
