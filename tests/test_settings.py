"""Production settings pass Django's deploy check; pages carry the security headers."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings


def _production_env() -> dict[str, str]:
    env = {**os.environ}
    path = Path(settings.BASE_DIR) / "deploy" / "production.env"
    for line in path.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, value = line.split("=", 1)
            env[key] = value
    return env


def _run_in_production(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=_production_env(),
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_pass_the_deploy_check():
    result = _run_in_production("check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_require_staff_mfa_and_secure_cookies():
    code = (
        "from django.conf import settings as s;"
        "print(s.REQUIRE_STAFF_MFA, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.DEBUG)"
    )

    result = _run_in_production("shell", "--no-imports", "-c", code)

    assert result.stdout.split() == ["True", "True", "True", "False"], result.stderr


def test_pages_carry_security_headers(client, db):
    response = client.get("/")

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe" not in policy
