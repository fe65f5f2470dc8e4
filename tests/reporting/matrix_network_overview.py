"""Permission-matrix rows of the network-wide overview (see tests/test_permission_matrix.py).

Only holders of `reporting.view_network_overview` read it (the city department; granted in the
admin, no membership needed): every persona of an agency lacks it, whatever the role, so all
get 403; anonymous users go to the login. The planner who holds it is in
tests/reporting/test_network_overview.py."""

NOBODY = {
    **dict.fromkeys(
        ("manager", "advisor", "evaluator", "funder", "founder", "partner", "outsider"), 403
    ),
    "anonymous": "login",
}

ROWS = {
    "network_overview:overview": ({}, NOBODY),
    "network_overview:chart": ({}, NOBODY),
    "network_overview:export": ({"table": "agencies", "fmt": "csv"}, NOBODY),
}
