import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.forums import services
from kiezwerk.forums.models import Attendee, Forum, ForumInitiative, ForumNeed, ForumPartnership
from tests.factories import (
    ForumFactory,
    InitiativeFactory,
    NeedCategoryFactory,
    NeedFactory,
    NeighbourhoodFactory,
    PartnerFactory,
    PartnershipFactory,
)


def _log(forum) -> list[tuple[str, dict]]:
    return [(e.verb, e.data) for e in ActivityLogEntry.objects.for_object(forum).order_by("pk")]


def test_create_forum_counts_the_year_in_berlin_and_logs(agency, neighbourhoods, manager):
    new_years_eve = dt.datetime(2004, 12, 31, 23, 30, tzinfo=dt.UTC)  # 00:30 in Berlin

    forum = services.create_forum(
        agency,
        actor=manager,
        neighbourhood=neighbourhoods[0],
        kind="workshop",
        title="Neujahrswerkstatt",
        starts_at=new_years_eve,
    )

    assert forum.year == 2005
    assert _log(forum) == [
        (
            "forums.created",
            {
                "title": "Neujahrswerkstatt",
                "neighbourhood": "Boxhagener Platz",
                "starts_at": "2005-01-01T00:30:00+01:00",
            },
        )
    ]


def test_create_forum_refuses_a_neighbourhood_of_another_agency(agency, other_agency, manager):
    elsewhere = NeighbourhoodFactory(agency=other_agency)

    with pytest.raises(ValidationError) as refused:
        services.create_forum(
            agency,
            actor=manager,
            neighbourhood=elsewhere,
            kind="forum",
            title="Falsch",
            starts_at=dt.datetime(2004, 3, 1, 17, tzinfo=dt.UTC),
        )

    assert "neighbourhood" in refused.value.message_dict
    assert Forum.objects.count() == 0


def test_create_forum_refuses_an_end_before_the_start(agency, neighbourhoods, manager):
    start = dt.datetime(2004, 3, 1, 17, tzinfo=dt.UTC)

    with pytest.raises(ValidationError) as refused:
        services.create_forum(
            agency,
            actor=manager,
            neighbourhood=neighbourhoods[0],
            kind="forum",
            title="Rückwärts",
            starts_at=start,
            ends_at=start - dt.timedelta(hours=1),
        )

    assert "ends_at" in refused.value.message_dict
    assert Forum.objects.count() == 0


def test_update_forum_logs_only_what_changed(forum, manager):
    services.update_forum(
        forum, actor=manager, title=forum.title, minutes="Viele Ideen", residents_count=40
    )
    services.update_forum(forum, actor=manager, title=forum.title, residents_count=40)

    forum.refresh_from_db()
    assert (forum.minutes, forum.residents_count) == ("Viele Ideen", 40)
    assert _log(forum) == [
        ("forums.changed", {"fields": {"minutes": "Viele Ideen", "residents_count": 40}})
    ]


def test_update_forum_moves_the_year_with_the_start(forum, manager):
    services.update_forum(
        forum,
        actor=manager,
        starts_at=dt.datetime(2003, 5, 5, 16, tzinfo=dt.UTC),
        ends_at=None,
    )

    forum.refresh_from_db()
    assert forum.year == 2003


def test_named_person_without_consent_is_refused_and_nothing_saved(forum, advisor):
    with pytest.raises(ValidationError) as refused:
        services.add_attendee(
            forum, actor=advisor, group="residents", name="Erika Muster", consent_given=False
        )

    assert list(refused.value.message_dict) == ["consent_given"]
    assert Attendee.objects.count() == 0
    assert _log(forum) == []


def test_named_person_with_consent_is_recorded(forum, advisor):
    attendee = services.add_attendee(
        forum,
        actor=advisor,
        group="residents",
        name="Erika Muster",
        email="erika@example.org",
        consent_given=True,
    )

    assert (attendee.name, attendee.consent_given, attendee.recorded_by) == (
        "Erika Muster",
        True,
        advisor,
    )
    assert attendee.agency_id == forum.agency_id
    assert _log(forum)[0][0] == "forums.attendee_added"


