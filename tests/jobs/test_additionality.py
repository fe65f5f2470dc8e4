"""The additionality worksheet: gross jobs and leakage from the data, the rates taken off in
turn, the multiplier, each save a new version with its assumptions."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.jobs import queries, services
from kiezwerk.jobs.enums import Residence
from kiezwerk.jobs.models import AdditionalityWorksheet
from tests.jobs.positions import holder, position

REASONS = {
    "deadweight_reason": "Ohne Beratung wäre das Café nicht gegründet worden.",
    "displacement_reason": "Kein anderes Café im Kiez.",
    "substitution_reason": "Keine.",
    "multiplier_reason": "Einkäufe bei Händlern im Kiez.",
}


def assumptions(**rates) -> dict:
    values = {"deadweight": "10", "displacement": "5", "substitution": "0", "multiplier": "1.1"}
    values.update(rates)
    return {**{k: Decimal(v) for k, v in values.items()}, **REASONS}


@pytest.fixture
def created_2005(initiative, manager):
    """Four jobs created in 2005: two holders live in the neighbourhood, one outside, one
    unknown; a fifth job started in 2004 does not count."""
    residences = [Residence.INSIDE, Residence.INSIDE, Residence.OUTSIDE, Residence.UNKNOWN]
    for number, residence in enumerate(residences):
        position(
            initiative,
            manager,
            start="2005-02-01",
            hours=20 if number == 0 else 40,
            holder=holder(f"P-{number}", residence=residence),
        )
    position(initiative, manager, start="2004-02-01")


def test_inputs_come_from_the_jobs_created_in_the_year(created_2005, agency):
    inputs = queries.additionality_inputs(agency.pk, 2005)

    assert (inputs.gross_jobs, inputs.gross_fte) == (4, Decimal("3.500"))
    assert (inputs.residence_known, inputs.residence_outside) == (3, 1)
    assert inputs.leakage == Decimal("33.33")


def test_net_jobs_take_each_rate_off_in_turn(created_2005, agency, manager):
    sheet = services.save_worksheet(agency, 2005, actor=manager, **assumptions())

    # 4 * (1 - 0.3333) * (1 - 0.10) * (1 - 0.05) * (1 - 0) * 1.1 = 2.508...
    assert sheet.net_jobs == Decimal("2.51")
    assert sheet.net_fte == Decimal("2.195")  # 3.5 * the same factor: 2.1946
    assert (sheet.leakage, sheet.leakage_known, sheet.gross_jobs) == (Decimal("33.33"), 3, 4)


def test_each_save_is_a_new_version_and_earlier_ones_stay(created_2005, agency, manager):
    first = services.save_worksheet(agency, 2005, actor=manager, **assumptions())
    second = services.save_worksheet(agency, 2005, actor=manager, **assumptions(deadweight="30"))

    first.refresh_from_db()
    assert (first.version, second.version) == (1, 2)
    assert first.deadweight == Decimal("10")
    assert second.net_jobs < first.net_jobs
    assert ActivityLogEntry.objects.filter(verb="jobs.worksheet_saved").count() == 2


def test_a_rate_over_100_percent_saves_nothing(created_2005, agency, manager):
    with pytest.raises(ValidationError):
        services.save_worksheet(agency, 2005, actor=manager, **assumptions(deadweight="120"))

    assert not AdditionalityWorksheet.objects.exists()


def test_without_known_residences_leakage_is_zero(agency, initiative, manager):
    position(initiative, manager, start="2006-01-01")

    assert queries.additionality_inputs(agency.pk, 2006).leakage == Decimal("0")
