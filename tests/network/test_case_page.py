"""The referral section of the case page (initiatives:detail)."""

from django.urls import reverse

from tests.conftest import client_for, count_queries
from tests.factories import DeliveryFactory
from tests.network.records import offer_of, referral_to


def _case(initiative) -> str:
    return reverse("initiatives:detail", kwargs={"slug": "kiez", "pk": initiative.pk})


def test_case_staff_see_referrals_with_what_was_delivered(advisor, referral, initiative):
    DeliveryFactory(referral=referral, hours="2.5", value="1234.50")
    DeliveryFactory(referral=referral, hours=1, value=100)

    response = client_for(advisor).get(_case(initiative))

    [row] = response.context["referrals"]
    assert (row.pk, row.delivered_hours, row.delivered_value) == (referral.pk, 3.5, 1334.5)
    page = response.content.decode()
    assert 'id="referrals"' in page
    assert reverse("network:refer", kwargs={"slug": "kiez", "pk": initiative.pk}) in page
    assert "1.334,50" in page


def test_evaluator_sees_referrals_but_no_link_to_refer(evaluator, referral, initiative):
    page = client_for(evaluator).get(_case(initiative)).content.decode()

    assert 'id="referrals"' in page
    assert reverse("network:refer", kwargs={"slug": "kiez", "pk": initiative.pk}) not in page


def test_founders_do_not_see_referrals(founder, founder_contact, referral, initiative):
    response = client_for(founder).get(_case(initiative))

    assert response.status_code == 200
    assert 'id="referrals"' not in response.content.decode()
    assert "referrals" not in response.context


def test_case_page_needs_the_same_queries_for_one_and_many_referrals(
    advisor, referral, initiative, partner_org
):
    DeliveryFactory(referral=referral)
    client = client_for(advisor)
    one = count_queries(lambda: client.get(_case(initiative)))
    for number in range(8):
        offer = offer_of(partner_org, title=f"Angebot {number}")
        DeliveryFactory(referral=referral_to(partner_org, initiative, offer))

    assert count_queries(lambda: client.get(_case(initiative))) == one
