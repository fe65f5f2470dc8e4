from django.core.management import call_command

from kiezwerk.accounts.enums import Role
from kiezwerk.accounts.models import User
from kiezwerk.agencies.models import Agency, Membership, Neighbourhood
from kiezwerk.demo.world import DEMO_PASSWORD
from kiezwerk.funding.models import Grant
from kiezwerk.network.models import Partner


def _sizes() -> tuple[int, ...]:
    models = (Agency, Neighbourhood, Membership, User, Grant, Partner)
    return tuple(model.objects.count() for model in models)


def test_demo_world_recreates_the_seed(db):
    call_command("load_demo")

    assert set(Agency.objects.values_list("short_name", flat=True)) == {"BEST", "BEST Pankow"}
    assert set(
        Neighbourhood.objects.filter(agency__slug="best").values_list("name", flat=True)
    ) == {
        "Boxhagener Platz",
        "Helmholtzplatz",
        "Falkplatz",
    }
    assert Grant.objects.get(agency__slug="best").start_date.isoformat() == "2002-12-01"
    assert Partner.objects.filter(agency__slug="best", name__startswith="DGB").exists()


def test_demo_world_has_an_account_for_every_role(db):
    call_command("load_demo")

    roles = set(Membership.objects.filter(agency__slug="best").values_list("role", flat=True))
    assert roles == set(Role.values)
    assert User.objects.get(email="leitung@best.example").check_password(DEMO_PASSWORD)


def test_loading_the_demo_twice_changes_nothing(db):
    call_command("load_demo")
    first = _sizes()

    call_command("load_demo")

    assert _sizes() == first


def test_if_empty_leaves_a_used_database_alone(agency):
    call_command("load_demo", if_empty=True)

    assert list(Agency.objects.all()) == [agency]


def test_every_demo_persona_reaches_its_dashboard(db, client):
    call_command("load_demo")

    for membership in Membership.objects.select_related("user", "agency"):
        client.force_login(membership.user)
        response = client.get(f"/backoffice/{membership.agency.slug}/")
        assert response.status_code == 200, membership


def test_demo_planner_reads_the_network_overview_without_any_agency(db, client):
    call_command("load_demo")
    call_command("load_demo")

    planner = User.objects.get(email="planung@senat.example")
    client.force_login(planner)
    assert planner.check_password(DEMO_PASSWORD)
    assert not planner.memberships.exists()
    assert planner.user_permissions.filter(codename="view_network_overview").count() == 1
    assert client.get("/backoffice/network-overview/").status_code == 200
