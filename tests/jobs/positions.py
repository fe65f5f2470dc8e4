"""Positions for the jobs tests, recorded through the service like a user would."""

import datetime as dt
from decimal import Decimal

from kiezwerk.jobs import services
from kiezwerk.jobs.enums import AgeBand, ContractType, Gender, LegalBasis, Origin, PriorStatus


def holder(pseudonym: str, **fields) -> dict:
    return {
        "pseudonym": pseudonym,
        "prior_status": fields.pop("prior_status", PriorStatus.LONG_TERM_UNEMPLOYED),
        "age_band": fields.pop("age_band", AgeBand.MIDDLE),
        "gender": fields.pop("gender", Gender.FEMALE),
        "legal_basis": fields.pop("legal_basis", LegalBasis.FUNDING_LAW),
        **fields,
    }


def position(initiative, actor, *, start: str, end: str | None = None, **fields):
    """A position: full-time, created during support, unless `fields` say otherwise."""
    values = {
        "title": fields.pop("title", "Koch"),
        "contract_type": fields.pop("contract_type", ContractType.FULL_TIME),
        "weekly_hours": Decimal(str(fields.pop("hours", 40))),
        "start_date": dt.date.fromisoformat(start),
        "end_date": dt.date.fromisoformat(end) if end else None,
        "origin": fields.pop("origin", Origin.CREATED),
        **fields,
    }
    return services.record_position(initiative, actor=actor, **values)
