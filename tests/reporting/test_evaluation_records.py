"""The records behind each number of the evaluation dashboard (evaluation:records): on the fixed
dataset of tests/funding/test_indicators.py, the records of every key add up to exactly the
indicator's value, for the agency and each neighbourhood, and the page shows the same number
as the dashboard's cell; unknown keys, paging, links and constant queries."""

import datetime as dt
import re

from django.conf import settings

from kiezwerk.funding import indicators
from kiezwerk.funding.indicators import QUERIES
from kiezwerk.reporting.evaluation import records
from kiezwerk.reporting.evaluation.queries import Selection
from tests.conftest import client_for, count_queries
from tests.factories import ConsultationFactory, InitiativeFactory
from tests.reporting.evaluation_data import *  # noqa: F403  (the dataset's fixtures)

URL = "/backoffice/kiez/evaluation/"


def english(user):
    client = client_for(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_every_key_has_its_records():
    assert set(records.READERS) == set(QUERIES)


def test_records_of_every_key_add_up_to_its_value(dataset, agency, hoods):
    for hood in (None, *hoods):
        for first, last in ((2003, 2003), (2002, 2004)):
            span = Selection(agency, hood, first, last).span()
            for key in QUERIES:
                found = records.listing(key, span)
                expected = indicators.actual(key, *_args(span))
                assert found.total(found.rows) == expected, (key, hood, first, last)


def _args(span) -> tuple:
    return span.agency_id, span.start, span.end, span.neighbourhood_id


def _total(html: str) -> str:
    found = re.search(r'id="records-total">.*?<strong>([^<]*)</strong>', html, re.S)
    return found.group(1)


def test_records_page_shows_the_number_of_the_dashboard_cell(dataset, manager, hoods):
    client = english(manager)
    for params in (
        {"from": 2003, "to": 2003},
        {"from": 2003, "to": 2003, "neighbourhood": hoods[0].pk},
    ):
        dashboard = client.get(URL, params).content.decode()
        for key in QUERIES:
            link = re.search(
                rf'href="(/backoffice/kiez/evaluation/records/{key}/\?[^"]*)">([^<]*)</a>',
                dashboard,
            )
            page = client.get(link.group(1).replace("&amp;", "&"))
            assert page.status_code == 200, key
            assert _total(page.content.decode()) == link.group(2), key


def test_consultations_list_each_consultation_with_its_initiative(dataset, manager, firms):
    response = english(manager).get(URL + "records/consultations_held/", {"from": 2003, "to": 2003})
    html = response.content.decode()
    assert len(response.context["page"].object_list) == 5
    assert f"/backoffice/kiez/initiatives/{firms['cafe'].pk}/" in html
    assert "Archiviert" not in html


def test_economy_records_link_each_enterprise_economy_page(dataset, manager, firms):
    response = english(manager).get(URL + "records/share_public/", {"from": 2003, "to": 2003})
    html = response.content.decode()
    rows = [
        (firm.name, firm.public, firm.market, firm.volunteer, firm.hours)
        for firm in response.context["page"].object_list
    ]
    assert rows == [("Café", 100, 300, 100, 30), ("Werkstatt", 200, 100, 200, 20)]
    assert f"/backoffice/kiez/initiatives/{firms['workshop'].pk}/economy/" in html


def test_unknown_key_is_not_found(manager):
    assert english(manager).get(URL + "records/nonsense/").status_code == 404


def test_bad_years_are_refused(manager):
    response = english(manager).get(URL + "records/needs_raised/", {"from": 2004, "to": 2003})
    assert response.status_code == 400
    assert "The last year must not come before the first year." in response.content.decode()


def _initiatives(agency, hood, number):
    for _ in range(number):
        found = InitiativeFactory(agency=agency, neighbourhood=hood, founded_on=dt.date(2003, 3, 1))
        ConsultationFactory(initiative=found, held_on=dt.date(2003, 4, 1))


def test_records_are_paged_by_fifty(agency, hoods, manager):
    _initiatives(agency, hoods[0], 51)
    client = english(manager)
    first = client.get(URL + "records/consultations_held/", {"from": 2003, "to": 2003})
    second = client.get(URL + "records/consultations_held/", {"from": 2003, "to": 2003, "page": 2})
    assert len(first.context["page"].object_list) == 50
    assert len(second.context["page"].object_list) == 1
    assert _total(second.content.decode()) == "51"


def test_query_count_does_not_grow_with_the_records(agency, hoods, manager):
    client = english(manager)
    params = {"from": 2003, "to": 2003}
    pages = [f"records/{key}/" for key in ("consultations_held", "enterprises_supported")]
    _initiatives(agency, hoods[0], 1)
    few = [count_queries(lambda page=page: client.get(URL + page, params)) for page in pages]
    _initiatives(agency, hoods[1], 8)
    many = [count_queries(lambda page=page: client.get(URL + page, params)) for page in pages]
    assert few == many
