"""The report as an XLSX workbook: one sheet per section (cover, agency and programme,
indicators, commentary, financing plan, budget, drawdowns, enterprises), each with a bold
header row, numbers as numbers (euros in a currency format, percentages as percentages, days as
dates) and text as text: XlsxWriter never turns user text into a formula or a link, and in
constant-memory mode writes row by row through temporary files, so memory stays flat."""

import datetime as dt
import re
from decimal import Decimal
from typing import Any, BinaryIO

from kiezwerk.reporting.funder_report.content import DATE, MOMENT, MONEY, PERCENT, ReportContent
from kiezwerk.reporting.funder_report.tables import NUMBER, Cell, Table, decimals, sections

OPTIONS = {
    "constant_memory": True,
    "in_memory": False,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}
NUMBER_FORMATS = {
    MONEY: '#,##0.00 "€"',
    DATE: "dd.mm.yyyy",
    MOMENT: "dd.mm.yyyy hh:mm",
}
SHEET_NAME_LIMIT = 31
NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")


def write_xlsx(content: ReportContent, out: BinaryIO) -> None:
    import xlsxwriter

    with xlsxwriter.Workbook(out, OPTIONS) as workbook:
        styles = Styles(workbook)
        names: set[str] = set()
        for table in sections(content):
            sheet = workbook.add_worksheet(sheet_name(table.sheet, names))
            _write_table(sheet, table, styles)


def sheet_name(title: str, taken: set[str]) -> str:
    """`title` as Excel allows a sheet name: at most 31 characters, none of []:*?/\\, and
    unique in the workbook (case-insensitive)."""
    base = NOT_IN_SHEET_NAMES.sub(" ", title).strip("' ")[:SHEET_NAME_LIMIT] or "Sheet"
    name, number = base, 1
    while name.lower() in taken:
        number += 1
        suffix = f" ({number})"
        name = base[: SHEET_NAME_LIMIT - len(suffix)] + suffix
    taken.add(name.lower())
    return name


class Styles:
    """The workbook's cell formats, made once each: by kind, decimals and boldness."""

    def __init__(self, workbook) -> None:
        self.workbook = workbook
        self.made: dict[tuple, Any] = {}

    def get(self, code: str | None = None, *, bold: bool = False, wrap: bool = False):
        key = (code, bold, wrap)
        if key not in self.made:
            properties: dict[str, Any] = {"valign": "top"}
            if code:
                properties["num_format"] = code
            if bold:
                properties["bold"] = True
            if wrap:
                properties["text_wrap"] = True
            self.made[key] = self.workbook.add_format(properties)
        return self.made[key]


def _write_table(sheet, table: Table, styles: Styles) -> None:
    wide = table.key == "commentary"
    sheet.set_column(0, 0, 45)
    sheet.set_column(1, len(table.columns) - 1, 90 if wide else 20)
    sheet.freeze_panes(1, 0)
    for column, label in enumerate(table.columns):
        sheet.write_string(0, column, label.label, styles.get(bold=True))
    row = 1
    for cells in table.rows:
        _write_row(sheet, row, cells, styles, wrap=wide)
        row += 1
    if table.footer:
        _write_row(sheet, row, table.footer, styles, bold=True)
        row += 1
    if table.note:
        sheet.write_string(row + 1, 0, table.note)


def _write_row(sheet, row: int, cells: list[Cell], styles: Styles, **style) -> None:
    for column, cell in enumerate(cells):
        _write_cell(sheet, row, column, cell, styles, **style)


def _write_cell(sheet, row: int, column: int, cell: Cell, styles: Styles, **style) -> None:
    value = cell.value
    if value is None or value == "":
        sheet.write_blank(row, column, None, styles.get(**style))
    elif cell.kind == MONEY:
        sheet.write_number(row, column, float(value), styles.get(NUMBER_FORMATS[MONEY], **style))
    elif cell.kind == PERCENT:
        code = "0." + "0" * cell.places + "%" if cell.places else "0%"
        sheet.write_number(row, column, float(Decimal(value) / 100), styles.get(code, **style))
    elif cell.kind == NUMBER:
        code = "#,##0.00" if decimals(value) else "#,##0"
        sheet.write_number(row, column, float(value), styles.get(code, **style))
    elif cell.kind in (DATE, MOMENT):
        sheet.write_datetime(row, column, _naive(value), styles.get(NUMBER_FORMATS[cell.kind]))
    else:
        sheet.write_string(row, column, str(value), styles.get(**style))


def _naive(value: dt.date | dt.datetime) -> dt.date | dt.datetime:
    """Excel has no time zones: a moment is written as its Berlin wall-clock time."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value
