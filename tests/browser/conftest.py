"""Browser fixtures: the system Chromium driven by Playwright against pytest-django's live server.

One browser for all browser tests; every test gets a fresh context (cookies, storage) and page.
Personas come from tests/conftest.py; `transactional_db` is requested first so that they are
created in a database the live server thread can see.

The browser lives for this package, not the whole session: Playwright's sync API keeps an
asyncio loop running in the main thread while it is open, which makes Django refuse ORM calls
(hence DJANGO_ALLOW_ASYNC_UNSAFE). Both end with the last browser test, so the tests after it
run with Django's async-safety check on and without the variable in their environment.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.factories import PASSWORD

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CHROMIUM_MISSING = "Chromium not found: apt-get install chromium"
CSP_MARKER = "Content Security Policy"


def chromium_path() -> str | None:
    found = shutil.which("chromium")
    if found:
        return found
    fallback = Path("/usr/bin/chromium")
    return str(fallback) if fallback.exists() else None


@pytest.fixture(scope="package")
def browser():
    """The system Chromium; skips without it, except in CI where browser tests must run."""
    path = chromium_path()
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(CHROMIUM_MISSING)
        pytest.skip(CHROMIUM_MISSING)
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        # Playwright's event loop runs in this thread; Django's ORM must still work in it.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def browser_context(browser, transactional_db, live_server):
    context = browser.new_context(base_url=live_server.url, locale="de-DE")
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def csp_messages() -> list[str]:
    """Console messages of the test's page that report a Content Security Policy violation."""
    return []


@pytest.fixture
def page(browser_context, csp_messages):
    page = browser_context.new_page()
    page.on(
        "console",
        lambda message: csp_messages.append(message.text) if CSP_MARKER in message.text else None,
    )
    yield page
    page.close()


@pytest.fixture
def log_in(browser_context, live_server):
    """Log a user in by handing the browser a session cookie made by the test client."""

    def log_in(user) -> None:
        client = Client()
        client.force_login(user)
        session_cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        browser_context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": session_cookie,
                    "url": live_server.url,
                }
            ]
        )

    return log_in


@pytest.fixture
def submit_login_form(page):
    """Fill and send the real login form; returns the response of the resulting navigation."""

    def submit(email: str, password: str = PASSWORD):
        page.goto("/accounts/login/")
        page.fill("input[name=login]", email)
        page.fill("input[name=password]", password)
        with page.expect_navigation() as navigation:
            page.click("main form button[type=submit]")
        return navigation.value

    return submit
