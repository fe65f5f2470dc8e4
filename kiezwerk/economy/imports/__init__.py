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

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kiezwerk.core.activity import log_action
from kiezwerk.core.tables import MAX_BYTES, SHOWN_PROBLEMS, TableFileForm
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
