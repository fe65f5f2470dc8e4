"""The open-data page for the accessibility scan (tests/browser/test_accessibility.py), as a
resident or a data journalist comes: anonymous, with two agencies to list."""

from tests.browser.visit import Visit


def two_agencies(request) -> dict:
    request.getfixturevalue("agency")
    request.getfixturevalue("other_agency")
    return {}


VISITS = [
    Visit("portal_opendata", "/open-data/", setup=two_agencies, shows="main h1"),
]
