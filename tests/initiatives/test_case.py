import datetime as dt

import pytest
from django.urls import reverse

from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.initiatives.models import Consultation, ContactPerson, Milestone, StageChange
from kiezwerk.initiatives.services import StaleStageError, change_stage
from tests.conftest import client_for, count_queries
from tests.factories import (
    ConsultationFactory,
    InitiativeFactory,
    MilestoneFactory,
    NeedFactory,
    member,
)


def _url(name: str, initiative, **extra) -> str:
    return reverse(f"initiatives:{name}", kwargs={"slug": "kiez", "pk": initiative.pk, **extra})


def _move(client, initiative, to_stage, version=None, **extra):
    version = initiative.stage_version if version is None else version
    data = {"to_stage": to_stage, "version": version, "note": "", **extra}
    return client.post(_url("change_stage", initiative), data, follow=True)


def test_advisor_moves_an_initiative_with_a_note(advisor, initiative):
    response = _move(client_for(advisor), initiative, "orientation", note="Erstgespräch geführt")

    initiative.refresh_from_db()
    assert initiative.stage == "orientation"
    change = StageChange.objects.get(initiative=initiative)
    assert (change.from_stage, change.to_stage, change.changed_by, change.note) == (
        "inquiry",
        "orientation",
        advisor,
        "Erstgespräch geführt",
    )
    assert ActivityLogEntry.objects.for_object(initiative).get().verb == "initiatives.stage_changed"
    assert "ist jetzt in der Phase „Orientierung“" in response.content.decode()


def test_stale_stage_change_is_refused_and_changes_nothing(advisor, manager, initiative):
    seen_version = initiative.stage_version
    _move(client_for(manager), initiative, "concept", version=seen_version)

    response = _move(client_for(advisor), initiative, "given_up", version=seen_version, note="x")

    initiative.refresh_from_db()
    assert initiative.stage == "concept"
    assert StageChange.objects.filter(initiative=initiative).count() == 1
    assert "inzwischen von jemand anderem verschoben" in response.content.decode()


def test_service_refuses_a_stale_version(advisor, initiative):
    change_stage(initiative, actor=advisor, to_stage="concept", version=0)

    with pytest.raises(StaleStageError):
        change_stage(initiative, actor=advisor, to_stage="founding", version=0)


def test_giving_up_needs_a_reason(advisor, initiative):
    response = _move(client_for(advisor), initiative, "given_up")

    initiative.refresh_from_db()
    assert initiative.stage == "inquiry"
    assert "Bitte geben Sie einen Grund an" in response.content.decode()


def test_move_from_the_board_by_htmx_returns_the_updated_board(advisor, initiative):
    data = {"to_stage": "concept", "version": 0, "note": "", "from": "board"}

    response = client_for(advisor).post(
        _url("change_stage", initiative), data, headers={"HX-Request": "true"}
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="board"' in body and "<html" not in body
    concept = next(c for c in response.context["columns"] if c.stage == "concept")
    assert [i.name for i in concept.cards] == [initiative.name]


def test_move_from_the_board_without_javascript_returns_to_the_board(advisor, initiative):
    data = {
        "to_stage": "concept",
        "version": 0,
        "note": "",
        "from": "board",
        "board_query": "mine=1",
    }

    response = client_for(advisor).post(_url("change_stage", initiative), data)

    assert response["Location"] == reverse("initiatives:board", kwargs={"slug": "kiez"}) + "?mine=1"


def test_manager_reassigns_the_advisor(manager, advisor, initiative):
    client_for(manager).post(_url("reassign", initiative), {"advisor": advisor.pk})

    initiative.refresh_from_db()
    assert initiative.advisor == advisor
    assert ActivityLogEntry.objects.for_object(initiative).get().verb == "initiatives.reassigned"


def test_reassigning_to_someone_outside_the_agency_is_refused(manager, outsider, initiative):
    client_for(manager).post(_url("reassign", initiative), {"advisor": outsider.pk})

    initiative.refresh_from_db()
    assert initiative.advisor is None


def test_advisor_records_a_consultation(advisor, initiative, agency):
    need = NeedFactory(agency=agency, neighbourhood=initiative.neighbourhood, title="Kita fehlt")
    data = {
        "held_on": "2003-05-06",
        "duration_minutes": 90,
        "topic": "financing_mix",
        "notes": "Leistungsvertrag mit dem Bezirk besprochen",
        "follow_up_on": "2003-06-01",
        "needs_raised": [need.pk],
    }

    client_for(advisor).post(_url("add_consultation", initiative), data)

    consultation = Consultation.objects.get(initiative=initiative)
    assert (consultation.topic, consultation.advisor) == ("financing_mix", advisor)
    assert list(consultation.needs_raised.all()) == [need]
    initiative.refresh_from_db()
    assert initiative.last_contact_on == dt.date(2003, 5, 6)


def test_an_older_consultation_does_not_move_the_last_contact_back(advisor, initiative):
    client = client_for(advisor)
    for day in ("2003-05-06", "2003-01-02"):
        client.post(
            _url("add_consultation", initiative),
            {"held_on": day, "duration_minutes": 30, "topic": "idea"},
        )

    initiative.refresh_from_db()
    assert initiative.last_contact_on == dt.date(2003, 5, 6)


def test_bad_consultation_input_is_refused_in_german(advisor, initiative):
    data = {
        "held_on": "2003-05-06",
        "duration_minutes": 0,
        "topic": "idea",
        "follow_up_on": "2003-01-01",
    }

    response = client_for(advisor).post(_url("add_consultation", initiative), data)

    body = response.content.decode()
    assert response.status_code == 400
    assert "Wiedervorlage kann nicht vor der Beratung liegen" in body
    assert not Consultation.objects.exists()


def test_milestones_are_added_and_ticked_off(advisor, initiative):
    client = client_for(advisor)
    client.post(
        _url("add_milestone", initiative), {"title": "Satzung beschließen", "due_on": "2003-09-30"}
    )
    milestone = Milestone.objects.get(initiative=initiative)

    client.post(_url("toggle_milestone", initiative, milestone=milestone.pk), {"done": "1"})

    milestone.refresh_from_db()
    assert milestone.done_on is not None
    verbs = list(ActivityLogEntry.objects.for_object(initiative).values_list("verb", flat=True))
    assert sorted(verbs) == ["initiatives.milestone_added", "initiatives.milestone_done"]


def test_milestone_of_another_initiative_is_not_found(advisor, initiative, agency, neighbourhoods):
    foreign = MilestoneFactory(
        initiative=InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[1])
    )

    response = client_for(advisor).post(
        _url("toggle_milestone", initiative, milestone=foreign.pk), {"done": "1"}
    )

    assert response.status_code == 404


