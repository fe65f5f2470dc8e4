"""Background tasks of the consultation hours (django-tasks; `manage.py db_worker` runs them)."""

import datetime as dt

from django.utils import timezone
from django_tasks import task

from kiezwerk.appointments import mail
from kiezwerk.appointments.enums import Status
from kiezwerk.appointments.models import AppointmentRequest
from kiezwerk.core.activity import log_action


@task()
def send_reminder(request_id: int, starts_at: str) -> bool:
    """Remind the person of the appointment the day before: only if it is still accepted,
    still at the time the reminder was planned for, and not reminded yet. Returns whether it
    was sent."""
    request = (
        AppointmentRequest.objects.select_related("agency", "slot").filter(pk=request_id).first()
    )
    if request is None or request.status != Status.ACCEPTED or request.archived_at:
        return False
    if request.starts_at != dt.datetime.fromisoformat(starts_at) or request.reminder_sent_at:
        return False
    mail.send_reminder(request)
    AppointmentRequest.objects.filter(pk=request.pk).update(reminder_sent_at=timezone.now())
    log_action(None, "appointments.reminder_sent", request, {})
    return True
