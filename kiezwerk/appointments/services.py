"""Workflows of the consultation hours: each validates, saves and logs in one transaction;
e-mails and the reminder go out only after the commit."""

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import default_task_backend

from kiezwerk.agencies.models import Agency, Neighbourhood
from kiezwerk.appointments import mail
from kiezwerk.appointments.consents import REQUEST
from kiezwerk.appointments.enums import Status
from kiezwerk.appointments.models import AppointmentRequest, ConsultationSlot, SlotException
from kiezwerk.appointments.queries import Opening
from kiezwerk.core.activity import log_action
from kiezwerk.core.consent import record_consent
from kiezwerk.core.models import Consent
from kiezwerk.initiatives import services as cases
from kiezwerk.initiatives.models import Initiative

REMINDER_HOUR = dt.time(8, 0)


class SlotTaken(Exception):
    """Someone else has just booked this time."""


class StaleRequest(Exception):
    """The request was answered by someone else since the form was shown."""


@transaction.atomic
def create_slot(agency: Agency, *, actor, **fields: Any) -> ConsultationSlot:
    slot = ConsultationSlot.objects.create(agency=agency, **fields)
    log_action(actor, "appointments.slot_created", slot, {"slot": str(slot)})
    return slot


@transaction.atomic
def archive_slot(slot: ConsultationSlot, *, actor) -> None:
    """Archived slots offer no more times; booked appointments stay."""
    slot.archived_at = timezone.now()
    slot.save(update_fields=["archived_at", "updated_at"])
    log_action(actor, "appointments.slot_archived", slot, {"slot": str(slot)})


@transaction.atomic
def add_exception(
    slot: ConsultationSlot, *, actor, date: dt.date, start_time: dt.time | None, note: str = ""
) -> SlotException:
    exception, _created = SlotException.objects.update_or_create(
        agency_id=slot.agency_id,
        slot=slot,
        date=date,
        defaults={"cancelled": start_time is None, "start_time": start_time, "note": note},
    )
    data = {"date": date.isoformat(), "start_time": start_time.isoformat() if start_time else None}
    log_action(actor, "appointments.exception_added", slot, data)
    return exception


def request_appointment(
    agency: Agency,
    *,
    neighbourhood: Neighbourhood,
    opening: Opening | None,
    name: str,
    phone: str,
    email: str,
    description: str,
    callback_note: str = "",
) -> AppointmentRequest:
    """A request from the public form. Raises SlotTaken when the time was booked meanwhile
    (the database's unique constraint decides, also between concurrent requests)."""
    try:
        with transaction.atomic():
            request = AppointmentRequest.objects.create(
                agency=agency,
                neighbourhood=neighbourhood,
                slot=opening.slot if opening else None,
                starts_at=opening.starts_at if opening else None,
                callback_note="" if opening else callback_note,
                name=name,
                phone=phone,
                email=email,
                description=description,
                consent_at=timezone.now(),
            )
            record_consent(
                request, REQUEST, channel=Consent.Channel.ONLINE, given_at=request.consent_at
            )
            when = opening.starts_at.isoformat() if opening else "callback"
            log_action(None, "appointments.requested", request, {"time": when})
    except IntegrityError as error:
        raise SlotTaken from error
    return request


def _move(request: AppointmentRequest, version: int, **fields: Any) -> None:
    """Change the request if nobody changed it since `version` was read; else StaleRequest."""
    fields |= {"handled_at": timezone.now(), "updated_at": timezone.now()}
    updated = AppointmentRequest.objects.filter(pk=request.pk, version=version).update(
        version=F("version") + 1, **fields
    )
    if not updated:
        raise StaleRequest
    request.refresh_from_db()


@transaction.atomic
def accept(
    request: AppointmentRequest,
    *,
    actor,
    version: int,
    starts_at: dt.datetime | None = None,
    message: str = "",
) -> None:
    """Confirm the appointment (at `starts_at` if given: then it leaves its slot unless it
    stays at the slot's time). Sends the confirmation with a calendar entry and schedules the
    reminder, after the commit."""
    fields: dict[str, Any] = {"status": Status.ACCEPTED, "handled_by": actor, "message": message}
    if starts_at and starts_at != request.starts_at:
        fields |= {"starts_at": starts_at, "slot": None}
    try:
        _move(request, version, **fields)
    except IntegrityError as error:  # the time of the slot was taken meanwhile
        raise SlotTaken from error
    log_action(actor, "appointments.accepted", request, {"time": request.starts_at.isoformat()})
    transaction.on_commit(lambda: mail.send_confirmation(request))
    transaction.on_commit(lambda: schedule_reminder(request))


@transaction.atomic
def propose(
    request: AppointmentRequest, *, actor, version: int, starts_at: dt.datetime, message: str = ""
) -> None:
    """Offer another time; the slot's time is freed for others."""
    _move(
        request,
        version,
        status=Status.PROPOSED,
        starts_at=starts_at,
        proposed_at=starts_at,
        slot=None,
        handled_by=actor,
        message=message,
    )
    log_action(actor, "appointments.proposed", request, {"time": starts_at.isoformat()})
    transaction.on_commit(lambda: mail.send_proposal(request))


@transaction.atomic
def decline(request: AppointmentRequest, *, actor, version: int, message: str = "") -> None:
    _move(request, version, status=Status.DECLINED, handled_by=actor, message=message)
    log_action(actor, "appointments.declined", request, {})
    transaction.on_commit(lambda: mail.send_decline(request))


def reminder_time(starts_at: dt.datetime) -> dt.datetime:
    """8:00 Berlin time on the day before the appointment."""
    day_before = timezone.localdate(starts_at) - dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day_before, REMINDER_HOUR))


def schedule_reminder(request: AppointmentRequest) -> bool:
    """Enqueue the reminder for the day before, if there is still time and an address. A
    backend that cannot run tasks later (the immediate one of the tests) gets none: it would
    send the reminder at once."""
    if not request.email or request.starts_at is None:
        return False
    run_after = reminder_time(request.starts_at)
    if run_after <= timezone.now() or not default_task_backend.supports_defer:
        return False
    from kiezwerk.appointments.tasks import send_reminder

    send_reminder.using(run_after=run_after).enqueue(request.pk, request.starts_at.isoformat())
    return True


@transaction.atomic
def take_in(
    request: AppointmentRequest,
    *,
    actor,
    version: int,
    initiative: Initiative | None = None,
    case: dict[str, Any] | None = None,
    consultation: dict[str, Any],
) -> Initiative:
    """After the call: open a case from it (`case`: the fields of open_initiative) or link an
    existing one, record the call as its first consultation, and close the request."""
    if initiative is None:
        initiative = cases.open_initiative(request.agency, actor=actor, **(case or {}))
    else:
        _add_contact_once(initiative, actor=actor, contact=(case or {}).get("contact"))
    cases.record_consultation(initiative, actor=actor, **consultation)
    _move(request, version, status=Status.DONE, initiative=initiative, handled_by=actor)
    log_action(actor, "appointments.taken_in", request, {"initiative": initiative.pk})
    return initiative


def _add_contact_once(initiative: Initiative, *, actor, contact: dict[str, Any] | None) -> None:
    """The caller becomes a contact of the existing initiative, unless they are one already."""
    if not contact or not contact.get("name"):
        return
    if not initiative.contacts.filter(name=contact["name"], archived_at__isnull=True).exists():
        cases.add_contact(initiative, actor=actor, **contact)
