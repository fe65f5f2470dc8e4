"""Importing positions (jobs) from a file (CSV or XLSX), with a dry run.

A file follows the template (`COLUMNS`: German headings, English and keys also taken, in any
order). Every row is one position, found again by its external reference: a reference the
agency has not used yet creates a position, a known one changes it field by field, and a row
that holds what is saved changes nothing, so the same file imported twice changes nothing the
second time. A column left out of the file leaves that field as it is.

A row names its enterprise by the enterprise's external reference or, failing that, by its
exact name within the agency; a name that several enterprises share is a problem. A position
stays with its enterprise (as on the web, where it is recorded on the enterprise's page).
Rows are checked as the web form and the database check them: an instrument exactly for
subsidised employment, a justification for an additional job, hours within their ranges, the
end not before the start, a business line of the same enterprise. What ESF reporting asks
about the holder is not imported: it is entered on the position's page.

Who imports: management and advisors (advisors only for enterprises in their team's
neighbourhoods), the staff who record positions for the agency. Founders record positions of
their own enterprise on its page, but not here: a file names enterprises of the whole agency
by reference or name, and its problems would tell a founder which other enterprises exist.
Every problem is collected by row and column and rejects the whole file. A clean file is
written in one transaction with bulk writes (a constant number of queries however long the
file; on SQLite the inserts go in batches of the database's parameter limit), and one
activity-log entry with the counts.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from kiezwerk.agencies.models import Agency, Neighbourhood
from kiezwerk.core.formats import number
from kiezwerk.core.tables import (
    CHANGE,
    UNCHANGED,
    AgencyImportForm,
    CellProblem,
    Change,
    ChoiceParser,
    Column,
    KeyedReader,
    Plan,
    Planned,
    TemplateFile,
    apply_keyed_import,
    cell_text,
    heading_key,
    parse_date,
    parse_text,
)
from kiezwerk.economy.imports.cells import parse_flag, parse_money
from kiezwerk.economy.models import BusinessLine
from kiezwerk.initiatives.models import Initiative
from kiezwerk.jobs.enums import ContractType, Instrument, Origin
from kiezwerk.jobs.models import FULL_TIME_HOURS, Position, full_time_equivalent

# Who may import: the agency-level rule of the staff who record positions (management and
# advisors; superusers). Advisors are held to their team's neighbourhoods row by row.
PERMISSION = "jobs.import_positions"

COLUMNS = (
    Column(
        "external_ref",
        "Externe Referenz",
        gettext_lazy("External reference"),
        gettext_lazy("The position's key in your own records; it finds the position again."),
        gettext_lazy("text, at most 100 characters, once per file"),
        "ST-0001",
        required=True,
    ),
    Column(
        "enterprise",
        "Unternehmen",
        gettext_lazy("Enterprise"),
        gettext_lazy(
            "The enterprise the job is in: its external reference or else its exact name, "
            "within the agency (advisors: in their team's neighbourhoods). If several "
            "enterprises have the name, give the reference. A saved position stays with its "
            "enterprise."
        ),
        gettext_lazy("external reference or exact name"),
        "",
        required=True,
    ),
    Column(
        "title",
        "Funktion",
        gettext_lazy("Job title"),
        gettext_lazy("What the job is called."),
        gettext_lazy("text, at most 120 characters"),
        "Köchin",
        required=True,
    ),
    Column(
        "contract_type",
        "Vertragsart",
        gettext_lazy("Contract type"),
        gettext_lazy("The kind of contract."),
        gettext_lazy("one of the keys below, or the contract type's name"),
        ContractType.PART_TIME.value,
        required=True,
    ),
    Column(
        "instrument",
        "Förderinstrument",
        gettext_lazy("Subsidy instrument"),
        gettext_lazy(
            "Only for subsidised employment, and there required: which instrument pays for it."
        ),
        gettext_lazy("one of the keys below, or the instrument's name"),
        "",
    ),
    Column(
        "instrument_note",
        "Förderinstrument (anderes)",
        gettext_lazy("Instrument (other)"),
        gettext_lazy("The instrument's name, only and always for “other instrument”."),
        gettext_lazy("text, at most 120 characters"),
        "",
    ),
    Column(
        "weekly_hours",
        "Stunden pro Woche",
        gettext_lazy("Hours per week"),
        gettext_lazy("The hours the job has in a week: more than 0, at most 80."),
        gettext_lazy("number, for example 19,5"),
        "19,5",
        required=True,
    ),
    Column(
        "full_time_hours",
        "Vollzeitstunden pro Woche",
        gettext_lazy("Full-time hours per week"),
        gettext_lazy(
            "What a full-time position has in this enterprise: more than 0, at most 60; FTE "
            "are counted from it. Empty: 40."
        ),
        gettext_lazy("number, for example 38,5"),
        "40",
    ),
    Column(
        "start_date",
        "Beginn",
        pgettext_lazy("position", "Start"),
        gettext_lazy("The day the job started."),
        gettext_lazy("date, for example 31.12.2024"),
        "01.03.2024",
        required=True,
    ),
    Column(
        "end_date",
        "Ende",
        gettext_lazy("End"),
        gettext_lazy("The day the job ended; not before the start. Empty while it goes on."),
        gettext_lazy("date, for example 31.12.2024"),
        "",
    ),
    Column(
        "origin",
        "Geschaffen oder gesichert",
        gettext_lazy("Created or maintained"),
        gettext_lazy("Whether the job was created during support or existed already."),
        gettext_lazy("one of the keys below, or its name"),
        Origin.CREATED.value,
        required=True,
    ),
    Column(
        "additional",
        "Zusätzlich",
        gettext_lazy("Additional"),
        gettext_lazy(
            "Whether the job would not exist without the enterprise and its support. Empty: no."
        ),
        gettext_lazy("yes or no (ja, nein, x, 1, 0)"),
        "ja",
    ),
    Column(
        "justification",
        "Begründung der Zusätzlichkeit",
        gettext_lazy("Why additional"),
        gettext_lazy("Required for an additional job: why it would not exist otherwise."),
        gettext_lazy("text"),
        "Ohne die Förderung gäbe es den Mittagstisch nicht.",
    ),
    Column(
        "line",
        "Geschäftszweig",
        gettext_lazy("Business line"),
        gettext_lazy("The enterprise's business line the job belongs to, by name. Empty: none."),
        gettext_lazy("name of a business line of the enterprise"),
        "",
    ),
)
LABELS = {column.key: column.label for column in COLUMNS}
CHOICES = {"contract_type": ContractType, "instrument": Instrument, "origin": Origin}
FIELDS = tuple(column.key for column in COLUMNS[2:])  # the position's, after ref and enterprise
# What a new position has for a column the file leaves out: the model's defaults.
DEFAULTS = {key: Position._meta.get_field(key).get_default() for key in FIELDS}


def _hours(most: int, too_many, empty: Decimal | None = None):
    """A parser of hours in German or plain notation, more than 0 and at most `most`."""

    def parse(value) -> Decimal | None:
        if cell_text(value) == "":
            return empty
        hours = parse_money(value)
        if hours <= 0:
            raise CellProblem(_("Please give more than 0 hours."))
        if hours > most:
            raise CellProblem(str(too_many))
        return hours

    return parse


PARSERS = {
    "external_ref": lambda value: parse_text(value, max_length=100),
    "enterprise": lambda value: parse_text(value, max_length=200),
    "title": lambda value: parse_text(value, max_length=120),
    "contract_type": ChoiceParser(ContractType.choices, empty=""),
    "instrument": ChoiceParser(Instrument.choices, empty=""),
    "instrument_note": lambda value: parse_text(value, max_length=120),
    "weekly_hours": _hours(80, gettext_lazy("Please give between 0 and 80 hours a week.")),
    "full_time_hours": _hours(
        60,
        gettext_lazy("Please give full-time hours between 0 and 60 a week."),
        empty=FULL_TIME_HOURS,
    ),
    "start_date": parse_date,
    "end_date": parse_date,
    "origin": ChoiceParser(Origin.choices, empty=""),
    "additional": parse_flag,
    "justification": lambda value: parse_text(value, max_length=10_000, multiline=True),
    "line": lambda value: parse_text(value, max_length=120),
}


@dataclass
class PositionRow:
    """One row: the position's values (only of the file's columns; the business line by name
    until resolved) and the enterprise as written."""

    number: int
    ref: str
    enterprise: str
    values: dict
    initiative: Initiative | None = None
    position: Position | None = None
    plan: Planned = field(default_factory=lambda: Planned(0, "", ""))
    changed: list[str] = field(default_factory=list)


class PositionReader(KeyedReader):
    """Reads a file against an agency and what the user may change: the neighbourhoods they
    work in, the enterprises the file names, the positions with its references and those
    enterprises' business lines (four queries)."""

    columns = COLUMNS
    parsers = PARSERS

    def row(self, number: int, values: dict) -> PositionRow | None:
        ref = values.pop("external_ref")
        if not self.first_time(number, ref):
            return None
        return PositionRow(number, ref, values.pop("enterprise"), values)

    def resolve(self, rows: list[PositionRow]) -> None:
        """Each row's enterprise found, and the row compared with the saved position."""
        hoods = Neighbourhood.objects.visible_to(self.user).filter(agency=self.agency)
        self.hood_ids = set(hoods.values_list("pk", flat=True))
        self._enterprises({row.enterprise for row in rows})
        saved = Position.objects.filter(agency=self.agency, external_ref__in=[r.ref for r in rows])
        self.positions = {position.external_ref: position for position in saved}
        firms = {firm.pk for firm in self.named}
        firms |= {position.initiative_id for position in self.positions.values()}
        lines = BusinessLine.objects.filter(agency=self.agency, initiative_id__in=firms)
        lines = list(lines.only("pk", "initiative_id", "name", "archived_at"))
        self.lines = {(line.initiative_id, heading_key(line.name)): line for line in lines}
        self.line_names = {line.pk: line.name for line in lines}
        for row in rows:
            self._plan(row)
            self.plan.rows.append(row.plan)

    def _enterprises(self, written: set[str]) -> None:
        """The agency's enterprises with one of the references or names written: one query."""
        found = Initiative.objects.filter(agency=self.agency).filter(
            Q(external_ref__in=written) | Q(name__in=written)
        )
        self.named = list(
            found.only("pk", "name", "external_ref", "neighbourhood_id", "archived_at")
        )
        self.by_ref = {firm.external_ref: firm for firm in self.named if firm.external_ref}
        self.by_name: dict[str, list[Initiative]] = defaultdict(list)
        for firm in self.named:
            self.by_name[firm.name].append(firm)

    def _plan(self, row: PositionRow) -> None:
        row.plan = Planned(row.number, row.ref, "")
        row.initiative = self._enterprise(row)
        position = self.positions.get(row.ref)
        if row.initiative is None or (position and not self._may_change(row, position)):
            return
        row.plan.name = row.initiative.name
        row.position = position
        known = len(self.problems)
        self._line(row)
        self._check(row, self._current(position) | row.values)
        if len(self.problems) == known:
            self._changes(row)

    def _changes(self, row: PositionRow) -> None:
        """What the row sets on a new position, or changes of the saved one."""
        position = row.position
        if position is None:
            row.plan.changes = [
                Change(str(LABELS[key]), "", self._shown(key, value))
                for key, value in row.values.items()
                if value not in ("", None)
            ]
            return
        row.changed = [key for key, new in row.values.items() if _saved(position, key) != new]
        row.plan.changes = [
            Change(
                str(LABELS[key]),
                self._shown(key, _saved(position, key)),
                self._shown(key, row.values[key]),
            )
            for key in row.changed
        ]
        row.plan.action = CHANGE if row.changed else UNCHANGED

    def _enterprise(self, row: PositionRow) -> Initiative | None:
        """The enterprise by reference, else by name (an active one before archived ones)."""
        written = row.enterprise
        by_ref = self.by_ref.get(written)
        candidates = [by_ref] if by_ref else self.by_name.get(written, [])
        found = [firm for firm in candidates if firm.archived_at is None] or candidates
        if not found:
            text = _("The agency has no enterprise with the reference or name “%(name)s”.")
        elif len(found) > 1:
            text = _(
                "Several enterprises are named “%(name)s”. Please give the enterprise's external "
                "reference instead."
            )
        elif found[0].archived_at is not None:
            text = _("The enterprise “%(name)s” is archived.")
        elif found[0].neighbourhood_id not in self.hood_ids:
            text = _("The enterprise “%(name)s” is in a neighbourhood you do not work in.")
        else:
            return found[0]
        self.problem(row.number, "enterprise", text % {"name": written})
        return None

    def _may_change(self, row: PositionRow, position: Position) -> bool:
        if position.archived_at is not None:
            key = "external_ref"
            text = _("This position is archived: an import does not change it.")
        elif position.initiative_id != row.initiative.pk:
            key = "enterprise"
            text = _("A position of another enterprise has this reference.")
        else:
            return True
        self.problem(row.number, key, text)
        return False

    def _line(self, row: PositionRow) -> None:
        """The business line by name: one of the enterprise's, active or the position's own."""
        name = row.values.get("line")
        if not name:
            if "line" in row.values:
                row.values["line"] = None
            return
        line = self.lines.get((row.initiative.pk, heading_key(name)))
        own = row.position is not None and line is not None and row.position.line_id == line.pk
        if line is None:
            text = _("This enterprise has no business line named “%(name)s”.")
        elif line.archived_at is not None and not own:
            text = _("The business line “%(name)s” is archived: please choose another one.")
        else:
            row.values["line"] = line.pk
            return
        self.problem(row.number, "line", text % {"name": name})

    def _check(self, row: PositionRow, values: dict) -> None:
        """The web form's and the database's checks, on the row's values over what is saved
        (or, for a new position, the defaults)."""
        subsidised = values["contract_type"] == ContractType.SUBSIDISED
        instrument, note = values["instrument"], values["instrument_note"]
        if subsidised and not instrument:
            text = _("Subsidised employment needs the instrument that pays for it.")
            self.problem(row.number, "instrument", text)
        elif instrument and not subsidised:
            text = _("Only subsidised employment has an instrument: please leave it empty.")
            self.problem(row.number, "instrument", text)
        if instrument == Instrument.OTHER and not note:
            self.problem(row.number, "instrument_note", _("Please name the instrument."))
        elif note and instrument != Instrument.OTHER:
            text = _("Name an instrument here only when you chose “other instrument”.")
            self.problem(row.number, "instrument_note", text)
        if values["end_date"] is not None and values["end_date"] < values["start_date"]:
            self.problem(row.number, "end_date", _("The end cannot be before the start."))
        if values["additional"] and not values["justification"].strip():
            text = _(
                "Please say why the job would not exist without the enterprise and its support."
            )
            self.problem(row.number, "justification", text)

    @staticmethod
    def _current(position: Position | None) -> dict:
        if position is None:
            return dict(DEFAULTS)
        return {key: _saved(position, key) for key in FIELDS}

    def _shown(self, key: str, value) -> str:
        if value in ("", None):
            return "–"
        if key in CHOICES:
            return str(CHOICES[key](value).label)
        if key == "line":
            return self.line_names.get(value, str(value))
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        if isinstance(value, Decimal):
            return number(value)
        if isinstance(value, dt.date):
            return formats.date_format(value, "SHORT_DATE_FORMAT")
        return str(value)


