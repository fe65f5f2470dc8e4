"""Permission-matrix rows of the consents pages (see tests/test_permission_matrix.py).

The agency's consents are for whoever handles data protection: management (and superusers);
other members 403, another agency's staff 404. Every logged-in person sees their own consents;
withdrawing one that is not theirs is 404 (nobody learns it exists)."""

from tests.privacy.consent_helpers import contact_with_consent

ALL = ("manager", "advisor", "evaluator", "funder", "founder", "partner", "outsider")
MEMBERS = ("advisor", "evaluator", "funder", "founder", "partner")
HANDLERS = {**dict.fromkeys(MEMBERS, 403), "outsider": 404, "anonymous": "login"}


def agency_kwargs(request) -> dict:
    request.getfixturevalue("agency")
    return {"slug": "kiez"}


def consent_kwargs(request) -> dict:
    """A consent of the founder (their contact details stored for the counselling)."""
    initiative, founder = request.getfixturevalue("initiative"), request.getfixturevalue("founder")
    _contact, consent = contact_with_consent(initiative, user=founder, name=founder.name)
    return {"slug": "kiez", "pk": consent.pk}


def own_consent_kwargs(request) -> dict:
    return {"pk": consent_kwargs(request)["pk"]}


ROWS = {
    "consents:list": (agency_kwargs, {**HANDLERS, "manager": 200}),
    "consents:withdraw": (consent_kwargs, {**HANDLERS, "manager": 302}, "post"),
    "consents:mine": ({}, {**dict.fromkeys(ALL, 200), "anonymous": "login"}),
    "consents:withdraw_mine": (
        own_consent_kwargs,
        {**dict.fromkeys(ALL, 404), "founder": 302, "anonymous": "login"},
        "post",
    ),
}
