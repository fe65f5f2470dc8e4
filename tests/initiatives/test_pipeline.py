import datetime as dt

from django.urls import reverse
from django.utils import timezone

from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.initiatives.models import ContactPerson, Initiative, StageChange
from kiezwerk.initiatives.queries import BOARD_CARDS_PER_STAGE
from kiezwerk.initiatives.views.pipeline import PAGE_SIZE
from tests.conftest import client_for, count_queries
from tests.factories import (
    ContactPersonFactory,
    InitiativeFactory,
    NeedFactory,
    NeighbourhoodFactory,
)

BOARD = reverse("initiatives:board", kwargs={"slug": "kiez"})
LIST = reverse("initiatives:list", kwargs={"slug": "kiez"})
CREATE = reverse("initiatives:create", kwargs={"slug": "kiez"})


def _open(client, neighbourhood, **extra):
    data = {
        "name": "Fahrradwerkstatt Falkplatz",
        "neighbourhood": neighbourhood.pk,
        "idea": "Reparaturen gegen Spende, Kurse für Jugendliche",
        "contact_name": "Jana Köhler",
        "contact_phone": "030 123456",
        "consent": "on",
        **extra,
    }
    return client.post(CREATE, data)


def test_advisor_opens_an_initiative_from_a_call(advisor, neighbourhoods):
    need = NeedFactory(agency=neighbourhoods[0].agency, neighbourhood=neighbourhoods[0])

    response = _open(client_for(advisor), neighbourhoods[0], needs=[need.pk], advisor=advisor.pk)

    initiative = Initiative.objects.get(name="Fahrradwerkstatt Falkplatz")
    assert response["Location"] == reverse(
        "initiatives:detail", kwargs={"slug": "kiez", "pk": initiative.pk}
    )
    assert (initiative.stage, initiative.advisor) == ("inquiry", advisor)
    contact = ContactPerson.objects.get(initiative=initiative)
    assert (contact.name, contact.consent_recorded_by) == ("Jana Köhler", advisor)
    assert list(initiative.needs.all()) == [need]
    assert StageChange.objects.get(initiative=initiative).to_stage == "inquiry"
    assert ActivityLogEntry.objects.for_object(initiative).get().verb == "initiatives.opened"


def test_contact_without_consent_is_refused_and_nothing_stored(advisor, neighbourhoods):
    response = _open(client_for(advisor), neighbourhoods[0], consent="")

    assert response.status_code == 400
    assert "nur mit Einwilligung" in response.content.decode()
    assert not Initiative.objects.exists()


def test_advisor_cannot_open_in_a_neighbourhood_outside_the_team(advisor, neighbourhoods):
    response = _open(client_for(advisor), neighbourhoods[1])

    assert response.status_code == 400
    assert not Initiative.objects.exists()


def test_another_agencys_neighbourhood_is_refused(manager, other_agency):
    foreign = NeighbourhoodFactory(agency=other_agency)

    response = _open(client_for(manager), foreign)

    assert response.status_code == 400
    assert not Initiative.objects.exists()


def test_board_shows_each_stage_with_its_count(manager, agency, neighbourhoods):
    InitiativeFactory(
        agency=agency, neighbourhood=neighbourhoods[0], name="Kiezladen", stage="concept"
    )
    InitiativeFactory(
        agency=agency, neighbourhood=neighbourhoods[1], name="Mittagstisch", stage="founding"
    )

    response = client_for(manager).get(BOARD)

    columns = {column.stage: column for column in response.context["columns"]}
    assert [i.name for i in columns["concept"].cards] == ["Kiezladen"]
    assert columns["founding"].total == 1
    assert columns["inquiry"].total == 0


def test_board_shows_at_most_a_page_of_cards_per_stage(manager, agency, neighbourhoods):
    for _ in range(BOARD_CARDS_PER_STAGE + 3):
        InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[0], stage="concept")

    response = client_for(manager).get(BOARD)

    concept = next(c for c in response.context["columns"] if c.stage == "concept")
    assert (len(concept.cards), concept.hidden) == (BOARD_CARDS_PER_STAGE, 3)
    assert "und 3 weitere" in response.content.decode()


