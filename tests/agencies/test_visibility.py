"""visible_to(user): the one place where tenancy is decided."""

import pytest

from kiezwerk.agencies.models import Agency, Membership, Neighbourhood
from kiezwerk.funding.models import Grant
from kiezwerk.network.models import Partner
from tests.factories import GrantFactory, PartnerFactory, UserFactory


def _names(queryset) -> set[str]:
    return {str(obj) for obj in queryset}


@pytest.mark.parametrize(
    "persona", ["manager", "advisor", "evaluator", "funder", "founder", "partner"], indirect=True
)
def test_members_see_their_agency_only(persona, agency, outsider):
    assert list(Agency.objects.visible_to(persona)) == [agency]


def test_outsider_sees_only_its_own_agency(outsider, agency, other_agency):
    assert list(Agency.objects.visible_to(outsider)) == [other_agency]


def test_anonymous_sees_no_agency(agency):
    from django.contrib.auth.models import AnonymousUser

    assert list(Agency.objects.visible_to(AnonymousUser())) == []


def test_superuser_sees_every_agency(agency, other_agency):
    admin = UserFactory(is_superuser=True, is_staff=True)

    assert set(Agency.objects.visible_to(admin)) == {agency, other_agency}


def test_advisor_sees_only_assigned_neighbourhoods(advisor, outsider):
    assert _names(Neighbourhood.objects.visible_to(advisor)) == {"Boxhagener Platz"}


@pytest.mark.parametrize("persona", ["manager", "evaluator", "funder"], indirect=True)
def test_agency_wide_roles_see_all_neighbourhoods_of_their_agency(
    neighbourhoods, persona, outsider
):
    assert _names(Neighbourhood.objects.visible_to(persona)) == {
        "Boxhagener Platz",
        "Helmholtzplatz",
    }


def test_team_is_visible_to_staff_but_not_to_funders(manager, advisor, funder, outsider):
    assert _names(Membership.objects.visible_to(advisor)) == {
        str(m) for m in Membership.objects.filter(agency__slug="kiez")
    }
    assert list(Membership.objects.visible_to(funder)) == list(funder.memberships.all())


def test_outsider_never_sees_another_agencys_team(manager, outsider):
    assert all(m.agency.slug == "andere" for m in Membership.objects.visible_to(outsider))


def test_partners_and_grants_are_scoped_to_the_agency(agency, other_agency, advisor, outsider):
    PartnerFactory(agency=agency, name="DGB")
    PartnerFactory(agency=other_agency, name="TU Berlin")
    GrantFactory(agency=agency, title="ESF")
    GrantFactory(agency=other_agency, title="EFRE")

    assert _names(Partner.objects.visible_to(advisor)) == {"DGB"}
    assert _names(Grant.objects.visible_to(outsider)) == {"EFRE"}


def test_archived_membership_grants_nothing(advisor):
    from django.utils import timezone

    advisor.memberships.update(archived_at=timezone.now())

    assert list(Agency.objects.visible_to(advisor)) == []
    assert list(Neighbourhood.objects.visible_to(advisor)) == []
