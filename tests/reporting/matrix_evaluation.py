"""Permission-matrix rows of the evaluation dashboard (see tests/test_permission_matrix.py):
management and evaluation of the agency read it, its charts and the records behind its
numbers; other members are refused (403); the outsider does not learn the agency (404)."""

READ = {
    **dict.fromkeys(("manager", "evaluator"), 200),
    **dict.fromkeys(("advisor", "funder", "founder", "partner"), 403),
    "outsider": 404,
    "anonymous": "login",
}

ROWS = {
    "evaluation:dashboard": ({"slug": "kiez"}, READ),
    "evaluation:chart": ({"slug": "kiez", "chart": "funnel"}, READ),
    "evaluation:records": ({"slug": "kiez", "key": "needs_raised"}, READ),
}
