"""Reading a file of monthly figures: its cells (through cells.py: numbers, yes and no, years and
months), its rows (CSV in UTF-8 or XLSX, told apart by content, not by name), and
the rows checked against one enterprise, every problem collected by row and column. A row
whose figure cells are all empty is skipped; a row that holds the saved figures is marked
unchanged, and only such a row may name a closed month.

Rows are read and compared in chunks of `CHUNK` rows (the saved figures of a chunk's years in
two queries), so that a file of 10,000 rows takes a constant number of queries per chunk and
the memory of one chunk: the dry run keeps only its counts and the first rows it shows, the
import writes each chunk before it reads the next (see writing.py)."""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kiezwerk.core.tables import CHANGE, CREATE, UNCHANGED, Change, Planned, Problem, read_table
from kiezwerk.core.tables import filled as _filled
from kiezwerk.economy.enums import Source
from kiezwerk.economy.imports.cells import (
    PARSERS,
    CellProblem,
    cell_text,
    heading_key,
    spellings,
)
from kiezwerk.economy.imports.saved import SavedMonth, saved_months
from kiezwerk.economy.models import BusinessLine, ClosedMonth, LineClient
from kiezwerk.economy.services import MONTH_FIELDS, MonthValues
from kiezwerk.initiatives.models import Initiative
from kiezwerk.network.enums import PartnerKind
from kiezwerk.network.models import Partner

MAX_ROWS = 10_000  # written in bulk, a chunk at a time (bench/figures_import.py)
CHUNK = 500  # rows read, compared and written together
SHOWN_ROWS = 200  # rows of the dry run listed with their changes; the rest are counted
ZERO = Decimal("0")
PUBLIC = "public:"  # column key of a public client: "public:<partner id>"
PERIOD_KEYS = ("line", "year", "month")  # the other columns hold figures

# The columns of the template, in its order; public clients come after the month.
# (key, heading, kind); the headings are those of the year table.
PERIOD_COLUMNS = [
    ("line", gettext_lazy("Business line"), "line"),
    ("year", gettext_lazy("Year"), "year"),
    ("month", gettext_lazy("Month"), "month"),
]
FIGURE_COLUMNS = [
    (Source.MARKET.value, Source.MARKET.label, "money"),
    (Source.GRANTS.value, Source.GRANTS.label, "money"),
    (Source.DONATIONS.value, Source.DONATIONS.label, "money"),
    ("costs", gettext_lazy("Costs"), "money"),
    ("volunteer_hours", gettext_lazy("Volunteer hours"), "hours"),
    ("volunteers", gettext_lazy("Volunteers"), "count"),
    ("reciprocal", gettext_lazy("Reciprocal work"), "flag"),
]
PUBLIC_HEADING = gettext_lazy("Public contracts: %(client)s")
FIGURE_LABELS = {key: label for key, label, _kind in FIGURE_COLUMNS}


@dataclass
class FigureRow:
    """One month of one business line, ready for services.save_month: `version` is that of
    the saved month it was compared with (0 for a month without figures), `unchanged` whether
    it holds the saved figures."""

    number: int
    line: BusinessLine
    year: int
    month: int
    values: MonthValues
    version: int = 0
    unchanged: bool = False
    saved: SavedMonth | None = None


@dataclass
class FigurePlan:
    """The dry run of a file of figures: how many months it creates, changes and leaves as
    they are, and the first `SHOWN_ROWS` new or changed months with their changes."""

    counted: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys((CREATE, CHANGE, UNCHANGED), 0)
    )
    rows: list[Planned] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return self.counted

    @property
    def more(self) -> int:
        """New or changed months not listed."""
        return self.counted[CREATE] + self.counted[CHANGE] - len(self.rows)


@dataclass(frozen=True)
class Column:
    index: int
    key: str
    heading: str  # as written in the file
    kind: str


# ------------------------------------------------------------------------------------------
# Reading a file against an enterprise


