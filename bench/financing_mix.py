"""Financing mix of a large agency: the ORM's queries within 1.1x of the same SQL written by hand.

    python bench/financing_mix.py             # the benchmark database (bench.settings)
    python bench/financing_mix.py --explain   # also both versions of each query and their plans

Agency "finanzierungsmix" in the benchmark database gets, once, 500 enterprises with one
business line each (one public client per line, 25 public bodies in all) and, for ten years of
twelve months, four revenue rows per line and month (public contracts, market sales, grants,
donations) and one row of figures (costs, volunteer hours, the hour's value; none before the
minimum wage of 2015): 240,000 revenue rows and 60,000 figure rows.

The mix of the whole agency (`Scope.of_agency`) is two grouped queries, `_revenue_rows` and
`_figure_rows` of kiezwerk.economy.queries. Each is fetched as the product fetches it (a list
of dicts with Decimal sums) and as hand-written SQL on the same connection that returns the
same rows with the same Python types (on SQLite the sums come back as floats and are turned
into Decimals as Django does; PostgreSQL returns numeric as Decimal). Both must give the same
rows before anything is timed. Then 15 rounds (`--rounds`), in each the ORM and the SQL one
right after the other, which goes first alternating. One line per query and one for the mix,
both queries together: median times and the median of the rounds' ratios ORM / SQL. The goal
is the mix's ratio: at most 1.1, else the exit status is 1. The queries' own ratios show
where time goes: the small figures query carries Django's fixed cost per query (building and
compiling it, the result path: about 1.5 ms) on 20 ms of PostgreSQL; see bench/README.md.
Timings belong here, not in the tests.
"""

import argparse
import decimal
import os
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL = 1.1
ROUNDS = 15
AGENCY = "finanzierungsmix"
ENTERPRISES = 500
CLIENTS = 25
YEARS = range(2011, 2021)
SOURCES = ("public", "market", "grants", "donations")
BATCH = 5_000
SEED = 2004

# The same aggregates as kiezwerk.economy.queries, written by hand.
REVENUE_SQL = """
    SELECT r.year, (r.month + 2) / 3, r.source, r.client_id, p.name, SUM(r.amount)
      FROM economy_revenue r
      LEFT JOIN network_partner p ON p.id = r.client_id
     WHERE r.agency_id = %s
     GROUP BY 1, 2, 3, 4, 5
"""
REVENUE_KEYS = ("year", "quarter", "source", "client_id", "client__name", "amount")
FIGURES_SQL = """
    SELECT year, (month + 2) / 3,
           COALESCE(SUM(costs), 0),
           COALESCE(SUM(volunteer_hours), 0),
           COALESCE(SUM(volunteer_hours * hour_rate), 0),
           COALESCE(SUM(volunteer_hours) FILTER (WHERE hour_rate IS NULL), 0)
      FROM economy_monthfigures
     WHERE agency_id = %s
     GROUP BY 1, 2
"""
FIGURES_KEYS = ("year", "quarter", "sum_costs", "sum_hours", "sum_value", "sum_unvalued")


def main() -> int:
    options = _arguments()
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    agency = _seeded_agency()
    measures = _measures(agency)
    _check_same_rows(measures)
    if options.explain:
        _explain(agency)
    return _report(agency, _timed(measures, options.rounds), options.rounds)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="rounds to take the median of")
    parser.add_argument(
        "--explain", action="store_true", help="print both versions of each query and its plan"
    )
    return parser.parse_args()


# ------------------------------------------------------------------------------------------
# The agency


def _seeded_agency():
    from django.db import transaction

    from bench.run import _analyze
    from kiezwerk.agencies.models import Agency
    from kiezwerk.economy import summaries

    agency = Agency.objects.filter(slug=AGENCY).first()
    if agency is None:
        print("Seeding the agency (once) …", flush=True)
        started = time.perf_counter()
        with transaction.atomic():
            agency = _seed()
            summaries.rebuild(agency.pk)  # the mix of the agency reads them (not judged here)
        print(f"  seeded in {time.perf_counter() - started:.1f} s", flush=True)
    _analyze()  # fresh planner statistics, as autovacuum keeps them (see bench/run.py)
    return agency


