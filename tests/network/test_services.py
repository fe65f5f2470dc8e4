import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.network import services
from kiezwerk.network.models import (
    Delivery,
    Offer,
    OfferNeighbourhood,
    Partner,
    PartnerNeighbourhood,
    Partnership,
    PartnershipInitiative,
    Referral,
)
from kiezwerk.network.queries import delivered_totals
from tests.factories import (
    AgencyFactory,
    ConsultationFactory,
    DeliveryFactory,
    InitiativeFactory,
    PartnerFactory,
)
from tests.network.records import offer_of


def _verbs(target) -> list[str]:
    return list(ActivityLogEntry.objects.for_object(target).values_list("verb", flat=True))


def test_refer_copies_the_neighbourhood_and_logs_on_initiative_and_partner(
    advisor, initiative, partner_org, offer
):
    consultation = ConsultationFactory(initiative=initiative)

    referral = services.refer(
        initiative,
        actor=advisor,
        partner=partner_org,
        offer=offer,
        consultation=consultation,
        referred_on=dt.date(2004, 2, 3),
        note="Braucht Hilfe bei der Satzung",
    )

    assert (referral.neighbourhood, referral.referred_by, referral.status) == (
        initiative.neighbourhood,
        advisor,
        "referred",
    )
    assert referral.agency_id == initiative.agency_id
    assert _verbs(initiative) == ["network.referred"]
    assert _verbs(partner_org) == ["network.referral_received"]


def test_refer_refuses_an_offer_of_another_partner(advisor, initiative, offer, other_partner_org):
    with pytest.raises(ValidationError) as error:
        services.refer(initiative, actor=advisor, partner=other_partner_org, offer=offer)

    assert "offer" in error.value.message_dict
    assert not Referral.objects.exists()


def test_refer_refuses_a_partner_of_another_agency(advisor, initiative):
    foreign = PartnerFactory(agency=AgencyFactory())

    with pytest.raises(ValidationError):
        services.refer(initiative, actor=advisor, partner=foreign)

    assert not Referral.objects.exists()


def test_record_delivery_copies_partner_and_place_and_marks_the_referral_delivered(
    partner, referral
):
    delivery = services.record_delivery(
        referral,
        actor=partner,
        delivered_on=dt.date(2004, 5, 17),
        kind="rooms",
        hours=Decimal("2.5"),
        value=Decimal("1234.50"),
        note="Raum für die Gründungsversammlung",
    )

    delivery.refresh_from_db()
    referral.refresh_from_db()
    assert (delivery.partner_id, delivery.neighbourhood_id, delivery.kind) == (
        referral.partner_id,
        referral.neighbourhood_id,
        "rooms",
    )
    assert (delivery.year, delivery.month, delivery.recorded_by) == (2004, 5, partner)
    assert (delivery.hours, delivery.value) == (Decimal("2.50"), Decimal("1234.50"))
    assert referral.status == "delivered"
    assert _verbs(referral) == ["network.delivery_recorded"]
    assert _verbs(referral.initiative) == ["network.delivery_recorded"]


def test_a_declined_referral_receives_no_delivery(partner, referral):
    services.decline_referral(referral, actor=partner, reason="Keine Kapazität")

    with pytest.raises(ValidationError):
        services.record_delivery(
            referral, actor=partner, delivered_on=dt.date(2004, 5, 17), kind="advice"
        )

    assert not Delivery.objects.exists()


def test_declining_needs_a_reason_and_keeps_it(partner, referral):
    with pytest.raises(ValidationError):
        services.decline_referral(referral, actor=partner, reason="  ")
    referral.refresh_from_db()
    assert referral.status == "referred"

    services.decline_referral(referral, actor=partner, reason="Keine Räume frei")

    referral.refresh_from_db()
    assert (referral.status, referral.status_reason) == ("declined", "Keine Räume frei")
    assert _verbs(referral) == ["network.referral_declined"]


def test_a_delivered_referral_cannot_be_declined(partner, referral):
    DeliveryFactory(referral=referral)
    referral.status = "delivered"
    referral.save()

    with pytest.raises(ValidationError):
        services.decline_referral(referral, actor=partner, reason="zu spät")


def test_create_partner_links_neighbourhoods_with_the_agency_and_logs(
    manager, agency, neighbourhoods
):
    partner = services.create_partner(
        agency, actor=manager, name="IG Metall Berlin", kind="union", neighbourhoods=neighbourhoods
    )

    links = PartnerNeighbourhood.objects.filter(partner=partner)
    assert sorted(link.agency_id for link in links) == [agency.pk, agency.pk]
    assert _verbs(partner) == ["network.partner_created"]


