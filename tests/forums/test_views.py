import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone

from kiezwerk.forums import services
from kiezwerk.forums.models import Attendee, Forum, ForumNeed
from kiezwerk.needs.models import Need
from tests.conftest import client_for, count_queries
from tests.factories import (
    AttendeeFactory,
    ForumFactory,
    InitiativeFactory,
    NeedCategoryFactory,
    NeedFactory,
    PartnerFactory,
    PartnershipFactory,
    member,
)
from tests.forums.conftest import in_days

LIST = reverse("forums:list", kwargs={"slug": "kiez"})
CREATE = reverse("forums:create", kwargs={"slug": "kiez"})


def _url(name: str, forum) -> str:
    return reverse(f"forums:{name}", kwargs={"slug": "kiez", "pk": forum.pk})


def _titles(response) -> list[str]:
    return re.findall(
        r'<a href="/backoffice/kiez/forums/\d+/">([^<]+)</a>', response.content.decode()
    )


def _create_data(neighbourhood, **extra) -> dict:
    return {
        "kind": "forum",
        "title": "Kiezforum im Sommer",
        "neighbourhood": neighbourhood.pk,
        "starts_at": "2025-07-01T18:00",
        "ends_at": "2025-07-01T20:30",
        "place": "Nachbarschaftshaus",
        "agenda": "Was fehlt im Kiez?",
        "is_public": "on",
        **extra,
    }


# --- list ---------------------------------------------------------------------------------


def test_list_shows_upcoming_soonest_first_then_past_latest_first(advisor, agency, neighbourhoods):
    hood = neighbourhoods[1]  # advisors read the forums of every neighbourhood
    for title, days in [("Bald", 3), ("Später", 30), ("Gestern", -1), ("Voriges Jahr", -300)]:
        ForumFactory(agency=agency, neighbourhood=hood, title=title, starts_at=in_days(days))

    response = client_for(advisor).get(LIST)

    body = response.content.decode()
    assert _titles(response) == ["Bald", "Später", "Gestern", "Voriges Jahr"]
    assert body.index('id="upcoming-title"') < body.index("Bald") < body.index('id="past-title"')
    assert body.index('id="past-title"') < body.index("Gestern")


def test_list_filters_by_when_neighbourhood_kind_and_year(manager, agency, neighbourhoods):
    first, second = neighbourhoods
    ForumFactory(agency=agency, neighbourhood=first, title="Kommend", starts_at=in_days(5))
    ForumFactory(
        agency=agency,
        neighbourhood=first,
        title="Werkstatt 2004",
        kind="workshop",
        starts_at=dt.datetime(2004, 5, 1, 16, tzinfo=dt.UTC),
    )
    ForumFactory(
        agency=agency,
        neighbourhood=second,
        title="Forum 2004",
        starts_at=dt.datetime(2004, 6, 1, 16, tzinfo=dt.UTC),
    )
    ForumFactory(
        agency=agency,
        neighbourhood=first,
        title="Forum 2003",
        starts_at=dt.datetime(2003, 6, 1, 16, tzinfo=dt.UTC),
    )
    client = client_for(manager)

    assert _titles(client.get(LIST, {"when": "upcoming"})) == ["Kommend"]
    assert _titles(client.get(LIST, {"year": 2004})) == ["Forum 2004", "Werkstatt 2004"]
    assert _titles(client.get(LIST, {"year": 2004, "neighbourhood": first.pk})) == [
        "Werkstatt 2004"
    ]
    assert _titles(client.get(LIST, {"kind": "workshop"})) == ["Werkstatt 2004"]
    assert _titles(client.get(LIST, {"when": "past", "neighbourhood": first.pk})) == [
        "Werkstatt 2004",
        "Forum 2003",
    ]


def test_list_leaves_out_archived_forums_and_other_agencies(
    manager, agency, other_agency, neighbourhoods
):
    ForumFactory(agency=agency, neighbourhood=neighbourhoods[0], title="Sichtbar")
    ForumFactory(
        agency=agency, neighbourhood=neighbourhoods[0], title="Alt", archived_at=timezone.now()
    )
    ForumFactory(agency=other_agency, title="Fremd")

    assert _titles(client_for(manager).get(LIST)) == ["Sichtbar"]


