"""The financing mix (criterion 4), computed in the database for an enterprise, a neighbourhood
or an agency: per year and quarter the public contracts (per public client), market sales and
the value of volunteer work (the three sources), grants and donations apart, and costs.

Two grouped queries, whatever the number of rows: one over `Revenue`, one over `MonthFigures`
(year and quarter come from the integer columns, never from Trunc/Extract). Volunteer work is
valued at the rate stored with each month; hours without a rate are counted as not valued.
Amounts stay exact Decimals (the volunteer value has four decimal places, hours × rate); only
display rounds.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal

from django.db.models import DecimalField, ExpressionWrapper, F, IntegerField, Q, Sum

from kiezwerk.economy.enums import Source
from kiezwerk.economy.models import (
    BusinessLine,
    ClientSummary,
    Distribution,
    MonthFigures,
    MonthSummary,
    Revenue,
)

ZERO = Decimal("0")
CENT = Decimal("0.01")
FOUR_PLACES = Decimal("0.0001")
HUNDRED = Decimal("100")
# The three sources of criterion 4, in the order of every table and chart.
MIX = ("public", "market", "volunteer")
# Months 1 to 3 are quarter 1, ..., 10 to 12 quarter 4 (integer division in SQLite and PostgreSQL).
QUARTER = ExpressionWrapper((F("month") + 2) / 3, output_field=IntegerField())
VALUE = DecimalField(max_digits=24, decimal_places=4)
SUMMED = (*MIX, "grants", "donations", "costs", "hours", "unvalued_hours")


@dataclass(frozen=True)
class Scope:
    """Whose figures: one agency (the leading column of every index), and within it one
    enterprise or one neighbourhood, or all of it."""

    agency_id: int
    initiative_id: int | None = None
    neighbourhood_id: int | None = None

    @classmethod
    def of_enterprise(cls, initiative) -> "Scope":
        return cls(initiative.agency_id, initiative_id=initiative.pk)

    @classmethod
    def of_neighbourhood(cls, neighbourhood) -> "Scope":
        return cls(neighbourhood.agency_id, neighbourhood_id=neighbourhood.pk)

    @classmethod
    def of_agency(cls, agency) -> "Scope":
        return cls(agency.pk)

    def filters(self, first: int | None = None, last: int | None = None) -> Q:
        found = Q(agency_id=self.agency_id)
        if self.initiative_id is not None:
            found &= Q(initiative_id=self.initiative_id)
        if self.neighbourhood_id is not None:
            found &= Q(neighbourhood_id=self.neighbourhood_id)
        if first is not None:
            found &= Q(year__gte=first)
        if last is not None:
            found &= Q(year__lte=last)
        return found


@dataclass
class Period:
    """The figures of one year (`quarter` None) or one quarter of it."""

    year: int
    quarter: int | None = None
    public: Decimal = ZERO
    market: Decimal = ZERO
    volunteer: Decimal = ZERO  # valued volunteer work
    grants: Decimal = ZERO
    donations: Decimal = ZERO
    costs: Decimal = ZERO
    hours: Decimal = ZERO  # all volunteer hours
    unvalued_hours: Decimal = ZERO  # hours without a rate: not in `volunteer`
    clients: dict[int, Decimal] = field(default_factory=dict)  # public client id -> amount

    @property
    def mix_total(self) -> Decimal:
        """What the three sources bring in: public contracts, market sales, volunteer work."""
        return self.public + self.market + self.volunteer

    @property
    def sales(self) -> Decimal:
        """Public contracts and market sales: the money from two of the three sources."""
        return self.public + self.market

    @property
    def revenue(self) -> Decimal:
        """Money received: the mix without volunteer work, with grants and donations."""
        return self.public + self.market + self.grants + self.donations

    @property
    def result(self) -> Decimal:
        return self.revenue - self.costs

    @property
    def has_figures(self) -> bool:
        return any((self.mix_total, self.grants, self.donations, self.costs, self.hours))

    def share(self, source: str) -> Decimal | None:
        """Exact percentage of `source` (public, market, volunteer) in the mix; None when the
        mix is empty."""
        return _percent(getattr(self, source), self.mix_total)

    def client_share(self, client_id: int) -> Decimal | None:
        return _percent(self.clients.get(client_id, ZERO), self.mix_total)

    def shares(self) -> list[Decimal] | None:
        """The three sources' shares in whole percent, adding up to exactly 100."""
        return largest_remainder([getattr(self, source) for source in MIX])

    def herfindahl_sources(self) -> Decimal | None:
        """Sum of the squared shares of the three sources: 1/3 when even, 1 for one source."""
        return herfindahl([getattr(self, source) for source in MIX])

    def herfindahl_payers(self) -> Decimal | None:
        """The same with each public client counted on its own: how much depends on one
        payer."""
        return herfindahl([*self.clients.values(), self.market, self.volunteer])

    def add(self, other: "Period") -> None:
        for name in SUMMED:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for client, amount in other.clients.items():
            self.clients[client] = self.clients.get(client, ZERO) + amount


