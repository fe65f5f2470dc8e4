"""The needs board and the demand form on the portal, and the demand register in the back
office, for the accessibility scan (tests/browser/test_accessibility.py)."""

from tests.browser.visit import Visit

BOARD = "/agencies/kiez/needs/"
DEMAND = "/demand/"


def public_needs_and_demand(request) -> dict:
    """Two public needs, one hidden report, and a request from the district of the agency's
    first neighbourhood."""
    from tests.factories import NeedFactory
    from tests.needs.demand_helpers import make_demand

    agency = request.getfixturevalue("agency")
    hoods = request.getfixturevalue("neighbourhoods")
    request.getfixturevalue("manager")
    need = NeedFactory(
        agency=agency,
        neighbourhood=hoods[0],
        title="Spielplatz am Boxhagener Platz",
        description="Für kleine Kinder fehlt ein sicherer Spielplatz.",
        is_public=True,
        supporters=12,
    )
    NeedFactory(agency=agency, neighbourhood=hoods[1], title="Reparaturcafé", is_public=True)
    demand = make_demand(district_name=hoods[0].district.name)
    return {"need": need.pk, "demand": demand.pk}


def send_empty_form(page, path, user, submit_login_form):
    page.goto(path)
    with page.expect_navigation() as navigation:
        page.click("main form button[type=submit]")
    return navigation.value


VISITS = [
    Visit("portal_needs_board", BOARD, setup=public_needs_and_demand),
    Visit("portal_need", BOARD + "{need}/", setup=public_needs_and_demand, shows="#supporters"),
    Visit("portal_report_need", BOARD + "report/", setup=public_needs_and_demand),
    Visit(
        "portal_report_need_errors",
        BOARD + "report/",
        setup=public_needs_and_demand,
        reach=send_empty_form,
        status=400,
        shows="main .field-errors >> nth=0",
    ),
    Visit("portal_demand", DEMAND, setup=public_needs_and_demand),
    Visit(
        "portal_demand_errors",
        DEMAND,
        setup=public_needs_and_demand,
        reach=send_empty_form,
        status=400,
        shows="main .field-errors >> nth=0",
    ),
    Visit(
        "demand_register",
        "/backoffice/kiez/demand/",
        "manager",
        setup=public_needs_and_demand,
        shows="#demand-by-place",
    ),
    Visit(
        "demand_detail",
        "/backoffice/demand/{demand}/",
        "manager",
        setup=public_needs_and_demand,
        shows="#contact",
    ),
]
