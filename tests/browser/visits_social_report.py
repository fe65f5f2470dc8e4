"""Social reports for the accessibility scan (tests/browser/test_accessibility.py): the list,
the form for a new report and the form sent with an error, the report page with its figures
and texts, and the page that edits the texts."""

from tests.browser.visit import Visit

REPORTS = "/backoffice/kiez/social-reports/"
REPORT = REPORTS + "{report}/"


def social_report_world(request) -> dict:
    """The year of tests/reporting/social_reports.py, its report with two texts written."""
    from tests.reporting.social_reports import report_world

    report = report_world(
        request.getfixturevalue("agency"),
        request.getfixturevalue("neighbourhoods"),
        request.getfixturevalue("manager"),
        request.getfixturevalue("other_agency"),
    )
    report.texts = {"vision": "Gute Arbeit im Kiez.\n\nZweiter Absatz.", "finances": "Solide."}
    report.save()
    return {"report": report.pk}


def send_period_ending_before_start(page, path, user, submit_login_form):
    page.goto(path)
    page.fill("#id_start", "2004-12-31")
    page.fill("#id_end", "2004-01-01")
    with page.expect_navigation() as navigation:
        page.click("main form button[type=submit]")
    return navigation.value


VISITS = [
    Visit("social_reports", REPORTS, "manager", setup=social_report_world, shows="main #reports"),
    Visit("social_report_new", REPORTS + "new/", "manager", shows="main #id_title"),
    Visit(
        "social_report_new_errors",
        REPORTS + "new/",
        "manager",
        reach=send_period_ending_before_start,
        status=400,
        shows="main #id_end_error",
    ),
    Visit(
        "social_report",
        REPORT,
        "evaluator",
        setup=social_report_world,
        shows="main #table-budget",
    ),
    Visit(
        "social_report_edit",
        REPORT + "edit/",
        "manager",
        setup=social_report_world,
        shows="main #id_vision",
    ),
]
