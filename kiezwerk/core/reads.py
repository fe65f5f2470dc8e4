"""Logging that a page showed a person's record (issue 8: "opening a person's record or a
consultation note is logged").

The rule: a page logs a read for every person record whose details it shows — contact data,
what the person wrote or told us, a consultation's notes, a job holder's participant data, a
person's attendance at a forum. Pages for finding a record (board, lists, search, registers,
calendars), which show at most a name, a date and a status, log nothing.

Each read is a django-auditlog `LogEntry` with the action ACCESS, like those its `accessed`
signal writes, but all rows of a page go to the database in one INSERT (the signal writes one
row per call). The actor is the request's user; the remote address and the correlation id come
from `AuditlogMiddleware`, as for auditlog's own rows. `additional_data` carries the record's
agency (`{"agency_id": …}`) so that the manager's page (`privacy/views_reads.py`) selects an
agency's reads in one query. In core so that every app's views can call it.
"""

from collections.abc import Iterable

from auditlog.cid import get_cid
from auditlog.context import auditlog_disabled, auditlog_value
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import HttpRequest

REPR_LENGTH = 200


def log_reads(
    request: HttpRequest, records: Iterable[models.Model], *, agency_id: int | None = None
) -> None:
    """Log that the request's user read `records` (person records of registered models):
    one ACCESS row each, in one INSERT; nothing when there is none. A record without an agency
    (a demand request not yet handed over) is counted to `agency_id`, the agency it was read
    for."""
    if auditlog_disabled.get():
        return
    context = _auditlog_context(request)
    entries = [_entry(record, context, agency_id) for record in records]
    if entries:
        LogEntry.objects.bulk_create(entries)


def _auditlog_context(request: HttpRequest) -> dict:
    """Actor, address and correlation id, as AuditlogMiddleware gives them to auditlog's rows."""
    try:
        middleware = auditlog_value.get()
    except LookupError:
        middleware = {}
    actor = request.user if request.user.is_authenticated else None
    return {
        "actor": actor,
        "actor_email": getattr(actor, "email", None),
        "remote_addr": middleware.get("remote_addr"),
        "remote_port": middleware.get("remote_port"),
        "cid": get_cid(),
    }


def _entry(record: models.Model, context: dict, agency_id: int | None) -> LogEntry:
    if not auditlog.contains(type(record)):
        raise ValueError(f"{record._meta.label} is not registered with auditlog")
    return LogEntry(
        content_type=ContentType.objects.get_for_model(record),
        object_pk=str(record.pk),
        object_id=record.pk,
        object_repr=str(record)[:REPR_LENGTH],
        action=LogEntry.Action.ACCESS,
        additional_data={"agency_id": record.agency_id or agency_id},
        **context,
    )