def test_organisation_attendee_gets_its_group_from_the_organisation(forum, agency, advisor):
    office = PartnerFactory(agency=agency, name="Bezirksamt", kind="public")
    union = PartnerFactory(agency=agency, name="ver.di", kind="union")
    initiative = InitiativeFactory(agency=agency)

    groups = [
        services.add_attendee(forum, actor=advisor, partner=office).group,
        services.add_attendee(forum, actor=advisor, partner=union).group,
        services.add_attendee(forum, actor=advisor, initiative=initiative).group,
    ]

    assert groups == ["public", "partners", "initiatives"]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({}, "name"),
        ({"email": "ohne-name@example.org", "consent_given": True}, "name"),
        ({"name": "Erika Muster", "consent_given": True}, "group"),
    ],
)
def test_attendee_needs_someone_and_a_group(forum, advisor, fields, field):
    with pytest.raises(ValidationError) as refused:
        services.add_attendee(forum, actor=advisor, **fields)

    assert field in refused.value.message_dict
    assert Attendee.objects.count() == 0


def test_attendee_is_either_a_partner_or_an_initiative(forum, agency, advisor):
    with pytest.raises(ValidationError) as refused:
        services.add_attendee(
            forum,
            actor=advisor,
            partner=PartnerFactory(agency=agency),
            initiative=InitiativeFactory(agency=agency),
        )

    assert "initiative" in refused.value.message_dict


def test_attendee_of_another_agency_is_refused(forum, other_agency, advisor):
    with pytest.raises(ValidationError) as refused:
        services.add_attendee(forum, actor=advisor, partner=PartnerFactory(agency=other_agency))

    assert "partner" in refused.value.message_dict


def test_need_raised_at_a_forum_belongs_to_its_neighbourhood_and_date(agency, neighbourhoods):
    from tests.factories import member

    advisor = member(agency, "advisor", neighbourhoods=neighbourhoods[:1])
    late = ForumFactory(
        agency=agency,
        neighbourhood=neighbourhoods[0],
        starts_at=dt.datetime(2004, 6, 30, 22, 30, tzinfo=dt.UTC),  # 1 July in Berlin
    )

    need = services.raise_need_at_forum(
        late,
        actor=advisor,
        category=NeedCategoryFactory(name="Kinderbetreuung"),
        title="Kita-Plätze fehlen",
        description="Lange Wartelisten",
        affected="Alleinerziehende",
        supporters=12,
    )

    assert (need.agency, need.neighbourhood, need.source, need.raised_on, need.supporters) == (
        agency,
        neighbourhoods[0],
        "forum",
        dt.date(2004, 7, 1),
        12,
    )
    link = ForumNeed.objects.get(forum=late)
    assert (link.need, link.agency) == (need, agency)
    assert ("forums.need_raised", {"need": "Kita-Plätze fehlen", "need_id": need.pk}) in _log(late)


def test_set_outcomes_replaces_the_selection_and_logs_the_difference(
    forum, agency, neighbourhoods, manager
):
    hood = neighbourhoods[0]
    first, second = (
        NeedFactory(agency=agency, neighbourhood=hood, title="Erster"),
        NeedFactory(agency=agency, neighbourhood=hood, title="Zweiter"),
    )
    initiative = InitiativeFactory(agency=agency, neighbourhood=hood, name="Kiezladen")
    partnership = PartnershipFactory(agency=agency, neighbourhood=hood, title="Ladenpakt")
    services.set_outcomes(
        forum, actor=manager, needs=[first], initiatives=[initiative], partnerships=[partnership]
    )

    changes = services.set_outcomes(
        forum, actor=manager, needs=[second], initiatives=[initiative], partnerships=[]
    )

    assert list(forum.needs_raised.all()) == [second]
    assert list(forum.initiatives_sparked.all()) == [initiative]
    assert list(forum.partnerships_agreed.all()) == []
    assert changes == {
        "needs": {"added": ["Zweiter"], "removed": ["Erster"]},
        "partnerships": {"removed": ["Ladenpakt"]},
    }
    assert [verb for verb, _data in _log(forum)] == ["forums.outcomes_changed"] * 2
    assert set(ForumNeed.objects.values_list("agency_id", flat=True)) == {agency.pk}
    assert set(ForumInitiative.objects.values_list("agency_id", flat=True)) == {agency.pk}


def test_set_outcomes_without_a_change_writes_no_log(forum, manager):
    assert services.set_outcomes(forum, actor=manager) == {}
    assert _log(forum) == []


def test_set_outcomes_refuses_records_of_another_agency(forum, other_agency, manager):
    foreign = PartnershipFactory(agency=other_agency)

    with pytest.raises(ValidationError):
        services.set_outcomes(forum, actor=manager, partnerships=[foreign])

    assert ForumPartnership.objects.count() == 0
