"""The report's sections as tables, the one shape the three writers share: each table has a
title (a heading in the PDF, a sheet in the XLSX, the first column of the CSV), column labels,
rows whose first cell names the row, and an optional total row. Cells keep their values
(Decimals, days) and say what they hold; each writer formats them its own way."""

import datetime as dt
from collections.abc import Callable, Iterator, Sized
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kiezwerk.core import formats
from kiezwerk.reporting.funder_report.content import (
    DASH,
    DATE,
    MOMENT,
    MONEY,
    PERCENT,
    TEXT,
    CostLine,
    DrawdownLine,
    Fact,
    ReportContent,
)

NUMBER = "number"  # an indicator's value: whole numbers without decimals, others with two
NUMERIC = {MONEY, PERCENT, NUMBER}


@dataclass(frozen=True)
class Cell:
    value: str | Decimal | dt.date | dt.datetime | None
    kind: str = TEXT
    places: int = 2  # for percentages

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC

    @property
    def text(self) -> str:
        """The value as the reader's language writes it: 1.234,50 €, 50,0 %, 31.12.2004."""
        value = self.value
        if value is None or value == "":
            return DASH
        if self.kind == MONEY:
            return formats.euros(value)
        if self.kind == PERCENT:
            return formats.percent(value, self.places)
        if self.kind == NUMBER:
            return formats.number(value, decimals(value))
        if self.kind == DATE:
            return date_format(value, "SHORT_DATE_FORMAT")
        if self.kind == MOMENT:
            return date_format(value, "SHORT_DATETIME_FORMAT")
        return str(value)


def decimals(value: Decimal) -> int:
    """Two decimals, none for a whole number (as the grant page shows targets)."""
    return 0 if Decimal(value) == Decimal(value).to_integral_value() else 2


@dataclass(frozen=True)
class Column:
    label: str
    numeric: bool = False


@dataclass(frozen=True)
class LazyRows:
    """Rows made one by one while a writer reads them, from a source read anew each time (the
    annex): memory stays flat however many rows there are. True when the source has rows."""

    source: Sized
    make: Callable[..., list[Cell]]

    def __iter__(self) -> Iterator[list[Cell]]:
        return (self.make(item) for item in self.source)

    def __len__(self) -> int:
        return len(self.source)


@dataclass
class Table:
    key: str
    title: str  # the section's heading
    sheet: str  # a short name for the XLSX sheet
    caption: str
    columns: list[Column]
    rows: "list[list[Cell]] | LazyRows"
    footer: list[Cell] | None = None
    note: str = ""  # explains the table, or says why it is empty
    texts: list[tuple[str, str]] = field(default_factory=list)  # (heading, text) sections


def sections(content: ReportContent) -> list[Table]:
    """Every section of the report in its order, the cover first."""
    return [
        _facts("cover", _("Cover"), _("The report at a glance"), content.cover),
        _facts(
            "agency",
            _("Agency and programme"),
            _("The agency, the funding programme and the grant"),
            content.agency,
        ),
        _indicators(content),
        _commentary(content),
        _financing(content),
        _budget(content),
        _drawdowns(content),
        _enterprises(content),
    ]


def _facts(key: str, title: str, caption: str, facts: list[Fact]) -> Table:
    return Table(
        key,
        title,
        title,
        caption=caption,
        columns=[Column(_("Item")), Column(_("Value"))],
        rows=[[Cell(fact.label), Cell(fact.value, fact.kind)] for fact in facts],
    )


def _indicators(content: ReportContent) -> Table:
    rows = [
        [
            Cell(f"{line.code} {line.name}"),
            Cell(line.unit),
            Cell(line.target, NUMBER),
            Cell(line.actual, NUMBER),
            Cell(line.attainment, PERCENT, 1),
        ]
        for line in content.indicators
    ]
    return Table(
        "indicators",
        _("Indicators"),
        _("Indicators"),
        caption=_("Target, actual value and attainment in the reporting period"),
        columns=[
            Column(_("Indicator")),
            Column(_("Unit")),
            Column(_("Target"), numeric=True),
            Column(_("Actual"), numeric=True),
            Column(_("Attained"), numeric=True),
        ],
        rows=rows,
        note=_(
            "Each actual value is computed from the records of the reporting period by the "
            "indicator's query. The target is the target of the year; over several years the "
            "yearly targets add up where the indicator counts events, while jobs in total, "
            "initiatives supported and shares have no target for several years."
        )
        if rows
        else _("No targets have been set for the years of the reporting period."),
    )


