"""Three aggregates of the app: its ORM query within 1.1x of the same aggregate in hand SQL.

    DATABASE_URL=... python bench/aggregates.py [--repeat 15] [--json]

Works on any migrated and filled database (SQLite or PostgreSQL, `bench.settings`) and picks
its subjects from the data: the agency with the most revenue rows, its grant with the most
targets (else any grant's), the year with the most positions.

Financing mix (neighbourhood x source x year, and from the month summaries when they exist),
jobs by contract type (`jobs.queries.jobs_by`), indicator actuals of a grant
(`funding.indicators.actuals`; hand SQL for all seven readers): see bench/README_aggregates.md.

Both sides must give equal results (same values and Python types) before anything is
timed; then `--repeat` rounds, ORM and SQL one right after the other, which goes first
alternating (bench.financing_mix._timed), medians. The exit status is 1 on a miss.
`measure(database_url)` returns the lines as dicts for the orchestrator.
"""

import argparse
import datetime as dt
import decimal
import json
import os
import statistics
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.financing_mix import Timing, _canonical, _timed  # noqa: E402

GOAL = 1.10
REPEAT = 15
Measure = tuple[Callable[[], object], Callable[[], object]]

# ------------------------------------------------------------------------------------------
# Hand-written SQL (%(name)s parameters; SQLite and PostgreSQL alike)

MIX_REVENUE_SQL = """
    SELECT neighbourhood_id, year, source, SUM(amount)
      FROM economy_revenue
     WHERE agency_id = %(agency)s
     GROUP BY neighbourhood_id, year, source
"""
MIX_VOLUNTEER_SQL = """
    SELECT neighbourhood_id, year, COALESCE(SUM(volunteer_hours * hour_rate), 0)
      FROM economy_monthfigures
     WHERE agency_id = %(agency)s
     GROUP BY neighbourhood_id, year
"""
SUMMARY_SQL = """
    SELECT neighbourhood_id, year, SUM(public), SUM(market), SUM(volunteer_value)
      FROM economy_monthsummary
     WHERE agency_id = %(agency)s
     GROUP BY neighbourhood_id, year
"""
JOBS_SQL = """
    SELECT contract_type,
           COUNT(*) FILTER (WHERE origin = %(created)s AND start_date >= %(first)s),
           COUNT(*),
           COUNT(*) FILTER (WHERE additional),
           COALESCE(SUM(fte) FILTER (WHERE origin = %(created)s AND start_date >= %(first)s), 0),
           COALESCE(SUM(fte), 0),
           COALESCE(SUM(fte) FILTER (WHERE additional), 0)
      FROM jobs_position
     WHERE agency_id = %(agency)s AND archived_at IS NULL
       AND start_date <= %(last)s AND (end_date IS NULL OR end_date >= %(first)s)
     GROUP BY contract_type
"""
# The indicator readers: {reader name: (SQL, its columns' keys)}; PLACES of the sums.
PLACES = {"fte_created": Decimal("0.001"), "resource_value": Decimal("0.01")}
PLACES["resource_hours"] = Decimal("0.01")
READERS_SQL = {
    "consultations": (
        """SELECT COUNT(*), COUNT(DISTINCT c.initiative_id),
                  COUNT(DISTINCT c.initiative_id) FILTER (WHERE i.founded_on <= c.held_on)
             FROM initiatives_consultation c
             JOIN initiatives_initiative i ON i.id = c.initiative_id
            WHERE c.agency_id = %(agency)s AND c.held_on BETWEEN %(start)s AND %(end)s
              AND i.archived_at IS NULL""",
        "consultations_held initiatives_supported enterprises_supported",
    ),
    "foundings": (
        """SELECT COUNT(*) FROM initiatives_initiative
            WHERE agency_id = %(agency)s AND archived_at IS NULL
              AND founded_on BETWEEN %(start)s AND %(end)s""",
        "enterprises_founded",
    ),
    "jobs": (
        """SELECT COUNT(*),
                  COUNT(*) FILTER (WHERE p.origin = %(created)s AND p.start_date >= %(start)s),
                  COUNT(*) FILTER (WHERE p.additional),
                  COALESCE(SUM(p.fte) FILTER (
                      WHERE p.origin = %(created)s AND p.start_date >= %(start)s), 0)
             FROM jobs_position p JOIN initiatives_initiative i ON i.id = p.initiative_id
            WHERE p.agency_id = %(agency)s AND p.archived_at IS NULL
              AND p.start_date <= %(end)s AND (p.end_date IS NULL OR p.end_date >= %(start)s)
              AND i.archived_at IS NULL""",
        "jobs_total jobs_created jobs_additional fte_created",
    ),
    "forums": (
        """SELECT COUNT(*), COALESCE(SUM(residents_count + initiatives_count + partners_count
                                     + public_bodies_count), 0)
             FROM forums_forum
            WHERE agency_id = %(agency)s AND archived_at IS NULL
              AND starts_at >= %(since)s AND starts_at < %(until)s""",
        "forums_held forum_attendance",
    ),
    "needs": (
        """SELECT COUNT(*) FILTER (WHERE raised_on BETWEEN %(start)s AND %(end)s),
                  COUNT(*) FILTER (WHERE status = %(met)s
                                     AND closed_on BETWEEN %(start)s AND %(end)s)
             FROM needs_need
            WHERE agency_id = %(agency)s AND archived_at IS NULL AND merged_into_id IS NULL
              AND (raised_on BETWEEN %(start)s AND %(end)s
                   OR status = %(met)s AND closed_on BETWEEN %(start)s AND %(end)s)""",
        "needs_raised needs_met",
    ),
    "resources": (
        """SELECT COUNT(DISTINCT d.referral_id), COALESCE(SUM(d.value), 0),
                  COALESCE(SUM(d.hours), 0)
             FROM network_delivery d
             JOIN network_referral r ON r.id = d.referral_id
             JOIN initiatives_initiative i ON i.id = r.initiative_id
            WHERE d.agency_id = %(agency)s AND d.year >= %(first)s AND d.year <= %(last)s
              AND d.delivered_on BETWEEN %(start)s AND %(end)s AND i.archived_at IS NULL""",
        "resources_received resource_value resource_hours",
    ),
}
# The months of the period (as indicators.Span.months) of enterprises not archived.
_MONTHS = """x.agency_id = %(agency)s AND x.year >= %(first)s AND x.year <= %(last)s
              AND (x.year > %(first)s OR x.year = %(first)s AND x.month >= %(first_month)s)
              AND (x.year < %(last)s OR x.year = %(last)s AND x.month <= %(last_month)s)
              AND i.archived_at IS NULL"""
