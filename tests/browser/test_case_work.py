"""An advisor, as a new user would: takes a call, opens the case, advises it through to
founding on the board and the case page, and finds the whole history on one page."""

import pytest

from kiezwerk.initiatives.models import Initiative
from tests.browser.test_keyboard import tab_to
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def _log_in_by_form(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")


def _open_case_from_a_call(page) -> None:
    page.get_by_role("link", name="Initiative anlegen").first.click()
    page.get_by_label("Name der Initiative").fill("Fahrradwerkstatt Boxhagener Platz")
    page.get_by_label("Quartier").select_option(label="Boxhagener Platz")
    page.get_by_label("Idee").fill("Reparaturen gegen Spende, Kurse für Jugendliche")
    page.get_by_label("Kontaktperson:", exact=True).fill("Jana Köhler")
    page.get_by_label("Telefon").fill("030 123456")
    page.get_by_label("Die Kontaktperson ist einverstanden").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Initiative anlegen").click()


def _record_consultation(page) -> None:
    page.get_by_role("link", name="Beratung erfassen").click()
    page.get_by_label("Datum").fill("2003-02-03")
    page.get_by_label("Dauer (Minuten)").fill("60")
    page.get_by_label("Thema").select_option(label="Finanzierungsmix")
    page.get_by_label("Notizen").fill("Leistungsvertrag mit dem Bezirk besprochen")
    with page.expect_navigation():
        page.get_by_role("button", name="Erfassen").click()


def _move_on_the_board(page, initiative: Initiative, stage: str) -> None:
    """Choose the stage on the card and press Move: htmx swaps the board, no page load."""
    page.evaluate("() => { window.sameDocument = true; }")
    page.select_option(f"#stage-{initiative.pk}", label=stage)
    page.locator(f"#stage-{initiative.pk}").locator("xpath=..").get_by_role("button").click()
    column = page.get_by_role("region", name=stage)
    column.get_by_role("link", name=initiative.name).wait_for()
    assert page.evaluate("() => window.sameDocument === true"), "the board was reloaded"


def _move_on_the_case_page(page, stage: str, note: str) -> None:
    page.get_by_label("Neue Phase").select_option(label=stage)
    page.get_by_label("Notiz:", exact=True).fill(note)
    with page.expect_navigation():
        page.get_by_role("button", name="Phase ändern").click()


def test_advisor_takes_a_call_and_advises_the_case_to_founding(page, agency, advisor):
    _log_in_by_form(page, advisor.email)
    page.get_by_role("link", name="Pipeline").first.click()

    _open_case_from_a_call(page)
    initiative = Initiative.objects.get(name="Fahrradwerkstatt Boxhagener Platz")
    _record_consultation(page)
    page.goto("/backoffice/kiez/initiatives/board/")
    _move_on_the_board(page, initiative, "Orientierung")
    _move_on_the_board(page, initiative, "Konzept")
    page.get_by_role("link", name=initiative.name).click()
    _move_on_the_case_page(page, "Gründung", "Satzung beschlossen, Eintragung beantragt")

    initiative.refresh_from_db()
    assert initiative.stage == "founding"
    history = page.locator("#timeline-title + ol").inner_text()
    for step in ["Gründung", "Konzept", "Orientierung", "Anfrage", "Finanzierungsmix"]:
        assert step in history
    assert history.index("Gründung") < history.index("Anfrage")


def test_card_moves_by_keyboard_on_the_board(page, log_in, agency, manager, initiative):
    log_in(manager)
    page.goto("/backoffice/kiez/initiatives/board/")
    tab_to(page, f"#stage-{initiative.pk}")

    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    page.get_by_role("region", name="Orientierung").get_by_role(
        "link", name=initiative.name
    ).wait_for()
    initiative.refresh_from_db()
    assert initiative.stage == "orientation"
