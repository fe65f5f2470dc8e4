"""Targets against actuals: for each indicator a grant has targets for, per year of the grant
(the part of the calendar year inside the grant's period) the target, the actual value from
the indicator's named query, and the attainment in percent; and the whole period.

Queries are bounded by the catalogue, not by the data: per year (and once for the whole
period) each of the registry's readers runs at most once.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from kiezwerk.funding import indicators
from kiezwerk.funding.models import Grant, Indicator, Target

HUNDRED = Decimal("100")
# Keys that count what happened in a period: their targets of several years add up to one of
# the whole period (see IndicatorQuery.flow).
FLOWS = frozenset(key for key, query in indicators.QUERIES.items() if query.flow)


@dataclass(frozen=True)
class Span:
    """A year of the grant, cut to the grant's period (`year` None: the whole period)."""

    year: int | None
    start: dt.date
    end: dt.date


@dataclass
class Cell:
    actual: Decimal
    target: Decimal | None = None

    @property
    def attainment(self) -> Decimal | None:
        """The actual as a percentage of the target, one decimal; None without a target
        (or a target of zero)."""
        if not self.target:
            return None
        return (self.actual * HUNDRED / self.target).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )


@dataclass
class IndicatorRow:
    indicator: Indicator
    cells: list[Cell] = field(default_factory=list)  # one per year of the grant
    whole: Cell | None = None  # the whole period


def grant_spans(grant: Grant) -> list[Span]:
    """The calendar years the grant's period touches, each cut to the period."""
    return [
        Span(
            year,
            max(grant.start_date, dt.date(year, 1, 1)),
            min(grant.end_date, dt.date(year, 12, 31)),
        )
        for year in range(grant.start_date.year, grant.end_date.year + 1)
    ]


def targets_of(grant: Grant) -> dict[tuple[int, int], Decimal]:
    """{(indicator id, year): target} of the grant: one query."""
    rows = Target.objects.filter(grant=grant).values_list("indicator_id", "year", "value")
    return {(indicator, year): value for indicator, year, value in rows}


def attainment(grant: Grant) -> tuple[list[Span], list[IndicatorRow]]:
    """The years of the grant and a row per indicator with a target (catalogue order)."""
    targets = targets_of(grant)
    ids = {indicator for indicator, _year in targets}
    found = list(Indicator.objects.filter(pk__in=ids).order_by("level", "code"))
    spans = grant_spans(grant)
    if not found:
        return spans, []
    keys = {indicator.query for indicator in found if indicator.query in indicators.QUERIES}
    whole = Span(None, grant.start_date, grant.end_date)
    values = {span: _actuals(keys, grant.agency_id, span) for span in [*spans, whole]}
    rows = []
    for indicator in found:
        row = IndicatorRow(indicator)
        for span in spans:
            actual = values[span].get(indicator.query)
            row.cells.append(Cell(actual, targets.get((indicator.pk, span.year))))
        yearly = [cell.target for cell in row.cells]
        summed = sum(t for t in yearly if t is not None) if indicator.query in FLOWS else None
        row.whole = Cell(values[whole].get(indicator.query), summed or None)
        rows.append(row)
    return spans, rows


def _actuals(keys: set[str], agency_id: int, span: Span) -> dict[str, Decimal]:
    return indicators.actuals(sorted(keys), agency_id, span.start, span.end)
