"""Consultation hours and requests for the tests of the appointments app."""

import datetime as dt

from django.utils import timezone

from kiezwerk.appointments.enums import Mode, Status
from kiezwerk.appointments.models import AppointmentRequest, ConsultationSlot
from kiezwerk.appointments.queries import free_openings


def weekly_slot(agency, neighbourhood, advisor=None, **fields) -> ConsultationSlot:
    """Every Tuesday 10:00, 30 minutes by phone, valid since a week ago."""
    values = {
        "weekday": 1,
        "start_time": dt.time(10, 0),
        "duration_minutes": 30,
        "mode": Mode.PHONE,
        "valid_from": timezone.localdate() - dt.timedelta(days=7),
    }
    return ConsultationSlot.objects.create(
        agency=agency, neighbourhood=neighbourhood, advisor=advisor, **(values | fields)
    )


def next_opening(agency):
    return free_openings(agency)[0]


def appointment_request(agency, neighbourhood, *, opening=None, **fields) -> AppointmentRequest:
    """A request from the public form: for `opening` if given, else a call-back wish."""
    values = {
        "name": "Jana Köhler",
        "phone": "030 123456",
        "email": "jana@example.org",
        "description": "Wir möchten ein Nachbarschaftscafé gründen.",
        "consent_at": timezone.now(),
        "status": Status.REQUESTED,
    }
    if opening is not None:
        values |= {"slot": opening.slot, "starts_at": opening.starts_at}
    return AppointmentRequest.objects.create(
        agency=agency, neighbourhood=neighbourhood, **(values | fields)
    )


def booked(request) -> AppointmentRequest:
    """For matrix rows: a request for the next free time of a slot in the advisor's
    neighbourhood."""
    agency = request.getfixturevalue("agency")
    neighbourhood = request.getfixturevalue("neighbourhoods")[0]
    weekly_slot(agency, neighbourhood)
    return appointment_request(agency, neighbourhood, opening=next_opening(agency))
