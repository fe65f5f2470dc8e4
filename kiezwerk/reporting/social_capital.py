"""The social capital of a neighbourhood (Sozialkapital): who is tied to whom, per year.

Actors are organisations: initiatives and partner organisations (public bodies are partners of
kind "public"). Two actors are tied when they had at least one contact in the year; the
tie's weight is the number of contacts:

- forum co-attendance: every forum or event of the neighbourhood in that year (not archived)
  where both were registered attendees is one contact between them;
- referrals: every referral of an initiative to a partner made that year is one contact,
  unless the partner declined it. A referral nothing came of yet is thus a weak tie of
  weight one;
- deliveries: every delivery on such a referral in that year is one more contact;
- local partnerships of the neighbourhood, active that year (agreed, not only planned;
  from the year agreed to the year ended): all parties are tied pairwise, one contact each.

Ties are bonding, bridging or linking (each tie exactly one of them):

- linking: between an institution with power (public body, bank or funder, university or
  research institute) and an actor that is not one;
- bonding: within one group (initiative–initiative, or partners of the same kind), both
  at home in the neighbourhood;
- bridging: every other tie, across groups or to an actor whose home is another
  neighbourhood (an initiative of another neighbourhood, a partner whose recorded
  neighbourhoods do not include this one).

Brokers are the five actors with the highest betweenness centrality (unweighted shortest
paths). Large graphs use networkx's estimate from a sample of source actors, with a fixed seed,
so that the same data always gives the same brokers.

Figures are kept per neighbourhood and year in `SocialCapitalSnapshot` with a fingerprint of
their inputs, and recomputed only when the fingerprint changed. Archived initiatives and
partners stay in past years' graphs: their contacts happened.
"""

import datetime as dt
import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import NamedTuple

from django.db.models import Count, Max, OuterRef, Q, Subquery, Value
from django.utils import timezone

from kiezwerk.agencies.models import Neighbourhood
from kiezwerk.forums.models import Attendee, Forum
from kiezwerk.initiatives.models import Initiative
from kiezwerk.network.enums import PartnerKind, PartnershipStatus, ReferralStatus
from kiezwerk.network.models import (
    Delivery,
    Partner,
    PartnerNeighbourhood,
    Partnership,
    PartnershipInitiative,
    PartnershipPartner,
    Referral,
)
from kiezwerk.reporting.models import SocialCapitalSnapshot

# Bump when the computation changes: every snapshot's fingerprint changes with it.
ALGORITHM = 2
INITIATIVE = "initiative"
# Institutions with power: ties between them and everyone else are linking ties.
POWER_KINDS = frozenset({PartnerKind.PUBLIC, PartnerKind.BANK, PartnerKind.RESEARCH})
TIE_KINDS = ("bonding", "bridging", "linking")
BROKERS = 5
# Exact betweenness costs one search per actor, each about (actors + 2 * ties) steps. Up to
# this many steps in all it is computed exactly; beyond, from a sample of source actors sized
# to the same work (2,000 actors with 20,000 ties: 23 sources; see bench/social_capital.py).
# On that benchmark graph the sample finds the same five brokers as the exact computation
# (42 s), in about 0.3 s.
BETWEENNESS_WORK = 1_000_000
MIN_SOURCES = 20
SEED = 2002
# Partnerships that count as ties: agreed on, and running or ended (not only planned).
PARTNERSHIP_TIES = (PartnershipStatus.ACTIVE, PartnershipStatus.ENDED)
NUMBERS = ("actors", "ties", "contacts", "density", "bonding", "bridging", "linking")


class Actor(NamedTuple):
    group: str  # "initiative", or the kind of the partner organisation
    elsewhere: bool  # its home is another neighbourhood


# ------------------------------------------------------------------------------------------
# The figures of one graph (pure: no database)


def tie_kind(one: Actor, other: Actor) -> str:
    """Bonding, bridging or linking (see the module description)."""
    if (one.group in POWER_KINDS) != (other.group in POWER_KINDS):
        return "linking"
    if one.group == other.group and not (one.elsewhere or other.elsewhere):
        return "bonding"
    return "bridging"


