"""A Berlin-sized agency for the funder-report benchmark, made the same way for every size.

Agency "sachbericht" gets 30 neighbourhoods and `size` enterprises spread over them, and for
the ten years 2010 to 2019 what a funder report reads:

- per enterprise: one business line; consultations (one to four a year); from its founding
  month on, monthly figures and two revenue rows a month (market sales, and in turn public
  contracts with a district office, grants or donations); one to four positions; a referral
  to a partner with one delivery about every other year;
- per neighbourhood and year: three needs (one of them met) and four forums;
- one grant over the ten years: EU share and two co-financiers, a budget line per cost
  category, monthly spending in three categories, quarterly drawdowns of two sources and a
  target for every indicator of the catalogue in every year.

Everything is bulk-created in batches, in one transaction, with random.Random(SEED): the same
size gives the same data. Only the enterprises and what hangs on them grow with the size.
"""

import datetime as dt
import random
from collections.abc import Iterable, Iterator
from decimal import Decimal
from itertools import islice

from django.db import transaction
from django.utils import timezone

AGENCY = "sachbericht"
NEIGHBOURHOODS = 30
YEARS = range(2010, 2020)
FIRST, LAST = dt.date(YEARS[0], 1, 1), dt.date(YEARS[-1], 12, 31)
BATCH = 5_000
SEED = 2010
CLIENTS = 25  # district offices buying from the enterprises
TURNS = ("public", "grants", "donations")  # the second revenue row of a month, in turn
STAGES = ("startup", "consolidation", "self_sustaining")
FORMS = ("ev", "ggmbh", "eg", "gmbh", "ug")
TOPICS = ("business_plan", "financing_mix", "staff", "marketing", "premises")
SPENT = ("staff", "material", "services")  # categories with monthly spending
PLANNED = {
    "staff": Decimal("3500000"),
    "material": Decimal("500000"),
    "services": Decimal("600000"),
    "travel": Decimal("100000"),
    "overheads": Decimal("300000"),
}
EU, SENATE, DISTRICT = "Europäische Kommission", "Senatsverwaltung", "Bezirksamt"


def seeded() -> bool:
    from kiezwerk.agencies.models import Agency

    return Agency.objects.filter(slug=AGENCY).exists()


@transaction.atomic
def seed(size: int) -> None:
    """The agency with `size` enterprises (see the module docstring)."""
    from kiezwerk.economy import summaries

    rng = random.Random(SEED)
    agency, hoods = _agency()
    partners = _partners(agency)
    enterprises = _enterprises(rng, agency, hoods, size)
    lines = _lines(agency, enterprises)
    _bulk(_consultations(rng, enterprises))
    _bulk(_months(rng, lines, partners[:CLIENTS]))
    summaries.rebuild(agency.pk)  # the months above were written in bulk
    _bulk(_positions(rng, enterprises))
    _referrals_and_deliveries(rng, enterprises, partners[CLIENTS:])
    _bulk(_needs(rng, agency, hoods))
    _bulk(_forums(rng, agency, hoods))
    _grant(rng, agency)


def _bulk(rows: Iterable) -> None:
    """Insert the model instances of `rows` in batches (they may be of several models)."""
    rows = iter(rows)
    while batch := list(islice(rows, BATCH)):
        by_model: dict[type, list] = {}
        for row in batch:
            by_model.setdefault(type(row), []).append(row)
        for model, objects in by_model.items():
            model.objects.bulk_create(objects)


def _cents(rng: random.Random, most: int) -> Decimal:
    return Decimal(rng.randrange(most * 100)).scaleb(-2)


def _day(rng: random.Random, year: int) -> dt.date:
    return dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))


# ------------------------------------------------------------------------------------------
# The agency and its neighbourhoods, partners and enterprises


def _agency():
    from kiezwerk.agencies.models import Agency, District, Neighbourhood

    agency = Agency.objects.create(
        slug=AGENCY,
        name="Benchmark Sachbericht",
        short_name="Sachbericht",
        legal_entity="Kiezwerk Benchmark e.V.",
        street="Gärtnerstraße 1",
        postcode="10245",
        city="Berlin",
    )
    district, _ = District.objects.get_or_create(name="Friedrichshain-Kreuzberg")
    hoods = Neighbourhood.objects.bulk_create(
        Neighbourhood(agency=agency, district=district, name=f"Kiez {n:02}", slug=f"kiez-{n:02}")
        for n in range(1, NEIGHBOURHOODS + 1)
    )
    return agency, hoods


def _partners(agency) -> list:
    """District offices first (the public clients), then partners that deliver resources."""
    from kiezwerk.network.models import Partner

    public = [
        Partner(agency=agency, name=f"Bezirksamt, Fachbereich {n}", kind="public")
        for n in range(1, CLIENTS + 1)
    ]
    others = [
        Partner(agency=agency, name=f"Netzwerkpartner {n}", kind="association")
        for n in range(1, 16)
    ]
    return Partner.objects.bulk_create(public + others)


