"""The directory and the calendar as a resident uses them on a phone: 360 px wide, by keyboard,
and without any request leaving the server. Screenshots go to var/test-artefacts/portal/."""

from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.browser.test_keyboard import tab_to
from tests.browser.visits_portal_directory import directory_entries, upcoming_forums

pytestmark = pytest.mark.browser

ARTEFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artefacts" / "portal"
PHONE = {"width": 360, "height": 740}
PAGES = {
    "directory": "/enterprises/",
    "enterprise": "/enterprises/{enterprise}/",
    "calendar": "/agencies/kiez/calendar/",
}


@pytest.fixture
def records(request) -> dict:
    upcoming_forums(request)
    return directory_entries(request)


@pytest.mark.parametrize("name", PAGES)
def test_page_fits_a_phone_and_asks_only_this_server(page, live_server, records, name):
    hosts = []
    page.on("request", lambda sent: hosts.append(urlparse(sent.url).hostname))
    page.set_viewport_size(PHONE)

    page.goto(PAGES[name].format(**records))

    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTEFACTS / f"{name}-360.png", full_page=True)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    assert set(hosts) == {urlparse(live_server.url).hostname}


def test_resident_filters_the_directory_by_keyboard(page, records):
    page.goto("/enterprises/")
    tab_to(page, "select[name=neighbourhood]")
    page.keyboard.press("ArrowDown")  # "Boxhagener Platz", then "Helmholtzplatz"
    page.keyboard.press("ArrowDown")

    with page.expect_navigation():
        tab_to(page, "main form button[type=submit]")
        page.keyboard.press("Enter")

    assert "neighbourhood=helmholtzplatz" in page.url
    names = page.locator("main .directory-entry h3").all_inner_texts()
    assert names == ["Reparaturwerkstatt", "Stadtteilzeitung"]
