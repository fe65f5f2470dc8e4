"""Recording, changing and archiving positions: what is stored with them (agency,
neighbourhood, FTE), the holder's data kept apart, the activity log (holder fields by name,
never their values), and the invariants the model and the database keep."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.economy import services as economy
from kiezwerk.jobs import services
from kiezwerk.jobs.enums import ContractType, Instrument, PriorStatus
from kiezwerk.jobs.models import Holder, Position
from tests.factories import InitiativeFactory, NeedCategoryFactory
from tests.jobs.positions import holder, position


def test_record_stores_agency_neighbourhood_and_fte(enterprise, manager):
    found = position(enterprise, manager, start="2005-03-01", hours="19.5", full_time_hours=39)

    assert (found.agency, found.neighbourhood, found.fte) == (
        enterprise.agency,
        enterprise.neighbourhood,
        Decimal("0.500"),
    )
    entry = ActivityLogEntry.objects.get(verb="jobs.position_recorded")
    assert (entry.actor, entry.agency_id, entry.data) == (
        manager,
        enterprise.agency_id,
        {"title": "Koch", "initiative": enterprise.name},
    )


def test_fte_are_at_most_one(enterprise, manager):
    found = position(enterprise, manager, start="2005-03-01", hours=50)

    assert found.fte == Decimal("1.000")


def test_record_with_holder_keeps_its_data_apart_and_logs_field_names(enterprise, manager):
    found = position(enterprise, manager, start="2005-03-01", holder=holder("K-7", disability=True))

    stored = Holder.objects.get()
    assert (stored.position, stored.agency, stored.pseudonym, stored.disability) == (
        found,
        enterprise.agency,
        "K-7",
        True,
    )
    entry = ActivityLogEntry.objects.get(verb="jobs.position_recorded")
    assert entry.data["holder"] == [
        "age_band",
        "disability",
        "gender",
        "legal_basis",
        "prior_status",
        "pseudonym",
    ]
    assert "K-7" not in json.dumps(entry.data)


def test_update_logs_position_values_and_holder_names(enterprise, manager, founder):
    found = position(enterprise, manager, start="2005-03-01", holder=holder("K-7"))

    services.update_position(
        found,
        actor=founder,
        weekly_hours=Decimal("20"),
        holder=holder("K-8", prior_status=PriorStatus.INACTIVE),
    )

    found.refresh_from_db()
    assert (found.weekly_hours, found.fte) == (Decimal("20"), Decimal("0.500"))
    entry = ActivityLogEntry.objects.get(verb="jobs.position_changed")
    assert entry.data == {"weekly_hours": "20.00", "holder": ["pseudonym", "prior_status"]}
    assert Holder.objects.get().pseudonym == "K-8"


def test_update_without_changes_logs_nothing(enterprise, manager):
    found = position(enterprise, manager, start="2005-03-01", holder=holder("K-7"))

    services.update_position(found, actor=manager, title="Koch", holder=holder("K-7"))

    assert not ActivityLogEntry.objects.filter(verb="jobs.position_changed").exists()


def test_archive_archives_once(enterprise, manager):
    found = position(enterprise, manager, start="2005-03-01")

    services.archive_position(found, actor=manager)
    services.archive_position(found, actor=manager)

    assert Position.objects.active().count() == 0
    assert ActivityLogEntry.objects.filter(verb="jobs.position_archived").count() == 1


@pytest.mark.parametrize(
    "fields",
    [
        {"contract_type": ContractType.SUBSIDISED},
        {"instrument": Instrument.EGZ},
        {"additional": True},
        {"end": "2005-02-01"},
        {"hours": 0},
        {"hours": 81},
    ],
)
def test_record_refuses_what_the_constraints_forbid(enterprise, manager, fields):
    with pytest.raises(ValidationError):
        position(enterprise, manager, start="2005-03-01", **fields)

    assert Position.objects.count() == 0


def test_database_keeps_the_instrument_for_subsidised_employment_only(enterprise):
    row = Position(
        agency=enterprise.agency,
        initiative=enterprise,
        neighbourhood=enterprise.neighbourhood,
        title="Koch",
        contract_type=ContractType.FULL_TIME,
        instrument=Instrument.ABM,
        weekly_hours=Decimal("40"),
        start_date=dt.date(2005, 3, 1),
        origin="created",
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()


def test_record_refuses_a_line_of_another_enterprise(enterprise, manager):
    shop = InitiativeFactory(agency=enterprise.agency, neighbourhood=enterprise.neighbourhood)
    line = economy.add_line(shop, actor=manager, name="Werkstatt", service=NeedCategoryFactory())

    with pytest.raises(ValidationError) as raised:
        position(enterprise, manager, start="2005-03-01", line=line)

    assert list(raised.value.message_dict) == ["line"]
    assert Position.objects.count() == 0


def test_invalid_holder_data_leave_no_position(enterprise, manager):
    with pytest.raises(ValidationError):
        position(enterprise, manager, start="2005-03-01", holder=holder("K-7", gender="x"))

    assert (Position.objects.count(), Holder.objects.count()) == (0, 0)


def test_a_code_is_used_once_per_agency(enterprise, manager):
    position(enterprise, manager, start="2005-03-01", holder=holder("K-7"))

    with pytest.raises(ValidationError):
        position(enterprise, manager, start="2005-04-01", holder=holder("K-7"))

    assert Position.objects.count() == 1