@dataclass
class Mix:
    """The financing mix of a scope: one Period per year with figures (oldest first), the four
    quarters of each, and the names of the public clients."""

    years: list[Period]
    quarters: dict[int, list[Period]]
    client_names: dict[int, str]

    def year(self, year: int) -> Period | None:
        return next((period for period in self.years if period.year == year), None)

    def clients_by_amount(self) -> list[tuple[int, str]]:
        """(id, name) of the public clients, the largest over all years first."""
        totals = {
            client: sum((period.clients.get(client, ZERO) for period in self.years), ZERO)
            for client in self.client_names
        }
        order = sorted(self.client_names, key=lambda c: (-totals[c], self.client_names[c]))
        return [(client, self.client_names[client]) for client in order]


def financing_mix(scope: Scope, first: int | None = None, last: int | None = None) -> Mix:
    """The mix of `scope` in the years `first` to `last` (all when None): two queries. A
    neighbourhood or an agency is read from the month summaries (`economy.summaries`), an
    enterprise from its own rows."""
    if scope.initiative_id is None:
        return _summed_mix(scope, first, last)
    quarters: dict[tuple[int, int], Period] = {}
    names: dict[int, str] = {}

    def period(row: dict) -> Period:
        key = (row["year"], row["quarter"])
        return quarters.setdefault(key, Period(*key))

    for row in _revenue_rows(scope, first, last):
        _add_revenue(period(row), row["source"], row["client_id"], _exact(row["amount"]))
        if row["client_id"] is not None:
            names[row["client_id"]] = row["client__name"]
    for row in _figure_rows(scope, first, last):
        found = period(row)
        found.costs, found.hours = _exact(row["sum_costs"]), _exact(row["sum_hours"])
        found.volunteer = _exact(row["sum_value"], FOUR_PLACES)
        found.unvalued_hours = _exact(row["sum_unvalued"])
    return _by_year(quarters, names)


def _revenue_rows(scope: Scope, first: int | None, last: int | None):
    return (
        Revenue.objects.filter(scope.filters(first, last))
        .annotate(quarter=QUARTER)
        .values("year", "quarter", "source", "client_id", "client__name")
        .annotate(amount=Sum("amount"))
        .order_by()
    )


def _figure_rows(scope: Scope, first: int | None, last: int | None):
    return (
        MonthFigures.objects.filter(scope.filters(first, last))
        .annotate(quarter=QUARTER)
        .values("year", "quarter")
        .annotate(
            sum_costs=Sum("costs", default=ZERO),
            sum_hours=Sum("volunteer_hours", default=ZERO),
            sum_value=Sum(F("volunteer_hours") * F("hour_rate"), output_field=VALUE, default=ZERO),
            sum_unvalued=Sum("volunteer_hours", filter=Q(hour_rate__isnull=True), default=ZERO),
        )
        .order_by()
    )


# The columns of a month summary summed into a quarter, with the places each keeps.
SUMMARY_COLUMNS = {
    "market": CENT,
    "grants": CENT,
    "donations": CENT,
    "costs": CENT,
    "hours": CENT,
    "unvalued_hours": CENT,
    "volunteer": FOUR_PLACES,
}


def _summed_mix(scope: Scope, first: int | None, last: int | None) -> Mix:
    quarters: dict[tuple[int, int], Period] = {}
    names: dict[int, str] = {}
    summed = {name: Sum(name, default=ZERO) for name in SUMMARY_COLUMNS if name != "volunteer"}
    months = (
        MonthSummary.objects.filter(scope.filters(first, last))
        .annotate(quarter=QUARTER)
        .values("year", "quarter")
        .annotate(**summed, volunteer=Sum("volunteer_value", default=ZERO))
        .order_by()
    )
    for row in months:
        found = quarters.setdefault(
            (row["year"], row["quarter"]), Period(row["year"], row["quarter"])
        )
        for name, places in SUMMARY_COLUMNS.items():
            setattr(found, name, _exact(row[name], places))
    clients = (
        ClientSummary.objects.filter(scope.filters(first, last))
        .annotate(quarter=QUARTER)
        .values("year", "quarter", "client_id", "client__name")
        .annotate(amount=Sum("amount"))
        .order_by()
    )
    for row in clients:
        key = (row["year"], row["quarter"])
        found = quarters.setdefault(key, Period(*key))
        _add_revenue(found, Source.PUBLIC, row["client_id"], _exact(row["amount"]))
        names[row["client_id"]] = row["client__name"]
    return _by_year(quarters, names)


def _exact(value: Decimal, places: Decimal = CENT) -> Decimal:
    """A sum as stored: SQLite adds decimals as floats (15 significant digits kept)."""
    return value.quantize(places)


