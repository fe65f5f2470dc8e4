"""The case page leads to the enterprise's economics for those who may read them."""

import pytest
from django.urls import reverse

from tests.conftest import client_for


@pytest.mark.parametrize("persona", ["manager", "advisor", "evaluator", "founder"])
def test_case_page_links_to_the_economics(request, persona, enterprise):
    user = request.getfixturevalue(persona)
    case = reverse("initiatives:detail", kwargs={"slug": "kiez", "pk": enterprise.pk})
    economics = reverse("economy:enterprise", kwargs={"slug": "kiez", "pk": enterprise.pk})

    assert economics in client_for(user).get(case).content.decode()


def test_founder_of_another_initiative_gets_no_link(enterprise, agency):
    from kiezwerk.accounts.enums import Role
    from tests.factories import ContactPersonFactory, InitiativeFactory, member

    other = member(agency, Role.FOUNDER, name="Jan Krüger", email="jan@kiez.test")
    own = InitiativeFactory(agency=agency, neighbourhood=enterprise.neighbourhood)
    ContactPersonFactory(initiative=own, user=other, name=other.name)
    case = reverse("initiatives:detail", kwargs={"slug": "kiez", "pk": own.pk})
    economics = reverse("economy:enterprise", kwargs={"slug": "kiez", "pk": enterprise.pk})

    page = client_for(other).get(case).content.decode()

    assert economics not in page
    assert reverse("economy:enterprise", kwargs={"slug": "kiez", "pk": own.pk}) in page
