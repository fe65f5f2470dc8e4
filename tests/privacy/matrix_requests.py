"""Permission-matrix rows of the request register and the access export (see
tests/test_permission_matrix.py).

Only management handles data protection requests: other members get 403 before any request is
looked up, the outsider 404, anonymous visitors the login. The exports ask the manager for the
password again first (302 to the reauthentication; tests/privacy/test_access_export.py
downloads them after it)."""

ALL_MEMBERS = ("advisor", "evaluator", "funder", "founder", "partner")
OTHERS = {"outsider": 404, "anonymous": "login"}
MANAGER_ONLY = {**dict.fromkeys(ALL_MEMBERS, 403), **OTHERS, "manager": 200}


def agency_kwargs(request) -> dict:
    request.getfixturevalue("agency")
    return {"slug": "kiez"}


def request_kwargs(request) -> dict:
    from tests.privacy.requests_world import access_request

    agency, manager = request.getfixturevalue("agency"), request.getfixturevalue("manager")
    return {"slug": "kiez", "pk": access_request(agency, manager).pk}


ROWS = {
    "privacy_requests:list": (agency_kwargs, MANAGER_ONLY),
    "privacy_requests:new": (agency_kwargs, MANAGER_ONLY),
    "privacy_requests:detail": (request_kwargs, MANAGER_ONLY),
    "privacy_requests:records": (request_kwargs, MANAGER_ONLY | {"manager": 302}, "post"),
    "privacy_requests:close": (request_kwargs, MANAGER_ONLY | {"manager": 400}, "post"),
    "privacy_requests:export_json": (request_kwargs, MANAGER_ONLY | {"manager": 302}),
    "privacy_requests:export_pdf": (request_kwargs, MANAGER_ONLY | {"manager": 302}),
}

FORM_VIEWS = {"privacy_requests:new"}
