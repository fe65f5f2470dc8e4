"""Permission-matrix rows of the API's period figures and financing mixes (see
tests/test_permission_matrix.py; the matrix logs in by session, anonymous callers get 401).

As on the web: an enterprise's figures and mix are read by its staff and its own founders and
written by staff on the case and its founders (evaluators read only); funders and partners do
not see the enterprise (404). A PUT without a body is 422 for those who may write. The mixes
of a neighbourhood and of the agency are for management, evaluation and advisors."""

from tests.economy.matrix_entry import line_kwargs

HIDDEN = {"funder": 404, "partner": 404, "outsider": 404, "anonymous": 401}
READ = {"manager": 200, "advisor": 200, "evaluator": 200, "founder": 200, **HIDDEN}
WRITE = {"manager": 422, "advisor": 422, "founder": 422, "evaluator": 403, **HIDDEN}
SCOPES = {
    **dict.fromkeys(("manager", "advisor", "evaluator"), 200),
    **dict.fromkeys(("founder", "funder", "partner"), 403),
    "outsider": 404,
    "anonymous": 401,
}


def enterprise_kwargs(request) -> dict:
    request.getfixturevalue("founder_contact")
    return {"slug": "kiez", "initiative_id": request.getfixturevalue("initiative").pk}


def month_kwargs(request) -> dict:
    kwargs = line_kwargs(request)
    return {
        "slug": "kiez",
        "initiative_id": kwargs["pk"],
        "line_id": kwargs["line"],
        "year": 2004,
        "month": 3,
    }


def neighbourhood_kwargs(request) -> dict:
    return {"slug": "kiez", "neighbourhood_id": request.getfixturevalue("neighbourhoods")[0].pk}


def agency_kwargs(request) -> dict:
    request.getfixturevalue("agency")
    return {"slug": "kiez"}


ROWS = {
    "api:list_business_lines": (enterprise_kwargs, READ),
    "api:list_month_figures": (enterprise_kwargs, READ),
    "api:get_month_figures": (month_kwargs, READ),
    "api:put_month_figures": (month_kwargs, WRITE, "put"),
    "api:get_enterprise_mix": (enterprise_kwargs, READ),
    "api:get_neighbourhood_mix": (neighbourhood_kwargs, SCOPES),
    "api:get_agency_mix": (agency_kwargs, SCOPES),
}
