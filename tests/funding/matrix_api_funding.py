"""Permission-matrix rows of the API's grants and a grant's indicators (see
tests/test_permission_matrix.py; anonymous callers get 401).

As on the web: management and evaluation read every grant, a funder the grants it is a reader
of; the list is refused (403) to other members, and a grant one may not read is 404."""

from tests.funding.grants import make_reader, plain_grant

READERS = dict.fromkeys(("manager", "evaluator", "funder"), 200)
LIST = {**READERS, **dict.fromkeys(("advisor", "founder", "partner"), 403)}
LIST |= {"outsider": 404, "anonymous": 401}
GRANT = {**READERS, **dict.fromkeys(("advisor", "founder", "partner", "outsider"), 404)}
GRANT["anonymous"] = 401


def agency_kwargs(request) -> dict:
    request.getfixturevalue("agency")
    return {"slug": "kiez"}


def grant_kwargs(request) -> dict:
    grant = plain_grant(request.getfixturevalue("agency"))
    make_reader(grant, request.getfixturevalue("funder"))
    return {"slug": "kiez", "grant_id": grant.pk}


ROWS = {
    "api:list_grants": (agency_kwargs, LIST),
    "api:get_grant": (grant_kwargs, GRANT),
    "api:list_grant_indicators": (grant_kwargs, GRANT),
}
