"""The enterprise's economics page for the accessibility scan
(tests/browser/test_accessibility.py)."""

import datetime as dt
from decimal import Decimal

from kiezwerk.economy import services
from tests.browser.visit import Visit
from tests.economy.conftest import month
from tests.factories import NeedCategoryFactory, PartnerFactory

ECONOMY = "/backoffice/kiez/initiatives/{initiative}/economy/"


def figures(request) -> dict:
    """Two business lines (one archived) with two years of figures, a dependency warning and a
    profit distribution."""
    enterprise = request.getfixturevalue("initiative")
    request.getfixturevalue("founder_contact")
    manager = request.getfixturevalue("manager")
    office = PartnerFactory(agency=enterprise.agency, name="Bezirksamt", kind="public")
    category = NeedCategoryFactory(name="Nahversorgung")
    cafe = services.add_line(
        enterprise, actor=manager, name="Café", service=category, clients=[office]
    )
    shop = services.add_line(enterprise, actor=manager, name="Laden", service=category)
    for year, public in ((2004, 900), (2005, 300)):
        values = month(market=100, public={office: public}, grants=50, hours=10, costs=600)
        services.save_month(cafe, year, 3, values, actor=manager, version=0)
    services.save_month(shop, 2004, 6, month(market=20), actor=manager, version=0)
    services.archive_line(shop, actor=manager)
    services.record_distribution(
        enterprise,
        actor=manager,
        day=dt.date(2005, 12, 1),
        amount=Decimal("500"),
        recipients="Gründungsmitglieder",
        explanation="Überschuss 2005",
    )
    return {}


VISITS = [
    Visit(
        "economy_enterprise",
        ECONOMY + "?year=2004",
        "manager",
        setup=figures,
        shows="main #quarter-mix",
    ),
    Visit("economy_enterprise_founder", ECONOMY, "founder", setup=figures, shows="main #mix"),
    Visit("economy_enterprise_empty", ECONOMY, "advisor", shows="main .empty-state"),
]
