"""Writes the evaluation export: a ZIP with one CSV per table, the codebook and a README, all
in German.

The CSV files are as the project's other German files: UTF-8 with a byte-order mark, cells
separated by ';', written through defusedcsv (a cell starting with = + - @ is escaped, so no
text becomes a formula). The ZIP is written to a temporary file while the rows are read in
chunks, so memory stays flat however large the agency is.
"""

import io
import tempfile
import zipfile
from collections.abc import Iterable
from typing import BinaryIO

from defusedcsv import csv
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from kiezwerk.agencies.models import Agency
from kiezwerk.reporting.pseudonymised.pseudonyms import Pseudonymiser, current_key
from kiezwerk.reporting.pseudonymised.span import Span
from kiezwerk.reporting.pseudonymised.tables import TABLES

CODEBOOK = "codebook.csv"
README = "README.txt"
CODEBOOK_COLUMNS = (_("file"), _("column"), _("meaning"), _("format"), _("codes"))


def write_archive(agency: Agency, span: Span, *, key: bytes | None = None) -> BinaryIO:
    """The ZIP of `agency`'s records in `span`, in a temporary file positioned at its start."""
    pseudonymise = Pseudonymiser(agency.pk, key if key is not None else current_key())
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - closed by the response
    with translation.override("de"), zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as zipped:
        counts = {}
        for table in TABLES:
            lines = table.rows(agency.pk, span, pseudonymise)
            counts[table.filename] = _write_csv(zipped, table.filename, table.header(), lines)
        _write_csv(zipped, CODEBOOK, codebook_header(), codebook_lines())
        zipped.writestr(_entry(README), readme(agency, span, counts))
    handle.seek(0)
    return handle


def filename(agency: Agency, span: Span) -> str:
    """kiezwerk-evaluation-kiez-2003-2004-2025-06-30.zip (the years only when chosen)."""
    years = "".join(f"-{year}" for year in (span.first, span.last) if year is not None)
    return f"kiezwerk-evaluation-{agency.slug}{years}-{timezone.localdate():%Y-%m-%d}.zip"


def _entry(name: str) -> zipfile.ZipInfo:
    """A compressed member stamped with the time of the export (Berlin)."""
    info = zipfile.ZipInfo(name, date_time=timezone.localtime().timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _write_csv(zipped: zipfile.ZipFile, name: str, header: list, lines: Iterable) -> int:
    """Write one CSV member line by line; returns the number of lines after the header."""
    count = 0
    with zipped.open(_entry(name), "w") as member:
        text = io.TextIOWrapper(member, encoding="utf-8-sig", newline="")
        try:
            writer = csv.writer(text, delimiter=";")
            writer.writerow(header)
            for line in lines:
                writer.writerow(line)
                count += 1
            text.flush()
        finally:
            text.detach()  # the member is closed by the `with`
    return count


def codebook_header() -> list[str]:
    return [str(label) for label in CODEBOOK_COLUMNS]


def codebook_lines():
    """Per file a line that says what it holds, then one line per column."""
    for table in TABLES:
        yield [table.filename, "", str(table.meaning), "", ""]
        for column in table.columns:
            yield [
                table.filename,
                column.name,
                str(column.meaning),
                column.format(),
                column.values(),
            ]


def readme(agency: Agency, span: Span, counts: dict[str, int]) -> str:
    files = [(table, counts[table.filename]) for table in TABLES]
    context = {
        "agency": agency,
        "span": span,
        "files": files,
        "created": timezone.localtime(),
        "codebook": CODEBOOK,
    }
    return render_to_string("reporting/pseudonymised/readme.txt", context)
