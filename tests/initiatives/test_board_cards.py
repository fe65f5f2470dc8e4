"""The pipeline board's cards and the initiative list at more than a handful of rows: what a
card and a row show, and that the number of queries does not grow with stages, people or rows."""

from django.urls import reverse

from kiezwerk.accounts.enums import Role
from kiezwerk.initiatives.enums import Stage
from tests.conftest import client_for, count_queries
from tests.factories import InitiativeFactory, MembershipFactory, UserFactory

BOARD = reverse("initiatives:board", kwargs={"slug": "kiez"})
LIST = reverse("initiatives:list", kwargs={"slug": "kiez"})


def test_card_shows_neighbourhood_advisor_and_a_move_form(manager, agency, neighbourhoods):
    case = InitiativeFactory(
        agency=agency,
        neighbourhood=neighbourhoods[1],
        name="Kiez & Küche",
        stage="concept",
        advisor=manager,
    )

    page = client_for(manager).get(BOARD).content.decode()

    assert f'<a href="/backoffice/kiez/initiatives/{case.pk}/">Kiez &amp; Küche</a>' in page
    assert "Helmholtzplatz · Karin Albers" in page
    assert f'<select id="stage-{case.pk}" name="to_stage">' in page
    assert '<option value="concept" selected>' in page


def test_card_of_an_advisor_without_a_name_shows_the_email(manager, agency, neighbourhoods):
    nameless = UserFactory(name="", email="ohne-name@kiez.test")
    MembershipFactory(agency=agency, user=nameless, role=Role.ADVISOR)
    InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[0], advisor=nameless)

    page = client_for(manager).get(BOARD).content.decode()

    assert "Boxhagener Platz · ohne-name@kiez.test" in page


def test_advisor_sees_no_move_form_on_cards_outside_the_team(advisor, agency, neighbourhoods):
    own = InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[0], name="Eigene")

    page = client_for(advisor).get(BOARD).content.decode()

    assert f'id="stage-{own.pk}"' in page
    assert page.count('name="to_stage"') == 1


def test_board_queries_do_not_grow_with_stages_people_and_places(manager, agency, neighbourhoods):
    InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[0])
    one = count_queries(lambda: client_for(manager).get(BOARD))
    for number, stage in enumerate(Stage.values * 3):
        person = UserFactory()
        MembershipFactory(agency=agency, user=person, role=Role.ADVISOR)
        InitiativeFactory(
            agency=agency, neighbourhood=neighbourhoods[number % 2], stage=stage, advisor=person
        )

    many = count_queries(lambda: client_for(manager).get(BOARD))

    assert many == one


def test_list_rows_show_stage_and_legal_form_labels(manager, agency, neighbourhoods):
    InitiativeFactory(
        agency=agency, neighbourhood=neighbourhoods[0], stage="founding", legal_form="eg"
    )

    page = client_for(manager).get(LIST).content.decode()

    assert "<td>Gründung</td>" in page
    assert "<td>Genossenschaft (eG)</td>" in page


def test_list_filter_keeps_the_chosen_options(manager, agency, neighbourhoods):
    InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[1], stage="concept")

    page = (
        client_for(manager)
        .get(LIST, {"stage": "concept", "neighbourhood": neighbourhoods[1].pk, "order": "-name"})
        .content.decode()
    )

    assert '<option value="concept" selected>' in page
    assert f'<option value="{neighbourhoods[1].pk}" selected>Helmholtzplatz</option>' in page
    assert '<option value="-name" selected>' in page
    assert '<label for="id_stage">Phase:</label>' in page


def test_list_queries_do_not_grow_with_places_people_and_pages(manager, agency, neighbourhoods):
    InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[0])
    one = count_queries(lambda: client_for(manager).get(LIST))
    for _ in range(60):
        person = UserFactory()
        MembershipFactory(agency=agency, user=person, role=Role.ADVISOR)
        InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[1], advisor=person)

    assert count_queries(lambda: client_for(manager).get(LIST, {"page": 2})) == one
