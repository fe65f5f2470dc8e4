"""Both tables of the network-wide overview as CSV and XLSX files, through the shared exporter
(streamed, formula-safe). Names of agencies, districts and neighbourhoods only, no person.
CSV writes euros as the reader's language does (1234,50); XLSX as numbers."""

from collections.abc import Iterator
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from kiezwerk.core import formats
from kiezwerk.core.exporters import Exporter
from kiezwerk.reporting.network_overview.queries import FIGURES, KEYS, AgencyRow, HoodRow

NO_LONGER_SERVED = _("%(name)s (no longer served)")


def hood_name(row: HoodRow) -> str:
    name = row.neighbourhood.name
    if row.neighbourhood.archived_at is not None:
        return str(NO_LONGER_SERVED) % {"name": name}
    return name


class _FiguresExporter(Exporter):
    """Rows with the key figures; `numbers_as_text` for CSV. Headings, names and numbers are
    written out at once in the reader's language: the file streams after the request's
    language is gone (a few hundred rows of aggregates at most)."""

    def __init__(self, year: int, rows: list, *, numbers_as_text: bool) -> None:
        self.year = year
        self.table = rows
        self.numbers_as_text = numbers_as_text
        self.heading = super().header()
        keys = [key for key, _label in self.columns]
        self.lines = [[self._cell(row[key]) for key in keys] for row in self.rows()]

    def _stamped_name(self, extension: str) -> str:
        return f"{self.filename}-{self.year}.{extension}"

    def header(self) -> list[str]:
        return self.heading

    def values(self) -> Iterator[list]:
        return iter(self.lines)

    def _cell(self, value):
        """Names stay text (defusedcsv and XlsxWriter keep them from becoming formulas)."""
        if not isinstance(value, Decimal):
            return value
        return formats.number(value, 2, grouping=False) if self.numbers_as_text else float(value)

    def values_of(self, figures: dict) -> dict:
        return {key: figures[key] for key in KEYS}


class AgencyTableExporter(_FiguresExporter):
    """A row per active agency, then all agencies together."""

    filename = "network-overview-agencies"
    columns = [
        ("year", _("Year")),
        ("agency", _("Agency")),
        ("neighbourhoods", _("Neighbourhoods served")),
        *FIGURES,
    ]

    def rows(self) -> Iterator[dict]:
        for row in self.table:
            yield self._row(row, row.agency.name if row.agency else str(_("All agencies")))

    def _row(self, row: AgencyRow, name: str) -> dict:
        return {
            "year": self.year,
            "agency": name,
            "neighbourhoods": row.neighbourhoods,
            **self.values_of(row.figures),
        }


class HoodTableExporter(_FiguresExporter):
    """A row per neighbourhood, in the order of the page."""

    filename = "network-overview-neighbourhoods"
    columns = [
        ("year", _("Year")),
        ("district", _("District")),
        ("neighbourhood", _("Neighbourhood")),
        ("agency", _("Agency")),
        *FIGURES,
    ]

    def rows(self) -> Iterator[dict]:
        for row in self.table:
            yield {
                "year": self.year,
                "district": row.neighbourhood.district.name,
                "neighbourhood": hood_name(row),
                "agency": row.agency.name,
                **self.values_of(row.figures),
            }
