"""Per-month summaries of the figures, kept on write.

`MonthSummary` holds, per agency × neighbourhood × year × month, the revenue of every source,
the costs and the volunteer work of all enterprises there; `ClientSummary` the public contracts
per public client. The financing mix of a neighbourhood or an agency reads these (at most a few
hundred rows a year) instead of rescanning every enterprise's monthly rows, so reports stay as
fast with twenty thousand enterprises as with two hundred.

Every write of figures calls `refresh` with the months it touched, inside its own transaction:
the summaries of those months are computed again from the rows (not adjusted by differences),
so they cannot drift. The neighbourhoods' rows are locked first, so two saves in one
neighbourhood refresh one after the other and the second sees the first's rows (PostgreSQL's
read committed takes a new snapshot per statement). `rebuild` recomputes an agency's summaries
whole: after bulk loads (demo, synthetic worlds) and by `manage.py rebuild_summaries`. A test
proves that summaries kept on write equal a rebuild.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.apps import apps as installed_apps
from django.db import transaction
from django.db.models import DecimalField, F, Q, Sum

from kiezwerk.core.bulk import Writer

ZERO = Decimal("0")
VALUE = DecimalField(max_digits=24, decimal_places=4)
# A month of one neighbourhood: (neighbourhood id, year, month).
Key = tuple[int, int, int]


@transaction.atomic
def refresh(agency_id: int, keys: Iterable[Key]) -> None:
    """Compute the summaries of `keys` (months of neighbourhoods of one agency) again."""
    by_year: dict[tuple[int, int], set[int]] = defaultdict(set)
    for hood, year, month in keys:
        by_year[(hood, year)].add(month)
    if not by_year:
        return
    _lock_neighbourhoods(sorted({hood for hood, _year in by_year}))
    months = Q()
    for (hood, year), numbers in by_year.items():
        months |= Q(neighbourhood_id=hood, year=year, month__in=sorted(numbers))
    _replace(Q(agency_id=agency_id) & months)


def refresh_months(initiative, months: Iterable[tuple[int, int]]) -> None:
    """Refresh the summaries of the (year, month)s an enterprise's save touched, in its
    neighbourhood and any earlier one its rows of those years still name."""
    months = set(months)
    if not months:
        return
    years = sorted({year for year, _month in months})
    figures = _model("economy", "MonthFigures").objects.filter(
        agency_id=initiative.agency_id, initiative_id=initiative.pk, year__in=years
    )
    hoods = {initiative.neighbourhood_id}
    hoods |= set(figures.order_by().values_list("neighbourhood_id", flat=True).distinct())
    refresh(initiative.agency_id, [(hood, y, m) for hood in hoods for y, m in months])


@transaction.atomic
def rebuild(agency_id: int | None = None, *, registry=installed_apps) -> None:
    """Compute the summaries of one agency (all agencies when None) again from its rows.
    `registry` lets a migration pass its historical models."""
    if agency_id is None:
        agencies = registry.get_model("agencies", "Agency").objects.values_list("pk", flat=True)
        for found in list(agencies):
            _replace(Q(agency_id=found), registry=registry)
        return
    _replace(Q(agency_id=agency_id), registry=registry)


def differences(agency_id: int) -> list[str]:
    """What the stored summaries of an agency get wrong, compared with a recomputation from
    its rows; empty when they are right."""
    rows = Q(agency_id=agency_id)
    found = []
    for name, computed in (("MonthSummary", _months(rows)), ("ClientSummary", _clients(rows))):
        stored = {_key(item): _values(item) for item in _stored(name, rows)}
        fresh = {_key(item): _values(item) for item in computed}
        for key in sorted(stored.keys() | fresh.keys()):
            if stored.get(key) != fresh.get(key):
                found.append(f"{name} {key}: {stored.get(key)} != {fresh.get(key)}")
    return found


def _replace(rows: Q, *, registry=installed_apps) -> None:
    month_summary = registry.get_model("economy", "MonthSummary")
    client_summary = registry.get_model("economy", "ClientSummary")
    month_summary.objects.filter(rows).delete()
    client_summary.objects.filter(rows).delete()
    _insert(month_summary, _months(rows, registry))
    _insert(client_summary, _clients(rows, registry))


def _insert(model, items: Iterator[dict]) -> None:
    """Insert the summaries in batches (the fast writer: a rebuild writes thousands)."""
    writer = None
    for item in items:
        if writer is None:
            writer = Writer(model, list(item))
        writer.add(tuple(item.values()))
    if writer is not None:
        writer.flush()


def _months(rows: Q, registry=installed_apps) -> Iterator[dict]:
    """One summary per neighbourhood and month with figures or revenue in `rows`."""
    summed: dict[tuple, dict] = {}
    revenue = registry.get_model("economy", "Revenue").objects.filter(rows)
    for row in (
        revenue.values("agency_id", "neighbourhood_id", "year", "month", "source")
        .annotate(amount=Sum("amount"))
        .order_by()
    ):
        item = summed.setdefault(_key(row), _empty(row))
        item[row["source"]] = _exact(row["amount"])
    figures = registry.get_model("economy", "MonthFigures").objects.filter(rows)
    for row in (
        figures.values("agency_id", "neighbourhood_id", "year", "month")
        .annotate(
            costs=Sum("costs"),
            hours=Sum("volunteer_hours"),
            volunteer_value=Sum(F("volunteer_hours") * F("hour_rate"), output_field=VALUE),
            unvalued_hours=Sum("volunteer_hours", filter=Q(hour_rate__isnull=True)),
        )
        .order_by()
    ):
        item = summed.setdefault(_key(row), _empty(row))
        item["costs"] = _exact(row["costs"])
        item["hours"] = _exact(row["hours"])
        item["volunteer_value"] = _exact(row["volunteer_value"], Decimal("0.0001"))
        item["unvalued_hours"] = _exact(row["unvalued_hours"])
    yield from summed.values()


def _clients(rows: Q, registry=installed_apps) -> Iterator[dict]:
    revenue = registry.get_model("economy", "Revenue").objects.filter(rows, client__isnull=False)
    for row in (
        revenue.values("agency_id", "neighbourhood_id", "year", "month", "client_id")
        .annotate(amount=Sum("amount"))
        .order_by()
        .iterator()
    ):
        yield {**row, "amount": _exact(row["amount"])}


def _stored(name: str, rows: Q) -> Iterator[dict]:
    fields = ["agency_id", "neighbourhood_id", "year", "month"]
    if name == "ClientSummary":
        fields += ["client_id", "amount"]
    else:
        fields += ["public", "market", "grants", "donations", "costs", "hours"]
        fields += ["volunteer_value", "unvalued_hours"]
    return _model("economy", name).objects.filter(rows).values(*fields).iterator()


def _key(row: dict) -> tuple:
    key = (row["agency_id"], row["neighbourhood_id"], row["year"], row["month"])
    return (*key, row["client_id"]) if "client_id" in row else key


def _values(row: dict) -> tuple:
    skip = {"agency_id", "neighbourhood_id", "year", "month", "client_id"}
    return tuple(sorted((name, Decimal(value)) for name, value in row.items() if name not in skip))


def _empty(row: dict) -> dict:
    item = {name: row[name] for name in ("agency_id", "neighbourhood_id", "year", "month")}
    for name in ("public", "market", "grants", "donations", "costs", "hours", "unvalued_hours"):
        item[name] = ZERO
    item["volunteer_value"] = ZERO
    return item


def _exact(value: Decimal | None, places: Decimal = Decimal("0.01")) -> Decimal:
    """A sum as stored (SQLite adds decimals as floats, 15 significant digits kept)."""
    return (value or ZERO).quantize(places)


def _lock_neighbourhoods(ids: list[int]) -> None:
    """Lock the neighbourhoods' rows (in id order) until the transaction ends."""
    found = _model("agencies", "Neighbourhood")._base_manager.select_for_update()
    list(found.filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))


def _model(app: str, name: str):
    return installed_apps.get_model(app, name)
