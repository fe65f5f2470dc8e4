"""A fixed year of data for the social report tests, the matrix rows and the browser visits.

The report covers 2004 (the previous period is 2003) for the agency `kiez` of
tests/conftest.py (Boxhagener Platz and Helmholtzplatz):

- needs: Kinderbetreuung raised twice in 2004 (one met in June 2004); Versorgung raised in
  2003 and met in 2004; one raised in 2005, one archived, one of another agency: 2004 has
  2 raised and 2 met, 2003 has 1 raised;
- consultations of "Kiezküche": two in 2004, one in 2003 (its contact has phone and e-mail,
  the consultations an internal note);
- grants: "Modellprojekt Kiez" of tests/funding/grants.py (2003–2004, 100.000 €, spent in
  2004: staff 2.000 and travel 100) and "Kiezladen" (July 2004 – 2005, 50.000 €, EU 50 %,
  a target of 4 needs met for 2005); an archived grant and one of 2006 do not count;
- network: the member "Nachbarschaftshaus" (contact with e-mail and phone), the public body
  "Bezirksamt", an archived partner; an advice offer; a referral delivered in 2004 (4 hours,
  200 €), one declined in 2004, one delivered in 2003 (50 €); a partnership agreed in June
  2004 of both partners and "Kiezküche", one that ended in 2003.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from kiezwerk.funding.models import Indicator, Target
from kiezwerk.reporting.models import SocialReport
from tests.factories import (
    ConsultationFactory,
    ContactPersonFactory,
    DeliveryFactory,
    GrantFactory,
    InitiativeFactory,
    NeedCategoryFactory,
    NeedFactory,
    OfferFactory,
    PartnerFactory,
    PartnershipFactory,
    ReferralFactory,
)
from tests.funding.grants import NOTE, grant_with_figures, plain_grant

CONTACT_EMAIL = "kontakt.kiezkueche@example.org"
CONTACT_PHONE = "030 555 12 34"
PARTNER_EMAIL = "info@nachbarschaftshaus.example.org"
PARTNER_PHONE = "030 444 98 76"
CONSULTATION_NOTE = "Vertraulich: Schulden von Frau Muster"
DELIVERY_NOTE = "Beratung durch Herrn Beispiel"
PRIVATE = [CONTACT_EMAIL, CONTACT_PHONE, PARTNER_EMAIL, PARTNER_PHONE, CONSULTATION_NOTE]
PRIVATE += [DELIVERY_NOTE, NOTE, "Muster"]


def new_report(agency, manager, **fields) -> SocialReport:
    defaults = {
        "title": "Sozialbericht 2004",
        "start": dt.date(2004, 1, 1),
        "end": dt.date(2004, 12, 31),
        "created_by": manager,
    }
    return SocialReport.objects.create(agency=agency, **(defaults | fields))


def _needs(agency, hood, other_agency) -> None:
    care = NeedCategoryFactory(name="Kinderbetreuung")
    supply = NeedCategoryFactory(name="Versorgung")
    NeedFactory(agency=agency, neighbourhood=hood, category=care, raised_on=dt.date(2004, 2, 1))
    NeedFactory(
        agency=agency,
        neighbourhood=hood,
        category=care,
        raised_on=dt.date(2004, 3, 1),
        status="met",
        closed_on=dt.date(2004, 6, 1),
    )
    NeedFactory(
        agency=agency,
        neighbourhood=hood,
        category=supply,
        raised_on=dt.date(2003, 5, 1),
        status="met",
        closed_on=dt.date(2004, 8, 1),
    )
    NeedFactory(agency=agency, neighbourhood=hood, category=care, raised_on=dt.date(2005, 1, 5))
    NeedFactory(
        agency=agency,
        neighbourhood=hood,
        category=care,
        raised_on=dt.date(2004, 4, 1),
        archived_at=timezone.now(),
    )
    NeedFactory(agency=other_agency, category=care, raised_on=dt.date(2004, 4, 1))


def _needs_met() -> Indicator:
    """The seeded indicator OWN-12 (created again where seeded data was flushed)."""
    defaults = {
        "name": "Erfüllte Bedarfe",
        "definition": "Bedarfe, die im Zeitraum erfüllt wurden.",
        "unit": "Bedarfe",
        "standard": "own",
        "level": "7_society",
        "query": "needs_met",
    }
    return Indicator.objects.get_or_create(code="OWN-12", defaults=defaults)[0]


def _grants(agency, manager) -> None:
    grant_with_figures(agency, manager)
    shop = plain_grant(
        agency,
        title="Kiezladen",
        start_date=dt.date(2004, 7, 1),
        end_date=dt.date(2005, 12, 31),
        amount=Decimal("50000.00"),
    )
    Target.objects.create(grant=shop, indicator=_needs_met(), year=2005, value=4)
    GrantFactory(agency=agency, title="Archiviert", archived_at=timezone.now())
    GrantFactory(
        agency=agency,
        title="Später",
        start_date=dt.date(2006, 1, 1),
        end_date=dt.date(2006, 12, 31),
    )


def _network(agency, hood, kitchen) -> None:
    house = PartnerFactory(
        agency=agency,
        name="Nachbarschaftshaus",
        contact_name="Frau Muster",
        email=PARTNER_EMAIL,
        phone=PARTNER_PHONE,
    )
    office = PartnerFactory(
        agency=agency, name="Bezirksamt", kind="public", is_network_member=False
    )
    PartnerFactory(agency=agency, name="Alter Partner", archived_at=timezone.now())
    offer = OfferFactory(agency=agency, partner=house, kind="advice")
    done = ReferralFactory(
        initiative=kitchen, offer=offer, referred_on=dt.date(2004, 2, 1), status="delivered"
    )
    DeliveryFactory(
        referral=done, delivered_on=dt.date(2004, 3, 1), hours=4, value=200, note=DELIVERY_NOTE
    )
    ReferralFactory(
        initiative=kitchen, offer=offer, referred_on=dt.date(2004, 5, 1), status="declined"
    )
    earlier = ReferralFactory(
        initiative=kitchen, offer=offer, referred_on=dt.date(2003, 5, 1), status="delivered"
    )
    DeliveryFactory(referral=earlier, delivered_on=dt.date(2003, 6, 1), hours=1, value=50)
    shop = PartnershipFactory(
        agency=agency, neighbourhood=hood, title="Kiezladen-Verbund", agreed_on=dt.date(2004, 6, 1)
    )
    through = {"agency_id": agency.pk}
    shop.partners.add(house, office, through_defaults=through)
    shop.initiatives.add(kitchen, through_defaults=through)
    PartnershipFactory(
        agency=agency,
        neighbourhood=hood,
        title="Beendet",
        agreed_on=dt.date(2002, 1, 1),
        ends_on=dt.date(2003, 6, 30),
        status="ended",
    )


def report_world(agency, neighbourhoods, manager, other_agency) -> SocialReport:
    """The data above and the report for 2004."""
    hood = neighbourhoods[0]
    kitchen = InitiativeFactory(agency=agency, neighbourhood=hood, name="Kiezküche")
    ContactPersonFactory(
        initiative=kitchen, name="Frau Muster", email=CONTACT_EMAIL, phone=CONTACT_PHONE
    )
    for day in (dt.date(2003, 9, 1), dt.date(2004, 2, 3), dt.date(2004, 10, 5)):
        ConsultationFactory(initiative=kitchen, held_on=day, notes=CONSULTATION_NOTE)
    _needs(agency, hood, other_agency)
    _grants(agency, manager)
    _network(agency, hood, kitchen)
    return new_report(agency, manager)
