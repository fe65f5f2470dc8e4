"""An enterprise's jobs pages for the accessibility scan (tests/browser/test_accessibility.py):
the list with current and ended positions and the jobs per year, as staff and as founder; the
position form empty, filled in for an edit, and with errors in both of its parts; the
confirmation before archiving."""

from tests.browser.visit import Visit

JOBS = "/backoffice/kiez/initiatives/{initiative}/jobs/"


def positions(request) -> dict:
    """The café line; a subsidised cook with holder data since 2004, a part-time waiter
    2004-2005 (additional), a manager who was there before support (maintained)."""
    from kiezwerk.economy import services
    from kiezwerk.jobs.enums import ContractType, Instrument, Origin
    from tests.factories import NeedCategoryFactory
    from tests.jobs.positions import holder, position

    request.getfixturevalue("founder_contact")
    initiative, advisor = request.getfixturevalue("initiative"), request.getfixturevalue("advisor")
    cafe = services.add_line(
        initiative, actor=advisor, name="Café", service=NeedCategoryFactory(name="Nahversorgung")
    )
    cook = position(
        initiative,
        advisor,
        start="2004-03-01",
        line=cafe,
        contract_type=ContractType.SUBSIDISED,
        instrument=Instrument.EGZ,
        holder=holder("K-017", disability=True),
    )
    position(
        initiative,
        advisor,
        title="Kellner",
        start="2004-06-01",
        end="2005-05-31",
        hours="19.5",
        contract_type=ContractType.PART_TIME,
        additional=True,
        justification="Neuer Mittagstisch",
    )
    position(initiative, advisor, title="Leitung", start="2002-01-01", origin=Origin.MAINTAINED)
    return {"position": cook.pk}


def send_with_holder_begun(page, path, user, submit_login_form):
    """Only one disadvantage ticked and the position left empty: errors in both parts."""
    page.goto(path)
    page.check("#id_holder-disadvantages_0")
    with page.expect_navigation() as navigation:
        page.click("main form button[type=submit]")
    return navigation.value


VISITS = [
    Visit("jobs_positions_staff", JOBS, "advisor", setup=positions, shows="main #years"),
    Visit("jobs_positions_founder", JOBS, "founder", setup=positions, shows="main #ended"),
    Visit("jobs_position_form", JOBS + "new/", "founder", setup=positions),
    Visit(
        "jobs_position_form_errors",
        JOBS + "new/",
        "founder",
        setup=positions,
        reach=send_with_holder_begun,
        status=400,
        shows="main #id_holder-pseudonym_error",
    ),
    Visit(
        "jobs_position_edit",
        JOBS + "{position}/edit/",
        "advisor",
        setup=positions,
        shows="main input[name=holder-pseudonym][value=K-017]",
    ),
    Visit("jobs_position_archive", JOBS + "{position}/archive/", "advisor", setup=positions),
]
