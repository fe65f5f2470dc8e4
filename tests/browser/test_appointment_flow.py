"""The issue's done-when, as a new resident would on a phone: find the agency, read what it does
in plain language, request a phone appointment; then the request arrives in the advisor's
calendar, who answers it and, after the call, turns it into a case. 360 px wide, no request
leaving the server; screenshots go to var/test-artefacts/appointments/."""

from pathlib import Path
from urllib.parse import urlparse

import pytest

from kiezwerk.appointments.models import AppointmentRequest
from kiezwerk.initiatives.models import Initiative
from tests.appointments.world import weekly_slot
from tests.browser.test_keyboard import tab_to
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

ARTEFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artefacts" / "appointments"
PHONE = {"width": 360, "height": 740}


def _fits_the_phone(page, name: str) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTEFACTS / f"{name}-360.png", full_page=True)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"], name


def _resident_requests_a_phone_appointment(page) -> None:
    page.goto("/")
    page.locator("main a[href='/agencies/kiez/']").first.click()
    page.locator("main a[href='/agencies/kiez/plain_language/']").first.click()
    assert page.locator("main h1").count() == 1
    _fits_the_phone(page, "plain-language")
    page.go_back()
    page.locator("main a[href='/agencies/kiez/appointment/']").first.click()
    _fits_the_phone(page, "request-form")
    page.select_option("#id_neighbourhood", label="Boxhagener Platz")
    page.select_option("#id_time", index=1)  # the first free time
    page.fill("#id_name", "Jana Köhler")
    page.fill("#id_phone", "030 123456")
    page.fill("#id_email", "jana@example.org")
    page.fill("#id_description", "Wir möchten ein Nachbarschaftscafé gründen.")
    page.check("#id_consent")
    with page.expect_navigation():
        page.click("#appointment-form button[type=submit]")
    page.locator("#appointment-sent").wait_for()
    _fits_the_phone(page, "request-sent")


def _advisor_takes_it_in(page, advisor) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=login]", advisor.email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    page.click("#appointments-link")
    page.locator("#open-requests").get_by_role("link", name="Jana Köhler").click()
    page.check("input[name=action][value=accept]")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    page.click("a[href$='/intake/']")
    page.fill("#id_name", "Nachbarschaftscafé Boxhagen")
    with page.expect_navigation():
        page.click("main form button[type=submit]")


def test_resident_requests_an_appointment_and_the_advisor_turns_it_into_a_case(
    page, live_server, agency, neighbourhoods, advisor
):
    weekly_slot(agency, neighbourhoods[0], advisor)
    hosts = []
    page.on("request", lambda sent: hosts.append(urlparse(sent.url).hostname))
    page.set_viewport_size(PHONE)

    _resident_requests_a_phone_appointment(page)
    _advisor_takes_it_in(page, advisor)

    initiative = Initiative.objects.get(name="Nachbarschaftscafé Boxhagen")
    request = AppointmentRequest.objects.get()
    assert (request.status, request.initiative) == ("done", initiative)
    assert initiative.contacts.get().name == "Jana Köhler"
    assert initiative.consultations.count() == 1
    assert page.url.endswith(f"/backoffice/kiez/initiatives/{initiative.pk}/")
    assert set(hosts) == {urlparse(live_server.url).hostname}


def test_resident_sends_the_request_by_keyboard_alone(page, agency, neighbourhoods):
    """Tab through the form in order (the honeypot is skipped), type, and send with Enter."""
    weekly_slot(agency, neighbourhoods[0])
    page.goto("/agencies/kiez/appointment/")

    tab_to(page, "#id_neighbourhood")
    page.keyboard.press("ArrowDown")  # Boxhagener Platz, the first neighbourhood
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # the call back (first choice) stays chosen
    page.keyboard.type("vormittags")
    page.keyboard.press("Tab")
    page.keyboard.type("Ali Kaya")
    page.keyboard.press("Tab")
    page.keyboard.type("030 654321")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.type("Eine Idee für einen Tauschladen.")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    tab_to(page, "#appointment-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    page.locator("#appointment-sent").wait_for()
    request = AppointmentRequest.objects.get()
    assert (request.name, request.callback_note, request.slot) == ("Ali Kaya", "vormittags", None)
