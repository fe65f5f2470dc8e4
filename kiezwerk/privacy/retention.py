"""How long each person record is kept, and what funding law makes the agency keep longer.

Every person model of the registry has a `Rule`: the day its retention period starts running
(`end`: the end of counselling, the forum, the day a request was handled, the day an account
was closed) and the years after it (`YEARS`, by the registry's retention class). On top of
that comes the **legal hold** of funding law: records that prove a grant's spending (the
holder of a position, the contact persons of an initiative counselled during the grant) are
kept until 5 years after 31 December of the year of the funder's last payment; while a grant
has not ended or money is still outstanding (a drawdown not yet received), the hold is
open-ended.

`expires_on(record)` is the last day a record is kept (None: not yet known), `hold_until(record)`
its legal hold. `assess(agency_id, label)` does the same for all records of a model in bulk:
one query for the records (read in chunks), one for the agency's grants and one per grant for
the initiatives counselled during it, whatever the number of records.
"""

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models
from django.db.models import Count, F, Max, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kiezwerk.agencies.models import Membership
from kiezwerk.appointments.enums import OPEN as OPEN_APPOINTMENTS
from kiezwerk.funding.models import Grant
from kiezwerk.initiatives.models import Consultation
from kiezwerk.privacy.registry_types import Retention

CHUNK = 2000
FUNDING_YEARS = 5
YEARS = {
    Retention.COUNSELLING: 3,
    Retention.REQUEST: 1,
    Retention.EVENT: 2,
    Retention.ACCOUNT: 1,
    Retention.FUNDING: 0,  # the hold decides
}


