"""The figures of a neighbourhood or of the agency broken down by enterprise: each enterprise's
financing mix per year, from two grouped queries (by enterprise and year, one over `Revenue`
and one over `MonthFigures`) whatever the number of enterprises, lines and months. The sums
of all enterprises are the scope's `queries.financing_mix`.

The scope pages list each enterprise in its latest year only: `latest_years` finds those
years and `latest_mixes` reads only their rows, not every year of every enterprise.
"""

from django.db.models import F, Max, OuterRef, Q, QuerySet, Subquery, Sum

from kiezwerk.economy.enums import Source
from kiezwerk.economy.models import MonthFigures, Revenue
from kiezwerk.economy.queries import CENT, FOUR_PLACES, VALUE, ZERO, Mix, Period, Scope
from kiezwerk.initiatives.models import Initiative
from kiezwerk.network.models import Partner


def mixes_by_enterprise(scope: Scope) -> dict[int, Mix]:
    """{initiative id: its Mix} for every enterprise with figures in `scope`: the years (oldest
    first) without their quarters. Two queries."""
    periods: dict[int, dict[int, Period]] = {}
    names: dict[int, str] = {}

    def period(row: dict) -> Period:
        years = periods.setdefault(row["initiative_id"], {})
        return years.setdefault(row["year"], Period(row["year"]))

    for row in _revenue_rows(scope):
        found, amount = period(row), row["amount"].quantize(CENT)
        if row["source"] == Source.PUBLIC:
            found.public += amount
            client = row["client_id"]
            found.clients[client] = found.clients.get(client, ZERO) + amount
            names[client] = row["client__name"]
        else:
            setattr(found, row["source"], getattr(found, row["source"]) + amount)
    for row in _figure_rows(MonthFigures.objects.filter(scope.filters()), "initiative_id", "year"):
        found = period(row)
        found.costs = row["sum_costs"].quantize(CENT)
        found.hours = row["sum_hours"].quantize(CENT)
        found.volunteer = row["sum_value"].quantize(FOUR_PLACES)
        found.unvalued_hours = row["sum_unvalued"].quantize(CENT)
    return {
        initiative: Mix([years[year] for year in sorted(years)], {}, names)
        for initiative, years in periods.items()
    }


def _revenue_rows(scope: Scope):
    return (
        Revenue.objects.filter(scope.filters())
        .values("initiative_id", "year", "source", "client_id", "client__name")
        .annotate(amount=Sum("amount"))
        .order_by()
    )


def _figure_rows(rows: QuerySet, *group: str) -> QuerySet:
    return (
        rows.values(*group)
        .annotate(
            sum_costs=Sum("costs", default=ZERO),
            sum_hours=Sum("volunteer_hours", default=ZERO),
            sum_value=Sum(F("volunteer_hours") * F("hour_rate"), output_field=VALUE, default=ZERO),
            sum_unvalued=Sum("volunteer_hours", filter=Q(hour_rate__isnull=True), default=ZERO),
        )
        .order_by()
    )


# ------------------------------------------------------------------------------------------
# Each enterprise's latest year only: what the scope pages list


def latest_years(scope: Scope) -> dict[int, int]:
    """{initiative id: its latest year with figures in `scope`}. One query: for the agency one
    index lookup per enterprise, for a neighbourhood over its own rows. Every saved month has a
    `MonthFigures` row (revenue is saved with it), so its years are the years with figures."""
    if scope.neighbourhood_id is None and scope.initiative_id is None:
        latest = (
            MonthFigures.objects.filter(agency_id=scope.agency_id, initiative_id=OuterRef("pk"))
            .order_by("-year")
            .values("year")[:1]
        )
        rows = (
            Initiative.objects.filter(agency_id=scope.agency_id)
            .annotate(latest=Subquery(latest))
            .values_list("pk", "latest")
            .order_by()
        )
        return {initiative: year for initiative, year in rows if year is not None}
    # Any year: the range on `year` makes SQLite (without statistics) read the neighbourhood's
    # index rather than every row of the agency in the order of the grouping.
    rows = (
        MonthFigures.objects.filter(scope.filters(first=0))
        .values_list("initiative_id")
        .annotate(latest=Max("year"))
        .order_by()
    )
    return dict(rows)


def latest_mixes(scope: Scope, latest: dict[int, int]) -> dict[int, Mix]:
    """{initiative id: its Mix of one year} for the enterprises and years of `latest` (see
    `latest_years`), reading those years' rows only. Three queries whatever their number."""
    if not latest:
        return {}
    chosen = _years_of(latest)
    periods = {initiative: Period(year) for initiative, year in latest.items()}
    clients: set[int] = set()
    revenue = (
        Revenue.objects.filter(scope.filters() & chosen)
        .values_list("initiative_id", "source", "client_id")
        .annotate(amount=Sum("amount"))
        .order_by()
    )
    for initiative, source, client, amount in revenue:
        found, amount = periods[initiative], amount.quantize(CENT)
        if source == Source.PUBLIC:
            found.public += amount
            found.clients[client] = found.clients.get(client, ZERO) + amount
            clients.add(client)
        else:
            setattr(found, source, getattr(found, source) + amount)
    for row in _figure_rows(MonthFigures.objects.filter(scope.filters() & chosen), "initiative_id"):
        found = periods[row["initiative_id"]]
        found.costs = row["sum_costs"].quantize(CENT)
        found.hours = row["sum_hours"].quantize(CENT)
        found.volunteer = row["sum_value"].quantize(FOUR_PLACES)
        found.unvalued_hours = row["sum_unvalued"].quantize(CENT)
    names: dict = dict(
        Partner.objects.filter(pk__in=sorted(clients - {None})).values_list("pk", "name")
    )
    if None in clients:
        names[None] = None
    return {initiative: Mix([found], {}, names) for initiative, found in periods.items()}


def _years_of(latest: dict[int, int]) -> Q:
    """Rows of each enterprise's year in `latest`: one condition per year, each naming the
    enterprises whose latest year it is (an index lookup per enterprise and year)."""
    by_year: dict[int, list[int]] = {}
    for initiative, year in latest.items():
        by_year.setdefault(year, []).append(initiative)
    found = Q()
    for year in sorted(by_year):
        found |= Q(year=year, initiative_id__in=sorted(by_year[year]))
    return found
