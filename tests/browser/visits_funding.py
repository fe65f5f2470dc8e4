"""The agency's grants for the accessibility scan (tests/browser/test_accessibility.py): the
list, a grant's page with figures as management and as the funder who reads it, the financing
form, and forms sent with errors."""

from tests.browser.visit import Visit

GRANTS = "/backoffice/kiez/funding/"
GRANT = GRANTS + "grants/{grant}/"


def grant_world(request) -> dict:
    """The grant of tests/funding/grants.py, read by the funder, with shares leaving room for
    own funds."""
    from decimal import Decimal

    from tests.funding.grants import grant_with_figures, make_reader

    agency, manager = request.getfixturevalue("agency"), request.getfixturevalue("manager")
    grant = grant_with_figures(agency, manager, eu_share=Decimal("45"))
    make_reader(grant, request.getfixturevalue("funder"))
    return {"grant": grant.pk}


def outstanding_drawdown(request) -> dict:
    """The grant world and its outstanding drawdown (the Senate's 800 €)."""
    names = grant_world(request)
    from kiezwerk.funding.models import Drawdown

    drawdown = Drawdown.objects.get(grant_id=names["grant"], received_on__isnull=True)
    return names | {"drawdown": drawdown.pk}


def send_without_amount(page, path, user, submit_login_form):
    """The spending form comes with category and month chosen; sent without an amount."""
    page.goto(path)
    with page.expect_navigation() as navigation:
        page.click("main form button[type=submit]")
    return navigation.value


def send_shares_over_100(page, path, user, submit_login_form):
    page.goto(path)
    page.fill("#id_eu_share", "70")
    with page.expect_navigation() as navigation:
        page.click("main form button[type=submit]")
    return navigation.value


VISITS = [
    Visit("funding_grants", GRANTS, "manager", setup=grant_world, shows="main #grants"),
    Visit("funding_grants_funder", GRANTS, "funder", setup=grant_world, shows="main #grants"),
    Visit("funding_grants_empty", GRANTS, "evaluator", shows="main .empty-state"),
    Visit("funding_grant", GRANT, "manager", setup=grant_world, shows="main #readers-title"),
    Visit("funding_grant_funder", GRANT, "funder", setup=grant_world, shows="main #years"),
    Visit(
        "funding_financing_form",
        GRANT + "financing/",
        "manager",
        setup=grant_world,
        shows="main #id_co-2-name",
    ),
    Visit(
        "funding_financing_errors",
        GRANT + "financing/",
        "manager",
        setup=grant_world,
        reach=send_shares_over_100,
        status=400,
        shows="main #id_eu_share_error",
    ),
    Visit("funding_budget_form", GRANT + "budget/", "manager", setup=grant_world),
    Visit(
        "funding_spending_errors",
        GRANT + "spending/",
        "manager",
        setup=grant_world,
        reach=send_without_amount,
        status=400,
        shows="main #id_amount_error",
    ),
    Visit("funding_drawdown_form", GRANT + "drawdowns/new/", "manager", setup=grant_world),
    Visit(
        "funding_drawdown_received_form",
        GRANT + "drawdowns/{drawdown}/received/",
        "manager",
        setup=outstanding_drawdown,
        shows="main #id_received_on",
    ),
]
