"""The agency's logged reads of personal data for the manager's page (`views_reads.py`);
the reads are written by `kiezwerk.core.reads.log_reads`."""

import datetime as dt

from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

# The person records that pages open; each is registered with auditlog in its app's ready().
READ_MODELS = (
    "initiatives.ContactPerson",
    "initiatives.Consultation",
    "forums.Attendee",
    "jobs.Holder",
    "appointments.AppointmentRequest",
    "needs.DemandRequest",
    "portal.AccessibilityFeedback",
)


def reads_in(agency_id: int):
    """The agency's logged reads, newest first (by id: the keyset of the manager's page)."""
    return (
        LogEntry.objects.filter(action=LogEntry.Action.ACCESS, additional_data__agency_id=agency_id)
        .select_related("actor")
        .order_by("-pk")
    )


def filter_reads(entries, *, reader=None, kind="", since=None, until=None, before=None):
    """Reads by one person, of one kind of record (a label of READ_MODELS), between two days
    (Berlin time, both included), older than entry `before`."""
    if reader is not None:
        entries = entries.filter(actor=reader)
    if kind:
        entries = entries.filter(content_type=ContentType.objects.get_for_model(_model(kind)))
    if since is not None:
        entries = entries.filter(timestamp__gte=start_of(since))
    if until is not None:
        entries = entries.filter(timestamp__lt=start_of(until + dt.timedelta(days=1)))
    if before is not None:
        entries = entries.filter(pk__lt=before)
    return entries


def start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def kind_names() -> dict[int, str]:
    """Content type id → the model's name, for the rows (content types are cached: no query
    once they have been read)."""
    types = ContentType.objects.get_for_models(*(_model(label) for label in READ_MODELS))
    return {content_type.pk: model._meta.verbose_name for model, content_type in types.items()}


def _model(label: str) -> type[models.Model]:
    return apps.get_model(label)
