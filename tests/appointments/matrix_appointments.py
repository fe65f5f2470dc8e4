"""Permission-matrix rows of the consultation hours (see tests/test_permission_matrix.py).

Requests hold residents' personal data: only the agency's staff see them (the advisor those of
its neighbourhood, here the first); funders, founders and partners get 403 for the agency's
pages and never learn a request exists (403 before the lookup), the outsider 404. The public
request form and its confirmation are open to everyone."""

from tests.appointments.world import booked, weekly_slot

ALL = ("manager", "advisor", "evaluator", "funder", "founder", "partner", "outsider", "anonymous")
OTHERS = {"outsider": 404, "anonymous": "login"}
NOT_STAFF = dict.fromkeys(("funder", "founder", "partner"), 403)
READ = {**dict.fromkeys(("manager", "advisor", "evaluator"), 200), **NOT_STAFF, **OTHERS}
CHANGE = {**READ, "evaluator": 403}


def agency_kwargs(request) -> dict:
    request.getfixturevalue("agency")
    return {"slug": "kiez"}


def request_kwargs(request) -> dict:
    return {"slug": "kiez", "pk": booked(request).pk}


def slot_kwargs(request) -> dict:
    """A consultation hour of the advisor (who may change it)."""
    agency, advisor = request.getfixturevalue("agency"), request.getfixturevalue("advisor")
    slot = weekly_slot(agency, request.getfixturevalue("neighbourhoods")[0], advisor)
    return {"slug": "kiez", "pk": slot.pk}


ROWS = {
    "appointments:calendar": (agency_kwargs, READ),
    "appointments:slots": (agency_kwargs, READ),
    "appointments:slot_create": (agency_kwargs, CHANGE),
    "appointments:slot_exception": (slot_kwargs, CHANGE),
    "appointments:slot_archive": (
        slot_kwargs,
        CHANGE | {"manager": 302, "advisor": 302},
        "post",
    ),
    "appointments:request": (request_kwargs, READ),
    "appointments:intake": (request_kwargs, CHANGE),
    "portal:appointment": (agency_kwargs, dict.fromkeys(ALL, 200)),
    "portal:appointment_sent": (agency_kwargs, dict.fromkeys(ALL, 200)),
}

FORM_VIEWS = {
    "appointments:slot_create",
    "appointments:slot_exception",
    "appointments:request",
    "appointments:intake",
    "portal:appointment",
}
