"""Two agencies with a year of records, for the network-wide overview's tests and browser visit.

`kiez` (Boxhagener Platz "A", Helmholtzplatz "B") and `andere` (Falkplatz "C"), mostly in
2003, with records that must not count: other years, archived ones, paused initiatives.

| initiative | agency, hood | stage today | founded | consultations 2003 | jobs 2003 |
|---|---|---|---|---|---|
| Café Sonnenschein | kiez, A | start-up | 2003-06-01 | 2 (+1 in 2002) | 1 created |
| Werkstatt Nordstern | kiez, B | concept | – | 1 | – |
| Stadtteilladen | kiez, A | consolidation | 2002-10-01 | – | 1 maintained (+1 ended 2002) |
| Pausiert | kiez, B | paused | – | – | – |
| Archiviert | kiez, A | start-up, archived | 2003-05-01 | 1 | 1 |
| Fahrradküche Falk | andere, C | founding | 2003-04-01 | 3 | 2 created |

Forums: A 2003 (34 people), B 2004, C 2003 (10). Needs: A raised 2003; B raised and met 2003;
C raised 2003. Deliveries: café 2003 150,50 €; Fahrradküche 2003 99,99 €, 2004 10 €.
The café's contact is a named person with an e-mail address; no page may show either.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from kiezwerk.jobs.enums import Origin
from kiezwerk.needs.enums import NeedStatus
from tests.factories import (
    ConsultationFactory,
    ContactPersonFactory,
    DeliveryFactory,
    ForumFactory,
    InitiativeFactory,
    NeedFactory,
    NeighbourhoodFactory,
    PartnerFactory,
    ReferralFactory,
)
from tests.jobs.positions import position

YEAR = 2003
CAFE = "Café Sonnenschein"
CONTACT_NAME = "Hannelore Quaddelmann"
CONTACT_EMAIL = "h.quaddelmann@example.org"
JOB_TITLE = "Chefköchin Quaddel"


@dataclass
class World:
    agency: object
    other_agency: object
    hoods: list  # A, B, C


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def moment(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def build(agency, other_agency, neighbourhoods) -> World:
    a, b = neighbourhoods
    c = NeighbourhoodFactory(agency=other_agency, name="Falkplatz", slug="falkplatz-c")
    _kiez(agency, a, b)
    _andere(other_agency, c)
    return World(agency, other_agency, [a, b, c])


def _initiative(hood, name: str, stage: str, founded: str | None = None, **fields):
    return InitiativeFactory(
        agency=hood.agency,
        neighbourhood=hood,
        name=name,
        stage=stage,
        founded_on=day(founded) if founded else None,
        **fields,
    )


def _kiez(agency, a, b) -> None:
    cafe = _initiative(a, CAFE, "startup", "2003-06-01")
    ContactPersonFactory(initiative=cafe, name=CONTACT_NAME, email=CONTACT_EMAIL)
    workshop = _initiative(b, "Werkstatt Nordstern", "concept")
    shop = _initiative(a, "Stadtteilladen", "consolidation", "2002-10-01")
    _initiative(b, "Pausiert", "paused")
    archived = _initiative(a, "Archiviert", "startup", "2003-05-01", archived_at=timezone.now())
    for held_on in ("2002-11-05", "2003-02-10", "2003-09-01"):
        ConsultationFactory(initiative=cafe, held_on=day(held_on))
    ConsultationFactory(initiative=workshop, held_on=day("2003-04-01"))
    ConsultationFactory(initiative=archived, held_on=day("2003-06-01"))
    position(cafe, None, title=JOB_TITLE, start="2003-07-01")
    position(shop, None, title="Leitung", start="2001-01-01", origin=Origin.MAINTAINED)
    position(shop, None, title="Aushilfe", start="2002-01-01", end="2002-12-31")
    position(archived, None, title="Archiviert", start="2003-02-01")
    ForumFactory(agency=agency, neighbourhood=a, starts_at=moment("2003-03-10T18:00"))
    ForumFactory(agency=agency, neighbourhood=b, starts_at=moment("2004-03-10T18:00"))
    NeedFactory(agency=agency, neighbourhood=a, raised_on=day("2003-02-01"))
    NeedFactory(
        agency=agency,
        neighbourhood=b,
        raised_on=day("2003-03-01"),
        status=NeedStatus.MET,
        closed_on=day("2003-11-01"),
    )
    DeliveryFactory(
        referral=ReferralFactory(initiative=cafe, offer=None, partner=_partner(agency)),
        delivered_on=day("2003-05-05"),
        value=Decimal("150.50"),
    )


def _andere(agency, c) -> None:
    firm = _initiative(c, "Fahrradküche Falk", "founding", "2003-04-01")
    for held_on in ("2003-01-10", "2003-05-10", "2003-12-31"):
        ConsultationFactory(initiative=firm, held_on=day(held_on))
    position(firm, None, title="Mechanikerin", start="2003-03-01")
    position(firm, None, title="Verkauf", start="2003-08-01")
    ForumFactory(
        agency=agency,
        neighbourhood=c,
        starts_at=moment("2003-06-01T17:00"),
        residents_count=6,
        initiatives_count=2,
        partners_count=1,
        public_bodies_count=1,
    )
    NeedFactory(agency=agency, neighbourhood=c, raised_on=day("2003-08-08"))
    referral = ReferralFactory(initiative=firm, offer=None, partner=_partner(agency))
    DeliveryFactory(referral=referral, delivered_on=day("2003-10-10"), value=Decimal("99.99"))
    DeliveryFactory(referral=referral, delivered_on=day("2004-01-10"), value=Decimal("10"))


def _partner(agency):
    return PartnerFactory(agency=agency)
