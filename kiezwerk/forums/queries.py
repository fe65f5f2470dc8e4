"""Reads of forums: the agency's list (upcoming first), a forum's page, the public calendar."""

import datetime as dt

from django.core.exceptions import FieldDoesNotExist
from django.db.models import BooleanField, Case, F, Value, When
from django.utils import timezone

from kiezwerk.agencies.models import Agency, Neighbourhood
from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.forums.enums import AttendeeGroup
from kiezwerk.forums.models import Forum

# The public calendar also shows events of the last 90 days, so that a feed someone subscribed
# to does not lose an event on the evening it ends.
RECENT_DAYS = 90
# Enough for any calendar app; a feed never grows without bound.
FEED_LIMIT = 500
HISTORY_LIMIT = 50
# The columns of the list; loading only these keeps long lists fast.
LIST_FIELDS = (
    "agency_id",
    "neighbourhood__name",
    "kind",
    "title",
    "starts_at",
    "ends_at",
    "place",
    "residents_count",
    "initiatives_count",
    "partners_count",
    "public_bodies_count",
    "is_public",
)


def forum_list(agency: Agency, *, now: dt.datetime | None = None):
    """The agency's active forums: upcoming ones first (soonest first), then past ones (latest
    first). Each row knows whether it `is_past`."""
    now = now or timezone.now()
    upcoming = Case(When(starts_at__gte=now, then=F("starts_at")), default=None)
    return (
        Forum.objects.active()
        .filter(agency=agency)
        .select_related("neighbourhood")
        .only(*LIST_FIELDS)
        .annotate(
            is_past=Case(
                When(starts_at__lt=now, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("is_past", upcoming.asc(nulls_last=True), "-starts_at", "-pk")
    )


def attendance(forum: Forum) -> list[tuple[str, int]]:
    """The head count by group, in the order of the groups."""
    counts = {
        AttendeeGroup.RESIDENTS: forum.residents_count,
        AttendeeGroup.INITIATIVES: forum.initiatives_count,
        AttendeeGroup.PARTNERS: forum.partners_count,
        AttendeeGroup.PUBLIC: forum.public_bodies_count,
    }
    return [(group.label, counts[group]) for group in AttendeeGroup]


def history(forum: Forum, limit: int = HISTORY_LIMIT) -> list[ActivityLogEntry]:
    """What was done with the forum, newest first; each entry with a short `detail`."""
    entries = list(ActivityLogEntry.objects.for_object(forum).newest()[:limit])
    for entry in entries:
        entry.detail = _describe(entry.verb, entry.data or {})
    return entries


def _describe(verb: str, data: dict) -> str:
    if verb == "forums.changed":
        names = [_field_label(name) for name in data.get("fields", {})]
        return ", ".join(names)
    if verb == "forums.outcomes_changed":
        parts = []
        for change in data.values():
            parts += [f"+ {name}" for name in change.get("added", [])]
            parts += [f"− {name}" for name in change.get("removed", [])]
        return ", ".join(parts)
    key = {
        "forums.created": "title",
        "forums.need_raised": "need",
        "forums.attendee_added": "attendee",
    }
    return str(data.get(key.get(verb, ""), ""))


def _field_label(name: str) -> str:
    try:
        return str(Forum._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def public_calendar(
    agency: Agency, neighbourhood: Neighbourhood | None = None, *, now: dt.datetime | None = None
):
    """Public forums of the agency (or one neighbourhood) for the calendar feeds: upcoming ones
    and those of the last RECENT_DAYS days, in active neighbourhoods, soonest first."""
    since = (now or timezone.now()) - dt.timedelta(days=RECENT_DAYS)
    forums = Forum.objects.active().filter(
        agency=agency,
        is_public=True,
        starts_at__gte=since,
        neighbourhood__archived_at__isnull=True,
    )
    if neighbourhood is not None:
        forums = forums.filter(neighbourhood=neighbourhood)
    return forums.only(
        "agency_id", "kind", "title", "starts_at", "ends_at", "place", "agenda", "updated_at"
    ).order_by("starts_at", "pk")[:FEED_LIMIT]
