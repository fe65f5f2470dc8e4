"""The admin has no login of its own: everyone logs in through allauth (lockout, two-factor)."""

from django.urls import reverse

from tests.conftest import client_for
from tests.factories import PASSWORD


def test_signed_in_member_cannot_log_in_as_staff_through_the_admin(manager, superuser):
    client = client_for(manager)

    response = client.post(
        reverse("admin:login"), {"username": superuser.email, "password": PASSWORD}
    )

    assert response.status_code == 403
    assert client.get(reverse("admin:index")).wsgi_request.user == manager


def test_anonymous_admin_login_hands_over_to_allauth(anonymous, db):
    response = anonymous.post(
        reverse("admin:login"), {"username": "betrieb@kiezwerk.test", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_staff_at_the_admin_login_go_to_the_admin(superuser):
    response = client_for(superuser).get(reverse("admin:login"))

    assert (response.status_code, response["Location"]) == (302, reverse("admin:index"))