def test_advisor_board_holds_only_the_team_neighbourhoods(advisor, agency, neighbourhoods):
    InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[0], name="Eigene")
    InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[1], name="Fremde")

    page = client_for(advisor).get(BOARD).content.decode()

    assert "Eigene" in page
    assert "Fremde" not in page


def test_board_filters_by_neighbourhood_and_own_cases(manager, agency, neighbourhoods):
    InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[0], name="Meine", advisor=manager)
    InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[1], name="Andere")

    mine = client_for(manager).get(BOARD, {"mine": "1"}).content.decode()
    hood = client_for(manager).get(BOARD, {"neighbourhood": neighbourhoods[1].pk}).content.decode()

    assert "Meine" in mine and "Andere" not in mine
    assert "Andere" in hood and "Meine" not in hood


def test_board_needs_constant_queries(manager, agency, neighbourhoods):
    InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[0])
    one = count_queries(lambda: client_for(manager).get(BOARD))
    for number in range(50):
        InitiativeFactory(
            agency=agency,
            neighbourhood=neighbourhoods[number % 2],
            stage=["inquiry", "concept", "founding", "paused"][number % 4],
            advisor=manager,
        )

    assert count_queries(lambda: client_for(manager).get(BOARD)) == one


def test_list_filters_by_stage_and_neighbourhood(manager, agency, neighbourhoods):
    InitiativeFactory(
        agency=agency, neighbourhood=neighbourhoods[0], name="Kiezladen", stage="concept"
    )
    InitiativeFactory(
        agency=agency, neighbourhood=neighbourhoods[1], name="Mittagstisch", stage="concept"
    )
    InitiativeFactory(
        agency=agency, neighbourhood=neighbourhoods[0], name="Tauschring", stage="inquiry"
    )

    response = client_for(manager).get(
        LIST, {"stage": "concept", "neighbourhood": neighbourhoods[0].pk}
    )

    assert [i.name for i in response.context["page"].object_list] == ["Kiezladen"]


def test_list_finds_initiatives_without_contact_for_weeks(manager, agency, neighbourhoods):
    today = timezone.localdate()
    InitiativeFactory(
        agency=agency, neighbourhood=neighbourhoods[0], name="Frisch", last_contact_on=today
    )
    InitiativeFactory(
        agency=agency,
        neighbourhood=neighbourhoods[0],
        name="Vergessen",
        last_contact_on=today - dt.timedelta(weeks=9),
    )
    InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[0], name="Nie gesprochen")

    response = client_for(manager).get(LIST, {"no_contact_weeks": 8})

    names = {i.name for i in response.context["page"].object_list}
    assert names == {"Vergessen", "Nie gesprochen"}


def test_list_search_finds_by_name_idea_and_contact(manager, agency, neighbourhoods):
    # Ideas written out: a random one could hold a word of a search below.
    cafe = InitiativeFactory(
        agency=agency,
        neighbourhood=neighbourhoods[0],
        name="Nachbarschaftscafé",
        idea="Ein offener Treffpunkt mit Frühstück",
    )
    ContactPersonFactory(initiative=cafe, name="Jana Köhler")
    InitiativeFactory(
        agency=agency,
        neighbourhood=neighbourhoods[0],
        name="Werkstatt",
        idea="Fahrräder reparieren",
    )

    def found(text):
        response = client_for(manager).get(LIST, {"q": text})
        return {i.name for i in response.context["page"].object_list}

    assert found("nachbarschaft") == {"Nachbarschaftscafé"}
    assert found("Köhler") == {"Nachbarschaftscafé"}
    assert found("Fahrräder") == {"Werkstatt"}
    assert found("Bäckerei") == set()


