"""Jobs figures per year: created + maintained = total (IRIS+ PI3687, PI5691, PI4874), FTE
summed in the database, breakdowns that add up to the whole, and constant queries."""

from decimal import Decimal

import pytest

from kiezwerk.economy.queries import Scope
from kiezwerk.jobs import queries, services
from kiezwerk.jobs.enums import ContractType, Instrument, Origin, PriorStatus
from tests.conftest import count_queries
from tests.factories import InitiativeFactory
from tests.jobs.positions import holder, position


@pytest.fixture
def jobs(initiative, neighbourhoods, manager):
    """The café (Boxhagener Platz): a cook since 2004 (created), a part-time waiter 2005–2006
    (created), a manager who was there before support (maintained). The repair shop
    (Helmholtzplatz): a subsidised mechanic from 2005."""
    shop = InitiativeFactory(agency=initiative.agency, neighbourhood=neighbourhoods[1])
    return {
        "cook": position(initiative, manager, start="2004-03-01", holder=holder("K-1")),
        "waiter": position(
            initiative,
            manager,
            title="Kellner",
            start="2005-06-01",
            end="2006-05-31",
            contract_type=ContractType.PART_TIME,
            hours=20,
            additional=True,
            justification="Neuer Mittagstisch",
            holder=holder("K-2", prior_status=PriorStatus.UNEMPLOYED),
        ),
        "lead": position(
            initiative,
            manager,
            title="Leitung",
            start="2001-01-01",
            origin=Origin.MAINTAINED,
            hours=30,
        ),
        "mechanic": position(
            shop,
            manager,
            title="Mechaniker",
            start="2005-01-01",
            contract_type=ContractType.SUBSIDISED,
            instrument=Instrument.AGH,
        ),
    }


def test_jobs_count_as_created_in_their_first_year_and_maintained_after(jobs, agency):
    by_year = queries.jobs_by_year(Scope.of_agency(agency), [2004, 2005, 2006, 2007])

    assert [(f.year, f.created, f.maintained, f.total) for f in by_year] == [
        (2004, 1, 1, 2),  # cook created; lead maintained
        (2005, 2, 2, 4),  # waiter and mechanic created; cook and lead maintained
        (2006, 0, 4, 4),  # the waiter still counts: he left in May
        (2007, 0, 3, 3),
    ]
    assert [f.additional for f in by_year] == [0, 1, 1, 0]


def test_fte_are_summed_from_hours(jobs, agency):
    year = queries.jobs_by_year(Scope.of_agency(agency), [2005])[0]

    assert year.created_fte == Decimal("1.500")  # waiter 20/40 + mechanic 40/40
    assert year.maintained_fte == Decimal("1.750")  # cook 1 + lead 30/40
    assert year.total_fte == Decimal("3.250")


def test_scopes_count_only_their_enterprises(jobs, initiative, neighbourhoods):
    enterprise = queries.jobs_by_year(Scope.of_enterprise(initiative), [2005])[0]
    hood = queries.jobs_by_year(Scope.of_neighbourhood(neighbourhoods[1]), [2005])[0]

    assert (enterprise.created, enterprise.total) == (1, 3)
    assert (hood.created, hood.total) == (1, 1)


def test_archived_positions_leave_the_figures(jobs, agency, manager):
    services.archive_position(jobs["mechanic"], actor=manager)

    year = queries.jobs_by_year(Scope.of_agency(agency), [2005])[0]

    assert (year.created, year.total) == (1, 3)


@pytest.mark.parametrize("dimension", list(queries.DIMENSIONS))
def test_breakdowns_add_up_to_the_year(jobs, agency, dimension):
    scope = Scope.of_agency(agency)
    whole = queries.jobs_by_year(scope, [2005])[0]

    groups = queries.jobs_by(scope, dimension, 2005)

    assert sum(g.total for g in groups) == whole.total
    assert sum(g.created for g in groups) == whole.created
    assert sum((g.total_fte for g in groups), Decimal(0)) == whole.total_fte


def test_breakdown_by_prior_status_groups_positions_without_holder_data(jobs, agency):
    groups = queries.jobs_by(Scope.of_agency(agency), "prior_status", 2005)

    assert {g.key: g.total for g in groups} == {
        PriorStatus.LONG_TERM_UNEMPLOYED: 1,
        PriorStatus.UNEMPLOYED: 1,
        None: 2,
    }


def test_year_range_spans_starts_and_ends(jobs, agency):
    assert queries.year_range(Scope.of_agency(agency)) == (2001, 2006)


def test_one_query_for_any_number_of_years(jobs, agency):
    scope = Scope.of_agency(agency)

    assert count_queries(lambda: queries.jobs_by_year(scope, [2005])) == 1
    assert count_queries(lambda: queries.jobs_by_year(scope, list(range(2000, 2010)))) == 1
