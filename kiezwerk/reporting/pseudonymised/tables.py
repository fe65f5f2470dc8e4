"""The files of the evaluation export: for each, the records it holds and its columns.

Columns come from an explicit allow-list (never "all fields"): pseudonyms instead of ids,
codes instead of labels (the codebook lists them), places as neighbourhood and district, and
no names of people, contacts, addresses, job titles, holder codes or free text. Dates about
people (positions) are cut to the month. Each file is one query, read in chunks with
`.values_list(...).iterator()`, so memory stays flat however many rows there are.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.db.models import Case, F, Q, When
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kiezwerk.core import formats
from kiezwerk.economy.enums import RateMethod, Source
from kiezwerk.economy.models import BusinessLine, MonthFigures, Revenue
from kiezwerk.forums.enums import ForumKind
from kiezwerk.forums.models import Forum, ForumInitiative, ForumNeed
from kiezwerk.initiatives.enums import LegalForm, Stage, Topic
from kiezwerk.initiatives.models import (
    Consultation,
    ConsultationNeed,
    Initiative,
    InitiativeNeed,
    StageChange,
)
from kiezwerk.jobs.enums import (
    AgeBand,
    ContractType,
    Gender,
    Instrument,
    Origin,
    PriorStatus,
    Residence,
)
from kiezwerk.jobs.models import Position
from kiezwerk.needs.enums import EvidenceSource, NeedStatus
from kiezwerk.needs.models import Need
from kiezwerk.network.enums import OfferKind, PartnerKind, ReferralStatus
from kiezwerk.network.models import Delivery, Referral
from kiezwerk.reporting.pseudonymised.pseudonyms import PREFIXES, Pseudonymiser
from kiezwerk.reporting.pseudonymised.span import Span

CHUNK = 2000

# Kinds of column: how a value is written and what the codebook says about it.
PSEUDONYM, TEXT, CODE, INTEGER = "pseudonym", "text", "code", "integer"
MONEY, HOURS, FTE = "money", "hours", "fte"
DAY, MONTH = "day", "month"
MOMENT_DAY, MOMENT_MONTH = "moment_day", "moment_month"  # a moment, written in Berlin time
YES_NO, SET = "yes_no", "set"  # SET: whether a date is set (archived)
PLACES = {MONEY: 2, HOURS: 2, FTE: 3}
FORMATS = {
    TEXT: _("text"),
    CODE: _("code, see the values"),
    DAY: _("date, YYYY-MM-DD"),
    MOMENT_DAY: _("date in Berlin time, YYYY-MM-DD"),
    MONTH: _("month, YYYY-MM"),
    MOMENT_MONTH: _("month in Berlin time, YYYY-MM"),
    INTEGER: _("whole number"),
    MONEY: _("euros with two decimals, decimal comma"),
    HOURS: _("hours with two decimals, decimal comma"),
    FTE: _("full-time equivalents with three decimals, decimal comma"),
    YES_NO: _("1 = yes, 0 = no"),
    SET: _("1 = yes, 0 = no"),
}


@dataclass(frozen=True)
class Column:
    """One column: its name in the file, the field it is read from, how it is written."""

    name: str
    field: str
    kind: str
    meaning: Promise
    choices: type[models.TextChoices] | None = None
    pseudonym_of: str = ""  # the kind of record, for PSEUDONYM columns

    def cell(self, value, pseudonymise: Pseudonymiser) -> str:
        if self.kind == PSEUDONYM:
            return pseudonymise(self.pseudonym_of, value)
        if self.kind == SET:
            return "0" if value is None else "1"
        if value is None or value == "":
            return ""
        return _written(self.kind, value)

    def format(self) -> str:
        if self.kind == PSEUDONYM:
            return gettext("pseudonym: %(prefix)s- and 16 characters") % {
                "prefix": PREFIXES[self.pseudonym_of]
            }
        return str(FORMATS[self.kind])

    def values(self) -> str:
        """The codes of a CODE column with their German labels."""
        if self.choices is None:
            return ""
        return "; ".join(f"{value} = {label}" for value, label in self.choices.choices)


def _written(kind: str, value) -> str:
    if kind in PLACES:
        return formats.number(Decimal(value), PLACES[kind], grouping=False)
    if kind == YES_NO:
        return "1" if value else "0"
    if kind in (MOMENT_DAY, MOMENT_MONTH):
        value = timezone.localtime(value).date()
    if kind in (DAY, MOMENT_DAY):
        return value.isoformat()
    if kind in (MONTH, MOMENT_MONTH):
        return f"{value:%Y-%m}"
    return str(value)


@dataclass(frozen=True)
class Table:
    """One CSV file: its records (a function of agency id and span) and its columns."""

    filename: str
    meaning: Promise
    records: Callable[[int, Span], models.QuerySet]
    columns: tuple[Column, ...]

    def header(self) -> list[str]:
        return [column.name for column in self.columns]

    def rows(self, agency_id: int, span: Span, pseudonymise: Pseudonymiser) -> Iterator[list]:
        """The file's lines after the header, read in chunks."""
        fields = [column.field for column in self.columns]
        found = self.records(agency_id, span).values_list(*fields).iterator(chunk_size=CHUNK)
        for values in found:
            yield [
                column.cell(v, pseudonymise) for column, v in zip(self.columns, values, strict=True)
            ]


