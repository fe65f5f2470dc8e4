"""Permission-matrix rows of the pseudonymised evaluation export (see
tests/test_permission_matrix.py): management and evaluation of the agency open the page;
advisors, funders, founders and partners are members without the permission (403); the
outsider does not learn the agency exists (404). The download itself (POST) is tested in
test_pseudonymised_export.py."""

ROWS = {
    "evaluation_export:export": (
        {"slug": "kiez"},
        {
            "manager": 200,
            "evaluator": 200,
            **dict.fromkeys(("advisor", "funder", "founder", "partner"), 403),
            "outsider": 404,
            "anonymous": "login",
        },
    ),
}

FORM_VIEWS = {"evaluation_export:export"}