class FigureReader:
    """Reads a file's rows against one enterprise: its business lines, their public clients,
    the agency's public bodies (a column each), the enterprise's closed months and the saved
    figures of the file's years: one query each (two for the figures). Problems are collected
    in `problems`, skipped empty rows counted in `empty`. `may_correct`: the reader may correct
    closed months (the problem of a changed closed month says whom to ask). `lock`: see
    saved_months."""

    def __init__(
        self,
        enterprise: Initiative,
        *,
        may_correct: bool = False,
        lock: bool = False,
    ) -> None:
        agency = enterprise.agency_id
        self.enterprise = enterprise
        self.may_correct = may_correct
        self.lock = lock  # the saved months stay locked for the import that writes them
        self.plan = FigurePlan()
        self.lines: dict[str, BusinessLine] = {}
        lines = BusinessLine.objects.filter(agency_id=agency, initiative=enterprise)
        for line in sorted(lines, key=lambda line: line.archived_at is None):
            line.initiative = enterprise  # the writer reads it: no query per row
            self.lines[heading_key(line.name)] = (
                line  # an active line wins over an archived namesake
            )
        self.clients_of: dict[int, set[int]] = defaultdict(set)
        for line_id, partner_id in LineClient.objects.filter(
            agency_id=agency, line__in=lines
        ).values_list("line_id", "partner_id"):
            self.clients_of[line_id].add(partner_id)
        self.headings = self._headings(agency)
        closed = ClosedMonth.objects.filter(agency_id=agency, initiative=enterprise)
        self.closed = set(closed.values_list("year", "month"))
        self.problems: list[Problem] = []
        # {line id, year and month as one number: the row that gave it}; small for 10,000 rows
        self.seen: dict[int, int] = {}
        self.empty = 0

    def _headings(self, agency: int) -> dict[str, str]:
        """{heading in any of its spellings: column key}. Every public body of the agency has
        a column: one a line does not have takes no amount, but may stand empty. Their names
        are kept in `client_names` for the dry run."""
        headings = {
            spelling: key
            for key, label, _kind in PERIOD_COLUMNS + FIGURE_COLUMNS
            for spelling in spellings(label)
        }
        bodies = Partner.objects.filter(agency_id=agency, kind=PartnerKind.PUBLIC)
        self.client_names = dict(bodies.values_list("pk", "name"))
        for pk, name in self.client_names.items():
            for spelling in spellings(PUBLIC_HEADING, client=name):
                headings[spelling] = f"{PUBLIC}{pk}"
        return headings

    def read(self, file) -> list:
        """The dry run (core.tables.TableFileForm reads through this): the whole file read for
        `plan` and `problems`, its rows not kept (an empty list); ValidationError if the file
        cannot be read or is too long."""
        for _chunk in self.chunks(file):
            pass
        return []

    def chunks(self, file) -> Iterator[list[FigureRow]]:
        """The file's rows with figures, compared with the saved ones, `CHUNK` at a time; the
        plan counts each. Problems are sorted once the whole file is read."""
        table = ((number, cells) for number, cells in read_table(file) if _filled(cells))
        first = next(table, None)
        if first is None:
            raise ValidationError(_("The file is empty."), code="empty")
        columns = self._columns(*first)
        if self.problems:
            return
        month = next(column.heading for column in columns if column.key == "month")
        figures = [column.index for column in columns if column.key not in PERIOD_KEYS]
        chunk, count = [], 0
        for number, cells in table:
            count += 1
            if count > MAX_ROWS:
                raise ValidationError(
                    _("The file has more than %(max)s rows of figures. Please split it.")
                    % {"max": formats.number_format(MAX_ROWS, force_grouping=True)},
                    code="too_many_rows",
                )
            if not _filled([cells[index] for index in figures if index < len(cells)]):
                self.empty += 1  # a month left empty, as the template has it: skipped
                continue
            row = self._row(number, cells, columns)
            if row is not None:
                chunk.append(row)
            if len(chunk) == CHUNK:
                yield self._compared(chunk, month)
                chunk = []
        if count == 0:
            raise ValidationError(_("The file has no rows of figures below its headings."))
        if chunk:
            yield self._compared(chunk, month)
        self.problems.sort(key=lambda problem: problem.row)  # stable: columns stay in order

    def _compared(self, rows: list[FigureRow], heading: str) -> list[FigureRow]:
        self._compare(rows, heading)
        for row in rows:
            self._plan(row)
        return rows

    def _problem(self, row: int, column: str, text: str) -> None:
        self.problems.append(Problem(row, column, text))

    def _columns(self, number: int, cells: list) -> list[Column]:
        """The file's columns by their headings; problems for unknown, repeated and missing
        ones. Columns without a heading are left out."""
        kinds = {key: kind for key, _label, kind in PERIOD_COLUMNS + FIGURE_COLUMNS}
        columns: dict[str, Column] = {}
        for index, cell in enumerate(cells):
            heading = cell_text(cell)
            key = self.headings.get(heading_key(cell))
            if not heading:
                continue
            if key is None:
                self._problem(number, heading, _("Unknown column. Please use the template."))
            elif key in columns:
                self._problem(number, heading, _("This column appears twice."))
            else:
                columns[key] = Column(index, key, heading, kinds.get(key, "money"))
        for key, label, _kind in PERIOD_COLUMNS + FIGURE_COLUMNS:
            if key not in columns:
                self._problem(number, str(label), _("This column is missing."))
        return list(columns.values())

    def _row(self, number: int, cells: list, columns: list[Column]) -> FigureRow | None:
        """The row's month, or None after recording its problems."""
        known = len(self.problems)
        found, headings = {}, {}
        for column in columns:
            cell = cells[column.index] if column.index < len(cells) else None
            headings[column.key] = column.heading
            try:
                found[column.key] = PARSERS[column.kind](cell)
            except CellProblem as problem:
                self._problem(number, column.heading, str(problem))
        line = self._line(number, found.get("line"), headings["line"])
        if line is None or not {"year", "month"} <= found.keys():
            return None
        self._period(number, line, found["year"], found["month"], headings["month"])
        revenue = self._revenue(number, line, found, headings)
        if len(self.problems) > known:
            return None
        return FigureRow(number, line, found["year"], found["month"], _values(found, revenue))

    def _line(self, number: int, name: str | None, heading: str) -> BusinessLine | None:
        if name is None:
            return None
        line = self.lines.get(heading_key(name))
        if line is None:
            text = _("This enterprise has no business line named “%(name)s”.")
        elif line.archived_at is not None:
            text = _("The business line “%(name)s” is archived and takes no new figures.")
        else:
            return line
        self._problem(number, heading, text % {"name": name})
        return None

    def _period(self, number: int, line: BusinessLine, year: int, month: int, heading) -> None:
        """A problem for a month given twice."""
        earlier = self.seen.setdefault((line.pk * 10_000 + year) * 100 + month, number)
        if earlier != number:
            text = _("%(month)s %(year)s of “%(line)s” is already in row %(row)s.")
            name = {"month": MONTHS[month], "year": year, "line": line.name, "row": earlier}
            self._problem(number, heading, text % name)

    def _compare(self, rows: list[FigureRow], heading: str) -> None:
        """Compare the rows with the saved figures: a row that holds them is unchanged; a
        closed month may only be unchanged."""
        years = {row.year for row in rows}
        saved = saved_months(self.enterprise, years, lock=self.lock) if rows else {}
        for row in rows:
            month = saved.get((row.line.pk, row.year, row.month))
            row.saved = month
            row.version = month.version if month is not None else 0
            row.unchanged = month is not None and month.holds(row.values)
            if (row.year, row.month) in self.closed and not row.unchanged:
                self._problem(row.number, heading, self._closed(row))

    def _plan(self, row: FigureRow) -> None:
        """Count the row in the plan; list it with its changes while there is room."""
        action = UNCHANGED if row.unchanged else CHANGE if row.saved is not None else CREATE
        self.plan.counted[action] += 1
        if action == UNCHANGED or len(self.plan.rows) >= SHOWN_ROWS:
            return
        period = f"{MONTHS[row.month]} {row.year}"
        planned = Planned(row.number, row.line.name, period, action)
        planned.changes = [
            Change(self._label(key), _shown(old), _shown(new))
            for key, (old, new) in month_changes(row.saved, row.values).items()
        ]
        self.plan.rows.append(planned)

    def _label(self, key: str) -> str:
        """The column a change is in: a figure's label, or the public client's column."""
        if key in FIGURE_LABELS:
            return str(FIGURE_LABELS[key])
        client = key.partition(":")[2]
        name = self.client_names.get(int(client), client)
        return str(PUBLIC_HEADING) % {"client": name}

    def _closed(self, row: FigureRow) -> str:
        """The problem of a closed month the file would change: who may correct it, where."""
        name = {"month": MONTHS[row.month], "year": row.year, "line": row.line.name}
        if self.may_correct:
            text = _(
                "%(month)s %(year)s is closed: an import does not change it. Please correct "
                "it in the year table of “%(line)s”, with a reason."
            )
        else:
            text = _(
                "%(month)s %(year)s is closed: an import does not change it. If the figures of "
                "“%(line)s” need a correction, please ask your advisor to correct them."
            )
        return text % name

    def _revenue(self, number: int, line: BusinessLine, found: dict, headings: dict) -> dict:
        """Revenue by (source, client): the plain sources, and the public clients of the line
        that have a column. An amount for a client the line does not have is a problem."""
        revenue = {(key, None): found.get(key, ZERO) for key in ("market", "grants", "donations")}
        for key, amount in found.items():
            if not key.startswith(PUBLIC):
                continue
            client = int(key.removeprefix(PUBLIC))
            if client in self.clients_of[line.pk]:
                revenue[(Source.PUBLIC.value, client)] = amount
            elif amount:
                text = _(
                    "The business line “%(line)s” has no contract with this public client. "
                    "Please leave the cell empty, or add the client to the line first."
                )
                self._problem(number, headings[key], text % {"line": line.name})
        return revenue


