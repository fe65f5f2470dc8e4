import datetime as dt
from decimal import Decimal

from django.urls import reverse

from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.network.models import Delivery, Referral
from tests.conftest import client_for, count_queries
from tests.factories import ConsultationFactory, InitiativeFactory, member
from tests.network.records import offer_of, referral_to

REFERRALS = reverse("network:referrals", kwargs={"slug": "kiez"})


def _url(name: str, pk: int) -> str:
    return reverse(f"network:{name}", kwargs={"slug": "kiez", "pk": pk})


def _case(initiative) -> str:
    return reverse("initiatives:detail", kwargs={"slug": "kiez", "pk": initiative.pk})


def test_refer_page_shows_ranked_suggestions_and_a_pick_fills_the_form(advisor, initiative, offer):
    initiative.stage = "concept"
    initiative.save()
    client = client_for(advisor)

    shown = client.get(_url("refer", initiative.pk))
    picked = client.get(_url("refer", initiative.pk), {"offer": offer.pk})

    assert [s.offer for s in shown.context["suggestions"]] == [offer]
    assert f'href="?offer={offer.pk}#refer-form-title"' in shown.content.decode()
    initial = picked.context["form"].initial
    assert (initial["partner"], initial["offer"]) == (offer.partner_id, offer.pk)


def test_advisor_refers_an_initiative_from_a_consultation(advisor, initiative, partner_org, offer):
    consultation = ConsultationFactory(initiative=initiative)
    data = {
        "partner": partner_org.pk,
        "offer": offer.pk,
        "referred_on": "2004-02-03",
        "note": "Hilfe bei der Satzung",
        "consultation": consultation.pk,
    }

    response = client_for(advisor).post(_url("refer", initiative.pk), data)

    assert response["Location"] == _case(initiative) + "#referrals"
    referral = Referral.objects.get()
    assert (referral.offer, referral.consultation, referral.neighbourhood) == (
        offer,
        consultation,
        initiative.neighbourhood,
    )
    assert ActivityLogEntry.objects.for_object(initiative).get().verb == "network.referred"


def test_an_offer_of_another_partner_is_refused_at_the_offer_field(
    advisor, initiative, offer, other_partner_org
):
    data = {"partner": other_partner_org.pk, "offer": offer.pk, "referred_on": "2004-02-03"}

    response = client_for(advisor).post(_url("refer", initiative.pk), data)

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["offer"]
    assert not Referral.objects.exists()


def test_referral_needs_a_partner_and_a_consultation_of_this_case(
    advisor, initiative, partner_org, agency, neighbourhoods
):
    elsewhere = ConsultationFactory(
        initiative=InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[0])
    )
    client = client_for(advisor)

    no_partner = client.post(_url("refer", initiative.pk), {"referred_on": "2004-02-03"})
    foreign = client.post(
        _url("refer", initiative.pk),
        {"partner": partner_org.pk, "referred_on": "2004-02-03", "consultation": elsewhere.pk},
    )

    assert (no_partner.status_code, foreign.status_code) == (400, 400)
    assert list(foreign.context["form"].errors) == ["consultation"]
    assert not Referral.objects.exists()


def test_partner_sees_only_the_referrals_to_its_own_organisation(
    partner, referral, other_partner_org, initiative
):
    foreign = referral_to(other_partner_org, initiative)
    client = client_for(partner)

    listed = client.get(REFERRALS).context["page"].object_list

    assert [r.pk for r in listed] == [referral.pk]
    assert client.get(_url("referral_detail", foreign.pk)).status_code == 404
    assert client.post(_url("record_delivery", foreign.pk), {}).status_code == 404


def test_partner_filter_offers_a_partner_only_its_own_organisations(
    partner, referral, other_partner_org
):
    form = client_for(partner).get(REFERRALS).context["filter"].form

    assert list(form.fields["partner"].queryset) == [referral.partner]


def test_advisor_sees_the_referrals_of_the_own_neighbourhoods(
    advisor, referral, agency, neighbourhoods, partner_org
):
    elsewhere = InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[1])
    foreign = referral_to(partner_org, elsewhere)

    listed = client_for(advisor).get(REFERRALS).context["page"].object_list

    assert [r.pk for r in listed] == [referral.pk]
    assert client_for(advisor).get(_url("referral_detail", foreign.pk)).status_code == 404


def test_list_filters_by_status_partner_and_year(manager, referral, other_partner_org, initiative):
    old = referral_to(other_partner_org, initiative, referred_on=dt.date(2003, 5, 1))
    old.status = "declined"
    old.save()
    client = client_for(manager)

    def listed(**query) -> list[int]:
        return [r.pk for r in client.get(REFERRALS, query).context["page"].object_list]

    assert listed() == [referral.pk, old.pk]
    assert listed(status="declined") == [old.pk]
    assert listed(partner=referral.partner_id) == [referral.pk]
    assert listed(year=2003) == [old.pk]


