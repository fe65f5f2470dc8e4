"""Reading a table a user uploads, shared by every import (economy's figures, funding's spending,
initiatives and jobs): the file's rows (CSV in UTF-8 or XLSX, told apart by content, not by
name; XLSX read row by row in openpyxl's read-only mode), its cells compared without case and
spacing, problems by row and column, and the upload form with its size limit.

Moved here from `economy.imports` so that the initiatives app, below economy, can use it too
(docs/architecture.md: imports flow one way)."""

import codecs
import csv
import datetime as dt
import hashlib
import itertools
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kiezwerk.core.activity import log_action
from kiezwerk.core.exporters import Exporter

MAX_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # an XLSX is a zip: its unpacked parts are limited too
SHOWN_PROBLEMS = 100  # an import page lists so many problems and counts the rest
XLSX_SIGNATURE = b"PK\x03\x04"
WORKBOOK_MEMBER = "xl/workbook.xml"  # what every XLSX holds; other ZIPs (DOCX, ODS) are refused
BLANKS = re.compile(r"[\s\u00a0\u202f]+")
# defusedcsv writes a cell that starts with one of these with a leading apostrophe.
ESCAPED = re.compile(r"'(?=[=+\-@\t\r])")


@dataclass(frozen=True)
class Problem:
    """A problem of the file: the row as a spreadsheet program numbers it (the heading is row
    1), the column's heading, and what is wrong."""

    row: int
    column: str
    text: str


class CellProblem(ValueError):
    """A cell whose value cannot be taken; the message says why."""


# ------------------------------------------------------------------------------------------
# Cells


def cell_text(value) -> str:
    return "" if value is None else BLANKS.sub(" ", str(value)).strip()


def heading_key(value) -> str:
    """A heading or name compared without case, spacing and Unicode composition."""
    return unicodedata.normalize("NFC", cell_text(value)).casefold()


def spellings(label, **params) -> set[str]:
    """A heading (a lazy translation, with `params` for its placeholders) in the reader's
    language, in English and in German."""

    def spelled() -> str:
        return heading_key(str(label) % params if params else label)

    names = {spelled()}
    for language in ("en", "de"):
        with translation.override(language):
            names.add(spelled())
    return names


def filled(cells: list) -> bool:
    return any(cell_text(cell) for cell in cells)


# ------------------------------------------------------------------------------------------
# Files: rows of cells, numbered as a spreadsheet program numbers them


def _unreadable() -> ValidationError:
    return ValidationError(
        _(
            "This file is neither a CSV file in UTF-8 nor an Excel workbook (XLSX). Please save "
            "it in one of these formats (in Excel: “CSV UTF-8” or “Excel workbook”)."
        ),
        code="wrong_type",
    )


def _bad_workbook() -> ValidationError:
    return ValidationError(
        _("This file could not be read as an Excel workbook (XLSX)."), code="bad_xlsx"
    )


def read_table(file) -> Iterator[tuple[int, list]]:
    """(row number, cells) of the file's first sheet, read row by row; ValidationError (when
    the rows are read) if it is neither CSV in UTF-8 nor XLSX."""
    file.seek(0)
    head = file.read(len(XLSX_SIGNATURE))
    file.seek(0)
    if head == XLSX_SIGNATURE:
        return _xlsx_rows(file)
    return _csv_rows(file)


def _csv_rows(file) -> Iterator[tuple[int, list]]:
    """The CSV file's rows, decoded line by line (the file's text is never held whole); the
    delimiter is the one the first line has more of, `;` or `,`."""
    _check_text(file)
    lines = (line.decode("utf-8") for line in file)  # Django's File: lines with their ends
    first = next(lines, "").removeprefix("\ufeff")
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return _csv_records(csv.reader(itertools.chain([first], lines), delimiter=delimiter))