def _pseudonym(name: str, field: str, kind: str, meaning: Promise) -> Column:
    return Column(name, field, PSEUDONYM, meaning, pseudonym_of=kind)


def _code(name: str, field: str, choices, meaning: Promise) -> Column:
    return Column(name, field, CODE, meaning, choices=choices)


INITIATIVE = _("the initiative or enterprise")
NEIGHBOURHOOD = Column("neighbourhood", "neighbourhood__name", TEXT, _("neighbourhood"))
DISTRICT = Column(
    "district", "neighbourhood__district__name", TEXT, _("district of the neighbourhood")
)
ARCHIVED = Column("archived", "archived_at", SET, _("archived (recorded by mistake or closed)"))
YEAR = Column("year", "year", INTEGER, _("year"))
MONTH_NUMBER = Column("month", "month", INTEGER, _("month (1 to 12)"))


def _initiatives(agency_id: int, span: Span):
    return Initiative.objects.filter(span.recorded_by_end(), agency_id=agency_id).order_by("pk")


def _stage_changes(agency_id: int, span: Span):
    return StageChange.objects.filter(span.moments("changed_at"), agency_id=agency_id).order_by(
        "changed_at", "pk"
    )


def _consultations(agency_id: int, span: Span):
    return Consultation.objects.filter(span.days("held_on"), agency_id=agency_id).order_by(
        "held_on", "pk"
    )


def _consultation_needs(agency_id: int, span: Span):
    found = ConsultationNeed.objects.filter(span.days("consultation__held_on"), agency_id=agency_id)
    return found.order_by("pk")


def _needs(agency_id: int, span: Span):
    return Need.objects.filter(span.days("raised_on"), agency_id=agency_id).order_by(
        "raised_on", "pk"
    )


def _initiative_needs(agency_id: int, span: Span):
    found = InitiativeNeed.objects.filter(span.days("need__raised_on"), agency_id=agency_id)
    return found.order_by("pk")


def _forums(agency_id: int, span: Span):
    return Forum.objects.filter(span.moments("starts_at"), agency_id=agency_id).order_by(
        "starts_at", "pk"
    )


def _forum_needs(agency_id: int, span: Span):
    found = ForumNeed.objects.filter(span.moments("forum__starts_at"), agency_id=agency_id)
    return found.order_by("pk")


def _forum_initiatives(agency_id: int, span: Span):
    found = ForumInitiative.objects.filter(span.moments("forum__starts_at"), agency_id=agency_id)
    return found.order_by("pk")


def _business_lines(agency_id: int, span: Span):
    return BusinessLine.objects.filter(span.recorded_by_end(), agency_id=agency_id).order_by("pk")


def _month_figures(agency_id: int, span: Span):
    return MonthFigures.objects.filter(span.years(), agency_id=agency_id).order_by(
        "year", "month", "pk"
    )


def _revenues(agency_id: int, span: Span):
    return Revenue.objects.filter(span.years(), agency_id=agency_id).order_by("year", "month", "pk")


HOLDER_FIELDS = (
    "age_band",
    "gender",
    "prior_status",
    "residence",
    "disability",
    "migrant_background",
    "homeless",
    "jobless_household",
    "single_parent",
    "low_education",
)


def _positions(agency_id: int, span: Span):
    """The positions; the cells about a holder whose processing is restricted (Art. 18 GDPR)
    stay empty, as for a position without holder data, while the position itself counts."""
    running = span.running("start_date", "end_date")
    unrestricted = Q(holder__restricted_at__isnull=True)
    holder = {
        f"holder_{name}": Case(When(unrestricted, then=F(f"holder__{name}")))
        for name in HOLDER_FIELDS
    }
    found = Position.objects.filter(running, agency_id=agency_id).annotate(**holder)
    return found.order_by("start_date", "pk")


def _referrals(agency_id: int, span: Span):
    return Referral.objects.filter(span.days("referred_on"), agency_id=agency_id).order_by(
        "referred_on", "pk"
    )


def _deliveries(agency_id: int, span: Span):
    return Delivery.objects.filter(span.days("delivered_on"), agency_id=agency_id).order_by(
        "delivered_on", "pk"
    )


