"""Every public page as a resident meets it on a phone: 360 px wide without sideways
scrolling, no request leaving this server, the skip link as the first Tab stop leading to the
main content, and every link and form control reachable by Tab. Screenshots of each page go to
var/test-artefacts/public/ for a look by eye.

The pages are the accessibility scan's visits (tests/browser/test_accessibility.py) that an
anonymous visitor opens directly, so a new public page is checked here as soon as it has a
visit."""

from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.browser.test_accessibility import (  # noqa: F401 (fixtures the visits use)
    VISITS,
    agency_records,
    case_records,
)

pytestmark = pytest.mark.browser

ARTEFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artefacts" / "public"
PHONE = {"width": 360, "height": 740}
PUBLIC = [
    visit
    for visit in VISITS
    if visit.persona is None
    and visit.reach is None
    and visit.status == 200
    and not visit.path.startswith(("/backoffice/", "/accounts/", "/admin/"))
]
# Elements a keyboard user must reach with Tab (hidden honeypots are left out on purpose).
FOCUSABLE = "a[href], button, select, textarea, input:not([type=hidden]):not([name=website])"
TAB_LIMIT = 400


@pytest.fixture(params=PUBLIC, ids=lambda visit: visit.id)
def public_page(request, live_server, page):
    """The page of one public visit at phone width, and the hosts its requests went to."""
    visit = request.param
    if visit.data:
        request.getfixturevalue("agency_records")
    if visit.cases:
        request.getfixturevalue("case_records")
    names = visit.setup(request) if visit.setup else None
    hosts: list[str] = []
    page.on("request", lambda sent: hosts.append(urlparse(sent.url).hostname))
    page.set_viewport_size(PHONE)
    response = page.goto(visit.url(request, names))
    assert response.status == 200
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTEFACTS / f"{visit.id}-360.png", full_page=True)
    return page, hosts, urlparse(live_server.url).hostname


def test_public_page_fits_a_phone_and_asks_only_this_server(public_page):
    page, hosts, here = public_page

    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    assert set(hosts) == {here}


def test_public_page_skip_link_leads_to_the_main_content(public_page):
    page, _hosts, _here = public_page

    page.keyboard.press("Tab")
    first = page.evaluate("() => document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")

    landed = page.evaluate("() => [document.activeElement.id, location.hash]")
    assert first == "#main"
    assert landed[0] == "main" or landed[1] == "#main"


def test_every_control_of_a_public_page_is_reached_by_tab(public_page):
    page, _hosts, _here = public_page
    wanted = page.evaluate(
        """(selector) => {
            const visible = (el) => el.offsetParent !== null && !el.closest('[aria-hidden=true]');
            const groups = new Set();  // Tab stops once in a group of radio buttons
            document.querySelectorAll(selector).forEach((el, i) => {
                if (!visible(el)) return;
                if (el.type === 'radio') {
                    if (groups.has(el.name)) return;
                    groups.add(el.name);
                    const group = document.querySelectorAll(`input[type=radio][name="${el.name}"]`);
                    group.forEach((radio) => { radio.dataset.tabCheck = 'radio:' + el.name; });
                    return;
                }
                el.dataset.tabCheck = String(i);
            });
            const marks = new Set();
            const checked = document.querySelectorAll('[data-tab-check]');
            checked.forEach((el) => marks.add(el.dataset.tabCheck));
            return marks.size;
        }""",
        FOCUSABLE,
    )

    reached = set()
    for _ in range(min(TAB_LIMIT, wanted * 2 + 10)):
        page.keyboard.press("Tab")
        mark = page.evaluate("() => document.activeElement.dataset.tabCheck || null")
        if mark is not None:
            reached.add(mark)
        if len(reached) == wanted:
            break

    assert len(reached) == wanted
