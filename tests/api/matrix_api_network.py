"""Permission-matrix rows of the API's forums and partner network (see
tests/test_permission_matrix.py; tests/api/test_network.py asks the same of tokens).

As on the web: forums for the agency's staff; partners, offers and referrals for the staff and
for the `partner` persona, who acts for the organisation asked for (its own only); funders and
founders 403; another agency's member 404; anonymous callers 401."""

from tests.network.records import network_world

STAFF = {"manager": 200, "advisor": 200, "evaluator": 200}
REFUSED = {"funder": 403, "founder": 403, "partner": 403, "outsider": 404, "anonymous": 401}
STAFF_ONLY = {**STAFF, **REFUSED}
WITH_PARTNER = {**STAFF_ONLY, "partner": 200}


def agency_kwargs(request) -> dict:
    network_world(request)
    return {"slug": "kiez"}


def forum_kwargs(request) -> dict:
    from tests.factories import ForumFactory

    agency, hoods = request.getfixturevalue("agency"), request.getfixturevalue("neighbourhoods")
    return {"slug": "kiez", "forum_id": ForumFactory(agency=agency, neighbourhood=hoods[0]).pk}


def _world(name: str, key: str):
    def kwargs(request) -> dict:
        return {"slug": "kiez", key: network_world(request)[name]}

    return kwargs


ROWS = {
    "api:list_forums": (agency_kwargs, STAFF_ONLY),
    "api:get_forum": (forum_kwargs, STAFF_ONLY),
    "api:list_partners": (agency_kwargs, WITH_PARTNER),
    "api:get_partner": (_world("partner", "partner_id"), WITH_PARTNER),
    "api:list_offers": (agency_kwargs, WITH_PARTNER),
    "api:get_offer": (_world("offer", "offer_id"), WITH_PARTNER),
    "api:list_referrals": (agency_kwargs, WITH_PARTNER),
    "api:get_referral": (_world("referral", "referral_id"), WITH_PARTNER),
}
