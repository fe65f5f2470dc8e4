"""Permission-matrix rows of erasure, restriction and the retention dry run (see
tests/test_permission_matrix.py).

Management only (privacy.handle_requests): other members get 403, the outsider 404. The
erasure preview and the erasure itself ask the manager for the password again first (302 to
/accounts/reauthenticate/; tests/privacy/test_erasure.py goes further); restricting and
lifting redirect to the preview."""

from tests.privacy.erasure_world import erasure_request

OTHERS = {"outsider": 404, "anonymous": "login"}
NOT_MANAGEMENT = dict.fromkeys(("advisor", "evaluator", "funder", "founder", "partner"), 403)
REAUTH = {"manager": 302, **NOT_MANAGEMENT, **OTHERS}  # to the reauthentication page
REDIRECT = {"manager": 302, **NOT_MANAGEMENT, **OTHERS}
PAGE = {"manager": 200, **NOT_MANAGEMENT, **OTHERS}


def request_kwargs(request) -> dict:
    agency, manager = request.getfixturevalue("agency"), request.getfixturevalue("manager")
    return {"slug": "kiez", "pk": erasure_request(agency, manager).pk}


def agency_kwargs(request) -> dict:
    request.getfixturevalue("agency")
    return {"slug": "kiez"}


ROWS = {
    "erasure:preview": (request_kwargs, REAUTH),
    "erasure:execute": (request_kwargs, REAUTH, "post"),
    "erasure:restrict": (request_kwargs, REDIRECT, "post"),
    "erasure:lift": (request_kwargs, REDIRECT, "post"),
    "erasure:retention": (agency_kwargs, PAGE),
}
