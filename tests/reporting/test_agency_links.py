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


def _overview_links(user) -> set[str]:
    html = client_for(user).get(reverse("backoffice:agency", kwargs={"slug": "kiez"})).text
    slugs = ("boxhagener-platz", "helmholtzplatz")
    return {
        slug
        for slug in slugs
        if reverse("backoffice:neighbourhood", kwargs={"slug": "kiez", "neighbourhood": slug})
        in html
    }


@pytest.mark.parametrize("persona", ["manager", "evaluator"])
def test_management_and_evaluation_open_every_neighbourhood_overview(
    request, persona, neighbourhoods
):
    assert _overview_links(request.getfixturevalue(persona)) == {
        "boxhagener-platz",
        "helmholtzplatz",
    }


def test_advisor_opens_the_overview_of_the_own_team_only(advisor):
    assert _overview_links(advisor) == {"boxhagener-platz"}


@pytest.mark.parametrize("persona", ["funder", "founder", "partner"])
def test_others_get_no_link_to_neighbourhood_overviews(request, persona, neighbourhoods):
    assert _overview_links(request.getfixturevalue(persona)) == set()


EVALUATION_AREAS = {
    "dashboard": "evaluation:dashboard",
    "export": "evaluation_export:export",
    "social reports": "social_report:list",
}


def _evaluation_links(user) -> set[str]:
    html = client_for(user).get(reverse("backoffice:agency", kwargs={"slug": "kiez"})).text
    return {
        area
        for area, name in EVALUATION_AREAS.items()
        if reverse(name, kwargs={"slug": "kiez"}) in html
    }


@pytest.mark.parametrize("persona", ["manager", "evaluator"])
def test_management_and_evaluation_reach_dashboard_export_and_social_reports(request, persona):
    assert _evaluation_links(request.getfixturevalue(persona)) == set(EVALUATION_AREAS)


@pytest.mark.parametrize("persona", ["advisor", "funder", "founder", "partner"])
def test_other_roles_get_no_evaluation_links(request, persona):
    assert _evaluation_links(request.getfixturevalue(persona)) == set()