def _check_text(file) -> None:
    """Unreadable unless the whole file is UTF-8 text without NUL bytes (UTF-16 and binary
    files have them), checked a chunk at a time before any row is read."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    file.seek(0)
    try:
        for chunk in iter(lambda: file.read(64 * 1024), b""):
            if b"\x00" in chunk:
                raise _unreadable()
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise _unreadable() from None
    file.seek(0)


def _csv_records(reader) -> Iterator[tuple[int, list]]:
    try:
        yield from enumerate(reader, start=1)
    except csv.Error as error:
        raise ValidationError(
            _("The CSV file could not be read: %(error)s") % {"error": error}, code="bad_csv"
        ) from None


def _xlsx_rows(file) -> Iterator[tuple[int, list]]:
    import openpyxl

    _check_workbook_zip(file)
    try:
        workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken workbook
        raise _bad_workbook() from None
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # some programs write wrong ones; rows are read as they are
        yield from enumerate((list(row) for row in sheet.iter_rows(values_only=True)), start=1)
    except ValidationError:
        raise
    except Exception:
        raise _bad_workbook() from None
    finally:
        workbook.close()


def _check_workbook_zip(file) -> None:
    try:
        with zipfile.ZipFile(file) as archive:
            size = sum(info.file_size for info in archive.infolist())
            is_workbook = WORKBOOK_MEMBER in archive.namelist()
    except zipfile.BadZipFile:
        raise _bad_workbook() from None
    file.seek(0)
    if not is_workbook:
        raise _bad_workbook()
    if size > MAX_UNPACKED_BYTES:
        raise ValidationError(
            _("The workbook is too large: unpacked, at most %(max)s are allowed.")
            % {"max": filesizeformat(MAX_UNPACKED_BYTES)},
            code="too_large",
        )


# ------------------------------------------------------------------------------------------
# The upload form


class TableFileForm(forms.Form):
    """The upload of a CSV or XLSX file, read and checked when the form is cleaned: its
    `rows`, or the file's `problems` (then the form is invalid and nothing is imported).
    Subclasses name the file field's label and give `reader()`, an object whose `read(file)`
    returns the rows and collects `problems`; every import shares it.
    """

    file = forms.FileField()
    file_label = gettext_lazy("File")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.rows: list = []
        self.problems: list[Problem] = []
        field = self.fields["file"]
        field.label = self.file_label
        field.help_text = _("CSV (UTF-8) or Excel workbook (XLSX), at most %(max)s.") % {
            "max": filesizeformat(MAX_BYTES)
        }
        field.widget.attrs["accept"] = ".csv,.xlsx,text/csv," + (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )

    def reader(self):
        raise NotImplementedError

    @property
    def file_name(self) -> str:
        return PurePath(self.cleaned_data["file"].name or "").name[-200:]

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > MAX_BYTES:
            raise ValidationError(
                _("The file is too large: at most %(max)s are allowed.")
                % {"max": filesizeformat(MAX_BYTES)},
                code="too_large",
            )
        if self.reads_the_file(file):
            reader = self.reader()
            self.rows = reader.read(file)
            self.after_reading(reader)
            if reader.problems:
                self.problems = reader.problems
                raise ValidationError(self._problems_found(), code="problems")
        return file

    def reads_the_file(self, file) -> bool:
        """Whether cleaning reads the file's rows (an import that reads it again itself
        skips this)."""
        return True

    def after_reading(self, reader) -> None:
        """What else a subclass keeps of the reader (e.g. the count of empty rows)."""

    def reject(self, problems: list[Problem]) -> None:
        """The import failed after all (see economy's import_rows)."""
        self.problems = problems
        self.add_error("file", self._problems_found())

    def _problems_found(self) -> str:
        count = len(self.problems)
        return ngettext(
            "The file has %(count)s problem, listed under “Problems in the file”.",
            "The file has %(count)s problems, listed under “Problems in the file”.",
            count,
        ) % {"count": formats.number_format(count, force_grouping=True)}


# ------------------------------------------------------------------------------------------
# Imports of records identified by an external reference (initiatives, jobs): the columns of a
# template, cells of text, dates and choices, a reader that collects problems, the plan of a
# dry run, and the template file


@dataclass(frozen=True)
class Column:
    """A column of a template: its German heading as the template writes it, its English
    label (also taken as a heading, as is the key), and what the import page says of it."""

    key: str
    heading: str
    label: Any
    meaning: Any
    format: Any
    example: Any = ""
    required: bool = False

    def spellings(self) -> set[str]:
        return {heading_key(self.heading), heading_key(self.key)} | spellings(self.label)


DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y")


def parse_date(value) -> dt.date | None:
    """A date from an XLSX date cell, "31.12.2024" or "2024-12-31"; None for an empty cell."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = cell_text(value)
    if not text:
        return None
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise CellProblem(
        _("“%(value)s” is not a date. Please write dates like 31.12.2024.") % {"value": text[:40]}
    )


def parse_text(value, *, max_length: int, multiline: bool = False) -> str:
    """The cell's text without the apostrophe defusedcsv puts before a leading = + - @; on one
    line, or (`multiline`) with its line breaks kept."""
    if multiline:
        text = "" if value is None else str(value).replace("\r\n", "\n").strip()
    else:
        text = cell_text(value)
    text = ESCAPED.sub("", text, count=1)
    if len(text) > max_length:
        raise CellProblem(
            _("This text is too long: at most %(max)s characters.") % {"max": max_length}
        )
    return text


class ChoiceParser:
    """A cell naming one of `choices` by its key or its name (in English, German or the
    reader's language); empty gives `empty`, or a problem when `empty` is None."""

    def __init__(self, choices, *, empty: str | None = None) -> None:
        self.choices = list(choices)
        self.empty = empty
        self.names = {name: key for key, label in self.choices for name in spellings(label)}
        self.names |= {heading_key(key): key for key, _label in self.choices}

    def __call__(self, value) -> str:
        text = heading_key(value)
        if not text and self.empty is not None:
            return self.empty
        key = self.names.get(text)
        if key is None:
            raise CellProblem(
                _("Please write one of: %(keys)s.")
                % {"keys": ", ".join(key for key, _label in self.choices)}
            )
        return key


CREATE, CHANGE, UNCHANGED = "create", "change", "unchanged"


@dataclass
class Change:
    """A field a row changes: its label and the saved and the new value, as shown."""

    field: str
    old: str
    new: str


@dataclass
class Planned:
    """What the import does with one row of the file."""

    row: int
    ref: str
    name: str
    action: str = CREATE
    changes: list[Change] = field(default_factory=list)


@dataclass
class Plan:
    """The dry run: each row's plan, and the counts."""

    rows: list[Planned] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def counts(self) -> dict[str, int]:
        return {action: self.count(action) for action in (CREATE, CHANGE, UNCHANGED)}


class KeyedReader:
    """Reads a file whose rows are records of an agency identified by an external reference,
    for a user. Subclasses give `columns`, `parsers` ({key: cell parser}), `row(number,
    values)` (a row from its parsed cells, or None after recording problems) and
    `resolve(rows)` (checks against the saved records, in a few queries, and fills `plan`).
    Rows are read one by one (CSV reader, openpyxl read-only); every problem is collected by
    row and column."""

    columns: tuple[Column, ...] = ()
    max_rows = 2_000
    parsers: dict = {}

    def __init__(self, agency, user) -> None:
        self.agency = agency
        self.user = user  # whose neighbourhoods and records the file may touch
        self.problems: list[Problem] = []
        self.headings = {name: column for column in self.columns for name in column.spellings()}
        self.in_file: dict[str, str] = {}  # column key: its heading as written in the file
        self.seen: dict[str, int] = {}  # external reference: the row that gave it first
        self.plan = Plan()

    def first_time(self, number: int, ref: str) -> bool:
        """True for the first row with this external reference; a problem for a later one."""
        earlier = self.seen.setdefault(ref, number)
        if earlier != number:
            text = _("This reference is already in row %(row)s.") % {"row": earlier}
            self.problem(number, "external_ref", text)
        return earlier == number

    def heading(self, key: str) -> str:
        return self.in_file.get(key) or next(c.heading for c in self.columns if c.key == key)

    def problem(self, row: int, key: str, text: str) -> None:
        self.problems.append(Problem(row, self.heading(key), text))

    def read(self, file) -> list:
        table = ((number, cells) for number, cells in read_table(file) if filled(cells))
        first = next(table, None)
        if first is None:
            raise ValidationError(_("The file is empty."), code="empty")
        found = self._columns(*first)
        if self.problems:
            return []
        rows, count = [], 0
        for number, cells in table:
            count += 1
            if count > self.max_rows:
                raise ValidationError(
                    _("The file has more than %(max)s rows. Please split it.")
                    % {"max": formats.number_format(self.max_rows, force_grouping=True)},
                    code="too_many_rows",
                )
            values = self._cells(number, cells, found)
            row = self.row(number, values) if values is not None else None
            if row is not None:
                rows.append(row)
        if count == 0:
            raise ValidationError(_("The file has no rows below its headings."), code="no_rows")
        self.resolve(rows)  # also with problems, so that the file's problems are listed at once
        self.problems.sort(key=lambda problem: problem.row)
        return rows

    def row(self, number: int, values: dict):
        raise NotImplementedError

    def resolve(self, rows: list) -> None:
        raise NotImplementedError

    def _columns(self, number: int, cells: list) -> dict[str, int]:
        """{column key: index} by the file's headings; problems for unknown, repeated and
        missing required ones. Columns without a heading are left out."""
        found: dict[str, int] = {}
        for index, cell in enumerate(cells):
            heading = cell_text(cell)
            column = self.headings.get(heading_key(cell))
            if not heading:
                continue
            if column is None:
                self.problems.append(
                    Problem(number, heading, _("Unknown column. Please use the template."))
                )
            elif column.key in found:
                self.problems.append(Problem(number, heading, _("This column appears twice.")))
            else:
                found[column.key] = index
                self.in_file[column.key] = heading
        for column in self.columns:
            if column.required and column.key not in found:
                self.problems.append(Problem(number, column.heading, _("This column is missing.")))
        return found

    def _cells(self, number: int, cells: list, found: dict[str, int]) -> dict | None:
        """The row's parsed cells by column key (only the file's columns), or None."""
        known = len(self.problems)
        values = {}
        for key, index in found.items():
            cell = cells[index] if index < len(cells) else None
            try:
                values[key] = self.parsers[key](cell)
            except CellProblem as problem:
                self.problem(number, key, str(problem))
        for column in self.columns:
            if column.required and column.key in values and values[column.key] in ("", None):
                self.problem(number, column.key, _("Please fill in this cell."))
        return values if len(self.problems) == known else None


class TemplateFile(Exporter):
    """A template: the German headings and one example row."""

    def __init__(self, columns: tuple[Column, ...], filename: str, examples=None) -> None:
        self.template = columns
        self.filename = filename  # type: ignore[misc]
        self.examples = examples or {}

    def _stamped_name(self, extension: str) -> str:
        return f"{self.filename}.{extension}"

    def header(self) -> list[str]:
        return [column.heading for column in self.template]

    def values(self) -> Iterator[list]:
        yield [str(self.examples.get(c.key, c.example)) for c in self.template]


class KeyedImportForm(TableFileForm):
    """The upload of a dry run, and of the import after it: the file is sent again with the
    `checksum` of the file the dry run showed (nothing is kept on the server). `confirmed`:
    the user asked to import, and the file is the one they checked."""

    checksum = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def reads_the_file(self, file) -> bool:
        """The file's checksum; its rows are read for the dry run only, not when it is sent
        again to be imported (the import reads it again inside its transaction)."""
        digest = hashlib.sha256()
        for chunk in file.chunks():
            digest.update(chunk)
        self.digest = digest.hexdigest()
        return not self.wants_import

    @property
    def wants_import(self) -> bool:
        """ "Import" was pressed with the checksum of this very file."""
        return "apply" in self.data and self.data.get("checksum") == self.digest

    @property
    def confirmed(self) -> bool:
        """Valid, and the file to import is the one the dry run checked."""
        return not self.errors and self.wants_import


class AgencyImportForm(KeyedImportForm):
    """The import form of records of an agency identified by an external reference: its
    `reader_class` (a KeyedReader) reads the file for the user; `plan` is the dry run."""

    reader_class: type[KeyedReader]

    def __init__(self, *args, agency, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.user = user
        self.bound_kwargs = {"agency": agency, "user": user}
        self.plan = Plan()

    def reader(self) -> KeyedReader:
        return self.reader_class(self.agency, self.user)

    def after_reading(self, reader: KeyedReader) -> None:
        self.plan = reader.plan


class Rejected(Exception):
    """The file cannot be imported as it is now: nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.problems = problems


def apply_keyed_import(reader: KeyedReader, file, write, *, verb: str, file_name: str) -> Plan:
    """Read the file again inside one transaction (the agency's row locked, so that two
    imports run one after the other) and `write(rows)` what it changes; one log entry `verb`
    with the counts when anything changed. Rejected if the file has problems now, or when
    someone else saved one of its records meanwhile (the database refused a write)."""
    agency = reader.agency
    with transaction.atomic():
        type(agency).objects.select_for_update().only("pk").get(pk=agency.pk)
        try:
            rows = reader.read(file)
        except ValidationError as error:  # unreadable, empty, too long: no dry run read it
            raise Rejected([Problem(1, "", " ".join(error.messages))]) from error
        if reader.problems:
            raise Rejected(reader.problems)
        try:
            with transaction.atomic():
                write(rows)
        except IntegrityError as error:
            text = _("Someone else saved one of these records meanwhile. Please check again.")
            raise Rejected(
                [Problem(rows[0].number, reader.heading("external_ref"), text)]
            ) from error
        counts = reader.plan.counts
        if counts[CREATE] or counts[CHANGE]:
            log_action(reader.user, verb, agency, {"file": file_name, **counts})
    return reader.plan


def confirmed_import(form: KeyedImportForm, apply):
    """For a file sent with "Import" that is the one the dry run checked:
    `apply(file, file_name=...)` and its result; None when it was Rejected (the problems are
    on the form now) and for every other request."""
    if not (form.is_bound and form.is_valid() and form.confirmed):
        return None
    try:
        return apply(form.cleaned_data["file"], file_name=form.file_name)
    except Rejected as rejected:
        form.reject(rejected.problems)
        return None


def import_context(form: KeyedImportForm, columns: tuple[Column, ...], posted: bool) -> dict:
    """What an import page shows: the columns, the problems of a refused file, and after a
    clean upload the dry run with the form that imports the same file (`confirm`)."""
    checked = posted and not form.errors
    confirm = None
    if checked:
        confirm = type(form)(initial={"checksum": form.digest}, **form.bound_kwargs)
        if "apply" in form.data:  # the file sent with "Import" is not the one checked
            confirm.changed_file = True
    return {
        "form": form,
        "columns": columns,
        "plan": form.plan if checked else None,
        "confirm": confirm,
        "problems": form.problems[:SHOWN_PROBLEMS],
        "more_problems": max(len(form.problems) - SHOWN_PROBLEMS, 0),
        "max_bytes": MAX_BYTES,
    }