def test_list_needs_the_same_queries_for_few_and_many_referrals(
    manager, partner_org, offer, agency, neighbourhoods
):
    from tests.factories import DeliveryFactory

    def add(count: int) -> None:
        for _ in range(count):
            initiative = InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[0])
            DeliveryFactory(referral=referral_to(partner_org, initiative, offer))

    add(2)
    client = client_for(manager)
    few = count_queries(lambda: client.get(REFERRALS))
    add(10)

    assert count_queries(lambda: client.get(REFERRALS)) == few


def test_partner_records_a_delivery_in_german_figures(partner, referral):
    data = {
        "delivered_on": "2004-05-17",
        "kind": "rooms",
        "hours": "2,5",
        "value": "1.234,50",
        "note": "Raum für die Gründungsversammlung",
    }

    response = client_for(partner).post(_url("record_delivery", referral.pk), data)

    assert response["Location"] == _url("referral_detail", referral.pk)
    delivery = Delivery.objects.get()
    assert (delivery.hours, delivery.value, delivery.kind) == (
        Decimal("2.50"),
        Decimal("1234.50"),
        "rooms",
    )
    referral.refresh_from_db()
    assert referral.status == "delivered"


def test_delivery_form_defaults_to_the_kind_of_the_offer(partner, referral):
    referral.offer.kind = "training"
    referral.offer.save()

    form = client_for(partner).get(_url("record_delivery", referral.pk)).context["form"]

    assert form["kind"].value() == "training"


def test_negative_or_future_deliveries_are_refused_and_nothing_is_stored(advisor, referral):
    client = client_for(advisor)
    future = (dt.date.today() + dt.timedelta(days=2)).isoformat()

    negative = client.post(
        _url("record_delivery", referral.pk),
        {"delivered_on": "2004-05-17", "kind": "advice", "hours": "-1", "value": "0"},
    )
    ahead = client.post(
        _url("record_delivery", referral.pk),
        {"delivered_on": future, "kind": "advice", "hours": "1", "value": "0"},
    )

    assert (negative.status_code, ahead.status_code) == (400, 400)
    assert list(negative.context["form"].errors) == ["hours"]
    assert list(ahead.context["form"].errors) == ["delivered_on"]
    assert not Delivery.objects.exists()


def test_decline_needs_a_reason(partner, referral):
    client = client_for(partner)

    empty = client.post(_url("decline_referral", referral.pk), {"reason": ""})
    referral.refresh_from_db()
    assert (empty.status_code, referral.status) == (400, "referred")
    assert "reason" in empty.context["decline_form"].errors

    client.post(_url("decline_referral", referral.pk), {"reason": "Keine Kapazität"})

    referral.refresh_from_db()
    assert (referral.status, referral.status_reason) == ("declined", "Keine Kapazität")


def test_a_declined_referral_takes_no_delivery(partner, referral):
    client = client_for(partner)
    client.post(_url("decline_referral", referral.pk), {"reason": "Keine Kapazität"})

    response = client.post(
        _url("record_delivery", referral.pk),
        {"delivered_on": "2004-05-17", "kind": "advice", "hours": "1", "value": "0"},
    )

    assert response.status_code == 302
    assert not Delivery.objects.exists()
    detail = client.get(_url("referral_detail", referral.pk)).context
    assert (detail["delivery_form"], detail["decline_form"]) == (None, None)


def test_evaluator_reads_a_referral_without_forms(evaluator, referral):
    context = client_for(evaluator).get(_url("referral_detail", referral.pk)).context

    assert (context["delivery_form"], context["decline_form"]) == (None, None)


def test_a_second_account_of_the_same_partner_sees_its_referrals(agency, referral):
    from kiezwerk.network.models import PartnerAccount

    colleague = member(agency, "partner", email="kollegin@urbanstrasse.test")
    PartnerAccount.objects.create(agency=agency, partner=referral.partner, user=colleague)

    assert client_for(colleague).get(_url("referral_detail", referral.pk)).status_code == 200


def test_a_partner_role_without_an_account_sees_no_referral(agency, referral):
    stranger = member(agency, "partner", email="ohne-konto@urbanstrasse.test")

    assert list(client_for(stranger).get(REFERRALS).context["page"].object_list) == []
    assert client_for(stranger).get(_url("referral_detail", referral.pk)).status_code == 404


def test_offer_of_another_agency_cannot_be_picked(advisor, initiative):
    from tests.factories import AgencyFactory, PartnerFactory

    foreign = offer_of(PartnerFactory(agency=AgencyFactory()))

    response = client_for(advisor).get(_url("refer", initiative.pk), {"offer": foreign.pk})

    assert response.context["form"].initial == {}
