"""The erasure preview and the retention dry run for the accessibility scan
(tests/browser/test_accessibility.py): the preview after confirming the password (a contact
whose funding-law hold ended, and one kept under a running grant), the erasure form sent
without its confirmation, and the dry run with a record due and one held."""

import datetime as dt

from tests.browser.visit import Visit
from tests.factories import PASSWORD

PREVIEW = "/backoffice/kiez/privacy/requests/{pk}/erasure/"
RETENTION = "/backoffice/kiez/privacy/retention/"


def records(request) -> dict:
    """Two contacts of initiatives counselled during grants (one ended and paid long ago, one
    with money outstanding) and an erasure request confirming both."""
    from tests.factories import ConsultationFactory, ContactPersonFactory, InitiativeFactory
    from tests.privacy.erasure_world import erasure_request, paid_grant

    agency, manager = request.getfixturevalue("agency"), request.getfixturevalue("manager")
    hood = request.getfixturevalue("neighbourhoods")[0]
    paid_grant(agency, "2003-01-01", "2004-12-31", "2005-03-20")
    paid_grant(agency, "2010-01-01", "2011-12-31", "2011-03-01", outstanding=True)
    contacts = []
    for name, day in (("Erika Alt", dt.date(2003, 5, 5)), ("Hans Halt", dt.date(2010, 5, 5))):
        initiative = InitiativeFactory(agency=agency, neighbourhood=hood)
        ConsultationFactory(initiative=initiative, held_on=day)
        contacts.append(ContactPersonFactory(initiative=initiative, name=name))
    return {"pk": erasure_request(agency, manager, *contacts).pk}


def confirm_password(page, path, user, submit_login_form):
    """The preview asks for the password again first, then comes back."""
    page.goto(path)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation() as navigation:
        page.click("main form button[type=submit]")
    return navigation.value


def erase_without_confirming(page, path, user, submit_login_form):
    """From the preview, send the erasure form without ticking the confirmation: the page
    comes back (at the form's address) with the error."""
    confirm_password(page, path.removesuffix("run/"), user, submit_login_form)
    with page.expect_navigation() as navigation:
        page.click("main form#erasure-form button[type=submit]")
    return navigation.value


VISITS = [
    Visit(
        "privacy_erasure",
        PREVIEW,
        "manager",
        setup=records,
        reach=confirm_password,
        shows="main #erasure-plan",
    ),
    Visit(
        "privacy_erasure_errors",
        PREVIEW + "run/",
        "manager",
        setup=records,
        reach=erase_without_confirming,
        status=400,
        shows="main #id_confirm_error",
    ),
    Visit(
        "privacy_retention", RETENTION, "manager", setup=records, shows="main #retention-classes"
    ),
]
