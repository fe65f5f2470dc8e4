"""Every page, as the persona who sees it, passes axe (WCAG 2.1 A/AA) in a real browser.

Each page is also checked for `<html lang="de">`, exactly one `<main>`, and a console free of
Content Security Policy violations.
"""

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe

from kiezwerk.accounts.enums import Role
from kiezwerk.core.activity import log_action
from tests.browser.visit import Visit
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


def send_empty_form(page, path, user, submit_login_form):
    """Send a form without filling it in: the page comes back with the errors."""
    page.goto(path)
    with page.expect_navigation() as navigation:
        page.click("main form button[type=submit]")
    return navigation.value


DASHBOARD = "/backoffice/kiez/"
CASE = "/backoffice/kiez/initiatives/{initiative}/"
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
    # initiatives
    Visit("pipeline_board", "/backoffice/kiez/initiatives/board/", "manager", cases=True),
    Visit("initiative_list", "/backoffice/kiez/initiatives/", "advisor", cases=True),
    Visit(
        "initiative_search",
        "/backoffice/kiez/initiatives/?q=Caf%C3%A9&order=-last_contact",
        "manager",
        cases=True,
    ),
    Visit("initiative_create", "/backoffice/kiez/initiatives/new/", "advisor"),
    Visit(
        "initiative_create_errors",
        "/backoffice/kiez/initiatives/new/",
        "advisor",
        reach=send_empty_form,
        status=400,
        shows="main .field-errors >> nth=0",
    ),
    Visit("stage_report", "/backoffice/kiez/initiatives/stages/", "manager", cases=True),
    Visit("initiative_detail", CASE, "advisor", cases=True),
    Visit("initiative_detail_manager", CASE, "manager", cases=True),
    Visit("initiative_detail_founder", CASE, "founder", cases=True),
    Visit("initiative_edit", CASE + "edit/", "advisor", cases=True),
    Visit("consultation_form", CASE + "consultations/new/", "advisor", cases=True),
    Visit("contact_form", CASE + "contacts/new/", "advisor", cases=True),
    Visit("document_form", CASE + "documents/new/", "advisor", cases=True),
    Visit(
        "document_form_errors",
        CASE + "documents/new/",
        "advisor",
        cases=True,
        reach=send_empty_form,
        status=400,
        shows="main .field-errors >> nth=0",
    ),
    Visit("criteria_form", CASE + "criteria/new/", "advisor", cases=True),
    Visit("emes_form", CASE + "emes/new/", "advisor", cases=True),
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


@pytest.fixture
def case_records(
    agency, neighbourhoods, manager, advisor, initiative, founder_contact, settings, tmp_path
):
    """Initiatives in several stages, and one with consultations, milestones and history."""
    from kiezwerk.initiatives import services
    from tests.factories import InitiativeFactory, NeedFactory

    settings.MEDIA_ROOT = tmp_path
    for number, stage in enumerate(["inquiry", "concept", "founding", "paused", "consolidation"]):
        InitiativeFactory(
            agency=agency,
            neighbourhood=neighbourhoods[number % 2],
            name=f"Café {number}",
            stage=stage,
        )
    need = NeedFactory(agency=agency, neighbourhood=neighbourhoods[0], title="Treffpunkt fehlt")
    initiative.needs.add(need, through_defaults={"agency": agency})
    services.record_consultation(
        initiative,
        actor=advisor,
        held_on=dt.date(2003, 2, 3),
        duration_minutes=60,
        topic="idea",
        notes="Erstberatung",
        follow_up_on=dt.date(2003, 3, 3),
        needs_raised=[need],
    )
    services.change_stage(initiative, actor=advisor, to_stage="orientation", version=0)
    milestone = services.add_milestone(
        initiative, actor=advisor, title="Businessplan", due_on=dt.date(2003, 6, 30)
    )
    services.add_milestone(initiative, actor=advisor, title="Satzung", due_on=dt.date(2099, 1, 1))
    services.set_milestone_done(milestone, actor=advisor, done=True)
    _assessments_and_a_document(initiative, advisor)


def _assessments_and_a_document(initiative, advisor) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kiezwerk.initiatives.documents import upload_document
    from tests.initiatives.test_assessments import criteria_check, emes_profile

    criteria_check(
        initiative,
        on=dt.date(2004, 3, 1),
        actor=advisor,
        profit_rating="partly",
        profit_evidence="Ausschüttung 2003",
    )
    criteria_check(initiative, on=dt.date(2003, 3, 1), actor=advisor)
    emes_profile(initiative, on=dt.date(2003, 3, 1), score=1, actor=advisor)
    emes_profile(initiative, on=dt.date(2004, 3, 1), score=2, actor=advisor)
    pdf = SimpleUploadedFile("satzung.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    upload_document(
        initiative,
        actor=advisor,
        title="Satzung",
        kind="statutes",
        file=pdf,
        shared_with_founders=True,
    )


def _app_visits() -> list[Visit]:
    """Pages of the apps, kept beside their tests: every tests/browser/visits_*.py defines
    VISITS."""
    import importlib
    import pkgutil

    import tests.browser

    visits = []
    for module in pkgutil.iter_modules(tests.browser.__path__):
        if module.name.startswith("visits_"):
            visits += importlib.import_module(f"tests.browser.{module.name}").VISITS
    return visits


VISITS += _app_visits()


@pytest.fixture(params=VISITS, ids=lambda visit: visit.id)
def visited_page(request, live_server, page, log_in, submit_login_form):
    """The page of one visit, reached as its persona; fails if it is not the expected page."""
    visit = request.param
    if visit.data:
        request.getfixturevalue("agency_records")
    if visit.cases:
        request.getfixturevalue("case_records")
    names = visit.setup(request) if visit.setup else None
    path = visit.url(request, names)
    user = request.getfixturevalue(visit.persona) if visit.persona else None
    if user is not None and visit.logged_in:
        log_in(user)
    reach = visit.reach or (lambda page, path, *_: page.goto(path))
    response = reach(page, path, user, submit_login_form)
    reached = (response.status, page.url.removeprefix(live_server.url))
    assert reached == (visit.status, path), "the visit did not reach the page to scan"
    if visit.shows:
        assert page.locator(visit.shows).count() == 1, f"the page does not show {visit.shows}"
    return page


def test_page_is_accessible_german_and_within_the_csp(visited_page, csp_messages):
    """axe finds no WCAG 2.1 A/AA violation; German; one main landmark; no CSP violation."""
    results = Axe().run(visited_page, options=AXE_OPTIONS)

    assert results.violations_count == 0, results.generate_report()
    assert visited_page.get_attribute("html", "lang") == "de"
    assert visited_page.locator("main").count() == 1
    assert list(csp_messages) == []
