import datetime as dt
from collections import Counter

import pytest

from kiezwerk.reporting import social_capital
from kiezwerk.reporting.models import SocialCapitalSnapshot
from kiezwerk.reporting.social_capital import Actor, figures, tie_kind
from tests.conftest import count_queries
from tests.factories import DeliveryFactory, InitiativeFactory, PartnerFactory
from tests.reporting.conftest import forum_in, referral

# The 2004 graph of tests/reporting/conftest.py, by hand.
ACTORS = {
    "iA": Actor("initiative", False),
    "iB": Actor("initiative", False),
    "iC": Actor("initiative", True),
    "p1": Actor("association", False),
    "p2": Actor("public", False),
    "p4": Actor("bank", False),
}
TIES = {
    ("iA", "iB"): 1,
    ("iA", "p1"): 1,
    ("iB", "p1"): 1,
    ("iA", "p2"): 3,
    ("p1", "p4"): 1,
    ("iC", "p1"): 1,
    ("iC", "p4"): 1,
}


def test_figures_of_a_small_graph():
    result = figures(TIES, ACTORS)

    assert result == {
        "actors": 6,
        "ties": 7,
        "contacts": 9,
        "density": 0.4667,
        "bonding": 1,
        "bridging": 3,
        "linking": 3,
        # Of the 10 pairs not counting themselves, P1 lies on the shortest paths of six (A and
        # B to P4 and C, P2 to P4 and C), A on those of four (P2 to everyone but A).
        "brokers": [["p1", 0.6], ["iA", 0.4]],
        "brokers_exact": True,
    }


@pytest.mark.parametrize(
    ("one", "other", "kind"),
    [
        (Actor("initiative", False), Actor("initiative", False), "bonding"),
        (Actor("training", False), Actor("training", False), "bonding"),
        (Actor("initiative", False), Actor("initiative", True), "bridging"),
        (Actor("initiative", False), Actor("training", False), "bridging"),
        (Actor("public", False), Actor("bank", False), "bridging"),
        (Actor("public", False), Actor("public", False), "bonding"),
        (Actor("initiative", False), Actor("research", False), "linking"),
        (Actor("union", True), Actor("public", False), "linking"),
    ],
)
def test_tie_kind_bonds_within_a_group_bridges_across_and_links_to_power(one, other, kind):
    assert tie_kind(one, other) == kind
    assert tie_kind(other, one) == kind


def test_figures_without_ties_have_no_brokers_and_no_density():
    result = figures({}, {"iA": Actor("initiative", False)})

    assert (result["actors"], result["ties"], result["density"], result["brokers"]) == (
        1,
        0,
        0,
        [],
    )


def test_large_graph_brokers_are_sampled_with_a_fixed_seed():
    actors = {f"a{n:04}": Actor("initiative", False) for n in range(700)}
    keys = sorted(actors)
    # A star around a0000 and a ring through everyone: the hub is the broker.
    ties = Counter({("a0000", key): 1 for key in keys[1:]})
    ties.update({tuple(sorted((keys[n], keys[(n + 1) % 700]))): 1 for n in range(1, 700)})

    first, second = figures(ties, actors), figures(ties, actors)

    assert first["brokers_exact"] is False
    assert first["brokers"] == second["brokers"]
    assert first["brokers"][0][0] == "a0000"


def test_loader_builds_the_graph_from_forums_referrals_deliveries_and_partnerships(network):
    contacts = social_capital.load_contacts(network.hood, [2004, 2005])
    a, b, c = (f"i{x.pk}" for x in (network.a, network.b, network.c))
    p1, p2, p4 = (f"p{x.pk}" for x in (network.p1, network.p2, network.p4))

    ties_2004, actors_2004 = contacts.of_year(2004)
    ties_2005, actors_2005 = contacts.of_year(2005)

    assert dict(ties_2004) == {
        tuple(sorted(pair)): weight
        for pair, weight in [
            ((a, b), 1),
            ((a, p1), 1),
            ((b, p1), 1),
            ((a, p2), 3),  # the referral and its two deliveries
            ((p1, p4), 1),
            ((p1, c), 1),
            ((p4, c), 1),
        ]
    }
    assert actors_2004[c] == Actor("initiative", True)
    assert actors_2004[p2] == Actor("public", False)
    assert dict(ties_2005) == {
        tuple(sorted(pair)): 1 for pair in [(b, p1), (p1, p4), (p1, c), (p4, c)]
    }
    assert set(actors_2005) == {b, p1, p4, c}


