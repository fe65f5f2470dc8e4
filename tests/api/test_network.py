"""The API's forums (head counts and outcomes), partners, offers and referrals with their
deliveries (issue 9): fields, filters, paging, the web's visibility, constant queries."""

import datetime as dt

import pytest
from django.utils import timezone

from kiezwerk.api.enums import Scope
from tests.api.helpers import token_client
from tests.conftest import count_queries
from tests.factories import (
    DeliveryFactory,
    ForumFactory,
    NeedFactory,
    NeighbourhoodFactory,
    PartnerFactory,
    PartnershipFactory,
)
from tests.network.records import (
    offer_of,
    other_initiative,
    partner_org_of,
    referral_to,
)

API = "/api/v1/agencies/kiez/"


def reading(user):
    """A client with a read-only token, used once: the token's first use is recorded (one
    write a minute), so that query counts compare reads only."""
    client = token_client(user, Scope.READ)
    client.get("/api/v1/agencies")
    return client


def get(user, path: str, status: int = 200) -> dict:
    response = token_client(user, Scope.READ).get(API + path)
    assert response.status_code == status, response.content
    return response.json()


def ids(data: dict) -> list[int]:
    return [row["id"] for row in data["results"]]


# ------------------------------------------------------------------------------------------
# Forums


def forum(agency, neighbourhood, **fields):
    return ForumFactory(agency=agency, neighbourhood=neighbourhood, **fields)


def test_forum_list_gives_head_counts_and_outcomes(manager, agency, neighbourhoods, initiative):
    held = forum(
        agency,
        neighbourhoods[0],
        title="Stadtteilforum Boxhagen",
        residents_count=25,
        initiatives_count=3,
        partners_count=4,
        public_bodies_count=2,
    )
    need = NeedFactory(agency=agency, neighbourhood=neighbourhoods[0], title="Reparaturcafé")
    partnership = PartnershipFactory(agency=agency, neighbourhood=neighbourhoods[0], title="Bund")
    held.needs_raised.add(need, through_defaults={"agency": agency})
    held.initiatives_sparked.add(initiative, through_defaults={"agency": agency})
    held.partnerships_agreed.add(partnership, through_defaults={"agency": agency})

    data = get(manager, "forums")

    assert data["count"] == 1
    row = data["results"][0]
    assert row["title"] == "Stadtteilforum Boxhagen"
    assert row["neighbourhood"] == "Boxhagener Platz"
    assert row["head_count"] == {
        "residents": 25,
        "initiatives": 3,
        "partners": 4,
        "public_bodies": 2,
        "total": 34,
    }
    assert row["outcomes"] == {
        "needs_raised": [{"id": need.pk, "name": "Reparaturcafé"}],
        "initiatives_sparked": [{"id": initiative.pk, "name": "Nachbarschaftscafé Boxhagen"}],
        "partnerships_agreed": [{"id": partnership.pk, "name": "Bund"}],
    }


def test_forum_list_filters_by_neighbourhood_year_and_kind(
    evaluator, agency, neighbourhoods, other_agency
):
    box, helm = neighbourhoods
    first = forum(agency, box, starts_at=dt.datetime(2004, 3, 10, 18, tzinfo=dt.UTC))
    second = forum(
        agency, helm, starts_at=dt.datetime(2005, 6, 1, 17, tzinfo=dt.UTC), kind="workshop"
    )
    third = forum(agency, box, starts_at=dt.datetime(2005, 1, 1, 17, tzinfo=dt.UTC))
    forum(agency, box, archived_at=timezone.now())
    forum(other_agency, NeighbourhoodFactory(agency=other_agency))

    assert ids(get(evaluator, "forums")) == [second.pk, third.pk, first.pk]
    assert ids(get(evaluator, f"forums?neighbourhood={box.pk}")) == [third.pk, first.pk]
    assert ids(get(evaluator, "forums?year=2005")) == [second.pk, third.pk]
    assert ids(get(evaluator, "forums?kind=workshop")) == [second.pk]
    assert ids(get(evaluator, "forums?year=2005&page_size=1&page=2")) == [third.pk]


@pytest.mark.parametrize("query", ["year=abc", "year=1800", "kind=party", "neighbourhood=0"])
def test_forum_list_refuses_bad_filters(manager, agency, query):
    data = get(manager, f"forums?{query}", status=422)

    assert data["code"] == "invalid"


def test_forum_detail_adds_agenda_minutes_and_follow_ups(advisor, agency, neighbourhoods):
    held = forum(agency, neighbourhoods[1], agenda="Was fehlt?", minutes="Ein Laden fehlt.")

    data = get(advisor, f"forums/{held.pk}")

    assert (data["id"], data["agenda"], data["minutes"]) == (
        held.pk,
        "Was fehlt?",
        "Ein Laden fehlt.",
    )
    assert data["follow_ups"] == ""