def test_list_shows_berlin_time_and_attendance_total(manager, agency, neighbourhoods):
    ForumFactory(
        agency=agency,
        neighbourhood=neighbourhoods[0],
        starts_at=dt.datetime(2004, 7, 1, 16, 0, tzinfo=dt.UTC),
        residents_count=20,
        initiatives_count=3,
        partners_count=4,
        public_bodies_count=2,
    )

    body = client_for(manager).get(LIST).content.decode()

    assert "01.07.2004 18:00" in body
    assert "<td>29</td>" in body


def test_list_offers_the_public_feeds(manager, neighbourhoods):
    body = client_for(manager).get(LIST).content.decode()

    assert "http://testserver/calendar/kiez.ics" in body
    assert "http://testserver/calendar/kiez/helmholtzplatz.ics" in body


def test_list_needs_constant_queries(manager, agency, neighbourhoods):
    def forums(count: int) -> None:
        for number in range(count):
            ForumFactory(
                agency=agency,
                neighbourhood=neighbourhoods[number % 2],
                starts_at=in_days(number * 40 - 200),
            )

    forums(2)
    two = count_queries(lambda: client_for(manager).get(LIST, {"kind": "forum"}))
    forums(8)

    assert count_queries(lambda: client_for(manager).get(LIST, {"kind": "forum"})) == two


def test_list_paginates(manager, agency, neighbourhoods):
    for number in range(30):
        ForumFactory(agency=agency, neighbourhood=neighbourhoods[0], starts_at=in_days(-number))

    first = client_for(manager).get(LIST)
    second = client_for(manager).get(LIST, {"page": 2})

    assert (len(_titles(first)), len(_titles(second))) == (25, 5)


# --- create -------------------------------------------------------------------------------


def test_create_reads_times_in_berlin(advisor, neighbourhoods):
    response = client_for(advisor).post(CREATE, _create_data(neighbourhoods[0]))

    forum = Forum.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("detail", forum)
    assert forum.starts_at == dt.datetime(2025, 7, 1, 16, 0, tzinfo=dt.UTC)  # summer: UTC+2
    assert forum.ends_at == dt.datetime(2025, 7, 1, 18, 30, tzinfo=dt.UTC)
    assert (forum.agency.slug, forum.neighbourhood, forum.is_public) == (
        "kiez",
        neighbourhoods[0],
        True,
    )


def test_create_in_winter_is_one_hour_ahead_of_utc(manager, neighbourhoods):
    data = _create_data(neighbourhoods[1], starts_at="2025-01-15T18:00", ends_at="")

    client_for(manager).post(CREATE, data)

    assert Forum.objects.get().starts_at == dt.datetime(2025, 1, 15, 17, 0, tzinfo=dt.UTC)


def test_create_refuses_a_time_that_does_not_exist_in_berlin(manager, neighbourhoods):
    # Clocks jump from 02:00 to 03:00 on the last Sunday of March.
    data = _create_data(neighbourhoods[0], starts_at="2025-03-30T02:30", ends_at="")

    response = client_for(manager).post(CREATE, data)

    assert response.status_code == 400
    assert 'id="id_starts_at_error"' in response.content.decode()
    assert Forum.objects.count() == 0


def test_create_refuses_an_end_before_the_start(advisor, neighbourhoods):
    data = _create_data(neighbourhoods[0], ends_at="2025-07-01T17:00")

    response = client_for(advisor).post(CREATE, data)

    assert response.status_code == 400
    assert 'id="id_ends_at_error"' in response.content.decode()
    assert Forum.objects.count() == 0


def test_create_refuses_an_empty_form(advisor, neighbourhoods):
    response = client_for(advisor).post(CREATE, {})

    body = response.content.decode()
    assert response.status_code == 400
    for field in ("title", "neighbourhood", "starts_at"):
        assert f'id="id_{field}_error"' in body
    assert Forum.objects.count() == 0


def test_advisor_plans_only_in_their_own_neighbourhoods(advisor, neighbourhoods):
    response = client_for(advisor).post(CREATE, _create_data(neighbourhoods[1]))

    assert response.status_code == 400
    assert 'id="id_neighbourhood_error"' in response.content.decode()
    assert Forum.objects.count() == 0


