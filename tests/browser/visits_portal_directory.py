"""The public directory and forum calendar for the accessibility scan
(tests/browser/test_accessibility.py). Anonymous visitors, as residents come."""

from tests.browser.visit import Visit


def directory_entries(request) -> dict:
    """Enterprises in two neighbourhoods and categories, one without any contact details;
    more than a page of them, so that the page links appear."""
    from tests.factories import NeedCategoryFactory
    from tests.portal.directory import enterprise

    agency = request.getfixturevalue("agency")
    box, helm = request.getfixturevalue("neighbourhoods")
    repairs, food = NeedCategoryFactory(name="Reparatur"), NeedCategoryFactory(name="Versorgung")
    first = enterprise(agency, box, name="Reparaturwerkstatt", directory_category=repairs)
    first.served_neighbourhoods.add(helm, through_defaults={"agency": agency})
    enterprise(
        agency,
        helm,
        name="Stadtteilzeitung",
        directory_category=food,
        public_address="",
        public_phone="",
        public_email="",
        opening_hours="",
    )
    for number in range(30):
        enterprise(agency, box, name=f"Kiezladen {number:02d}", directory_category=food)
    return {"enterprise": first.pk}


def upcoming_forums(request) -> dict:
    from tests.portal.directory import upcoming_forum

    agency = request.getfixturevalue("agency")
    box, helm = request.getfixturevalue("neighbourhoods")
    upcoming_forum(agency, box, title="Stadtteilforum Boxhagener Platz", agenda="Was fehlt?")
    upcoming_forum(agency, helm, days=30, title="Kiezfest", kind="information", place="")
    return {}


def neighbourhoods_only(request) -> dict:
    """The agency and its neighbourhoods (their feeds are listed), no forum."""
    request.getfixturevalue("neighbourhoods")
    return {}


VISITS = [
    Visit("portal_directory", "/enterprises/", setup=directory_entries),
    Visit(
        "portal_directory_filtered",
        "/enterprises/?neighbourhood=helmholtzplatz",
        setup=directory_entries,
        shows="main .directory-list",
    ),
    Visit(
        "portal_directory_bad_filter",
        "/enterprises/?category=abc",
        setup=directory_entries,
        status=400,
        shows="main .field-errors",
    ),
    Visit(
        "portal_enterprise",
        "/enterprises/{enterprise}/",
        setup=directory_entries,
        shows='script[type="application/ld+json"]',
    ),
    Visit("portal_calendar", "/agencies/kiez/calendar/", setup=upcoming_forums),
    Visit("portal_calendar_empty", "/agencies/kiez/calendar/", setup=neighbourhoods_only),
]
