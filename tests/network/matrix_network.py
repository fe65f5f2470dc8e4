"""Permission-matrix rows of the partner network (see tests/test_permission_matrix.py).

The `partner` persona acts for the organisation whose pages and referral are asked for."""

from tests.network.records import network_world


def agency_kwargs(request) -> dict:
    request.getfixturevalue("agency")
    return {"slug": "kiez"}


def _world_kwargs(name: str):
    def kwargs(request) -> dict:
        return {"slug": "kiez", "pk": network_world(request)[name]}

    return kwargs


def initiative_kwargs(request) -> dict:
    request.getfixturevalue("founder_contact")
    return {"slug": "kiez", "pk": network_world(request)["initiative"]}


partner_kwargs = _world_kwargs("partner")
offer_kwargs = _world_kwargs("offer")
referral_kwargs = _world_kwargs("referral")
partnership_kwargs = _world_kwargs("partnership")

OUT = {"outsider": 404, "anonymous": "login"}
STAFF_READ = {"manager": 200, "advisor": 200, "evaluator": 200, **OUT}
NOT_STAFF = {"funder": 403, "founder": 403, "partner": 403}
STAFF_PAGE = {**STAFF_READ, **NOT_STAFF}
KEEPER_PAGE = {**STAFF_PAGE, "evaluator": 403}
OWN_PARTNER = {**KEEPER_PAGE, "partner": 200}
REFERRAL_PAGE = {**STAFF_PAGE, "partner": 200}

ROWS = {
    "network:partners": (agency_kwargs, STAFF_PAGE),
    "network:partner_detail": (partner_kwargs, {**STAFF_PAGE, "partner": 200}),
    "network:partner_create": (agency_kwargs, KEEPER_PAGE),
    "network:partner_edit": (partner_kwargs, KEEPER_PAGE),
    "network:offer_create": (partner_kwargs, OWN_PARTNER),
    "network:offer_edit": (offer_kwargs, OWN_PARTNER),
    "network:offer_archive": (
        offer_kwargs,
        {**OWN_PARTNER, "manager": 302, "advisor": 302, "partner": 302},
        "post",
    ),
    "network:refer": (
        initiative_kwargs,
        {
            "manager": 200,
            "advisor": 200,
            "evaluator": 403,
            "founder": 403,
            "funder": 404,
            "partner": 404,
            **OUT,
        },
    ),
    "network:referrals": (agency_kwargs, REFERRAL_PAGE),
    "network:referral_detail": (referral_kwargs, REFERRAL_PAGE),
    "network:record_delivery": (referral_kwargs, {**REFERRAL_PAGE, "evaluator": 403}),
    # An empty decline (no reason) is refused with 400 to those who may decline.
    "network:decline_referral": (
        referral_kwargs,
        {**REFERRAL_PAGE, "manager": 400, "advisor": 400, "evaluator": 403, "partner": 400},
        "post",
    ),
    "network:partnerships": (agency_kwargs, STAFF_PAGE),
    "network:partnership_create": (agency_kwargs, KEEPER_PAGE),
    "network:partnership_detail": (partnership_kwargs, STAFF_PAGE),
    "network:partnership_edit": (partnership_kwargs, KEEPER_PAGE),
}

FORM_VIEWS = {
    "network:partner_create",
    "network:partner_edit",
    "network:offer_create",
    "network:offer_edit",
    "network:refer",
    "network:record_delivery",
    "network:partnership_create",
    "network:partnership_edit",
}
