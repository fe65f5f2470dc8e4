from kiezwerk.core.activity import log_action, verb_label
from kiezwerk.core.models import ActivityLogEntry
from tests.factories import NeighbourhoodFactory


def test_log_action_records_actor_verb_target_and_agency(manager, agency):
    neighbourhood = NeighbourhoodFactory(agency=agency, name="Falkplatz")

    entry = log_action(manager, "changed", neighbourhood, {"fields": {"name": "Falkplatz"}})

    assert (entry.actor, entry.verb, entry.agency_id) == (manager, "changed", agency.pk)
    assert entry.target == neighbourhood
    assert entry.object_repr == "Falkplatz"
    assert entry.data == {"fields": {"name": "Falkplatz"}}


def test_log_action_on_agency_itself_carries_its_key(agency):
    entry = log_action(None, "created", agency)

    assert entry.agency_id == agency.pk
    assert entry.actor is None


def test_entries_for_object_are_newest_first(manager, agency):
    first = log_action(manager, "created", agency)
    second = log_action(manager, "changed", agency)

    entries = list(ActivityLogEntry.objects.for_object(agency).newest())

    assert entries == [second, first]


def test_timeline_for_object_excludes_other_objects(manager, agency, other_agency):
    log_action(manager, "created", other_agency)

    assert ActivityLogEntry.objects.for_object(agency).count() == 0


def test_verb_label_is_translated(settings):
    from django.utils import translation

    with translation.override("de"):
        assert verb_label("archived") == "archiviert"
    assert verb_label("unknown.verb") == "unknown.verb"
