"""Demo forums and events, their attendees and outcomes, and the local partnerships.

The events come from `schedule`. Organisations of the neighbourhood attend (partners active
there, public bodies, the initiatives that existed that day), which makes the co-attendance ties
of the social-capital figures; persons only with consent. Outcomes: the demo needs raised on the
forum's date, initiatives that started within months of a forum, partnerships agreed there.
Idempotent: forums are found by (neighbourhood, start), partnerships by (neighbourhood, title),
links by their pair; attendees come only with a new forum.
"""

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from kiezwerk.accounts.enums import Role
from kiezwerk.agencies.models import Agency, Neighbourhood, TeamAssignment
from kiezwerk.demo.common import DEMO_END, add_pairs, local, log_created, rng
from kiezwerk.demo.forums_data import AGENDA, FOLLOW_UPS, MINUTES, NAMED, NEXT_EVENT
from kiezwerk.demo.initiatives_data import TAKEN_OVER
from kiezwerk.demo.needs_data import NEEDS
from kiezwerk.demo.partnerships_data import PARTNERSHIPS, PartnershipSpec
from kiezwerk.demo.schedule import Event, schedule
from kiezwerk.forums.enums import AttendeeGroup
from kiezwerk.forums.enums import ForumKind as K
from kiezwerk.forums.models import Attendee, Forum, ForumInitiative, ForumNeed, ForumPartnership
from kiezwerk.initiatives.enums import Stage
from kiezwerk.initiatives.models import Initiative, InitiativeNeed
from kiezwerk.needs.enums import EvidenceSource
from kiezwerk.needs.models import Need
from kiezwerk.network.enums import PartnerKind, PartnershipStatus
from kiezwerk.network.models import (
    Partner,
    PartnerNeighbourhood,
    Partnership,
    PartnershipInitiative,
    PartnershipPartner,
)

# Registered organisations by kind of event: (network members, public bodies, initiatives).
GUESTS = {
    K.FORUM: ((1, 3), (1, 2), (2, 6)),
    K.WORKSHOP: ((1, 2), (0, 1), (2, 5)),
    K.INFORMATION: ((0, 1), (1, 1), (0, 2)),
    K.NETWORK: ((7, 7), (1, 2), (3, 8)),
}
RESIDENTS = {K.FORUM: (12, 55), K.WORKSHOP: (2, 10), K.INFORMATION: (8, 30), K.NETWORK: (0, 2)}
# An initiative counts as sparked by a forum that raised its need within this many days before
# it started, or (for some) by a forum or information evening in the months before.
SPARK_DAYS, SPARK_RECENT, SPARK_SHARE = 400, 150, 0.5