def _enterprises(rng: random.Random, agency, hoods: list, size: int) -> list:
    """Four in five founded between 2006 and 2018; the others not (yet)."""
    from kiezwerk.initiatives.models import Initiative

    enterprises = []
    for number in range(1, size + 1):
        founded = _day(rng, rng.randint(2006, 2018)) if rng.random() < 0.8 else None
        enterprises.append(
            Initiative(
                agency=agency,
                neighbourhood=hoods[number % len(hoods)],
                name=f"Sozialunternehmen {number:04}",
                stage=rng.choice(STAGES) if founded else "concept",
                legal_form=rng.choice(FORMS) if founded else "none",
                founded_on=founded,
            )
        )
    return Initiative.objects.bulk_create(enterprises, batch_size=BATCH)


def _lines(agency, enterprises: list) -> list:
    from kiezwerk.economy.models import BusinessLine
    from kiezwerk.needs.models import NeedCategory

    service, _ = NeedCategory.objects.get_or_create(name="Nahversorgung und Alltagsbedarf")
    return BusinessLine.objects.bulk_create(
        (
            BusinessLine(agency=agency, initiative=enterprise, name="Kerngeschäft", service=service)
            for enterprise in enterprises
        ),
        batch_size=BATCH,
    )


# ------------------------------------------------------------------------------------------
# What hangs on each enterprise


def _consultations(rng: random.Random, enterprises: list) -> Iterator:
    from kiezwerk.initiatives.models import Consultation

    for enterprise in enterprises:
        for year in YEARS:
            for _ in range(rng.randint(1, 4)):
                yield Consultation(
                    agency_id=enterprise.agency_id,
                    initiative=enterprise,
                    held_on=_day(rng, year),
                    duration_minutes=rng.choice((30, 60, 90)),
                    topic=rng.choice(TOPICS),
                )


def _months(rng: random.Random, lines: list, clients: list) -> Iterator:
    """From the founding month on (founded enterprises only): figures and two revenue rows."""
    for number, line in enumerate(lines):
        founded = line.initiative.founded_on
        if founded is None:
            continue
        for year in YEARS:
            for month in range(1, 13):
                if (year, month) >= (founded.year, founded.month):
                    yield from _month(rng, line, year, month, clients[number % len(clients)])


def _month(rng: random.Random, line, year: int, month: int, client) -> Iterator:
    from kiezwerk.economy.models import MonthFigures, Revenue
    from kiezwerk.economy.rates import MINIMUM_WAGE

    period = {
        "agency_id": line.agency_id,
        "initiative_id": line.initiative_id,
        "neighbourhood_id": line.initiative.neighbourhood_id,
        "line": line,
        "year": year,
        "month": month,
    }
    rate = MINIMUM_WAGE.get(year)
    yield MonthFigures(
        **period,
        costs=_cents(rng, 8_000),
        volunteer_hours=Decimal(rng.randrange(800)).scaleb(-1),
        volunteers=rng.randrange(12),
        hour_rate=rate,
        rate_method="minimum_wage" if rate is not None else "",
    )
    yield Revenue(**period, source="market", amount=_cents(rng, 6_000))
    turn = TURNS[month % len(TURNS)]
    yield Revenue(
        **period,
        source=turn,
        client=client if turn == "public" else None,
        amount=_cents(rng, 4_000),
    )


def _positions(rng: random.Random, enterprises: list) -> Iterator:
    from kiezwerk.jobs.models import Position, full_time_equivalent

    for enterprise in enterprises:
        if enterprise.founded_on is None:
            continue
        for number in range(rng.randint(1, 4)):
            start = max(enterprise.founded_on, FIRST) + dt.timedelta(days=rng.randrange(900))
            ended = rng.random() < 0.3
            hours = Decimal(rng.choice((20, 30, 39)))
            yield Position(
                agency_id=enterprise.agency_id,
                initiative=enterprise,
                neighbourhood_id=enterprise.neighbourhood_id,
                title=f"Stelle {number + 1}",
                contract_type="full_time" if hours == 39 else "part_time",
                weekly_hours=hours,
                fte=full_time_equivalent(hours, Decimal(39)),
                full_time_hours=Decimal(39),
                start_date=start,
                end_date=start + dt.timedelta(days=rng.randint(180, 1500)) if ended else None,
                origin=rng.choice(("created", "created", "maintained")),
            )


