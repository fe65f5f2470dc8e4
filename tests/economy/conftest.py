"""An enterprise with two business lines for the economy tests: the `initiative` of
tests/conftest.py (Boxhagener Platz, the advisor's neighbourhood; its founder is a contact)."""

from decimal import Decimal

import pytest

from kiezwerk.economy import services
from kiezwerk.economy.services import MonthValues
from tests.factories import NeedCategoryFactory, PartnerFactory


@pytest.fixture
def district_office(agency):
    return PartnerFactory(agency=agency, name="Bezirksamt Friedrichshain-Kreuzberg", kind="public")


@pytest.fixture
def job_centre(agency):
    return PartnerFactory(agency=agency, name="Jobcenter Friedrichshain-Kreuzberg", kind="public")


@pytest.fixture
def enterprise(initiative, founder_contact):
    return initiative


@pytest.fixture
def cafe(enterprise, district_office, manager):
    """The café: sells lunches (market) and cooks for the district office's seniors (public)."""
    category = NeedCategoryFactory(name="Nahversorgung und Alltagsbedarf")
    return services.add_line(
        enterprise, actor=manager, name="Café", service=category, clients=[district_office]
    )


@pytest.fixture
def repairs(enterprise, job_centre, manager):
    category = NeedCategoryFactory(name="Reparatur- und Haushaltsdienste")
    return services.add_line(
        enterprise, actor=manager, name="Reparaturdienst", service=category, clients=[job_centre]
    )


def month(**fields) -> MonthValues:
    """MonthValues from plain numbers: month(market=100, public={client: 50}, costs=80)."""
    revenue = {}
    for source in ("market", "grants", "donations"):
        if source in fields:
            revenue[(source, None)] = Decimal(str(fields.pop(source)))
    for client, amount in fields.pop("public", {}).items():
        revenue[("public", client.pk)] = Decimal(str(amount))
    return MonthValues(
        costs=Decimal(str(fields.pop("costs", 0))),
        volunteer_hours=Decimal(str(fields.pop("hours", 0))),
        volunteers=fields.pop("volunteers", 0),
        reciprocal=fields.pop("reciprocal", False),
        revenue=revenue,
    )
