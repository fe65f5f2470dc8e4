"""Reference data is managed in the Django admin, in German, and every change is logged."""

import pytest
from django.urls import reverse

from kiezwerk.agencies.models import Neighbourhood
from kiezwerk.core.models import ActivityLogEntry
from tests.conftest import client_for
from tests.factories import DistrictFactory, UserFactory


@pytest.fixture
def operator(db):
    return UserFactory(is_staff=True, is_superuser=True, email="admin@kiez.test")


def test_admin_speaks_german(operator):
    page = client_for(operator).get(reverse("admin:index")).content.decode()

    assert "Stammdaten" in page
    assert "Agenturen und Quartiere" in page
    assert "Quartiere" in page


def test_admin_login_goes_through_the_kiezwerk_login(anonymous, db):
    response = anonymous.get(reverse("admin:login"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_member_without_admin_rights_cannot_enter_admin(manager):
    response = client_for(manager).get(reverse("admin:index"))

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_adding_a_neighbourhood_in_admin_is_logged(operator, agency):
    district = DistrictFactory(name="Pankow")

    client_for(operator).post(
        reverse("admin:agencies_neighbourhood_add"),
        {
            "agency": agency.pk,
            "district": district.pk,
            "name": "Falkplatz",
            "slug": "falkplatz",
            "kind": "qm",
        },
    )

    neighbourhood = Neighbourhood.objects.get(slug="falkplatz")
    entry = ActivityLogEntry.objects.for_object(neighbourhood).get()
    assert (entry.verb, entry.actor, entry.agency_id) == ("created", operator, agency.pk)


def test_bad_input_in_admin_changes_nothing(operator, agency):
    response = client_for(operator).post(
        reverse("admin:agencies_neighbourhood_add"), {"agency": agency.pk, "name": ""}
    )

    assert response.status_code == 200
    assert "Dieses Feld ist zwingend erforderlich" in response.content.decode()
    assert not Neighbourhood.objects.exists()
    assert not ActivityLogEntry.objects.exists()


def test_nothing_can_be_deleted_in_admin(operator, neighbourhoods):
    url = reverse("admin:agencies_neighbourhood_delete", args=[neighbourhoods[0].pk])

    response = client_for(operator).post(url, {"post": "yes"})

    assert response.status_code == 403
    assert Neighbourhood.objects.filter(pk=neighbourhoods[0].pk).exists()


def test_archive_action_archives_and_logs(operator, neighbourhoods):
    target = neighbourhoods[0]

    client_for(operator).post(
        reverse("admin:agencies_neighbourhood_changelist"),
        {"action": "archive_selected", "_selected_action": [target.pk]},
    )

    target.refresh_from_db()
    assert target.is_archived
    assert ActivityLogEntry.objects.for_object(target).get().verb == "archived"


def test_membership_with_neighbourhood_team_is_added_in_admin_and_logged(
    operator, agency, neighbourhoods
):
    person = UserFactory(email="neu@kiez.test")
    data = {
        "agency": agency.pk,
        "user": person.pk,
        "role": "advisor",
        "title": "Team Helmholtzplatz",
        "assignments-TOTAL_FORMS": "1",
        "assignments-INITIAL_FORMS": "0",
        "assignments-0-neighbourhood": neighbourhoods[1].pk,
    }

    response = client_for(operator).post(reverse("admin:agencies_membership_add"), data)

    assert response.status_code == 302
    membership = person.memberships.get()
    assert [n.name for n in membership.neighbourhoods.all()] == ["Helmholtzplatz"]
    verbs = set(ActivityLogEntry.objects.for_object(membership).values_list("verb", flat=True))
    assert verbs == {"created", "agencies.team_changed"}


def test_changing_a_person_in_admin_leaves_an_audit_trail(operator):
    from auditlog.models import LogEntry

    person = UserFactory(name="Alter Name")
    data = {"email": person.email, "name": "Neuer Name", "is_active": "on"}

    client_for(operator).post(reverse("admin:accounts_user_change", args=[person.pk]), data)

    entry = LogEntry.objects.get_for_object(person).latest("timestamp")
    assert entry.actor == operator
    assert entry.changes_dict["name"] == ["Alter Name", "Neuer Name"]
