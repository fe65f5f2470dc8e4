import datetime as dt

import pytest
from django.utils import timezone, translation

from kiezwerk.network.queries import suggest_offers
from tests.conftest import count_queries
from tests.factories import AgencyFactory, NeedCategoryFactory, NeedFactory, PartnerFactory
from tests.network.records import offer_of, partner_org_of, referral_to

TODAY = dt.date(2004, 6, 1)


@pytest.fixture
def concept_case(initiative, agency, neighbourhoods):
    """The initiative in the stage Concept, meeting a childcare need."""
    childcare = NeedCategoryFactory(name="Kinderbetreuung")
    need = NeedFactory(agency=agency, neighbourhood=neighbourhoods[0], category=childcare)
    initiative.needs.add(need, through_defaults={"agency": agency})
    initiative.stage = "concept"
    initiative.save()
    return initiative


def _titles(suggestions) -> list[str]:
    return [suggestion.offer.title for suggestion in suggestions]


def test_best_fit_comes_first_with_its_reasons(concept_case, agency, neighbourhoods, partner):
    member = partner_org_of(agency, neighbourhoods[0], partner)
    best = offer_of(member, title="Kita-Gründung", stages=["concept"])
    best.categories.add(
        NeedCategoryFactory(name="Kinderbetreuung"), through_defaults={"agency": agency}
    )
    best.neighbourhoods.add(neighbourhoods[0], through_defaults={"agency": agency})
    citywide = PartnerFactory(agency=agency, name="Stiftung", is_network_member=False)
    offer_of(citywide, title="Allgemeine Beratung", stages=[])

    with translation.override("en"):
        suggestions = suggest_offers(concept_case, on=TODAY)

    assert _titles(suggestions) == ["Kita-Gründung", "Allgemeine Beratung"]
    assert suggestions[0].reasons == [
        "fits the stage Concept",
        "fits the need Kinderbetreuung",
        "active in Boxhagener Platz",
        "network member",
    ]
    assert (suggestions[0].score, suggestions[1].score, suggestions[1].reasons) == (8, 0, [])


def test_offers_that_do_not_fit_or_are_not_valid_are_left_out(concept_case, agency, neighbourhoods):
    organisation = partner_org_of(agency, neighbourhoods[0])
    offer_of(organisation, title="Passt", stages=[])
    offer_of(organisation, title="Andere Phase", stages=["founding"])
    offer_of(organisation, title="Abgelaufen", valid_until=dt.date(2004, 5, 31))
    offer_of(organisation, title="Noch nicht", valid_from=dt.date(2004, 6, 2))
    offer_of(organisation, title="Archiviert", archived_at=timezone.now())
    elsewhere = offer_of(organisation, title="Anderes Quartier")
    elsewhere.neighbourhoods.add(neighbourhoods[1], through_defaults={"agency": agency})
    away = partner_org_of(agency, neighbourhoods[1], name="Anderswo e.V.")
    offer_of(away, title="Partner woanders aktiv")
    offer_of(PartnerFactory(agency=AgencyFactory()), title="Andere Agentur")

    assert _titles(suggest_offers(concept_case, on=TODAY)) == ["Passt"]


def test_an_offer_already_referred_ranks_lower_and_says_so(
    concept_case, agency, neighbourhoods, partner
):
    organisation = partner_org_of(agency, neighbourhoods[0], partner)
    referred = offer_of(organisation, title="A: schon vermittelt")
    offer_of(organisation, title="B: neu")
    referral_to(organisation, concept_case, referred)

    with translation.override("en"):
        suggestions = suggest_offers(concept_case, on=TODAY)

    assert _titles(suggestions) == ["B: neu", "A: schon vermittelt"]
    assert suggestions[1].reasons[-1] == "already referred"
    assert suggestions[0].score - suggestions[1].score == 4


def test_equal_scores_are_ordered_by_title_and_limited(concept_case, agency, neighbourhoods):
    organisation = partner_org_of(agency, neighbourhoods[0])
    for title in ["Cafébetrieb", "Buchhaltung", "Anmeldung", "Datenschutz"]:
        offer_of(organisation, title=title)

    assert _titles(suggest_offers(concept_case, on=TODAY, limit=3)) == [
        "Anmeldung",
        "Buchhaltung",
        "Cafébetrieb",
    ]


def test_matching_needs_the_same_queries_for_few_and_many_offers(
    concept_case, agency, neighbourhoods
):
    organisation = partner_org_of(agency, neighbourhoods[0])
    childcare = NeedCategoryFactory(name="Kinderbetreuung")

    def add_offers(count: int) -> None:
        for number in range(count):
            offer = offer_of(organisation, title=f"Angebot {count}-{number}")
            offer.categories.add(childcare, through_defaults={"agency": agency})
            offer.neighbourhoods.add(neighbourhoods[0], through_defaults={"agency": agency})

    add_offers(2)
    few = count_queries(lambda: suggest_offers(concept_case, on=TODAY))
    add_offers(10)

    assert count_queries(lambda: suggest_offers(concept_case, on=TODAY)) == few
