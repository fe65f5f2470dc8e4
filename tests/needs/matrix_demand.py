"""Permission-matrix rows of the needs board on the portal and of the demand register (see
tests/test_permission_matrix.py).

The portal's pages are public: everyone reads the board and a public need, sends the forms
(supporting answers with a redirect back to the need). The demand register is for an agency's
managers (their districts) and the city department (no persona here holds its permission, so
the network-wide list is 403 for all). A request from the district of the agency's first
neighbourhood is read and handled by its manager only; to every other persona it does not
exist (404)."""

from tests.needs.matrix_needs import NOT_STAFF, agency_kwargs, need_kwargs

ALL = ["manager", "advisor", "evaluator", "funder", "founder", "partner", "outsider", "anonymous"]
LOGGED_IN = [persona for persona in ALL if persona != "anonymous"]
PUBLIC = dict.fromkeys(ALL, 200)
MANAGER_ONLY = {
    "manager": 200,
    "advisor": 403,
    "evaluator": 403,
    "funder": 403,
    "founder": 403,
    "partner": 403,
    "outsider": 404,
    "anonymous": "login",
}
ONLY_HANDLER = {**dict.fromkeys(LOGGED_IN, 404), "anonymous": "login"}
PUBLISH = {"manager": 302, "advisor": 302, "evaluator": 403, **NOT_STAFF}


def public_need_kwargs(request) -> dict:
    from tests.factories import NeedFactory

    agency = request.getfixturevalue("agency")
    hood = request.getfixturevalue("neighbourhoods")[0]
    need = NeedFactory(agency=agency, neighbourhood=hood, title="Spielplatz", is_public=True)
    return {"slug": "kiez", "pk": need.pk}


def demand_kwargs(request) -> dict:
    from tests.needs.demand_helpers import make_demand

    hood = request.getfixturevalue("neighbourhoods")[0]
    demand = make_demand(district_name=hood.district.name)
    return {"pk": demand.pk}


ROWS = {
    "portal:needs": (agency_kwargs, PUBLIC),
    "portal:need": (public_need_kwargs, PUBLIC),
    "portal:report_need": (agency_kwargs, PUBLIC),
    "portal:support_need": (public_need_kwargs, dict.fromkeys(ALL, 302), "post"),
    "portal:demand": ({}, PUBLIC),
    "needs:demand": (agency_kwargs, MANAGER_ONLY),
    "needs:demand_all": ({}, {**dict.fromkeys(LOGGED_IN, 403), "anonymous": "login"}),
    "needs:demand_detail": (demand_kwargs, {**ONLY_HANDLER, "manager": 200}),
    # An empty form: the page comes back with its errors, nothing changed.
    "needs:demand_change": (demand_kwargs, {**ONLY_HANDLER, "manager": 400}, "post"),
    "needs:publish": (need_kwargs, PUBLISH, "post"),
}
FORM_VIEWS = {"portal:report_need", "portal:demand"}
