"""The evaluation dashboard (evaluation:dashboard): indicators per year equal the hand counts
of the fixed dataset (tests/funding/test_indicators.py), the impact chain over a range, the
choice of neighbourhood and years, bad input refused with a translated message, the charts,
and constant queries."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.urls import reverse

from kiezwerk.funding import indicators
from kiezwerk.funding.indicators import QUERIES
from kiezwerk.reporting.evaluation import queries
from tests.conftest import client_for, count_queries
from tests.factories import ConsultationFactory, InitiativeFactory, NeighbourhoodFactory
from tests.reporting.evaluation_data import *  # noqa: F403  (the dataset's fixtures)
from tests.reporting.evaluation_data import EXPECTED

URL = "/backoffice/kiez/evaluation/"


def english(user):
    client = client_for(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def cell(html: str, key: str, year: int) -> str:
    """The text of the link to the records of `key` in `year` (one year cells only)."""
    pattern = rf'records/{key}/\?from={year}&amp;to={year}[^"]*">([^<]*)</a>'
    found = re.search(pattern, html)
    assert found, f"no cell for {key} in {year}"
    return found.group(1)


def plain(text: str) -> str:
    return text.replace("\xa0", " ").replace(",", "")


def test_indicator_values_per_year_equal_the_hand_counts(dataset, agency, hoods, manager):
    selection = queries.Selection(agency, None, 2002, 2004)
    values = queries.yearly_values(selection)
    assert {key: values[2003][key] for key in QUERIES} == {
        key: pytest.approx(float(expected[0])) for key, expected in EXPECTED.items()
    }
    hood = queries.Selection(agency, hoods[1], 2003, 2003)
    assert {key: queries.yearly_values(hood)[2003][key] for key in QUERIES} == {
        key: pytest.approx(float(expected[2])) for key, expected in EXPECTED.items()
    }


@pytest.mark.parametrize("hood", [None, 0, 1])
def test_values_of_all_years_at_once_equal_each_year_read_alone(dataset, agency, hoods, hood):
    neighbourhood = None if hood is None else hoods[hood]
    selection = queries.Selection(agency, neighbourhood, 2001, 2005)

    found = queries.figures(selection)

    for year in selection.years:
        alone = indicators.actuals(
            QUERIES, agency.pk, dt.date(year, 1, 1), dt.date(year, 12, 31), selection.hood_id
        )
        assert found.years[year] == alone, year
    whole = indicators.actuals(
        queries.FUNNEL, agency.pk, dt.date(2001, 1, 1), dt.date(2005, 12, 31), selection.hood_id
    )
    assert found.whole == whole


def test_dashboard_shows_each_cell_of_2003_linked_to_its_records(dataset, manager):
    response = english(manager).get(URL, {"from": 2002, "to": 2004})
    html = response.content.decode()
    assert response.status_code == 200
    assert cell(html, "consultations_held", 2003) == "5"
    assert cell(html, "needs_raised", 2003) == "4"
    assert cell(html, "fte_created", 2003) == "1.50"
    assert plain(cell(html, "resource_value", 2003)) == "450.00 €"
    assert plain(cell(html, "share_public", 2003)) == "30.0 %"


def test_dashboard_for_a_neighbourhood_counts_only_its_records(dataset, manager, hoods):
    response = english(manager).get(URL, {"from": 2003, "to": 2003, "neighbourhood": hoods[1].pk})
    html = response.content.decode()
    assert cell(html, "consultations_held", 2003) == "2"
    assert cell(html, "jobs_maintained", 2003) == "2"
    assert cell(html, "jobs_created", 2003) == "0"


def test_rows_name_the_catalogue_codes_and_impact_levels(dataset, manager):
    html = english(manager).get(URL, {"from": 2003, "to": 2003}).content.decode()
    assert "1 Activities take place" in html
    assert "Not in the indicator catalogue" in html or all(
        f"records/{key}/" in html for key in QUERIES
    )
    assert all(f"records/{key}/" in html for key in QUERIES)


def test_funnel_over_the_range_counts_each_step(dataset, agency):
    """2002 to 2004, counted by hand: needs raised A3, A4 (2002), A1, A2, B1, B2 (2003) (the
    merged duplicate and the archived need not); initiatives consulted: café, workshop,
    laundry, kindergarten; founded: café, laundry (2003), workshop (2002), kindergarten
    (2004); jobs created starting 2002–2004: mechanic (2002), cook, waiter (2003), dishwasher
    (2004) and the ironer (2002)."""
    steps = queries.funnel(queries.Selection(agency, None, 2002, 2004))
    assert [(step.key, int(step.value)) for step in steps] == [
        ("needs_raised", 6),
        ("initiatives_supported", 4),
        ("enterprises_founded", 4),
        ("jobs_created", 5),
    ]


def test_funnel_table_links_each_step_to_the_whole_range(dataset, manager):
    html = english(manager).get(URL, {"from": 2002, "to": 2004}).content.decode()
    assert 'records/needs_raised/?from=2002&amp;to=2004&amp;neighbourhood=">6</a>' in html
    assert "Initiatives that became a social enterprise" in html


def test_default_years_are_the_latest_with_data(dataset, manager, agency):
    assert queries.data_years(agency.pk) == (2001, 2004)
    response = english(manager).get(URL)
    assert response.status_code == 200
    assert response.context["selection"].years == [2001, 2002, 2003, 2004]


def test_default_years_are_at_most_ten(agency, manager, initiative):
    ConsultationFactory(initiative=initiative, held_on=dt.date(1995, 1, 1))
    ConsultationFactory(initiative=initiative, held_on=dt.date(2010, 1, 1))
    assert queries.data_years(agency.pk) == (2001, 2010)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"from": 2005, "to": 2003}, "The last year must not come before the first year."),
        ({"from": 2000, "to": 2012}, "Choose at most 12 years."),
        ({"from": "zwei", "to": 2003}, "Enter a whole number."),
        ({"neighbourhood": 999999}, "Select a valid choice."),
    ],
)
def test_bad_choice_is_refused_with_a_translated_message(manager, params, message):
    response = english(manager).get(URL, params)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'class="field-errors"' in html


def test_neighbourhood_of_another_agency_is_refused(manager, outsider):
    foreign = NeighbourhoodFactory(name="Fremdkiez")
    response = english(manager).get(URL, {"neighbourhood": foreign.pk})
    assert response.status_code == 400


def test_twelve_years_are_accepted(manager):
    assert english(manager).get(URL, {"from": 2000, "to": 2011}).status_code == 200


@pytest.mark.parametrize("chart", ["indicators", "funnel", "mix"])
def test_charts_are_svg_with_title_and_description(dataset, manager, chart):
    url = reverse("evaluation:chart", kwargs={"slug": "kiez", "chart": chart})
    response = english(manager).get(url, {"from": 2002, "to": 2004})
    svg = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert "<title" in svg and "<desc" in svg


def test_unknown_chart_is_not_found(manager):
    url = reverse("evaluation:chart", kwargs={"slug": "kiez", "chart": "pie"})
    assert english(manager).get(url).status_code == 404


def test_social_capital_per_neighbourhood_links_each_overview(dataset, manager, hoods):
    html = english(manager).get(URL, {"from": 2003, "to": 2003}).content.decode()
    for hood in hoods:
        assert f"/backoffice/kiez/neighbourhoods/{hood.slug}/#capital-title" in html


def test_neighbourhood_scope_shows_its_social_capital_per_year(dataset, manager, hoods):
    response = english(manager).get(URL, {"from": 2002, "to": 2003, "neighbourhood": hoods[0].pk})
    assert response.status_code == 200
    assert len(response.context["capital"][0].cells) == 2


def test_query_count_does_not_grow_with_the_number_of_initiatives(agency, hoods, manager):
    client = english(manager)
    params = {"from": 2002, "to": 2004}

    def make(number):
        for index in range(number):
            found = InitiativeFactory(
                agency=agency, neighbourhood=hoods[index % 2], founded_on=dt.date(2003, 3, 1)
            )
            ConsultationFactory(initiative=found, held_on=dt.date(2003, 4, 1))

    make(1)
    client.get(URL, params)  # social-capital snapshots are stored on the first visit
    few = count_queries(lambda: client.get(URL, params))
    make(6)
    client.get(URL, params)
    many = count_queries(lambda: client.get(URL, params))
    assert few == many


def test_query_count_does_not_grow_with_years_or_neighbourhoods(agency, hoods, manager):
    client = english(manager)
    client.get(URL, {"from": 2003, "to": 2003})  # social-capital snapshots are stored
    few = count_queries(lambda: client.get(URL, {"from": 2003, "to": 2003}))
    for _index in range(5):
        NeighbourhoodFactory(agency=agency)
    client.get(URL, {"from": 2001, "to": 2012})
    many = count_queries(lambda: client.get(URL, {"from": 2001, "to": 2012}))
    assert few == many
