"""The forum pages for the accessibility scan (tests/browser/test_accessibility.py)."""

import datetime as dt

from tests.browser.visit import Visit

LIST = "/backoffice/kiez/forums/"
FORUM = LIST + "{forum}/"
ERRORS = "main .field-errors >> nth=0"


def forums_with_outcomes(request) -> dict:
    """Upcoming and past forums; one with minutes, attendees, needs raised, an initiative
    sparked, a partnership agreed and some history."""
    from django.utils import timezone

    from kiezwerk.forums import services
    from tests.factories import (
        ForumFactory,
        InitiativeFactory,
        NeedCategoryFactory,
        NeedFactory,
        PartnerFactory,
        PartnershipFactory,
    )

    agency = request.getfixturevalue("agency")
    hood, other = request.getfixturevalue("neighbourhoods")
    advisor = request.getfixturevalue("advisor")
    soon = timezone.now() + dt.timedelta(days=10)
    ForumFactory(agency=agency, neighbourhood=other, title="Netzwerktreffen", starts_at=soon)
    ForumFactory(agency=agency, neighbourhood=other, title="Infoabend", kind="information")
    forum = ForumFactory(
        agency=agency,
        neighbourhood=hood,
        title="Stadtteilforum Boxhagener Platz",
        starts_at=dt.datetime(2003, 4, 2, 17, tzinfo=dt.UTC),
        ends_at=dt.datetime(2003, 4, 2, 19, tzinfo=dt.UTC),
        agenda="1. Begrüßung\n2. Was fehlt im Kiez?",
    )
    services.update_forum(
        forum,
        actor=advisor,
        minutes="Viele Eltern wünschen sich Betreuung am Abend.",
        follow_ups="Die Agentur lädt zu einem Treffen der Eltern ein.",
    )
    services.add_attendee(forum, actor=advisor, partner=PartnerFactory(agency=agency))
    services.add_attendee(
        forum, actor=advisor, group="residents", name="Erika Muster", consent_given=True
    )
    services.raise_need_at_forum(
        forum,
        actor=advisor,
        category=NeedCategoryFactory(name="Kinderbetreuung"),
        title="Kinderbetreuung am Abend",
    )
    services.set_outcomes(
        forum,
        actor=advisor,
        needs=[*forum.needs_raised.all(), NeedFactory(agency=agency, neighbourhood=hood)],
        initiatives=[InitiativeFactory(agency=agency, neighbourhood=hood, name="Kita-Kooperative")],
        partnerships=[PartnershipFactory(agency=agency, neighbourhood=hood, title="Kitapakt")],
    )
    return {"forum": forum.pk}


def one_forum(request) -> dict:
    from tests.factories import ForumFactory

    hood = request.getfixturevalue("neighbourhoods")[0]
    forum = ForumFactory(agency=request.getfixturevalue("agency"), neighbourhood=hood)
    return {"forum": forum.pk}


def send_form(page, path, user, submit_login_form):
    """Send the form as it comes: the page comes back with the errors."""
    page.goto(path)
    with page.expect_navigation() as navigation:
        page.click("main form button[type=submit]")
    return navigation.value


def name_a_person_without_consent(page, path, user, submit_login_form):
    page.goto(path)
    page.fill("#id_name", "Erika Muster")
    with page.expect_navigation() as navigation:
        page.click("main form button[type=submit]")
    return navigation.value


VISITS = [
    Visit("forum_list", LIST, "advisor", setup=forums_with_outcomes, shows="main #past-title"),
    Visit("forum_detail", FORUM, "advisor", setup=forums_with_outcomes, shows="main #outcomes"),
    Visit("forum_detail_evaluator", FORUM, "evaluator", setup=forums_with_outcomes),
    Visit("forum_create", LIST + "new/", "advisor"),
    Visit(
        "forum_create_errors",
        LIST + "new/",
        "advisor",
        reach=send_form,
        status=400,
        shows=ERRORS,
    ),
    Visit("forum_edit", FORUM + "edit/", "advisor", setup=forums_with_outcomes),
    Visit("forum_attendee_form", FORUM + "attendees/new/", "advisor", setup=one_forum),
    Visit(
        "forum_attendee_form_errors",
        FORUM + "attendees/new/",
        "advisor",
        setup=one_forum,
        reach=name_a_person_without_consent,
        status=400,
        shows="main #id_consent_given_error",
    ),
    Visit("forum_raise_need", FORUM + "needs/new/", "advisor", setup=one_forum),
    Visit(
        "forum_raise_need_errors",
        FORUM + "needs/new/",
        "advisor",
        setup=one_forum,
        reach=send_form,
        status=400,
        shows=ERRORS,
    ),
    Visit("forum_outcomes", FORUM + "outcomes/", "advisor", setup=forums_with_outcomes),
]
