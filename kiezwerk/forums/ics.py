"""Forums as iCalendar (RFC 5545): one event to download, and the public feeds.

Times are written in Europe/Berlin with a VTIMEZONE, so calendar apps show the local time also
across the change to and from summer time. An event carries only what may be public: title,
kind, place, start and end, agenda, and a stable UID (never minutes or attendees)."""

import datetime as dt
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event

from kiezwerk.forums.models import Forum

PRODID = "-//Kiezwerk//Lokale Foren//DE"
# Calendar apps that honour it fetch the feed again after this long.
REFRESH = dt.timedelta(hours=6)


def uid(forum: Forum, agency_slug: str) -> str:
    """Stable across edits, so that calendar apps update an event instead of adding it twice."""
    return f"forum-{forum.pk}@{agency_slug}.kiezwerk"


def event(forum: Forum, agency_slug: str) -> Event:
    kind = str(forum.get_kind_display())
    description = f"{kind}\n\n{forum.agenda}".strip() if forum.agenda else kind
    return Event.new(
        uid=uid(forum, agency_slug),
        stamp=forum.updated_at,
        last_modified=forum.updated_at,
        start=timezone.localtime(forum.starts_at),
        end=timezone.localtime(forum.ends_at) if forum.ends_at else None,
        summary=forum.title,
        description=description,
        location=forum.place or None,
        categories=[kind],
    )


def calendar(forums: Iterable[Forum], *, name: str, agency_slug: str, key: str) -> bytes:
    """The forums as one calendar, with the time zone they use. `key` names the calendar
    within the agency (e.g. "forums" or a neighbourhood's slug) for its stable UID."""
    cal = Calendar.new(
        prodid=PRODID, name=name, refresh_interval=REFRESH, uid=f"{key}@{agency_slug}.kiezwerk"
    )
    starts = []
    for forum in forums:
        cal.add_component(event(forum, agency_slug))
        starts.append(timezone.localdate(forum.starts_at))
    if starts:
        # Only the transitions around the events: a short VTIMEZONE instead of 70 years of it.
        cal.add_missing_timezones(
            first_date=min(starts) - dt.timedelta(days=366),
            last_date=max(starts) + dt.timedelta(days=366),
        )
    return cal.to_ical()


def response(content: bytes, *, filename: str, cache_control: str) -> HttpResponse:
    result = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    result["Content-Disposition"] = f'attachment; filename="{filename}"'
    result["Cache-Control"] = cache_control
    return result
