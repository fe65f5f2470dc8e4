"""What the agency holds about a person, for the access export (Art. 15 and 20 GDPR).

`build` turns the records staff confirmed for a request into one dict that both downloads
render: the JSON file (`as_json`: stable English keys, ISO dates in Berlin time, decimals as
strings) and the PDF for the person (privacy/access_document.html). It holds

- each record's export fields (`registry`: `export=True`) with label, value and display text,
  and what belongs to the record: a user's memberships in the agency, a contact person's
  initiative and its consultations (date, topic, notes: the counselling about the person), a
  forum attendee's forum, the status and dates of requests and feedback;
- the consents given for the records (`core.Consent`);
- the activity log entries about the records, and those the person wrote as a user of
  Kiezwerk (what they did, not what they did it to: that may be about others);
- the audit rows (django-auditlog) of the records, changes and reads, and those by the user;
- the Art. 15 information from the registry: purposes, categories, legal bases, recipients,
  storage periods and sources, the rights of the person and the controller.

Whatever the number of records, consultations or log rows, the queries are the same: one per
kind of record and one per list (consents, activity, audit).
"""

import datetime as dt
import json
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kiezwerk.agencies.models import Agency, Membership
from kiezwerk.core.activity import verb_label
from kiezwerk.core.consent import purpose_label
from kiezwerk.core.formats import DASH
from kiezwerk.core.models import ActivityLogEntry, Consent
from kiezwerk.initiatives.models import Consultation
from kiezwerk.privacy import registry
from kiezwerk.privacy.models import DataSubjectRequest
from kiezwerk.privacy.subjects import ref_of

FORMAT = "kiezwerk-access-export"
VERSION = 1

# django-auditlog's actions: the key in the JSON file and the label (auditlog has no German).
AUDIT_ACTIONS = {
    LogEntry.Action.CREATE: ("create", gettext_lazy("created")),
    LogEntry.Action.UPDATE: ("update", gettext_lazy("changed")),
    LogEntry.Action.DELETE: ("delete", gettext_lazy("deleted")),
    LogEntry.Action.ACCESS: ("access", gettext_lazy("read")),
}

# What belongs to a record besides its personal fields: paths of fields on the record (or
# on a related record it was read with, see subjects._SCOPES).
CONTEXT: dict[str, tuple[str, ...]] = {
    "accounts.User": ("is_active",),
    "initiatives.ContactPerson": ("initiative", "created_at", "archived_at"),
    "forums.Attendee": ("forum", "forum.starts_at", "forum.place", "group"),
    "jobs.Holder": ("position", "position.initiative"),
    "needs.DemandRequest": (
        "district",
        "neighbourhood_name",
        "postcode",
        "category",
        "status",
        "created_at",
        "handed_over_at",
    ),
    "appointments.AppointmentRequest": (
        "neighbourhood",
        "status",
        "created_at",
        "starts_at",
        "proposed_at",
        "handled_at",
    ),
    "portal.AccessibilityFeedback": ("created_at", "page_address", "answered_at"),
}


def build(
    agency: Agency, records: list[models.Model], *, request: DataSubjectRequest | None = None
) -> dict[str, Any]:
    targets = _targets(records)
    users = [record.pk for record in records if record._meta.label == "accounts.User"]
    return {
        "format": FORMAT,
        "version": VERSION,
        "generated_at": timezone.localtime(),
        "controller": _controller(agency),
        "request": _request(request),
        "records": _records(agency, records),
        "consents": _consents(targets),
        "activity": _activity(agency, targets, users),
        "audit": _audit(targets, users),
        "information": _information(records),
        "rights": registry.rights_text(),
    }


def as_json(content: dict[str, Any]) -> str:
    return json.dumps(content, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


# ------------------------------------------------------------------------------------------
# Values


def _value(value: Any) -> Any:
    """The value as the JSON file keeps it (datetimes in Berlin time; encoded as ISO)."""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value)
    if isinstance(value, Decimal | dt.date | str | int | float | bool) or value is None:
        return value
    return str(value)


def _display(record: models.Model, field: models.Field, value: Any) -> str:
    if value is None or value == "":
        return DASH
    if field.choices:
        return str(getattr(record, f"get_{field.name}_display")())
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dt.datetime):
        return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, Decimal):
        return number_format(value)
    return str(value)


