"""Helpers every part of the demo world shares: seeded randomness, Berlin times, the log."""

import datetime as dt
import random
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from kiezwerk.agencies.models import Agency
from kiezwerk.core.models import ActivityLogEntry

# The last day of the agencies' case work: the demo world's "today".
DEMO_END = dt.date(2007, 6, 29)


def rng(key: str) -> random.Random:
    return random.Random(key)  # noqa: S311 - repeatable demo data, no secret  # nosec B311


def local(day: dt.date, time: dt.time) -> dt.datetime:
    """`day` at `time` in Berlin."""
    return timezone.make_aware(dt.datetime.combine(day, time))


def at(day: dt.date, generator: random.Random) -> dt.datetime:
    """A time during office hours on `day`, in Berlin."""
    return local(day, dt.time(generator.randint(9, 17), generator.choice((0, 15, 30, 45))))


def log_created(objects: Iterable[models.Model]) -> None:
    """One "created" entry per object, as `log_action` writes it, in one statement."""
    ActivityLogEntry.objects.bulk_create(
        ActivityLogEntry(
            agency_id=obj.agency_id,
            verb="created",
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            object_repr=str(obj)[:200],
            data={"via": "demo"},
        )
        for obj in objects
    )


def add_pairs(model: type[models.Model], agency: Agency, fields: tuple[str, str], wanted) -> bool:
    """Create the link rows of `wanted` (pairs of ids for `fields`) that are missing."""
    existing = set(model.objects.filter(agency=agency).values_list(*fields))
    missing = sorted(set(wanted) - existing)
    model.objects.bulk_create(
        model(agency=agency, **dict(zip(fields, pair, strict=True))) for pair in missing
    )
    return bool(missing)
