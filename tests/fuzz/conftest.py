"""The enterprise whose figures the fuzz tests write: the `initiative` of tests/conftest.py
(its founder is a contact) with one business line."""

from decimal import Decimal

import pytest

from kiezwerk.economy import services
from kiezwerk.economy.services import MonthValues
from tests.factories import NeedCategoryFactory, PartnerFactory

YEAR = 2004
CLIENT, FORMER, STRANGER = -1, -2, -3  # placeholders for the public bodies' ids (see `line`)


@pytest.fixture
def line(initiative, founder_contact, manager, agency):
    """The café of the initiative: the district office buys from it, the job centre bought
    from it in December 2004 (a former client), the Senate never did. `line.ids` maps the
    placeholders to their ids."""
    office, centre, stranger = (
        PartnerFactory(agency=agency, name=name, kind="public")
        for name in ("Bezirksamt", "Jobcenter", "Senatsverwaltung")
    )
    category = NeedCategoryFactory(name="Nahversorgung und Alltagsbedarf")
    line = services.add_line(
        initiative, actor=manager, name="Café", service=category, clients=[office, centre]
    )
    values = MonthValues(revenue={("public", centre.pk): Decimal(10)})
    services.save_month(line, YEAR, 12, values, actor=manager, version=0)
    services.set_clients(line, [office])
    line.ids = {CLIENT: office.pk, FORMER: centre.pk, STRANGER: stranger.pk}
    return line