ECONOMY_SQL = f"""
    SELECT money.public, money.market, work.volunteer, work.hours
      FROM (SELECT SUM(x.amount) FILTER (WHERE x.source = %(public)s) AS public,
                   SUM(x.amount) FILTER (WHERE x.source = %(market)s) AS market
              FROM economy_revenue x JOIN initiatives_initiative i ON i.id = x.initiative_id
             WHERE x.source IN (%(public)s, %(market)s) AND {_MONTHS}) money,
           (SELECT SUM(x.volunteer_hours * x.hour_rate) AS volunteer,
                   SUM(x.volunteer_hours) AS hours
              FROM economy_monthfigures x JOIN initiatives_initiative i ON i.id = x.initiative_id
             WHERE {_MONTHS}) work
"""  # noqa: S608 - constant text, no input


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=REPEAT, help="rounds to take medians of")
    parser.add_argument("--json", action="store_true", help="print the lines as JSON")
    options = parser.parse_args(argv)
    lines = measure(os.environ.get("DATABASE_URL"), repeat=options.repeat, quiet=options.json)
    if options.json:
        print(json.dumps(lines))
    return 0 if all(line["ok"] for line in lines) else 1


def measure(database_url: str | None, repeat: int = REPEAT, *, quiet: bool = False) -> list[dict]:
    """Time the aggregates on `database_url` (None: bench.settings' own database); one dict
    per aggregate. Call it in a fresh process: it sets Django up."""
    _setup(database_url)
    from django.db import connection

    subjects = _subjects()
    measures = _measures(subjects)
    _check_equal(measures)
    timings = _timed(measures, repeat)
    lines = [_result(name, timing, subjects) for name, timing in timings.items()]
    if not quiet:
        print(f"database: {connection.vendor} {connection.settings_dict['NAME']}; {repeat} rounds")
        print(f"subjects: {json.dumps(subjects['shown'])}")
        for line in lines:
            print(_shown(line), flush=True)
    return lines


