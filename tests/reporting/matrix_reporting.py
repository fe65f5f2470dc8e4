"""Permission-matrix rows of the neighbourhood overview (see tests/test_permission_matrix.py).

The rows of backoffice:home and backoffice:agency are in tests/test_permission_matrix.py."""


def neighbourhood_kwargs(request) -> dict:
    """Boxhagener Platz (the advisor's neighbourhood), with a forum so the chart has a year."""
    from tests.factories import AttendeeFactory, ForumFactory

    agency = request.getfixturevalue("agency")
    hood = request.getfixturevalue("neighbourhoods")[0]
    forum = ForumFactory(agency=agency, neighbourhood=hood)
    AttendeeFactory(forum=forum)
    AttendeeFactory(forum=forum)
    return {"slug": "kiez", "neighbourhood": hood.slug}


READERS = {
    "manager": 200,
    "advisor": 200,
    "evaluator": 200,
    "funder": 403,
    "founder": 403,
    "partner": 403,
    "outsider": 404,
    "anonymous": "login",
}

ROWS = {
    "backoffice:neighbourhood": (neighbourhood_kwargs, READERS),
    "backoffice:social_capital_chart": (neighbourhood_kwargs, READERS),
}
