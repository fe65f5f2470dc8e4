"""The pseudonymised evaluation export for the accessibility scan
(tests/browser/test_accessibility.py): the page as the evaluator, and the form sent back with
an error (the years the wrong way round)."""

from tests.browser.visit import Visit

EXPORT = "/backoffice/kiez/evaluation/export/"


def an_initiative(request) -> dict:
    """One initiative, so that the agency has something to export."""
    from tests.factories import InitiativeFactory

    agency = request.getfixturevalue("agency")
    InitiativeFactory(agency=agency, neighbourhood=request.getfixturevalue("neighbourhoods")[0])
    return {}


def send_years_the_wrong_way_round(page, path, user, submit_login_form):
    page.goto(path)
    page.fill("#id_first", "2005")
    page.fill("#id_last", "2003")
    with page.expect_navigation() as navigation:
        page.click("main form#export-form button[type=submit]")
    return navigation.value


VISITS = [
    Visit(
        "evaluation_export",
        EXPORT,
        "evaluator",
        setup=an_initiative,
        shows="main #export-files",
    ),
    Visit(
        "evaluation_export_errors",
        EXPORT,
        "evaluator",
        setup=an_initiative,
        reach=send_years_the_wrong_way_round,
        status=400,
        shows="main #id_last_error",
    ),
]
