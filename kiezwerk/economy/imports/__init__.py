"""Importing an enterprise's monthly figures from a file, and the template for it.

A file is CSV (UTF-8, with or without BOM, `;` or `,` between cells) or XLSX, told apart by its
content, not its name. Its first row names the columns, in English or German, in any order: the
business line, year and month, the figures of the year table, and one column per public client
of the enterprise's lines ("Public contracts: <client>"). Every further row is one month of one
business line; a row whose figure cells are all empty is skipped. Every problem is collected as
(row, column, problem); one problem rejects the whole file. A row that holds the figures
already saved changes nothing, and only such a row may name a closed month. The template is
the file of one year with the saved figures, so that it goes back unchanged without harm.
A file is checked first (the dry run: months new, changed and unchanged, with the changes of
the first ones), then imported: sent again with the checksum of the file checked (nothing is
kept on the server), read again and written in one transaction, in bulk and a chunk at a time,
each changed month logged as a save of the month logs it, and one summary entry
("economy.figures_imported") when any month changed. Up to 10,000 rows (`MAX_ROWS`).

`reading` reads and checks a file, `saved` loads the saved figures, `writing` writes a chunk,
`template` makes the template; here are the forms and the import.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kiezwerk.core.activity import log_action
from kiezwerk.core.tables import (
    MAX_BYTES,
    SHOWN_PROBLEMS,
    KeyedImportForm,
    Rejected,
    TableFileForm,
)
from kiezwerk.economy.imports.cells import FIRST_YEAR, LAST_YEAR
from kiezwerk.economy.imports.reading import (
    MAX_ROWS,
    PERIOD_COLUMNS,
    FigurePlan,
    FigureReader,
    Problem,
)
from kiezwerk.economy.imports.saved import figure_years
from kiezwerk.economy.imports.template import TemplateExporter, template_columns
from kiezwerk.economy.imports.writing import ChunkWriter
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
    "import_file",
    "template_columns",
]


# ------------------------------------------------------------------------------------------
# Importing


def import_file(
    enterprise: Initiative, file, *, actor, file_name: str, may_correct: bool = False
) -> dict[str, int]:
    """Read the file again inside one transaction (the enterprise's row and the saved months
    it changes locked) and write it chunk by chunk in bulk: one log entry per changed month and
    one summary entry when any month changed. Rejected, with nothing written, when the file
    has problems now (a month closed since the dry run, say) or another save inserted one of
    its months meanwhile. Returns the counts of the rows with figures, of changed months and of
    the empty rows skipped."""
    with transaction.atomic():
        Initiative.objects.select_for_update().only("pk").get(pk=enterprise.pk)
        reader = FigureReader(enterprise, may_correct=may_correct, lock=True)
        writer = ChunkWriter(actor)
        rows, first = 0, 1
        month = str(PERIOD_COLUMNS[2][1])
        try:
            with transaction.atomic():
                for chunk in reader.chunks(file):
                    rows, first = rows + len(chunk), chunk[0].number
                    if not reader.problems:  # read on, to list every problem of the file
                        writer.write(chunk)
        except IntegrityError as error:
            raise Rejected([Problem(first, month, _stale())]) from error
        except ValidationError as error:  # unreadable: the form reads no file sent to import
            raise Rejected([Problem(1, "", " ".join(error.messages))]) from error
        if reader.problems:
            raise Rejected(reader.problems)
        summary = {"rows": rows, "changed": writer.changed}
        if writer.changed:
            log_action(
                actor, "economy.figures_imported", enterprise, {"file": file_name, **summary}
            )
    return summary | {"empty": reader.empty}


def _stale() -> str:
    return _("Someone else saved one of these months meanwhile. Please check the file again.")


# ------------------------------------------------------------------------------------------
# The upload form


class ImportForm(KeyedImportForm):
    """A file with figures, checked against the enterprise for the dry run: its `plan` (and
    the count of `empty` rows skipped); with "apply" and the checksum of the file checked,
    `confirmed`. `may_correct`: the user may correct closed months (see FigureReader)."""

    file_label = gettext_lazy("File with the figures")

    def __init__(self, *args, enterprise: Initiative, may_correct: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.enterprise = enterprise
        self.may_correct = may_correct
        self.bound_kwargs = {"enterprise": enterprise, "may_correct": may_correct}
        self.plan = FigurePlan()
        self.empty = 0

    def reader(self) -> FigureReader:
        return FigureReader(self.enterprise, may_correct=self.may_correct)

    def after_reading(self, reader: FigureReader) -> None:
        self.plan = reader.plan
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
