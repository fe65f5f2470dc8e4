"""The agency's jobs page and the additionality worksheet for the accessibility scan
(tests/browser/test_accessibility.py)."""

from decimal import Decimal

from kiezwerk.jobs import services
from tests.browser.visit import Visit
from tests.jobs.positions import holder, position

JOBS = "/backoffice/kiez/jobs/"
WORKSHEET = JOBS + "additionality/2005/"
REASON = "Befragung der Gründerinnen und Gründer."


def jobs(request) -> dict:
    """Two positions with holders and two versions of the 2005 worksheet."""
    initiative, manager = (request.getfixturevalue(n) for n in ("initiative", "manager"))
    position(initiative, manager, start="2004-03-01", holder=holder("K-1"))
    position(initiative, manager, start="2005-06-01", hours=20, holder=holder("K-2"))
    for deadweight in ("10", "20"):
        services.save_worksheet(
            initiative.agency,
            2005,
            actor=manager,
            deadweight=Decimal(deadweight),
            displacement=Decimal("5"),
            substitution=Decimal("0"),
            multiplier=Decimal("1.1"),
            deadweight_reason=REASON,
            displacement_reason=REASON,
            substitution_reason=REASON,
            multiplier_reason=REASON,
        )
    return {}


def send_bad_rate(page, path, user, submit_login_form):
    page.goto(path)
    page.fill("#id_deadweight", "120")
    with page.expect_navigation() as navigation:
        page.click("main form button[type=submit]")
    return navigation.value


VISITS = [
    Visit("jobs_agency", JOBS, "manager", setup=jobs, shows="main #prior_status-title"),
    Visit("jobs_agency_empty", JOBS, "funder", shows="main .empty-state"),
    Visit("jobs_worksheet", WORKSHEET, "evaluator", setup=jobs, shows="main #versions-title"),
    Visit("jobs_worksheet_reader", WORKSHEET, "funder", setup=jobs, shows="main #latest-title"),
    Visit(
        "jobs_worksheet_errors",
        WORKSHEET,
        "manager",
        setup=jobs,
        reach=send_bad_rate,
        status=400,
        shows="main .field-errors >> nth=0",
    ),
]
