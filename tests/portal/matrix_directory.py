"""Permission-matrix rows of the public directory and forum calendar (see
tests/test_permission_matrix.py).

Public pages answer everyone alike, logged in or not: an outsider (another agency's advisor)
reads them as any resident does."""

from tests.conftest import PERSONAS

EVERYONE = dict.fromkeys([*PERSONAS, "anonymous"], 200)


def enterprise_kwargs(request) -> dict:
    from tests.portal.directory import enterprise

    agency, hoods = request.getfixturevalue("agency"), request.getfixturevalue("neighbourhoods")
    return {"pk": enterprise(agency, hoods[0]).pk}


def event_kwargs(request) -> dict:
    from tests.portal.directory import upcoming_forum

    agency, hoods = request.getfixturevalue("agency"), request.getfixturevalue("neighbourhoods")
    return {"slug": "kiez", "pk": upcoming_forum(agency, hoods[0]).pk}


ROWS = {
    "portal:directory": ({}, EVERYONE),
    "portal:enterprise": (enterprise_kwargs, EVERYONE),
    "portal:calendar": ({"slug": "kiez"}, EVERYONE),
    "portal:calendar_event": (event_kwargs, EVERYONE),
}
