"""Sessions end after 30 minutes without activity and 10 hours after the login, whatever the
activity: the user is logged out and sent to the login page with a message, `next` kept."""

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.urls import reverse
from freezegun import freeze_time

from kiezwerk.accounts.middleware import SEEN
from tests.conftest import client_for, count_queries
from tests.factories import PASSWORD

DASHBOARD = "/backoffice/kiez/"
LOGIN = "/accounts/login/"
LOGIN_TIME = dt.datetime(2004, 3, 1, 8, 0, tzinfo=dt.UTC)


def _later(**delta) -> dt.datetime:
    return LOGIN_TIME + dt.timedelta(**delta)


def _logged_in(user):
    """A client logged in at LOGIN_TIME, its pages in English."""
    with freeze_time(LOGIN_TIME):
        client = client_for(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _messages(response) -> list[str]:
    return [str(message).replace("\xa0", " ") for message in get_messages(response.wsgi_request)]


def test_defaults_are_thirty_minutes_idle_and_ten_hours_in_all():
    assert (settings.SESSION_IDLE_TIMEOUT, settings.SESSION_ABSOLUTE_TIMEOUT) == (1800, 36000)
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_ABSOLUTE_TIMEOUT


def test_session_within_the_idle_time_goes_on(manager):
    client = _logged_in(manager)

    with freeze_time(_later(minutes=29)):
        response = client.get(DASHBOARD)

    assert response.status_code == 200


def test_idle_session_is_logged_out_and_sent_to_the_login_with_next(manager):
    client = _logged_in(manager)

    with freeze_time(_later(minutes=31)):
        response = client.get(DASHBOARD + "?year=2004")

    assert response.status_code == 302
    assert response["Location"] == LOGIN + "?next=%2Fbackoffice%2Fkiez%2F%3Fyear%3D2004"
    assert "_auth_user_id" not in client.session
    assert _messages(response) == [
        "You were logged out after 30 minutes without activity. Please log in again."
    ]


def test_message_shows_on_the_login_page(manager):
    client = _logged_in(manager)

    with freeze_time(_later(minutes=31)):
        response = client.get(DASHBOARD, follow=True)

    assert response.redirect_chain[-1][0].startswith(LOGIN)
    assert "without activity. Please log in again." in response.content.decode()


def test_each_request_keeps_the_session_alive(manager):
    client = _logged_in(manager)

    for minutes in (20, 40, 60, 80):
        with freeze_time(_later(minutes=minutes)):
            assert client.get(DASHBOARD).status_code == 200


def test_session_ends_after_ten_hours_however_active(manager):
    client = _logged_in(manager)
    for minutes in range(20, 600, 20):
        with freeze_time(_later(minutes=minutes)):
            client.get(DASHBOARD)

    with freeze_time(_later(hours=10, minutes=1)):
        response = client.get(DASHBOARD)

    assert response["Location"] == LOGIN + "?next=%2Fbackoffice%2Fkiez%2F"
    assert _messages(response) == [
        "You were logged out: a login lasts at most 10 hours. Please log in again."
    ]


def test_timeouts_follow_the_settings(settings, manager):
    settings.SESSION_IDLE_TIMEOUT = 5 * 60
    client = _logged_in(manager)

    with freeze_time(_later(minutes=6)):
        response = client.get(DASHBOARD)

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_a_new_login_starts_the_clocks_again(manager):
    client = _logged_in(manager)

    with freeze_time(_later(hours=11)):
        client.get(DASHBOARD)
        client.post(LOGIN, {"login": manager.email, "password": PASSWORD})
        response = client.get(DASHBOARD)

    assert response.status_code == 200


def test_form_sent_after_the_timeout_returns_to_the_page_it_came_from(manager):
    client = _logged_in(manager)

    with freeze_time(_later(hours=1)):
        response = client.post(
            "/backoffice/kiez/evaluation/export/",
            {"first": 2003},
            HTTP_REFERER="http://testserver/backoffice/kiez/evaluation/export/",
        )

    assert response["Location"] == LOGIN + "?next=%2Fbackoffice%2Fkiez%2Fevaluation%2Fexport%2F"


def test_form_from_elsewhere_gets_no_next(manager):
    client = _logged_in(manager)

    with freeze_time(_later(hours=1)):
        response = client.post(DASHBOARD, HTTP_REFERER="https://evil.example/")

    assert response["Location"] == LOGIN


def test_htmx_request_is_redirected_as_a_whole_page(manager):
    client = _logged_in(manager)

    with freeze_time(_later(hours=1)):
        response = client.get(DASHBOARD, HTTP_HX_REQUEST="true")

    assert response["HX-Redirect"] == LOGIN + "?next=%2Fbackoffice%2Fkiez%2F"


def test_anonymous_visitors_are_not_affected(anonymous, db):
    with freeze_time(_later(hours=20)):
        assert anonymous.get("/").status_code == 200


@pytest.mark.parametrize("minutes", [0, 59])
def test_the_time_last_seen_is_saved_at_most_once_a_minute(manager, minutes):
    client = _logged_in(manager)
    with freeze_time(_later(minutes=5)):
        client.get(DASHBOARD)

    with freeze_time(_later(minutes=5, seconds=minutes)):
        client.get(DASHBOARD)
        seen = client.session[SEEN]

    assert seen == _later(minutes=5).timestamp()


def test_the_time_last_seen_moves_after_a_minute(manager):
    client = _logged_in(manager)

    with freeze_time(_later(minutes=5)):
        client.get(DASHBOARD)
    with freeze_time(_later(minutes=6)):
        client.get(DASHBOARD)
        seen = client.session[SEEN]

    assert seen == _later(minutes=6).timestamp()


def test_first_request_after_login_saves_no_session(manager):
    client = client_for(manager)
    url = reverse("backoffice:agency", kwargs={"slug": "kiez"})

    first = count_queries(lambda: client.get(url))
    second = count_queries(lambda: client.get(url))

    assert first == second
