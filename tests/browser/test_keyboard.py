"""The pages work with the keyboard alone: skip link, login form, language switch."""

import pytest

from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

TAB_LIMIT = 30


def is_focused(page, selector: str) -> bool:
    return page.evaluate("selector => document.activeElement.matches(selector)", selector)


def tab_to(page, selector: str) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(TAB_LIMIT):
        page.keyboard.press("Tab")
        if is_focused(page, selector):
            return
    pytest.fail(f"{selector} never got the focus within {TAB_LIMIT} presses of Tab")


def test_skip_link_is_first_tab_stop(page):
    page.goto("/")

    page.keyboard.press("Tab")

    focused = page.evaluate(
        "() => ({text: document.activeElement.textContent.trim(),"
        " href: document.activeElement.getAttribute('href')})"
    )
    assert focused == {"text": "Zum Hauptinhalt springen", "href": "#main"}


def test_skip_link_moves_focus_to_main(page):
    page.goto("/")
    page.keyboard.press("Tab")

    page.keyboard.press("Enter")

    landed = page.evaluate("() => [document.activeElement.id, location.hash]")
    assert landed[0] == "main" or landed[1] == "#main"


def test_login_form_logs_manager_in_by_keyboard(page, agency, manager):
    page.goto("/accounts/login/")
    tab_to(page, "input[name=login]")
    page.keyboard.type(manager.email)
    tab_to(page, "input[name=password]")
    page.keyboard.type(PASSWORD)

    with page.expect_navigation(url="**/backoffice/kiez/"):
        page.keyboard.press("Enter")

    assert page.locator("main h1").inner_text() == agency.name


def test_language_switch_changes_to_english_by_keyboard(page):
    page.goto("/")
    tab_to(page, "#language-select")
    page.keyboard.press("ArrowDown")
    tab_to(page, "form.language-switch button[type=submit]")

    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.get_attribute("html", "lang") == "en"


def test_loading_older_activity_keeps_focus_on_the_new_entries(page, log_in, agency, manager):
    from kiezwerk.agencies.views import ACTIVITY_PAGE_SIZE
    from kiezwerk.core.activity import log_action

    for number in range(ACTIVITY_PAGE_SIZE + 3):
        log_action(manager, "changed", agency, {"number": number})
    log_in(manager)
    page.goto("/backoffice/kiez/activity/")
    tab_to(page, ".load-more a")

    page.keyboard.press("Enter")

    page.wait_for_function("() => document.querySelectorAll('#activity-entries > li').length > 50")
    # htmx settles the swap a moment later; then the first new entry holds the focus.
    page.wait_for_function("() => document.activeElement.matches('#activity-entries > li')")
    first_new = page.locator("#activity-entries > li").nth(ACTIVITY_PAGE_SIZE)
    assert first_new.evaluate("element => element === document.activeElement")
    assert page.locator("#activity-entries > li").count() == ACTIVITY_PAGE_SIZE + 3
    assert page.url.endswith("/backoffice/kiez/activity/")


def test_language_switch_names_each_language_in_its_own_language(page):
    page.goto("/")

    options = page.locator("#language-select option").all_inner_texts()

    assert [text.strip() for text in options] == ["Deutsch", "English"]
