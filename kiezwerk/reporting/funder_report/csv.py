"""The report as one CSV file for German spreadsheet programs: UTF-8 with a byte-order mark,
cells separated by ';', written row by row through defusedcsv (a cell starting with = + - @
is escaped, so no text becomes a formula).

Layout: every line is `section; label; values…`. Each section (cover, agency and programme,
indicators, commentary, financing plan, budget, drawdowns, annex) starts with a header line
naming its columns (section title; first column's label; the other columns' labels), then one
line per row, then its total line if it has one, then its note if it has one (section; note).
Numbers are written as the reader's language does without grouping or unit (German: 1234,50
for euros, 50,0 for percentages), days as 31.12.2004; an empty value is an empty cell."""

import io
from typing import BinaryIO

from defusedcsv import csv
from django.utils.formats import date_format

from kiezwerk.core import formats
from kiezwerk.reporting.funder_report.content import DATE, MOMENT, MONEY, PERCENT, ReportContent
from kiezwerk.reporting.funder_report.tables import NUMBER, Cell, Table, decimals, sections


def write_csv(content: ReportContent, out: BinaryIO) -> None:
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
    try:
        writer = csv.writer(text, delimiter=";")
        for table in sections(content):
            writer.writerows(lines(table))
        text.flush()
    finally:
        text.detach()  # leave `out` open for the caller


def lines(table: Table):
    """The section's lines: header, rows, total, note."""
    yield [table.title, *(column.label for column in table.columns)]
    for cells in table.rows:
        yield [table.title, *(plain(cell) for cell in cells)]
    if table.footer:
        yield [table.title, *(plain(cell) for cell in table.footer)]
    if table.note:
        yield [table.title, table.note]


def plain(cell: Cell) -> str:
    """The cell as a spreadsheet program reads it in the active language."""
    value = cell.value
    if value is None or value == "":
        return ""
    if cell.kind == MONEY:
        return _number(value, 2)
    if cell.kind == PERCENT:
        return _number(value, cell.places)
    if cell.kind == NUMBER:
        return _number(value, decimals(value))
    if cell.kind == DATE:
        return date_format(value, "SHORT_DATE_FORMAT")
    if cell.kind == MOMENT:
        return date_format(value, "SHORT_DATETIME_FORMAT")
    return str(value)


def _number(value, places: int) -> str:
    return formats.number(value, places, grouping=False)
