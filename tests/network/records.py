"""Network records for tests: used by the fixtures (conftest.py), the permission matrix and
the browser visits, which cannot see this folder's fixtures."""

import datetime as dt

from kiezwerk.network.models import PartnerAccount
from tests.factories import (
    InitiativeFactory,
    OfferFactory,
    PartnerFactory,
    PartnershipFactory,
    ReferralFactory,
)

PARTNER_NAME = "Nachbarschaftshaus Urbanstraße e.V."


def partner_org_of(agency, neighbourhood, account=None, name=PARTNER_NAME):
    """The organisation the `partner` persona acts for, active in `neighbourhood`."""
    organisation = PartnerFactory(
        agency=agency,
        name=name,
        kind="association",
        member_since=dt.date(2003, 1, 1),
        contact_name="Jana Köhler",
        email="kontakt@urbanstrasse.test",
    )
    organisation.neighbourhoods.add(neighbourhood, through_defaults={"agency": agency})
    if account is not None:
        PartnerAccount.objects.create(agency=agency, partner=organisation, user=account)
    return organisation


def offer_of(organisation, **fields):
    defaults = {
        "title": "Gründungsberatung für Vereine",
        "kind": "advice",
        "stages": ["concept"],
        "valid_from": dt.date(2003, 1, 1),
    }
    return OfferFactory(partner=organisation, agency=organisation.agency, **defaults | fields)


def referral_to(organisation, initiative, offer=None, **fields):
    return ReferralFactory(
        agency=organisation.agency,
        initiative=initiative,
        partner=organisation,
        offer=offer,
        **fields,
    )


def network_world(request) -> dict:
    """The partner persona's organisation with an offer and a referral of the `initiative`
    fixture (in the advisor's neighbourhood), and a local partnership there."""
    agency = request.getfixturevalue("agency")
    neighbourhoods = request.getfixturevalue("neighbourhoods")
    initiative = request.getfixturevalue("initiative")
    organisation = partner_org_of(agency, neighbourhoods[0], request.getfixturevalue("partner"))
    offer = offer_of(organisation)
    referral = referral_to(organisation, initiative, offer, note="Hilfe bei der Satzung")
    partnership = PartnershipFactory(
        agency=agency, neighbourhood=neighbourhoods[0], title="Kiezladen-Bündnis"
    )
    partnership.partners.add(organisation, through_defaults={"agency": agency})
    partnership.initiatives.add(initiative, through_defaults={"agency": agency})
    return {
        "partner": organisation.pk,
        "offer": offer.pk,
        "referral": referral.pk,
        "partnership": partnership.pk,
        "initiative": initiative.pk,
    }


def other_initiative(agency, neighbourhood, **fields):
    return InitiativeFactory(agency=agency, neighbourhood=neighbourhood, **fields)
