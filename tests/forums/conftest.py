"""A forum in the advisor's neighbourhood, a week ahead."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import ForumFactory


def in_days(days: int, hour: int = 18) -> dt.datetime:
    """A time `days` from today at `hour` o'clock Berlin time."""
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def forum(agency, neighbourhoods):
    return ForumFactory(
        agency=agency,
        neighbourhood=neighbourhoods[0],
        title="Kiezforum Boxhagener Platz",
        starts_at=in_days(7),
        ends_at=in_days(7, hour=20),
        agenda="1. Begrüßung\n2. Was fehlt im Kiez?",
    )
