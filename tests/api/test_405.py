"""A method that an API address does not serve answers 405 in the API's JSON error format,
with the Allow header, for token clients and anonymous visitors alike."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.api.helpers import token_client

INITIATIVES = "/api/v1/agencies/kiez/initiatives"


def _in_english(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _allowed(response) -> list[str]:
    return sorted(method.strip() for method in response["Allow"].split(","))


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_wrong_method_on_a_list_is_json_405_with_token(manager, method):
    response = getattr(_in_english(token_client(manager)), method)(INITIATIVES)

    assert response.status_code == 405
    assert response["Content-Type"].startswith("application/json")
    assert response["Allow"] == "GET"
    assert response.json() == {
        "code": "method_not_allowed",
        "message": f"The method {method.upper()} is not allowed here. Allowed: GET.",
        "field": None,
    }


def test_wrong_method_is_json_405_for_anonymous(anonymous, agency):
    response = _in_english(anonymous).delete(INITIATIVES)

    assert response.status_code == 405
    assert response["Content-Type"].startswith("application/json")
    assert response["Allow"] == "GET"
    assert response.json()["code"] == "method_not_allowed"
    assert response.json()["field"] is None


def test_address_with_a_write_names_both_methods_in_allow(manager):
    url = reverse(
        "api:put_month_figures",
        kwargs={"slug": "kiez", "initiative_id": 1, "line_id": 1, "year": 2024, "month": 3},
    )

    response = token_client(manager).delete(url)

    assert response.status_code == 405
    assert _allowed(response) == ["GET", "PUT"]
    assert response.json()["code"] == "method_not_allowed"


@pytest.mark.parametrize("name", ["api:openapi-json", "api:openapi-view", "api:api-root"])
def test_description_docs_and_root_refuse_post_in_json(anonymous, db, name):
    response = anonymous.post(reverse(name))

    assert response.status_code == 405
    assert response["Content-Type"].startswith("application/json")
    assert response["Allow"] == "GET"
    assert response.json()["code"] == "method_not_allowed"


def test_right_method_is_answered_as_before(manager):
    response = token_client(manager).get(INITIATIVES)

    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_session_delete_is_405_not_a_csrf_403(manager):
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)

    response = client.delete(INITIATIVES)

    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"
