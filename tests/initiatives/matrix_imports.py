"""Who gets what from the import of initiatives: rows for tests/test_permission_matrix.py.

Management and advisors import (advisors only into their team's neighbourhoods, checked per
row in tests/initiatives/test_imports.py); other members get 403, the outsider 404. The import
of positions has the same rows (tests/jobs/matrix_imports.py)."""

LOGIN = "login"
IMPORTERS = {
    "manager": 200,
    "advisor": 200,
    **dict.fromkeys(("evaluator", "funder", "founder", "partner"), 403),
    "outsider": 404,
    "anonymous": LOGIN,
}


def agency_kwargs(request) -> dict:
    request.getfixturevalue("agency")
    return {"slug": "kiez"}


def template_kwargs(request) -> dict:
    return agency_kwargs(request) | {"fmt": "xlsx"}


ROWS = {
    "initiatives:import": (agency_kwargs, IMPORTERS),
    "initiatives:import_template": (template_kwargs, IMPORTERS),
}

FORM_VIEWS = {"initiatives:import"}
