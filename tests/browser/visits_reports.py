"""Funder reports for the accessibility scan (tests/browser/test_accessibility.py): the list of
a grant's reports as management and as the funder who reads the grant, the request form, a
report being generated and a done one, and the form sent with an error."""

from django.utils import timezone

from tests.browser.visit import Visit

REPORTS = "/backoffice/kiez/funding/grants/{grant}/reports/"
REPORT = REPORTS + "{report}/"


def report_world(request) -> dict:
    """The grant of tests/funding/grants.py, read by the funder, with a done report (version
    1 of 2003), version 2 still running and version 3 archived."""
    from kiezwerk.reporting.funder_report import COMMENTARY_FIELDS
    from tests.funding.grants import grant_with_figures, make_reader
    from tests.reporting.reports import private_media, stored_report

    private_media(request)
    agency, manager = request.getfixturevalue("agency"), request.getfixturevalue("manager")
    grant = grant_with_figures(agency, manager)
    make_reader(grant, request.getfixturevalue("funder"))
    done = stored_report(
        grant, requested_by=manager, commentary={COMMENTARY_FIELDS[0][0]: "Gut gelaufen."}
    )
    running = stored_report(grant, version=2, status="running", progress=40)
    archived = stored_report(grant, version=3, archived_at=timezone.now())
    return {
        "grant": grant.pk,
        "report": done.pk,
        "running": running.pk,
        "archived": archived.pk,
    }


def send_without_period(page, path, user, submit_login_form):
    """The form sent with its period chosen away (an empty choice is not offered: removed)."""
    page.goto(path)
    page.evaluate("document.querySelector('#id_period').value = ''")
    with page.expect_navigation() as navigation:
        page.click("main form button[type=submit]")
    return navigation.value


VISITS = [
    Visit("funder_reports", REPORTS, "manager", setup=report_world, shows="main #reports"),
    Visit("funder_reports_funder", REPORTS, "funder", setup=report_world, shows="main #reports"),
    Visit("funder_report_form", REPORTS + "new/", "manager", setup=report_world),
    Visit(
        "funder_report_form_errors",
        REPORTS + "new/",
        "manager",
        setup=report_world,
        reach=send_without_period,
        status=400,
        shows="main #id_period_error",
    ),
    Visit("funder_report_done", REPORT, "funder", setup=report_world, shows="main #files-title"),
    Visit(
        "funder_report_running",
        REPORTS + "{running}/",
        "manager",
        setup=report_world,
        shows="main #report-progress",
    ),
    Visit(
        "funder_reports_archived",
        REPORTS,
        "manager",
        setup=report_world,
        shows="main #archived-title",
    ),
    Visit(
        "funder_report_archived",
        REPORTS + "{archived}/",
        "manager",
        setup=report_world,
        shows="main #archived-notice",
    ),
]