def test_create_preselects_the_neighbourhood(manager, neighbourhoods):
    response = client_for(manager).get(CREATE, {"neighbourhood": neighbourhoods[1].pk})

    assert f'<option value="{neighbourhoods[1].pk}" selected>' in response.content.decode()


# --- detail -------------------------------------------------------------------------------


def test_detail_shows_times_in_berlin_and_attendance_by_group(evaluator, forum):
    forum.starts_at = dt.datetime(2004, 1, 20, 17, 0, tzinfo=dt.UTC)
    forum.ends_at = dt.datetime(2004, 1, 20, 19, 0, tzinfo=dt.UTC)
    forum.minutes = "Protokoll: Wunsch nach einem Mittagstisch"
    forum.save()

    body = client_for(evaluator).get(_url("detail", forum)).content.decode()

    assert "20.01.2004 18:00" in body
    assert "20:00" in body
    assert "Protokoll: Wunsch nach einem Mittagstisch" in body
    assert re.search(r"<tfoot>\s*<tr>\s*<th scope=\"row\">[^<]+</th>\s*<td>34</td>", body)


def test_detail_lists_attendees_and_outcomes_with_links(manager, agency, forum, neighbourhoods):
    partner = PartnerFactory(agency=agency, name="Stadtteilzentrum e.V.")
    AttendeeFactory(forum=forum, partner=partner)
    AttendeeFactory(
        forum=forum, partner=None, group="residents", name="Erika Muster", consent_given=True
    )
    need = NeedFactory(agency=agency, neighbourhood=neighbourhoods[0], title="Mittagstisch")
    initiative = InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[0], name="Kochbus")
    partnership = PartnershipFactory(agency=agency, neighbourhood=neighbourhoods[0], title="Pakt")
    forum.needs_raised.add(need, through_defaults={"agency": agency})
    forum.initiatives_sparked.add(initiative, through_defaults={"agency": agency})
    forum.partnerships_agreed.add(partnership, through_defaults={"agency": agency})

    body = client_for(manager).get(_url("detail", forum)).content.decode()

    assert "Stadtteilzentrum e.V." in body
    assert "Erika Muster" in body
    need_url = reverse("needs:detail", kwargs={"slug": "kiez", "pk": need.pk})
    initiative_url = reverse("initiatives:detail", kwargs={"slug": "kiez", "pk": initiative.pk})
    assert f'href="{need_url}"' in body
    assert f'href="{initiative_url}"' in body
    assert "Pakt" in body


def test_detail_links_an_initiative_only_for_those_who_may_open_it(advisor, agency, neighbourhoods):
    elsewhere = ForumFactory(agency=agency, neighbourhood=neighbourhoods[1])
    initiative = InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[1], name="Kochbus")
    elsewhere.initiatives_sparked.add(initiative, through_defaults={"agency": agency})

    response = client_for(advisor).get(_url("detail", elsewhere))

    body = response.content.decode()
    initiative_url = reverse("initiatives:detail", kwargs={"slug": "kiez", "pk": initiative.pk})
    assert response.status_code == 200
    assert "Kochbus" in body
    assert initiative_url not in body
    assert _url("edit", elsewhere) not in body


def test_detail_shows_change_links_only_to_who_may_change(manager, evaluator, forum):
    assert _url("edit", forum) in client_for(manager).get(_url("detail", forum)).content.decode()
    assert (
        _url("edit", forum) not in client_for(evaluator).get(_url("detail", forum)).content.decode()
    )


def test_detail_needs_constant_queries(manager, agency, forum, neighbourhoods):
    hood = neighbourhoods[0]

    def records(count: int) -> None:
        for _ in range(count):
            AttendeeFactory(forum=forum)
            AttendeeFactory(forum=forum, partner=None, name="Jemand", consent_given=True)
            forum.needs_raised.add(
                NeedFactory(agency=agency, neighbourhood=hood), through_defaults={"agency": agency}
            )
            forum.initiatives_sparked.add(
                InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[1]),
                through_defaults={"agency": agency},
            )
            forum.partnerships_agreed.add(
                PartnershipFactory(agency=agency, neighbourhood=hood),
                through_defaults={"agency": agency},
            )
            services.update_forum(forum, actor=manager, minutes=f"{forum.minutes}+")

    records(2)
    two = count_queries(lambda: client_for(manager).get(_url("detail", forum)))
    records(8)

    assert count_queries(lambda: client_for(manager).get(_url("detail", forum))) == two


