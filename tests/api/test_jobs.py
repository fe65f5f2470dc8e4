"""The API's jobs: the agency's jobs per year as aggregates (staff and funders), an enterprise's
jobs per year and its positions (its staff and own founders, no holder data), equal to the
jobs app's queries, with constant queries."""

# ruff: noqa: F811 (the fixtures of tests/economy/conftest.py are imported and then requested)

import pytest

from kiezwerk.api.enums import Scope
from kiezwerk.economy.queries import Scope as JobScope
from kiezwerk.jobs.enums import ContractType, Origin
from kiezwerk.jobs.queries import jobs_by_year
from tests.api.helpers import CASE_READERS, token_client
from tests.conftest import count_queries
from tests.economy.conftest import enterprise  # noqa: F401
from tests.jobs.positions import holder, position

AGENCY = "/api/v1/agencies/kiez/jobs"


def enterprise_url(initiative, what: str = "jobs") -> str:
    return f"/api/v1/agencies/kiez/initiatives/{initiative.pk}/{what}"


@pytest.fixture
def positions(enterprise, manager):
    """A cook created in 2003 (holder coded KW-0815), a part-time helper maintained since 2002
    and ended in 2004."""
    cook = position(enterprise, manager, start="2003-03-01", holder=holder("KW-0815"))
    helper = position(
        enterprise,
        manager,
        start="2002-01-01",
        end="2004-06-30",
        title="Aushilfe",
        hours=20,
        contract_type=ContractType.PART_TIME,
        origin=Origin.MAINTAINED,
    )
    return [cook, helper]


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("manager", 200),
        ("advisor", 200),
        ("evaluator", 200),
        ("funder", 200),
        ("founder", 403),
        ("partner", 403),
        ("outsider", 404),
    ],
    indirect=["persona"],
)
def test_agency_jobs_are_read_by_staff_and_funders(persona, status, positions):
    assert token_client(persona, Scope.READ).get(AGENCY).status_code == status


def test_agency_jobs_equal_the_jobs_pages_figures(positions, agency, funder):
    body = token_client(funder, Scope.READ).get(f"{AGENCY}?first=2002&last=2005").json()

    expected = jobs_by_year(JobScope.of_agency(agency), [2002, 2003, 2004, 2005])
    assert (body["first"], body["last"]) == (2002, 2005)
    assert [
        (y["year"], y["created"], y["maintained"], y["total"], y["created_fte"], y["total_fte"])
        for y in body["years"]
    ] == [
        (f.year, f.created, f.maintained, f.total, f"{f.created_fte:.3f}", f"{f.total_fte:.3f}")
        for f in expected
    ]
    assert [(y["created"], y["maintained"], y["total"]) for y in body["years"]] == [
        (0, 1, 1),
        (1, 1, 2),
        (0, 2, 2),
        (0, 1, 1),
    ]


def test_agency_jobs_default_to_the_years_with_positions(positions, manager):
    body = token_client(manager).get(AGENCY).json()

    assert body["first"] == 2002


def test_agency_jobs_of_a_neighbourhood(positions, neighbourhoods, funder):
    client = token_client(funder)
    url = f"{AGENCY}?first=2003&last=2003&neighbourhood_id="

    own = client.get(url + str(neighbourhoods[0].pk)).json()
    other = client.get(url + str(neighbourhoods[1].pk)).json()

    assert [y["total"] for y in own["years"]] == [2]
    assert [y["total"] for y in other["years"]] == [0]
    assert client.get(url + "999999").status_code == 404


@pytest.mark.parametrize(
    ("query", "field"),
    [("first=2005&last=2004", "last"), ("first=1990&last=2010", "first"), ("first=abc", "first")],
)
def test_bad_years_are_422(query, field, positions, manager):
    response = token_client(manager).get(f"{AGENCY}?{query}")

    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == [field]


@pytest.mark.parametrize(("persona", "status"), CASE_READERS, indirect=["persona"])
def test_positions_are_read_as_on_the_enterprise_page(persona, status, positions, enterprise):
    client = token_client(persona, Scope.READ)

    answers = [
        client.get(enterprise_url(enterprise, what)).status_code for what in ("jobs", "positions")
    ]

    assert answers == [status, status]


def test_positions_carry_no_holder_data(positions, enterprise, founder):
    response = token_client(founder).get(enterprise_url(enterprise, "positions"))

    body = response.json()
    assert [(p["title"], p["fte"], p["origin"]) for p in body["results"]] == [
        ("Aushilfe", "0.500", "maintained"),
        ("Koch", "1.000", "created"),
    ]
    assert "KW-0815" not in response.content.decode()
    assert "pseudonym" not in response.content.decode()


def test_enterprise_jobs_equal_the_jobs_pages_figures(positions, enterprise, manager):
    body = token_client(manager).get(enterprise_url(enterprise)).json()

    expected = jobs_by_year(JobScope.of_enterprise(enterprise), [2002, 2003, 2004])
    assert [(y["year"], y["total"]) for y in body["years"]][:3] == [
        (f.year, f.total) for f in expected
    ]


def test_positions_take_the_same_queries_for_one_and_many(enterprise, manager):
    client = token_client(manager, Scope.READ)
    position(enterprise, manager, start="2003-01-01")
    url = enterprise_url(enterprise, "positions")
    client.get(url)  # the token's first use of the minute records it
    urls = (url, AGENCY, enterprise_url(enterprise))
    few = [count_queries(lambda u=u: client.get(u)) for u in urls]
    for number in range(5):
        position(enterprise, manager, start=f"200{number}-02-01", title=f"Stelle {number}")

    many = [count_queries(lambda u=u: client.get(u)) for u in urls]
    assert client.get(url).json()["count"] == 6
    assert few == many
