"""The API's period figures: an enterprise's business lines and monthly figures read by those
who read them on the web; one month of one line written by the case's staff and its own
founders through save_month (stale versions, closed months, bad input refused with nothing
written; read-only tokens refused)."""

# ruff: noqa: F811 (the fixtures of tests/economy/conftest.py are imported and then requested)

import json
from decimal import Decimal

import pytest

from kiezwerk.api.enums import Scope
from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.economy import services
from kiezwerk.economy.models import MonthFigures, Revenue
from kiezwerk.initiatives.models import Initiative
from tests.api.helpers import CASE_READERS, token_client
from tests.conftest import count_queries
from tests.economy.conftest import (  # noqa: F401
    cafe,
    district_office,
    enterprise,
    job_centre,
    month,
    repairs,
)


def base(line) -> str:
    return f"/api/v1/agencies/kiez/initiatives/{line.initiative_id}"


def month_url(line, year: int = 2004, number: int = 3) -> str:
    return f"{base(line)}/lines/{line.pk}/months/{year}/{number}"


def put(client, url: str, body: dict | None):
    data = json.dumps(body) if body is not None else ""
    return client.put(url, data, content_type="application/json")


def saved(line, year: int = 2004, number: int = 3) -> MonthFigures | None:
    return MonthFigures.objects.filter(line=line, year=year, month=number).first()


@pytest.fixture
def march(cafe, district_office, manager):
    """March 2004 of the café, saved once (version 1)."""
    values = month(market="1200.50", public={district_office: 800}, costs=900, hours=12)
    return services.save_month(cafe, 2004, 3, values, actor=manager, version=0)


# ------------------------------------------------------------------------------------------
# Reading


@pytest.mark.parametrize(("persona", "status"), CASE_READERS, indirect=["persona"])
def test_figures_are_read_by_those_who_read_the_year_table(persona, status, march, cafe):
    client = token_client(persona, Scope.READ)

    answers = [
        client.get(f"{base(cafe)}/lines").status_code,
        client.get(f"{base(cafe)}/figures?year=2004").status_code,
        client.get(month_url(cafe)).status_code,
    ]

    assert answers == [status] * 3


def test_figures_of_a_year_are_the_saved_months(march, cafe, district_office, manager):
    services.save_month(cafe, 2004, 5, month(grants=50, volunteers=3), actor=manager, version=0)
    services.save_month(cafe, 2005, 1, month(market=1), actor=manager, version=0)

    body = token_client(manager).get(f"{base(cafe)}/figures?year=2004").json()

    assert (body["count"], [row["month"] for row in body["results"]]) == (2, [3, 5])
    first = body["results"][0]
    assert first == {
        "line_id": cafe.pk,
        "line": "Café",
        "year": 2004,
        "month": 3,
        "version": 1,
        "closed": False,
        "costs": "900.00",
        "volunteer_hours": "12.00",
        "volunteers": 0,
        "reciprocal": False,
        "hour_rate": first["hour_rate"],
        "market": "1200.50",
        "grants": "0.00",
        "donations": "0.00",
        "public": [
            {"client_id": district_office.pk, "client": district_office.name, "amount": "800.00"}
        ],
    }
    assert first["hour_rate"] == (None if march.hour_rate is None else f"{march.hour_rate:.2f}")


def test_lines_name_their_public_clients(cafe, district_office, manager):
    body = token_client(manager).get(f"{base(cafe)}/lines").json()

    assert [(r["name"], r["archived"], r["public_clients"]) for r in body["results"]] == [
        ("Café", False, [{"id": district_office.pk, "name": district_office.name}])
    ]


def test_a_month_never_saved_reads_as_zero_with_version_zero(cafe, manager):
    body = token_client(manager).get(month_url(cafe, 2004, 7)).json()

    assert (body["version"], body["costs"], body["market"], body["public"]) == (
        0,
        "0.00",
        "0.00",
        [],
    )


def test_an_impossible_month_is_422(cafe, manager):
    assert token_client(manager).get(month_url(cafe, 2004, 13)).status_code == 422


def test_figures_list_takes_the_same_queries_for_one_line_and_many(
    cafe, repairs, district_office, job_centre, manager
):
    client = token_client(manager, Scope.READ)
    services.save_month(cafe, 2004, 1, month(market=1), actor=manager, version=0)
    url = f"{base(cafe)}/figures?year=2004&page_size=100"
    client.get(url)  # the token's first use of the minute records it
    few = count_queries(lambda: client.get(url))
    for number in range(2, 13):
        values = month(market=number, public={district_office: 2}, grants=1)
        services.save_month(cafe, 2004, number, values, actor=manager, version=0)
        services.save_month(
            repairs, 2004, number, month(public={job_centre: 3}), actor=manager, version=0
        )
    services.close_month(cafe.initiative, 2004, 2, actor=manager)

    many = count_queries(lambda: client.get(url))

    assert client.get(url).json()["count"] == 23
    assert few == many


# ------------------------------------------------------------------------------------------
# Writing