def figures(ties: Mapping[tuple[str, str], int], actors: Mapping[str, Actor]) -> dict:
    """The figures of one neighbourhood-year: `ties` maps a pair of actor keys (in sorted
    order) to its number of contacts; `actors` maps every actor key to its Actor, also actors
    without a tie."""
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(sorted(actors))
    graph.add_edges_from(ties)  # betweenness counts paths, not contacts: no weights
    kinds = Counter(tie_kind(actors[one], actors[other]) for one, other in ties)
    brokers, exact = _brokers(graph)
    return {
        "actors": graph.number_of_nodes(),
        "ties": graph.number_of_edges(),
        "contacts": sum(ties.values()),
        "density": round(nx.density(graph), 4),
        **{kind: kinds[kind] for kind in TIE_KINDS},
        "brokers": brokers,
        "brokers_exact": exact,
    }


def _brokers(graph) -> tuple[list[list], bool]:
    """Top actors by betweenness as [key, score] pairs, and whether the scores are exact."""
    import networkx as nx

    actors, ties = graph.number_of_nodes(), graph.number_of_edges()
    if ties == 0:
        return [], True
    per_source = actors + 2 * ties
    sources = None if actors * per_source <= BETWEENNESS_WORK else _sources(actors, per_source)
    scores = nx.betweenness_centrality(graph, k=sources, seed=SEED)
    ranked = sorted((-score, key) for key, score in scores.items() if score > 0)
    return [[key, round(-score, 4)] for score, key in ranked[:BROKERS]], sources is None


def _sources(actors: int, per_source: int) -> int:
    return min(actors, max(MIN_SOURCES, BETWEENNESS_WORK // per_source))


# ------------------------------------------------------------------------------------------
# Contacts from the database


def initiative_key(pk: int) -> str:
    return f"i{pk}"


def partner_key(pk: int) -> str:
    return f"p{pk}"


@dataclass
class Contacts:
    """What the graphs of one neighbourhood are built from, per year."""

    neighbourhood_id: int
    partner_homes: dict[int, set[int]]
    actors: dict[str, Actor] = field(default_factory=dict)
    ties: dict[int, Counter] = field(default_factory=lambda: defaultdict(Counter))
    present: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))

    def initiative(self, pk: int, home: int | None) -> str:
        key = initiative_key(pk)
        if key not in self.actors:
            self.actors[key] = Actor(INITIATIVE, home != self.neighbourhood_id)
        return key

    def partner(self, pk: int, kind: str) -> str:
        key = partner_key(pk)
        if key not in self.actors:
            homes = self.partner_homes.get(pk)
            self.actors[key] = Actor(kind, bool(homes) and self.neighbourhood_id not in homes)
        return key

    def meet(self, year: int, keys: Iterable[str]) -> None:
        """One contact between each pair of `keys` (an actor alone is still present)."""
        keys = sorted(set(keys))
        self.present[year].update(keys)
        self.ties[year].update(combinations(keys, 2))

    def of_year(self, year: int) -> tuple[Counter, dict[str, Actor]]:
        return self.ties.get(year, Counter()), {
            key: self.actors[key] for key in self.present.get(year, ())
        }


def load_contacts(neighbourhood: Neighbourhood, years: Sequence[int]) -> Contacts:
    """Every contact in the neighbourhood, by year, in six flat queries."""
    scope = {"agency_id": neighbourhood.agency_id}
    homes = defaultdict(set)
    for partner, home in PartnerNeighbourhood.objects.filter(**scope).values_list(
        "partner_id", "neighbourhood_id"
    ):
        homes[partner].add(home)
    contacts = Contacts(neighbourhood.pk, homes)
    _forum_contacts(contacts, scope)
    _referral_contacts(contacts, scope)
    _partnership_contacts(contacts, scope, years)
    return contacts


def _forum_contacts(contacts: Contacts, scope: dict) -> None:
    attendees = (
        Attendee.objects.filter(
            **scope,
            forum__neighbourhood_id=contacts.neighbourhood_id,
            forum__archived_at__isnull=True,
        )
        .filter(Q(partner__isnull=False) | Q(initiative__isnull=False))
        .values_list(
            "forum_id",
            "forum__year",
            "partner_id",
            "partner__kind",
            "initiative_id",
            "initiative__neighbourhood_id",
        )
    )
    forums = defaultdict(set)
    for forum, year, partner, kind, initiative, home in attendees:
        if partner is not None:
            forums[forum, year].add(contacts.partner(partner, kind))
        if initiative is not None:
            forums[forum, year].add(contacts.initiative(initiative, home))
    for (_forum, year), keys in forums.items():
        contacts.meet(year, keys)


