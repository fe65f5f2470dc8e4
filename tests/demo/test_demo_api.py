"""What issue 9 is done by, on the demo world: the funder's analyst (foerderung@senat.example)
creates a read-only API token in the back office and reads the indicators of the pilot grant
"Modellprojekt BEST" for 2003 with the token alone, as `curl` would; every actual value equals
the indicator registry's for the agency and the year. The token cannot write."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from kiezwerk.accounts.models import User
from kiezwerk.funding import indicators
from kiezwerk.funding.models import Grant
from tests.conftest import client_for


@pytest.fixture
def demo(db):
    call_command("load_demo")
    return Grant.objects.get(title="Modellprojekt BEST")


def _token_from_the_back_office(user: User) -> str:
    response = client_for(user).post(
        reverse("api_tokens:create"), {"name": "Auswertung 2003", "scope": "read"}
    )
    assert response.status_code == 200
    secret = response.context["secret"]
    assert secret in response.content.decode()
    return secret


def test_funder_reads_the_grants_indicators_with_a_token(demo):
    analyst = User.objects.get(email="foerderung@senat.example")
    curl = Client(headers={"Authorization": f"Bearer {_token_from_the_back_office(analyst)}"})

    response = curl.get(
        f"/api/v1/agencies/best/grants/{demo.pk}/indicators",
        {"start": "2003-01-01", "end": "2003-12-31"},
    )

    assert response.status_code == 200
    content = response.json()
    assert content["indicators"]
    expected = indicators.actuals(
        sorted(indicators.QUERIES), demo.agency_id, dt.date(2003, 1, 1), dt.date(2003, 12, 31)
    )
    for item in content["indicators"]:
        if item["query"] in expected:
            assert Decimal(str(item["whole"]["actual"])) == expected[item["query"]], item["code"]
    assert any(Decimal(str(i["whole"]["actual"] or 0)) > 0 for i in content["indicators"])


def test_the_analysts_read_only_token_cannot_write(demo):
    analyst = User.objects.get(email="foerderung@senat.example")
    curl = Client(headers={"Authorization": f"Bearer {_token_from_the_back_office(analyst)}"})

    response = curl.put(
        "/api/v1/agencies/best/initiatives/1/lines/1/months/2003/1",
        data="{}",
        content_type="application/json",
    )

    assert response.status_code == 403
    assert response.json()["code"] == "read_only_token"