def _referrals_and_deliveries(rng: random.Random, enterprises: list, partners: list) -> None:
    from kiezwerk.network.models import Referral

    referrals = []
    for enterprise in enterprises:
        for year in YEARS[::2]:
            referrals.append(
                Referral(
                    agency_id=enterprise.agency_id,
                    initiative=enterprise,
                    neighbourhood_id=enterprise.neighbourhood_id,
                    partner=rng.choice(partners),
                    referred_on=_day(rng, year),
                    status="delivered",
                )
            )
    Referral.objects.bulk_create(referrals, batch_size=BATCH)
    _bulk(_delivery(rng, referral) for referral in referrals)


def _delivery(rng: random.Random, referral):
    from kiezwerk.network.models import Delivery

    day = min(referral.referred_on + dt.timedelta(days=rng.randrange(60)), LAST)
    return Delivery(
        agency_id=referral.agency_id,
        referral=referral,
        partner=referral.partner,
        neighbourhood_id=referral.neighbourhood_id,
        kind=rng.choice(("advice", "rooms", "equipment", "volunteers")),
        delivered_on=day,
        year=day.year,
        month=day.month,
        hours=Decimal(rng.randrange(1, 40)),
        value=_cents(rng, 2_000),
    )


# ------------------------------------------------------------------------------------------
# Per neighbourhood and year


def _needs(rng: random.Random, agency, hoods: list) -> Iterator:
    from kiezwerk.needs.models import Need, NeedCategory

    category, _ = NeedCategory.objects.get_or_create(name="Nahversorgung und Alltagsbedarf")
    for hood in hoods:
        for year in YEARS:
            for number in range(3):
                raised = _day(rng, year)
                met = number == 0
                yield Need(
                    agency=agency,
                    neighbourhood=hood,
                    category=category,
                    title=f"Bedarf {year}-{number + 1} in {hood.name}",
                    raised_on=raised,
                    status="met" if met else "confirmed",
                    closed_on=min(raised + dt.timedelta(days=120), LAST) if met else None,
                )


def _forums(rng: random.Random, agency, hoods: list) -> Iterator:
    from kiezwerk.forums.models import Forum

    berlin = timezone.get_default_timezone()
    for hood in hoods:
        for year in YEARS:
            for quarter in range(4):
                day = dt.date(year, 3 * quarter + 1, 1) + dt.timedelta(days=rng.randrange(80))
                starts = timezone.make_aware(dt.datetime.combine(day, dt.time(18)), berlin)
                yield Forum(
                    agency=agency,
                    neighbourhood=hood,
                    title=f"Kiezforum {hood.name} {year}/{quarter + 1}",
                    starts_at=starts,
                    year=year,
                    residents_count=rng.randrange(10, 60),
                    initiatives_count=rng.randrange(2, 12),
                    partners_count=rng.randrange(1, 6),
                    public_bodies_count=rng.randrange(0, 3),
                )


# ------------------------------------------------------------------------------------------
# The grant


def _grant(rng: random.Random, agency) -> None:
    from kiezwerk.funding.models import (
        BudgetLine,
        CoFinancing,
        Grant,
        Indicator,
        Programme,
        Spending,
        Target,
    )

    programme, _ = Programme.objects.get_or_create(
        name="Benchmark: Soziale Stadt", defaults={"fund": "esf", "funder": EU}
    )
    grant = Grant.objects.create(
        agency=agency,
        programme=programme,
        title="Sozialunternehmen im Kiez 2010–2019",
        start_date=FIRST,
        end_date=LAST,
        amount=sum(PLANNED.values()),
        eu_share=Decimal("50.00"),
    )
    of_grant = {"agency": agency, "grant": grant}
    CoFinancing.objects.bulk_create(
        [
            CoFinancing(**of_grant, name=SENATE, share=Decimal("40.00")),
            CoFinancing(**of_grant, name=DISTRICT, share=Decimal("10.00")),
        ]
    )
    BudgetLine.objects.bulk_create(
        BudgetLine(**of_grant, category=category, planned=planned)
        for category, planned in PLANNED.items()
    )
    Spending.objects.bulk_create(
        Spending(**of_grant, category=category, year=year, month=month, amount=_cents(rng, 9_000))
        for year in YEARS
        for month in range(1, 13)
        for category in SPENT
    )
    _bulk(_drawdowns(rng, of_grant))
    Target.objects.bulk_create(
        Target(**of_grant, indicator=indicator, year=year, value=Decimal(rng.randrange(10, 500)))
        for indicator in Indicator.objects.all()
        for year in YEARS
    )


def _drawdowns(rng: random.Random, of_grant: dict) -> Iterator:
    from kiezwerk.funding.models import Drawdown

    for year in YEARS:
        for quarter in range(4):
            requested = dt.date(year, 3 * quarter + 1, 15)
            for source in (EU, SENATE):
                received = requested + dt.timedelta(days=rng.randrange(20, 90))
                yield Drawdown(
                    **of_grant,
                    source=source,
                    requested_on=requested,
                    amount=_cents(rng, 150_000) + 1,
                    received_on=received if received <= LAST else None,
                )