def _referral_contacts(contacts: Contacts, scope: dict) -> None:
    hood = contacts.neighbourhood_id
    referrals = (
        Referral.objects.filter(**scope, neighbourhood_id=hood)
        .exclude(status=ReferralStatus.DECLINED)
        .values_list(
            "referred_on",
            "initiative_id",
            "initiative__neighbourhood_id",
            "partner_id",
            "partner__kind",
        )
    )
    for referred_on, initiative, home, partner, kind in referrals:
        contacts.meet(
            referred_on.year,
            (contacts.initiative(initiative, home), contacts.partner(partner, kind)),
        )
    deliveries = Delivery.objects.filter(**scope, neighbourhood_id=hood).values_list(
        "year",
        "referral__initiative_id",
        "referral__initiative__neighbourhood_id",
        "partner_id",
        "partner__kind",
    )
    for year, initiative, home, partner, kind in deliveries:
        contacts.meet(
            year, (contacts.initiative(initiative, home), contacts.partner(partner, kind))
        )


def _partnership_contacts(contacts: Contacts, scope: dict, years: Sequence[int]) -> None:
    if not years:
        return
    running = {
        "partnership__neighbourhood_id": contacts.neighbourhood_id,
        "partnership__archived_at__isnull": True,
        "partnership__status__in": PARTNERSHIP_TIES,
        "partnership__agreed_on__lte": dt.date(max(years), 12, 31),
    }
    parties = defaultdict(set)
    spans = {}
    dates = ("partnership_id", "partnership__agreed_on", "partnership__ends_on")
    for partnership, agreed_on, ends_on, partner, kind in PartnershipPartner.objects.filter(
        **scope, **running
    ).values_list(*dates, "partner_id", "partner__kind"):
        spans[partnership] = (agreed_on, ends_on)
        parties[partnership].add(contacts.partner(partner, kind))
    for partnership, agreed_on, ends_on, initiative, home in PartnershipInitiative.objects.filter(
        **scope, **running
    ).values_list(*dates, "initiative_id", "initiative__neighbourhood_id"):
        spans[partnership] = (agreed_on, ends_on)
        parties[partnership].add(contacts.initiative(initiative, home))
    for partnership, keys in parties.items():
        agreed_on, ends_on = spans[partnership]
        last = ends_on.year if ends_on else max(years)
        for year in years:
            if agreed_on.year <= year <= last:
                contacts.meet(year, keys)


# ------------------------------------------------------------------------------------------
# Fingerprints: has anything the figures of a year depend on changed?


def fingerprints(neighbourhood: Neighbourhood, years: Sequence[int]) -> dict[int, str]:
    """A short hash per year over cheap aggregates (counts, latest change or highest id) of the
    year's inputs and of the neighbourhood's partnerships and partners, in five queries."""
    return fingerprints_of(neighbourhood.agency_id, [neighbourhood.pk], years)[neighbourhood.pk]


def fingerprints_of(
    agency_id: int, neighbourhood_ids: Sequence[int], years: Sequence[int]
) -> dict[int, dict[int, str]]:
    """{neighbourhood id: {year: hash}} for several neighbourhoods of one agency: the same
    five queries as for one, each grouped by neighbourhood."""
    if not years or not neighbourhood_ids:
        return {hood: {} for hood in neighbourhood_ids}
    shared = _shared_stamps(agency_id, neighbourhood_ids)
    per_year = _yearly_stamps(agency_id, neighbourhood_ids, years)
    return {
        hood: {year: _digest([ALGORITHM, shared[hood], per_year[hood][year]]) for year in years}
        for hood in neighbourhood_ids
    }


def _digest(values) -> str:
    text = json.dumps(values, default=str, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:40]


def _in_year(year: int, lookup: str) -> Q:
    return Q(**{f"{lookup}__range": (dt.date(year, 1, 1), dt.date(year, 12, 31))})


