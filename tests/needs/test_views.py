"""The needs register's pages: the register, one need with its chain, and the work on it."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.needs import services
from kiezwerk.needs.models import Need
from tests.conftest import client_for, count_queries
from tests.factories import NeedCategoryFactory, NeedFactory
from tests.needs.helpers import address_by_initiative, raise_at_forum, raise_in_consultation

REGISTER = "/backoffice/kiez/needs/"


def need_url(need, suffix: str = "") -> str:
    return f"{REGISTER}{need.pk}/{suffix}"


@pytest.fixture
def childcare(db):
    return NeedCategoryFactory(name="Kinderbetreuung")


@pytest.fixture
def supply(db):
    return NeedCategoryFactory(name="Nahversorgung")


def make_need(agency, hood, category, **fields) -> Need:
    return NeedFactory(agency=agency, neighbourhood=hood, category=category, **fields)


def english_client(user):
    """A client that chose English with the language switch: labels are the msgids."""
    client = client_for(user)
    client.cookies["django_language"] = "en"
    return client


def titles(response) -> list[str]:
    return [need.title for need in response.context["page"].object_list]


# --- the register ------------------------------------------------------------------------


@freeze_time("2005-01-10 12:00")
def test_register_lists_unaddressed_first_and_longest_open_first(
    agency, neighbourhoods, childcare, manager
):
    hood = neighbourhoods[0]
    on = dt.date
    make_need(
        agency,
        hood,
        childcare,
        title="met, short",
        status="met",
        raised_on=on(2004, 1, 1),
        closed_on=on(2004, 2, 1),
    )
    make_need(
        agency,
        hood,
        childcare,
        title="met, long",
        status="met",
        raised_on=on(2004, 3, 1),
        closed_on=on(2004, 12, 1),
    )
    make_need(
        agency, hood, childcare, title="addressed", status="addressed", raised_on=on(2002, 1, 1)
    )
    make_need(
        agency,
        hood,
        childcare,
        title="rejected",
        status="rejected",
        status_reason="x",
        raised_on=on(2001, 1, 1),
        closed_on=on(2001, 2, 1),
    )
    make_need(
        agency,
        hood,
        childcare,
        title="confirmed, new",
        status="confirmed",
        raised_on=on(2004, 12, 1),
    )
    make_need(agency, hood, childcare, title="reported, old", raised_on=on(2003, 11, 3))

    response = client_for(manager).get(REGISTER)

    assert titles(response) == [
        "reported, old",
        "confirmed, new",
        "addressed",
        "met, long",
        "met, short",
        "rejected",
    ]


@freeze_time("2005-01-10 12:00")
def test_register_shows_how_long_each_need_has_been_open(
    agency, neighbourhoods, childcare, manager
):
    make_need(agency, neighbourhoods[0], childcare, raised_on=dt.date(2003, 11, 3))
    make_need(agency, neighbourhoods[0], childcare, raised_on=dt.date(2004, 12, 31))
    make_need(
        agency,
        neighbourhoods[0],
        childcare,
        status="met",
        raised_on=dt.date(2004, 1, 5),
        closed_on=dt.date(2004, 4, 5),
    )

    response = english_client(manager).get(REGISTER)

    shown = [(need.open_for.days, need.open_for.label) for need in response.context["page"]]
    assert shown == [(434, "for 14 months"), (10, "for 10 days"), (91, "was open 3 months")]


def test_register_hides_merged_and_archived_needs(agency, neighbourhoods, childcare, manager):
    kept = make_need(agency, neighbourhoods[0], childcare, title="Kita")
    duplicate = make_need(agency, neighbourhoods[0], childcare, title="Kita doppelt")
    make_need(agency, neighbourhoods[0], childcare, title="alt", archived_at=timezone.now())
    services.merge_needs(duplicate, into=kept, actor=manager)

    response = client_for(manager).get(REGISTER)

    assert titles(response) == ["Kita"]
    assert response.context["summary"].total == 1


def test_register_filters_by_neighbourhood_category_status_and_title(
    agency, neighbourhoods, childcare, supply, manager
):
    make_need(agency, neighbourhoods[0], childcare, title="Kita am Abend")
    make_need(agency, neighbourhoods[0], supply, title="Kein Bäcker")
    make_need(agency, neighbourhoods[1], childcare, title="Kita Helmholtz")
    make_need(agency, neighbourhoods[0], childcare, title="Kita Sonntag", status="met")
    client = client_for(manager)

    by_hood = client.get(REGISTER, {"neighbourhood": neighbourhoods[1].pk})
    by_category = client.get(REGISTER, {"category": supply.pk})
    by_status = client.get(REGISTER, {"status": "met"})
    by_title = client.get(REGISTER, {"q": "kita", "neighbourhood": neighbourhoods[0].pk})

    assert titles(by_hood) == ["Kita Helmholtz"]
    assert titles(by_category) == ["Kein Bäcker"]
    assert titles(by_status) == ["Kita Sonntag"]
    assert sorted(titles(by_title)) == ["Kita Sonntag", "Kita am Abend"]


def test_register_with_an_unknown_filter_value_shows_nothing(agency, neighbourhoods, manager):
    make_need(agency, neighbourhoods[0], NeedCategoryFactory())

    response = client_for(manager).get(REGISTER, {"status": "vergessen"})

    assert (response.status_code, titles(response)) == (200, [])


def test_register_summary_counts_category_by_status_in_the_chosen_neighbourhood(
    agency, neighbourhoods, childcare, supply, manager
):
    hood, other = neighbourhoods
    make_need(agency, hood, childcare)
    make_need(agency, hood, childcare)
    make_need(agency, hood, childcare, status="met")
    make_need(agency, hood, supply, status="confirmed")
    make_need(agency, other, supply, status="confirmed")

    response = client_for(manager).get(REGISTER, {"neighbourhood": hood.pk, "status": "met"})

    summary = response.context["summary"]
    statuses = [value for value, _label in summary.statuses]
    assert statuses == ["reported", "confirmed", "addressed", "met", "rejected"]
    assert summary.rows == [
        ("Kinderbetreuung", [2, 0, 0, 1, 0], 3),
        ("Nahversorgung", [0, 1, 0, 0, 0], 1),
    ]
    assert (summary.totals, summary.total) == ([2, 1, 0, 1, 0], 4)
    assert response.context["neighbourhood"] == hood


def test_register_pages_by_fifty(agency, neighbourhoods, childcare, manager):
    for number in range(51):
        make_need(agency, neighbourhoods[0], childcare, title=f"Bedarf {number:02}")

    first = client_for(manager).get(REGISTER)
    second = client_for(manager).get(REGISTER, {"page": 2})

    assert (len(titles(first)), len(titles(second))) == (50, 1)


def test_register_shows_every_neighbourhood_to_an_advisor(agency, neighbourhoods, advisor):
    make_need(agency, neighbourhoods[1], NeedCategoryFactory(), title="Anderswo")

    response = client_for(advisor).get(REGISTER)

    assert titles(response) == ["Anderswo"]
    assert response.context["can_add"] is True


def test_register_does_not_offer_recording_to_an_evaluator(agency, evaluator):
    response = client_for(evaluator).get(REGISTER)

    assert response.context["can_add"] is False
    assert reverse("needs:create", kwargs={"slug": "kiez"}) not in response.content.decode()


def test_register_runs_the_same_queries_for_few_and_many_needs(agency, neighbourhoods, manager):
    client = client_for(manager)
    categories = [NeedCategoryFactory(name=f"Kategorie {n}") for n in range(5)]

    def fill(count):
        for number in range(count):
            make_need(
                agency,
                neighbourhoods[number % 2],
                categories[number % 5],
                status="met" if number % 3 else "reported",
            )

    fill(2)
    client.get(REGISTER)
    few = count_queries(lambda: client.get(REGISTER))
    fill(10)
    many = count_queries(lambda: client.get(REGISTER))

    assert few == many


# --- one need ----------------------------------------------------------------------------


@pytest.fixture
def need(agency, neighbourhoods, childcare):
    return make_need(agency, neighbourhoods[0], childcare, title="Kita am Abend", supporters=4)


def test_detail_follows_the_need_to_forums_consultations_and_initiatives(need, manager):
    forum = raise_at_forum(need, title="Stadtteilforum Frühjahr")
    consultation = raise_in_consultation(need, notes="Vertrauliche Notiz")
    founded = address_by_initiative(
        need, name="Kita-Kooperative", stage="consolidation", founded_on=dt.date(2004, 5, 1)
    )

    response = client_for(manager).get(need_url(need))

    assert response.status_code == 200
    assert list(response.context["forums"]) == [forum]
    assert response.context["consultations"] == [consultation]
    assert response.context["initiatives"] == [founded]
    page = response.content.decode()
    assert "Stadtteilforum Frühjahr" in page
    assert "Vertrauliche Notiz" not in page
    assert reverse("initiatives:detail", kwargs={"slug": "kiez", "pk": founded.pk}) in page
    assert "01.05.2004" in page


def test_detail_links_only_initiatives_the_user_may_open(
    agency, neighbourhoods, childcare, advisor
):
    need = make_need(agency, neighbourhoods[1], childcare)
    elsewhere = address_by_initiative(need, name="Reparaturcafé")

    response = client_for(advisor).get(need_url(need))

    assert response.context["initiatives"][0].can_open is False
    page = response.content.decode()
    assert "Reparaturcafé" in page
    assert reverse("initiatives:detail", kwargs={"slug": "kiez", "pk": elsewhere.pk}) not in page


def test_detail_links_the_neighbourhood_to_its_overview_for_those_who_may_read_it(
    agency, neighbourhoods, childcare, manager, advisor
):
    need = make_need(agency, neighbourhoods[1], childcare)
    overview = reverse(
        "backoffice:neighbourhood", kwargs={"slug": "kiez", "neighbourhood": "helmholtzplatz"}
    )

    assert overview in client_for(manager).get(need_url(need)).content.decode()
    assert overview not in client_for(advisor).get(need_url(need)).content.decode()


def test_detail_shows_merged_needs_and_their_history(
    agency, neighbourhoods, childcare, need, manager
):
    duplicate = make_need(agency, neighbourhoods[0], childcare, title="Abendkita")
    services.change_status(duplicate, actor=manager, status="confirmed")
    services.merge_needs(duplicate, into=need, actor=manager)

    response = english_client(manager).get(need_url(need))

    assert response.context["merged"] == [duplicate]
    history = [(item.label, item.merged_from) for item in response.context["history"]]
    assert history == [("needs merged", ""), ("status changed", "Abendkita")]


def test_detail_of_a_merged_need_points_to_the_target_and_offers_no_changes(
    agency, neighbourhoods, childcare, need, manager
):
    duplicate = make_need(agency, neighbourhoods[0], childcare, title="Abendkita")
    services.merge_needs(duplicate, into=need, actor=manager)

    response = client_for(manager).get(need_url(duplicate))

    assert response.context["can_change"] is False
    assert need_url(need) in response.content.decode()


def test_detail_runs_the_same_queries_for_few_and_many_links(
    agency, neighbourhoods, childcare, need, manager, advisor
):
    client = client_for(advisor)

    def link(count):
        for _ in range(count):
            raise_at_forum(need)
            address_by_initiative(need)
            raise_in_consultation(need)
            other = make_need(agency, neighbourhoods[0], childcare)
            services.merge_needs(other, into=need, actor=manager)

    link(1)
    client.get(need_url(need))
    few = count_queries(lambda: client.get(need_url(need)))
    link(6)
    many = count_queries(lambda: client.get(need_url(need)))

    assert few == many


# --- recording and editing ---------------------------------------------------------------


def form_data(hood, category, **overrides) -> dict:
    return {
        "neighbourhood": hood.pk,
        "category": category.pk,
        "title": "Mittagstisch für Ältere",
        "description": "",
        "affected": "Ältere Alleinlebende",
        "source": "forum",
        "raised_on": "2004-03-10",
        "evidence": "Viele Wortmeldungen",
        "supporters": "23",
        "is_public": "on",
        **overrides,
    }


def test_create_records_the_need_and_shows_it(neighbourhoods, childcare, advisor):
    response = client_for(advisor).post(f"{REGISTER}new/", form_data(neighbourhoods[0], childcare))

    need = Need.objects.get()
    assert response.status_code == 302
    assert response["Location"] == need_url(need)
    assert (need.title, need.supporters, need.is_public, need.raised_on) == (
        "Mittagstisch für Ältere",
        23,
        True,
        dt.date(2004, 3, 10),
    )
    assert ActivityLogEntry.objects.for_object(need).get().actor == advisor


def test_create_offers_an_advisor_only_their_neighbourhoods(neighbourhoods, advisor):
    response = client_for(advisor).get(f"{REGISTER}new/")

    assert list(response.context["form"].fields["neighbourhood"].queryset) == neighbourhoods[:1]


def test_create_refuses_another_neighbourhood_for_an_advisor(neighbourhoods, childcare, advisor):
    response = client_for(advisor).post(f"{REGISTER}new/", form_data(neighbourhoods[1], childcare))

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["neighbourhood"]
    assert Need.objects.count() == 0


def test_create_preselects_the_neighbourhood_from_the_address(neighbourhoods, manager):
    response = client_for(manager).get(f"{REGISTER}new/", {"neighbourhood": neighbourhoods[1].pk})

    assert response.context["form"]["neighbourhood"].value() == neighbourhoods[1].pk


@pytest.mark.parametrize(
    ("field", "value"),
    [("title", ""), ("raised_on", "2999-01-01"), ("supporters", "-3"), ("source", "gerücht")],
)
def test_create_with_bad_input_answers_400_and_records_nothing(
    neighbourhoods, childcare, manager, field, value
):
    data = form_data(neighbourhoods[0], childcare, **{field: value})

    response = client_for(manager).post(f"{REGISTER}new/", data)

    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    assert Need.objects.count() == 0


def test_edit_saves_and_logs_the_changes(need, childcare, advisor, neighbourhoods):
    data = form_data(neighbourhoods[0], childcare, title="Kita bis 20 Uhr", supporters="9")

    response = client_for(advisor).post(need_url(need, "edit/"), data)

    need.refresh_from_db()
    assert response.status_code == 302
    assert (need.title, need.supporters) == ("Kita bis 20 Uhr", 9)
    entry = ActivityLogEntry.objects.for_object(need).get()
    assert entry.verb == "needs.need_changed"
    assert entry.data["title"] == "Kita bis 20 Uhr"


def test_edit_with_bad_input_answers_400_and_changes_nothing(
    need, childcare, manager, neighbourhoods
):
    data = form_data(neighbourhoods[0], childcare, title="", supporters="9")

    response = client_for(manager).post(need_url(need, "edit/"), data)

    need.refresh_from_db()
    assert response.status_code == 400
    assert (need.title, need.supporters) == ("Kita am Abend", 4)
    assert not ActivityLogEntry.objects.for_object(need).exists()


def test_advisor_may_read_but_not_change_a_need_of_another_neighbourhood(
    agency, neighbourhoods, childcare, advisor
):
    elsewhere = make_need(agency, neighbourhoods[1], childcare)
    client = client_for(advisor)

    assert client.get(need_url(elsewhere)).status_code == 200
    assert client.get(need_url(elsewhere, "edit/")).status_code == 403
    assert client.post(need_url(elsewhere, "status/"), {"status": "met"}).status_code == 403
    assert client.get(need_url(elsewhere, "merge/")).status_code == 403


def test_merged_need_can_no_longer_be_edited(agency, neighbourhoods, childcare, need, manager):
    duplicate = make_need(agency, neighbourhoods[0], childcare)
    services.merge_needs(duplicate, into=need, actor=manager)

    assert client_for(manager).get(need_url(duplicate, "edit/")).status_code == 404


# --- status ------------------------------------------------------------------------------


def test_status_change_moves_the_need_on(need, advisor):
    response = client_for(advisor).post(need_url(need, "status/"), {"status": "addressed"})

    need.refresh_from_db()
    assert (response.status_code, response["Location"]) == (302, need_url(need))
    assert need.status == "addressed"


def test_rejecting_without_a_reason_answers_400_and_changes_nothing(need, manager):
    response = client_for(manager).post(
        need_url(need, "status/"), {"status": "rejected", "reason": " "}
    )

    need.refresh_from_db()
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["reason"]
    assert need.status == "reported"


def test_unknown_status_answers_400_and_changes_nothing(need, manager):
    response = client_for(manager).post(need_url(need, "status/"), {"status": "vergessen"})

    need.refresh_from_db()
    assert response.status_code == 400
    assert need.status == "reported"


def test_rejecting_with_a_reason_closes_the_need(need, manager):
    client_for(manager).post(
        need_url(need, "status/"), {"status": "rejected", "reason": "Gibt es schon"}
    )

    need.refresh_from_db()
    assert (need.status, need.status_reason, need.closed_on) == (
        "rejected",
        "Gibt es schon",
        timezone.localdate(),
    )


# --- merging -----------------------------------------------------------------------------


@pytest.fixture
def duplicate(agency, neighbourhoods, childcare):
    return make_need(agency, neighbourhoods[0], childcare, title="Abendkita", supporters=6)


def test_merge_page_offers_needs_of_the_same_neighbourhood_only(
    agency, neighbourhoods, childcare, need, duplicate, manager
):
    make_need(agency, neighbourhoods[1], childcare, title="Anderswo")

    response = client_for(manager).get(need_url(duplicate, "merge/"))

    assert list(response.context["form"].fields["into"].queryset) == [need]
    assert response.context["preview"] is None


def test_merge_preview_shows_what_would_move(need, duplicate, manager):
    initiative = address_by_initiative(duplicate, name="Kita-Kooperative")
    forum = raise_at_forum(duplicate)
    raise_in_consultation(duplicate)
    address_by_initiative(need)

    response = client_for(manager).get(need_url(duplicate, "merge/"), {"into": need.pk})

    preview = response.context["preview"]
    assert response.status_code == 200
    assert (preview.supporters, preview.supporters_after) == (6, 10)
    assert (preview.initiatives, preview.forums, preview.consultations) == (
        [initiative],
        [forum],
        1,
    )
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None


def test_merge_post_merges_and_opens_the_target(need, duplicate, advisor):
    initiative = address_by_initiative(duplicate)

    response = client_for(advisor).post(need_url(duplicate, "merge/"), {"into": need.pk})

    duplicate.refresh_from_db()
    need.refresh_from_db()
    assert (response.status_code, response["Location"]) == (302, need_url(need))
    assert (duplicate.merged_into, need.supporters) == (need, 10)
    assert list(need.initiatives.all()) == [initiative]


def test_merge_into_a_need_of_another_neighbourhood_answers_400_and_changes_nothing(
    agency, neighbourhoods, childcare, duplicate, manager
):
    elsewhere = make_need(agency, neighbourhoods[1], childcare)

    response = client_for(manager).post(need_url(duplicate, "merge/"), {"into": elsewhere.pk})

    duplicate.refresh_from_db()
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["into"]
    assert duplicate.merged_into is None


def test_merge_into_itself_answers_400(duplicate, manager):
    response = client_for(manager).post(need_url(duplicate, "merge/"), {"into": duplicate.pk})

    duplicate.refresh_from_db()
    assert response.status_code == 400
    assert duplicate.archived_at is None
