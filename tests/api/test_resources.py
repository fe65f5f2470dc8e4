"""The first resources: agencies, neighbourhoods, needs, initiatives, consultations."""

import pytest
from django.urls import reverse

from kiezwerk.initiatives.models import StageChange
from tests.api.helpers import token_client
from tests.api.matrix_api import ROWS
from tests.conftest import count_queries
from tests.factories import (
    ConsultationFactory,
    InitiativeFactory,
    NeedCategoryFactory,
    NeedFactory,
)

API_CASES = [
    (name, persona, expected)
    for name, (_kwargs, expectations, *_method) in ROWS.items()
    if name.startswith("api:list_") or name.startswith("api:get_")
    for persona, expected in expectations.items()
    if persona != "anonymous"
]


@pytest.mark.parametrize(("name", "persona", "expected"), API_CASES)
def test_token_answers_persona_as_the_session_does(request, name, persona, expected):
    kwargs = ROWS[name][0]
    url = reverse(name, kwargs=kwargs(request) if callable(kwargs) else kwargs)
    user = request.getfixturevalue(persona)

    response = token_client(user, "read").get(url)

    assert response.status_code == expected
    assert response["Content-Type"].startswith("application/json")


def test_superuser_lists_every_agency(superuser, agency, other_agency):
    response = token_client(superuser).get("/api/v1/agencies")

    assert [a["slug"] for a in response.json()["results"]] == ["andere", "kiez"]


def test_object_of_another_agency_is_404_under_own_slug(manager, other_agency):
    foreign = NeedFactory(agency=other_agency)

    response = token_client(manager).get(f"/api/v1/agencies/kiez/needs/{foreign.pk}")

    assert response.status_code == 404
    body = response.json()
    assert (body["code"], body["field"]) == ("not_found", None)
    assert body["message"]


def test_needs_filter_by_neighbourhood_status_and_category(manager, agency, neighbourhoods):
    care = NeedCategoryFactory(name="Versorgung")
    wanted = NeedFactory(agency=agency, neighbourhood=neighbourhoods[1], category=care)
    NeedFactory(agency=agency, neighbourhood=neighbourhoods[0], category=care)
    NeedFactory(agency=agency, neighbourhood=neighbourhoods[1], status="confirmed")
    query = f"neighbourhood={neighbourhoods[1].pk}&status=reported&category={care.pk}"

    response = token_client(manager).get(f"/api/v1/agencies/kiez/needs?{query}")

    assert [n["id"] for n in response.json()["results"]] == [wanted.pk]


def test_bad_filter_is_422_with_field(manager):
    response = token_client(manager).get("/api/v1/agencies/kiez/needs?status=nonsense&page=0")

    body = response.json()
    assert response.status_code == 422
    assert body["code"] == "invalid"
    assert sorted(e["field"] for e in body["errors"]) == ["page", "status"]


def test_page_size_over_100_is_422(manager):
    response = token_client(manager).get("/api/v1/agencies/kiez/needs?page_size=101")

    assert response.status_code == 422


def test_pages_count_and_page_after_the_last(manager, agency, neighbourhoods):
    NeedFactory.create_batch(3, agency=agency, neighbourhood=neighbourhoods[0])
    client = token_client(manager)

    second = client.get("/api/v1/agencies/kiez/needs?page=2&page_size=2").json()
    after = client.get("/api/v1/agencies/kiez/needs?page=9&page_size=2").json()

    assert (second["count"], second["page"], second["pages"], len(second["results"])) == (
        3,
        2,
        2,
        1,
    )
    assert after["results"] == []


def test_initiatives_filter_by_stage_neighbourhood_and_text(manager, agency, neighbourhoods):
    wanted = InitiativeFactory(
        agency=agency, neighbourhood=neighbourhoods[1], name="Reparaturcafé", stage="concept"
    )
    InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[1], name="Reparatur Nord")
    InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[0], stage="concept")
    query = f"stage=concept&neighbourhood={neighbourhoods[1].pk}&q=Reparatur"

    response = token_client(manager).get(f"/api/v1/agencies/kiez/initiatives?{query}")

    assert [i["id"] for i in response.json()["results"]] == [wanted.pk]


