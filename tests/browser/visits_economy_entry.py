"""Pages for entering an enterprise's figures, for the accessibility scan
(tests/browser/test_accessibility.py): the year table with figures, a closed month and two
public clients, as staff and as founder; a row sent by htmx with an error; the line and
distribution forms."""

from tests.browser.visit import Visit

ECONOMY = "/backoffice/kiez/initiatives/{initiative}/economy/"
YEAR = ECONOMY + "lines/{line}/2004/"


def year_world(request) -> dict:
    """The café of the initiative (its founder a contact) with figures for January to April
    2004, two public clients, and March closed."""
    from kiezwerk.economy import services
    from kiezwerk.economy.services import MonthValues
    from tests.factories import NeedCategoryFactory, PartnerFactory

    request.getfixturevalue("founder_contact")
    initiative, advisor = request.getfixturevalue("initiative"), request.getfixturevalue("advisor")
    clients = [
        PartnerFactory(agency=initiative.agency, name=name, kind="public")
        for name in ("Bezirksamt Friedrichshain-Kreuzberg", "Jobcenter Friedrichshain-Kreuzberg")
    ]
    line = services.add_line(
        initiative,
        actor=advisor,
        name="Café",
        service=NeedCategoryFactory(name="Nahversorgung und Alltagsbedarf"),
        clients=clients,
    )
    for month in range(1, 5):
        revenue = {("market", None): 1000 + month, ("public", clients[0].pk): 800}
        values = MonthValues(costs=1500, volunteer_hours=20, volunteers=4, revenue=revenue)
        services.save_month(line, 2004, month, values, actor=advisor, version=0)
    services.close_month(initiative, 2004, 3, actor=advisor)
    return {"line": line.pk}


def public_body(request) -> dict:
    from tests.factories import PartnerFactory

    request.getfixturevalue("founder_contact")
    agency = request.getfixturevalue("agency")
    PartnerFactory(agency=agency, name="Bezirksamt Friedrichshain-Kreuzberg", kind="public")
    return {}


def save_a_negative_cost_by_htmx(page, path, user, submit_login_form):
    """April's costs set below zero and saved with the row's button: htmx swaps in the row
    with the error."""
    response = page.goto(path)
    page.fill("#m4-costs", "-5")
    page.click("#month-4-save")
    page.wait_for_selector("#m4-costs[aria-invalid=true]")
    return response


def send_empty(page, path, user, submit_login_form):
    page.goto(path)
    with page.expect_navigation() as navigation:
        page.click("main form button[type=submit] >> nth=0")
    return navigation.value


VISITS = [
    Visit(
        "economy_year_table_staff",
        YEAR,
        "advisor",
        setup=year_world,
        shows="main #m3-reason",
    ),
    Visit(
        "economy_year_table_founder",
        YEAR,
        "founder",
        setup=year_world,
        shows="main #month-row-3 .month-state",
    ),
    Visit(
        "economy_year_row_error_by_htmx",
        YEAR,
        "founder",
        setup=year_world,
        reach=save_a_negative_cost_by_htmx,
        shows="main #m4-costs-error",
    ),
    Visit("economy_line_form", ECONOMY + "lines/new/", "founder", setup=public_body),
    Visit(
        "economy_line_edit_form",
        ECONOMY + "lines/{line}/edit/",
        "advisor",
        setup=year_world,
        shows="main #id_name",
    ),
    Visit(
        "economy_distribution_form_errors",
        ECONOMY + "distributions/new/",
        "advisor",
        setup=public_body,
        reach=send_empty,
        status=400,
        shows="main .field-errors >> nth=0",
    ),
]
