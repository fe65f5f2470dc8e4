"""Records for the directory's and the calendar's tests (tests/portal, tests/browser)."""

import datetime as dt

from django.utils import timezone

from tests.factories import ForumFactory, InitiativeFactory


def enterprise(agency, neighbourhood, **fields):
    """A social enterprise in the public directory, with a full public profile."""
    values = {
        "stage": "startup",
        "is_public": True,
        "legal_form": "ev",
        "public_description": "Lampen, Toaster und Radios – schnell und günstig repariert.",
        "opening_hours": "Mo–Fr 10–18 Uhr",
        "public_address": "Krossener Straße 7, 10245 Berlin",
        "public_phone": "030 291 12 34",
        "public_email": "hallo@reparatur.example",
        **fields,
    }
    return InitiativeFactory(agency=agency, neighbourhood=neighbourhood, **values)


def upcoming_forum(agency, neighbourhood, *, days: int = 10, **fields):
    """A public forum `days` from now, two hours long (in a new neighbourhood of the agency
    when `neighbourhood` is None)."""
    starts = timezone.now().replace(microsecond=0) + dt.timedelta(days=days)
    values = {"starts_at": starts, "ends_at": starts + dt.timedelta(hours=2), **fields}
    if neighbourhood is not None:
        values["neighbourhood"] = neighbourhood
    return ForumFactory(agency=agency, **values)
