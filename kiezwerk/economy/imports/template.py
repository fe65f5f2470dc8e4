"""The template of the import: the enterprise's columns explained for the import page, and the
file to download through the shared exporter: a row per active business line and month of one
year, with the figures saved for it (a month without figures left empty), so that the file
uploaded unchanged changes nothing."""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kiezwerk.core.exporters import Exporter
from kiezwerk.economy.enums import Source
from kiezwerk.economy.imports.reading import FIGURE_COLUMNS, PERIOD_COLUMNS, PUBLIC, PUBLIC_HEADING
from kiezwerk.economy.imports.saved import ZERO, SavedMonth, saved_months
from kiezwerk.economy.models import BusinessLine, LineClient
from kiezwerk.initiatives.models import Initiative

MEANINGS = {
    "line": gettext_lazy("The name of one of the enterprise's active business lines: %(lines)s."),
    "year": gettext_lazy("The year, for example 2024."),
    "month": gettext_lazy("The month as a number: 1 for January to 12 for December."),
    "market": gettext_lazy("Revenue from sales, in euros."),
    "grants": gettext_lazy("Grants and subsidies received, in euros."),
    "donations": gettext_lazy("Donations received, in euros."),
    "costs": gettext_lazy("All costs of the month, in euros."),
    "volunteer_hours": gettext_lazy(
        "Hours of volunteer work, in quarter hours (for example 2,25 or 2,5)."
    ),
    "volunteers": gettext_lazy("How many people volunteered, a whole number."),
    "reciprocal": gettext_lazy(
        "“yes” if volunteers work for each other (mutual help), otherwise “no” or empty."
    ),
}
SOURCES = {Source.MARKET.value, Source.GRANTS.value, Source.DONATIONS.value}


@dataclass
class TemplateColumn:
    """A column of the template, with what it means, for the import page; a public client's
    column names the client and the business lines that have it."""

    key: str
    heading: str
    meaning: str
    client: int | None = None
    lines: set[int] = field(default_factory=set)


def template_columns(enterprise: Initiative) -> tuple[list[TemplateColumn], list[BusinessLine]]:
    """The template's columns for the enterprise (one per public client of its active lines)
    and its active lines: two queries."""
    lines = list(
        BusinessLine.objects.active()
        .filter(agency_id=enterprise.agency_id, initiative=enterprise)
        .order_by("name", "pk")
    )
    links = LineClient.objects.filter(agency_id=enterprise.agency_id, line__in=lines)
    lines_of: dict[int, set[int]] = defaultdict(set)
    clients = {}
    names = {line.pk: line.name for line in lines}
    for link in links.select_related("partner").order_by("partner__name", "partner_id"):
        clients[link.partner_id] = link.partner.name
        lines_of[link.partner_id].add(link.line_id)
    columns = [_explained(key, label) for key, label, _kind in PERIOD_COLUMNS]
    columns[0].meaning %= {"lines": ", ".join(names.values()) or "–"}
    for client, name in clients.items():
        served = ", ".join(sorted(names[line] for line in lines_of[client]))
        meaning = _(
            "Revenue from contracts with %(client)s, in euros. Only for the business lines "
            "that have this public client: %(lines)s."
        ) % {"client": name, "lines": served}
        heading = PUBLIC_HEADING % {"client": name}
        columns.append(
            TemplateColumn(f"{PUBLIC}{client}", heading, meaning, client, lines_of[client])
        )
    columns += [_explained(key, label) for key, label, _kind in FIGURE_COLUMNS]
    return columns, lines


def _explained(key: str, label) -> TemplateColumn:
    return TemplateColumn(key, str(label), str(MEANINGS[key]))


class TemplateExporter(Exporter):
    """The template as a file: the headings, and a row per active business line and month of
    `year` with the figures saved for it; a month without figures has only its line, year and
    month (an empty row: the import skips it). CSV writes numbers as the reader's language
    does; XLSX as numbers. Four queries, however many lines and months."""

    filename = "figures"

    def __init__(self, enterprise: Initiative, *, year: int, numbers_as_text: bool) -> None:
        self.enterprise = enterprise
        self.year = year
        self.numbers_as_text = numbers_as_text
        self.template, self.lines = template_columns(enterprise)
        self.saved = saved_months(enterprise, [year])

    def _stamped_name(self, extension: str) -> str:
        return f"{self.filename}-{self.year}-as-of-{timezone.localdate():%Y-%m-%d}.{extension}"

    def header(self) -> list[str]:
        return [column.heading for column in self.template]

    def values(self) -> Iterator[list]:
        for line in self.lines:
            for month in range(1, 13):
                saved = self.saved.get((line.pk, self.year, month))
                period = {"line": line.name, "year": self.year, "month": month}
                yield [self._cell(column, line, period, saved) for column in self.template]

    def _cell(self, column: TemplateColumn, line: BusinessLine, period: dict, saved):
        if column.key in period:
            return period[column.key]
        if saved is None or (column.client is not None and line.pk not in column.lines):
            return ""
        return self._shown(_saved_value(saved, column))

    def _shown(self, value):
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        if isinstance(value, Decimal):
            if self.numbers_as_text:
                return formats.number_format(value, decimal_pos=2)
            return float(value)
        return value


def _saved_value(saved: SavedMonth, column: TemplateColumn):
    """What the month holds for the column: an amount of revenue, or one of its figures."""
    if column.client is not None:
        return saved.revenue.get((Source.PUBLIC.value, column.client), ZERO)
    if column.key in SOURCES:
        return saved.revenue.get((column.key, None), ZERO)
    return getattr(saved, column.key)