def test_forum_of_another_agency_or_archived_is_not_found(manager, other_agency, agency):
    other = forum(other_agency, NeighbourhoodFactory(agency=other_agency))
    archived = forum(agency, NeighbourhoodFactory(agency=agency), archived_at=timezone.now())

    assert get(manager, f"forums/{other.pk}", status=404)["code"] == "not_found"
    assert get(manager, f"forums/{archived.pk}", status=404)["code"] == "not_found"


def test_forum_list_takes_the_same_queries_for_one_or_many(manager, agency, neighbourhoods):
    client = reading(manager)

    def add_forum(number: int) -> None:
        held = forum(agency, neighbourhoods[number % 2])
        need = NeedFactory(agency=agency, neighbourhood=neighbourhoods[0])
        held.needs_raised.add(need, through_defaults={"agency": agency})

    add_forum(0)
    one = count_queries(lambda: client.get(API + "forums"))
    for number in range(1, 8):
        add_forum(number)

    assert count_queries(lambda: client.get(API + "forums")) == one


# ------------------------------------------------------------------------------------------
# Partners and offers


@pytest.fixture
def network(agency, neighbourhoods, partner, initiative):
    """The partner persona's organisation (active in the first neighbourhood) with an offer and
    a referral, and another organisation (active in the second) with its own."""
    box, helm = neighbourhoods
    own = partner_org_of(agency, box, partner)
    other = partner_org_of(agency, helm, name="Gewerkschaftshaus", account=None)
    other.kind, other.is_network_member = "union", False
    other.save()
    own_offer = offer_of(own, title="Satzungsberatung")
    other_offer = offer_of(other, title="Räume", kind="rooms", valid_until=dt.date(2004, 12, 31))
    helm_case = other_initiative(agency, helm, name="Helmholtz-Laden")
    return {
        "own": own,
        "other": other,
        "own_offer": own_offer,
        "other_offer": other_offer,
        "own_referral": referral_to(own, initiative, own_offer, referred_on=dt.date(2004, 3, 1)),
        "other_referral": referral_to(
            other, helm_case, other_offer, referred_on=dt.date(2005, 2, 1)
        ),
    }


def test_partner_list_for_staff_filters_by_kind_neighbourhood_and_membership(
    manager, network, neighbourhoods, agency
):
    own, other = network["own"], network["other"]
    PartnerFactory(agency=agency, name="Archiviert e.V.", archived_at=timezone.now())

    assert ids(get(manager, "partners")) == [other.pk, own.pk]  # by name
    assert ids(get(manager, "partners?kind=union")) == [other.pk]
    assert ids(get(manager, f"partners?neighbourhood={neighbourhoods[0].pk}")) == [own.pk]
    assert ids(get(manager, "partners?member=true")) == [own.pk]
    row = get(manager, "partners?member=true")["results"][0]
    assert row["neighbourhood_ids"] == [neighbourhoods[0].pk]
    assert (row["contact_name"], row["archived"]) == ("Jana Köhler", False)


def test_a_partner_account_sees_only_its_own_organisation(partner, network):
    own, other = network["own"], network["other"]

    assert ids(get(partner, "partners")) == [own.pk]
    assert get(partner, f"partners/{own.pk}")["name"] == own.name
    assert get(partner, f"partners/{other.pk}", status=403)["code"] == "forbidden"
    assert ids(get(partner, "offers")) == [network["own_offer"].pk]
    assert get(partner, f"offers/{network['other_offer'].pk}", status=403)["code"] == "forbidden"


def test_offer_list_filters_by_partner_kind_neighbourhood_and_validity(
    advisor, network, neighbourhoods, agency
):
    own_offer, other_offer = network["own_offer"], network["other_offer"]
    anywhere = offer_of(PartnerFactory(agency=agency, name="Überall e.V."), title="Spenden")
    offer_of(network["own"], title="Alt", archived_at=timezone.now())
    box = neighbourhoods[0]

    assert ids(get(advisor, "offers")) == [other_offer.pk, own_offer.pk, anywhere.pk]
    assert ids(get(advisor, f"offers?partner={network['own'].pk}")) == [own_offer.pk]
    assert ids(get(advisor, "offers?kind=rooms")) == [other_offer.pk]
    assert ids(get(advisor, f"offers?neighbourhood={box.pk}")) == [own_offer.pk, anywhere.pk]
    assert ids(get(advisor, "offers?valid_on=2005-01-01")) == [own_offer.pk, anywhere.pk]
    data = get(advisor, f"offers/{own_offer.pk}")
    assert (data["partner"], data["stages"], data["archived"]) == (
        "Nachbarschaftshaus Urbanstraße e.V.",
        ["concept"],
        False,
    )