def _values(found: dict, revenue: dict) -> MonthValues:
    return MonthValues(
        costs=found["costs"],
        volunteer_hours=found["volunteer_hours"],
        volunteers=found["volunteers"],
        reciprocal=found["reciprocal"],
        revenue=revenue,
    )


def month_changes(saved: SavedMonth | None, values: MonthValues) -> dict[str, tuple]:
    """{what: (before, after)} of what saving `values` changes, as services.save_month logs it:
    the month's fields and revenue keyed "source" or "source:client id" (missing is zero)."""
    changes = {}
    for name in MONTH_FIELDS:
        before = getattr(saved, name) if saved is not None else _DEFAULTS[name]
        after = getattr(values, name)
        if before != after:
            changes[name] = (before, after)
    for (source, client), amount in values.revenue.items():
        before = saved.revenue.get((source, client), ZERO) if saved is not None else ZERO
        if before != amount:
            changes[source if client is None else f"{source}:{client}"] = (before, amount)
    return changes


_DEFAULTS = {"costs": ZERO, "volunteer_hours": ZERO, "volunteers": 0, "reciprocal": False}


def _shown(value) -> str:
    """A value of the dry run: amounts and hours in German numbers, yes or no."""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, Decimal):
        return formats.number_format(value, 2, force_grouping=True)
    return formats.number_format(value, force_grouping=True)
