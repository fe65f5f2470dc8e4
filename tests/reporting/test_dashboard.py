import pytest
from django.urls import reverse

from kiezwerk.core.activity import log_action
from kiezwerk.reporting.queries import agency_counts
from tests.conftest import client_for, count_queries
from tests.factories import GrantFactory, NeighbourhoodFactory, PartnerFactory, member

DASHBOARD = reverse("backoffice:agency", kwargs={"slug": "kiez"})


def _page(user) -> str:
    return client_for(user).get(DASHBOARD).content.decode()


def test_manager_sees_neighbourhoods_team_counts_and_activity(manager, advisor, agency):
    log_action(manager, "created", agency)

    page = _page(manager)

    assert "Boxhagener Platz" in page and "Helmholtzplatz" in page
    assert "Ayşe Demir" in page
    assert "Im System" in page
    assert "Letzte Aktivitäten" in page
    assert reverse("agencies:team_export", kwargs={"slug": "kiez", "fmt": "csv"}) in page


def test_advisor_sees_own_neighbourhoods_and_team_but_no_activity_or_export(advisor, manager):
    page = _page(advisor)

    assert "Ihre Quartiere" in page
    assert "Boxhagener Platz" in page
    assert "Helmholtzplatz" not in page
    assert "Karin Albers" in page
    assert "Letzte Aktivitäten" not in page
    assert "team.csv" not in page


def test_funder_sees_counts_but_no_names(funder, manager, advisor):
    page = _page(funder)

    assert "Im System" in page
    assert "Ayşe Demir" not in page
    assert "Karin Albers" not in page


@pytest.mark.parametrize("persona", ["founder", "partner"], indirect=True)
def test_founders_and_partners_see_their_role_but_no_team_or_counts(persona, manager):
    page = _page(persona)

    assert "Ihre Rolle" in page
    assert "Karin Albers" not in page
    assert "Im System" not in page


def test_outsider_sees_nothing_of_the_agency(outsider, manager):
    response = client_for(outsider).get(DASHBOARD)

    assert response.status_code == 404
    assert "Karin Albers" not in response.content.decode()


def test_counts_are_active_records_only(agency, manager, advisor, neighbourhoods, other_agency):
    from django.utils import timezone

    PartnerFactory(agency=agency, is_network_member=True)
    PartnerFactory(agency=agency, is_network_member=False)
    PartnerFactory(agency=agency, archived_at=timezone.now())
    PartnerFactory(agency=other_agency)
    GrantFactory(agency=agency)

    counts = agency_counts(agency)

    assert counts == {
        "neighbourhoods": 2,
        "team": 2,
        "members": 2,
        "partners": 2,
        "network_members": 1,
        "grants": 1,
        "initiatives": 0,
        "enterprises": 0,
    }


def test_home_redirects_a_single_agency_member_to_the_dashboard(advisor):
    response = client_for(advisor).get(reverse("backoffice:home"))

    assert response["Location"] == DASHBOARD


def test_home_lets_a_member_of_two_agencies_choose(advisor, other_agency):
    member_of_both = advisor
    from tests.factories import MembershipFactory

    MembershipFactory(agency=other_agency, user=member_of_both, role="evaluator")

    page = client_for(member_of_both).get(reverse("backoffice:home")).content.decode()

    assert "Entwicklungsagentur Kiez" in page and "Andere Agentur" in page


def test_home_explains_when_the_user_has_no_agency(db):
    from tests.factories import UserFactory

    page = client_for(UserFactory()).get(reverse("backoffice:home")).content.decode()

    assert "noch keiner Agentur" in page


def test_dashboard_needs_constant_queries(agency, manager, neighbourhoods):
    client = client_for(manager)
    GrantFactory(agency=agency)  # one row of each list, then many
    one = count_queries(lambda: client.get(DASHBOARD))
    for _ in range(15):
        hood = NeighbourhoodFactory(agency=agency)
        member(agency, "advisor", neighbourhoods=[hood, *neighbourhoods])
        PartnerFactory(agency=agency)
        GrantFactory(agency=agency)
        log_action(manager, "changed", hood)

    many = count_queries(lambda: client.get(DASHBOARD))

    assert many == one


def test_home_needs_constant_queries(advisor, other_agency):
    from tests.factories import AgencyFactory, MembershipFactory

    MembershipFactory(agency=other_agency, user=advisor, role="evaluator")
    one = count_queries(lambda: client_for(advisor).get(reverse("backoffice:home")))
    for _ in range(10):
        MembershipFactory(agency=AgencyFactory(), user=advisor, role="evaluator")

    assert count_queries(lambda: client_for(advisor).get(reverse("backoffice:home"))) == one


def test_dashboard_names_every_co_financier_of_a_grant(agency, manager):
    from kiezwerk.funding.models import CoFinancing

    grant = GrantFactory(agency=agency, title="Modellprojekt")
    CoFinancing.objects.create(grant=grant, name="Senatsverwaltung", share=40)
    CoFinancing.objects.create(grant=grant, name="Bezirksamt Pankow", share=10)

    page = client_for(manager).get(DASHBOARD).content.decode()

    assert "Senatsverwaltung" in page
    assert "Bezirksamt Pankow" in page


def test_a_funder_sees_on_the_dashboard_only_the_grants_it_funds(agency, funder, manager):
    read = GrantFactory(agency=agency, title="Modellprojekt BEST")
    GrantFactory(agency=agency, title="Anderes Programm")
    read.readers.add(funder.memberships.get(agency=agency))

    for_funder = client_for(funder).get(DASHBOARD).content.decode()
    for_manager = client_for(manager).get(DASHBOARD).content.decode()

    assert "Modellprojekt BEST" in for_funder
    assert "Anderes Programm" not in for_funder
    assert "Anderes Programm" in for_manager
