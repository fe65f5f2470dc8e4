"""Scrubbing what the logs say about erased persons.

Two logs name people: the activity log (`core.ActivityLogEntry`: `object_repr` and `data`) and
django-auditlog's `LogEntry` (`object_repr`, `changes`, `changes_text`, `serialized_data`,
`additional_data`, the address it was sent from, the actor's e-mail). Rows about an erased
record are scrubbed whole: the description becomes the placeholder, personal fields in the
details too, the network address goes. Other rows that *mention* the person (a contact added
to an initiative, a membership named after its user) have the person's name, e-mail address,
phone number or code replaced by the placeholder. The rows themselves stay: they prove what
was done, and counts built on them stay right.

Rows are found in a bounded number of queries (per model for the targets, per chunk of values
for the mentions) and written back with `bulk_update`, which sends no signals: scrubbing writes
no new audit rows that would repeat the data.
"""

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q, TextField
from django.db.models.functions import Cast

from kiezwerk.agencies.models import Membership
from kiezwerk.core.models import ActivityLogEntry

CHUNK = 500
VALUES_PER_QUERY = 50
MIN_VALUE_LENGTH = 4


@dataclass
class Target:
    """The records of one model whose log rows are scrubbed whole, and the names of their
    personal fields (replaced wherever a log row's details hold them)."""

    content_type: ContentType
    pks: list[str]
    fields: frozenset[str]


@dataclass(frozen=True)
class Scrubbed:
    activity: int = 0
    audit: int = 0


def targets(records: Iterable[models.Model], fields: dict[str, Iterable[str]]) -> list[Target]:
    """One target per model of `records`; `fields` maps a model label to its personal fields."""
    grouped: dict[str, list[models.Model]] = {}
    for record in records:
        grouped.setdefault(record._meta.label, []).append(record)
    return [
        Target(
            ContentType.objects.get_for_model(group[0]),
            [str(record.pk) for record in group],
            frozenset(fields.get(label, ())),
        )
        for label, group in grouped.items()
    ]


def _targeted(target_list: list[Target], field: str = "object_id") -> Q:
    condition = Q(pk__in=[])
    for target in target_list:
        for start in range(0, len(target.pks), CHUNK):
            pks = target.pks[start : start + CHUNK]
            condition |= Q(content_type=target.content_type, **{f"{field}__in": pks})
    return condition


def _forms(value: str) -> list[str]:
    """The value as written and as JSON escapes it (how SQLite stores non-ASCII in JSON)."""
    escaped = json.dumps(value)[1:-1]
    return [value] if escaped == value else [value, escaped]


def _mentions(values: list[str], fields: tuple[str, ...]) -> Q:
    condition = Q(pk__in=[])
    for value in values:
        for form in _forms(value):
            for name in fields:
                condition |= Q(**{f"{name}__icontains": form})
    return condition


def _replace(value: Any, pattern: re.Pattern | None, placeholder: str, keys=frozenset()) -> Any:
    """`value` with every match of `pattern` replaced, and whatever is held under one of
    `keys` (personal field names) replaced whole, in nested dicts and lists alike."""
    if isinstance(value, dict):
        return {
            key: _blank(item, placeholder)
            if key in keys
            else _replace(item, pattern, placeholder, keys)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_replace(item, pattern, placeholder, keys) for item in value]
    if isinstance(value, str) and pattern is not None:
        return pattern.sub(placeholder, value)
    return value


def _blank(value: Any, placeholder: str) -> Any:
    """A personal field's logged value replaced whole; an empty one ("None" in auditlog's
    [old, new] pairs) stays, and so does the shape."""
    if isinstance(value, list):
        return [_blank(item, placeholder) for item in value]
    if value in (None, "", "None"):
        return value
    return placeholder


def _pattern(values: list[str]) -> re.Pattern | None:
    if not values:
        return None
    ordered = sorted(set(values), key=len, reverse=True)
    return re.compile("|".join(re.escape(value) for value in ordered), re.IGNORECASE)


def searchable(values: Iterable[str | None]) -> list[str]:
    """The values worth searching for: long enough not to match ordinary words."""
    return sorted({v.strip() for v in values if v and len(v.strip()) >= MIN_VALUE_LENGTH})


def _chunks(values: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(values), VALUES_PER_QUERY):
        yield values[start : start + VALUES_PER_QUERY]


def _keys_for(entry, target_list: list[Target], field: str) -> frozenset[str] | None:
    """The personal field names when the row is about a target, else None."""
    object_id = str(getattr(entry, field))
    for target in target_list:
        if entry.content_type_id == target.content_type.pk and object_id in target.pks:
            return target.fields
    return None


