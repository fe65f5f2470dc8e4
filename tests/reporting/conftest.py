"""A small neighbourhood network, built from records, for the overview and social-capital tests.

In Boxhagener Platz (`neighbourhoods[0]`):

- 2004: a forum attended by initiatives A and B and the association P1 (ties A–B, A–P1, B–P1);
  A referred to the public body P2 with two deliveries (A–P2, three contacts); a referral of B
  to P3 that P3 declined (no tie); a local partnership agreed in June 2004 and still running, of
  P1, the bank P4 and initiative C of Helmholtzplatz (P1–P4, P1–C, P4–C).
- 2005: B referred to P1, nothing delivered yet (B–P1, one contact); the partnership goes on.

P1 is at home in Boxhagener Platz, P3 only in Helmholtzplatz.
"""

import datetime as dt
from dataclasses import dataclass

import pytest

from kiezwerk.network.models import PartnerNeighbourhood
from tests.factories import (
    AttendeeFactory,
    DeliveryFactory,
    ForumFactory,
    InitiativeFactory,
    PartnerFactory,
    PartnershipFactory,
    ReferralFactory,
)


@dataclass
class Network:
    hood: object
    a: object
    b: object
    c: object
    p1: object
    p2: object
    p3: object
    p4: object
    forum: object


def forum_in(hood, year: int, *actors, **fields):
    """A forum of `hood` in `year` attended by the given initiatives and partners."""
    forum = ForumFactory(
        agency=hood.agency,
        neighbourhood=hood,
        starts_at=dt.datetime(year, 3, 10, 17, 0, tzinfo=dt.UTC),
        **fields,
    )
    for actor in actors:
        if actor._meta.model_name == "partner":
            AttendeeFactory(forum=forum, group="partners", partner=actor)
        else:
            AttendeeFactory(forum=forum, group="initiatives", partner=None, initiative=actor)
    return forum


def referral(initiative, partner, on: dt.date, **fields):
    return ReferralFactory(
        agency=initiative.agency,
        initiative=initiative,
        partner=partner,
        offer=None,
        referred_on=on,
        **fields,
    )


def partnership_of(hood, *parties, **fields):
    partnership = PartnershipFactory(agency=hood.agency, neighbourhood=hood, **fields)
    through = {"agency_id": hood.agency_id}
    for party in parties:
        if party._meta.model_name == "partner":
            partnership.partners.add(party, through_defaults=through)
        else:
            partnership.initiatives.add(party, through_defaults=through)
    return partnership


@pytest.fixture
def network(agency, neighbourhoods) -> Network:
    return build_network(agency, neighbourhoods)


def build_network(agency, neighbourhoods) -> Network:
    hood, elsewhere = neighbourhoods
    a = InitiativeFactory(agency=agency, neighbourhood=hood, name="Kiezküche")
    b = InitiativeFactory(agency=agency, neighbourhood=hood, name="Reparaturtreff")
    c = InitiativeFactory(agency=agency, neighbourhood=elsewhere, name="Nähstube Helmholtz")
    p1 = PartnerFactory(agency=agency, name="Nachbarschaftshaus", kind="association")
    p2 = PartnerFactory(agency=agency, name="Bezirksamt", kind="public")
    p3 = PartnerFactory(agency=agency, name="Bildungswerk", kind="training")
    p4 = PartnerFactory(agency=agency, name="Ethikbank", kind="bank")
    PartnerNeighbourhood.objects.create(agency=agency, partner=p1, neighbourhood=hood)
    PartnerNeighbourhood.objects.create(agency=agency, partner=p3, neighbourhood=elsewhere)
    forum = forum_in(hood, 2004, a, b, p1)
    delivered = referral(a, p2, dt.date(2004, 2, 1), status="delivered")
    DeliveryFactory(referral=delivered, delivered_on=dt.date(2004, 3, 1), hours=4, value=200)
    DeliveryFactory(
        referral=delivered, delivered_on=dt.date(2004, 9, 1), kind="rooms", hours=10, value=300
    )
    referral(b, p3, dt.date(2004, 5, 1), status="declined", status_reason="Keine Kapazität")
    partnership_of(hood, p1, p4, c, agreed_on=dt.date(2004, 6, 1), title="Kiezladen-Verbund")
    referral(b, p1, dt.date(2005, 4, 1))
    return Network(hood, a, b, c, p1, p2, p3, p4, forum)
