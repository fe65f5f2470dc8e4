"""Permission-matrix rows of the forum views (see tests/test_permission_matrix.py)."""


def agency_kwargs(request) -> dict:
    request.getfixturevalue("agency")
    return {"slug": "kiez"}


def forum_kwargs(request) -> dict:
    from tests.factories import ForumFactory

    agency = request.getfixturevalue("agency")
    neighbourhoods = request.getfixturevalue("neighbourhoods")
    forum = ForumFactory(agency=agency, neighbourhood=neighbourhoods[0])
    return {"slug": "kiez", "pk": forum.pk}


def feed_kwargs(request) -> dict:
    request.getfixturevalue("neighbourhoods")
    return {"slug": "kiez", "neighbourhood": "boxhagener-platz"}


NOT_STAFF = {
    "funder": 403,
    "founder": 403,
    "partner": 403,
    "outsider": 404,
    "anonymous": "login",
}
STAFF_PAGE = {"manager": 200, "advisor": 200, "evaluator": 200, **NOT_STAFF}
CHANGE_PAGE = {**STAFF_PAGE, "evaluator": 403}
PUBLIC = dict.fromkeys(
    ["manager", "advisor", "evaluator", "funder", "founder", "partner", "outsider", "anonymous"],
    200,
)

ROWS = {
    "forums:list": (agency_kwargs, STAFF_PAGE),
    "forums:create": (agency_kwargs, CHANGE_PAGE),
    "forums:detail": (forum_kwargs, STAFF_PAGE),
    "forums:edit": (forum_kwargs, CHANGE_PAGE),
    "forums:add_attendee": (forum_kwargs, CHANGE_PAGE),
    "forums:raise_need": (forum_kwargs, CHANGE_PAGE),
    "forums:outcomes": (forum_kwargs, CHANGE_PAGE),
    "forums:ics": (forum_kwargs, STAFF_PAGE),
    "forums:agency_feed": (agency_kwargs, PUBLIC),
    "forums:neighbourhood_feed": (feed_kwargs, PUBLIC),
}
FORM_VIEWS = {
    "forums:create",
    "forums:edit",
    "forums:add_attendee",
    "forums:raise_need",
    "forums:outcomes",
}