# --- the activity log ------------------------------------------------------------------------


def _activity_rows(target_list, values, agency_id) -> models.QuerySet:
    rows = ActivityLogEntry.objects.annotate(data_text=Cast("data", TextField()))
    condition = _targeted(target_list)
    scope = Q(agency_id=agency_id) | Q(agency__isnull=True)
    for chunk in _chunks(values):
        condition |= scope & _mentions(chunk, ("object_repr", "data_text"))
    return rows.filter(condition)


def _scrub_activity(entry, target_list, pattern, placeholder) -> bool:
    keys = _keys_for(entry, target_list, "object_id")
    before = (entry.object_repr, entry.data)
    if keys is not None:
        entry.object_repr = placeholder
    elif pattern is not None:
        entry.object_repr = pattern.sub(placeholder, entry.object_repr)[:200]
    entry.data = _replace(entry.data, pattern, placeholder, keys or frozenset())
    return (entry.object_repr, entry.data) != before


# --- django-auditlog ---------------------------------------------------------------------------

AUDIT_TEXTS = ("object_repr", "changes_text", "changes_json", "serialized_json", "additional_json")


def _audit_rows(target_list, values, user_pks) -> models.QuerySet:
    rows = LogEntry.objects.annotate(
        changes_json=Cast("changes", TextField()),
        serialized_json=Cast("serialized_data", TextField()),
        additional_json=Cast("additional_data", TextField()),
    )
    condition = _targeted(target_list, "object_pk")
    if user_pks:
        condition |= Q(actor_id__in=user_pks)
    for chunk in _chunks(values):
        condition |= _mentions(chunk, AUDIT_TEXTS)
    return rows.filter(condition)


def _scrub_audit(entry, target_list, pattern, placeholder, user_pks) -> bool:
    keys = _keys_for(entry, target_list, "object_pk")
    fields = ("object_repr", "changes", "changes_text", "serialized_data", "additional_data")
    before = [getattr(entry, name) for name in (*fields, "remote_addr", "actor_email")]
    if keys is not None:
        entry.object_repr = placeholder
        entry.changes = _replace(entry.changes, pattern, placeholder, keys)
        entry.changes_text = ""
        entry.serialized_data = None
        entry.additional_data = None
        entry.remote_addr = None
        entry.remote_port = None
    else:
        for name in fields:
            setattr(entry, name, _replace(getattr(entry, name), pattern, placeholder))
    if entry.actor_id in user_pks:
        entry.remote_addr, entry.remote_port, entry.actor_email = None, None, None
    after = [getattr(entry, name) for name in (*fields, "remote_addr", "actor_email")]
    return after != before


AUDIT_FIELDS = [
    "object_repr",
    "changes",
    "changes_text",
    "serialized_data",
    "additional_data",
    "remote_addr",
    "remote_port",
    "actor_email",
]


def membership_targets(user_pks: list[int]) -> list[Target]:
    """The memberships of erased users: their audit rows are named after the user."""
    if not user_pks:
        return []
    pks = [
        str(pk)
        for pk in Membership.objects.filter(user_id__in=user_pks).values_list("pk", flat=True)
    ]
    if not pks:
        return []
    return [Target(ContentType.objects.get_for_model(Membership), pks, frozenset())]


def count(target_list, values, agency_id, user_pks=()) -> Scrubbed:
    """How many log rows `scrub` would touch (at most; two queries)."""
    return Scrubbed(
        _activity_rows(target_list, values, agency_id).count(),
        _audit_rows(
            target_list + membership_targets(list(user_pks)), values, list(user_pks)
        ).count(),
    )


def scrub(
    target_list: list[Target],
    values: list[str],
    agency_id: int | None,
    placeholder: str,
    user_pks: Iterable[int] = (),
) -> Scrubbed:
    """Scrub the activity-log and audit rows about the targets or mentioning the values."""
    pattern = _pattern(values)
    users = set(user_pks)
    changed = [
        entry
        for entry in _activity_rows(target_list, values, agency_id).iterator(chunk_size=CHUNK)
        if _scrub_activity(entry, target_list, pattern, placeholder)
    ]
    ActivityLogEntry.objects.bulk_update(changed, ["object_repr", "data"], batch_size=CHUNK)
    audit_targets = target_list + membership_targets(list(users))
    audited = [
        entry
        for entry in _audit_rows(audit_targets, values, list(users)).iterator(chunk_size=CHUNK)
        if _scrub_audit(entry, audit_targets, pattern, placeholder, users)
    ]
    LogEntry.objects.bulk_update(audited, AUDIT_FIELDS, batch_size=CHUNK)
    return Scrubbed(len(changed), len(audited))
