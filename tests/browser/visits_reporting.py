"""The neighbourhood overview for the accessibility scan (tests/browser/test_accessibility.py)."""

from tests.browser.visit import Visit


def neighbourhood_with_data(request) -> dict:
    """Boxhagener Platz with needs, forums, referrals, deliveries and a partnership over two
    years: every section of the overview, the chart and the social-capital tables show."""
    import datetime as dt

    from tests.factories import NeedCategoryFactory, NeedFactory
    from tests.reporting.conftest import build_network

    world = build_network(
        request.getfixturevalue("agency"), request.getfixturevalue("neighbourhoods")
    )
    category = NeedCategoryFactory(name="Kinderbetreuung")
    for day in range(1, 8):
        NeedFactory(
            agency=world.hood.agency,
            neighbourhood=world.hood,
            category=category,
            title=f"Kita-Platz {day}",
            raised_on=dt.date(2004, 1, day),
        )
    NeedFactory(
        agency=world.hood.agency,
        neighbourhood=world.hood,
        title="Fahrradwerkstatt",
        raised_on=dt.date(2004, 3, 1),
        status="met",
        closed_on=dt.date(2005, 8, 1),
    )
    return {"neighbourhood": world.hood.slug}


def neighbourhood_without_data(request) -> dict:
    return {"neighbourhood": request.getfixturevalue("neighbourhoods")[1].slug}


VISITS = [
    Visit(
        "neighbourhood_overview",
        "/backoffice/kiez/neighbourhoods/{neighbourhood}/",
        "manager",
        setup=neighbourhood_with_data,
        shows="main #social-capital",
    ),
    Visit(
        "neighbourhood_overview_empty",
        "/backoffice/kiez/neighbourhoods/{neighbourhood}/",
        "evaluator",
        setup=neighbourhood_without_data,
        shows="main h1:text-is('Helmholtzplatz')",
    ),
]
