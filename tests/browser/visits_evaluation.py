"""The evaluation dashboard for the accessibility scan (tests/browser/test_accessibility.py):
the whole agency and one neighbourhood as management, and the records behind a number as the
evaluator, with an initiative, its consultation and a need in 2003."""

from tests.browser.visit import Visit

DASHBOARD = "/backoffice/kiez/evaluation/"


def evaluation_world(request) -> dict:
    import datetime as dt

    from tests.factories import ConsultationFactory, InitiativeFactory, NeedFactory

    agency = request.getfixturevalue("agency")
    hood = request.getfixturevalue("neighbourhoods")[0]
    request.getfixturevalue("evaluator")
    cafe = InitiativeFactory(
        agency=agency, neighbourhood=hood, name="Café", founded_on=dt.date(2003, 6, 1)
    )
    ConsultationFactory(initiative=cafe, held_on=dt.date(2003, 5, 12))
    NeedFactory(agency=agency, neighbourhood=hood, raised_on=dt.date(2003, 2, 1))
    return {"hood": hood.pk}


VISITS = [
    Visit(
        "evaluation_agency",
        DASHBOARD + "?from=2002&to=2003",
        "manager",
        setup=evaluation_world,
        shows="main #indicators",
    ),
    Visit(
        "evaluation_neighbourhood",
        DASHBOARD + "?from=2002&to=2003&neighbourhood={hood}",
        "manager",
        setup=evaluation_world,
        shows="main #social-capital",
    ),
    Visit(
        "evaluation_records",
        DASHBOARD + "records/consultations_held/?from=2003&to=2003",
        "evaluator",
        setup=evaluation_world,
        shows="main #records",
    ),
]
