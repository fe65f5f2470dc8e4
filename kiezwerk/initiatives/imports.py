"""Importing initiatives with a contact person from a file (CSV or XLSX), with a dry run.

A file follows the template (`COLUMNS`: German headings, English and keys also taken, in any
order). Every row is one initiative, found again by its external reference: a reference the
agency has not used yet creates an initiative, a known one changes it field by field, and a
row that holds what is saved changes nothing, so the same file imported twice changes nothing
the second time. A column left out of the file leaves that field as it is.

The contact person of a row is stored only with the date their consent was recorded on paper
(a `core.Consent` with the purpose `initiatives.contact_details`); the contact carries the
row's external reference too. An import never removes a contact, never changes one whose
consent was withdrawn, restricted or anonymised, and never moves a case to a side stage
(paused, given up: those need a reason on the case page).

Advisors import only in their team's neighbourhoods, as the web form lets them open cases.
Every problem is collected by row and column and rejects the whole file. A clean file is
written in one transaction with bulk writes (a constant number of queries however long the
file), and one activity-log entry with the counts.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kiezwerk.agencies.models import Agency, Neighbourhood
from kiezwerk.core.consent import purpose
from kiezwerk.core.models import Consent
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
    heading_key,
    parse_date,
    parse_text,
)
from kiezwerk.initiatives.consents import CONTACT
from kiezwerk.initiatives.enums import STAGES_NEEDING_A_REASON, LegalForm, Stage
from kiezwerk.initiatives.models import ContactPerson, Initiative, StageChange

COLUMNS = (
    Column(
        "external_ref",
        "Externe Referenz",
        gettext_lazy("External reference"),
        gettext_lazy("The initiative's key in your own records; it finds the initiative again."),
        gettext_lazy("text, at most 100 characters, once per file"),
        "KW-0001",
        required=True,
    ),
    Column(
        "name",
        "Name",
        gettext_lazy("Name"),
        gettext_lazy("The name of the initiative."),
        gettext_lazy("text, at most 200 characters"),
        "Kiezküche Wedding",
        required=True,
    ),
    Column(
        "neighbourhood",
        "Quartier",
        gettext_lazy("Neighbourhood"),
        gettext_lazy(
            "One of the agency's neighbourhoods (advisors: of their team), by name or short name."
        ),
        gettext_lazy("name or short name (slug)"),
        "",
        required=True,
    ),
    Column(
        "stage",
        "Phase",
        gettext_lazy("Stage"),
        gettext_lazy(
            "Where the initiative stands. Empty: “inquiry” for a new initiative; a saved one "
            "keeps its stage. Paused and given up are set on the case page, with a reason."
        ),
        gettext_lazy("one of the keys below, or the stage's name"),
        Stage.INQUIRY.value,
    ),
    Column(
        "legal_form",
        "Rechtsform",
        gettext_lazy("Legal form"),
        gettext_lazy("The legal form of the enterprise, once founded. Empty: not yet founded."),
        gettext_lazy("one of the keys below, or the legal form's name"),
        LegalForm.NONE.value,
    ),
    Column(
        "founded_on",
        "Gegründet am",
        gettext_lazy("Founded on"),
        gettext_lazy("The day the enterprise was founded, if it is."),
        gettext_lazy("date, for example 31.12.2024"),
        "",
    ),
    Column(
        "idea",
        "Idee",
        gettext_lazy("Idea"),
        gettext_lazy("What the initiative wants to do."),
        gettext_lazy("text"),
        "Mittagstisch für Nachbarinnen und Nachbarn",
    ),
    Column(
        "contact_name",
        "Kontakt Name",
        gettext_lazy("Contact name"),
        gettext_lazy("The contact person; only with the date of their consent."),
        gettext_lazy("text, at most 150 characters"),
        "Erika Beispiel",
    ),
    Column(
        "contact_role",
        "Kontakt Rolle",
        gettext_lazy("Contact role"),
        gettext_lazy("Their role in the initiative."),
        gettext_lazy("text, at most 100 characters"),
        "Sprecherin",
    ),
    Column(
        "contact_email",
        "Kontakt E-Mail",
        gettext_lazy("Contact e-mail"),
        gettext_lazy("Their e-mail address."),
        gettext_lazy("e-mail address"),
        "erika@example.org",
    ),
    Column(
        "contact_phone",
        "Kontakt Telefon",
        gettext_lazy("Contact phone"),
        gettext_lazy("Their phone number."),
        gettext_lazy("text, at most 40 characters"),
        "030 1234567",
    ),
    Column(
        "consent_on",
        "Einwilligung erfasst am",
        gettext_lazy("Consent recorded on"),
        gettext_lazy(
            "The day the contact person agreed on paper that the agency stores their contact "
            "details. Required with any contact detail; not in the future."
        ),
        gettext_lazy("date, for example 31.12.2024"),
        "01.03.2024",
    ),
)
CONTACT_KEYS = ("contact_name", "contact_role", "contact_email", "contact_phone")
# (model field, column key) of the initiative and of its contact, as compared and shown.
INITIATIVE_FIELDS = ("name", "neighbourhood", "stage", "legal_form", "founded_on", "idea")
CONTACT_FIELDS = {"contact_name": "name", "contact_role": "role", "contact_email": "email"}
CONTACT_FIELDS |= {"contact_phone": "phone"}
LABELS = {column.key: column.label for column in COLUMNS}


def _email(value) -> str:
    text = parse_text(value, max_length=254)
    if text:
        try:
            validate_email(text)
        except ValidationError:
            raise CellProblem(_("This is not an e-mail address.")) from None
    return text


PARSERS = {
    "external_ref": lambda value: parse_text(value, max_length=100),
    "name": lambda value: parse_text(value, max_length=200),
    "neighbourhood": lambda value: parse_text(value, max_length=150),
    "stage": ChoiceParser(Stage.choices, empty=""),
    "legal_form": ChoiceParser(LegalForm.choices, empty=LegalForm.NONE),
    "founded_on": parse_date,
    "idea": lambda value: parse_text(value, max_length=10_000, multiline=True),
    "contact_name": lambda value: parse_text(value, max_length=150),
    "contact_role": lambda value: parse_text(value, max_length=100),
    "contact_email": _email,
    "contact_phone": lambda value: parse_text(value, max_length=40),
    "consent_on": parse_date,
}


@dataclass
class InitiativeRow:
    """One row: the initiative's values (only of the file's columns; the neighbourhood as
    written until resolved) and its contact's, if the row names one."""

    number: int
    ref: str
    values: dict
    contact: dict | None
    initiative: Initiative | None = None
    saved_contact: ContactPerson | None = None
    plan: Planned = field(default_factory=lambda: Planned(0, "", ""))
    changed: list[str] = field(default_factory=list)  # the initiative's changed fields
    contact_changed: bool = False