def test_archived_forum_is_not_found(manager, forum):
    forum.archived_at = timezone.now()
    forum.save()

    assert client_for(manager).get(_url("detail", forum)).status_code == 404


# --- edit ---------------------------------------------------------------------------------


def _edit_data(forum, **extra) -> dict:
    return {
        "kind": forum.kind,
        "title": forum.title,
        "neighbourhood": forum.neighbourhood_id,
        "starts_at": timezone.localtime(forum.starts_at).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": "",
        "place": forum.place,
        "agenda": forum.agenda,
        "is_public": "on",
        "minutes": "",
        "follow_ups": "",
        "residents_count": 0,
        "initiatives_count": 0,
        "partners_count": 0,
        "public_bodies_count": 0,
        **extra,
    }


def test_edit_records_minutes_follow_ups_and_head_counts(advisor, forum):
    data = _edit_data(
        forum,
        minutes="Drei Bedarfe genannt",
        follow_ups="Frau Demir lädt zum Folgetreffen ein",
        residents_count=31,
        public_bodies_count=2,
    )

    response = client_for(advisor).post(_url("edit", forum), data)

    forum.refresh_from_db()
    assert response.status_code == 302
    assert (forum.minutes, forum.follow_ups, forum.residents_count, forum.attendance) == (
        "Drei Bedarfe genannt",
        "Frau Demir lädt zum Folgetreffen ein",
        31,
        33,
    )


def test_edit_refuses_negative_head_counts_and_changes_nothing(advisor, forum):
    data = _edit_data(forum, title="Neu", residents_count=-5)

    response = client_for(advisor).post(_url("edit", forum), data)

    forum.refresh_from_db()
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_residents_count_error"' in body
    assert (forum.title, forum.residents_count) == ("Kiezforum Boxhagener Platz", 25)
    assert "<h1>" in body and "Kiezforum Boxhagener Platz" in body


def test_advisor_of_another_neighbourhood_may_read_but_not_change(agency, neighbourhoods, forum):
    other = member(agency, "advisor", neighbourhoods=neighbourhoods[1:])
    client = client_for(other)

    assert client.get(_url("detail", forum)).status_code == 200
    for name in ("edit", "add_attendee", "raise_need", "outcomes"):
        assert client.get(_url(name, forum)).status_code == 403
    assert client.post(_url("edit", forum), _edit_data(forum, title="Neu")).status_code == 403
    forum.refresh_from_db()
    assert forum.title == "Kiezforum Boxhagener Platz"


# --- attendees ----------------------------------------------------------------------------


def test_person_without_consent_is_refused_with_a_field_error(advisor, forum):
    data = {"name": "Erika Muster", "email": "erika@example.org", "group": "residents"}

    response = client_for(advisor).post(_url("add_attendee", forum), data)

    assert response.status_code == 400
    assert 'id="id_consent_given_error"' in response.content.decode()
    assert Attendee.objects.count() == 0


def test_person_with_consent_is_registered(advisor, forum):
    data = {"name": "Erika Muster", "group": "residents", "consent_given": "on"}

    response = client_for(advisor).post(_url("add_attendee", forum), data)

    assert response.status_code == 302
    assert response["Location"] == _url("detail", forum) + "#attendees"
    attendee = Attendee.objects.get()
    assert (attendee.forum, attendee.name, attendee.consent_given) == (forum, "Erika Muster", True)


def test_partner_organisation_is_registered_without_a_name(advisor, agency, forum):
    partner = PartnerFactory(agency=agency, kind="public", name="Bezirksamt Pankow")

    response = client_for(advisor).post(_url("add_attendee", forum), {"partner": partner.pk})

    assert response.status_code == 302
    assert Attendee.objects.get().group == "public"


