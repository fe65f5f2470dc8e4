"""Who gets what from the import of positions: rows for tests/test_permission_matrix.py.

Management and advisors import (advisors only for enterprises of their team's
neighbourhoods, checked per row in tests/jobs/test_imports.py); other members, founders
among them, get 403, the outsider 404."""

LOGIN = "login"
IMPORTERS = {
    "manager": 200,
    "advisor": 200,
    **dict.fromkeys(("evaluator", "funder", "founder", "partner"), 403),
    "outsider": 404,
    "anonymous": LOGIN,
}


def _agency_kwargs(request) -> dict:
    request.getfixturevalue("agency")
    return {"slug": "kiez"}


def _template_kwargs(request) -> dict:
    return _agency_kwargs(request) | {"fmt": "xlsx"}


ROWS = {
    "jobs:import": (_agency_kwargs, IMPORTERS),
    "jobs:import_template": (_template_kwargs, IMPORTERS),
}

FORM_VIEWS = {"jobs:import"}