def _seed():
    from kiezwerk.agencies.models import Agency, District, Neighbourhood
    from kiezwerk.economy.models import BusinessLine, LineClient, MonthFigures, Revenue
    from kiezwerk.initiatives.models import Initiative
    from kiezwerk.needs.models import NeedCategory
    from kiezwerk.network.models import Partner

    rng = random.Random(SEED)
    agency = Agency.objects.create(
        slug=AGENCY, name="Benchmark Finanzierungsmix", short_name="Finanzierungsmix"
    )
    district, _ = District.objects.get_or_create(name="Friedrichshain-Kreuzberg")
    hoods = [
        Neighbourhood.objects.create(
            agency=agency, district=district, name=f"Kiez {number}", slug=f"kiez-{number}"
        )
        for number in range(1, 4)
    ]
    service, _ = NeedCategory.objects.get_or_create(name="Nahversorgung und Alltagsbedarf")
    clients = Partner.objects.bulk_create(
        Partner(agency=agency, name=f"Bezirksamt, Fachbereich {number}", kind="public")
        for number in range(1, CLIENTS + 1)
    )
    enterprises = Initiative.objects.bulk_create(
        Initiative(agency=agency, neighbourhood=hoods[n % 3], name=f"Unternehmen {n}")
        for n in range(1, ENTERPRISES + 1)
    )
    lines = BusinessLine.objects.bulk_create(
        BusinessLine(agency=agency, initiative=enterprise, name="Café", service=service)
        for enterprise in enterprises
    )
    client_of = {line.pk: clients[n % CLIENTS] for n, line in enumerate(lines)}
    LineClient.objects.bulk_create(
        LineClient(agency=agency, line=line, partner=client_of[line.pk]) for line in lines
    )
    months = [(line, year, month) for line in lines for year in YEARS for month in range(1, 13)]
    _in_batches(Revenue, (r for m in months for r in _revenue(rng, client_of, *m)))
    _in_batches(MonthFigures, (_figures(rng, *m) for m in months))
    return agency


def _period(line, year: int, month: int) -> dict:
    return {
        "agency_id": line.agency_id,
        "initiative_id": line.initiative_id,
        "neighbourhood_id": line.initiative.neighbourhood_id,
        "line": line,
        "year": year,
        "month": month,
    }


def _cents(rng: random.Random, most: int) -> Decimal:
    return Decimal(rng.randrange(most * 100)).scaleb(-2)


def _revenue(rng: random.Random, client_of: dict, line, year: int, month: int) -> Iterator:
    from kiezwerk.economy.models import Revenue

    for source in SOURCES:
        client = client_of[line.pk] if source == "public" else None
        amount = _cents(rng, 5_000)
        yield Revenue(**_period(line, year, month), source=source, client=client, amount=amount)


def _figures(rng: random.Random, line, year: int, month: int):
    from kiezwerk.economy.models import MonthFigures
    from kiezwerk.economy.rates import MINIMUM_WAGE

    rate = MINIMUM_WAGE.get(year)
    return MonthFigures(
        **_period(line, year, month),
        costs=_cents(rng, 8_000),
        volunteer_hours=Decimal(rng.randrange(800)).scaleb(-1),
        volunteers=rng.randrange(12),
        hour_rate=rate,
        rate_method="minimum_wage" if rate is not None else "",
    )


def _in_batches(model, rows: Iterator) -> None:
    while batch := list(islice(rows, BATCH)):
        model.objects.bulk_create(batch)


# ------------------------------------------------------------------------------------------
# The two versions of each query


def _measures(agency) -> dict[str, tuple[Callable, Callable]]:
    """Per query: (the product's ORM query fetched, the hand-written SQL fetched)."""
    from kiezwerk.economy.queries import Scope, _figure_rows, _revenue_rows

    scope = Scope.of_agency(agency)
    revenue = _fetcher(REVENUE_SQL, REVENUE_KEYS, agency.pk, sums=5)
    figures = _fetcher(FIGURES_SQL, FIGURES_KEYS, agency.pk, sums=2)
    return {
        "revenue (year, quarter, source, client)": (
            lambda: list(_revenue_rows(scope, None, None)),
            revenue,
        ),
        "figures (year, quarter)": (lambda: list(_figure_rows(scope, None, None)), figures),
    }


def _fetcher(sql: str, keys: tuple, agency_id: int, *, sums: int) -> Callable:
    """Rows of `sql` as the ORM gives them: dicts, the sums (the columns from index `sums` on)
    as Decimals. PostgreSQL returns numeric as Decimal already; SQLite returns floats (or
    integers), which become Decimals as Django's SQLite backend makes them from an aggregate:
    with the 15 significant digits SQLite keeps."""
    from django.db import connection

    if connection.vendor == "sqlite":
        create = decimal.Context(prec=15).create_decimal_from_float

        def row(values: tuple) -> dict:
            exact = [*values[:sums], *(create(value) for value in values[sums:])]
            return dict(zip(keys, exact, strict=True))

    else:

        def row(values: tuple) -> dict:
            return dict(zip(keys, values, strict=True))

    def fetch() -> list[dict]:
        with connection.cursor() as cursor:
            cursor.execute(sql, [agency_id])
            return [row(values) for values in cursor.fetchall()]

    return fetch