def test_attendee_form_without_anyone_is_refused(advisor, forum):
    response = client_for(advisor).post(_url("add_attendee", forum), {"group": "residents"})

    assert response.status_code == 400
    assert 'id="id_name_error"' in response.content.decode()
    assert Attendee.objects.count() == 0


def test_attendee_form_offers_no_partner_of_another_agency(advisor, other_agency, forum):
    foreign = PartnerFactory(agency=other_agency)

    response = client_for(advisor).post(_url("add_attendee", forum), {"partner": foreign.pk})

    assert response.status_code == 400
    assert Attendee.objects.count() == 0


# --- raising a need -----------------------------------------------------------------------


def test_need_raised_at_the_forum_is_created_and_linked(advisor, agency, forum):
    category = NeedCategoryFactory(name="Versorgung")
    data = {
        "category": category.pk,
        "title": "Kein Mittagstisch",
        "description": "Ältere essen allein",
        "affected": "Ältere Alleinlebende",
        "supporters": 14,
    }

    response = client_for(advisor).post(_url("raise_need", forum), data)

    need = Need.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("detail", forum) + "#outcomes"
    assert (need.neighbourhood, need.source, need.raised_on, need.supporters) == (
        forum.neighbourhood,
        "forum",
        timezone.localdate(forum.starts_at),
        14,
    )
    assert ForumNeed.objects.get().need == need


def test_need_without_title_is_refused_and_nothing_saved(advisor, forum):
    category = NeedCategoryFactory(name="Versorgung")

    response = client_for(advisor).post(
        _url("raise_need", forum), {"category": category.pk, "supporters": -1}
    )

    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_title_error"' in body and 'id="id_supporters_error"' in body
    assert Need.objects.count() == 0


# --- outcomes -----------------------------------------------------------------------------


def test_outcomes_replace_the_links(advisor, agency, forum, neighbourhoods):
    hood = neighbourhoods[0]
    old, new = (
        NeedFactory(agency=agency, neighbourhood=hood),
        NeedFactory(agency=agency, neighbourhood=hood),
    )
    initiative = InitiativeFactory(agency=agency, neighbourhood=hood)
    partnership = PartnershipFactory(agency=agency, neighbourhood=hood)
    forum.needs_raised.add(old, through_defaults={"agency": agency})
    data = {"needs": [new.pk], "initiatives": [initiative.pk], "partnerships": [partnership.pk]}

    response = client_for(advisor).post(_url("outcomes", forum), data)

    assert response.status_code == 302
    assert list(forum.needs_raised.all()) == [new]
    assert list(forum.initiatives_sparked.all()) == [initiative]
    assert list(forum.partnerships_agreed.all()) == [partnership]


def test_outcomes_offer_only_active_needs_of_the_neighbourhood(
    advisor, agency, forum, neighbourhoods
):
    hood = neighbourhoods[0]
    kept = NeedFactory(agency=agency, neighbourhood=hood, title="Offen")
    merged = NeedFactory(agency=agency, neighbourhood=hood, title="Dublette", merged_into=kept)
    elsewhere = NeedFactory(agency=agency, neighbourhood=neighbourhoods[1], title="Anderswo")
    client = client_for(advisor)

    body = client.get(_url("outcomes", forum)).content.decode()
    refused = client.post(_url("outcomes", forum), {"needs": [elsewhere.pk]})
    refused_merged = client.post(_url("outcomes", forum), {"needs": [merged.pk]})

    assert "Offen" in body and "Dublette" not in body and "Anderswo" not in body
    assert (refused.status_code, refused_merged.status_code) == (400, 400)
    assert forum.needs_raised.count() == 0


def test_outcomes_keep_a_link_to_a_need_merged_later(advisor, agency, forum, neighbourhoods):
    hood = neighbourhoods[0]
    kept = NeedFactory(agency=agency, neighbourhood=hood)
    linked = NeedFactory(agency=agency, neighbourhood=hood, title="Früher verlinkt")
    forum.needs_raised.add(linked, through_defaults={"agency": agency})
    Need.objects.filter(pk=linked.pk).update(merged_into=kept, archived_at=timezone.now())

    response = client_for(advisor).post(_url("outcomes", forum), {"needs": [linked.pk]})

    assert response.status_code == 302
    assert list(forum.needs_raised.all()) == [linked]
