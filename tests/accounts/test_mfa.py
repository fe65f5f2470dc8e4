import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret, hotp_value
from django.urls import reverse

from tests.conftest import client_for
from tests.factories import PASSWORD

DASHBOARD = "/backoffice/kiez/"


@pytest.fixture
def mfa_required(settings):
    settings.REQUIRE_STAFF_MFA = True


def _activate_totp(user) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return secret


@pytest.mark.parametrize("persona", ["manager", "advisor", "evaluator"], indirect=True)
def test_staff_without_mfa_are_sent_to_set_it_up(mfa_required, persona):
    response = client_for(persona).get(DASHBOARD)

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.parametrize("persona", ["funder", "founder", "partner"], indirect=True)
def test_non_staff_roles_are_not_forced_to_mfa(mfa_required, persona):
    assert client_for(persona).get(DASHBOARD).status_code == 200


def test_staff_with_totp_work_normally(mfa_required, manager):
    _activate_totp(manager)

    assert client_for(manager).get(DASHBOARD).status_code == 200


def test_mfa_setup_stays_reachable_through_reauthentication(mfa_required, advisor):
    response = client_for(advisor).get(reverse("mfa_activate_totp"), follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))


def test_staff_mfa_is_optional_when_the_setting_is_off(settings, advisor):
    settings.REQUIRE_STAFF_MFA = False

    assert client_for(advisor).get(DASHBOARD).status_code == 200


def test_login_with_totp_asks_for_the_code(anonymous, manager):
    secret = _activate_totp(manager)

    response = anonymous.post(
        "/accounts/login/", {"login": "leitung@kiez.test", "password": PASSWORD}
    )

    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in anonymous.session
    code = hotp_value(secret, _counter())
    anonymous.post(reverse("mfa_authenticate"), {"code": f"{code:06d}"})
    assert anonymous.session.get("_auth_user_id") == str(manager.pk)


def test_recovery_code_logs_in_once(anonymous, manager):
    _activate_totp(manager)
    code = RecoveryCodes(
        Authenticator.objects.get(user=manager, type="recovery_codes")
    ).get_unused_codes()[0]
    anonymous.post("/accounts/login/", {"login": "leitung@kiez.test", "password": PASSWORD})

    anonymous.post(reverse("mfa_authenticate"), {"code": code})

    assert anonymous.session.get("_auth_user_id") == str(manager.pk)


def _counter() -> int:
    import time

    from allauth.mfa import app_settings

    return int(time.time()) // app_settings.TOTP_PERIOD
