"""Tokens and sessions: who the API lets in, and what a read-only token may not do."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone
from freezegun import freeze_time

from kiezwerk.api.models import ApiToken, hash_token
from tests.api.helpers import token_client, token_for
from tests.conftest import client_for

AGENCIES = "/api/v1/agencies"
NEEDS = "/api/v1/agencies/kiez/needs"


def _bearer(text: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {text}"})


def test_token_reads_as_its_user(manager):
    response = token_client(manager, "read").get(AGENCIES)

    assert response.status_code == 200
    assert [a["slug"] for a in response.json()["results"]] == ["kiez"]


def test_token_is_stored_only_as_hash(manager):
    text = token_for(manager)

    token = ApiToken.objects.get()
    assert text.startswith(f"kw_{token.prefix}_")
    assert token.key_hash == hash_token(text)
    assert text not in str(ApiToken.objects.values().get())


@pytest.mark.parametrize("text", ["", "kw_nothing_here", "Basic abc"])
def test_unknown_token_is_401(manager, text):
    token_for(manager)

    response = _bearer(text).get(AGENCIES)

    assert response.status_code == 401
    assert response.json()["code"] in {"invalid_token", "not_authenticated"}


def test_revoked_token_is_401(manager):
    text = token_for(manager)
    ApiToken.objects.update(revoked_at=timezone.now())

    response = _bearer(text).get(AGENCIES)

    assert (response.status_code, response.json()["code"]) == (401, "invalid_token")


def test_expired_token_is_401(manager):
    text = token_for(manager, expires_at=timezone.now() + dt.timedelta(days=1))

    with freeze_time(timezone.now() + dt.timedelta(days=2)):
        response = _bearer(text).get(AGENCIES)

    assert (response.status_code, response.json()["code"]) == (401, "invalid_token")


def test_token_of_inactive_user_is_401(manager):
    text = token_for(manager)
    manager.is_active = False
    manager.save()

    assert _bearer(text).get(AGENCIES).status_code == 401


def test_anonymous_is_401_json():
    response = Client().get(AGENCIES)

    assert response.status_code == 401
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json()["code"] == "not_authenticated"


def test_last_use_is_recorded_at_most_once_a_minute(manager):
    text = token_for(manager)
    start = timezone.now()
    with freeze_time(start):
        _bearer(text).get(AGENCIES)
    with freeze_time(start + dt.timedelta(seconds=30)):
        _bearer(text).get(AGENCIES)
    assert ApiToken.objects.get().last_used_at == start

    with freeze_time(start + dt.timedelta(seconds=61)):
        _bearer(text).get(AGENCIES)

    assert ApiToken.objects.get().last_used_at == start + dt.timedelta(seconds=61)


PROBE = "/probe/thing"
probe_urls = pytest.mark.urls("tests.api.urls_write_probe")


@probe_urls
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_read_only_token_cannot_write(manager, method):
    response = getattr(token_client(manager, "read"), method)(PROBE)

    assert response.status_code == 403
    assert response.json()["code"] == "read_only_token"


@probe_urls
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_write_token_writes(manager, method):
    response = getattr(token_client(manager, "write"), method)(PROBE)

    assert (response.status_code, response.json()) == (200, {"written_by": manager.email})


def test_session_reads(manager):
    assert client_for(manager).get(AGENCIES).status_code == 200


def _csrf_client(user) -> tuple[Client, str]:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get("/backoffice/my-data/api-tokens/")  # sets the CSRF cookie
    return client, client.cookies["csrftoken"].value


@probe_urls
def test_session_write_needs_csrf(manager):
    client, csrf = _csrf_client(manager)

    refused = client.post(PROBE)
    accepted = client.post(PROBE, headers={"X-CSRFToken": csrf})

    assert (refused.status_code, refused.json()["code"]) == (403, "csrf_failed")
    assert accepted.status_code == 200


@probe_urls
def test_anonymous_write_is_401_not_csrf():
    response = Client(enforce_csrf_checks=True).post(PROBE)

    assert (response.status_code, response.json()["code"]) == (401, "not_authenticated")


@probe_urls
def test_token_write_needs_no_csrf(manager):
    client = Client(
        enforce_csrf_checks=True, headers={"Authorization": f"Bearer {token_for(manager)}"}
    )

    assert client.post(PROBE).status_code == 200