def _setup(database_url: str | None) -> None:
    if database_url:  # before Django reads its settings
        os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()


# ------------------------------------------------------------------------------------------
# Subjects, picked from the data


def _subjects() -> dict:
    from django.db.models import Count

    from kiezwerk.agencies.models import Agency
    from kiezwerk.economy.models import Revenue
    from kiezwerk.economy.queries import Scope
    from kiezwerk.funding.models import Grant
    from kiezwerk.jobs.queries import jobs_by_year, year_range

    biggest = (
        Revenue.objects.values("agency_id").annotate(rows=Count("pk")).order_by("-rows").first()
    )
    agency = Agency.objects.get(pk=biggest["agency_id"]) if biggest else Agency.objects.first()
    if agency is None:
        raise SystemExit("No agency in the database.")
    grants = Grant.objects.annotate(count=Count("targets")).order_by("-count", "pk")
    grant = grants.filter(agency=agency).first() or grants.first()
    years = year_range(Scope.of_agency(agency))
    if years:  # the year with the most positions
        found = jobs_by_year(Scope.of_agency(agency), list(range(years[0], years[1] + 1)))
        year = max(found, key=lambda figures: (figures.total, figures.year)).year
    shown = {
        "agency": agency.slug,
        "revenue rows": biggest["rows"] if biggest else 0,
        "grant": grant.pk if grant else None,
        "indicator keys": _keys(grant) if grant else [],
        "jobs year": year if years else None,
    }
    return {"agency": agency, "grant": grant, "year": year if years else None, "shown": shown}


def _measures(subjects: dict) -> dict[str, Measure]:
    from kiezwerk.economy import models

    agency = subjects["agency"]
    found = {"financing mix (neighbourhood x source x year)": _mix(agency)}
    if hasattr(models, "MonthSummary"):
        found["financing mix from month summaries"] = _summaries(agency)
    if subjects["year"] is not None:
        found["jobs by contract type"] = _jobs(agency, subjects["year"])
    if subjects["grant"] is not None:
        found["indicator actuals of a grant"] = _indicators(subjects["grant"])
    return found


# ------------------------------------------------------------------------------------------
# The pairs: (ORM, SQL), each returning comparable results


def _mix(agency) -> Measure:
    from django.db.models import F, Sum

    from kiezwerk.economy.models import MonthFigures, Revenue
    from kiezwerk.economy.queries import VALUE, ZERO, Scope

    rows = Scope.of_agency(agency).filters()

    def orm() -> list[list[dict]]:
        revenue = (
            Revenue.objects.filter(rows)
            .values("neighbourhood_id", "year", "source")
            .annotate(amount=Sum("amount"))
            .order_by()
        )
        volunteer = (
            MonthFigures.objects.filter(rows)
            .values("neighbourhood_id", "year")
            .annotate(
                value=Sum(F("volunteer_hours") * F("hour_rate"), output_field=VALUE, default=ZERO)
            )
            .order_by()
        )
        # Sums as the app keeps them (economy.queries._exact): SQLite adds decimals as floats.
        cent, four = Decimal("0.01"), Decimal("0.0001")
        return [
            [row | {"amount": row["amount"].quantize(cent)} for row in revenue],
            [row | {"value": row["value"].quantize(four)} for row in volunteer],
        ]

    params = {"agency": agency.pk}
    revenue_keys = ("neighbourhood_id", "year", "source", "amount")
    volunteer_keys = ("neighbourhood_id", "year", "value")

    def sql() -> list[list[dict]]:
        return [
            _fetch(MIX_REVENUE_SQL, params, revenue_keys, {"amount": 2}),
            _fetch(MIX_VOLUNTEER_SQL, params, volunteer_keys, {"value": 4}),
        ]

    return orm, sql


