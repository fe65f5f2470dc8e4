from django.core import mail
from django.urls import reverse

from kiezwerk.accounts.models import User
from tests.factories import PASSWORD

LOGIN = "/accounts/login/"


def _login(client, email, password=PASSWORD, **extra):
    return client.post(LOGIN, {"login": email, "password": password}, **extra)


def test_login_lands_on_the_agency_dashboard(anonymous, manager):
    response = _login(anonymous, "leitung@kiez.test", follow=True)

    assert response.redirect_chain[-1][0] == reverse("backoffice:agency", kwargs={"slug": "kiez"})
    assert "Entwicklungsagentur Kiez" in response.content.decode()


def test_login_accepts_the_address_in_other_case(anonymous, manager):
    response = _login(anonymous, "Leitung@Kiez.TEST")

    assert response.status_code == 302
    assert anonymous.session.get("_auth_user_id") == str(manager.pk)


def test_wrong_password_shows_german_error_and_logs_nobody_in(anonymous, manager):
    response = _login(anonymous, "leitung@kiez.test", "falsch")

    assert response.status_code == 200
    assert "Passwort sind leider falsch" in response.content.decode()
    assert "_auth_user_id" not in anonymous.session


def test_five_failed_logins_lock_that_user_from_that_address(anonymous, manager):
    for _ in range(5):
        _login(anonymous, "leitung@kiez.test", "falsch")

    response = _login(anonymous, "leitung@kiez.test")

    assert response.status_code == 429
    assert "vorübergehend gesperrt" in response.content.decode()
    assert "_auth_user_id" not in anonymous.session


def test_four_failed_logins_do_not_lock(anonymous, manager):
    for _ in range(4):
        _login(anonymous, "leitung@kiez.test", "falsch")

    response = _login(anonymous, "leitung@kiez.test")

    assert response.status_code == 302


def test_lockout_of_one_user_leaves_others_from_that_address_alone(anonymous, manager, advisor):
    for _ in range(5):
        _login(anonymous, "leitung@kiez.test", "falsch")

    response = _login(anonymous, "beratung@kiez.test")

    assert response.status_code == 302


def test_lockout_is_per_address(anonymous, manager):
    for _ in range(5):
        _login(anonymous, "leitung@kiez.test", "falsch")

    response = _login(anonymous, "leitung@kiez.test", REMOTE_ADDR="10.0.0.7")

    assert response.status_code == 302


def test_logout_needs_post_and_ends_the_session(manager):
    from tests.conftest import client_for

    client = client_for(manager)
    client.get("/accounts/logout/")
    assert "_auth_user_id" in client.session

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_reset_mails_a_german_link_that_sets_a_new_password(anonymous, manager):
    anonymous.post("/accounts/password/reset/", {"email": "leitung@kiez.test"})

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["leitung@kiez.test"]
    assert "Passwort" in message.subject
    link = next(
        line for line in message.body.splitlines() if "/accounts/password/reset/key/" in line
    )
    path = link[link.index("/accounts/") :].strip()
    form_url = anonymous.get(path, follow=True).redirect_chain[-1][0]
    new = "ein-neues-langes-passwort"
    anonymous.post(form_url, {"password1": new, "password2": new})
    manager.refresh_from_db()
    assert manager.check_password(new)


def test_password_reset_for_unknown_address_sends_nothing_and_reveals_nothing(anonymous, db):
    response = anonymous.post("/accounts/password/reset/", {"email": "niemand@kiez.test"})

    assert response.status_code == 302
    assert mail.outbox == []


def test_nobody_can_sign_up_alone(anonymous, db):
    anonymous.post(
        "/accounts/signup/",
        {
            "email": "neu@kiez.test",
            "password1": "ein-langes-pw-123",
            "password2": "ein-langes-pw-123",
        },
    )

    assert not User.objects.filter(email="neu@kiez.test").exists()


def test_passwords_are_hashed_with_argon2():
    from kiezwerk import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
