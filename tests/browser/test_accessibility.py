"""Every page, as the persona who sees it, passes axe (WCAG 2.1 A/AA) in a real browser.

Each page is also checked for `<html lang="de">`, exactly one `<main>`, and a console free of
Content Security Policy violations.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from axe_playwright_python.sync_playwright import Axe

from kiezwerk.accounts.enums import Role
from kiezwerk.core.activity import log_action
from tests.factories import (
    PASSWORD,
    GrantFactory,
    MembershipFactory,
    PartnerFactory,
    UserFactory,
    member,
)

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
WRONG_PASSWORD = "ganz-falsches-passwort"
FAILURES_UNTIL_LOCKOUT = 5
# One more entry than the activity log shows at once, so that "Show older entries" appears.
ACTIVITY_ENTRIES = 51


def fail_login_once(page, path, user, submit_login_form):
    return submit_login_form(user.email, WRONG_PASSWORD)


def fail_login_until_locked_out(page, path, user, submit_login_form):
    """Five failed logins for one e-mail address; the sixth attempt meets the lockout."""
    for _ in range(FAILURES_UNTIL_LOCKOUT):
        submit_login_form(user.email, WRONG_PASSWORD)
    return submit_login_form(user.email, WRONG_PASSWORD)


def open_after_reauthentication(page, path, user, submit_login_form):
    """MFA set-up asks for the password again, even right after logging in."""
    page.goto(path)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation() as navigation:
        page.click("main form button[type=submit]")
    return navigation.value


def send_form_without_csrf_cookie(page, path, user, submit_login_form):
    """A form sent after its cookies are gone meets the CSRF failure page."""
    page.goto(path)
    page.context.clear_cookies()
    page.fill("input[name=login]", "leitung@kiez.test")
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation() as navigation:
        page.click("main form button[type=submit]")
    return navigation.value


@dataclass(frozen=True)
class Visit:
    """A page to scan: who visits it (a fixture name), whether logged in, how they get there."""

    id: str
    path: str
    persona: str | None = None
    logged_in: bool = True
    reach: Callable | None = None  # (page, path, user, submit_login_form) -> last response
    status: int = 200
    shows: str | None = None  # a selector proving that the page is in the state to scan
    data: bool = False  # fill the agency with a grant, a partner and activity first


DASHBOARD = "/backoffice/kiez/"
AGENCY_HEADING = "main h1:text-is('Entwicklungsagentur Kiez')"

VISITS = [
    # anonymous
    Visit("start", "/", data=True),
    Visit("login", "/accounts/login/"),
    Visit(
        "login_failed",
        "/accounts/login/",
        "manager",
        logged_in=False,
        reach=fail_login_once,
        shows="main .form-errors",
    ),
    Visit("password_reset", "/accounts/password/reset/"),
    Visit("password_reset_done", "/accounts/password/reset/done/"),
    Visit("password_reset_bad_key", "/accounts/password/reset/key/1-ungueltig/"),
    Visit("signup_closed", "/accounts/signup/"),
    Visit("not_found", "/gibt-es-nicht/", status=404),
    Visit(
        "lockout",
        "/accounts/login/",
        "manager",
        logged_in=False,
        reach=fail_login_until_locked_out,
        status=429,
        shows='main a[href="/accounts/password/reset/"]',
    ),
    Visit(
        "csrf_failure",
        "/accounts/login/",
        reach=send_form_without_csrf_cookie,
        status=403,
    ),
    # logged in
    Visit("logout_confirmation", "/accounts/logout/", "manager"),
    Visit("backoffice_chooser", "/backoffice/", "member_of_two_agencies", shows="main .card-list"),
    Visit("backoffice_no_agency", "/backoffice/", "member_of_no_agency"),
    *[
        Visit(f"dashboard_{role}", DASHBOARD, role, shows=AGENCY_HEADING, data=True)
        for role in Role.values
    ],
    Visit(
        "activity_log",
        "/backoffice/kiez/activity/",
        "manager",
        shows="main .load-more a",
        data=True,
    ),
    Visit("forbidden", "/backoffice/kiez/team.csv", "advisor", status=403),
    Visit("reauthenticate", "/accounts/reauthenticate/", "manager"),
    Visit("mfa_index", "/accounts/2fa/", "manager"),
    Visit(
        "totp_activate",
        "/accounts/2fa/totp/activate/",
        "manager",
        reach=open_after_reauthentication,
    ),
    Visit("password_change", "/accounts/password/change/", "manager"),
    Visit("email", "/accounts/email/", "manager"),
    Visit("admin_index", "/admin/", "superuser"),
]


@pytest.fixture
def member_of_two_agencies(agency, other_agency):
    user = member(agency, Role.MANAGER, name="Jonas Keller", email="zwei@kiez.test")
    MembershipFactory(agency=other_agency, user=user, role=Role.EVALUATOR)
    return user


@pytest.fixture
def member_of_no_agency(transactional_db):
    return UserFactory(name="Nina Roth", email="ohne@kiez.test")


@pytest.fixture
def superuser(transactional_db):
    return UserFactory(
        name="Sabine Admin", email="admin@kiez.test", is_staff=True, is_superuser=True
    )


@pytest.fixture
def agency_records(agency, manager):
    """A grant, a network partner and more activity than one page of the log shows."""
    GrantFactory(agency=agency, title="Gründungsberatung im Kiez")
    partner = PartnerFactory(agency=agency, name="Nachbarschaftshaus Urbanstraße e.V.")
    for _ in range(ACTIVITY_ENTRIES):
        log_action(manager, "changed", partner)


@pytest.fixture(params=VISITS, ids=lambda visit: visit.id)
def visited_page(request, live_server, page, log_in, submit_login_form):
    """The page of one visit, reached as its persona; fails if it is not the expected page."""
    visit = request.param
    if visit.data:
        request.getfixturevalue("agency_records")
    user = request.getfixturevalue(visit.persona) if visit.persona else None
    if user is not None and visit.logged_in:
        log_in(user)
    if visit.reach:
        response = visit.reach(page, visit.path, user, submit_login_form)
    else:
        response = page.goto(visit.path)
    reached = (response.status, page.url.removeprefix(live_server.url))
    assert reached == (visit.status, visit.path), "the visit did not reach the page to scan"
    if visit.shows:
        assert page.locator(visit.shows).count() == 1, f"the page does not show {visit.shows}"
    return page


def test_page_passes_axe_wcag21_aa(visited_page):
    results = Axe().run(visited_page, options=AXE_OPTIONS)

    assert results.violations_count == 0, results.generate_report()


def test_page_declares_german_language(visited_page):
    lang = visited_page.get_attribute("html", "lang")

    assert lang == "de"


def test_page_has_exactly_one_main(visited_page):
    mains = visited_page.locator("main").count()

    assert mains == 1


def test_page_logs_no_csp_violation(visited_page, csp_messages):
    violations = list(csp_messages)

    assert violations == []