def test_list_filters_by_need_category(manager, agency, neighbourhoods):
    need = NeedFactory(agency=agency, neighbourhood=neighbourhoods[0])
    addressed = InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[0], name="Mit Bedarf")
    addressed.needs.add(need, through_defaults={"agency": agency})
    InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[0], name="Ohne Bedarf")

    response = client_for(manager).get(LIST, {"need_category": need.category_id})

    assert [i.name for i in response.context["page"].object_list] == ["Mit Bedarf"]


def test_list_sorts_by_last_contact(manager, agency, neighbourhoods):
    for name, day in [("B", 3), ("A", 1), ("C", 2)]:
        InitiativeFactory(
            agency=agency,
            neighbourhood=neighbourhoods[0],
            name=name,
            last_contact_on=dt.date(2003, 1, day),
        )

    response = client_for(manager).get(LIST, {"order": "-last_contact"})

    assert [i.name for i in response.context["page"].object_list] == ["B", "C", "A"]


def test_list_paginates(manager, agency, neighbourhoods):
    for _ in range(PAGE_SIZE + 5):
        InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[0])

    first = client_for(manager).get(LIST)
    second = client_for(manager).get(LIST, {"page": 2})

    assert len(first.context["page"].object_list) == PAGE_SIZE
    assert len(second.context["page"].object_list) == 5
    assert "Seite 1 von 2" in first.content.decode()


def test_list_with_bad_filter_input_answers_without_error(manager, agency, neighbourhoods):
    InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[0])

    response = client_for(manager).get(
        LIST, {"no_contact_weeks": "viele", "stage": "quatsch", "page": "x"}
    )

    assert response.status_code == 200
    assert list(response.context["page"].object_list) == []


def test_list_htmx_gets_only_the_results(manager, agency, neighbourhoods):
    InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[0], name="Kiezladen")

    response = client_for(manager).get(LIST, headers={"HX-Request": "true"})

    body = response.content.decode()
    assert "Kiezladen" in body
    assert "<html" not in body


def test_list_needs_constant_queries(manager, agency, neighbourhoods):
    InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[0], advisor=manager)
    one = count_queries(lambda: client_for(manager).get(LIST, {"q": "Initiative"}))
    for number in range(50):
        InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[number % 2], advisor=manager)

    assert count_queries(lambda: client_for(manager).get(LIST, {"q": "Initiative"})) == one


def test_stage_report_counts_stays_and_stalls(manager, agency, neighbourhoods):
    now = timezone.now()
    stalled = InitiativeFactory(
        agency=agency,
        neighbourhood=neighbourhoods[0],
        name="Stockt",
        stage="concept",
        stage_changed_at=now - dt.timedelta(days=200),
    )
    StageChange.objects.create(
        agency=agency,
        initiative=stalled,
        to_stage="inquiry",
        changed_at=now - dt.timedelta(days=230),
    )
    StageChange.objects.create(
        agency=agency,
        initiative=stalled,
        from_stage="inquiry",
        to_stage="concept",
        changed_at=now - dt.timedelta(days=200),
    )

    response = client_for(manager).get(reverse("initiatives:stage_report", kwargs={"slug": "kiez"}))

    rows = {row["stage"]: row for row in response.context["rows"]}
    assert (rows["inquiry"]["stays"], rows["inquiry"]["average_days"]) == (1, 30)
    assert (rows["concept"]["now"], rows["concept"]["stalled"]) == (1, 1)
    assert [i.name for i in response.context["stalled"]] == ["Stockt"]


def test_stage_report_needs_constant_queries(manager, agency, neighbourhoods):
    url = reverse("initiatives:stage_report", kwargs={"slug": "kiez"})
    long_ago = timezone.now() - dt.timedelta(days=400)
    InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[0], stage_changed_at=long_ago)
    one = count_queries(lambda: client_for(manager).get(url))
    for number in range(30):
        stalled = InitiativeFactory(
            agency=agency,
            neighbourhood=neighbourhoods[number % 2],
            stage=["inquiry", "concept", "founding"][number % 3],
            stage_changed_at=long_ago,
            advisor=manager,
        )
        StageChange.objects.create(agency=agency, initiative=stalled, to_stage="inquiry")

    assert count_queries(lambda: client_for(manager).get(url)) == one
