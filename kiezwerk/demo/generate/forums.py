"""Needs of each neighbourhood, and its forums with registered attendance: residents (named,
with consent), initiatives of the neighbourhood, network partners and public bodies."""

import datetime as dt
import random

from kiezwerk.core.bulk import Writer
from kiezwerk.demo.generate.agency import CATEGORIES
from kiezwerk.demo.generate.rows import allocate, stamp

NEEDS = ("Es fehlt: {c}", "Mehr Angebote: {c}", "{c} für Familien", "{c} am Abend")
STATUSES = (("reported", 30), ("confirmed", 30), ("addressed", 20), ("met", 15), ("rejected", 5))
SOURCES = ("forum", "consultation", "survey", "resident", "statistics")
KINDS = (("forum", 60), ("workshop", 20), ("network", 10), ("information", 10))
GROUPS = (("residents", 60), ("initiatives", 20), ("partners", 14), ("public", 6))
ATTENDEE_FIELDS = ("agency", "forum", "group", "partner", "initiative", "name", "email")
ATTENDEE_FIELDS += ("consent_given", "recorded_by", "created_at", "updated_at")
FIRST_YEAR, LAST_YEAR = 2010, 2024


def write_needs(found, total: int, pools, rng: random.Random) -> list[tuple[int, int]]:
    """`total` needs spread over the neighbourhoods; returns [(need pk, hood index)]."""
    from kiezwerk.needs.models import Need

    hoods = allocate(total, [1] * len(found.hoods))
    needs, places = [], []
    for index, count in enumerate(hoods):
        for _ in range(count):
            needs.append(_need(found, index, pools, rng))
            places.append(index)
    created = Need.objects.bulk_create(needs, batch_size=2_000)
    return [(need.pk, place) for need, place in zip(created, places, strict=True)]


def _need(found, index: int, pools, rng: random.Random):
    from kiezwerk.needs.models import Need

    category = rng.randrange(len(CATEGORIES))
    raised = dt.date(2010, 1, 1) + dt.timedelta(days=rng.randrange(15 * 365))
    status = _pick(rng, STATUSES)
    closed = status in ("met", "rejected")
    return Need(
        agency=found.agency,
        neighbourhood_id=found.hoods[index].pk,
        category_id=pools.categories[category],
        title=rng.choice(NEEDS).format(c=CATEGORIES[category]),
        source=rng.choice(SOURCES),
        raised_on=raised,
        status=status,
        status_reason="Wird bereits von einem anderen Träger angeboten."
        if status == "rejected"
        else "",
        closed_on=min(raised + dt.timedelta(days=rng.randint(60, 700)), dt.date(2024, 12, 31))
        if closed
        else None,
        supporters=rng.randint(0, 60),
        is_public=rng.random() < 0.5,
    )


def link_needs(found, cases: list, needs: list[tuple[int, int]], rng: random.Random) -> int:
    """About half the initiatives address a need of their neighbourhood."""
    from kiezwerk.initiatives.models import InitiativeNeed

    by_hood: dict[int, list[int]] = {}
    for pk, hood in needs:
        by_hood.setdefault(hood, []).append(pk)
    links = [
        InitiativeNeed(
            agency=found.agency, initiative_id=case.pk, need_id=rng.choice(by_hood[case.hood])
        )
        for case in cases
        if case.hood in by_hood and rng.random() < 0.5
    ]
    InitiativeNeed.objects.bulk_create(links, batch_size=2_000)
    return len(links)


def write_forums(found, cases: list, forums: int, attendees: int, pools, rng) -> tuple[int, int]:
    """`forums` forums over the neighbourhoods and years, `attendees` registrations."""
    from kiezwerk.forums.models import Attendee, Forum

    by_hood: dict[int, list[int]] = {}
    for case in cases:
        by_hood.setdefault(case.hood, []).append(case.pk)
    counts = allocate(attendees, [rng.randint(5, 60) for _ in range(forums)])
    spread = allocate(forums, [1] * len(found.hoods))
    places = [place for place, number in enumerate(spread) for _ in range(number)]
    groups = [_groups(rng, n, place in by_hood) for place, n in zip(places, counts, strict=True)]
    made = Forum.objects.bulk_create(
        (_forum(found, place, drawn, rng) for place, drawn in zip(places, groups, strict=True)),
        batch_size=2_000,
    )
    writer = Writer(Attendee, ATTENDEE_FIELDS)
    for forum, place, drawn in zip(made, places, groups, strict=True):
        _attend(found, forum, by_hood.get(place, []), drawn, pools, rng, writer)
    writer.flush()
    return len(made), writer.count


def _groups(rng: random.Random, count: int, with_initiatives: bool) -> list[str]:
    drawn = rng.choices([key for key, _ in GROUPS], [weight for _, weight in GROUPS], k=count)
    if with_initiatives:
        return drawn
    return ["residents" if group == "initiatives" else group for group in drawn]


def _forum(found, place: int, groups: list[str], rng: random.Random):
    from kiezwerk.forums.models import Forum

    day = dt.date(FIRST_YEAR, 1, 1) + dt.timedelta(days=rng.randrange(15 * 365))
    starts = dt.datetime(day.year, day.month, day.day, 17, tzinfo=dt.UTC)
    kind = _pick(rng, KINDS)
    hood = found.hoods[place]
    return Forum(
        agency=found.agency,
        neighbourhood_id=hood.pk,
        kind=kind,
        title=f"{'Kiezforum' if kind == 'forum' else 'Treffen'} {hood.name} {day:%m/%Y}",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        year=day.year,
        place=f"Nachbarschaftshaus, {hood.name}",
        # Head counts: the registered attendees, and residents who came without registering.
        residents_count=groups.count("residents") + rng.randint(0, 20),
        initiatives_count=groups.count("initiatives"),
        partners_count=groups.count("partners"),
        public_bodies_count=groups.count("public"),
    )


def _attend(found, forum, initiatives: list[int], groups: list[str], pools, rng, writer) -> None:
    when = stamp(forum.starts_at.date(), 19)
    agency = found.agency.pk
    for group in groups:
        partner = initiative = None
        name = ""
        if group == "initiatives":
            initiative = rng.choice(initiatives)
        elif group == "partners":
            partner = rng.choice(found.partners)
        elif group == "public":
            partner = rng.choice(found.clients)
        else:
            name = rng.choice(pools.people)
        writer.add(
            (agency, forum.pk, group, partner, initiative, name, "", bool(name), None, when, when)
        )


def _pick(rng: random.Random, table: tuple) -> str:
    return rng.choices([key for key, _ in table], [weight for _, weight in table])[0]