def test_advisor_lists_only_the_own_neighbourhood(advisor, agency, neighbourhoods, initiative):
    InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[1])

    response = token_client(advisor).get("/api/v1/agencies/kiez/initiatives")

    assert [i["id"] for i in response.json()["results"]] == [initiative.pk]


def _detail(user, initiative) -> dict:
    url = f"/api/v1/agencies/kiez/initiatives/{initiative.pk}"
    return token_client(user).get(url).json()


def test_initiative_shows_stage_history_and_latest_criteria(manager, agency, initiative):
    from kiezwerk.initiatives.models import CriteriaAssessment

    StageChange.objects.create(agency=agency, initiative=initiative, to_stage="inquiry")
    StageChange.objects.create(
        agency=agency, initiative=initiative, from_stage="inquiry", to_stage="concept"
    )
    CriteriaAssessment.objects.create(
        agency=agency, initiative=initiative, needs_rating="met", needs_evidence="Umfrage"
    )

    body = _detail(manager, initiative)

    assert [(c["from_stage"], c["to_stage"]) for c in body["stage_history"]] == [
        ("", "inquiry"),
        ("inquiry", "concept"),
    ]
    assert body["criteria_check"]["needs"] == {"rating": "met", "evidence": "Umfrage"}
    assert body["criteria_check"]["met_count"] == 1


def test_founder_sees_the_own_case_without_criteria(founder, founder_contact, agency, initiative):
    from kiezwerk.initiatives.models import CriteriaAssessment

    CriteriaAssessment.objects.create(agency=agency, initiative=initiative, needs_rating="met")

    body = _detail(founder, initiative)

    assert (body["id"], body["criteria_check"]) == (initiative.pk, None)


def test_consultations_staff_only(manager, founder, founder_contact, initiative):
    ConsultationFactory(initiative=initiative)

    as_manager = token_client(manager).get("/api/v1/agencies/kiez/consultations")
    as_founder = token_client(founder).get("/api/v1/agencies/kiez/consultations")

    assert [c["initiative_id"] for c in as_manager.json()["results"]] == [initiative.pk]
    assert (as_founder.status_code, as_founder.json()["code"]) == (403, "forbidden")


def _fill(size: int, agency, neighbourhoods) -> None:
    for n in range(size):
        NeedFactory(agency=agency, neighbourhood=neighbourhoods[n % 2])
        case = InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[n % 2])
        ConsultationFactory(initiative=case)


@pytest.mark.parametrize(
    "path",
    [
        "agencies",
        "agencies/kiez/neighbourhoods",
        "agencies/kiez/needs",
        "agencies/kiez/initiatives",
        "agencies/kiez/consultations",
    ],
)
def test_lists_run_constant_queries(manager, agency, neighbourhoods, path):
    client = token_client(manager)
    url = f"/api/v1/{path}"
    client.get(url)  # the token's first use is recorded once

    _fill(1, agency, neighbourhoods)
    one = count_queries(lambda: client.get(url))
    _fill(20, agency, neighbourhoods)
    many = count_queries(lambda: client.get(url))

    assert one == many


def test_initiative_detail_runs_constant_queries(manager, agency, initiative):
    client = token_client(manager)
    _detail(manager, initiative)
    url = f"/api/v1/agencies/kiez/initiatives/{initiative.pk}"
    client.get(url)
    StageChange.objects.create(agency=agency, initiative=initiative, to_stage="inquiry")
    one = count_queries(lambda: client.get(url))
    for _ in range(5):
        StageChange.objects.create(agency=agency, initiative=initiative, to_stage="concept")

    assert count_queries(lambda: client.get(url)) == one
