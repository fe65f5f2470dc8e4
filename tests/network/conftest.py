"""Fixtures of the partner network: the `partner` persona acts for `partner_org`."""

import pytest

from tests.factories import PartnerFactory
from tests.network.records import offer_of, partner_org_of, referral_to


@pytest.fixture
def partner_org(agency, neighbourhoods, partner):
    return partner_org_of(agency, neighbourhoods[0], partner)


@pytest.fixture
def offer(partner_org):
    return offer_of(partner_org)


@pytest.fixture
def referral(partner_org, offer, initiative, advisor):
    return referral_to(partner_org, initiative, offer, referred_by=advisor, note="Satzung")


@pytest.fixture
def other_partner_org(agency):
    return PartnerFactory(agency=agency, name="Bezirksamt Pankow", kind="public")
