"""Every row of a grant carries the grant's agency itself (DESIGN: tenancy), whether written
by a service, a form or in bulk by the demo."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import F

from kiezwerk.funding import services
from kiezwerk.funding.models import BudgetLine, CoFinancing, Drawdown, Indicator, Spending, Target
from kiezwerk.funding.targets import save_targets
from tests.funding.grants import grant_with_figures

ROWS = (CoFinancing, BudgetLine, Spending, Drawdown, Target)


def _agencies(grant) -> set[int]:
    return {
        agency
        for model in ROWS
        for agency in model.objects.filter(grant=grant).values_list("agency_id", flat=True)
    }


def test_rows_written_through_services_carry_the_grants_agency(agency, manager):
    grant = grant_with_figures(agency, manager)
    services.record_drawdown(
        grant,
        actor=manager,
        source="Europäische Kommission",
        requested_on=dt.date(2003, 6, 1),
        amount=Decimal("100"),
    )
    indicator = Indicator.objects.create(
        code="T-1",
        name="Test",
        definition="Test",
        unit="x",
        standard="own",
        level="1_activities",
        query="consultations_held",
    )
    save_targets(grant, {(indicator.pk, 2003): Decimal("5")}, actor=manager)

    assert _agencies(grant) == {agency.pk}
    assert all(model.objects.filter(grant=grant).exists() for model in ROWS)


@pytest.mark.django_db
def test_demo_rows_carry_their_grants_agency():
    call_command("load_demo")

    for model in ROWS:
        assert model.objects.exists(), model
        assert not model.objects.exclude(agency_id=F("grant__agency_id")).exists(), model