def _fact(record: models.Model, path: str) -> dict[str, Any] | None:
    """{"field", "label", "value", "display"} of a field of the record or of a related record
    read with it ("forum.starts_at"); None for an empty relation."""
    *hops, name = path.split(".")
    for hop in hops:
        record = getattr(record, hop)
        if record is None:
            return None
    field = record._meta.get_field(name)
    if field.is_relation and not field.is_cached(record):
        value = getattr(record, field.attname)  # never a query per row
    else:
        value = getattr(record, name)
    return {
        "field": path,
        "label": capfirst(str(field.verbose_name)),
        "value": _value(value),
        "display": _display(record, field, value),
    }


def _facts(record: models.Model, paths: Iterable[str]) -> list[dict[str, Any]]:
    return [fact for path in paths if (fact := _fact(record, path)) is not None]


# ------------------------------------------------------------------------------------------
# Records and what belongs to them


def _records(agency: Agency, records: list[models.Model]) -> list[dict[str, Any]]:
    consultations = _consultations(agency, records)
    memberships = _memberships(agency, records)
    out = []
    for record in records:
        label = record._meta.label
        item = {
            "ref": ref_of(record),
            "type": label,
            "type_label": capfirst(str(record._meta.verbose_name)),
            "restricted": getattr(record, "restricted_at", None) is not None,
            "anonymised": getattr(record, "anonymised_at", None) is not None,
            "fields": _facts(record, registry.export_fields(label)),
            "context": _facts(record, CONTEXT.get(label, ())),
        }
        if label == "initiatives.ContactPerson":
            item["consultations"] = consultations.get(record.initiative_id, [])
        if label == "accounts.User":
            item["memberships"] = memberships.get(record.pk, [])
        out.append(item)
    return out


def _consultations(agency: Agency, records: list[models.Model]) -> dict[int, list[dict]]:
    """The consultations of the contact persons' initiatives: the counselling about them."""
    initiatives = {
        record.initiative_id
        for record in records
        if record._meta.label == "initiatives.ContactPerson"
    }
    if not initiatives:
        return {}
    found: dict[int, list[dict]] = {}
    rows = Consultation.objects.filter(agency=agency, initiative_id__in=initiatives)
    for consultation in rows.order_by("held_on", "pk"):
        found.setdefault(consultation.initiative_id, []).append(
            {
                "held_on": consultation.held_on,
                "topic": consultation.topic,
                "topic_label": consultation.get_topic_display(),
                "duration_minutes": consultation.duration_minutes,
                "notes": consultation.notes,
                "follow_up_on": consultation.follow_up_on,
            }
        )
    return found


def _memberships(agency: Agency, records: list[models.Model]) -> dict[int, list[dict]]:
    users = [record.pk for record in records if record._meta.label == "accounts.User"]
    if not users:
        return {}
    found: dict[int, list[dict]] = {}
    for membership in Membership.objects.filter(agency=agency, user_id__in=users).order_by("pk"):
        found.setdefault(membership.user_id, []).append(
            {
                "agency": agency.name,
                "role": membership.role,
                "role_label": membership.get_role_display(),
                "title": membership.title,
                "listed_publicly": membership.listed_publicly,
                "listing_consent": membership.listing_consent,
                "since": _value(membership.created_at),
                "ended": _value(membership.archived_at),
            }
        )
    return found


# ------------------------------------------------------------------------------------------
# Consents, activity log and audit rows


def _targets(records: list[models.Model]) -> dict[tuple[int, str], str]:
    """(content type id, object id) → ref of each record."""
    types = ContentType.objects.get_for_models(*{type(record) for record in records})
    return {(types[type(record)].pk, str(record.pk)): ref_of(record) for record in records}


def _about(targets: dict[tuple[int, str], str], type_field: str, id_field: str) -> Q:
    by_type: dict[int, list[str]] = {}
    for type_id, object_id in targets:
        by_type.setdefault(type_id, []).append(object_id)
    condition = Q(pk__in=[])
    for type_id, ids in by_type.items():
        condition |= Q(**{type_field: type_id, f"{id_field}__in": ids})
    return condition


def _consents(targets: dict[tuple[int, str], str]) -> list[dict[str, Any]]:
    if not targets:
        return []
    rows = Consent.objects.filter(_about(targets, "content_type_id", "object_id"))
    return [
        {
            "record": targets[(consent.content_type_id, consent.object_id)],
            "purpose": consent.purpose,
            "purpose_label": purpose_label(consent.purpose),
            "text_version": consent.text_version,
            "given_at": _value(consent.given_at),
            "channel": consent.channel,
            "channel_label": consent.get_channel_display(),
            "withdrawn_at": _value(consent.withdrawn_at),
            "withdrawal_channel": consent.withdrawal_channel,
        }
        for consent in rows.order_by("given_at", "pk")
    ]