@pytest.mark.parametrize("persona", ["founder", "advisor", "manager"], indirect=True)
def test_founder_and_staff_write_a_month(persona, cafe, district_office):
    body = {
        "version": 0,
        "costs": "250.5",
        "market": 100,
        "volunteer_hours": "7.25",
        "public": [{"client_id": district_office.pk, "amount": "80.00"}],
    }

    response = put(token_client(persona), month_url(cafe), body)

    assert response.status_code == 200
    assert (response.json()["version"], response.json()["costs"]) == (1, "250.50")
    row = saved(cafe)
    assert (row.costs, row.volunteer_hours, row.version) == (Decimal("250.50"), Decimal("7.25"), 1)
    revenue = dict(Revenue.objects.filter(line=cafe).values_list("source", "amount"))
    assert revenue == {"market": Decimal("100.00"), "public": Decimal("80.00")}  # no zero rows
    entry = ActivityLogEntry.objects.get(verb="economy.month_saved")
    assert (entry.actor, entry.data["month"]) == (persona, 3)


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("evaluator", 403),
        ("funder", 404),
        ("partner", 404),
        ("outsider", 404),
        ("other_founder", 404),
    ],
    indirect=["persona"],
)
def test_others_cannot_write(persona, status, cafe):
    response = put(token_client(persona), month_url(cafe), {"version": 0, "costs": 1})

    assert response.status_code == status
    assert saved(cafe) is None


def test_founder_of_another_enterprise_cannot_reach_the_line_through_its_own(other_founder, cafe):
    own = Initiative.objects.get(contacts__user=other_founder)
    url = f"/api/v1/agencies/kiez/initiatives/{own.pk}/lines/{cafe.pk}/months/2004/3"

    response = put(token_client(other_founder), url, {"version": 0, "costs": 1})

    assert response.status_code == 404
    assert saved(cafe) is None


def test_read_only_token_cannot_write(founder, cafe):
    response = put(token_client(founder, Scope.READ), month_url(cafe), {"version": 0, "costs": 1})

    assert (response.status_code, response.json()["code"]) == (403, "read_only_token")
    assert saved(cafe) is None


def test_stale_version_is_409_and_changes_nothing(march, cafe, founder):
    response = put(token_client(founder), month_url(cafe), {"version": 0, "costs": 1})

    assert (response.status_code, response.json()["code"]) == (409, "stale")
    assert (saved(cafe).costs, saved(cafe).version) == (Decimal("900.00"), 1)


def test_closed_month_is_refused_to_the_founder(march, cafe, founder, manager):
    services.close_month(cafe.initiative, 2004, 3, actor=manager)

    response = put(token_client(founder), month_url(cafe), {"version": 1, "costs": 1})

    assert (response.status_code, response.json()["code"]) == (409, "month_closed")
    assert response.json()["message"]
    assert saved(cafe).costs == Decimal("900.00")


def test_closed_month_is_corrected_by_its_advisor_with_a_reason_only(march, cafe, advisor, manager):
    services.close_month(cafe.initiative, 2004, 3, actor=manager)
    client = token_client(advisor)

    without = put(client, month_url(cafe), {"version": 1, "costs": 1})
    corrected = put(client, month_url(cafe), {"version": 1, "costs": 1, "reason": "Beleg fehlte"})

    assert (without.status_code, without.json()["code"], without.json()["field"]) == (
        409,
        "month_closed",
        "reason",
    )
    assert (corrected.status_code, corrected.json()["closed"]) == (200, True)
    entry = ActivityLogEntry.objects.get(verb="economy.month_corrected")
    assert entry.data["reason"] == "Beleg fehlte"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"version": 0, "costs": "12,50"}, "costs"),
        ({"version": 0, "costs": "-1"}, "costs"),
        ({"version": 0, "market": "1.234"}, "market"),
        ({"version": 0, "market": "1e20"}, "market"),
        ({"version": 0, "volunteers": -1}, "volunteers"),
        ({"costs": 1}, "version"),
        ({"version": 0, "public": [{"client_id": 1}, {"client_id": 1}]}, "public"),
    ],
)
def test_bad_input_is_422_with_its_field_and_saves_nothing(body, field, cafe, founder):
    response = put(token_client(founder), month_url(cafe), body)

    assert response.status_code == 422
    assert field in [error["field"] for error in response.json()["errors"]]
    assert saved(cafe) is None


def test_public_contract_without_a_client_of_the_line_is_422(cafe, job_centre, founder):
    body = {"version": 0, "market": 5, "public": [{"client_id": job_centre.pk, "amount": 5}]}

    response = put(token_client(founder), month_url(cafe), body)

    assert (response.status_code, response.json()["code"]) == (422, "invalid")
    assert saved(cafe) is None
    assert not Revenue.objects.exists()


def test_missing_body_is_422(cafe, founder):
    response = put(token_client(founder), month_url(cafe), None)

    assert response.status_code == 422


def test_archived_line_takes_no_figures(cafe, founder, manager):
    services.archive_line(cafe, actor=manager)

    response = put(token_client(founder), month_url(cafe), {"version": 0, "costs": 1})

    assert response.status_code == 404
