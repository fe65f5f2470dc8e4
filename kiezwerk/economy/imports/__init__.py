"""Importing an enterprise's monthly figures from a file, and the template for it.

A file is CSV (UTF-8, with or without BOM, `;` or `,` between cells) or XLSX, told apart by its
content, not its name. Its first row names the columns, in English or German, in any order: the
business line, year and month, the figures of the year table, and one column per public client
of the enterprise's lines ("Public contracts: <client>"). Every further row is one month of one
business line; a row whose figure cells are all empty is skipped. Every problem is collected as
(row, column, problem); one problem rejects the whole file. A row that holds the figures
already saved changes nothing, and only such a row may name a closed month. The template is
the file of one year with the saved figures, so that it goes back unchanged without harm.
A clean file is written in one transaction through `services.save_month`, which logs each
changed month, and one summary entry ("economy.figures_imported") when any month changed.

`reading` reads and checks a file, `saved` loads the saved figures, `template` makes the
template; here are the forms and the writing.
"""

from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kiezwerk.core.activity import log_action
from kiezwerk.economy import services
from kiezwerk.economy.imports.cells import FIRST_YEAR, LAST_YEAR
from kiezwerk.economy.imports.reading import (
    MAX_ROWS,
    PERIOD_COLUMNS,
    FigureReader,
    FigureRow,
    Problem,
)
from kiezwerk.economy.imports.saved import figure_years
from kiezwerk.economy.imports.template import TemplateExporter, template_columns
from kiezwerk.initiatives.models import Initiative

__all__ = [
    "MAX_BYTES",
    "MAX_ROWS",
    "SHOWN_PROBLEMS",
    "ImportForm",
    "Problem",
    "Rejected",
    "TableFileForm",
    "TemplateExporter",
    "TemplateForm",
    "import_rows",
    "template_columns",
]

MAX_BYTES = 5 * 1024 * 1024
SHOWN_PROBLEMS = 100  # the page lists so many problems and counts the rest


class Rejected(Exception):
    """The file has problems: nothing was imported."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.problems = problems


# ------------------------------------------------------------------------------------------
# Writing


def import_rows(
    enterprise: Initiative, rows: list[FigureRow], *, actor, file_name: str
) -> dict[str, int]:
    """Save every row that changes its month as a save of the month would (one log entry per
    changed month), and log one summary entry if any did; all in one transaction. Rows that
    hold the saved figures are left alone. Rejected, with nothing written, if a month was
    closed or saved by someone else since the file was read (the rows carry the version they
    were compared with)."""
    changes = [row for row in rows if not row.unchanged]
    with transaction.atomic():
        for row in changes:
            try:
                services.save_month(
                    row.line, row.year, row.month, row.values, actor=actor, version=row.version
                )
            except ValidationError as error:
                problem = Problem(row.number, str(PERIOD_COLUMNS[2][1]), " ".join(error.messages))
                raise Rejected([problem]) from error
        summary = {"rows": len(rows), "changed": len(changes)}
        if changes:
            data = {"file": file_name, **summary}
            log_action(actor, "economy.figures_imported", enterprise, data)
    return summary


# ------------------------------------------------------------------------------------------
# The upload form


class TableFileForm(forms.Form):
    """The upload of a CSV or XLSX file, read and checked when the form is cleaned: its
    `rows`, or the file's `problems` (then the form is invalid and nothing is imported).
    Subclasses name the file field's label and give `reader()`, an object whose `read(file)`
    returns the rows and collects `problems`; economy's figures and funding's spending share it.
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
        reader = self.reader()
        self.rows = reader.read(file)
        self.after_reading(reader)
        if reader.problems:
            self.problems = reader.problems
            raise ValidationError(self._problems_found(), code="problems")
        return file

    def after_reading(self, reader) -> None:
        """What else a subclass keeps of the reader (e.g. the count of empty rows)."""

    def reject(self, problems: list[Problem]) -> None:
        """The import failed after all (see import_rows)."""
        self.problems = problems
        self.add_error("file", self._problems_found())

    def _problems_found(self) -> str:
        count = len(self.problems)
        return ngettext(
            "The file has %(count)s problem, listed under “Problems in the file”.",
            "The file has %(count)s problems, listed under “Problems in the file”.",
            count,
        ) % {"count": formats.number_format(count, force_grouping=True)}


class ImportForm(TableFileForm):
    """A file with figures, checked against the enterprise: `rows` to import (and the count of
    `empty` rows skipped). `may_correct`: the user may correct closed months (see
    FigureReader)."""

    file_label = gettext_lazy("File with the figures")

    def __init__(self, *args, enterprise: Initiative, may_correct: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.enterprise = enterprise
        self.may_correct = may_correct
        self.empty = 0

    def reader(self) -> FigureReader:
        return FigureReader(self.enterprise, may_correct=self.may_correct)

    def after_reading(self, reader: FigureReader) -> None:
        self.empty = reader.empty


class TemplateForm(forms.Form):
    """The year of the template to download (`?year=`): by default the latest year in which
    the enterprise's active lines have figures, or the current year when they have none."""

    year = forms.IntegerField(
        label=gettext_lazy("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR, required=False
    )

    def __init__(self, data=None, *, enterprise: Initiative) -> None:
        super().__init__(data)
        self.years = figure_years(enterprise)
        self.default = self.years[-1] if self.years else timezone.localdate().year
        field = self.fields["year"]
        field.initial = self.default
        if self.years:
            field.help_text = _("Years with figures: %(years)s.") % {
                "years": ", ".join(str(year) for year in self.years)
            }

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        return self.default if year is None else year
