"""The agency dashboard leads each role to the areas of work it may open, and no further."""

import pytest
from django.urls import reverse

from tests.conftest import client_for

AREAS = {
    "needs": "needs:register",
    "forums": "forums:list",
    "partners": "network:partners",
    "partnerships": "network:partnerships",
    "referrals": "network:referrals",
}


def _links(user) -> set[str]:
    html = client_for(user).get(reverse("backoffice:agency", kwargs={"slug": "kiez"})).text
    return {area for area, name in AREAS.items() if reverse(name, kwargs={"slug": "kiez"}) in html}


@pytest.mark.parametrize("persona", ["manager", "advisor", "evaluator"])
def test_staff_reach_every_area(request, persona):
    assert _links(request.getfixturevalue(persona)) == set(AREAS)


def test_a_network_partner_reaches_only_its_referrals(partner):
    assert _links(partner) == {"referrals"}


@pytest.mark.parametrize("persona", ["funder", "founder"])
def test_funders_and_founders_get_no_link_to_internal_areas(request, persona):
    assert _links(request.getfixturevalue(persona)) == set()