def _summaries(agency) -> Measure:
    from django.db.models import Sum

    from kiezwerk.economy.models import MonthSummary

    keys = ("neighbourhood_id", "year", "public", "market", "volunteer")

    def orm() -> list[list[dict]]:
        rows = (
            MonthSummary.objects.filter(agency_id=agency.pk)
            .values("neighbourhood_id", "year")
            .annotate(public=Sum("public"), market=Sum("market"), volunteer=Sum("volunteer_value"))
            .order_by()
        )
        return [list(rows)]

    def sql() -> list[list[dict]]:
        places = {"public": 2, "market": 2, "volunteer": 4}
        return [_fetch(SUMMARY_SQL, {"agency": agency.pk}, keys, places)]

    return orm, sql


def _jobs(agency, year: int) -> Measure:
    from kiezwerk.economy.queries import Scope
    from kiezwerk.jobs import queries
    from kiezwerk.jobs.enums import Origin

    scope = Scope.of_agency(agency)
    params = {
        "agency": agency.pk,
        "created": str(Origin.CREATED),
        "first": _day(dt.date(year, 1, 1)),
        "last": _day(dt.date(year, 12, 31)),
    }
    names = ("created", "total", "additional", "created_fte", "total_fte", "additional_fte")
    keys = ("group", *(f"{name}_{year}" for name in names))
    places = {f"{name}_{year}": 3 for name in names if name.endswith("fte")}

    def sql() -> list:
        rows = _fetch(JOBS_SQL, params, keys, places)
        found = [queries._figures(row, year, row["group"]) for row in rows]
        return sorted(found, key=lambda f: (-f.total, str(f.key)))

    return (lambda: queries.jobs_by(scope, "contract_type", year)), sql


def _indicators(grant) -> Measure:
    from django.utils import timezone

    from kiezwerk.economy.enums import Source
    from kiezwerk.funding import indicators
    from kiezwerk.jobs.enums import Origin
    from kiezwerk.needs.enums import NeedStatus

    keys = _keys(grant)
    readers = sorted({indicators.QUERIES[key].reader.__name__ for key in keys})
    span = indicators.Span(grant.agency_id, grant.start_date, grant.end_date)
    since, until = span.moments()
    params = {
        "agency": grant.agency_id,
        "start": _day(span.start),
        "end": _day(span.end),
        "first": span.start.year,
        "last": span.end.year,
        "first_month": span.start.month,
        "last_month": span.end.month,
        "created": str(Origin.CREATED),
        "met": str(NeedStatus.MET),
        "public": str(Source.PUBLIC),
        "market": str(Source.MARKET),
        "since": _day(since),
    }

    def orm() -> dict[str, Decimal]:
        return indicators.actuals(keys, grant.agency_id, grant.start_date, grant.end_date)

    def sql() -> dict[str, Decimal]:
        values: dict[str, Decimal] = {}
        params["until"] = _day(min(until, timezone.now()))
        for reader in readers:
            values |= _economy(params) if reader == "economy" else _reader(reader, params)
        return {key: values[key] for key in keys}

    return orm, sql


def _keys(grant) -> list[str]:
    """The named queries of the grant's indicators with targets (as funding.attainment)."""
    from kiezwerk.funding import indicators
    from kiezwerk.funding.models import Indicator

    ids = grant.targets.values("indicator_id")
    found = Indicator.objects.filter(pk__in=ids).values_list("query", flat=True)
    return sorted({key for key in found if key in indicators.QUERIES})


def _reader(name: str, params: dict) -> dict[str, Decimal]:
    statement, columns = READERS_SQL[name]
    row = _one(statement, params)
    pairs = zip(columns.split(), row, strict=True)
    values = {key: _exact(value, PLACES.get(key)) for key, value in pairs}
    if name == "jobs":
        values["jobs_maintained"] = values["jobs_total"] - values["jobs_created"]
    return values


