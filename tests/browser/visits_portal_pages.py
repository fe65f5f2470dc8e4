"""The agency's public pages and their back office for the accessibility scan
(tests/browser/test_accessibility.py): the agency's page with a named team and funders, the
plain-language page, the accessibility statement, the feedback form (empty, with errors, sent)
and management's pages, feedback list (one overdue) and team listing."""

import datetime as dt

from django.utils import timezone

from tests.browser.visit import Visit

PUBLIC = "/agencies/kiez/"
FEEDBACK_FORM = PUBLIC + "accessibility/feedback/"
BACKOFFICE = "/backoffice/kiez/portal/"


def portal_world(request) -> dict:
    """The agency with its neighbourhoods, a listed advisor, a co-financed grant, a written
    about page and two feedbacks (one overdue)."""
    from kiezwerk.portal.models import AccessibilityFeedback, PortalPage
    from tests.funding.grants import DISTRICT, co_finance, plain_grant

    agency = request.getfixturevalue("agency")
    request.getfixturevalue("neighbourhoods")
    request.getfixturevalue("manager")
    request.getfixturevalue("advisor").memberships.update(
        listed_publicly=True, title="Beratung Boxhagener Platz"
    )
    co_finance(plain_grant(agency), (DISTRICT, "10"))
    PortalPage.objects.create(
        agency=agency,
        kind="about",
        title="Über uns",
        body_markdown="Wir beraten **Initiativen**.\n\n## Was wir tun\n\n- Beratung\n- Foren",
    )
    now = timezone.now()
    for days in (40, 3):
        AccessibilityFeedback.objects.create(
            agency=agency,
            message=f"Barriere vor {days} Tagen",
            consent_at=now,
            created_at=now - dt.timedelta(days=days),
        )
    return {}


def send_feedback_without_consent(page, path, user, submit_login_form):
    page.goto(path)
    page.fill("#id_message", "Die Schrift ist zu klein.")
    with page.expect_navigation() as navigation:
        page.click("#feedback-form button[type=submit]")
    return navigation.value


VISITS = [
    Visit("portal_agency", PUBLIC, setup=portal_world, shows="main #team-title"),
    Visit("portal_plain_language", PUBLIC + "plain_language/", setup=portal_world),
    Visit("portal_accessibility", PUBLIC + "accessibility/", setup=portal_world),
    Visit("portal_privacy", PUBLIC + "privacy/", setup=portal_world),
    Visit("portal_feedback", FEEDBACK_FORM, setup=portal_world, shows="main #feedback-form"),
    Visit(
        "portal_feedback_errors",
        FEEDBACK_FORM,
        setup=portal_world,
        reach=send_feedback_without_consent,
        status=400,
        shows="main #id_consent_error",
    ),
    Visit(
        "portal_feedback_sent", FEEDBACK_FORM + "?sent", setup=portal_world, shows="#feedback-sent"
    ),
    Visit("portal_admin_pages", BACKOFFICE, "manager", setup=portal_world, shows="#portal-pages"),
    Visit("portal_admin_page", BACKOFFICE + "pages/imprint/", "manager", setup=portal_world),
    Visit("portal_admin_feedback", BACKOFFICE + "feedback/", "manager", setup=portal_world),
    Visit("portal_admin_team", BACKOFFICE + "team/", "manager", setup=portal_world),
    Visit("portal_admin_my_listing", BACKOFFICE + "my-listing/", "advisor", setup=portal_world),
]
