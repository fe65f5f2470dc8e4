"""Consultation hours for the accessibility scan (tests/browser/test_accessibility.py): the
public request form (empty, sent with errors) and its confirmation, anonymous; the calendar,
the consultation hours, a request and its intake as the advisor; publishing an hour as the
manager."""

from tests.browser.visit import Visit

FORM = "/agencies/kiez/appointment/"
BACKOFFICE = "/backoffice/kiez/appointments/"


def appointment_world(request) -> dict:
    """A weekly consultation hour of the advisor in Boxhagener Platz, with one request for its
    next time and one call-back request."""
    from tests.appointments.world import appointment_request, next_opening, weekly_slot

    agency = request.getfixturevalue("agency")
    neighbourhood = request.getfixturevalue("neighbourhoods")[0]
    slot = weekly_slot(agency, neighbourhood, request.getfixturevalue("advisor"))
    booked = appointment_request(agency, neighbourhood, opening=next_opening(agency))
    appointment_request(agency, neighbourhood, name="Ali Kaya", email="")
    return {"request": booked.pk, "slot": slot.pk}


def send_empty(page, path, user, submit_login_form):
    page.goto(path)
    with page.expect_navigation() as navigation:
        page.click("#appointment-form button[type=submit]")
    return navigation.value


def request_a_call_back(page, path, user, submit_login_form):
    page.goto(FORM)
    page.select_option("#id_neighbourhood", label="Boxhagener Platz")
    page.select_option("#id_time", index=1)
    page.fill("#id_name", "Jana Köhler")
    page.fill("#id_phone", "030 123456")
    page.fill("#id_description", "Wir möchten ein Nachbarschaftscafé gründen.")
    page.check("#id_consent")
    with page.expect_navigation() as navigation:
        page.click("#appointment-form button[type=submit]")
    return navigation.value


VISITS = [
    Visit("appointment_form", FORM, setup=appointment_world, shows="main #appointment-form"),
    Visit(
        "appointment_form_errors",
        FORM,
        setup=appointment_world,
        reach=send_empty,
        status=400,
        shows="main #id_name_error",
    ),
    Visit(
        "appointment_sent",
        FORM + "sent/",
        setup=appointment_world,
        reach=request_a_call_back,
        shows="main #appointment-sent",
    ),
    Visit(
        "appointment_calendar",
        BACKOFFICE,
        "advisor",
        setup=appointment_world,
        shows="main #open-requests",
    ),
    Visit("appointment_slots", BACKOFFICE + "hours/", "advisor", setup=appointment_world),
    Visit("appointment_slot_form", BACKOFFICE + "hours/new/", "manager"),
    Visit(
        "appointment_slot_exception",
        BACKOFFICE + "hours/{slot}/exception/",
        "advisor",
        setup=appointment_world,
    ),
    Visit(
        "appointment_request",
        BACKOFFICE + "requests/{request}/",
        "advisor",
        setup=appointment_world,
        shows="main #request-facts",
    ),
    Visit(
        "appointment_intake",
        BACKOFFICE + "requests/{request}/intake/",
        "advisor",
        setup=appointment_world,
    ),
]