def _economy(params: dict) -> dict[str, Decimal]:
    from kiezwerk.funding.indicators import CENT, FOUR_PLACES, HUNDRED, ZERO

    public, market, volunteer, hours = _one(ECONOMY_SQL, params)
    mix = {
        "public": _exact(public, FOUR_PLACES, 2),
        "market": _exact(market, FOUR_PLACES, 2),
        "volunteer": _exact(volunteer, FOUR_PLACES, 4),
    }
    total = sum(mix.values(), ZERO)
    shares = {
        f"share_{source}": (amount * HUNDRED / total if total > 0 else ZERO)
        for source, amount in mix.items()
    }
    return {"volunteer_hours": _exact(hours, FOUR_PLACES, 2).quantize(CENT), **shares}


# ------------------------------------------------------------------------------------------
# Fetching and comparing


def _fetch(statement: str, params: dict, keys: tuple, places: dict[str, int]) -> list[dict]:
    """Rows as dicts; the sums named in `places` as Django's backend makes them."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        rows = cursor.fetchall()
    found = []
    for values in rows:
        row = dict(zip(keys, values, strict=True))
        for key, decimals in places.items():
            row[key] = _as_django(row[key], decimals)
        found.append(row)
    return found


def _one(statement: str, params: dict) -> tuple:
    from django.db import connection

    with connection.cursor() as cursor:
        return cursor.execute(statement, params).fetchone()


_FROM_FLOAT = decimal.Context(prec=15).create_decimal_from_float


def _as_django(value, decimals: int) -> Decimal | None:
    """A decimal sum as Django returns it: on SQLite a float quantized to the field's places;
    on PostgreSQL the numeric as it comes."""
    if value is None or isinstance(value, Decimal):
        return value
    return _FROM_FLOAT(value).quantize(Decimal(1).scaleb(-decimals))


def _exact(value, places: Decimal | None, decimals: int | None = None) -> Decimal:
    """An indicator value as `indicators._decimals` makes it from Django's row."""
    if decimals is None and places is not None:
        decimals = -places.as_tuple().exponent
    if decimals is not None and value is not None:
        value = _as_django(value, decimals)
    found = Decimal(value or 0)
    return found.quantize(places) if places is not None else found


def _day(value: dt.date | dt.datetime):
    """A date or moment as a parameter of raw SQL (SQLite: text, in UTC for moments)."""
    from django.db import connection

    if isinstance(value, dt.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return connection.ops.adapt_datefield_value(value)


def _check_equal(measures: dict[str, Measure]) -> None:
    """Both sides give the same results before anything is timed; else stop loudly."""
    for name, (orm, sql) in measures.items():
        ours, theirs = orm(), sql()
        if isinstance(ours, list) and ours and isinstance(ours[0], list):
            same = all(_canonical(a) == _canonical(b) for a, b in zip(ours, theirs, strict=True))
        else:
            same = ours == theirs
        if not same:
            raise SystemExit(f"{name}: the SQL does not give the ORM's result:\n{ours}\n{theirs}")


def _result(name: str, timing: Timing, subjects: dict) -> dict:
    from django.db import connection

    return {
        "name": name,
        "vendor": connection.vendor,
        "orm_ms": 1000 * statistics.median(timing.orm),
        "sql_ms": 1000 * statistics.median(timing.sql),
        "ratio": timing.ratio,
        "goal": GOAL,
        "ok": timing.ratio <= GOAL,
        "rounds": len(timing.orm),
        "subjects": subjects["shown"],
    }


def _shown(line: dict) -> str:
    verdict = "OK" if line["ok"] else "MISS"
    return (
        f"{line['name']:<46}  ORM {line['orm_ms']:8.1f} ms  SQL {line['sql_ms']:8.1f} ms"
        f"  ratio {line['ratio']:5.2f}  (goal <= {GOAL:.2f})  {verdict}"
    )


if __name__ == "__main__":
    sys.exit(main())