class InitiativeReader(KeyedReader):
    """Reads a file against an agency and what the user may change: the neighbourhoods they
    work in, the initiatives and contacts with the file's references (three queries)."""

    columns = COLUMNS
    parsers = PARSERS

    def row(self, number: int, values: dict) -> InitiativeRow | None:
        ref = values.pop("external_ref")
        if not self.first_time(number, ref):
            return None
        contact = {key: values.pop(key) for key in (*CONTACT_KEYS, "consent_on") if key in values}
        if not any(contact.get(key) for key in CONTACT_KEYS):
            contact = None
        elif not contact.get("contact_name"):
            self.problem(number, "contact_name", _("Please name the contact person."))
        elif contact.get("consent_on") is None:
            self.problem(
                number,
                "consent_on",
                _("Contact details may only be stored with the date of the person's consent."),
            )
        elif contact["consent_on"] > timezone.localdate():
            self.problem(number, "consent_on", _("The date cannot be in the future."))
        return InitiativeRow(number, ref, values, contact)

    def resolve(self, rows: list[InitiativeRow]) -> None:
        """Each row compared with the saved initiative and contact of its reference."""
        hoods = Neighbourhood.objects.visible_to(self.user).filter(agency=self.agency)
        hoods = list(hoods.order_by("pk"))
        self.hood_ids = {hood.pk for hood in hoods}
        self.hoods = {}
        for hood in hoods:
            if hood.archived_at is None:
                self.hoods[heading_key(hood.name)] = hood
                self.hoods[heading_key(hood.slug)] = hood
        self.hood_names = {hood.pk: hood.name for hood in hoods}
        refs = [row.ref for row in rows]
        saved = Initiative.objects.filter(agency=self.agency, external_ref__in=refs)
        initiatives = {initiative.external_ref: initiative for initiative in saved}
        contacts = ContactPerson.objects.filter(agency=self.agency, external_ref__in=refs)
        saved_contacts = {contact.external_ref: contact for contact in contacts}
        for row in rows:
            row.initiative = initiatives.get(row.ref)
            row.saved_contact = saved_contacts.get(row.ref)
            self._plan(row)
            self.plan.rows.append(row.plan)

    def _plan(self, row: InitiativeRow) -> None:
        initiative = row.initiative
        row.plan = Planned(row.number, row.ref, row.values.get("name", ""))
        if initiative is not None and not self._may_change(row, initiative):
            return
        self._neighbourhood(row)
        self._stage(row)
        if initiative is None:
            row.plan.changes = [
                Change(str(LABELS[key]), "", self._shown(key, value))
                for key, value in row.values.items()
            ]
        else:
            row.changed = [key for key, new in row.values.items() if _saved(initiative, key) != new]
            row.plan.changes = [
                Change(
                    str(LABELS[key]),
                    self._shown(key, _saved(initiative, key)),
                    self._shown(key, row.values[key]),
                )
                for key in row.changed
            ]
        self._contact(row)
        if initiative is not None:
            row.plan.action = CHANGE if row.plan.changes else UNCHANGED

    def _may_change(self, row: InitiativeRow, initiative: Initiative) -> bool:
        if initiative.archived_at is not None:
            text = _("This initiative is archived. Please restore it before importing it.")
        elif initiative.neighbourhood_id not in self.hood_ids:
            text = _("This initiative is in a neighbourhood you do not work in.")
        else:
            return True
        self.problem(row.number, "external_ref", text)
        return False

    def _neighbourhood(self, row: InitiativeRow) -> None:
        if "neighbourhood" not in row.values:
            return
        written = row.values["neighbourhood"]
        hood = self.hoods.get(heading_key(written))
        if hood is None:
            text = _("“%(name)s” is not one of the neighbourhoods you work in: %(names)s.")
            names = ", ".join(sorted({h.name for h in self.hoods.values()})) or "–"
            self.problem(row.number, "neighbourhood", text % {"name": written, "names": names})
            row.values.pop("neighbourhood")
        else:
            row.values["neighbourhood"] = hood.pk

    def _stage(self, row: InitiativeRow) -> None:
        stage = row.values.get("stage")
        saved = row.initiative.stage if row.initiative is not None else Stage.INQUIRY
        if not stage:
            row.values["stage"] = saved
        elif stage in STAGES_NEEDING_A_REASON and stage != saved:
            text = _("Please move an initiative to “%(stage)s” on its page, with a reason.")
            self.problem(row.number, "stage", text % {"stage": Stage(stage).label})

    def _contact(self, row: InitiativeRow) -> None:
        contact, saved = row.contact, row.saved_contact
        if contact is None:
            return
        if saved is not None and (
            row.initiative is None or saved.initiative_id != row.initiative.pk
        ):
            text = _("A contact person of another initiative has this reference.")
        elif saved is not None and (saved.anonymised_at or saved.restricted_at):
            text = _("This contact person's data is restricted or anonymised: it cannot change.")
        elif saved is not None and (saved.archived_at or saved.consent_given_at is None):
            text = _(
                "This contact person withdrew their consent or was archived. Please record a "
                "new consent on the case page."
            )
        else:
            changes = self._contact_changes(contact, saved)
            row.contact_changed = bool(changes)
            row.plan.changes += changes
            return
        self.problem(row.number, "contact_name", text)

    def _contact_changes(self, contact: dict, saved: ContactPerson | None) -> list[Change]:
        changes = []
        for key, value in contact.items():
            old = None if saved is None else _saved_contact(saved, key)
            if old != value and not (old is None and value == ""):
                label = _("Contact person: %(field)s") % {"field": LABELS[key]}
                changes.append(Change(label, self._shown(key, old), self._shown(key, value)))
        return changes

    def _shown(self, key: str, value) -> str:
        if value in ("", None):
            return "–"
        if key == "neighbourhood":
            return self.hood_names.get(value, str(value))
        if key == "stage":
            return str(Stage(value).label)
        if key == "legal_form":
            return str(LegalForm(value).label)
        if isinstance(value, dt.date):
            return formats.date_format(value, "SHORT_DATE_FORMAT")
        return str(value)


