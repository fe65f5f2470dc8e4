"""The register of data protection requests for the accessibility scan
(tests/browser/test_accessibility.py): the list with an overdue and a closed request, the form
for a new request and the form sent with an error, and a request's page with the records
found for the person (one confirmed) and the forms to save them and to close the request."""

import datetime as dt

from tests.browser.visit import Visit

REQUESTS = "/backoffice/kiez/privacy/requests/"


def requests_world(request) -> dict:
    from django.utils import timezone

    from tests.privacy.requests_world import access_request, lena

    agency, manager = request.getfixturevalue("agency"), request.getfixturevalue("manager")
    records = lena(
        agency,
        request.getfixturevalue("neighbourhoods"),
        request.getfixturevalue("founder"),
        request.getfixturevalue("initiative"),
    )
    late = timezone.localdate() - dt.timedelta(days=40)
    access_request(agency, manager, received_on=late, kind="erasure")
    access_request(agency, manager, status="done", closed_at=timezone.now())
    dsr = access_request(
        agency, manager, records=[f"initiatives.ContactPerson:{records['contact'].pk}"]
    )
    return {"dsr": dsr.pk}


def send_a_day_in_the_future(page, path, user, submit_login_form):
    from django.utils import timezone

    page.goto(path)
    page.fill("#id_subject_name", "Lena Schubert")
    page.fill("#id_received_on", (timezone.localdate() + dt.timedelta(days=3)).isoformat())
    with page.expect_navigation() as navigation:
        page.click("main form#request-form button[type=submit]")
    return navigation.value


VISITS = [
    Visit(
        "privacy_requests",
        REQUESTS,
        "manager",
        setup=requests_world,
        shows="main #closed-requests",
    ),
    Visit("privacy_request_new", REQUESTS + "new/", "manager", shows="main #id_received_on"),
    Visit(
        "privacy_request_new_errors",
        REQUESTS + "new/",
        "manager",
        reach=send_a_day_in_the_future,
        status=400,
        shows="main #id_received_on_error",
    ),
    Visit(
        "privacy_request",
        REQUESTS + "{dsr}/",
        "manager",
        setup=requests_world,
        shows="main #matches",
    ),
]
