"""Where each demo need came from: a forum, a consultation, a survey, a resident or statistics.

A need an initiative takes up was raised before the initiative's first talk, at one of the
neighbourhood's forums when there was one (on that forum's date, see `schedule`), otherwise in
the first consultation or by other evidence. Needs nobody takes up are raised at any time.
"""

import datetime as dt
import random
from typing import Any

from django.contrib.contenttypes.models import ContentType

from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.demo.common import at, rng
from kiezwerk.demo.initiatives_data import WINDOWS
from kiezwerk.demo.needs_data import AFFECTED, EVIDENCE, NEEDS, OTHER_SOURCES, REJECTED
from kiezwerk.demo.schedule import Event, forums_before, schedule
from kiezwerk.forums.enums import ForumKind
from kiezwerk.initiatives.enums import Stage
from kiezwerk.initiatives.models import Consultation
from kiezwerk.needs.enums import EvidenceSource, NeedStatus
from kiezwerk.needs.models import Need

# How often a need is raised at a forum when one was held in time.
FORUM_SHARE = 0.7
SETTLED = (Stage.CONSOLIDATION, Stage.SELF_SUSTAINING)


def describe(need: Need, hood: str, key: str, plans: list, neighbours: list):
    """Fill in where, when and with what evidence `need` was raised, and how it ended.

    `plans` take the need up, `neighbours` are all initiatives of its neighbourhood (plans of
    demo.initiatives). Returns the consultation that raised it, or None.
    """
    agency_slug = need.agency.slug
    generator = rng(f"need:{agency_slug}:{hood}:{key}")
    start = min((plan.days[0] for plan in plans), default=None)
    if (agency_slug, hood, key) in REJECTED:
        need.status, need.status_reason = NeedStatus.REJECTED, REJECTED[(agency_slug, hood, key)]
    forum = _forum(generator, agency_slug, hood, NEEDS[key][0], start)
    consultation = None
    if forum is not None:
        need.source, need.raised_on = EvidenceSource.FORUM, forum.day
    else:
        need.source = _weighted(generator, OTHER_SOURCES)
        consultation = _consultation(generator, plans, neighbours, need)
        need.raised_on = _other_day(generator, agency_slug, start, consultation)
    need.affected = AFFECTED[key]
    need.supporters = _supporters(generator, need.source)
    need.evidence = _evidence(generator, need, forum, consultation)
    _close(generator, need, plans)
    need.is_public = need.source != EvidenceSource.CONSULTATION and not need.status_reason
    need.created_at = at(need.raised_on, generator)
    return consultation


def _forum(generator, agency_slug: str, hood: str, category: str, start) -> Event | None:
    if start is None:
        held = [e for e in schedule(agency_slug).get(hood, ()) if e.kind == ForumKind.FORUM]
    else:
        held = forums_before(agency_slug, hood, start - dt.timedelta(days=7), 400)
    if not held or generator.random() > FORUM_SHARE:
        return None
    fitting = [event for event in held if not event.categories or category in event.categories]
    if start is None:
        return generator.choice(fitting or held)
    return (fitting or held)[-1]


def _weighted(generator: random.Random, shares: tuple[tuple[str, float], ...]) -> str:
    values, weights = zip(*shares, strict=True)
    return generator.choices(values, weights)[0]


def _consultation(generator, plans: list, neighbours: list, need: Need) -> Consultation | None:
    """The first talk of the earliest initiative taking the need up; for a need nobody takes
    up, any talk in the neighbourhood."""
    if need.source != EvidenceSource.CONSULTATION:
        return None
    if plans:
        first = min(plans, key=lambda plan: plan.days[0])
        return _talks(first)[0]
    if need.status == NeedStatus.REJECTED:  # residents' wishes, not a founding group's
        need.source = EvidenceSource.RESIDENT
        return None
    talks = [talk for plan in neighbours for talk in _talks(plan)]
    if not talks:
        need.source = EvidenceSource.RESIDENT
        return None
    return generator.choice(talks)