Stamps = dict[int, dict[int, list]]  # {neighbourhood id: {year: [count, latest change]}}


def _stamps(queryset, hood: str, hoods: Sequence[int], years: Sequence[int], condition) -> Stamps:
    """Per neighbourhood and year: how many rows match `condition(year)` and their latest
    change, in one aggregate query grouped by neighbourhood (for years kept as dates)."""
    aggregates = {}
    for year in years:
        aggregates[f"n{year}"] = Count("pk", filter=condition(year))
        aggregates[f"u{year}"] = Max("updated_at", filter=condition(year))
    rows = queryset.filter(**{f"{hood}__in": hoods}).order_by().values(hood).annotate(**aggregates)
    found = {row[hood]: row for row in rows}
    return {
        each: {
            year: [found[each][f"n{year}"], found[each][f"u{year}"]] if each in found else [0, None]
            for year in years
        }
        for each in hoods
    }


def _stamps_by_year(
    queryset, hood: str, year: str, hoods: Sequence[int], years: Sequence[int], counted=None
) -> Stamps:
    """The same for tables with an integer year, grouped by neighbourhood and year: how many
    rows (those matching `counted`, if given) and their latest change."""
    rows = (
        queryset.filter(**{f"{hood}__in": hoods, f"{year}__in": years})
        .order_by()
        .values(hood, year)
        .annotate(n=Count("pk", filter=counted), u=Max("updated_at"))
    )
    found = {(row[hood], row[year]): [row["n"], row["u"]] for row in rows}
    return {each: {y: found.get((each, y), [0, None]) for y in years} for each in hoods}


def _yearly_stamps(agency_id: int, hoods: Sequence[int], years: Sequence[int]) -> Stamps:
    scope = {"agency_id": agency_id}
    forums = _stamps_by_year(
        Forum.objects.filter(**scope),
        "neighbourhood_id",
        "year",
        hoods,
        years,
        counted=Q(archived_at__isnull=True),
    )
    attendees = _stamps_by_year(
        Attendee.objects.filter(**scope), "forum__neighbourhood_id", "forum__year", hoods, years
    )
    referrals = _stamps(
        Referral.objects.filter(**scope),
        "neighbourhood_id",
        hoods,
        years,
        lambda year: _in_year(year, "referred_on"),
    )
    deliveries = _stamps_by_year(
        Delivery.objects.filter(**scope), "neighbourhood_id", "year", hoods, years
    )
    return {
        hood: {
            year: [
                forums[hood][year],
                attendees[hood][year],
                referrals[hood][year],
                deliveries[hood][year],
            ]
            for year in years
        }
        for hood in hoods
    }


def _count_and_latest(name: str, queryset, latest: str) -> dict[str, Subquery]:
    """Two one-row subqueries: how many rows `queryset` has and its highest `latest`."""
    grouped = queryset.order_by().values("agency_id")
    return {
        f"{name}_count": Subquery(grouped.annotate(n=Count("pk")).values("n")),
        f"{name}_latest": Subquery(grouped.annotate(m=Max(latest)).values("m")),
    }


def _shared_stamps(agency: int, hoods: Sequence[int]) -> dict[int, dict]:
    """What every year of a neighbourhood depends on: its partnerships and their parties,
    the agency's partners (their kinds) and where they are active, its initiatives (homes);
    one query, a row per neighbourhood."""
    hood = OuterRef("pk")
    in_hood = {"agency_id": agency, "partnership__neighbourhood_id": hood}
    stamps = {
        **_count_and_latest(
            "partnerships",
            Partnership.objects.filter(agency_id=agency, neighbourhood_id=hood),
            "updated_at",
        ),
        **_count_and_latest("parties", PartnershipPartner.objects.filter(**in_hood), "pk"),
        **_count_and_latest("members", PartnershipInitiative.objects.filter(**in_hood), "pk"),
        **_count_and_latest("partners", Partner.objects.filter(agency_id=agency), "updated_at"),
        **_count_and_latest("homes", PartnerNeighbourhood.objects.filter(agency_id=agency), "pk"),
        **_count_and_latest(
            "initiatives", Initiative.objects.filter(agency_id=agency, neighbourhood_id=hood), "pk"
        ),
    }
    rows = Neighbourhood.objects.filter(pk__in=hoods).annotate(**stamps).values("pk", *stamps)
    return {row.pop("pk"): row for row in rows}


