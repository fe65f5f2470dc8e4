"""A grant with figures for the funding tests, the matrix rows and the browser visits.

"Modellprojekt Kiez" of the agency `kiez`, January 2003 to December 2004, 100.000 €:

- financing: EU 50 %, Senatsverwaltung 40 %, Bezirksamt 10 %;
- budget: staff 70.000, material 20.000, services 10.000 (adding up to the amount);
- spending: staff 1.000 (Jan 2003), 1.500 (Feb 2003), 2.000 (Mar 2004); material 500,50
  (May 2003); travel 100 (Jan 2004, no budget line: over budget);
- drawdowns: 1.000 from the EU fund (received), 800 from the Senate (outstanding).
"""

import datetime as dt
from decimal import Decimal

from kiezwerk.funding import services
from kiezwerk.funding.models import CoFinancing, Drawdown, Grant, Spending
from tests.factories import GrantFactory, ProgrammeFactory

EU = "Europäische Kommission"
SENATE = "Senatsverwaltung für Stadtentwicklung"
DISTRICT = "Bezirksamt Friedrichshain-Kreuzberg"
NOTE = "Honorar Frau Beispiel"  # a note with a name: never shown to funders


def plain_grant(agency, **fields) -> Grant:
    """A grant of `agency` without figures (January 2003 to December 2004, 100.000 €)."""
    defaults = {
        "programme": ProgrammeFactory(funder=EU),
        "title": "Modellprojekt Kiez",
        "start_date": dt.date(2003, 1, 1),
        "end_date": dt.date(2004, 12, 31),
        "amount": Decimal("100000.00"),
        "eu_share": Decimal("50.00"),
    }
    return GrantFactory(agency=agency, **(defaults | fields))


def co_finance(grant: Grant, *shares: tuple[str, str]) -> None:
    for name, share in shares:
        CoFinancing.objects.create(grant=grant, name=name, share=Decimal(share))


def spend(grant: Grant, category: str, year: int, month: int, amount: str, note: str = ""):
    return Spending.objects.create(
        grant=grant, category=category, year=year, month=month, amount=Decimal(amount), note=note
    )


def grant_with_figures(agency, actor, **fields) -> Grant:
    grant = plain_grant(agency, **fields)
    co_finance(grant, (SENATE, "40"), (DISTRICT, "10"))
    planned = {"staff": Decimal(70000), "material": Decimal(20000), "services": Decimal(10000)}
    services.set_budget(grant, actor=actor, planned=planned)
    spend(grant, "staff", 2003, 1, "1000")
    spend(grant, "staff", 2003, 2, "1500", note=NOTE)
    spend(grant, "staff", 2004, 3, "2000")
    spend(grant, "material", 2003, 5, "500.50")
    spend(grant, "travel", 2004, 1, "100")
    Drawdown.objects.create(
        grant=grant,
        source=EU,
        requested_on=dt.date(2003, 4, 15),
        amount=Decimal("1000"),
        received_on=dt.date(2003, 6, 2),
    )
    Drawdown.objects.create(
        grant=grant, source=SENATE, requested_on=dt.date(2003, 4, 15), amount=Decimal("800")
    )
    return grant


def make_reader(grant: Grant, user) -> None:
    """Make `user`'s membership in the grant's agency one of the grant's readers."""
    grant.readers.add(user.memberships.get(agency_id=grant.agency_id))