def _saved(initiative: Initiative, key: str):
    return initiative.neighbourhood_id if key == "neighbourhood" else getattr(initiative, key)


def _saved_contact(contact: ContactPerson, key: str):
    if key == "consent_on":
        given = contact.consent_given_at
        return timezone.localtime(given).date() if given else None
    return getattr(contact, CONTACT_FIELDS[key])


# ------------------------------------------------------------------------------------------
# Writing


def import_initiatives(agency: Agency, file, *, actor, file_name: str) -> Plan:
    """Import the file (read again, in one transaction, see core.tables.apply_keyed_import)."""
    reader = InitiativeReader(agency, actor)
    return apply_keyed_import(
        reader,
        file,
        lambda rows: _write(agency, rows, actor),
        verb="initiatives.imported",
        file_name=file_name,
    )


def _write(agency: Agency, rows: list[InitiativeRow], actor) -> None:
    """New initiatives with their first stage; changed ones with a stage change when they
    moved; then the contacts. Eight queries however many rows."""
    now = timezone.now()
    created = [row for row in rows if row.initiative is None]
    Initiative.objects.bulk_create([_new_initiative(agency, row, now) for row in created])
    changed = [row for row in rows if row.changed]
    moves = [(row, row.initiative.stage) for row in changed if "stage" in row.changed]
    fields = {"updated_at"}
    for row in changed:
        for key in row.changed:
            name = "neighbourhood_id" if key == "neighbourhood" else key
            setattr(row.initiative, name, row.values[key])
            fields.add(name)
        row.initiative.updated_at = now
    for row, _stage in moves:
        row.initiative.stage_changed_at = now
        row.initiative.stage_version = F("stage_version") + 1
        fields |= {"stage_changed_at", "stage_version"}
    Initiative.objects.bulk_update([row.initiative for row in changed], sorted(fields))
    stages = [(row, "") for row in created] + moves
    StageChange.objects.bulk_create(
        StageChange(
            agency=agency,
            initiative=row.initiative,
            from_stage=from_stage,
            to_stage=row.values["stage"],
            changed_at=now,
            changed_by=actor,
            note=_("Imported from a file."),
        )
        for row, from_stage in stages
    )
    _write_contacts(agency, rows, actor, now)


