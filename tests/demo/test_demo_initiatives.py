import pytest
from django.core.management import call_command
from django.db.models import Count, Max

from kiezwerk.accounts.models import User
from kiezwerk.demo.initiatives import FOUNDER_EMAIL, FOUNDER_INITIATIVE
from kiezwerk.initiatives.enums import STAGES_NEEDING_A_REASON, Stage
from kiezwerk.initiatives.models import (
    Consultation,
    ContactPerson,
    CriteriaAssessment,
    EmesProfile,
    Initiative,
    InitiativeNeed,
    Milestone,
    StageChange,
)
from kiezwerk.needs.models import Need, NeedCategory

HISTORY = (
    Initiative,
    StageChange,
    Consultation,
    Milestone,
    ContactPerson,
    CriteriaAssessment,
    EmesProfile,
    InitiativeNeed,
    Need,
    NeedCategory,
)


@pytest.fixture
def demo(db):
    call_command("load_demo")


def test_demo_initiatives_stand_in_every_stage(demo):
    stages = set(Initiative.objects.filter(agency__slug="best").values_list("stage", flat=True))

    assert stages == set(Stage.values)


def test_demo_initiatives_span_the_three_pilot_neighbourhoods_and_pankow(demo):
    hoods = set(Initiative.objects.values_list("agency__slug", "neighbourhood__slug"))

    assert {
        ("best", "boxhagener-platz"),
        ("best", "helmholtzplatz"),
        ("best", "falkplatz"),
    } <= hoods
    assert ("best-pankow", "bezirk-pankow") in hoods


def test_demo_consultations_span_2002_to_2007(demo):
    years = set(Consultation.objects.values_list("held_on__year", flat=True))

    assert min(years) == 2002
    assert max(years) == 2007


def test_demo_founder_sees_her_initiative(demo):
    founder = User.objects.get(email=FOUNDER_EMAIL)

    visible = Initiative.objects.visible_to(founder)

    assert [initiative.name for initiative in visible] == [FOUNDER_INITIATIVE]


def test_demo_initiative_stage_is_its_last_stage_change(demo):
    for initiative in Initiative.objects.prefetch_related("stage_changes"):
        last = list(initiative.stage_changes.all())[-1]
        assert (last.to_stage, last.changed_at) == (initiative.stage, initiative.stage_changed_at)


def test_demo_stage_changes_walk_from_stage_to_stage(demo):
    for initiative in Initiative.objects.prefetch_related("stage_changes"):
        changes = list(initiative.stage_changes.all())
        assert [c.from_stage for c in changes[1:]] == [c.to_stage for c in changes[:-1]]
        assert changes[0].changed_at.year >= 2002


def test_demo_paused_and_given_up_say_why(demo):
    changes = StageChange.objects.filter(to_stage__in=STAGES_NEEDING_A_REASON)

    assert changes.count() >= 2
    assert all(change.note for change in changes)


def test_demo_last_contact_is_the_latest_consultation(demo):
    initiatives = Initiative.objects.annotate(latest=Max("consultations__held_on"))

    assert all(i.last_contact_on == i.latest for i in initiatives)
    assert all(i.latest is not None for i in initiatives)


def test_demo_initiatives_have_advisor_and_consenting_contacts(demo):
    initiatives = Initiative.objects.annotate(contacts_count=Count("contacts"))

    assert all(i.advisor_id is not None for i in initiatives)
    assert {i.contacts_count for i in initiatives} <= {1, 2, 3}
    assert not ContactPerson.objects.filter(consent_given_at__isnull=True).exists()


def test_demo_registered_enterprises_have_legal_form_and_registry_number(demo):
    registered = Initiative.objects.filter(founded_on__isnull=False)

    assert registered.count() >= 10
    assert all(i.legal_form != "none" and i.registry_number for i in registered)


def test_demo_shows_emes_profiles_changing_over_time(demo):
    twice = EmesProfile.objects.values("initiative").annotate(n=Count("id")).filter(n=2)

    assert twice.count() >= 2


def test_demo_initiatives_meet_needs_of_their_own_neighbourhood(demo):
    links = InitiativeNeed.objects.select_related("initiative", "need")

    assert links.exists()
    assert all(link.initiative.neighbourhood_id == link.need.neighbourhood_id for link in links)


def test_loading_the_demo_twice_creates_no_initiative_twice(demo):
    first = [model.objects.count() for model in HISTORY]

    call_command("load_demo")

    assert [model.objects.count() for model in HISTORY] == first
