import datetime as dt

from django.urls import reverse

from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.network.models import Offer, OfferCategory
from kiezwerk.network.queries import suggest_offers
from tests.conftest import client_for
from tests.factories import NeedCategoryFactory, PartnerFactory


def _url(name: str, pk: int) -> str:
    return reverse(f"network:{name}", kwargs={"slug": "kiez", "pk": pk})


def _form(**extra) -> dict:
    return {
        "kind": "rooms",
        "title": "Gruppenraum am Abend",
        "capacity": "2 Abende im Monat",
        "valid_from": "2004-01-01",
        "valid_until": "2004-12-31",
        **extra,
    }


def test_advisor_adds_an_offer_with_stages_needs_and_neighbourhoods(
    advisor, partner_org, neighbourhoods
):
    childcare = NeedCategoryFactory(name="Kinderbetreuung")
    data = _form(
        stages=["concept", "founding"],
        categories=[childcare.pk],
        neighbourhoods=[neighbourhoods[0].pk],
    )

    response = client_for(advisor).post(_url("offer_create", partner_org.pk), data)

    assert response["Location"] == _url("partner_detail", partner_org.pk)
    offer = Offer.objects.get()
    assert (offer.partner, offer.stages, offer.valid_until) == (
        partner_org,
        ["concept", "founding"],
        dt.date(2004, 12, 31),
    )
    assert list(offer.neighbourhoods.all()) == neighbourhoods[:1]
    assert OfferCategory.objects.get().agency_id == partner_org.agency_id


def test_an_offer_ending_before_it_starts_is_refused_at_the_field(advisor, partner_org):
    data = _form(valid_from="2004-06-01", valid_until="2004-05-31")

    response = client_for(advisor).post(_url("offer_create", partner_org.pk), data)

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["valid_until"]
    assert not Offer.objects.exists()


def test_an_unknown_stage_is_refused(advisor, partner_org):
    response = client_for(advisor).post(
        _url("offer_create", partner_org.pk), _form(stages=["paused"])
    )

    assert response.status_code == 400
    assert not Offer.objects.exists()


def test_partner_keeps_its_own_offers_but_not_anothers(partner, partner_org, agency):
    other = PartnerFactory(agency=agency, name="Fremder Verein")
    client = client_for(partner)

    own = client.post(_url("offer_create", partner_org.pk), _form())
    foreign = client.post(_url("offer_create", other.pk), _form(title="Fremd"))

    assert (own.status_code, foreign.status_code) == (302, 403)
    assert list(Offer.objects.values_list("title", flat=True)) == ["Gruppenraum am Abend"]


def test_edit_changes_the_offer_and_logs_it(manager, offer):
    data = _form(title=offer.title, kind="advice", stages=["founding"])

    response = client_for(manager).post(_url("offer_edit", offer.pk), data)

    assert response.status_code == 302
    offer.refresh_from_db()
    assert (offer.stages, offer.capacity) == (["founding"], "2 Abende im Monat")
    entry = ActivityLogEntry.objects.for_object(offer).get()
    assert {"stages", "capacity", "valid_until"} <= set(entry.data["fields"])


def test_archived_offer_is_no_longer_suggested_nor_editable(manager, offer, initiative):
    initiative.stage = "concept"
    initiative.save()
    client = client_for(manager)
    assert [s.offer for s in suggest_offers(initiative, on=dt.date(2004, 6, 1))] == [offer]

    response = client.post(_url("offer_archive", offer.pk))

    assert response["Location"] == _url("partner_detail", offer.partner_id)
    assert suggest_offers(initiative, on=dt.date(2004, 6, 1)) == []
    assert client.get(_url("offer_edit", offer.pk)).status_code == 404
    assert Offer.objects.filter(pk=offer.pk).exists()