# ------------------------------------------------------------------------------------------
# Snapshots: the figures per year, computed only when their inputs changed


def snapshots(neighbourhood: Neighbourhood, years: Sequence[int]) -> list[SocialCapitalSnapshot]:
    """The neighbourhood's figures for `years` (ascending): read from the stored snapshots
    whose fingerprint still matches, the others computed and stored."""
    years = sorted(years)
    if not years:
        return []
    prints = fingerprints(neighbourhood, years)
    stored = {
        snapshot.year: snapshot
        for snapshot in SocialCapitalSnapshot.objects.filter(
            agency_id=neighbourhood.agency_id, neighbourhood=neighbourhood, year__in=years
        )
    }
    stale = [
        year for year in years if getattr(stored.get(year), "fingerprint", None) != prints[year]
    ]
    if stale:
        stored |= {
            snapshot.year: snapshot for snapshot in _compute(neighbourhood, years, stale, prints)
        }
    return [stored[year] for year in years]


def snapshots_of_year(
    neighbourhoods: Sequence[Neighbourhood], year: int
) -> dict[int, SocialCapitalSnapshot]:
    """{neighbourhood id: its figures of `year`} for neighbourhoods of one agency: six queries
    whatever their number when the stored snapshots are current; a stale one is computed and
    stored (a few queries more for each)."""
    if not neighbourhoods:
        return {}
    agency_id = neighbourhoods[0].agency_id
    ids = [hood.pk for hood in neighbourhoods]
    prints = fingerprints_of(agency_id, ids, [year])
    stored = {
        snapshot.neighbourhood_id: snapshot
        for snapshot in SocialCapitalSnapshot.objects.filter(
            agency_id=agency_id, neighbourhood_id__in=ids, year=year
        )
    }
    for hood in neighbourhoods:
        if getattr(stored.get(hood.pk), "fingerprint", None) != prints[hood.pk][year]:
            (stored[hood.pk],) = _compute(hood, [year], [year], prints[hood.pk])
    return stored


def _compute(neighbourhood, years, stale, prints) -> list[SocialCapitalSnapshot]:
    contacts = load_contacts(neighbourhood, years)
    now = timezone.now()
    fresh = [
        SocialCapitalSnapshot(
            agency_id=neighbourhood.agency_id,
            neighbourhood=neighbourhood,
            year=year,
            fingerprint=prints[year],
            figures=figures(*contacts.of_year(year)),
            computed_at=now,
        )
        for year in stale
    ]
    SocialCapitalSnapshot.objects.bulk_create(
        fresh,
        update_conflicts=True,
        unique_fields=["agency", "neighbourhood", "year"],
        update_fields=["fingerprint", "figures", "computed_at"],
    )
    return fresh


def with_changes(snapshots: Sequence[SocialCapitalSnapshot]) -> list[dict]:
    """Per snapshot its year, figures and, for each number, the change against the snapshot
    before it (None for the first)."""
    rows, previous = [], None
    for snapshot in snapshots:
        figures_ = snapshot.figures
        changes = {
            name: None if previous is None else round(figures_[name] - previous[name], 4)
            for name in NUMBERS
        }
        rows.append({"year": snapshot.year, "figures": figures_, "changes": changes})
        previous = figures_
    return rows


def actor_names(snapshots: Iterable[SocialCapitalSnapshot]) -> dict[str, str]:
    """Names of the brokers in `snapshots` by actor key, in one query (names can change after
    a snapshot was computed, so they are not stored in it)."""
    keys = {key for snapshot in snapshots for key, _score in snapshot.figures.get("brokers", ())}
    if not keys:
        return {}
    initiatives = (
        Initiative.objects.filter(pk__in=[int(key[1:]) for key in keys if key.startswith("i")])
        .values_list(Value("i"), "pk", "name")
        .order_by()
    )
    partners = (
        Partner.objects.filter(pk__in=[int(key[1:]) for key in keys if key.startswith("p")])
        .values_list(Value("p"), "pk", "name")
        .order_by()
    )
    return {f"{prefix}{pk}": name for prefix, pk, name in initiatives.union(partners, all=True)}
