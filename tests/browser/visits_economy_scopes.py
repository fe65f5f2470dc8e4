"""The financing mix of a neighbourhood and of the agency for the accessibility scan
(tests/browser/test_accessibility.py)."""

from kiezwerk.economy import services
from tests.browser.visit import Visit
from tests.browser.visits_economy_mix import figures as enterprise_figures
from tests.economy.conftest import month
from tests.factories import InitiativeFactory, NeedCategoryFactory

HOOD = "/backoffice/kiez/neighbourhoods/{neighbourhood}/economy/"
AGENCY = "/backoffice/kiez/economy/"


def figures(request) -> dict:
    """The enterprise of the economics page's visit (Boxhagener Platz: two years, a warning,
    a distribution) and a second enterprise in Helmholtzplatz, which the advisor does not
    advise."""
    enterprise_figures(request)
    agency, hoods = request.getfixturevalue("agency"), request.getfixturevalue("neighbourhoods")
    manager = request.getfixturevalue("manager")
    other = InitiativeFactory(agency=agency, neighbourhood=hoods[1], name="Reparaturcafé")
    category = NeedCategoryFactory(name="Reparatur")
    line = services.add_line(other, actor=manager, name="Werkstatt", service=category)
    services.save_month(line, 2004, 5, month(market=400, costs=300), actor=manager, version=0)
    return {"neighbourhood": hoods[0].slug}


def empty(request) -> dict:
    return {"neighbourhood": request.getfixturevalue("neighbourhoods")[1].slug}


VISITS = [
    Visit(
        "economy_neighbourhood",
        HOOD + "?year=2004",
        "manager",
        setup=figures,
        shows="main #enterprises",
    ),
    Visit("economy_agency", AGENCY, "advisor", setup=figures, shows="main #clients"),
    Visit(
        "economy_neighbourhood_empty",
        HOOD,
        "evaluator",
        setup=empty,
        shows="main .empty-state",
    ),
]
