"""Permission-matrix rows of the agency's grants (see tests/test_permission_matrix.py).

Management and evaluation read every grant, funders the grants they are readers of; only
management changes them. Advisors, founders and network partners are refused the list (403)
and do not learn that a grant exists (404), as the outsider does not learn the agency's.

The grant's page is asked for by a funder who is not its reader (404). The forms are asked
for by a funder who is: a reader may read but not change the grant (403)."""

from tests.funding.grants import grant_with_figures, make_reader, plain_grant


def list_kwargs(request) -> dict:
    """The agency has a grant the funder does not read; another agency has one too."""
    agency, manager = request.getfixturevalue("agency"), request.getfixturevalue("manager")
    grant_with_figures(agency, manager)
    plain_grant(request.getfixturevalue("other_agency"), title="Andere Förderung")
    return {"slug": "kiez"}


def grant_kwargs(request) -> dict:
    agency, manager = request.getfixturevalue("agency"), request.getfixturevalue("manager")
    return {"slug": "kiez", "pk": grant_with_figures(agency, manager).pk}


def read_grant_kwargs(request) -> dict:
    """A grant the funder reads."""
    kwargs = grant_kwargs(request)
    grant = request.getfixturevalue("agency").grants.get(pk=kwargs["pk"])
    make_reader(grant, request.getfixturevalue("funder"))
    return kwargs


def drawdown_kwargs(request) -> dict:
    """The grant's outstanding drawdown."""
    kwargs = read_grant_kwargs(request)
    grant = request.getfixturevalue("agency").grants.get(pk=kwargs["pk"])
    return kwargs | {"drawdown": grant.drawdowns.get(received_on__isnull=True).pk}


OTHERS = {"outsider": 404, "anonymous": "login"}
LIST = {
    **dict.fromkeys(("manager", "evaluator", "funder"), 200),
    **dict.fromkeys(("advisor", "founder", "partner"), 403),
    **OTHERS,
}
GRANT = {
    **dict.fromkeys(("manager", "evaluator"), 200),
    **dict.fromkeys(("funder", "advisor", "founder", "partner"), 404),
    **OTHERS,
}
CHANGE = {
    "manager": 200,
    **dict.fromkeys(("evaluator", "funder"), 403),
    **dict.fromkeys(("advisor", "founder", "partner"), 404),
    **OTHERS,
}

ROWS = {
    "funding:grants": (list_kwargs, LIST),
    "funding:grant": (grant_kwargs, GRANT),
    "funding:financing": (read_grant_kwargs, CHANGE),
    "funding:budget": (read_grant_kwargs, CHANGE),
    "funding:spending": (read_grant_kwargs, CHANGE),
    "funding:drawdown_create": (read_grant_kwargs, CHANGE),
    "funding:drawdown_received": (drawdown_kwargs, CHANGE),
    "funding:targets": (read_grant_kwargs, CHANGE),
}

FORM_VIEWS = {
    "funding:financing",
    "funding:budget",
    "funding:spending",
    "funding:drawdown_create",
    "funding:drawdown_received",
    "funding:targets",
}
