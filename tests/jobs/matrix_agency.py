"""Permission-matrix rows of the agency's jobs pages (see tests/test_permission_matrix.py):
aggregates without personal data, read by management, evaluation, advisors and funders."""

READERS = {"manager": 200, "advisor": 200, "evaluator": 200, "funder": 200}
OTHERS = {"founder": 403, "partner": 403, "outsider": 404, "anonymous": "login"}

ROWS = {
    "jobs:figures": ({"slug": "kiez"}, {**READERS, **OTHERS}),
    "jobs:worksheet": ({"slug": "kiez", "year": 2005}, {**READERS, **OTHERS}),
}
FORM_VIEWS = ("jobs:worksheet",)
