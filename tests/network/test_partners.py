import datetime as dt

from django.urls import reverse

from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.network.models import Partner, PartnerNeighbourhood
from tests.conftest import client_for, count_queries
from tests.factories import DeliveryFactory, PartnerFactory, PartnershipFactory
from tests.network.records import offer_of, partner_org_of, referral_to

PARTNERS = reverse("network:partners", kwargs={"slug": "kiez"})
CREATE = reverse("network:partner_create", kwargs={"slug": "kiez"})


def _url(name: str, pk: int) -> str:
    return reverse(f"network:{name}", kwargs={"slug": "kiez", "pk": pk})


def _form(neighbourhoods, **extra) -> dict:
    return {
        "name": "Arbeitslosenzentrum Pankow e.V.",
        "kind": "employment",
        "is_network_member": "on",
        "member_since": "2003-02-01",
        "contact_name": "Ute Lange",
        "email": "info@alz.test",
        "city": "Berlin",
        "website": "alz-pankow.test",
        "neighbourhoods": [hood.pk for hood in neighbourhoods],
        **extra,
    }


def test_advisor_adds_a_partner_active_in_neighbourhoods(advisor, agency, neighbourhoods):
    response = client_for(advisor).post(CREATE, _form(neighbourhoods))

    partner = Partner.objects.get(name="Arbeitslosenzentrum Pankow e.V.")
    assert response["Location"] == _url("partner_detail", partner.pk)
    assert (partner.agency, partner.member_since) == (agency, dt.date(2003, 2, 1))
    assert partner.website == "https://alz-pankow.test"
    assert set(partner.neighbourhoods.all()) == set(neighbourhoods)
    assert set(PartnerNeighbourhood.objects.values_list("agency_id", flat=True)) == {agency.pk}
    assert ActivityLogEntry.objects.for_object(partner).get().verb == "network.partner_created"


def test_a_second_partner_of_the_same_name_is_refused(manager, agency, neighbourhoods):
    PartnerFactory(agency=agency, name="Arbeitslosenzentrum Pankow e.V.")

    response = client_for(manager).post(CREATE, _form(neighbourhoods))

    assert response.status_code == 400
    assert "name" in response.context["form"].errors
    assert Partner.objects.count() == 1


def test_a_membership_date_without_membership_is_refused(manager, neighbourhoods):
    response = client_for(manager).post(CREATE, _form(neighbourhoods, is_network_member=""))

    assert response.status_code == 400
    assert "member_since" in response.context["form"].errors
    assert not Partner.objects.exists()


def test_a_neighbourhood_of_another_agency_is_refused(manager, neighbourhoods, outsider):
    from kiezwerk.agencies.models import Neighbourhood

    foreign = Neighbourhood.objects.get(slug="falkplatz")

    response = client_for(manager).post(CREATE, _form([foreign]))

    assert response.status_code == 400
    assert not Partner.objects.exists()


def test_edit_saves_and_logs_the_changed_fields(manager, partner_org, neighbourhoods):
    data = _form(neighbourhoods, name=partner_org.name, kind="association", phone="030 4711")

    response = client_for(manager).post(_url("partner_edit", partner_org.pk), data)

    assert response.status_code == 302
    partner_org.refresh_from_db()
    assert partner_org.phone == "030 4711"
    entry = ActivityLogEntry.objects.for_object(partner_org).get()
    assert {"phone", "neighbourhoods", "contact_name"} <= set(entry.data["fields"])
    assert "name" not in entry.data["fields"]


def test_list_filters_by_kind_neighbourhood_and_membership(manager, agency, neighbourhoods):
    partner_org_of(agency, neighbourhoods[0], name="Im Kiez e.V.")
    PartnerFactory(agency=agency, name="Bezirksamt", kind="public", is_network_member=False)
    client = client_for(manager)

    def names(**query) -> list[str]:
        page = client.get(PARTNERS, query).context["page"]
        return [partner.name for partner in page.object_list]

    assert names() == ["Bezirksamt", "Im Kiez e.V."]
    assert names(kind="public") == ["Bezirksamt"]
    assert names(neighbourhood=neighbourhoods[0].pk) == ["Im Kiez e.V."]
    assert names(member="no") == ["Bezirksamt"]


