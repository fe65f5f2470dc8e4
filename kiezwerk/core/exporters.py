"""Exporter base: a report is a `rows()` generator; CSV and XLSX come from here, streamed.

CSV goes through defusedcsv (cells starting with = + - @ are escaped), XLSX through
XlsxWriter with `strings_to_formulas=False` and constant memory, so user text never becomes
a formula and memory stays flat however many rows there are.
"""

import tempfile
from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

from defusedcsv import csv
from django.http import FileResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.functional import Promise

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")  # the file formats of every export


class _Echo:
    """A file-like object whose write() returns the line, for streaming csv.writer output."""

    def write(self, value: str) -> str:
        return value


class Exporter:
    """Subclass, set `filename` and `columns` ([(key, label)]), and implement `rows()`."""

    filename: ClassVar[str] = "export"
    columns: ClassVar[list[tuple[str, str | Promise]]] = []

    def rows(self) -> Iterable[dict[str, Any]]:
        raise NotImplementedError

    def header(self) -> list[str]:
        return [str(label) for _key, label in self.columns]

    def values(self) -> Iterator[list[Any]]:
        keys = [key for key, _label in self.columns]
        for row in self.rows():
            yield [_cell(row.get(key)) for key in keys]

    def _stamped_name(self, extension: str) -> str:
        return f"{self.filename}-{timezone.localdate():%Y-%m-%d}.{extension}"

    def response(self, fmt: str) -> HttpResponseBase:
        """The file in `fmt`, one of FORMATS ("csv" or "xlsx")."""
        return self.csv_response() if fmt == "csv" else self.xlsx_response()

    def csv_response(self) -> StreamingHttpResponse:
        writer = csv.writer(_Echo(), delimiter=";")
        lines = (writer.writerow(values) for values in _with_header(self))
        response = StreamingHttpResponse(
            _prefixed("\ufeff", lines), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{self._stamped_name("csv")}"'
        return response

    def xlsx_response(self) -> FileResponse:
        import xlsxwriter

        handle = tempfile.TemporaryFile()  # noqa: SIM115 - closed by FileResponse
        options = {"constant_memory": True, "strings_to_formulas": False, "in_memory": False}
        with xlsxwriter.Workbook(handle, options) as workbook:
            sheet = workbook.add_worksheet()
            bold = workbook.add_format({"bold": True})
            for row_number, values in enumerate(_with_header(self)):
                cell_format = bold if row_number == 0 else None
                sheet.write_row(row_number, 0, values, cell_format)
        handle.seek(0)
        return FileResponse(
            handle,
            as_attachment=True,
            filename=self._stamped_name("xlsx"),
            content_type=XLSX_MIME,
        )


def _with_header(exporter: Exporter) -> Iterator[list[Any]]:
    yield exporter.header()
    yield from exporter.values()


def _prefixed(first: str, rest: Iterable[str]) -> Iterator[str]:
    """Prefix a UTF-8 byte-order mark so spreadsheet programs read umlauts right."""
    yield first
    yield from rest


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str | int | float):
        return value
    return str(value)
