"""A grant's targets for the accessibility scan (tests/browser/test_accessibility.py): the
grant page with targets against actual values, the targets form, and the form sent with an
error."""

from decimal import Decimal

from tests.browser.visit import Visit

GRANT = "/backoffice/kiez/funding/grants/{grant}/"


def grant_with_targets(request) -> dict:
    from kiezwerk.funding.models import Indicator, Target
    from tests.funding.grants import grant_with_figures, make_reader

    agency, manager = request.getfixturevalue("agency"), request.getfixturevalue("manager")
    grant = grant_with_figures(agency, manager)
    make_reader(grant, request.getfixturevalue("funder"))
    catalogue = (
        ("OWN-01", "consultations_held", "Durchgeführte Beratungen", "Beratungen", "80"),
        ("PI4874", "jobs_total", "Arbeitsplätze insgesamt", "Arbeitsplätze", "12"),
        ("OWN-13", "share_public", "Anteil öffentlicher Aufträge", "Prozent", "30"),
    )
    for code, query, name, unit, value in catalogue:
        # the seeded catalogue is gone once a browser test has emptied the database
        indicator, _new = Indicator.objects.get_or_create(
            code=code,
            defaults={
                "query": query,
                "name": name,
                "unit": unit,
                "definition": name,
                "standard": "own",
                "level": "1_activities",
            },
        )
        for year in (2003, 2004):
            Target.objects.create(grant=grant, indicator=indicator, year=year, value=Decimal(value))
    return {"grant": grant.pk}


def send_a_bad_target(page, path, user, submit_login_form):
    page.goto(path)
    page.fill("main form input[type=text] >> nth=0", "viele")
    with page.expect_navigation() as navigation:
        page.click("main form button[type=submit]")
    return navigation.value


VISITS = [
    Visit(
        "funding_grant_targets",
        GRANT,
        "manager",
        setup=grant_with_targets,
        shows="main #targets-caption",
    ),
    Visit(
        "funding_grant_targets_funder",
        GRANT,
        "funder",
        setup=grant_with_targets,
        shows="main #targets-caption",
    ),
    Visit(
        "funding_targets_form",
        GRANT + "targets/",
        "manager",
        setup=grant_with_targets,
        shows="main #targets-form",
    ),
    Visit(
        "funding_targets_form_errors",
        GRANT + "targets/",
        "manager",
        setup=grant_with_targets,
        reach=send_a_bad_target,
        status=400,
        shows="main .field-errors >> nth=0",
    ),
]
