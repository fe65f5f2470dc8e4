"""The network-wide overview for the accessibility scan (tests/browser/test_accessibility.py),
as the city department's planner: an account without any agency (`member_of_no_agency`) granted
the permission, as in the admin. The back-office home with its link, the overview of 2003 with
its chart and both tables, and a year without figures refused (400)."""

from tests.browser.visit import Visit

OVERVIEW = "/backoffice/network-overview/"


def planner_and_world(request) -> dict:
    """Two agencies with a year of records (tests/reporting/network_world.py), and the
    permission for the account without agencies."""
    from django.contrib.auth.models import Permission

    from tests.reporting.network_world import build

    agency = request.getfixturevalue("agency")
    other = request.getfixturevalue("other_agency")
    build(agency, other, request.getfixturevalue("neighbourhoods"))
    permission = Permission.objects.get(
        content_type__app_label="reporting", codename="view_network_overview"
    )
    request.getfixturevalue("member_of_no_agency").user_permissions.add(permission)
    return {}


VISITS = [
    Visit(
        "network_overview_home",
        "/backoffice/",
        "member_of_no_agency",
        setup=planner_and_world,
        shows=f'main a[href="{OVERVIEW}"]',
    ),
    Visit(
        "network_overview",
        OVERVIEW + "?year=2003&sort=jobs_total",
        "member_of_no_agency",
        setup=planner_and_world,
        shows="main table#neighbourhoods",
    ),
    Visit(
        "network_overview_bad_year",
        OVERVIEW + "?year=1999",
        "member_of_no_agency",
        setup=planner_and_world,
        status=400,
        shows="main #id_year_error",
    ),
]
