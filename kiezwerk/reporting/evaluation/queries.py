"""The figures of the evaluation dashboard: the named indicator queries (funding.indicators)
per calendar year, the impact chain over the whole range, the financing mix, and the social
capital, for one agency or one of its neighbourhoods.

Every number is computed by the same named query that funder reports and grant pages use, so
the dashboard, the reports and the records behind a number (evaluation.records) agree. The cost
does not grow with the number of years or neighbourhoods: one query per indicator reader for
all the years (seven, evaluation.yearly), two for the financing mix, and six for the social
capital of all neighbourhoods (once their snapshots are stored).
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Max, Min, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from kiezwerk.agencies.models import Agency, Neighbourhood
from kiezwerk.core.formats import count, euros, number, percent
from kiezwerk.economy.models import MonthFigures
from kiezwerk.economy.queries import MIX, Mix, Scope, financing_mix
from kiezwerk.forums.models import Forum
from kiezwerk.funding import indicators
from kiezwerk.funding.enums import ImpactLevel
from kiezwerk.funding.indicators import QUERIES, Span
from kiezwerk.funding.models import Indicator
from kiezwerk.initiatives.models import Consultation, Initiative
from kiezwerk.jobs.models import Position
from kiezwerk.needs.models import Need
from kiezwerk.network.models import Delivery
from kiezwerk.reporting import social_capital

from . import yearly
from .forms import DEFAULT_YEARS

# The steps of the impact chain, in order: what was asked for, who took it up, what was
# founded, and the jobs that came of it.
FUNNEL = ("needs_raised", "initiatives_supported", "enterprises_founded", "jobs_created")
FUNNEL_DEFINITIONS = {
    "needs_raised": _(
        "Needs of the neighbourhood recorded in the register in these years, from forums, "
        "consultations or residents; merged duplicates count once."
    ),
    "initiatives_supported": _(
        "Initiatives with at least one consultation in these years, however many they had."
    ),
    "enterprises_founded": _(
        "Initiatives that became a social enterprise (a legal entity) in these years."
    ),
    "jobs_created": _(
        "Positions created in the supported enterprises during support that started in these years."
    ),
}
# The indicators drawn in the chart over the years (all are in the table).
HEADLINES = (
    "consultations_held",
    "initiatives_supported",
    "enterprises_founded",
    "jobs_created",
    "needs_raised",
)
OTHER_LEVEL = _("Not in the indicator catalogue")


@dataclass(frozen=True)
class Selection:
    """What the dashboard shows: the agency, within it one neighbourhood or (None) all, and
    the calendar years `first` to `last`."""

    agency: Agency
    neighbourhood: Neighbourhood | None
    first: int
    last: int

    @property
    def years(self) -> list[int]:
        return list(range(self.first, self.last + 1))

    @property
    def hood_id(self) -> int | None:
        return self.neighbourhood.pk if self.neighbourhood else None

    def span(self, first: int | None = None, last: int | None = None) -> Span:
        """From 1 January of `first` to 31 December of `last` (default: the whole range)."""
        start = dt.date(first or self.first, 1, 1)
        end = dt.date(last or self.last, 12, 31)
        return Span(self.agency.pk, start, end, self.hood_id)

    def scope(self) -> Scope:
        return Scope(self.agency.pk, neighbourhood_id=self.hood_id)

    def query(self, first: int | None = None, last: int | None = None) -> str:
        """The URL parameters that select these years (default: the whole range)."""
        return urlencode(
            {
                "from": first or self.first,
                "to": last or self.last,
                "neighbourhood": self.hood_id or "",
            }
        )


@dataclass(frozen=True)
class Cell:
    value: Decimal
    shown: str
    query: str  # the URL parameters of the records behind the value


@dataclass
class IndicatorRow:
    key: str
    label: str
    unit: str
    codes: list[str]
    cells: list[Cell]


@dataclass
class LevelGroup:
    label: str
    rows: list[IndicatorRow]


# ------------------------------------------------------------------------------------------
# The default years


def data_years(agency_id: int, neighbourhood_id: int | None = None) -> tuple[int, int]:
    """The latest years with records of the scope, at most DEFAULT_YEARS (one query); this
    year alone when there are none."""
    row = Agency.objects.filter(pk=agency_id).values(**_bounds(agency_id, neighbourhood_id)).get()
    years = [value if isinstance(value, int) else value.year for value in row.values() if value]
    if not years:
        this_year = dt.date.today().year
        return this_year, this_year
    last = max(years)
    return max(min(years), last - DEFAULT_YEARS + 1), last


def _bounds(agency_id: int, hood: int | None) -> dict[str, Subquery]:
    in_hood = {} if hood is None else {"neighbourhood_id": hood}
    sources = {
        "consultation": (Consultation, "held_on", {"initiative__neighbourhood_id": hood}),
        "founding": (Initiative, "founded_on", in_hood),
        "position": (Position, "start_date", in_hood),
        "forum": (Forum, "year", in_hood),
        "need": (Need, "raised_on", in_hood),
        "delivery": (Delivery, "year", in_hood),
        "month": (MonthFigures, "year", in_hood),
    }
    bounds = {}
    for name, (model, field, where) in sources.items():
        rows = model.objects.filter(agency_id=agency_id, **(where if hood else {}))
        for suffix, function in (("first", Min), ("last", Max)):
            grouped = rows.filter(agency_id=OuterRef("pk")).order_by().values("agency_id")
            bounds[f"{name}_{suffix}"] = Subquery(
                grouped.annotate(value=function(field)).values("value")
            )
    return bounds


# ------------------------------------------------------------------------------------------
# Indicators over time


def yearly_values(selection: Selection) -> dict[int, dict[str, Decimal]]:
    """{year: {key: value}} of every named query: seven queries for all the years."""
    return figures(selection).years


def figures(selection: Selection) -> yearly.Found:
    """Every named query per year of the range, and the impact chain's values of the whole
    range: seven queries, one per reader (evaluation.yearly)."""
    return yearly.read(selection.span(), selection.years)


def _args(span: Span) -> tuple:
    return span.agency_id, span.start, span.end, span.neighbourhood_id


def shown(key: str, value: Decimal) -> str:
    """A value as the reader's language writes it, in the unit of its query."""
    if key == "resource_value":
        return euros(value)
    if key.startswith("share_"):
        return percent(value)
    if key in ("fte_created", "resource_hours", "volunteer_hours"):
        return number(value, 2)
    return count(int(value))


