"""Reads of the consultation hours: the free times residents can book, and an advisor's week.

Occurrences of the weekly slots are computed in Python from three queries (slots, exceptions,
booked times), whatever the number of weeks or slots.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from kiezwerk.appointments.enums import OPEN
from kiezwerk.appointments.models import AppointmentRequest, ConsultationSlot, SlotException

BOOKABLE_WEEKS = 4
# Residents book at least this long ahead, so that the advisor can see the request in time.
LEAD_TIME = dt.timedelta(hours=2)


@dataclass(frozen=True)
class Opening:
    """One occurrence of a consultation hour."""

    slot: ConsultationSlot
    starts_at: dt.datetime

    @property
    def value(self) -> str:
        """How the public form names this time: slot and start."""
        return f"{self.slot.pk}|{self.starts_at.isoformat()}"

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.slot.duration_minutes)


def occurrences(
    slots: Iterable[ConsultationSlot],
    exceptions: Iterable[SlotException],
    first: dt.date,
    last: dt.date,
) -> list[Opening]:
    """Every occurrence of `slots` from `first` to `last` (inclusive), minus cancelled days,
    at the other time where a day was moved; sorted by time."""
    changed = {(e.slot_id, e.date): e for e in exceptions}
    openings = []
    for slot in slots:
        day = first + dt.timedelta(days=(slot.weekday - first.weekday()) % 7)
        while day <= last:
            exception = changed.get((slot.pk, day))
            if slot.is_valid_on(day) and not (exception and exception.start_time is None):
                at = exception.start_time if exception else None
                openings.append(Opening(slot, slot.starts_on(day, at)))
            day += dt.timedelta(days=7)
    return sorted(openings, key=lambda opening: (opening.starts_at, opening.slot.pk))


def _exceptions(agency_id: int, first: dt.date, last: dt.date) -> list[SlotException]:
    return list(SlotException.objects.filter(agency_id=agency_id, date__range=(first, last)))


def _booked(agency_id: int, start: dt.datetime, end: dt.datetime) -> set[tuple[int, dt.datetime]]:
    held = AppointmentRequest.objects.holding().filter(
        agency_id=agency_id, slot__isnull=False, starts_at__range=(start, end)
    )
    return set(held.values_list("slot_id", "starts_at"))


def free_openings(agency, *, now: dt.datetime | None = None) -> list[Opening]:
    """The bookable times of the agency's consultation hours in the next four weeks."""
    now = now or timezone.now()
    first = timezone.localdate(now)
    last = first + dt.timedelta(weeks=BOOKABLE_WEEKS)
    slots = list(
        ConsultationSlot.objects.valid_between(first, last)
        .filter(agency=agency, neighbourhood__archived_at__isnull=True)
        .select_related("neighbourhood")
    )
    if not slots:
        return []
    openings = occurrences(slots, _exceptions(agency.pk, first, last), first, last)
    booked = _booked(agency.pk, now, now + dt.timedelta(weeks=BOOKABLE_WEEKS + 1))
    return [
        opening
        for opening in openings
        if opening.starts_at >= now + LEAD_TIME
        and (opening.slot.pk, opening.starts_at) not in booked
    ]


@dataclass
class Day:
    """One row of the week view."""

    date: dt.date
    appointments: list
    free: list[Opening]


def week(agency, user, monday: dt.date) -> list[Day]:
    """The week from `monday`: per day the requests and appointments the user may see that
    hold a time that day, and the consultation hours still free. Four queries."""
    sunday = monday + dt.timedelta(days=6)
    start = timezone.make_aware(dt.datetime.combine(monday, dt.time.min))
    end = start + dt.timedelta(days=7)
    slots = list(
        ConsultationSlot.objects.visible_to(user)
        .valid_between(monday, sunday)
        .filter(agency=agency)
        .select_related("neighbourhood")
    )
    openings = occurrences(slots, _exceptions(agency.pk, monday, sunday), monday, sunday)
    appointments = list(
        AppointmentRequest.objects.visible_to(user)
        .active()
        .holding()
        .filter(agency=agency, starts_at__gte=start, starts_at__lt=end)
        .select_related("neighbourhood", "slot")
        .order_by("starts_at")
    )
    taken = {(a.slot_id, a.starts_at) for a in appointments}
    days = [Day(monday + dt.timedelta(days=n), [], []) for n in range(7)]
    for appointment in appointments:
        days[(timezone.localdate(appointment.starts_at) - monday).days].appointments.append(
            appointment
        )
    for opening in openings:
        if (opening.slot.pk, opening.starts_at) not in taken:
            days[(opening.starts_at.date() - monday).days].free.append(opening)
    return days


def open_requests(agency, user) -> list[AppointmentRequest]:
    """Requests waiting for an answer, oldest first (one query)."""
    return list(
        AppointmentRequest.objects.visible_to(user)
        .active()
        .filter(agency=agency, status__in=OPEN)
        .select_related("neighbourhood", "slot")
        .order_by("created_at", "pk")
    )
