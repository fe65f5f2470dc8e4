"""The API's grants, a grant's indicators with actual values and targets (what a funder's
analyst reads with a token), and the financing mix of an enterprise, a neighbourhood and the
agency: readers as on the web, values equal to the web's queries, constant queries."""

# ruff: noqa: F811 (the fixtures of tests/economy/conftest.py are imported and then requested)

import datetime as dt
from decimal import Decimal

import pytest

from kiezwerk.api.enums import Scope
from kiezwerk.economy import services
from kiezwerk.economy.queries import Scope as MixScope
from kiezwerk.economy.queries import financing_mix
from kiezwerk.funding import indicators
from kiezwerk.funding.attainment import attainment
from kiezwerk.funding.models import Indicator, Target
from tests.api.helpers import token_client
from tests.conftest import count_queries
from tests.economy.conftest import cafe, district_office, enterprise, month  # noqa: F401
from tests.factories import ConsultationFactory, InitiativeFactory
from tests.funding.grants import make_reader, plain_grant

GRANTS = "/api/v1/agencies/kiez/grants"


@pytest.fixture
def grant(agency, funder):
    """January 2003 to December 2004; the funder reads it."""
    found = plain_grant(agency)
    make_reader(found, funder)
    return found


@pytest.fixture
def held(agency, neighbourhoods):
    """Consultations: 3 in 2003, 2 in 2004, 1 before the grant."""
    initiative = InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[0])
    for day in ("2003-01-10", "2003-05-10", "2003-09-10", "2004-02-02", "2004-06-06", "2002-11-01"):
        ConsultationFactory(initiative=initiative, held_on=dt.date.fromisoformat(day))
    return initiative


def indicator(query: str) -> Indicator:
    return Indicator.objects.active().filter(query=query).order_by("code").first()


def target(grant, query: str, year: int, value) -> Target:
    return Target.objects.create(
        grant=grant, indicator=indicator(query), year=year, value=Decimal(str(value))
    )


def by_query(body: dict, query: str) -> dict:
    return next(row for row in body["indicators"] if row["query"] == query)


# ------------------------------------------------------------------------------------------
# Grants


@pytest.mark.parametrize(
    ("persona", "status", "count"),
    [
        ("manager", 200, 2),
        ("evaluator", 200, 2),
        ("funder", 200, 1),
        ("advisor", 403, None),
        ("founder", 403, None),
        ("partner", 403, None),
        ("outsider", 404, None),
    ],
    indirect=["persona"],
)
def test_grants_are_listed_to_their_readers(persona, status, count, grant, agency):
    plain_grant(agency, title="Nicht gelesen")

    response = token_client(persona, Scope.READ).get(GRANTS)

    assert response.status_code == status
    assert (response.json().get("count") if status == 200 else None) == count


def test_a_grant_the_funder_does_not_read_is_404(agency, funder, grant):
    other = plain_grant(agency, title="Nicht gelesen")
    client = token_client(funder, Scope.READ)

    answers = [
        client.get(f"{GRANTS}/{other.pk}").status_code,
        client.get(f"{GRANTS}/{other.pk}/indicators").status_code,
        client.get(f"{GRANTS}/{grant.pk}").status_code,
    ]

    assert answers == [404, 404, 200]


def test_grant_figures(grant, funder):
    body = token_client(funder, Scope.READ).get(f"{GRANTS}/{grant.pk}").json()

    assert (body["title"], body["amount"], body["eu_amount"], body["spent"]) == (
        "Modellprojekt Kiez",
        "100000.00",
        "50000.00",
        "0.00",
    )


# ------------------------------------------------------------------------------------------
# Indicators with their actual values


def test_funder_reads_indicators_with_targets_and_actuals_as_the_grant_page(grant, held, funder):
    target(grant, "consultations_held", 2003, 6)
    target(grant, "consultations_held", 2004, 4)
    target(grant, "initiatives_supported", 2003, 2)

    response = token_client(funder, Scope.READ).get(f"{GRANTS}/{grant.pk}/indicators")

    assert response.status_code == 200
    body = response.json()
    assert (body["start"], body["end"]) == ("2003-01-01", "2004-12-31")
    assert len(body["indicators"]) == Indicator.objects.active().count()
    _spans, rows = attainment(grant)  # what the grant page shows
    for row in rows:
        found = by_query(body, row.indicator.query)
        years = [(c.target, c.actual, c.attainment) for c in row.cells]
        assert [_decimals(v, "target", "actual", "attainment") for v in found["years"]] == years
        whole = (row.whole.target, row.whole.actual, row.whole.attainment)
        assert _decimals(found["whole"], "target", "actual", "attainment") == whole
    held_row = by_query(body, "consultations_held")
    assert [(y["year"], y["actual"], y["attainment"]) for y in held_row["years"]] == [
        (2003, "3", "50.0"),
        (2004, "2", "50.0"),
    ]


def _decimals(value: dict, *names: str) -> tuple:
    return tuple(None if value[name] is None else Decimal(value[name]) for name in names)


def test_indicators_of_a_part_of_the_period(grant, held, manager):
    target(grant, "consultations_held", 2003, 6)
    url = f"{GRANTS}/{grant.pk}/indicators?start=2003-03-01&end=2003-12-31"

    body = token_client(manager).get(url).json()

    row = by_query(body, "consultations_held")
    assert [(y["year"], y["start"], y["end"], y["actual"]) for y in row["years"]] == [
        (2003, "2003-03-01", "2003-12-31", "2"),
    ]
    expected = indicators.actual(
        "consultations_held", grant.agency_id, *_days("2003-03-01", "2003-12-31")
    )
    assert Decimal(row["whole"]["actual"]) == expected