def _check_same_rows(measures: dict) -> None:
    """Both versions give the same rows, values and Python types (in any order)."""
    for what, (orm, sql) in measures.items():
        ours, theirs = _canonical(orm()), _canonical(sql())
        if ours != theirs:
            difference = list((ours - theirs) + (theirs - ours))[:4]
            raise SystemExit(f"{what}: the SQL does not return the ORM's rows: {difference}")


def _canonical(rows: list[dict]) -> Counter:
    return Counter(
        tuple((key, type(value).__name__, value) for key, value in sorted(row.items()))
        for row in rows
    )


def _explain(agency) -> None:
    from django.db import connection

    from kiezwerk.economy.queries import Scope, _figure_rows, _revenue_rows

    scope = Scope.of_agency(agency)
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ANALYZE "
    pairs = (
        (_revenue_rows(scope, None, None), REVENUE_SQL),
        (_figure_rows(scope, None, None), FIGURES_SQL),
    )
    for queryset, sql in pairs:
        orm_sql, params = queryset.query.sql_with_params()
        for label, text, values in (("ORM", orm_sql, params), ("SQL", sql, [agency.pk])):
            print(f"\n-- {label}:\n{text.strip()}\n-- params {list(values)}")
            with connection.cursor() as cursor:
                cursor.execute(prefix + text, values)
                print("\n".join("   " + " ".join(map(str, line)) for line in cursor.fetchall()))


# ------------------------------------------------------------------------------------------
# Timing


@dataclass
class Timing:
    """Seconds of each round, ORM and SQL measured one right after the other."""

    rows: int
    orm: list[float] = field(default_factory=list)
    sql: list[float] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        """The median of the rounds' ORM / SQL: a burst of load elsewhere on the machine
        shifts both times of a round, so it mostly cancels out of their ratio."""
        return statistics.median(orm / sql for orm, sql in zip(self.orm, self.sql, strict=True))

    def __add__(self, other: "Timing") -> "Timing":
        orm = [one + two for one, two in zip(self.orm, other.orm, strict=True)]
        sql = [one + two for one, two in zip(self.sql, other.sql, strict=True)]
        return Timing(self.rows + other.rows, orm, sql)


def _timed(measures: dict, rounds: int) -> dict[str, Timing]:
    """Per query its timing over the rounds, which of ORM and SQL goes first alternating."""
    timings = {what: Timing(len(orm())) for what, (orm, _sql) in measures.items()}  # warm-up
    for _orm, sql in measures.values():
        sql()
    for number in range(rounds):
        for what, (orm, sql) in measures.items():
            sides = [(orm, timings[what].orm), (sql, timings[what].sql)]
            for fetch, seconds in sides if number % 2 == 0 else reversed(sides):
                started = time.perf_counter()
                fetch()
                seconds.append(time.perf_counter() - started)
    return timings


def _report(agency, timings: dict[str, Timing], rounds: int) -> int:
    from django.db import connection

    from kiezwerk.economy.models import MonthFigures, Revenue

    revenue = Revenue.objects.filter(agency=agency).count()
    figures = MonthFigures.objects.filter(agency=agency).count()
    print(
        f"\nFinancing mix of agency {AGENCY!r}: {ENTERPRISES:,} enterprises × {len(YEARS)} years"
        f" × 12 months: {revenue:,} revenue rows, {figures:,} figure rows\n"
        f"database: {connection.vendor} {connection.settings_dict['NAME']}; {rounds} rounds,"
        f" ORM and SQL alternating; medians; goal: ORM / SQL <= {GOAL}"
    )
    print(f"{'query':<40} {'rows':>5} {'ORM ms':>8} {'SQL ms':>8} {'ratio':>6}  verdict")
    for what, timing in timings.items():
        _line(what, timing, "(part)")
    both = sum(timings.values(), start=Timing(0, [0.0] * rounds, [0.0] * rounds))
    verdict = "PASS" if both.ratio <= GOAL else "FAIL"
    _line("the mix: both queries", both, verdict)
    print(f"{'financing_mix() (both + Python), not judged':<46} {_whole(agency, rounds):8.1f}")
    return 1 if verdict == "FAIL" else 0


def _line(what: str, timing: Timing, verdict: str) -> None:
    orm_ms, sql_ms = 1000 * statistics.median(timing.orm), 1000 * statistics.median(timing.sql)
    print(
        f"{what:<40} {timing.rows:>5,} {orm_ms:8.1f} {sql_ms:8.1f} {timing.ratio:6.2f}  {verdict}",
        flush=True,
    )


def _whole(agency, rounds: int) -> float:
    """Milliseconds of the whole financing_mix() of the agency (not judged), median."""
    from kiezwerk.economy.queries import Scope, financing_mix

    scope = Scope.of_agency(agency)
    seconds = []
    for _round in range(rounds):
        started = time.perf_counter()
        financing_mix(scope)
        seconds.append(time.perf_counter() - started)
    return 1000 * statistics.median(seconds)


if __name__ == "__main__":
    sys.exit(main())