def catalogue() -> dict[str, list[tuple[str, str]]]:
    """{query key: [(impact level, code)]} of the active catalogue indicators (one query)."""
    found: dict[str, list[tuple[str, str]]] = {}
    rows = (
        Indicator.objects.active().order_by("level", "code").values_list("query", "level", "code")
    )
    for key, level, code in rows:
        found.setdefault(key, []).append((level, code))
    return found


def indicator_groups(
    selection: Selection, values: dict[int, dict[str, Decimal]]
) -> list[LevelGroup]:
    """The rows of every named query, grouped by the lowest impact level of a catalogue
    indicator computed by it; queries the catalogue does not use come last."""
    listed = catalogue()
    groups: dict[str, list[IndicatorRow]] = {}
    for key, query in QUERIES.items():
        cells = [
            Cell(values[year][key], shown(key, values[year][key]), selection.query(year, year))
            for year in selection.years
        ]
        codes = [code for _level, code in listed.get(key, [])]
        level = listed[key][0][0] if key in listed else ""
        row = IndicatorRow(key, str(query.label), str(query.unit), codes, cells)
        groups.setdefault(level, []).append(row)
    labels = dict(ImpactLevel.choices)
    order = sorted(groups, key=lambda level: (level == "", level))
    return [LevelGroup(str(labels.get(level, OTHER_LEVEL)), groups[level]) for level in order]


# ------------------------------------------------------------------------------------------
# The impact chain


@dataclass
class Step:
    key: str
    label: str
    definition: str
    value: Decimal
    shown: str


def funnel(selection: Selection, whole: dict[str, Decimal] | None = None) -> list[Step]:
    """The steps of the impact chain over the whole range: the values `whole` of
    `figures(selection)` when given, else four queries."""
    values = whole if whole is not None else indicators.actuals(FUNNEL, *_args(selection.span()))
    return [
        Step(
            key,
            str(QUERIES[key].label),
            str(FUNNEL_DEFINITIONS[key]),
            values[key],
            shown(key, values[key]),
        )
        for key in FUNNEL
    ]


# ------------------------------------------------------------------------------------------
# Financing mix, resources, social capital


def mix(selection: Selection) -> Mix:
    """The financing mix of the scope per year of the range (economy.queries: two queries)."""
    return financing_mix(selection.scope(), selection.first, selection.last)


def mix_rows(selection: Selection, found: Mix) -> list[dict]:
    """Per year of the range: the three sources, each {amount, share} in the reader's language
    (None in a year without figures); shares in whole percent adding up to 100."""
    rows = []
    for year in selection.years:
        period = found.year(year)
        shares = period.shares() if period else None
        cells = [None] * len(MIX)
        if period is not None:
            cells = [
                {"amount": euros(getattr(period, source)), "share": _share(shares, index)}
                for index, source in enumerate(MIX)
            ]
        rows.append({"year": year, "cells": cells})
    return rows


def _share(shares: list[Decimal] | None, index: int) -> str:
    return "–" if shares is None else percent(shares[index], 0)


RESOURCE_KEYS = ("resources_received", "resource_value", "resource_hours")


def resource_rows(selection: Selection, values: dict[int, dict[str, Decimal]]) -> list[dict]:
    """Per year: referrals delivered, their value and hours (from the yearly values)."""
    return [
        {
            "year": year,
            "query": selection.query(year, year),
            "cells": [(key, shown(key, values[year][key])) for key in RESOURCE_KEYS],
        }
        for year in selection.years
    ]


def capital_of_neighbourhood(selection: Selection) -> list[dict]:
    """The neighbourhood's social-capital figures per year of the range, with changes."""
    snapshots = social_capital.snapshots(selection.neighbourhood, selection.years)
    return social_capital.with_changes(snapshots)


def capital_by_neighbourhood(selection: Selection) -> list[dict]:
    """For the whole agency: each active neighbourhood's organisations and ties in the last
    year of the range (seven queries whatever the number of neighbourhoods, once the
    snapshots are stored)."""
    hoods = list(Neighbourhood.objects.active().filter(agency=selection.agency).order_by("name"))
    found = social_capital.snapshots_of_year(hoods, selection.last)
    return [{"neighbourhood": hood, "figures": found[hood.pk].figures} for hood in hoods]
