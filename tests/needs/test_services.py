"""The needs register's workflows: record, edit, change status, merge duplicates."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time

from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.forums.models import ForumNeed
from kiezwerk.initiatives.models import ConsultationNeed, InitiativeNeed
from kiezwerk.needs import services
from kiezwerk.needs.models import Need
from tests.factories import NeedCategoryFactory, NeedFactory, NeighbourhoodFactory
from tests.needs.helpers import address_by_initiative, raise_at_forum, raise_in_consultation


@pytest.fixture
def category(db):
    return NeedCategoryFactory(name="Kinderbetreuung")


@pytest.fixture
def need(agency, neighbourhoods, category):
    return NeedFactory(
        agency=agency, neighbourhood=neighbourhoods[0], category=category, title="Kita fehlt"
    )


def verbs_of(need) -> list[str]:
    return list(
        ActivityLogEntry.objects.for_object(need).order_by("pk").values_list("verb", flat=True)
    )


def test_create_need_saves_and_logs(agency, neighbourhoods, category, advisor):
    need = services.create_need(
        actor=advisor,
        agency=agency,
        neighbourhood=neighbourhoods[0],
        category=category,
        title="Abendbetreuung fehlt",
        supporters=12,
        raised_on=dt.date(2003, 5, 6),
    )

    need.refresh_from_db()
    assert (need.title, need.supporters, need.raised_on) == (
        "Abendbetreuung fehlt",
        12,
        dt.date(2003, 5, 6),
    )
    entry = ActivityLogEntry.objects.for_object(need).get()
    assert (entry.verb, entry.actor, entry.agency_id) == ("needs.need_created", advisor, agency.pk)


def test_create_need_refuses_a_neighbourhood_of_another_agency(agency, other_agency, category):
    foreign = NeighbourhoodFactory(agency=other_agency)

    with pytest.raises(ValidationError):
        services.create_need(
            actor=None, agency=agency, neighbourhood=foreign, category=category, title="X"
        )

    assert Need.objects.count() == 0


def test_update_need_logs_only_the_changed_fields(need, manager, neighbourhoods):
    services.update_need(
        need, actor=manager, title="Kita fehlt", supporters=30, neighbourhood=neighbourhoods[1]
    )

    need.refresh_from_db()
    assert (need.supporters, need.neighbourhood) == (30, neighbourhoods[1])
    entry = ActivityLogEntry.objects.for_object(need).get()
    assert entry.data == {"supporters": 30, "neighbourhood": "Helmholtzplatz"}


def test_update_need_without_changes_writes_nothing(need, manager):
    services.update_need(need, actor=manager, title=need.title)

    assert verbs_of(need) == []


@freeze_time("2004-06-15 10:00")
def test_change_status_to_met_closes_the_need_today(need, manager):
    services.change_status(need, actor=manager, status="met")

    need.refresh_from_db()
    assert (need.status, need.closed_on) == ("met", dt.date(2004, 6, 15))
    entry = ActivityLogEntry.objects.for_object(need).get()
    assert (entry.verb, entry.data["from"], entry.data["to"]) == (
        "needs.status_changed",
        "reported",
        "met",
    )


def test_reopening_a_need_clears_the_closing_date(need, manager):
    services.change_status(need, actor=manager, status="rejected", reason="Gibt es schon")

    services.change_status(need, actor=manager, status="confirmed")

    need.refresh_from_db()
    assert (need.status, need.closed_on, need.status_reason) == ("confirmed", None, "")


def test_rejecting_without_a_reason_is_refused_and_changes_nothing(need, manager):
    with pytest.raises(ValidationError) as raised:
        services.change_status(need, actor=manager, status="rejected", reason="  ")

    need.refresh_from_db()
    assert (need.status, need.closed_on) == ("reported", None)
    assert list(raised.value.message_dict) == ["reason"]
    assert verbs_of(need) == []


def test_rejecting_keeps_the_reason(need, manager):
    services.change_status(need, actor=manager, status="rejected", reason="Angebot existiert")

    need.refresh_from_db()
    assert (need.status, need.status_reason) == ("rejected", "Angebot existiert")
    assert need.closed_on is not None


def test_unknown_status_is_refused(need, manager):
    with pytest.raises(ValidationError):
        services.change_status(need, actor=manager, status="vergessen")

    need.refresh_from_db()
    assert need.status == "reported"


@pytest.fixture
def duplicate(agency, neighbourhoods, category):
    return NeedFactory(
        agency=agency,
        neighbourhood=neighbourhoods[0],
        category=category,
        title="Keine Kita-Plätze",
        supporters=7,
    )


def test_merge_moves_supporters_and_links_to_the_target(need, duplicate, manager):
    need.supporters = 5
    need.save()
    forum = raise_at_forum(duplicate)
    initiative = address_by_initiative(duplicate)
    consultation = raise_in_consultation(duplicate)

    services.merge_needs(duplicate, into=need, actor=manager)

    need.refresh_from_db()
    duplicate.refresh_from_db()
    assert need.supporters == 12
    assert (duplicate.merged_into, duplicate.is_archived) == (need, True)
    assert list(need.forums.all()) == [forum]
    assert list(need.initiatives.all()) == [initiative]
    assert list(need.consultations.all()) == [consultation]
    assert list(duplicate.forums.all()) == []


def test_merge_leaves_links_the_target_already_has_with_the_source(need, duplicate, manager):
    initiative = address_by_initiative(need)
    address_by_initiative(duplicate, initiative=initiative)
    forum = raise_at_forum(duplicate)

    services.merge_needs(duplicate, into=need, actor=manager)

    assert list(InitiativeNeed.objects.filter(need=need).values_list("initiative", flat=True)) == [
        initiative.pk
    ]
    assert InitiativeNeed.objects.filter(need=duplicate).count() == 1
    assert list(ForumNeed.objects.filter(need=need).values_list("forum", flat=True)) == [forum.pk]
    assert ConsultationNeed.objects.count() == 0


def test_merge_logs_on_both_needs_and_keeps_both_histories(need, duplicate, manager):
    services.change_status(duplicate, actor=manager, status="confirmed")

    services.merge_needs(duplicate, into=need, actor=manager)

    assert verbs_of(duplicate) == ["needs.status_changed", "needs.need_merged"]
    assert verbs_of(need) == ["needs.need_merged"]
    entry = ActivityLogEntry.objects.for_object(need).get()
    assert (entry.data["source"], entry.data["source_title"]) == (duplicate.pk, "Keine Kita-Plätze")
    assert list(need.merged_needs.all()) == [duplicate]


def test_merge_across_neighbourhoods_is_refused(need, agency, neighbourhoods, manager):
    elsewhere = NeedFactory(agency=agency, neighbourhood=neighbourhoods[1])

    with pytest.raises(ValidationError):
        services.merge_needs(elsewhere, into=need, actor=manager)

    elsewhere.refresh_from_db()
    assert elsewhere.merged_into is None


def test_merge_into_itself_is_refused(need, manager):
    with pytest.raises(ValidationError):
        services.merge_needs(need, into=need, actor=manager)

    need.refresh_from_db()
    assert (need.merged_into, need.archived_at) == (None, None)


def test_merge_into_a_merged_need_is_refused(need, duplicate, agency, neighbourhoods, manager):
    third = NeedFactory(agency=agency, neighbourhood=neighbourhoods[0])
    services.merge_needs(duplicate, into=need, actor=manager)

    with pytest.raises(ValidationError):
        services.merge_needs(third, into=duplicate, actor=manager)

    third.refresh_from_db()
    assert third.merged_into is None


def test_merge_candidates_are_active_needs_of_the_same_neighbourhood(
    need, duplicate, agency, neighbourhoods, manager
):
    NeedFactory(agency=agency, neighbourhood=neighbourhoods[1])
    merged = NeedFactory(agency=agency, neighbourhood=neighbourhoods[0])
    services.merge_needs(merged, into=duplicate, actor=manager)

    assert list(services.merge_candidates(need)) == [duplicate]


def test_link_relations_find_the_link_tables_of_higher_apps():
    labels = {relation.related_model._meta.label for relation in services.link_relations()}

    assert labels >= {
        "initiatives.InitiativeNeed",
        "initiatives.ConsultationNeed",
        "forums.ForumNeed",
    }


def test_merging_a_need_that_holds_merged_needs_hands_them_on(need, duplicate, agency, manager):
    earlier = NeedFactory(agency=agency, neighbourhood=duplicate.neighbourhood, title="Kita?")
    services.merge_needs(earlier, into=duplicate, actor=manager)

    services.merge_needs(duplicate, into=need, actor=manager)

    assert set(need.merged_needs.all()) == {earlier, duplicate}
