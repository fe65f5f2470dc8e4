"""The needs register's pages for the accessibility scan (tests/browser/test_accessibility.py)."""

import datetime as dt

from tests.browser.visit import Visit

REGISTER = "/backoffice/kiez/needs/"
NEED = REGISTER + "{need}/"


def needs_with_a_chain(request) -> dict:
    """Needs in every status; one raised at a forum and in a consultation, addressed by a
    founded enterprise, with a duplicate merged into it and another still to merge."""
    from kiezwerk.needs import services
    from tests.factories import NeedCategoryFactory, NeedFactory
    from tests.needs.helpers import address_by_initiative, raise_at_forum, raise_in_consultation

    agency = request.getfixturevalue("agency")
    hood = request.getfixturevalue("neighbourhoods")[0]
    manager = request.getfixturevalue("manager")
    childcare = NeedCategoryFactory(name="Kinderbetreuung")
    need = NeedFactory(
        agency=agency,
        neighbourhood=hood,
        category=childcare,
        title="Kinderbetreuung am Abend",
        raised_on=dt.date(2003, 4, 2),
        evidence="Viele Eltern beim Stadtteilforum",
        supporters=17,
    )
    for status in ("confirmed", "addressed", "met"):
        services.change_status(
            NeedFactory(agency=agency, neighbourhood=hood, title=f"Bedarf {status}"),
            actor=manager,
            status=status,
        )
    raise_at_forum(need, title="Stadtteilforum Boxhagener Platz")
    raise_in_consultation(need)
    address_by_initiative(need, name="Kita-Kooperative", founded_on=dt.date(2004, 9, 1))
    merged = NeedFactory(agency=agency, neighbourhood=hood, category=childcare, title="Abendkita")
    services.change_status(merged, actor=manager, status="confirmed")
    services.merge_needs(merged, into=need, actor=manager)
    duplicate = NeedFactory(
        agency=agency, neighbourhood=hood, category=childcare, title="Spätbetreuung", supporters=5
    )
    address_by_initiative(duplicate, name="Elterninitiative")
    return {"need": need.pk, "duplicate": duplicate.pk}


def send_empty_form(page, path, user, submit_login_form):
    page.goto(path)
    page.fill("#id_title", "")
    with page.expect_navigation() as navigation:
        page.click("main form button[type=submit]")
    return navigation.value


def reject_without_reason(page, path, user, submit_login_form):
    """The status form on the need's page, sent as "rejected" without a reason: the answer is
    the status page at `path` with the error."""
    page.goto(path.removesuffix("status/"))
    page.select_option("#id_status", "rejected")
    with page.expect_navigation() as navigation:
        page.click("main form[action$='/status/'] button[type=submit]")
    return navigation.value


VISITS = [
    Visit("needs_register", REGISTER, "advisor", setup=needs_with_a_chain),
    Visit(
        "needs_register_filtered",
        REGISTER + "?status=reported&q=Kinder",
        "evaluator",
        setup=needs_with_a_chain,
    ),
    Visit("need_detail", NEED, "manager", setup=needs_with_a_chain, shows="main #initiatives"),
    Visit("need_detail_evaluator", NEED, "evaluator", setup=needs_with_a_chain),
    Visit("need_create", REGISTER + "new/", "advisor"),
    Visit(
        "need_create_errors",
        REGISTER + "new/",
        "advisor",
        reach=send_empty_form,
        status=400,
        shows="main .field-errors >> nth=0",
    ),
    Visit("need_edit", NEED + "edit/", "advisor", setup=needs_with_a_chain),
    Visit(
        "need_status_errors",
        NEED + "status/",
        "manager",
        setup=needs_with_a_chain,
        reach=reject_without_reason,
        status=400,
        shows="main .field-errors",
    ),
    Visit("need_merge", REGISTER + "{duplicate}/merge/", "advisor", setup=needs_with_a_chain),
    Visit(
        "need_merge_preview",
        REGISTER + "{duplicate}/merge/?into={need}",
        "advisor",
        setup=needs_with_a_chain,
        shows="main #preview",
    ),
]