def _add_revenue(period: Period, source: str, client: int | None, amount: Decimal) -> None:
    if source == Source.PUBLIC:
        period.public += amount
        period.clients[client] = period.clients.get(client, ZERO) + amount
    else:
        setattr(period, source, getattr(period, source) + amount)


def _by_year(quarters: dict[tuple[int, int], Period], names: dict[int, str]) -> Mix:
    years, by_quarter = [], {}
    for year in sorted({year for year, _quarter in quarters}):
        whole = Period(year)
        by_quarter[year] = [quarters.get((year, q)) or Period(year, q) for q in range(1, 5)]
        for part in by_quarter[year]:
            whole.add(part)
        years.append(whole)
    return Mix(years=years, quarters=by_quarter, client_names=names)


# ------------------------------------------------------------------------------------------
# Shares and concentration (pure functions)


def _percent(part: Decimal, total: Decimal) -> Decimal | None:
    return part * HUNDRED / total if total > 0 else None


def largest_remainder(values: Sequence[Decimal], places: int = 0) -> list[Decimal] | None:
    """Percentages of `values`, rounded to `places` decimals so that they add up to exactly
    100: each is rounded down, and the units still missing go to the largest remainders
    (the earlier value first on a tie). None when the values add up to zero."""
    total = sum(values, ZERO)
    if total <= 0:
        return None
    unit = Decimal(1).scaleb(-places)
    exact = [value * HUNDRED / total for value in values]
    shares = [share.quantize(unit, rounding=ROUND_FLOOR) for share in exact]
    missing = int((HUNDRED - sum(shares, ZERO)) / unit)
    order = sorted(range(len(values)), key=lambda i: (shares[i] - exact[i], i))
    for index in order[:missing]:
        shares[index] += unit
    return shares


def herfindahl(values: Sequence[Decimal]) -> Decimal | None:
    """The Herfindahl index of `values`: the sum of their squared shares, from 1/n (all equal)
    to 1 (all from one). None when they add up to zero."""
    total = sum(values, ZERO)
    if total <= 0:
        return None
    return sum(((value / total) ** 2 for value in values), ZERO)


# ------------------------------------------------------------------------------------------
# Cross-subsidy (criterion 3): which business lines carry which, and where the surplus went


@dataclass
class LineResult:
    """One business line's result (revenue minus costs) per year."""

    name: str
    archived: bool
    results: dict[int, Decimal]


@dataclass
class CrossSubsidy:
    years: list[int]
    lines: list[LineResult]
    distributed: dict[int, Decimal]

    def total(self, year: int) -> Decimal:
        return sum((line.results.get(year, ZERO) for line in self.lines), ZERO)

    def covered(self, year: int) -> Decimal:
        """Losses of some lines that surpluses of others made good, in the year."""
        surplus = sum((r for line in self.lines if (r := line.results.get(year, ZERO)) > 0), ZERO)
        loss = sum((-r for line in self.lines if (r := line.results.get(year, ZERO)) < 0), ZERO)
        return min(surplus, loss)

    def kept(self, year: int) -> Decimal:
        """The year's result less what was paid out to private persons: reinvested when >= 0."""
        return self.total(year) - self.distributed.get(year, ZERO)

    def carriers(self, year: int) -> tuple[list[LineResult], list[LineResult]]:
        """(lines with a surplus, lines with a loss) in the year, when both exist."""
        gains = [line for line in self.lines if line.results.get(year, ZERO) > 0]
        losses = [line for line in self.lines if line.results.get(year, ZERO) < 0]
        return (gains, losses) if gains and losses else ([], [])


def cross_subsidy(initiative) -> CrossSubsidy:
    """Per business line and year its result; per year the distributions. Four queries."""
    scope = {"agency_id": initiative.agency_id, "initiative_id": initiative.pk}
    results: dict[int, dict[int, Decimal]] = {}
    revenue = Revenue.objects.filter(**scope).values("line_id", "year").annotate(s=Sum("amount"))
    costs = MonthFigures.objects.filter(**scope).values("line_id", "year").annotate(s=Sum("costs"))
    for rows, sign in ((revenue.order_by(), 1), (costs.order_by(), -1)):
        for row in rows:
            line = results.setdefault(row["line_id"], {})
            line[row["year"]] = line.get(row["year"], ZERO) + sign * _exact(row["s"])
    paid = (
        Distribution.objects.filter(**scope, archived_at__isnull=True)
        .values("year")
        .annotate(s=Sum("amount"))
        .order_by()
    )
    distributed = {row["year"]: _exact(row["s"]) for row in paid}
    lines = BusinessLine.objects.filter(**scope, pk__in=list(results)).order_by("name", "pk")
    years = sorted({year for found in results.values() for year in found} | set(distributed))
    return CrossSubsidy(
        years,
        [LineResult(line.name, line.archived_at is not None, results[line.pk]) for line in lines],
        distributed,
    )
