"""Services of the public needs board: residents' reports enter the register for moderation,
supports count once per address and day, publishing puts a report on the board."""

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time

from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.needs import queries, services
from kiezwerk.needs.models import Need, NeedSupport
from tests.factories import NeedCategoryFactory, NeedFactory


@pytest.fixture
def public_need(agency, neighbourhoods):
    return NeedFactory(agency=agency, neighbourhood=neighbourhoods[0], is_public=True)


def test_report_need_enters_register_as_reported_not_public(agency, neighbourhoods):
    need = services.report_need(
        agency=agency,
        neighbourhood=neighbourhoods[0],
        category=NeedCategoryFactory(name="Treffpunkte"),
        title="Kein Treffpunkt für Jugendliche",
    )

    assert (need.status, need.is_public, need.source, need.from_portal) == (
        "reported",
        False,
        "resident",
        True,
    )
    assert list(queries.awaiting_moderation(Need.objects.all())) == [need]
    assert list(queries.on_board(agency.pk)) == []


def test_support_counts_once_per_address_and_day(public_need):
    with freeze_time("2026-03-02 10:00"):
        first = services.support_need(public_need, address_hash="a" * 64)
        again = services.support_need(public_need, address_hash="a" * 64)
        other = services.support_need(public_need, address_hash="b" * 64)
    with freeze_time("2026-03-03 10:00"):
        next_day = services.support_need(public_need, address_hash="a" * 64)

    public_need.refresh_from_db()
    assert (first, again, other, next_day) == (True, False, True, True)
    assert public_need.supporters == 3
    assert NeedSupport.objects.count() == 3


def test_support_adds_to_a_stale_count(public_need):
    """The count is an UPDATE with F(): a support sent meanwhile is not overwritten."""
    Need.objects.filter(pk=public_need.pk).update(supporters=10)

    services.support_need(public_need, address_hash="c" * 64)

    public_need.refresh_from_db()
    assert public_need.supporters == 11


def test_support_is_logged_without_personal_data(public_need):
    services.support_need(public_need, address_hash="d" * 64)

    entry = ActivityLogEntry.objects.get(verb="needs.need_supported")
    assert entry.data == {"supporters": 1, "via": "portal"}


def test_support_of_a_need_not_on_the_board_is_refused(agency, neighbourhoods):
    hidden = NeedFactory(agency=agency, neighbourhood=neighbourhoods[0], is_public=False)

    with pytest.raises(ValidationError):
        services.support_need(hidden, address_hash="e" * 64)

    hidden.refresh_from_db()
    assert hidden.supporters == 0


def test_publish_report_confirms_and_shows_it(agency, neighbourhoods, manager):
    need = services.report_need(
        agency=agency,
        neighbourhood=neighbourhoods[0],
        category=NeedCategoryFactory(),
        title="Reparaturwerkstatt fehlt",
    )

    services.publish_report(need, actor=manager)

    assert (need.status, need.is_public) == ("confirmed", True)
    assert list(queries.on_board(agency.pk)) == [need]
    assert list(queries.awaiting_moderation(Need.objects.all())) == []


def test_rejected_and_merged_needs_leave_the_board(agency, neighbourhoods, manager, public_need):
    other = NeedFactory(agency=agency, neighbourhood=neighbourhoods[0], is_public=True)
    services.change_status(public_need, actor=manager, status="rejected", reason="Doppelt")
    merged = NeedFactory(agency=agency, neighbourhood=neighbourhoods[0], is_public=True)
    services.merge_needs(merged, into=other, actor=manager)

    assert list(queries.on_board(agency.pk)) == [other]