@dataclass
class _Actor:
    """An initiative of the agency, as far as events care."""

    pk: int
    name: str
    hood: str
    start: dt.date
    end: dt.date | None

    def alive(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass
class _World:
    agency: Agency
    hoods: dict[str, Neighbourhood]
    partners: dict[str, Partner]
    reach: dict[int, set[str]]  # partner id → neighbourhood slugs
    actors: list[_Actor]
    advisors: dict[str, int]  # neighbourhood slug → advisor's user id
    needs: dict[tuple[str, dt.date], list[Need]]  # demo needs raised at forums, by day
    sparked: dict[tuple[str, dt.date], list[_Actor]] = field(default_factory=dict)
    agreed: dict[tuple[str, dt.date], list] = field(default_factory=lambda: defaultdict(list))


def load_forums(agencies: dict[str, Agency]) -> bool:
    """Create the missing forums and partnerships of every agency; True when any was."""
    created = False
    for agency in agencies.values():
        if schedule(agency.slug):
            world = _world(agency)
            world.sparked = _sparked(world)
            created |= _partnerships(world)
            created |= _forums(world)
            created |= _links(world)
    return created


def _world(agency: Agency) -> _World:
    hoods = {hood.slug: hood for hood in Neighbourhood.objects.filter(agency=agency)}
    slugs = {hood.pk: slug for slug, hood in hoods.items()}
    reach: dict[int, set[str]] = defaultdict(set)
    for partner_id, hood_id in PartnerNeighbourhood.objects.filter(agency=agency).values_list(
        "partner_id", "neighbourhood_id"
    ):
        reach[partner_id].add(slugs[hood_id])
    advisors = {
        slugs[a.neighbourhood_id]: a.membership.user_id
        for a in TeamAssignment.objects.filter(
            agency=agency, membership__role=Role.ADVISOR
        ).select_related("membership")
    }
    needs = defaultdict(list)
    titles = [title for _category, title, _description in NEEDS.values()]
    for need in Need.objects.filter(agency=agency, source=EvidenceSource.FORUM, title__in=titles):
        needs[(slugs[need.neighbourhood_id], need.raised_on)].append(need)
    return _World(
        agency=agency,
        hoods=hoods,
        partners={partner.name: partner for partner in Partner.objects.filter(agency=agency)},
        reach=reach,
        actors=_actors(agency, slugs),
        advisors=advisors,
        needs=needs,
    )


def _actors(agency: Agency, slugs: dict[int, str]) -> list[_Actor]:
    rows = Initiative.objects.filter(agency=agency).order_by("name", "pk")
    return [
        _Actor(
            pk=initiative.pk,
            name=initiative.name,
            hood=slugs[initiative.neighbourhood_id],
            start=timezone.localdate(initiative.created_at),
            end=timezone.localdate(initiative.stage_changed_at)
            if initiative.stage == Stage.GIVEN_UP
            else None,
        )
        for initiative in rows.only(
            "name", "neighbourhood_id", "created_at", "stage", "stage_changed_at"
        )
    ]


def _sparked(world: _World) -> dict[tuple[str, dt.date], list[_Actor]]:
    """Initiatives whose need a forum raised shortly before they started, and some that
    started within months of a forum or information evening."""
    slug = world.agency.slug
    raised = defaultdict(set)
    for initiative_id, day in InitiativeNeed.objects.filter(
        agency=world.agency, need__source=EvidenceSource.FORUM
    ).values_list("initiative_id", "need__raised_on"):
        raised[initiative_id].add(day)
    sparked = defaultdict(list)
    for actor in world.actors:
        if slug == "best-pankow" and actor.name in TAKEN_OVER:
            continue
        before = [
            event
            for event in schedule(slug).get(actor.hood, ())
            if event.kind in (K.FORUM, K.INFORMATION)
            and 0 < (actor.start - event.day).days <= SPARK_DAYS
        ]
        event = next((e for e in reversed(before) if e.day in raised[actor.pk]), None)
        recent = [e for e in before if (actor.start - e.day).days <= SPARK_RECENT]
        if event is None and recent and rng(f"sparked:{slug}:{actor.name}").random() < SPARK_SHARE:
            event = recent[-1]
        if event is not None:
            sparked[(actor.hood, event.day)].append(actor)
    return sparked


def _partnerships(world: _World) -> bool:
    agency = world.agency
    existing = {(p.neighbourhood_id, p.title): p for p in Partnership.objects.filter(agency=agency)}
    by_name = {actor.name: actor for actor in world.actors}
    new, partners, initiatives = [], [], []
    for (slug, hood), specs in PARTNERSHIPS.items():
        if slug != agency.slug or hood not in world.hoods:
            continue
        for spec in specs:
            agreed_on, event = _agreement(slug, hood, spec)
            partnership = existing.get((world.hoods[hood].pk, spec.title))
            if partnership is None:
                partnership = _partnership(world.hoods[hood], spec, agreed_on)
                new.append(partnership)
                partners += [
                    (partnership, world.partners[n]) for n in spec.partners if n in world.partners
                ]
                initiatives += [
                    (partnership, by_name[name].pk)
                    for name in spec.initiatives
                    if name in by_name and (agreed_on is None or by_name[name].start <= agreed_on)
                ]
            if event is not None:
                world.agreed[(hood, event.day)].append((partnership, spec))
    Partnership.objects.bulk_create(new)
    PartnershipPartner.objects.bulk_create(
        PartnershipPartner(agency=agency, partnership=p, partner=partner) for p, partner in partners
    )
    PartnershipInitiative.objects.bulk_create(
        PartnershipInitiative(agency=agency, partnership=p, initiative_id=pk)
        for p, pk in initiatives
    )
    log_created(new)
    return bool(new)


def _agreement(slug: str, hood: str, spec: PartnershipSpec) -> tuple[dt.date | None, Event | None]:
    """The day a partnership was agreed and the forum or network meeting where, if at one."""
    if spec.agreed is None or not spec.at_forum:
        return spec.agreed, None
    event = next(
        (
            e
            for e in schedule(slug)[hood]
            if e.kind in (K.FORUM, K.NETWORK) and e.day >= spec.agreed
        ),
        None,
    )
    return (event.day, event) if event else (spec.agreed, None)


def _partnership(hood: Neighbourhood, spec: PartnershipSpec, agreed_on) -> Partnership:
    ends_on = max(spec.ends_on, agreed_on) if spec.ends_on and agreed_on else spec.ends_on
    status = PartnershipStatus.ACTIVE
    if agreed_on is None:
        status = PartnershipStatus.PLANNED
    elif ends_on and ends_on < DEMO_END:
        status = PartnershipStatus.ENDED
    return Partnership(
        agency_id=hood.agency_id,
        neighbourhood=hood,
        title=spec.title,
        purpose=spec.purpose,
        agreed_on=agreed_on,
        ends_on=ends_on,
        status=status,
        created_at=local(agreed_on or DEMO_END - dt.timedelta(days=60), dt.time(10)),
    )


def _forums(world: _World) -> bool:
    agency = world.agency
    existing = set(Forum.objects.filter(agency=agency).values_list("neighbourhood_id", "starts_at"))
    forums, attendees = [], []
    for hood, events in schedule(agency.slug).items():
        neighbourhood = world.hoods.get(hood)
        if neighbourhood is None:
            continue
        for index, event in enumerate(events):
            if (neighbourhood.pk, event.starts_at) in existing:
                continue
            following = events[index + 1] if index + 1 < len(events) else None
            forum, rows = _forum(world, neighbourhood, event, following)
            forums.append(forum)
            attendees += rows
    Forum.objects.bulk_create(forums)
    Attendee.objects.bulk_create(attendees)
    log_created(forums)
    return bool(forums)


def _forum(world: _World, neighbourhood, event: Event, following: Event | None):
    generator = rng(f"forum:{world.agency.slug}:{event.hood}:{event.day}")
    key = (event.hood, event.day)
    members, publics, actors = _guests(world, event, generator)
    for _partnership, spec in world.agreed.get(key, ()):
        parties = [world.partners[n] for n in spec.partners if n in world.partners]
        members += [p for p in parties if p not in members and p.kind != PartnerKind.PUBLIC]
        publics += [p for p in parties if p not in publics and p.kind == PartnerKind.PUBLIC]
        actors += [a for a in world.actors if a.name in spec.initiatives and a.alive(event.day)]
    actors = list({actor.pk: actor for actor in actors}.values())
    named = [generator.choice(NAMED)] if generator.random() < 0.15 else []
    forum = Forum(
        agency=world.agency,
        neighbourhood=neighbourhood,
        kind=event.kind,
        title=event.title,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        year=event.day.year,
        place=event.place,
        agenda=AGENDA[event.kind].format(topic=event.topic, agency=world.agency.short_name),
        minutes=_minutes(world, event, actors, generator),
        follow_ups=_follow_ups(world, event, following),
        residents_count=generator.randint(*RESIDENTS[event.kind]) + len(named),
        initiatives_count=len(actors) + generator.randint(0, 2),
        partners_count=len(members) + generator.randint(0, 1),
        public_bodies_count=len(publics),
        is_public=event.kind != K.NETWORK,
        created_at=local(event.day - dt.timedelta(days=21), dt.time(10)),
    )
    common = {
        "agency": world.agency,
        "forum": forum,
        "recorded_by_id": world.advisors.get(event.hood),
        "created_at": event.ends_at,
    }
    rows = [Attendee(**common, group=AttendeeGroup.PARTNERS, partner=p) for p in members]
    rows += [Attendee(**common, group=AttendeeGroup.PUBLIC, partner=p) for p in publics]
    rows += [
        Attendee(**common, group=AttendeeGroup.INITIATIVES, initiative_id=a.pk) for a in actors
    ]
    rows += [
        Attendee(**common, group=AttendeeGroup.RESIDENTS, name=name, consent_given=True)
        for name in named
    ]
    return forum, rows


def _guests(world: _World, event: Event, generator: random.Random):
    """The network members, public bodies and initiatives registered for an event."""
    local_partners = [p for p in world.partners.values() if event.hood in world.reach[p.pk]]
    publics = [p for p in local_partners if p.kind == PartnerKind.PUBLIC]
    members = [p for p in local_partners if p.kind != PartnerKind.PUBLIC]
    actors = [a for a in world.actors if a.hood == event.hood and a.alive(event.day)]
    if event.kind == K.NETWORK:
        members = [p for p in world.partners.values() if p.is_network_member]
        actors = [a for a in world.actors if a.alive(event.day)]
    (members_n, publics_n, actors_n) = (generator.randint(*span) for span in GUESTS[event.kind])
    quarter = [p for p in publics if p.name.startswith("Quartiersmanagement")]
    others = [p for p in publics if p not in quarter]
    chosen_publics = quarter[:publics_n] if event.kind != K.NETWORK else []
    chosen_publics += generator.sample(others, min(len(others), publics_n - len(chosen_publics)))
    return (
        generator.sample(members, min(len(members), members_n)),
        chosen_publics,
        generator.sample(actors, min(len(actors), actors_n)),
    )


def _minutes(world: _World, event: Event, actors: list[_Actor], generator) -> str:
    key = (event.hood, event.day)
    parts = [generator.choice(MINUTES[event.kind]).format(topic=event.topic)]
    if actors and event.kind in (K.FORUM, K.NETWORK):
        parts.append("Berichte aus den Initiativen: " + ", ".join(a.name for a in actors) + ".")
    needs = world.needs.get(key, ())
    if needs:
        parts.append("Neu auf der Bedarfsliste: " + "; ".join(n.title for n in needs) + ".")
    for actor in world.sparked.get(key, ()):
        parts.append(
            f"Eine Gruppe will ein eigenes Angebot aufbauen (daraus wurde „{actor.name}“); "
            f"{world.agency.short_name} vereinbart ein Erstgespräch."
        )
    for partnership, _spec in world.agreed.get(key, ()):
        parts.append(f"Die lokale Partnerschaft „{partnership.title}“ wurde vereinbart.")
    return "\n\n".join(parts)


def _follow_ups(world: _World, event: Event, following: Event | None) -> str:
    text = FOLLOW_UPS[event.kind].format(
        agency=world.agency.short_name,
        week1=event.day + dt.timedelta(days=7),
        week2=event.day + dt.timedelta(days=14),
    )
    return text + (NEXT_EVENT.format(day=following.day) if following else "")


def _links(world: _World) -> bool:
    """Needs raised, initiatives sparked and partnerships agreed at each demo forum."""
    agency = world.agency
    starts = {
        (hood_id, starts_at): pk
        for pk, hood_id, starts_at in Forum.objects.filter(agency=agency).values_list(
            "pk", "neighbourhood_id", "starts_at"
        )
    }
    forums = {}
    for hood, events in schedule(agency.slug).items():
        if hood in world.hoods:
            for event in events:
                pk = starts.get((world.hoods[hood].pk, event.starts_at))
                if pk is not None:
                    forums[(hood, event.day)] = pk
    needs = {(forums[k], n.pk) for k, rows in world.needs.items() if k in forums for n in rows}
    sparked = {(forums[k], a.pk) for k, rows in world.sparked.items() if k in forums for a in rows}
    agreed = {(forums[k], p.pk) for k, rows in world.agreed.items() if k in forums for p, _ in rows}
    created = add_pairs(ForumNeed, agency, ("forum_id", "need_id"), needs)
    created |= add_pairs(ForumInitiative, agency, ("forum_id", "initiative_id"), sparked)
    return add_pairs(ForumPartnership, agency, ("forum_id", "partnership_id"), agreed) or created
