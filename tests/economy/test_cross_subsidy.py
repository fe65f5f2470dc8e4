"""Cross-subsidy (criterion 3): each line's result, which lines carry which, and whether the
surplus stayed in the enterprise."""

import datetime as dt
from decimal import Decimal

import pytest

from kiezwerk.economy import services
from kiezwerk.economy.queries import cross_subsidy
from tests.conftest import count_queries
from tests.economy.test_mix import get, page_url, save


@pytest.fixture
def results(enterprise, cafe, repairs, district_office, manager):
    """2004: the café earns 1,000 €, repairs lose 300 €; 2005: only the café, 200 € loss;
    a distribution of 400 € in 2004."""
    save(cafe, 2004, 1, manager, market=1500, public={district_office: 500}, costs=1000)
    save(cafe, 2004, 2, manager, grants=100, costs=100)
    save(repairs, 2004, 1, manager, market=200, costs=500)
    save(cafe, 2005, 3, manager, market=300, costs=500)
    services.record_distribution(
        enterprise,
        actor=manager,
        day=dt.date(2004, 12, 15),
        amount=Decimal("400"),
        recipients="Mitglieder",
        explanation="Dividende",
    )
    return enterprise


def test_results_per_line_and_year_are_revenue_minus_costs(results):
    subsidy = cross_subsidy(results)

    assert subsidy.years == [2004, 2005]
    assert {line.name: line.results for line in subsidy.lines} == {
        "Café": {2004: Decimal("1000.00"), 2005: Decimal("-200.00")},
        "Reparaturdienst": {2004: Decimal("-300.00")},
    }


def test_covered_losses_distributions_and_what_was_kept(results):
    subsidy = cross_subsidy(results)

    assert [subsidy.total(y) for y in subsidy.years] == [Decimal("700.00"), Decimal("-200.00")]
    assert [subsidy.covered(y) for y in subsidy.years] == [Decimal("300.00"), Decimal("0")]
    assert [subsidy.kept(y) for y in subsidy.years] == [Decimal("300.00"), Decimal("-200.00")]
    gains, losses = subsidy.carriers(2004)
    assert ([line.name for line in gains], [line.name for line in losses]) == (
        ["Café"],
        ["Reparaturdienst"],
    )
    assert subsidy.carriers(2005) == ([], [])


def test_query_runs_a_fixed_number_of_queries(results, cafe, manager):
    few = count_queries(lambda: cross_subsidy(results))
    for number in range(2, 13):
        save(cafe, 2006, number, manager, market=number, costs=1)

    assert count_queries(lambda: cross_subsidy(results)) == few


def test_page_shows_the_matrix_and_who_carried_whom(results, manager):
    response = get(manager, page_url(results))

    rows = {row.label: row.cells for row in response.context["subsidy_rows"]}
    assert rows["Reparaturdienst"] == ["\N{MINUS SIGN}300.00\N{NO-BREAK SPACE}€", "–"]
    assert rows["Paid out to private persons"] == [
        "400.00\N{NO-BREAK SPACE}€",
        "0.00\N{NO-BREAK SPACE}€",
    ]
    assert rows["Kept in the enterprise"][0] == "+300.00\N{NO-BREAK SPACE}€"
    assert response.context["carried"] == [
        "2004: the surplus of Café (+1,000.00\N{NO-BREAK SPACE}€) made good the loss of "
        "Reparaturdienst (\N{MINUS SIGN}300.00\N{NO-BREAK SPACE}€)."
    ]
    assert 'id="cross-subsidy"' in response.content.decode()


def test_page_without_figures_says_so(enterprise, manager):
    response = get(manager, page_url(enterprise))

    assert response.context["subsidy_rows"] == []
    assert "Without figures there is nothing to show yet." in response.content.decode()
