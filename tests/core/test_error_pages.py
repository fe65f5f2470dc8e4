import pytest
from django.test import Client, override_settings


def test_unknown_url_shows_german_404_page(db, anonymous):
    response = anonymous.get("/gibt-es-nicht/")

    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


@override_settings(ROOT_URLCONF="tests.core.urls_failing")
def test_server_error_shows_german_page_without_details(db):
    client = Client(raise_request_exception=False)

    response = client.get("/kaputt/")

    body = response.content.decode()
    assert response.status_code == 500
    assert "Etwas ist schiefgelaufen" in body
    assert "secret detail" not in body
    assert "Traceback" not in body


@pytest.mark.parametrize("language", ["de", "en"])
def test_404_page_follows_the_language(db, anonymous, language):
    anonymous.cookies["django_language"] = language

    response = anonymous.get("/gibt-es-nicht/")

    expected = {"de": "Seite nicht gefunden", "en": "Page not found"}[language]
    assert expected in response.content.decode()


def test_form_without_security_token_is_refused_in_german_and_changes_nothing(db, manager):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/accounts/login/", {"login": "leitung@kiez.test", "password": "x"})

    assert response.status_code == 403
    assert "Das Formular ist abgelaufen" in response.content.decode()
    assert "_auth_user_id" not in client.session