def years_after(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (28 February for 29 February in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _day(value: dt.date | dt.datetime | None) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return timezone.localdate(value)
    return value


def _latest(*values: dt.date | dt.datetime | None) -> dt.date | None:
    days = [day for day in map(_day, values) if day is not None]
    return max(days) if days else None


def _short(day: dt.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


@dataclass(frozen=True)
class Hold:
    """Funding law keeps a record until `until` (the last day), or open-ended (`None`)."""

    until: dt.date | None
    reason: str

    def active(self, today: dt.date) -> bool:
        return self.until is None or self.until >= today


@dataclass(frozen=True)
class GrantMoney:
    """A grant of the agency and what it says about the hold of the records it paid for."""

    pk: int
    title: str
    start: dt.date
    end: dt.date
    last_paid: dt.date | None
    outstanding: bool

    def covers(self, start: dt.date, end: dt.date | None) -> bool:
        return start <= self.end and (end is None or end >= self.start)

    def is_open(self, today: dt.date) -> bool:
        return self.end >= today or self.outstanding

    def hold_until(self) -> dt.date:
        """31 December of the fifth year after the last payment (the grant's end when no
        payment is recorded)."""
        paid = self.last_paid or self.end
        return dt.date(paid.year + FUNDING_YEARS, 12, 31)


class Funding:
    """The agency's grants with their payments, read once, and which records they cover."""

    def __init__(self, agency_id: int | None, today: dt.date | None = None):
        self.agency_id = agency_id
        self.today = today or timezone.localdate()
        self._grants: list[GrantMoney] | None = None
        self._counselled: dict[int, set[int]] = {}

    @property
    def grants(self) -> list[GrantMoney]:
        if self._grants is None:
            rows = (
                Grant.objects.filter(agency_id=self.agency_id)
                .annotate(
                    last_paid=Max("drawdowns__received_on"),
                    outstanding=Count("drawdowns", filter=Q(drawdowns__received_on__isnull=True)),
                )
                .order_by("start_date", "pk")
                .values_list("pk", "title", "start_date", "end_date", "last_paid", "outstanding")
            )
            self._grants = [
                GrantMoney(pk, title, start, end, paid, bool(open_calls))
                for pk, title, start, end, paid, open_calls in rows
            ]
        return self._grants

    def counselled(self, grant: GrantMoney) -> set[int]:
        """The initiatives with a consultation during the grant (one query per grant)."""
        if grant.pk not in self._counselled:
            self._counselled[grant.pk] = set(
                Consultation.objects.filter(
                    agency_id=self.agency_id, held_on__range=(grant.start, grant.end)
                )
                .values_list("initiative_id", flat=True)
                .distinct()
            )
        return self._counselled[grant.pk]

    def hold(self, grants: list[GrantMoney]) -> Hold | None:
        if not grants:
            return None
        titles = ", ".join(f"„{grant.title}“" for grant in grants)
        if any(grant.is_open(self.today) for grant in grants):
            return Hold(
                None,
                _(
                    "Funding law (%(grants)s): kept until 5 years after 31 December of the year "
                    "of the funder's last payment; the grant has not ended or money is still "
                    "outstanding, so the day is not known yet."
                )
                % {"grants": titles},
            )
        until = max(grant.hold_until() for grant in grants)
        return Hold(
            until,
            _(
                "Funding law (%(grants)s): kept until 5 years after 31 December of the year of "
                "the funder's last payment, that is until %(day)s."
            )
            % {"grants": titles, "day": _short(until)},
        )

    def hold_for_period(self, start: dt.date, end: dt.date | None) -> Hold | None:
        return self.hold([grant for grant in self.grants if grant.covers(start, end)])

    def hold_for_initiative(self, initiative_id: int) -> Hold | None:
        return self.hold([g for g in self.grants if initiative_id in self.counselled(g)])


Row = dict


@dataclass(frozen=True)
class Rule:
    """How the retention of one person model is computed from one row of `rows(queryset)`."""

    label: str
    retention: str
    rows: Callable[[models.QuerySet], models.QuerySet]  # .values() with pk and agency_id
    end: Callable[[Row], dt.date | None]  # when the retention period starts running
    hold: Callable[[Row, Funding], Hold | None] = lambda row, funding: None
    scope: Callable[[models.QuerySet, int], models.QuerySet] = field(
        default=lambda rows, agency_id: rows.filter(agency_id=agency_id)
    )

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.label)

    def expires(self, row: Row, hold: Hold | None) -> dt.date | None:
        """The last day the record is kept: its own period or the hold, whichever is later;
        None while either is open."""
        end = self.end(row)
        if end is None or (hold is not None and hold.until is None):
            return None
        own = years_after(end, YEARS[self.retention])
        return max(own, hold.until) if hold is not None else own


def _contact_rows(rows: models.QuerySet) -> models.QuerySet:
    last = Consultation.objects.filter(initiative=OuterRef("initiative_id")).order_by("-held_on")
    return rows.values(
        "pk",
        "agency_id",
        "initiative_id",
        "created_at",
        last_consultation=Subquery(last.values("held_on")[:1]),
        last_contact=F("initiative__last_contact_on"),
        closed=F("initiative__archived_at"),
    )


def _contact_end(row: Row) -> dt.date | None:
    """The end of counselling: the initiative's last consultation or contact, or the day it
    was archived; the day the contact was recorded when nothing else is known."""
    return _latest(row["last_consultation"], row["last_contact"], row["closed"]) or _day(
        row["created_at"]
    )


def _holder_rows(rows: models.QuerySet) -> models.QuerySet:
    return rows.values(
        "pk",
        "agency_id",
        start=F("position__start_date"),
        end=F("position__end_date"),
        closed=F("position__archived_at"),
    )


def _holder_end(row: Row) -> dt.date | None:
    """The end of the job (a position archived while running ends the day it was archived)."""
    return _latest(row["end"]) or _day(row["closed"])


def _attendee_rows(rows: models.QuerySet) -> models.QuerySet:
    """Named attendees only: an organisation's attendance row holds nothing personal."""
    return rows.exclude(name="", email="").values(
        "pk", "agency_id", starts=F("forum__starts_at"), ends=F("forum__ends_at")
    )


def _demand_rows(rows: models.QuerySet) -> models.QuerySet:
    return rows.values("pk", "agency_id", "handed_over_at", "archived_at")


def _appointment_rows(rows: models.QuerySet) -> models.QuerySet:
    return rows.values("pk", "agency_id", "status", "handled_at", "starts_at", "archived_at")


def _appointment_end(row: Row) -> dt.date | None:
    """Handled (answered, taken in, cancelled) or archived; requests still waiting for an
    answer are not."""
    if row["status"] in OPEN_APPOINTMENTS and row["archived_at"] is None:
        return None
    return _latest(row["handled_at"], row["starts_at"], row["archived_at"])


def _feedback_rows(rows: models.QuerySet) -> models.QuerySet:
    return rows.values("pk", "agency_id", "answered_at", "archived_at")


def _user_rows(rows: models.QuerySet) -> models.QuerySet:
    return rows.annotate(
        memberships_total=Count("memberships"),
        memberships_active=Count("memberships", filter=Q(memberships__archived_at__isnull=True)),
        left=Max("memberships__archived_at"),
    ).values(
        "pk",
        "is_active",
        "is_superuser",
        "last_login",
        "date_joined",
        "memberships_total",
        "memberships_active",
        "left",
    )


def _user_end(row: Row) -> dt.date | None:
    """Closed: deactivated, or every membership archived. From then on: the last log-in or
    the last membership's end."""
    if row["is_superuser"]:
        return None
    closed = not row["is_active"] or (row["memberships_total"] and not row["memberships_active"])
    if not closed:
        return None
    return _latest(row["left"], row["last_login"]) or _day(row["date_joined"])


def _members_of(rows: models.QuerySet, agency_id: int) -> models.QuerySet:
    """Accounts with a membership (archived or not) in the agency."""
    return rows.filter(pk__in=Membership.objects.filter(agency_id=agency_id).values("user_id"))


RULES: dict[str, Rule] = {
    rule.label: rule
    for rule in (
        Rule(
            "initiatives.ContactPerson",
            Retention.COUNSELLING,
            _contact_rows,
            _contact_end,
            hold=lambda row, funding: funding.hold_for_initiative(row["initiative_id"]),
        ),
        Rule(
            "jobs.Holder",
            Retention.FUNDING,
            _holder_rows,
            _holder_end,
            hold=lambda row, funding: funding.hold_for_period(row["start"], _holder_end(row)),
        ),
        Rule(
            "forums.Attendee",
            Retention.EVENT,
            _attendee_rows,
            lambda row: _latest(row["ends"], row["starts"]),
        ),
        Rule(
            "needs.DemandRequest",
            Retention.REQUEST,
            _demand_rows,
            lambda row: _latest(row["handed_over_at"], row["archived_at"]),
        ),
        Rule(
            "appointments.AppointmentRequest",
            Retention.REQUEST,
            _appointment_rows,
            _appointment_end,
        ),
        Rule(
            "portal.AccessibilityFeedback",
            Retention.REQUEST,
            _feedback_rows,
            lambda row: _latest(row["answered_at"], row["archived_at"]),
        ),
        Rule("accounts.User", Retention.ACCOUNT, _user_rows, _user_end, scope=_members_of),
    )
}


@dataclass(frozen=True)
class Verdict:
    """What the retention rules say about one record today."""

    pk: int
    agency_id: int | None
    expires_on: dt.date | None
    hold: Hold | None
    own_end: dt.date | None  # the last day of its own period, without the hold

    def due(self, today: dt.date) -> bool:
        """Its period is over and no hold keeps it."""
        return self.expires_on is not None and self.expires_on < today

    def held(self, today: dt.date) -> bool:
        """Its own period is over, but funding law keeps it."""
        over = self.own_end is not None and self.own_end < today
        return over and self.hold is not None and self.hold.active(today)


def _verdict(rule: Rule, row: Row, funding: Funding) -> Verdict:
    hold = rule.hold(row, funding)
    end = rule.end(row)
    own = years_after(end, YEARS[rule.retention]) if end is not None else None
    return Verdict(row["pk"], row.get("agency_id"), rule.expires(row, hold), hold, own)


def assess(
    agency_id: int, label: str, funding: Funding | None = None, today: dt.date | None = None
) -> Iterator[Verdict]:
    """A verdict for every record of the model in the agency that is not anonymised yet."""
    rule = RULES[label]
    funding = funding or Funding(agency_id, today)
    rows = rule.scope(rule.model._default_manager.filter(anonymised_at__isnull=True), agency_id)
    for row in rule.rows(rows.order_by("pk")).iterator(chunk_size=CHUNK):
        yield _verdict(rule, row, funding)


def _verdict_of(record: models.Model, today: dt.date | None = None) -> Verdict | None:
    rule = RULES.get(record._meta.label)
    if rule is None:
        return None
    row = rule.rows(rule.model._default_manager.filter(pk=record.pk)).first()
    if row is None:
        return None
    return _verdict(rule, row, Funding(row.get("agency_id"), today))


def expires_on(record: models.Model, today: dt.date | None = None) -> dt.date | None:
    """The last day the record is kept; None while that is not known (or it has no rule)."""
    verdict = _verdict_of(record, today)
    return verdict.expires_on if verdict else None


def hold_until(record: models.Model, today: dt.date | None = None) -> Hold | None:
    """The legal hold of funding law on the record, if any (ended or not)."""
    verdict = _verdict_of(record, today)
    return verdict.hold if verdict else None


def holds(
    records: list[models.Model], agency_id: int, today: dt.date | None = None
) -> dict[tuple[str, int], Hold | None]:
    """{(label, pk): hold or None} for records of one agency: one query per model and one
    read of the agency's grants, whatever the number of records."""
    funding = Funding(agency_id, today)
    pks: dict[str, list[int]] = {}
    for record in records:
        pks.setdefault(record._meta.label, []).append(record.pk)
    result: dict[tuple[str, int], Hold | None] = {}
    for label, wanted in pks.items():
        rule = RULES.get(label)
        if rule is None:
            continue
        for row in rule.rows(rule.model._default_manager.filter(pk__in=wanted)):
            result[(label, row["pk"])] = rule.hold(row, funding)
    return result


SHOWN = 10  # records named per model on the dry-run page
_RELATED = {"forums.Attendee": ("partner", "initiative"), "needs.DemandRequest": ("district",)}


@dataclass
class Forecast:
    """What the nightly run does to one model of an agency today: the records it anonymises
    (`due`) and those funding law keeps although their own period is over (`held`)."""

    rule: Rule
    due: list[Verdict]
    held: list[Verdict]
    records: dict[int, models.Model] = field(default_factory=dict)  # the first ones, by pk

    @property
    def label(self) -> str:
        return str(self.rule.model._meta.verbose_name_plural)

    @property
    def retention_label(self) -> str:
        return str(Retention(self.rule.retention).label)

    def shown(self, verdicts: list[Verdict]) -> list[tuple[Verdict, models.Model]]:
        return [(v, self.records[v.pk]) for v in verdicts[:SHOWN] if v.pk in self.records]

    @property
    def shown_due(self):
        return self.shown(self.due)

    @property
    def shown_held(self):
        return self.shown(self.held)


def forecast(agency_id: int, today: dt.date | None = None, *, load: bool = True) -> list[Forecast]:
    """For every person model, what the retention run would do in the agency today: a bounded
    number of queries (one per model, the grants, and with `load` one per model for the
    first records shown)."""
    today = today or timezone.localdate()
    funding = Funding(agency_id, today)
    result = []
    for label, rule in RULES.items():
        due, held = [], []
        for verdict in assess(agency_id, label, funding, today):
            if verdict.due(today):
                due.append(verdict)
            elif verdict.held(today):
                held.append(verdict)
        found = Forecast(rule, due, held)
        wanted = [v.pk for v in due[:SHOWN] + held[:SHOWN]]
        if load and wanted:
            rows = rule.model._default_manager.select_related(*_RELATED.get(label, ()))
            found.records = rows.in_bulk(wanted)
        result.append(found)
    return result
