"""Permission-matrix rows of the page of logged reads (see tests/test_permission_matrix.py).

Who read which person's record is for the agency's management (privacy.handle_requests);
the rest of the agency gets 403, another agency's staff 404."""

MEMBERS = ("advisor", "evaluator", "funder", "founder", "partner")


def agency_kwargs(request) -> dict:
    request.getfixturevalue("agency")
    return {"slug": "kiez"}


ROWS = {
    "privacy_reads:list": (
        agency_kwargs,
        {"manager": 200, **dict.fromkeys(MEMBERS, 403), "outsider": 404, "anonymous": "login"},
    ),
}
