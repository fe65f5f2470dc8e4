"""The agency's jobs page and the additionality worksheet page: figures as the queries give
them, breakdowns, the latest worksheet's assumptions, saving a new version, bad input, and
constant queries."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse

from kiezwerk.jobs import services
from kiezwerk.jobs.enums import ContractType, Residence
from kiezwerk.jobs.models import AdditionalityWorksheet
from tests.conftest import client_for as german_client
from tests.conftest import count_queries
from tests.factories import InitiativeFactory
from tests.jobs.positions import holder, position
from tests.jobs.test_additionality import REASONS, assumptions


def client_for(user):
    """A client that reads the pages in English (the language switch's cookie): stable
    whatever the catalogue."""
    client = german_client(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


FIGURES = reverse("jobs:figures", kwargs={"slug": "kiez"})


def worksheet_url(year: int) -> str:
    return reverse("jobs:worksheet", kwargs={"slug": "kiez", "year": year})


def form_data(**rates) -> dict:
    values = {"deadweight": "10", "displacement": "5", "substitution": "0", "multiplier": "1.1"}
    return {**values, **REASONS, **rates}


@pytest.fixture
def jobs(initiative, manager):
    position(initiative, manager, start="2004-03-01", holder=holder("K-1"))
    position(
        initiative,
        manager,
        title="Kellnerin",
        start="2005-06-01",
        contract_type=ContractType.PART_TIME,
        hours=20,
        holder=holder("K-2", residence=Residence.OUTSIDE),
    )


def test_page_shows_created_maintained_and_total_per_year(jobs, manager):
    page = client_for(manager).get(FIRST_LAST := FIGURES + "?first=2004&last=2005")

    assert page.status_code == 200, FIRST_LAST
    rows = {row.label: row.cells for row in page.context["rows"]}
    assert rows["Jobs created"] == ["1", "1"]
    assert rows["Jobs maintained"] == ["0", "1"]
    assert rows["Jobs in total"] == ["1", "2"]
    assert rows["FTE in total"] == ["1.00", "1.50"]


def test_page_breaks_the_last_year_down(jobs, manager, neighbourhoods):
    page = client_for(manager).get(FIGURES)

    breakdowns = {b["id"]: b for b in page.context["breakdowns"]}
    assert page.context["chosen"] == 2005
    assert [row["label"] for row in breakdowns["neighbourhood"]["rows"]] == ["Boxhagener Platz"]
    assert breakdowns["contract_type"]["total"].total == 2
    labels = [row["label"] for row in breakdowns["contract_type"]["rows"]]
    assert sorted(labels) == ["full-time", "part-time"]


def test_page_shows_the_net_additional_jobs_with_their_assumptions(jobs, agency, manager):
    services.save_worksheet(agency, 2005, actor=manager, **assumptions())

    page = client_for(manager).get(FIGURES).content.decode()

    assert "Ohne Beratung wäre das Café nicht gegründet worden." in page
    assert reverse("jobs:worksheet", kwargs={"slug": "kiez", "year": 2005}) in page


def test_a_bad_year_range_is_refused_in_words(jobs, manager):
    page = client_for(manager).get(FIGURES + "?first=2007&last=2004")

    assert page.status_code == 200
    assert "The first year must not come after the last." in page.content.decode()


def test_page_without_positions_says_so(manager):
    page = client_for(manager).get(FIGURES)

    assert "No positions have been recorded" in page.content.decode()


def test_page_names_no_position_and_no_holder(jobs, funder):
    page = client_for(funder).get(FIGURES).content.decode()

    assert "K-1" not in page
    assert "Kellnerin" not in page


def test_page_queries_do_not_grow_with_positions(agency, initiative, neighbourhoods, manager):
    client = client_for(manager)
    position(initiative, manager, start="2004-03-01", holder=holder("A-1"))
    few = count_queries(lambda: client.get(FIGURES + "?first=2004&last=2006"))
    shop = InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[1])
    for number in range(6):
        position(shop, manager, start=f"200{4 + number % 3}-02-01", holder=holder(f"B-{number}"))
    services.save_worksheet(agency, 2005, actor=manager, **assumptions())

    assert count_queries(lambda: client.get(FIGURES + "?first=2004&last=2006")) == few


# ------------------------------------------------------------------------------------------
# The worksheet page


def test_worksheet_shows_what_the_data_say(jobs, manager):
    page = client_for(manager).get(worksheet_url(2005))

    inputs = page.context["inputs"]
    assert (inputs.gross_jobs, inputs.residence_outside) == (1, 1)
    assert page.context["leakage"] == "100.00\N{NO-BREAK SPACE}%"


def test_saving_the_worksheet_adds_a_version(jobs, agency, evaluator):
    client = client_for(evaluator)

    response = client.post(worksheet_url(2005), form_data())
    client.post(worksheet_url(2005), form_data(deadweight="20"))

    assert response.status_code == 302
    versions = AdditionalityWorksheet.objects.filter(agency=agency, year=2005)
    assert sorted(versions.values_list("version", "deadweight")) == [
        (1, Decimal("10.00")),
        (2, Decimal("20.00")),
    ]
    assert versions.get(version=2).created_by == evaluator


def test_the_worksheet_takes_german_numbers(jobs, agency, manager):
    data = form_data(deadweight="12,5", multiplier="1,15")

    german_client(manager).post(worksheet_url(2005), data)

    sheet = AdditionalityWorksheet.objects.get(agency=agency, year=2005)
    assert (sheet.deadweight, sheet.multiplier) == (Decimal("12.50"), Decimal("1.15"))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("deadweight", "101"),
        ("multiplier", "0.5"),
        ("deadweight_reason", ""),
        ("displacement", "x"),
    ],
)
def test_bad_worksheet_input_saves_nothing(jobs, manager, field, value):
    response = client_for(manager).post(worksheet_url(2005), form_data(**{field: value}))

    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not AdditionalityWorksheet.objects.exists()


@pytest.mark.parametrize("persona", ["advisor", "funder"])
def test_readers_see_the_worksheet_but_cannot_save(request, jobs, persona):
    client = client_for(request.getfixturevalue(persona))

    assert client.get(worksheet_url(2005)).context["form"] is None
    assert client.post(worksheet_url(2005), form_data()).status_code == 403
    assert not AdditionalityWorksheet.objects.exists()


def test_a_year_out_of_range_is_404(manager):
    assert client_for(manager).get(worksheet_url(1800)).status_code == 404


@pytest.mark.parametrize(
    ("persona", "linked"),
    [
        ("manager", True),
        ("advisor", True),
        ("evaluator", True),
        ("funder", True),
        ("founder", False),
        ("partner", False),
    ],
)
def test_the_dashboard_links_to_the_jobs_for_those_who_may_read_them(
    request, agency, persona, linked
):
    dashboard = reverse("backoffice:agency", kwargs={"slug": "kiez"})

    page = client_for(request.getfixturevalue(persona)).get(dashboard).content.decode()

    assert (FIGURES in page) == linked


def test_any_year_shown_can_be_broken_down(jobs, manager):
    page = client_for(manager).get(FIGURES + "?first=2004&last=2005&year=2004")

    breakdowns = {b["id"]: b for b in page.context["breakdowns"]}
    assert page.context["chosen"] == 2004
    assert breakdowns["contract_type"]["total"].total == 1


def test_a_year_outside_the_years_shown_is_refused_in_words(jobs, manager):
    page = client_for(manager).get(FIGURES + "?first=2004&last=2005&year=2009")

    assert "Please choose a year between the first and the last." in page.content.decode()
    assert page.context["chosen"] == 2005