def test_offer_listed_for_a_neighbourhood_is_available_only_there(manager, network, neighbourhoods):
    box, helm = neighbourhoods
    listed = offer_of(network["own"], title="Nur im Helmholtzkiez")
    listed.neighbourhoods.add(helm, through_defaults={"agency": helm.agency})

    assert listed.pk not in ids(get(manager, f"offers?neighbourhood={box.pk}"))
    assert listed.pk in ids(get(manager, f"offers?neighbourhood={helm.pk}"))


@pytest.mark.parametrize("path", ["partners", "offers"])
def test_partner_and_offer_lists_take_the_same_queries_for_one_or_many(
    manager, agency, neighbourhoods, path
):
    client = reading(manager)

    def add(number: int) -> None:
        organisation = partner_org_of(agency, neighbourhoods[number % 2], name=f"Partner {number}")
        offer_of(organisation).neighbourhoods.add(
            neighbourhoods[0], through_defaults={"agency": agency}
        )

    add(0)
    one = count_queries(lambda: client.get(API + path))
    for number in range(1, 8):
        add(number)

    assert count_queries(lambda: client.get(API + path)) == one


# ------------------------------------------------------------------------------------------
# Referrals


def test_referrals_come_with_their_deliveries_and_totals(manager, network):
    referral = network["own_referral"]
    later = DeliveryFactory(referral=referral, delivered_on=dt.date(2004, 5, 2), hours=2, value=80)
    first = DeliveryFactory(referral=referral, delivered_on=dt.date(2004, 4, 1), hours="1.5")

    data = get(manager, f"referrals/{referral.pk}")

    assert [row["id"] for row in data["deliveries"]] == [first.pk, later.pk]
    assert (data["delivered_hours"], data["delivered_value"]) == ("3.50", "230.00")
    assert (data["initiative"], data["partner"], data["offer"]) == (
        "Nachbarschaftscafé Boxhagen",
        "Nachbarschaftshaus Urbanstraße e.V.",
        "Satzungsberatung",
    )
    listed = get(manager, "referrals?status=referred")["results"]
    assert [row["deliveries"] for row in listed if row["id"] == referral.pk] == [data["deliveries"]]


def test_referral_list_filters_by_status_partner_neighbourhood_and_year(
    evaluator, network, neighbourhoods
):
    own, other = network["own_referral"], network["other_referral"]
    other.status = "declined"
    other.save()

    assert ids(get(evaluator, "referrals")) == [other.pk, own.pk]  # latest first
    assert ids(get(evaluator, "referrals?status=declined")) == [other.pk]
    assert ids(get(evaluator, f"referrals?partner={network['own'].pk}")) == [own.pk]
    assert ids(get(evaluator, f"referrals?neighbourhood={neighbourhoods[1].pk}")) == [other.pk]
    assert ids(get(evaluator, "referrals?year=2004")) == [own.pk]
    assert ids(get(evaluator, f"referrals?initiative={own.initiative_id}")) == [own.pk]


def test_referrals_are_seen_as_on_the_web(advisor, partner, network):
    own, other = network["own_referral"], network["other_referral"]

    assert ids(get(advisor, "referrals")) == [own.pk]  # the advisor's neighbourhood only
    assert ids(get(partner, "referrals")) == [own.pk]  # the partner's own organisation only
    assert get(partner, f"referrals/{other.pk}", status=404)["code"] == "not_found"
    assert get(advisor, f"referrals/{other.pk}", status=404)["code"] == "not_found"


@pytest.mark.parametrize("query", ["status=open", "year=x", "partner=-1"])
def test_referral_list_refuses_bad_filters(manager, agency, query):
    assert get(manager, f"referrals?{query}", status=422)["code"] == "invalid"


def test_referral_list_takes_the_same_queries_for_one_or_many(manager, network, initiative):
    client = reading(manager)
    DeliveryFactory(referral=network["own_referral"])
    one = count_queries(lambda: client.get(API + "referrals"))
    for _number in range(6):
        DeliveryFactory(referral=referral_to(network["own"], initiative, network["own_offer"]))

    assert count_queries(lambda: client.get(API + "referrals")) == one


# ------------------------------------------------------------------------------------------
# Who may read, by token


@pytest.mark.parametrize(
    ("persona", "path", "status"),
    [
        ("funder", "forums", 403),
        ("partner", "forums", 403),
        ("founder", "partners", 403),
        ("funder", "offers", 403),
        ("founder", "referrals", 403),
        ("outsider", "referrals", 404),
        ("outsider", "partners", 404),
    ],
)
def test_tokens_read_what_the_web_shows(request, network, persona, path, status):
    user = request.getfixturevalue(persona)

    assert get(user, path, status=status)["code"] in ("forbidden", "not_found")