def _new_initiative(agency: Agency, row: InitiativeRow, now) -> Initiative:
    values = dict(row.values)
    initiative = Initiative(
        agency=agency,
        external_ref=row.ref,
        neighbourhood_id=values.pop("neighbourhood"),
        stage_changed_at=now,
        **values,
    )
    row.initiative = initiative
    return initiative


def _write_contacts(agency: Agency, rows: list[InitiativeRow], actor, now) -> None:
    """New contacts and changed ones; a consent for each new one and each new consent date."""
    new, changed, consenting = [], [], []
    for row in rows:
        if row.contact is None:
            continue
        contact = row.saved_contact or ContactPerson(
            agency=agency, initiative=row.initiative, external_ref=row.ref
        )
        before = contact.consent_given_at
        for key, value in row.contact.items():
            if key == "consent_on":
                if _saved_contact(contact, key) != value:
                    contact.consent_given_at = _day(value)
                    contact.consent_recorded_by = actor
            else:
                setattr(contact, CONTACT_FIELDS[key], value)
        contact.updated_at = now
        if contact.pk is None:
            new.append(contact)
        elif row.contact_changed:
            changed.append(contact)
        if contact.consent_given_at != before:
            consenting.append(contact)
    ContactPerson.objects.bulk_create(new)
    fields = ["name", "role", "email", "phone", "consent_given_at", "consent_recorded_by"]
    ContactPerson.objects.bulk_update(changed, [*fields, "updated_at"])
    _record_consents(consenting, actor)


def _day(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def _record_consents(contacts: list[ContactPerson], actor) -> None:
    """One consent per contact, as core.consent.record_consent records it, in one query."""
    content_type = ContentType.objects.get_for_model(ContactPerson)
    version = purpose(CONTACT).text_version
    Consent.objects.bulk_create(
        Consent(
            agency_id=contact.agency_id,
            content_type=content_type,
            object_id=str(contact.pk),
            purpose=CONTACT,
            text_version=version,
            given_at=contact.consent_given_at,
            channel=Consent.Channel.PAPER,
            recorded_by=actor,
        )
        for contact in contacts
    )


# ------------------------------------------------------------------------------------------
# The form and the template


class InitiativeImportForm(AgencyImportForm):
    file_label = gettext_lazy("File with the initiatives")
    reader_class = InitiativeReader


def template_file(agency: Agency, user) -> TemplateFile:
    """The template with an example row in the first neighbourhood the user works in."""
    hoods = Neighbourhood.objects.visible_to(user).active().filter(agency=agency)
    first = hoods.order_by("name").values_list("name", flat=True).first()
    return TemplateFile(COLUMNS, "initiatives-template", {"neighbourhood": first or ""})