def test_list_counts_only_offers_valid_today(manager, partner_org):
    offer_of(partner_org, title="gültig")
    offer_of(partner_org, title="abgelaufen", valid_until=dt.date(2003, 12, 31))
    offer_of(partner_org, title="unbefristet", valid_from=None)

    page = client_for(manager).get(PARTNERS).context["page"]

    assert [partner.valid_offers for partner in page.object_list] == [2]


def test_list_needs_the_same_queries_for_few_and_many_partners(manager, agency, neighbourhoods):
    def add(count: int) -> None:
        for number in range(count):
            partner = partner_org_of(agency, neighbourhoods[number % 2], name=f"P {count}-{number}")
            offer_of(partner)

    add(2)
    client = client_for(manager)
    few = count_queries(lambda: client.get(PARTNERS))
    add(10)

    assert count_queries(lambda: client.get(PARTNERS)) == few


def test_detail_shows_offers_referrals_and_yearly_totals(manager, partner_org, initiative):
    valid = offer_of(partner_org, title="gültig")
    offer_of(partner_org, title="abgelaufen", valid_until=dt.date(2003, 12, 31))
    referral = referral_to(partner_org, initiative, valid)
    DeliveryFactory(referral=referral, delivered_on=dt.date(2003, 4, 1), hours=2, value=80)
    DeliveryFactory(referral=referral, delivered_on=dt.date(2004, 4, 1), hours=3, value=150)
    DeliveryFactory(referral=referral, delivered_on=dt.date(2004, 8, 1), hours=1, value=50)
    partnership = PartnershipFactory(
        agency=partner_org.agency, neighbourhood=initiative.neighbourhood
    )
    partnership.partners.add(partner_org, through_defaults={"agency": partner_org.agency})

    context = client_for(manager).get(_url("partner_detail", partner_org.pk)).context

    assert [offer.title for offer in context["current_offers"]] == ["gültig"]
    assert [offer.title for offer in context["other_offers"]] == ["abgelaufen"]
    assert [r.pk for r in context["referrals"]] == [referral.pk]
    assert context["referrals"][0].delivered_hours == 6
    totals = [(row["year"], row["hours"], row["value"]) for row in context["totals"]]
    assert totals == [(2003, 2, 80), (2004, 4, 200)]
    assert list(context["partnerships"]) == [partnership]


def test_detail_needs_the_same_queries_for_few_and_many_referrals(
    manager, partner_org, offer, agency, neighbourhoods
):
    from tests.factories import InitiativeFactory

    def add(count: int) -> None:
        for _ in range(count):
            initiative = InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[0])
            DeliveryFactory(referral=referral_to(partner_org, initiative, offer))
            offer_of(partner_org)

    add(1)
    client = client_for(manager)
    few = count_queries(lambda: client.get(_url("partner_detail", partner_org.pk)))
    add(10)

    assert count_queries(lambda: client.get(_url("partner_detail", partner_org.pk))) == few


def test_partner_sees_its_own_organisation_but_not_another(partner, partner_org, agency):
    other = PartnerFactory(agency=agency, name="Fremder Verein")
    client = client_for(partner)

    assert client.get(_url("partner_detail", partner_org.pk)).status_code == 200
    assert client.get(_url("partner_detail", other.pk)).status_code == 403


def test_advisor_sees_only_referrals_of_the_own_neighbourhoods_on_a_partner_page(
    advisor, partner_org, offer, initiative, agency, neighbourhoods
):
    from tests.factories import InitiativeFactory

    elsewhere = InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[1])
    own = referral_to(partner_org, initiative, offer)
    other = referral_to(partner_org, elsewhere, offer)
    DeliveryFactory(referral=own, hours=2, value=10)
    DeliveryFactory(referral=other, hours=7, value=70)

    context = client_for(advisor).get(_url("partner_detail", partner_org.pk)).context

    assert [r.pk for r in context["referrals"]] == [own.pk]
    assert [(row["hours"], row["value"]) for row in context["totals"]] == [(2, 10)]