def test_loader_counts_the_figures_of_the_hand_made_graph(network):
    contacts = social_capital.load_contacts(network.hood, [2004])

    result = figures(*contacts.of_year(2004))

    assert {name: result[name] for name in social_capital.NUMBERS} == {
        "actors": 6,
        "ties": 7,
        "contacts": 9,
        "density": 0.4667,
        "bonding": 1,
        "bridging": 3,
        "linking": 3,
    }
    assert [key for key, _score in result["brokers"]] == [f"p{network.p1.pk}", f"i{network.a.pk}"]


def test_partner_from_elsewhere_bridges_and_declined_referral_makes_no_tie(network):
    hood = network.hood
    at_home = PartnerFactory(agency=hood.agency, name="Lernwerkstatt", kind="training")
    forum_in(hood, 2006, network.p3, at_home)  # both training; P3 works in Helmholtzplatz only
    referral(network.a, network.p1, dt.date(2006, 1, 5), status="declined", status_reason="voll")

    ties, actors = social_capital.load_contacts(hood, [2006]).of_year(2006)
    result = figures(ties, actors)

    assert tuple(sorted((f"p{network.p3.pk}", f"p{at_home.pk}"))) in ties
    assert tuple(sorted((f"i{network.a.pk}", f"p{network.p1.pk}"))) not in ties
    # P3-Lernwerkstatt bridges; the running partnership adds P1-C (bridging) and two links.
    assert (result["ties"], result["bonding"], result["bridging"], result["linking"]) == (
        4,
        0,
        2,
        2,
    )


def test_loader_runs_a_fixed_number_of_queries(network):
    few = count_queries(lambda: social_capital.load_contacts(network.hood, [2004, 2005]))
    for number in range(5):
        extra = InitiativeFactory(agency=network.hood.agency, neighbourhood=network.hood)
        partner = PartnerFactory(agency=network.hood.agency)
        forum_in(network.hood, 2005, extra, partner, network.a)
        DeliveryFactory(referral=referral(extra, partner, dt.date(2005, 1, number + 1)))

    many = count_queries(lambda: social_capital.load_contacts(network.hood, [2004, 2005]))

    assert few == many == 6


def _computed_at(hood) -> dict[int, dt.datetime]:
    return dict(
        SocialCapitalSnapshot.objects.filter(neighbourhood=hood).values_list("year", "computed_at")
    )


def test_snapshots_are_computed_once_and_then_read(network):
    first = social_capital.snapshots(network.hood, [2004, 2005])
    stored = _computed_at(network.hood)

    queries = count_queries(lambda: social_capital.snapshots(network.hood, [2004, 2005]))
    again = social_capital.snapshots(network.hood, [2004, 2005])

    assert [s.figures["ties"] for s in first] == [7, 4]
    assert [s.figures for s in again] == [s.figures for s in first]
    assert _computed_at(network.hood) == stored
    assert queries == 6  # five for the fingerprints, one to read the snapshots


def test_snapshot_of_a_changed_year_is_recomputed_and_the_others_reused(network):
    social_capital.snapshots(network.hood, [2004, 2005])
    before = _computed_at(network.hood)
    DeliveryFactory(
        referral=network.b.referrals.get(referred_on__year=2005), delivered_on=dt.date(2005, 6, 1)
    )

    after = social_capital.snapshots(network.hood, [2004, 2005])

    assert _computed_at(network.hood)[2004] == before[2004]
    assert _computed_at(network.hood)[2005] > before[2005]
    assert after[1].figures["contacts"] == 5  # B-P1 now has the referral and a delivery


def test_snapshot_is_recomputed_when_a_partnership_changes(network):
    social_capital.snapshots(network.hood, [2005])
    partnership = network.p1.partnerships.get()
    partnership.ends_on = dt.date(2004, 12, 31)
    partnership.save()

    (snapshot,) = social_capital.snapshots(network.hood, [2005])

    assert (snapshot.figures["actors"], snapshot.figures["ties"]) == (2, 1)


def test_snapshot_is_recomputed_when_a_partner_changes_kind(network):
    social_capital.snapshots(network.hood, [2004])
    network.p4.kind = "association"
    network.p4.save()

    (snapshot,) = social_capital.snapshots(network.hood, [2004])

    assert (snapshot.figures["bonding"], snapshot.figures["linking"]) == (2, 1)


def test_changes_compare_each_year_with_the_one_before(network):
    rows = social_capital.with_changes(social_capital.snapshots(network.hood, [2004, 2005]))

    assert [row["changes"]["ties"] for row in rows] == [None, -3]
    assert [row["changes"]["actors"] for row in rows] == [None, -2]


def test_broker_names_are_read_in_one_query(network):
    snapshots = social_capital.snapshots(network.hood, [2004])

    names = {}
    queries = count_queries(lambda: names.update(social_capital.actor_names(snapshots)))

    assert names == {f"p{network.p1.pk}": "Nachbarschaftshaus", f"i{network.a.pk}": "Kiezküche"}
    assert queries == 1
