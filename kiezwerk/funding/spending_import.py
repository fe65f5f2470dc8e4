"""Importing a grant's monthly spending from a file, and the template for it.

Accountants export monthly spending from their bookkeeping. A file is CSV (UTF-8, `;` or `,`)
or XLSX, told apart by its content (economy's `read_table`). Its first row names the columns,
in German or English, in any order: year, month, cost category, amount and an optional note.
Every further row is one month of one cost category; a row with no cell filled is skipped.
Every problem is collected as (row, column, problem), and one problem rejects the whole file.

A clean file is written in one transaction with bulk writes (a constant number of queries
however long the file): each row sets that month's amount of its category, creating or
changing it; a row that holds what is saved changes nothing; the grant's months missing from
the file stay as they are. One activity-log entry sums an import that changed anything.

The template is the grant's saved spending, so that a file downloaded, edited and uploaded
again changes only what was edited.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kiezwerk.core.activity import log_action
from kiezwerk.core.exporters import Exporter
from kiezwerk.core.formats import number
from kiezwerk.economy.imports import MAX_BYTES, SHOWN_PROBLEMS, Problem, TableFileForm
from kiezwerk.economy.imports.cells import (
    ESCAPED,
    CellProblem,
    cell_text,
    heading_key,
    parse_money,
    parse_month,
    parse_year,
    spellings,
)
from kiezwerk.economy.imports.reading import read_table
from kiezwerk.funding.enums import CostCategory
from kiezwerk.funding.models import Grant, Spending

__all__ = [
    "COLUMNS",
    "MAX_BYTES",
    "MAX_ROWS",
    "SHOWN_PROBLEMS",
    "Problem",
    "SpendingImportForm",
    "SpendingReader",
    "SpendingTemplate",
    "import_spending",
]

# Seven categories a month: a ten-year grant has 840 rows; the rest is room for mistakes.
MAX_ROWS = 2_000
MAX_NOTE = 200  # Spending.note
# (key, heading, German and English names also taken). The interface calls the category
# "Kostenart"; bookkeepers often write "Kostenkategorie", and amounts often carry "(€)".
COLUMNS = [
    ("year", gettext_lazy("Year"), {"jahr", "year"}),
    ("month", gettext_lazy("Month"), {"monat", "month"}),
    ("category", gettext_lazy("Cost category"), {"kostenkategorie", "kostenart"}),
    ("amount", gettext_lazy("Amount"), {"betrag", "betrag (€)", "amount (€)", "betrag in €"}),
    ("note", gettext_lazy("Note"), {"notiz", "note", "bemerkung"}),
]
REQUIRED = ("year", "month", "category", "amount")
MEANINGS = {
    "year": gettext_lazy("The year, for example 2004."),
    "month": gettext_lazy("The month as a number: 1 for January to 12 for December."),
    "category": gettext_lazy(
        "The cost category, as named in the table of cost categories below (its name in "
        "German or English, or its key)."
    ),
    "amount": gettext_lazy(
        "What the grant spent in this cost category in this month, in euros: 1.234,56 or "
        "1234.56. Write 0 for a month without spending."
    ),
    "note": gettext_lazy(
        "Optional, at most 200 characters: for example the invoices or the pay period. Please "
        "do not name persons. Without this column, saved notes stay as they are."
    ),
}


@dataclass
class SpendingRow:
    """One row of a file: a month of one cost category. `note` is None when the file has no
    note column (the saved note is kept)."""

    number: int
    category: str
    year: int
    month: int
    amount: Decimal
    note: str | None


@dataclass(frozen=True)
class Column:
    index: int
    key: str
    heading: str  # as written in the file


# ------------------------------------------------------------------------------------------
# Reading a file against a grant


def _filled(cells: list) -> bool:
    return any(cell_text(cell) for cell in cells)


def _headings() -> dict[str, str]:
    """{heading in any of its spellings: column key}."""
    found = {}
    for key, label, names in COLUMNS:
        for spelling in spellings(label) | names:
            found[spelling] = key
    return found


def _category_names() -> dict[str, str]:
    """{category name in the reader's language, English, German or as key: key}."""
    found = {}
    for key, label in CostCategory.choices:
        for spelling in spellings(label) | {key}:
            found[spelling] = key
    return found


def _amount(value) -> Decimal:
    if cell_text(value) == "":
        raise CellProblem(_("Please give the amount. Write 0 for a month without spending."))
    return parse_money(value)


def _note(value) -> str:
    """The note as written (inner spaces kept, so that a saved note reads back the same),
    without the apostrophe defusedcsv puts before a leading = + - @."""
    note = ESCAPED.sub("", "" if value is None else str(value).strip(), count=1)
    if len(note) > MAX_NOTE:
        raise CellProblem(_("The note may have at most %(max)s characters.") % {"max": MAX_NOTE})
    return note


def month_name(year: int, month: int) -> str:
    return f"{MONTHS[month]} {year}"


class SpendingReader:
    """Reads a file's rows against one grant: its period, the cost categories, months given
    twice. Problems are collected in `problems`; no query."""

    def __init__(self, grant: Grant) -> None:
        self.grant = grant
        self.headings = _headings()
        self.categories = _category_names()
        self.problems: list[Problem] = []
        self.seen: dict[tuple[str, int, int], int] = {}
        self.parsers = {
            "year": parse_year,
            "month": parse_month,
            "category": self._category,
            "amount": _amount,
            "note": _note,
        }

    def read(self, file) -> list[SpendingRow]:
        """The file's rows; ValidationError if the file cannot be read, is empty or too long."""
        table = ((number, cells) for number, cells in read_table(file) if _filled(cells))
        first = next(table, None)
        if first is None:
            raise ValidationError(_("The file is empty."), code="empty")
        columns = self._columns(*first)
        if self.problems:
            return []
        rows, count = [], 0
        for row_number, cells in table:
            count += 1
            if count > MAX_ROWS:
                raise ValidationError(
                    _("The file has more than %(max)s rows. Please split it.")
                    % {"max": formats.number_format(MAX_ROWS, force_grouping=True)},
                    code="too_many_rows",
                )
            row = self._row(row_number, cells, columns)
            if row is not None:
                rows.append(row)
        if count == 0:
            raise ValidationError(_("The file has no rows of spending below its headings."))
        self.problems.sort(key=lambda problem: problem.row)
        return rows

    def _problem(self, row: int, column: str, text: str) -> None:
        self.problems.append(Problem(row, column, text))

    def _columns(self, row_number: int, cells: list) -> list[Column]:
        """The file's columns by their headings; problems for unknown, repeated and missing
        ones. Columns without a heading are left out."""
        columns: dict[str, Column] = {}
        for index, cell in enumerate(cells):
            heading = cell_text(cell)
            key = self.headings.get(heading_key(cell))
            if not heading:
                continue
            if key is None:
                self._problem(row_number, heading, _("Unknown column. Please use the template."))
            elif key in columns:
                self._problem(row_number, heading, _("This column appears twice."))
            else:
                columns[key] = Column(index, key, heading)
        for key, label, _names in COLUMNS:
            if key in REQUIRED and key not in columns:
                self._problem(row_number, str(label), _("This column is missing."))
        return list(columns.values())

    def _row(self, row_number: int, cells: list, columns: list[Column]) -> SpendingRow | None:
        """The row, or None after recording its problems."""
        found, headings = {"note": None}, {}
        problems = len(self.problems)
        for column in columns:
            cell = cells[column.index] if column.index < len(cells) else None
            headings[column.key] = column.heading
            try:
                found[column.key] = self.parsers[column.key](cell)
            except CellProblem as problem:
                self._problem(row_number, column.heading, str(problem))
        if len(self.problems) > problems:
            return None
        row = SpendingRow(row_number, **found)
        self._check_month(row, headings["month"])
        return None if len(self.problems) > problems else row

    def _category(self, value) -> str:
        key = self.categories.get(heading_key(value))
        if key is None:
            raise CellProblem(
                _("Please name one of the cost categories: %(names)s.")
                % {"names": ", ".join(str(label) for label in CostCategory.labels)}
            )
        return key

    def _check_month(self, row: SpendingRow, heading: str) -> None:
        """A problem for a month outside the grant's period, or given twice."""
        start, end = self.grant.start_date, self.grant.end_date
        if not (start.year, start.month) <= (row.year, row.month) <= (end.year, end.month):
            text = _("%(month)s is outside the grant period (%(start)s to %(end)s).") % {
                "month": month_name(row.year, row.month),
                "start": month_name(start.year, start.month),
                "end": month_name(end.year, end.month),
            }
            self._problem(row.number, heading, text)
            return
        earlier = self.seen.setdefault((row.category, row.year, row.month), row.number)
        if earlier != row.number:
            text = _("%(category)s in %(month)s is already in row %(row)s.") % {
                "category": CostCategory(row.category).label,
                "month": month_name(row.year, row.month),
                "row": earlier,
            }
            self._problem(row.number, heading, text)


# ------------------------------------------------------------------------------------------
# Writing


@dataclass
class Outcome:
    """What an import did, by months: created, changed, and left as they were."""

    created: int = 0
    changed: int = 0
    unchanged: int = 0


def import_spending(grant: Grant, rows: list[SpendingRow], *, actor, file_name: str) -> Outcome:
    """Set each row's month of its cost category, in one transaction with bulk writes (five
    queries, however many rows), and log one entry with the counts if anything changed.
    ValidationError, with nothing written, if someone recorded one of the new months since."""
    with transaction.atomic():
        Grant.objects.select_for_update().only("pk").get(pk=grant.pk)  # one import at a time
        saved = Spending.objects.filter(agency_id=grant.agency_id, grant=grant)
        new, changed = _compare(grant, rows, {(s.category, s.year, s.month): s for s in saved})
        outcome = Outcome(len(new), len(changed), len(rows) - len(new) - len(changed))
        _write(new, changed)
        if new or changed:
            log_action(
                actor, "funding.spending_imported", grant, {"file": file_name, **vars(outcome)}
            )
    return outcome


def _compare(
    grant: Grant, rows: list[SpendingRow], saved: dict[tuple[str, int, int], Spending]
) -> tuple[list[Spending], list[Spending]]:
    """The months to create, and the saved months the rows change (changed in place); a row
    without a note column keeps the saved note."""
    new, changed = [], []
    now = timezone.now()
    for row in rows:
        found = saved.get((row.category, row.year, row.month))
        if found is None:
            new.append(_new_spending(grant, row, row.note or ""))
            continue
        note = found.note if row.note is None else row.note
        if (found.amount, found.note) != (row.amount, note):
            found.amount, found.note = row.amount, note
            found.updated_at = now  # bulk_update does not set it
            changed.append(found)
    return new, changed


def _new_spending(grant: Grant, row: SpendingRow, note: str) -> Spending:
    return Spending(
        agency_id=grant.agency_id,
        grant=grant,
        category=row.category,
        year=row.year,
        month=row.month,
        amount=row.amount,
        note=note,
    )


def _write(new: list[Spending], changed: list[Spending]) -> None:
    try:
        with transaction.atomic():
            Spending.objects.bulk_create(new)
    except IntegrityError as error:
        raise ValidationError(
            _(
                "Someone else recorded spending of this grant in the meantime. Please check "
                "it and upload the file again."
            )
        ) from error
    Spending.objects.bulk_update(changed, ["amount", "note", "updated_at"])


# ------------------------------------------------------------------------------------------
# The upload form


class SpendingImportForm(TableFileForm):
    """A file with spending, checked against the grant: `rows` to import, or the file's
    `problems` (the upload itself is economy's TableFileForm)."""

    file_label = gettext_lazy("File with the spending")

    def __init__(self, *args, grant: Grant, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.grant = grant

    def reader(self) -> SpendingReader:
        return SpendingReader(self.grant)


# ------------------------------------------------------------------------------------------
# The template


class SpendingTemplate(Exporter):
    """The template as a file: the headings in the reader's language, and the grant's saved
    spending, a row per month and cost category, so that the file uploaded unchanged changes
    nothing. CSV writes amounts as the reader's language does (without grouping), XLSX as
    numbers. One query."""

    def __init__(self, grant: Grant, *, numbers_as_text: bool) -> None:
        self.grant = grant
        self.numbers_as_text = numbers_as_text

    def _stamped_name(self, extension: str) -> str:
        return f"spending-grant-{self.grant.pk}-as-of-{timezone.localdate():%Y-%m-%d}.{extension}"

    def header(self) -> list[str]:
        return [str(label) for _key, label, _names in COLUMNS]

    def values(self) -> Iterator[list]:
        saved = Spending.objects.filter(agency_id=self.grant.agency_id, grant=self.grant)
        fields = ("year", "month", "category", "amount", "note")
        for year, month, category, amount, note in (
            saved.order_by("year", "month", "category").values_list(*fields).iterator()
        ):
            label = str(CostCategory(category).label)
            yield [year, month, label, self._amount(amount), note]

    def _amount(self, amount: Decimal):
        return number(amount, grouping=False) if self.numbers_as_text else float(amount)


def columns_explained() -> list[dict]:
    """Each column's heading, meaning and whether it is required, for the import page."""
    return [
        {"heading": label, "meaning": MEANINGS[key], "required": key in REQUIRED}
        for key, label, _n in COLUMNS
    ]