def _commentary(content: ReportContent) -> Table:
    texts = [(item.label, item.text) for item in content.commentary]
    return Table(
        "commentary",
        _("Commentary"),
        _("Commentary"),
        caption=_("Commentary"),
        columns=[Column(_("Topic")), Column(_("Text"))],
        rows=[[Cell(label), Cell(text)] for label, text in texts],
        texts=texts,
    )


def _financing(content: ReportContent) -> Table:
    note = ""
    if content.financing_exceeded:
        note = _(
            "The EU share and the co-financing shares add up to more than 100 percent: the "
            "part shown as not covered is missing."
        )
    return Table(
        "financing",
        _("Financing plan"),
        _("Financing plan"),
        caption=_("Who pays which part of the total amount"),
        columns=[
            Column(_("Paid by")),
            Column(_("Share"), numeric=True),
            Column(_("Amount"), numeric=True),
        ],
        rows=[
            [Cell(line.label), Cell(line.share, PERCENT), Cell(line.amount, MONEY)]
            for line in content.financing
        ],
        footer=[
            Cell(_("Total amount")),
            Cell(Decimal(100), PERCENT),
            Cell(content.financing_total, MONEY),
        ],
        note=note,
    )


def _cost_cells(line: CostLine) -> list[Cell]:
    return [
        Cell(line.label),
        Cell(line.planned, MONEY),
        Cell(line.spent_in_period, MONEY),
        Cell(line.spent_to_end, MONEY),
        Cell(line.remaining, MONEY),
    ]


def _budget(content: ReportContent) -> Table:
    return Table(
        "budget",
        _("Budget"),
        _("Budget"),
        caption=_("Planned, spent and remaining per cost category at the end of the period"),
        columns=[
            Column(_("Cost category")),
            Column(_("Planned"), numeric=True),
            Column(_("Spent in the reporting period"), numeric=True),
            Column(_("Spent by the end of the period"), numeric=True),
            Column(_("Remaining"), numeric=True),
        ],
        rows=[_cost_cells(line) for line in content.budget],
        footer=_cost_cells(content.budget_total) if content.budget else None,
        note="" if content.budget else _("No budget has been planned for this grant yet."),
    )


def _drawdown_cells(line: DrawdownLine) -> list[Cell]:
    return [
        Cell(line.source),
        Cell(line.requested, MONEY),
        Cell(line.received, MONEY),
        Cell(line.outstanding, MONEY),
    ]


def _drawdowns(content: ReportContent) -> Table:
    return Table(
        "drawdowns",
        _("Drawdowns"),
        _("Drawdowns"),
        caption=_("Requested, received and outstanding per source at the end of the period"),
        columns=[
            Column(_("From")),
            Column(_("Requested"), numeric=True),
            Column(_("Received"), numeric=True),
            Column(_("Outstanding"), numeric=True),
        ],
        rows=[_drawdown_cells(line) for line in content.drawdowns],
        footer=_drawdown_cells(content.drawdowns_total) if content.drawdowns else None,
        note=""
        if content.drawdowns
        else _("No drawdown had been requested by the end of the period."),
    )


def _enterprises(content: ReportContent) -> Table:
    return Table(
        "enterprises",
        _("Annex: supported initiatives and enterprises"),
        _("Enterprises"),
        caption=_("Initiatives and enterprises with a consultation in the reporting period"),
        columns=[
            Column(_("Name")),
            Column(_("Neighbourhood")),
            Column(_("Stage")),
            Column(_("Legal form")),
            Column(_("Founded on")),
        ],
        rows=LazyRows(content.enterprises, _enterprise_cells),
        note=""
        if content.enterprises
        else _("No initiative was consulted in the reporting period."),
    )


def _enterprise_cells(item) -> list[Cell]:
    return [
        Cell(item.name),
        Cell(item.neighbourhood),
        Cell(item.stage),
        Cell(item.legal_form),
        Cell(item.founded_on, DATE),
    ]
