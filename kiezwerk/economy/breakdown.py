"""The figures of a neighbourhood or of the agency broken down by enterprise: each enterprise's
financing mix per year, from two grouped queries (by enterprise and year, one over `Revenue`
and one over `MonthFigures`) whatever the number of enterprises, lines and months. The sums
of all enterprises are the scope's `queries.financing_mix`.
"""

from django.db.models import F, Q, Sum

from kiezwerk.economy.enums import Source
from kiezwerk.economy.models import MonthFigures, Revenue
from kiezwerk.economy.queries import CENT, FOUR_PLACES, VALUE, ZERO, Mix, Period, Scope


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
    for row in _figure_rows(scope):
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


def _figure_rows(scope: Scope):
    return (
        MonthFigures.objects.filter(scope.filters())
        .values("initiative_id", "year")
        .annotate(
            sum_costs=Sum("costs", default=ZERO),
            sum_hours=Sum("volunteer_hours", default=ZERO),
            sum_value=Sum(F("volunteer_hours") * F("hour_rate"), output_field=VALUE, default=ZERO),
            sum_unvalued=Sum("volunteer_hours", filter=Q(hour_rate__isnull=True), default=ZERO),
        )
        .order_by()
    )
