import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from kiezwerk.agencies.models import Membership, TeamAssignment
from tests.factories import MembershipFactory, NeighbourhoodFactory, UserFactory


def test_one_membership_per_person_and_agency(agency, manager):
    with pytest.raises(IntegrityError):
        MembershipFactory(agency=agency, user=manager, role="advisor")


def test_unknown_role_is_refused_by_the_database(agency):
    with pytest.raises(IntegrityError):
        Membership.objects.create(agency=agency, user=UserFactory(), role="king")


def test_team_assignment_to_another_agencys_neighbourhood_is_refused(advisor, other_agency):
    foreign = NeighbourhoodFactory(agency=other_agency)
    assignment = TeamAssignment(membership=advisor.memberships.get(), neighbourhood=foreign)

    with pytest.raises(ValidationError) as error:
        assignment.full_clean()

    assert "neighbourhood" in error.value.message_dict


def test_team_assignment_takes_the_agency_of_the_membership(advisor, neighbourhoods):
    membership = advisor.memberships.get()
    assignment = TeamAssignment(membership=membership, neighbourhood=neighbourhoods[1])

    assignment.full_clean(exclude=["agency"])

    assert assignment.agency_id == membership.agency_id


def test_neighbourhood_slug_is_unique_per_agency_only(agency, other_agency):
    NeighbourhoodFactory(agency=agency, slug="falkplatz")
    NeighbourhoodFactory(agency=other_agency, slug="falkplatz")

    with pytest.raises(IntegrityError):
        NeighbourhoodFactory(agency=agency, slug="falkplatz")