HOLDER = (
    _code("age_band", "holder_age_band", AgeBand, _("holder: age band")),
    _code("gender", "holder_gender", Gender, _("holder: gender")),
    _code("status_before", "holder_prior_status", PriorStatus, _("holder: status before")),
    _code("residence", "holder_residence", Residence, _("holder: lives in the neighbourhood")),
    *(
        Column(name, f"holder_{name}", YES_NO, meaning)
        for name, meaning in (
            ("disability", _("holder: with a disability")),
            ("migrant_background", _("holder: migrant, foreign background or minority")),
            ("homeless", _("holder: homeless or affected by housing exclusion")),
            ("jobless_household", _("holder: living in a jobless household")),
            ("single_parent", _("holder: single adult household with dependent children")),
            ("low_education", _("holder: at most lower secondary education (ISCED 0–2)")),
        )
    ),
)

TABLES = (
    Table(
        "initiatives.csv",
        _("Founding initiatives and social enterprises recorded up to the end of the years."),
        _initiatives,
        (
            _pseudonym("initiative", "pk", "initiative", INITIATIVE),
            NEIGHBOURHOOD,
            DISTRICT,
            _code("stage", "stage", Stage, _("stage today")),
            _code("legal_form", "legal_form", LegalForm, _("legal form")),
            Column("founded", "founded_on", MONTH, _("month the enterprise was founded")),
            Column("recorded", "created_at", MOMENT_MONTH, _("month of the first record")),
            _pseudonym("advisor", "advisor_id", "user", _("the advisor in charge")),
            ARCHIVED,
        ),
    ),
    Table(
        "stage_changes.csv",
        _("Moves of initiatives from one stage to another in the years."),
        _stage_changes,
        (
            _pseudonym("initiative", "initiative_id", "initiative", INITIATIVE),
            _code("from_stage", "from_stage", Stage, _("stage before (empty: first record)")),
            _code("to_stage", "to_stage", Stage, _("stage after")),
            Column("changed_on", "changed_at", MOMENT_DAY, _("date of the move")),
        ),
    ),
    Table(
        "consultations.csv",
        _("Consultations held in the years (without their notes)."),
        _consultations,
        (
            _pseudonym("consultation", "pk", "consultation", _("the consultation")),
            _pseudonym("initiative", "initiative_id", "initiative", INITIATIVE),
            _pseudonym("advisor", "advisor_id", "user", _("the advisor who held it")),
            Column("held_on", "held_on", DAY, _("date")),
            Column("duration_minutes", "duration_minutes", INTEGER, _("duration in minutes")),
            _code("topic", "topic", Topic, _("topic")),
        ),
    ),
    Table(
        "consultation_needs.csv",
        _("Needs of the neighbourhood raised in those consultations."),
        _consultation_needs,
        (
            _pseudonym("consultation", "consultation_id", "consultation", _("the consultation")),
            _pseudonym("need", "need_id", "need", _("the need")),
        ),
    ),
    Table(
        "needs.csv",
        _("Needs of the neighbourhoods raised in the years (without title or description)."),
        _needs,
        (
            _pseudonym("need", "pk", "need", _("the need")),
            NEIGHBOURHOOD,
            DISTRICT,
            Column("category", "category__name", TEXT, _("category of need")),
            _code("source", "source", EvidenceSource, _("where the need became known")),
            _code("status", "status", NeedStatus, _("status today")),
            Column("raised_on", "raised_on", DAY, _("date raised")),
            Column("closed_on", "closed_on", DAY, _("date met or rejected")),
            Column("supporters", "supporters", INTEGER, _("number of supporters")),
            _pseudonym(
                "merged_into", "merged_into_id", "need", _("merged into this need (duplicate)")
            ),
            ARCHIVED,
        ),
    ),
    Table(
        "initiative_needs.csv",
        _("Which initiative addresses which of those needs."),
        _initiative_needs,
        (
            _pseudonym("initiative", "initiative_id", "initiative", INITIATIVE),
            _pseudonym("need", "need_id", "need", _("the need")),
        ),
    ),
    Table(
        "forums.csv",
        _("Local forums and events held in the years, with head counts (no attendee names)."),
        _forums,
        (
            _pseudonym("forum", "pk", "forum", _("the forum or event")),
            NEIGHBOURHOOD,
            DISTRICT,
            _code("kind", "kind", ForumKind, _("kind of event")),
            Column("held_on", "starts_at", MOMENT_DAY, _("date")),
            Column("residents", "residents_count", INTEGER, _("residents attending")),
            Column("initiatives", "initiatives_count", INTEGER, _("initiatives attending")),
            Column("partners", "partners_count", INTEGER, _("partners attending")),
            Column("public_bodies", "public_bodies_count", INTEGER, _("public bodies attending")),
            ARCHIVED,
        ),
    ),
    Table(
        "forum_needs.csv",
        _("Needs raised at those forums."),
        _forum_needs,
        (
            _pseudonym("forum", "forum_id", "forum", _("the forum or event")),
            _pseudonym("need", "need_id", "need", _("the need")),
        ),
    ),
    Table(
        "forum_initiatives.csv",
        _("Initiatives sparked at those forums."),
        _forum_initiatives,
        (
            _pseudonym("forum", "forum_id", "forum", _("the forum or event")),
            _pseudonym("initiative", "initiative_id", "initiative", INITIATIVE),
        ),
    ),
    Table(
        "business_lines.csv",
        _("Business lines of the enterprises (without their names)."),
        _business_lines,
        (
            _pseudonym("line", "pk", "line", _("the business line")),
            _pseudonym("enterprise", "initiative_id", "initiative", INITIATIVE),
            Column("service", "service__name", TEXT, _("kind of need the line meets")),
            ARCHIVED,
        ),
    ),
    Table(
        "month_figures.csv",
        _("Costs and volunteer work of each business line per month of the years."),
        _month_figures,
        (
            _pseudonym("enterprise", "initiative_id", "initiative", INITIATIVE),
            _pseudonym("line", "line_id", "line", _("the business line")),
            NEIGHBOURHOOD,
            YEAR,
            MONTH_NUMBER,
            Column("costs", "costs", MONEY, _("costs")),
            Column("volunteer_hours", "volunteer_hours", HOURS, _("volunteer hours")),
            Column("volunteers", "volunteers", INTEGER, _("number of volunteers")),
            Column("reciprocal", "reciprocal", YES_NO, _("volunteers work for each other")),
            Column("hour_rate", "hour_rate", MONEY, _("value of one volunteer hour")),
            _code("rate_method", "rate_method", RateMethod, _("how the hour is valued")),
        ),
    ),
    Table(
        "revenues.csv",
        _("Revenue of each business line per month and source in the years."),
        _revenues,
        (
            _pseudonym("enterprise", "initiative_id", "initiative", INITIATIVE),
            _pseudonym("line", "line_id", "line", _("the business line")),
            NEIGHBOURHOOD,
            YEAR,
            MONTH_NUMBER,
            _code("source", "source", Source, _("source of the revenue")),
            Column("public_client", "client__name", TEXT, _("public client (an organisation)")),
            Column("amount", "amount", MONEY, _("amount")),
        ),
    ),
    Table(
        "positions.csv",
        _(
            "Paid positions in the enterprises that existed in the years, with what ESF "
            "reporting asks about the holder (no name, no code, no job title)."
        ),
        _positions,
        (
            _pseudonym("position", "pk", "position", _("the position")),
            _pseudonym("enterprise", "initiative_id", "initiative", INITIATIVE),
            NEIGHBOURHOOD,
            _pseudonym("line", "line_id", "line", _("the business line")),
            _code("contract_type", "contract_type", ContractType, _("contract type")),
            _code("instrument", "instrument", Instrument, _("subsidy instrument")),
            Column("weekly_hours", "weekly_hours", HOURS, _("hours per week")),
            Column("full_time_hours", "full_time_hours", HOURS, _("full-time hours per week")),
            Column("fte", "fte", FTE, _("full-time equivalents")),
            Column("start", "start_date", MONTH, _("month the position started")),
            Column("end", "end_date", MONTH, _("month the position ended (empty: running)")),
            _code("origin", "origin", Origin, _("created or maintained")),
            Column("additional", "additional", YES_NO, _("additional job")),
            ARCHIVED,
            *HOLDER,
        ),
    ),
    Table(
        "referrals.csv",
        _("Referrals of initiatives to partner organisations in the years (without notes)."),
        _referrals,
        (
            _pseudonym("referral", "pk", "referral", _("the referral")),
            _pseudonym("initiative", "initiative_id", "initiative", INITIATIVE),
            NEIGHBOURHOOD,
            Column("partner", "partner__name", TEXT, _("partner organisation")),
            _code("partner_kind", "partner__kind", PartnerKind, _("kind of partner")),
            _code("offer_kind", "offer__kind", OfferKind, _("kind of resource offered")),
            Column("referred_on", "referred_on", DAY, _("date referred")),
            _code("status", "status", ReferralStatus, _("status today")),
        ),
    ),
    Table(
        "deliveries.csv",
        _("What partners delivered on referrals in the years (without notes)."),
        _deliveries,
        (
            _pseudonym("referral", "referral_id", "referral", _("the referral")),
            _pseudonym("initiative", "referral__initiative_id", "initiative", INITIATIVE),
            NEIGHBOURHOOD,
            Column("partner", "partner__name", TEXT, _("partner organisation")),
            _code("kind", "kind", OfferKind, _("kind of resource")),
            Column("delivered_on", "delivered_on", DAY, _("date delivered")),
            Column("hours", "hours", HOURS, _("hours")),
            Column("value", "value", MONEY, _("value in euros")),
        ),
    ),
)