def test_update_partner_logs_only_what_changed(manager, partner_org, neighbourhoods):
    changed = services.update_partner(
        partner_org,
        actor=manager,
        name=partner_org.name,
        phone="030 4711",
        neighbourhoods=neighbourhoods,
    )
    unchanged = services.update_partner(
        Partner.objects.get(pk=partner_org.pk),
        actor=manager,
        phone="030 4711",
        neighbourhoods=neighbourhoods,
    )

    assert set(changed) == {"phone", "neighbourhoods"}
    assert unchanged == {}
    assert _verbs(partner_org) == ["changed"]


def test_an_offer_cannot_end_before_it_starts(manager, partner_org):
    with pytest.raises(ValidationError) as error:
        services.create_offer(
            partner_org,
            actor=manager,
            kind="rooms",
            title="Gruppenraum",
            valid_from=dt.date(2004, 5, 1),
            valid_until=dt.date(2004, 4, 30),
        )

    assert "valid_until" in error.value.message_dict
    assert not Offer.objects.exists()


def test_create_offer_links_categories_and_neighbourhoods(manager, partner_org, neighbourhoods):
    from tests.factories import NeedCategoryFactory

    childcare = NeedCategoryFactory(name="Kinderbetreuung")

    offer = services.create_offer(
        partner_org,
        actor=manager,
        kind="rooms",
        title="Gruppenraum",
        stages=["concept", "founding"],
        categories=[childcare],
        neighbourhoods=neighbourhoods[:1],
    )

    assert list(offer.categories.all()) == [childcare]
    assert OfferNeighbourhood.objects.get(offer=offer).agency_id == partner_org.agency_id
    assert _verbs(partner_org) == ["network.offer_created"]


def test_archive_offer_keeps_the_offer_and_logs_once(manager, offer):
    services.archive_offer(offer, actor=manager)
    services.archive_offer(offer, actor=manager)

    offer.refresh_from_db()
    assert offer.archived_at is not None
    assert _verbs(offer.partner) == ["network.offer_archived"]


def test_create_partnership_with_parties(manager, agency, neighbourhoods, initiative, partner_org):
    partnership = services.create_partnership(
        agency,
        actor=manager,
        neighbourhood=neighbourhoods[0],
        title="Kiezladen",
        purpose="Gemeinsam einen Laden tragen",
        agreed_on=dt.date(2004, 5, 1),
        status="active",
        partners=[partner_org],
        initiatives=[initiative],
    )

    assert list(partnership.partners.all()) == [partner_org]
    assert PartnershipInitiative.objects.get(partnership=partnership).agency_id == agency.pk
    assert _verbs(partnership) == ["network.partnership_created"]


def test_partnership_refuses_an_end_before_the_agreement_and_foreign_parties(
    manager, agency, neighbourhoods
):
    fields = {"neighbourhood": neighbourhoods[0], "title": "Kiezladen", "purpose": "Laden"}
    with pytest.raises(ValidationError):
        services.create_partnership(
            agency,
            actor=manager,
            agreed_on=dt.date(2004, 5, 1),
            ends_on=dt.date(2004, 4, 1),
            **fields,
        )
    foreign = InitiativeFactory(agency=AgencyFactory())
    with pytest.raises(ValidationError):
        services.create_partnership(agency, actor=manager, initiatives=[foreign], **fields)

    assert not Partnership.objects.exists()


def test_delivered_totals_sum_hours_and_euros_per_year(partner_org, initiative):
    offer = offer_of(partner_org)
    from tests.network.records import referral_to

    referral = referral_to(partner_org, initiative, offer)
    DeliveryFactory(referral=referral, delivered_on=dt.date(2003, 3, 1), hours=2, value=100)
    DeliveryFactory(referral=referral, delivered_on=dt.date(2003, 9, 1), hours="1.5", value=50)
    DeliveryFactory(referral=referral, delivered_on=dt.date(2004, 1, 1), hours=4, value=0)

    totals = delivered_totals(Delivery.objects.filter(partner=partner_org), by=("year",))

    assert [(row["year"], row["hours"], row["value"], row["deliveries"]) for row in totals] == [
        (2003, Decimal("3.5"), Decimal("150"), 2),
        (2004, Decimal("4"), Decimal("0"), 1),
    ]