def _days(start: str, end: str) -> tuple[dt.date, dt.date]:
    return dt.date.fromisoformat(start), dt.date.fromisoformat(end)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("start=2002-12-31", "start"),
        ("end=2005-01-01", "end"),
        ("start=2004-01-01&end=2003-01-01", "end"),
        ("start=gestern", "start"),
    ],
)
def test_a_period_outside_the_grant_is_422(query, field, grant, funder):
    response = token_client(funder).get(f"{GRANTS}/{grant.pk}/indicators?{query}")

    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == [field]


def test_indicators_take_the_same_queries_for_little_and_much_data(
    grant, agency, neighbourhoods, funder
):
    client = token_client(funder, Scope.READ)
    url = f"{GRANTS}/{grant.pk}/indicators"
    client.get(url)  # the token's first use of the minute records it
    few = count_queries(lambda: client.get(url))
    for _ in range(5):
        initiative = InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[1])
        ConsultationFactory(initiative=initiative, held_on=dt.date(2003, 4, 4))
    target(grant, "consultations_held", 2004, 1)

    assert count_queries(lambda: client.get(url)) == few


# ------------------------------------------------------------------------------------------
# The financing mix


@pytest.fixture
def figures(cafe, district_office, manager):
    services.save_month(cafe, 2003, 2, month(market=100, costs=50), actor=manager, version=0)
    values = month(market=200, public={district_office: 900}, grants=2000, hours=10)
    services.save_month(cafe, 2004, 5, values, actor=manager, version=0)
    return cafe


def mix_urls(cafe, neighbourhood) -> list[str]:
    base = "/api/v1/agencies/kiez"
    return [
        f"{base}/initiatives/{cafe.initiative_id}/financing-mix",
        f"{base}/neighbourhoods/{neighbourhood.pk}/financing-mix",
        f"{base}/financing-mix",
    ]


@pytest.mark.parametrize(
    ("persona", "statuses"),
    [
        ("manager", [200, 200, 200]),
        ("evaluator", [200, 200, 200]),
        ("advisor", [200, 200, 200]),
        ("founder", [200, 403, 403]),
        ("funder", [404, 403, 403]),
        ("partner", [404, 403, 403]),
        ("outsider", [404, 404, 404]),
    ],
    indirect=["persona"],
)
def test_mixes_are_read_as_on_the_web(persona, statuses, figures, neighbourhoods):
    client = token_client(persona, Scope.READ)

    answers = [client.get(url).status_code for url in mix_urls(figures, neighbourhoods[0])]

    assert answers == statuses


def test_advisor_reads_no_mix_of_another_neighbourhood(advisor, figures, neighbourhoods):
    url = f"/api/v1/agencies/kiez/neighbourhoods/{neighbourhoods[1].pk}/financing-mix"

    assert token_client(advisor).get(url).status_code == 404


def test_mix_equals_the_web_query(figures, district_office, manager):
    expected = financing_mix(MixScope.of_enterprise(figures.initiative))

    body = token_client(manager).get(mix_urls(figures, figures.initiative.neighbourhood)[0]).json()

    assert [y["year"] for y in body["years"]] == [p.year for p in expected.years]
    latest, period = body["years"][-1], expected.years[-1]
    for name in ("public", "market", "volunteer", "mix_total", "grants", "revenue", "costs"):
        assert Decimal(latest[name]) == getattr(period, name)
    assert [latest["shares"][s] for s in ("public", "market", "volunteer")] == [
        str(share) for share in period.shares()
    ]
    assert latest["clients"] == [
        {
            "id": district_office.pk,
            "name": district_office.name,
            "amount": "900.00",
            "share": f"{period.client_share(district_office.pk):.2f}",
        }
    ]
    assert [q["quarter"] for q in latest["quarters"]] == [1, 2, 3, 4]
    assert Decimal(latest["quarters"][1]["public"]) == Decimal("900.00")
    kinds = {(w["year"], w["kind"]) for w in body["warnings"]}
    assert (2004, "grants") in kinds and (2003, "source") in kinds
    assert all(w["message"] for w in body["warnings"])


def test_mixes_of_the_scopes_add_up(figures, manager, neighbourhoods):
    client = token_client(manager)

    bodies = [client.get(url).json() for url in mix_urls(figures, neighbourhoods[0])]

    assert [b["years"][-1]["revenue"] for b in bodies] == ["3100.00"] * 3


def test_mix_of_a_year_range(figures, manager):
    url = mix_urls(figures, figures.initiative.neighbourhood)[2]
    client = token_client(manager)

    body = client.get(url + "?first=2004&last=2004").json()
    wrong = client.get(url + "?first=2005&last=2004")

    assert ([y["year"] for y in body["years"]], body["first"], body["last"]) == ([2004], 2004, 2004)
    assert (wrong.status_code, wrong.json()["errors"][0]["field"]) == (422, "last")


def test_mix_takes_the_same_queries_for_one_year_and_many(figures, district_office, manager):
    client = token_client(manager, Scope.READ)
    url = mix_urls(figures, figures.initiative.neighbourhood)[2]
    client.get(url)
    few = count_queries(lambda: client.get(url))
    for year in range(2005, 2010):
        values = month(market=year, public={district_office: 3}, hours=2)
        services.save_month(figures, year, 7, values, actor=manager, version=0)

    assert count_queries(lambda: client.get(url)) == few