def _talks(plan) -> list[Consultation]:
    return sorted(
        (row for row in plan.rows if isinstance(row, Consultation)), key=lambda c: c.held_on
    )


def _other_day(generator, agency_slug: str, start, consultation) -> dt.date:
    if consultation is not None:
        return consultation.held_on
    if start is not None:
        return start - dt.timedelta(days=generator.randint(20, 240))
    first, last = WINDOWS[agency_slug]
    return first + dt.timedelta(days=generator.randint(0, (last - first).days))


def _supporters(generator: random.Random, source: str) -> int:
    low, high = {"forum": (8, 60), "survey": (40, 180), "resident": (3, 25)}.get(source, (0, 12))
    return generator.randint(low, high)


def _evidence(generator, need: Need, forum: Event | None, consultation) -> str:
    fields: dict[str, Any] = {"day": need.raised_on, "supporters": need.supporters}
    fields["forum"] = forum.title if forum else ""
    fields["initiative"] = consultation.initiative.name if consultation else ""
    fields["share"] = generator.randint(18, 64)
    return EVIDENCE[need.source].format(**fields)


def _close(generator, need: Need, plans: list) -> None:
    """Met and rejected needs get the day they were closed; open needs with many supporters
    count as confirmed."""
    if need.status == NeedStatus.REJECTED:
        later = need.raised_on + dt.timedelta(days=generator.randint(21, 90))
        need.closed_on = max([later, *(plan.days[-1] for plan in plans)])
    elif need.status == NeedStatus.MET:
        need.closed_on = min(
            day
            for plan in plans
            for stage, day in zip(plan.path, plan.days, strict=True)
            if stage in SETTLED
        )
    elif need.status == NeedStatus.REPORTED and need.supporters >= 20:
        need.status = NeedStatus.CONFIRMED


def history(need: Need, plans: list, advisor) -> list[ActivityLogEntry]:
    """The activity-log entries of a saved demo need, as the services write them, on their
    historical days: recorded by the team's advisor, then each status step up to its status."""
    generator = rng(f"need-history:{need.agency.slug}:{need.neighbourhood_id}:{need.title}")
    created = {
        "title": need.title,
        "neighbourhood": str(need.neighbourhood),
        "category": str(need.category),
    }
    entries = [_entry(need, advisor, "needs.need_created", need.created_at, created)]
    before, when = NeedStatus.REPORTED, need.created_at
    for status, day, reason in _steps(generator, need, plans):
        # Steps on the same day follow each other within the hour.
        when = max(at(day, generator), when + dt.timedelta(minutes=generator.choice((15, 45))))
        change = {"from": before, "to": status, "reason": reason}
        entries.append(_entry(need, advisor, "needs.status_changed", when, change))
        before = status
    return entries


def _steps(generator, need: Need, plans: list) -> list[tuple[str, dt.date, str]]:
    """(status, day, reason) of each change from "reported" to the need's status."""
    if need.status == NeedStatus.REJECTED:
        return [(NeedStatus.REJECTED, need.closed_on, need.status_reason)]
    if need.status == NeedStatus.REPORTED:
        return []
    start = min((plan.days[0] for plan in plans), default=None)
    confirmed = need.raised_on + dt.timedelta(days=generator.randint(7, 28))
    if start is not None:
        confirmed = max(need.raised_on, min(confirmed, start))
    steps = [(NeedStatus.CONFIRMED, confirmed, "")]
    if need.status in (NeedStatus.ADDRESSED, NeedStatus.MET):
        steps.append((NeedStatus.ADDRESSED, max(start or confirmed, confirmed), ""))
    if need.status == NeedStatus.MET:
        steps.append((NeedStatus.MET, need.closed_on, ""))
    return steps


def _entry(need: Need, actor, verb: str, when: dt.datetime, data: dict) -> ActivityLogEntry:
    return ActivityLogEntry(
        actor=actor,
        agency_id=need.agency_id,
        verb=verb,
        content_type=ContentType.objects.get_for_model(Need),
        object_id=str(need.pk),
        object_repr=str(need)[:200],
        data=data,
        created_at=when,
    )
