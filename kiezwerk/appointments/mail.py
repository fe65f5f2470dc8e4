"""E-mails to the person who asked for an appointment, in German (the public pages' language):
the confirmation with a calendar entry (ICS), another time proposed, a decline, the reminder.

Sent only to an address the person gave; never to anyone else."""

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from kiezwerk.appointments.models import AppointmentRequest

PRODID = "-//Kiezwerk//Sprechstunde//DE"


def uid(request: AppointmentRequest) -> str:
    """Stable, so that a calendar app updates the entry when the time changes."""
    return f"appointment-{request.pk}@{request.agency.slug}.kiezwerk"


def ics(request: AppointmentRequest) -> bytes:
    """The appointment as an iCalendar file in Berlin time; it names the agency, not the
    person's description."""
    start = timezone.localtime(request.starts_at)
    end = start + dt.timedelta(minutes=request.duration_minutes)
    summary = _("Consultation with %(agency)s") % {"agency": request.agency}
    event = Event.new(
        uid=uid(request),
        stamp=timezone.now(),
        start=start,
        end=end,
        summary=summary,
        description=_location(request),
        location=_location(request),
    )
    cal = Calendar.new(prodid=PRODID, uid=uid(request))
    cal.add_component(event)
    # Only the transitions around the appointment, as for forums (kiezwerk/forums/ics.py).
    cal.add_missing_timezones(
        first_date=start.date() - dt.timedelta(days=366),
        last_date=start.date() + dt.timedelta(days=366),
    )
    return cal.to_ical()


def _location(request: AppointmentRequest) -> str:
    agency = request.agency
    if request.mode == "phone":
        return _("We will call you at the number you gave us.")
    return ", ".join(part for part in (agency.street, agency.postcode, agency.city) if part)


def _send(request: AppointmentRequest, template: str, subject: str, attach: bool = False):
    if not request.email:
        return
    context = {"request": request, "agency": request.agency, "location": _location(request)}
    body = render_to_string(f"appointments/mail/{template}.txt", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[request.email],
        reply_to=[request.agency.email] if request.agency.email else None,
    )
    if attach:
        message.attach("termin.ics", ics(request), "text/calendar; charset=utf-8")
    message.send()


def send_confirmation(request: AppointmentRequest) -> None:
    with translation.override("de"):
        _send(request, "confirmation", _("Your appointment is confirmed"), attach=True)


def send_proposal(request: AppointmentRequest) -> None:
    with translation.override("de"):
        _send(request, "proposal", _("We propose another time for your appointment"))


def send_decline(request: AppointmentRequest) -> None:
    with translation.override("de"):
        _send(request, "decline", _("About your appointment request"))


def send_reminder(request: AppointmentRequest) -> None:
    with translation.override("de"):
        _send(request, "reminder", _("Reminder: your appointment tomorrow"), attach=True)