def test_contact_person_needs_consent(advisor, initiative):
    response = client_for(advisor).post(_url("add_contact", initiative), {"name": "Ole Brandt"})

    assert response.status_code == 400
    assert not ContactPerson.objects.exists()


def test_edit_saves_enterprise_data_and_needs_and_logs_the_fields(
    advisor, initiative, agency, neighbourhoods
):
    need = NeedFactory(agency=agency, neighbourhood=neighbourhoods[0])
    data = {
        "name": initiative.name,
        "neighbourhood": neighbourhoods[0].pk,
        "legal_form": "ev",
        "founded_on": "2003-11-01",
        "registry_number": "VR 22345 B",
        "needs": [need.pk],
        "served_neighbourhoods": [neighbourhoods[0].pk, neighbourhoods[1].pk],
    }

    response = client_for(advisor).post(_url("edit", initiative), data)

    assert response.status_code == 302
    initiative.refresh_from_db()
    assert (initiative.legal_form, initiative.registry_number) == ("ev", "VR 22345 B")
    assert list(initiative.needs.all()) == [need]
    assert initiative.served_neighbourhoods.count() == 2
    entry = ActivityLogEntry.objects.for_object(initiative).get()
    assert set(entry.data["fields"]) >= {"legal_form", "founded_on", "registry_number", "needs"}


def test_edit_keeps_the_link_to_a_need_merged_elsewhere(
    advisor, initiative, agency, neighbourhoods
):
    """A merged need is not offered in the form; saving other needs must not drop its link."""
    from django.utils import timezone

    from kiezwerk.initiatives.models import InitiativeNeed

    merged, dropped, chosen = (
        NeedFactory(agency=agency, neighbourhood=neighbourhoods[0]) for _ in range(3)
    )
    for need in (merged, dropped):
        InitiativeNeed.objects.create(agency=agency, initiative=initiative, need=need)
    merged.archived_at = timezone.now()
    merged.save()
    data = {
        "name": initiative.name,
        "neighbourhood": neighbourhoods[0].pk,
        "legal_form": "none",
        "needs": [chosen.pk],
    }

    response = client_for(advisor).post(_url("edit", initiative), data)

    assert response.status_code == 302
    assert set(initiative.needs.all()) == {merged, chosen}


def test_founder_sees_stage_and_milestones_but_not_internal_notes(
    founder, founder_contact, initiative
):
    ConsultationFactory(initiative=initiative, notes="Streng vertrauliche Einschätzung")
    MilestoneFactory(initiative=initiative, title="Gewerbeanmeldung")

    page = client_for(founder).get(_url("detail", initiative)).content.decode()

    assert "Anfrage" in page
    assert "Gewerbeanmeldung" in page
    assert "Streng vertrauliche" not in page
    assert "Phase ändern" not in page


def test_advisor_of_another_neighbourhood_cannot_see_the_case(agency, neighbourhoods, initiative):
    stranger = member(agency, "advisor", neighbourhoods=neighbourhoods[1:], email="fremd@kiez.test")

    assert client_for(stranger).get(_url("detail", initiative)).status_code == 404


def test_detail_shows_the_whole_history_newest_first(advisor, initiative):
    client = client_for(advisor)
    client.post(
        _url("add_consultation", initiative),
        {"held_on": "2003-02-01", "duration_minutes": 30, "topic": "idea"},
    )
    _move(client, initiative, "orientation")
    client.post(
        _url("add_milestone", initiative), {"title": "Businessplan", "due_on": "2003-09-30"}
    )

    response = client.get(_url("detail", initiative))

    kinds = [item.kind for item in response.context["timeline"]]
    assert kinds == ["milestone", "stage", "consultation"]


def test_detail_needs_constant_queries(advisor, initiative):
    ConsultationFactory(initiative=initiative)
    MilestoneFactory(initiative=initiative)
    one = count_queries(lambda: client_for(advisor).get(_url("detail", initiative)))
    for _ in range(15):
        ConsultationFactory(initiative=initiative)
        MilestoneFactory(initiative=initiative)
        client_for(advisor).post(_url("change_stage", initiative), {})

    assert count_queries(lambda: client_for(advisor).get(_url("detail", initiative))) == one


def test_an_empty_post_is_refused_with_errors(advisor, initiative):
    """A form sent empty (e.g. its fields stripped by a proxy) is a bad request, not a new form."""
    response = client_for(advisor).post(_url("add_consultation", initiative), {})

    assert response.status_code == 400
    assert not Consultation.objects.exists()