def _activity(
    agency: Agency, targets: dict[tuple[int, str], str], users: list[int]
) -> list[dict[str, Any]]:
    """Entries about the records (with their details), and what the person did as a user of
    the agency (the kind of object only: the object itself may be about someone else)."""
    if not targets:
        return []
    condition = _about(targets, "content_type_id", "object_id")
    if users:
        condition |= Q(actor_id__in=users, agency=agency)
    rows = ActivityLogEntry.objects.filter(condition).select_related("content_type")
    out = []
    for entry in rows.order_by("created_at", "pk"):
        ref = targets.get((entry.content_type_id, entry.object_id))
        out.append(
            {
                "at": _value(entry.created_at),
                "verb": entry.verb,
                "verb_label": verb_label(entry.verb),
                "record": ref,
                "object_type": _type_label(entry.content_type),
                "by_person": entry.actor_id in users,
                "details": entry.data if ref else {},
            }
        )
    return out


def _audit(targets: dict[tuple[int, str], str], users: list[int]) -> list[dict[str, Any]]:
    """Audit rows of the records (changes and reads) and the person's own as a user."""
    if not targets:
        return []
    condition = _about(targets, "content_type_id", "object_pk")
    if users:
        condition |= Q(actor_id__in=users)
    rows = LogEntry.objects.filter(condition).select_related("content_type")
    out = []
    for entry in rows.order_by("timestamp", "pk"):
        ref = targets.get((entry.content_type_id, entry.object_pk))
        by_person = entry.actor_id in users
        action, label = AUDIT_ACTIONS.get(entry.action, (str(entry.action), entry.action))
        out.append(
            {
                "at": _value(entry.timestamp),
                "action": action,
                "action_label": str(label),
                "record": ref,
                "object_type": _type_label(entry.content_type),
                "by_person": by_person,
                "changes": (entry.changes or {}) if ref else {},
                "address": entry.remote_addr if by_person else None,
            }
        )
    return out


def _type_label(content_type: ContentType) -> str:
    model = content_type.model_class()
    return capfirst(str(model._meta.verbose_name)) if model else content_type.model


# ------------------------------------------------------------------------------------------
# The Art. 15 information


def _controller(agency: Agency) -> dict[str, str]:
    place = " ".join(part for part in (agency.postcode, agency.city) if part)
    return {
        "name": agency.name,
        "legal_entity": agency.legal_entity,
        "address": ", ".join(part for part in (agency.street, place) if part),
        "email": agency.email,
        "phone": agency.phone,
    }


def _request(request: DataSubjectRequest | None) -> dict[str, Any] | None:
    if request is None:
        return None
    return {
        "kind": request.kind,
        "kind_label": request.get_kind_display(),
        "received_on": request.received_on,
        "due_on": request.due_on,
    }


def _labels(choices: type[models.TextChoices], values: Iterable[str]) -> list[str]:
    return [str(choices(value).label) for value in dict.fromkeys(values)]


def _information(records: list[models.Model]) -> list[dict[str, Any]]:
    """Per kind of record: why and on what basis it is held, what it holds, who receives it,
    how long it is kept and where it comes from (Art. 15(1), 13, 14)."""
    out = []
    for label in dict.fromkeys(record._meta.label for record in records):
        entry = registry.entry(label)
        fields = entry.fields.values()
        model = next(record for record in records if record._meta.label == label)
        recipients = [*entry.recipients, *(r for item in fields for r in item.recipients)]
        out.append(
            {
                "type": label,
                "type_label": capfirst(str(model._meta.verbose_name)),
                "purposes": _labels(registry.Purpose, (item.purpose for item in fields)),
                "categories": _labels(registry.Category, (item.category for item in fields)),
                "legal_bases": _labels(registry.Basis, (item.basis for item in fields)),
                "storage": [
                    registry.retention_sentence(retention)
                    for retention in dict.fromkeys(item.retention for item in fields)
                ],
                "recipients": [str(recipient) for recipient in dict.fromkeys(recipients)]
                or [_("nobody outside the agency")],
                "source": str(entry.source),
            }
        )
    return out
