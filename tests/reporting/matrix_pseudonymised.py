"""Permission-matrix rows of the pseudonymised evaluation export (see
tests/test_permission_matrix.py), for the download (POST): management and evaluation of the
agency are sent to confirm their password first (302 to /accounts/reauthenticate/);
advisors, funders, founders and partners are members without the permission (403); the
outsider does not learn the agency exists (404). The page itself (GET) and the download after
confirming the password are tested in test_pseudonymised_export.py."""

ROWS = {
    "evaluation_export:export": (
        {"slug": "kiez"},
        {
            "manager": 302,
            "evaluator": 302,
            **dict.fromkeys(("advisor", "funder", "founder", "partner"), 403),
            "outsider": 404,
            "anonymous": "login",
        },
        "post",
    ),
}

FORM_VIEWS = {"evaluation_export:export"}