def _saved(position: Position, key: str):
    return position.line_id if key == "line" else getattr(position, key)


# ------------------------------------------------------------------------------------------
# Writing


def import_positions(agency: Agency, file, *, actor, file_name: str) -> Plan:
    """Import the file (read again, in one transaction, see core.tables.apply_keyed_import)."""
    reader = PositionReader(agency, actor)
    return apply_keyed_import(
        reader, file, lambda rows: _write(agency, rows), verb="jobs.imported", file_name=file_name
    )


def _write(agency: Agency, rows: list[PositionRow]) -> None:
    """New positions, then the changed ones; the FTE computed as Position.save does."""
    Position.objects.bulk_create(
        [_new_position(agency, row) for row in rows if row.position is None]
    )
    now = timezone.now()
    changed = [row.position for row in rows if row.changed]
    fields = {"fte", "updated_at"}
    for row in rows:
        for key in row.changed:
            name = "line_id" if key == "line" else key
            setattr(row.position, name, row.values[key])
            fields.add(name)
    for position in changed:
        position.fte = full_time_equivalent(position.weekly_hours, position.full_time_hours)
        position.updated_at = now  # bulk_update does not set it
    Position.objects.bulk_update(changed, sorted(fields))


def _new_position(agency: Agency, row: PositionRow) -> Position:
    values = dict(row.values)
    line = values.pop("line", None)
    position = Position(
        agency=agency,
        initiative=row.initiative,
        neighbourhood_id=row.initiative.neighbourhood_id,
        line_id=line,
        external_ref=row.ref,
        **values,
    )
    position.fte = full_time_equivalent(position.weekly_hours, position.full_time_hours)
    return position


# ------------------------------------------------------------------------------------------
# The form and the template


class PositionImportForm(AgencyImportForm):
    file_label = gettext_lazy("File with the positions")
    reader_class = PositionReader


def template_file(agency: Agency, user) -> TemplateFile:
    """The template with an example row in the first enterprise (by name) the user may import
    positions for, else with the enterprise left empty."""
    firms = Initiative.objects.visible_to_staff(user).active().filter(agency=agency)
    firms = firms.filter(neighbourhood__archived_at__isnull=True)
    first = firms.order_by("name", "pk").values_list("name", flat=True).first()
    return TemplateFile(COLUMNS, "positions-template", {"enterprise": first or ""})
