"""The pseudonymised export's download asks for the password again (reauthentication); the
page and a form with errors do not. After confirming it, the download that was asked for runs
with the years sent."""

import io
import zipfile

import pytest
from django.urls import reverse
from freezegun import freeze_time

from kiezwerk.core.models import ActivityLogEntry
from tests.conftest import client_for, reauthenticate
from tests.factories import PASSWORD, InitiativeFactory

REAUTHENTICATE = "/accounts/reauthenticate/"
VERB = "reporting.evaluation_exported"


@pytest.fixture(autouse=True)
def _records(settings, agency, neighbourhoods):
    settings.PSEUDONYM_KEY = "k" * 64
    InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[0])


def _url() -> str:
    return reverse("evaluation_export:export", kwargs={"slug": "kiez"})


def _zip_names(response) -> list[str]:
    body = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        return archive.namelist()


@pytest.mark.parametrize("persona", ["evaluator", "manager"], indirect=True)
def test_download_without_a_recent_password_goes_to_reauthenticate(persona):
    response = client_for(persona).post(_url(), {"first": 2003, "last": 2004})

    assert response.status_code == 302
    assert (
        response["Location"]
        == f"{REAUTHENTICATE}?next=%2Fbackoffice%2Fkiez%2Fevaluation%2Fexport%2F"
    )
    assert not ActivityLogEntry.objects.filter(verb=VERB).exists()


def test_page_shows_without_asking_for_the_password(evaluator):
    assert client_for(evaluator).get(_url()).status_code == 200


def test_form_with_errors_comes_back_without_asking_for_the_password(evaluator):
    response = client_for(evaluator).post(_url(), {"first": 2005, "last": 2003})

    assert response.status_code == 400


def test_download_works_after_reauthentication(evaluator):
    client = client_for(evaluator)
    reauthenticate(client, evaluator)

    response = client.post(_url(), {"first": 2003, "last": 2004})

    assert response.status_code == 200
    assert "initiatives.csv" in _zip_names(response)


def test_confirming_the_password_runs_the_download_that_was_asked_for(evaluator):
    client = client_for(evaluator)
    asked = client.post(_url(), {"first": 2003, "last": 2004})

    response = client.post(asked["Location"], {"password": PASSWORD})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "initiatives.csv" in _zip_names(response)
    entry = ActivityLogEntry.objects.get(verb=VERB)
    assert entry.data == {"first": 2003, "last": 2004}


def test_confirmation_lasts_five_minutes(evaluator):
    with freeze_time("2004-03-01 08:00:00"):
        client = client_for(evaluator)
        reauthenticate(client, evaluator)
    with freeze_time("2004-03-01 08:06:00"):
        response = client.post(_url(), {"first": 2003})

    assert response["Location"].startswith(REAUTHENTICATE)
