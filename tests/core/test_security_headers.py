"""Rendered pages carry the security headers, and under the production settings (the values
`deploy/production.env` gives, read in a subprocess as CI does) HSTS and secure cookies too.

The headers come from Django's SecurityMiddleware and settings (nosniff, referrer policy,
cross-origin opener policy, HSTS), XFrameOptionsMiddleware, django-csp and
django-permissions-policy (kiezwerk/settings.py, "security headers")."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from tests.conftest import client_for
from tests.factories import PASSWORD

BACKOFFICE = "/backoffice/kiez/"
PUBLIC = "/"
ONE_YEAR = 365 * 24 * 60 * 60
# The settings that differ in production, read from deploy/production.env.
PRODUCTION_KEYS = [
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "LANGUAGE_COOKIE_SECURE",
    "REQUIRE_STAFF_MFA",
    "DEBUG",
]


def production_env() -> dict[str, str]:
    env = {**os.environ}
    for line in (Path(settings.BASE_DIR) / "deploy" / "production.env").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, value = line.split("=", 1)
            env[key] = value
    return env


def run_manage(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=production_env(),
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def production_settings() -> dict:
    code = (
        "import json; from django.conf import settings as s;"
        f"print(json.dumps({{k: getattr(s, k) for k in {PRODUCTION_KEYS!r}}}))"
    )
    result = run_manage("shell", "--no-imports", "-c", code)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def in_production(production_settings):
    values = {**production_settings, "REQUIRE_STAFF_MFA": False}  # MFA has its own tests
    if values["SECURE_PROXY_SSL_HEADER"]:
        values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    with override_settings(**values):
        yield


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {name: values for name, *values in parts}


@pytest.fixture(params=["backoffice", "public"])
def page(request, manager):
    if request.param == "backoffice":
        return client_for(manager).get(BACKOFFICE)
    return client_for(None).get(PUBLIC)


def test_page_is_rendered(page):
    assert page.status_code == 200
    assert b"<main" in page.content


def test_content_security_policy_is_strict(page):
    policy = directives(page)

    assert "unsafe-inline" not in page["Content-Security-Policy"]
    assert "unsafe-eval" not in page["Content-Security-Policy"]
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["script-src"][0] == "'self'"
    assert all(source.startswith("'nonce-") for source in policy["script-src"][1:])


def test_frames_sniffing_referrer_and_opener_are_locked(page):
    assert page["X-Frame-Options"] == "DENY"
    assert page["X-Content-Type-Options"] == "nosniff"
    assert page["Referrer-Policy"] == "same-origin"
    assert page["Cross-Origin-Opener-Policy"] == "same-origin"


def test_permissions_policy_switches_off_devices(page):
    policy = {part.strip() for part in page["Permissions-Policy"].split(",")}

    assert {"camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"} <= policy


@pytest.mark.parametrize("path", [BACKOFFICE, PUBLIC])
def test_https_pages_carry_hsts_of_at_least_a_year(in_production, manager, path):
    response = client_for(manager).get(path, secure=True)

    assert response.status_code == 200
    hsts = [part.strip() for part in response["Strict-Transport-Security"].split(";")]
    assert int(hsts[0].removeprefix("max-age=")) >= ONE_YEAR
    assert "includeSubDomains" in hsts


def test_plain_http_is_redirected_to_https(in_production, anonymous):
    response = anonymous.get(PUBLIC)

    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_session_and_csrf_cookies_are_secure_http_only_and_same_site(in_production, manager):
    client = client_for(None)
    form = client.get("/accounts/login/", secure=True)
    login = client.post(
        "/accounts/login/", {"login": manager.email, "password": PASSWORD}, secure=True
    )

    assert login.status_code == 302
    for cookie in (form.cookies[settings.CSRF_COOKIE_NAME], login.cookies["sessionid"]):
        assert cookie["secure"] is True
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Lax"


def test_production_settings_switch_on_https_and_staff_mfa(production_settings):
    assert production_settings["SESSION_COOKIE_SECURE"] is True
    assert production_settings["CSRF_COOKIE_SECURE"] is True
    assert production_settings["SECURE_SSL_REDIRECT"] is True
    assert production_settings["REQUIRE_STAFF_MFA"] is True
    assert production_settings["SECURE_HSTS_SECONDS"] >= ONE_YEAR
    assert production_settings["DEBUG"] is False


def test_production_settings_pass_the_deploy_check():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
