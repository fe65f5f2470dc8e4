"""The request register's workflows: registering a person's request, confirming which records
are the person's, and closing the request. Each is logged without the person's data: the log
names the kind, dates, status and how many records, never a name, address or note."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from kiezwerk.agencies.models import Agency
from kiezwerk.core.activity import log_action
from kiezwerk.privacy import subjects
from kiezwerk.privacy.models import DataSubjectRequest


@transaction.atomic
def register_request(
    agency: Agency,
    *,
    kind: str,
    subject_name: str,
    subject_email: str,
    received_on: dt.date,
    note: str,
    actor,
) -> DataSubjectRequest:
    request = DataSubjectRequest.objects.create(
        agency=agency,
        kind=kind,
        subject_name=subject_name,
        subject_email=subject_email,
        received_on=received_on,
        due_on=DataSubjectRequest.due_for(received_on),
        note=note,
        created_by=actor,
    )
    data = {"kind": kind, "received_on": received_on.isoformat(), "due_on": str(request.due_on)}
    log_action(actor, "privacy.request_registered", request, data)
    return request


@transaction.atomic
def confirm_records(request: DataSubjectRequest, *, refs: list[str], actor) -> list[str]:
    """Keep the refs that name records of the request's agency; returns them."""
    records = subjects.load(request.agency, refs)
    confirmed = [subjects.ref_of(record) for record in records]
    if confirmed != request.records:
        request.records = confirmed
        request.save(update_fields=["records", "updated_at"])
        log_action(actor, "privacy.request_changed", request, {"records": len(confirmed)})
    return confirmed


@transaction.atomic
def close_request(request: DataSubjectRequest, *, status: str, note: str, actor) -> bool:
    """Answered or refused, with a note (added to the request's note). False when the request
    was closed already (by someone else in the meantime): nothing changes then."""
    locked = DataSubjectRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != DataSubjectRequest.Status.OPEN:
        return False
    locked.status = status
    locked.closed_at = timezone.now()
    locked.closed_by = actor
    if note:
        locked.note = f"{locked.note}\n\n{note}".strip()
    locked.save(update_fields=["status", "closed_at", "closed_by", "note", "updated_at"])
    log_action(actor, "privacy.request_changed", locked, {"status": status})
    return True
