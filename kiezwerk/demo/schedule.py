"""When and where the demo world's forums and events take place.

A pure function of the data in forums_data: the needs (raised at a forum on its date) and the
forums themselves are built from the same schedule, so both agree without a database lookup.
"""

import datetime as dt
import random
from dataclasses import dataclass
from functools import cache

from kiezwerk.demo.common import local, rng
from kiezwerk.demo.forums_data import (
    FIRST_THEME,
    FORUM_HOODS,
    FORUM_NAME,
    HELD,
    HOOD_NAMES,
    INFORMATION,
    MONTHS,
    NETWORK,
    NETWORK_NAME,
    NETWORK_PLACE,
    PLACES,
    THEMES,
    TIMES,
    WORKSHOPS,
)
from kiezwerk.forums.enums import ForumKind as K


@dataclass(frozen=True)
class Event:
    hood: str
    kind: str
    day: dt.date
    title: str
    topic: str
    categories: tuple[str, ...]  # need categories raised here; () means any
    place: str

    @property
    def starts_at(self) -> dt.datetime:
        return local(self.day, TIMES[self.kind][1])

    @property
    def ends_at(self) -> dt.datetime:
        return local(self.day, TIMES[self.kind][2])


@cache
def schedule(agency_slug: str) -> dict[str, tuple[Event, ...]]:
    """The agency's events by neighbourhood slug, oldest first; none for other agencies."""
    if agency_slug not in FORUM_HOODS:
        return {}
    hoods, first, last = FORUM_HOODS[agency_slug]
    return {hood: _events(agency_slug, hood, first, last) for hood in hoods}


def forums_before(agency_slug: str, hood: str, day: dt.date, within: int) -> list[Event]:
    """The neighbourhood forums (kind forum) held in the `within` days before `day`."""
    return [
        event
        for event in schedule(agency_slug).get(hood, ())
        if event.kind == K.FORUM and 0 < (day - event.day).days <= within
    ]


def _events(agency_slug: str, hood: str, first: dt.date, last: dt.date) -> tuple[Event, ...]:
    generator = rng(f"forums:{agency_slug}:{hood}")
    days: dict[dt.date, str] = {}
    for year in range(first.year, last.year + 1):
        for kind, months in MONTHS[agency_slug].items():
            for month in months:
                held = generator.random() < HELD[kind]
                day = _day_in(generator, year, month, TIMES[kind][0])
                if held and first <= day <= last:
                    days.setdefault(day, kind)
    topics = _Topics(generator)
    return tuple(
        _event(agency_slug, hood, kind, day, topics, generator)
        for day, kind in sorted(days.items())
    )


def _day_in(generator: random.Random, year: int, month: int, weekdays: tuple[int, ...]):
    """A day in the second to fourth week of the month, on one of the weekdays."""
    start = dt.date(year, month, 1)
    weekday = generator.choice(weekdays)
    first = start + dt.timedelta(days=(weekday - start.weekday()) % 7)
    return first + dt.timedelta(days=7 * generator.randint(1, 3))


class _Topics:
    """Hands out each kind's topics in a shuffled order, starting again when used up."""

    def __init__(self, generator: random.Random) -> None:
        self.generator = generator
        self.counts: dict[str, int] = {}
        self.orders = {
            K.FORUM: generator.sample(THEMES, len(THEMES)),
            K.WORKSHOP: generator.sample(WORKSHOPS, len(WORKSHOPS)),
            K.INFORMATION: generator.sample(INFORMATION, len(INFORMATION)),
        }

    def next(self, kind: str, day: dt.date) -> tuple[int, str, tuple[str, ...]]:
        number = self.counts.get(kind, 0) + 1
        self.counts[kind] = number
        if kind == K.NETWORK:
            return number, NETWORK[day.year], ()
        if kind == K.FORUM and number == 1:
            return number, FIRST_THEME, ()
        order = self.orders[kind]
        topic = order[(number - 1) % len(order)]
        return (number, *topic) if kind == K.FORUM else (number, topic, ())


def _event(agency_slug, hood, kind, day, topics: _Topics, generator: random.Random) -> Event:
    number, topic, categories = topics.next(kind, day)
    name = HOOD_NAMES[hood]
    titles = {
        K.FORUM: f"{number}. {FORUM_NAME[agency_slug]} {name}: {topic}",
        K.WORKSHOP: f"Werkstatt {name}: {topic}",
        K.INFORMATION: f"Infoabend {name}: {topic}",
        K.NETWORK: f"{NETWORK_NAME[agency_slug]} {name}: {topic}",
    }
    places = PLACES[hood]
    if kind in (K.WORKSHOP, K.NETWORK):
        places = (*places, NETWORK_PLACE, NETWORK_PLACE)
    return Event(hood, kind, day, titles[kind], topic, categories, generator.choice(places))
