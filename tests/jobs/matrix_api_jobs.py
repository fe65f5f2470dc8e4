"""Permission-matrix rows of the API's jobs (see tests/test_permission_matrix.py; anonymous
callers get 401). The agency's jobs per year (aggregates) are for staff and funders; an
enterprise's jobs and positions for its staff and own founders (others do not see it: 404)."""

from tests.economy.matrix_api_economy import READ, agency_kwargs, enterprise_kwargs

FIGURES = {
    **dict.fromkeys(("manager", "advisor", "evaluator", "funder"), 200),
    **dict.fromkeys(("founder", "partner"), 403),
    "outsider": 404,
    "anonymous": 401,
}

ROWS = {
    "api:get_agency_jobs": (agency_kwargs, FIGURES),
    "api:get_enterprise_jobs": (enterprise_kwargs, READ),
    "api:list_positions": (enterprise_kwargs, READ),
}
