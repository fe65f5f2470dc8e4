"""Records for the erasure, restriction and retention tests: grants with their payments (the
funding-law hold), positions with holders, and erasure requests with confirmed records."""

import datetime as dt
from decimal import Decimal

from kiezwerk.funding.models import Drawdown, Grant
from kiezwerk.jobs.models import Holder
from kiezwerk.privacy.models import DataSubjectRequest
from kiezwerk.privacy.subjects import ref_of
from tests.factories import GrantFactory, ProgrammeFactory
from tests.jobs.positions import holder, position

TODAY = dt.date(2026, 12, 2)


def paid_grant(
    agency, start: str, end: str, *paid: str, outstanding: bool = False, **fields
) -> Grant:
    """A grant of `agency` with one received drawdown per day in `paid`, and one not yet
    received with `outstanding`."""
    grant = GrantFactory(
        agency=agency,
        programme=ProgrammeFactory(),
        start_date=dt.date.fromisoformat(start),
        end_date=dt.date.fromisoformat(end),
        **fields,
    )
    for day in paid:
        received = dt.date.fromisoformat(day)
        Drawdown.objects.create(
            grant=grant,
            agency=agency,
            source="EU",
            requested_on=received - dt.timedelta(days=30),
            amount=Decimal("1000"),
            received_on=received,
        )
    if outstanding:
        Drawdown.objects.create(
            grant=grant,
            agency=agency,
            source="EU",
            requested_on=grant.end_date,
            amount=Decimal("500"),
        )
    return grant


def job_holder(initiative, actor, pseudonym: str, start: str, end: str | None = None) -> Holder:
    found = position(initiative, actor, start=start, end=end, holder=holder(pseudonym))
    return found.holder


def erasure_request(agency, manager, *records, **fields) -> DataSubjectRequest:
    values = {
        "kind": DataSubjectRequest.Kind.ERASURE,
        "subject_name": "Lena Schubert",
        "subject_email": "gruenderin@kiez.test",
        "received_on": dt.date(2026, 11, 20),
        "created_by": manager,
        "records": [ref_of(record) for record in records],
    }
    return DataSubjectRequest.objects.create(agency=agency, **(values | fields))
