"""The demo world's jobs: about sixty positions with pseudonymised holders, created and
maintained jobs over the years, and the agency's additionality worksheets."""

import pytest
from django.core.management import call_command

from kiezwerk.agencies.models import Agency
from kiezwerk.economy.queries import Scope
from kiezwerk.jobs import queries
from kiezwerk.jobs.models import AdditionalityWorksheet, Holder, Position


@pytest.fixture
def demo(db):
    call_command("load_demo")


def test_best_has_about_sixty_jobs_each_with_a_holder_without_a_name(demo):
    best = Agency.objects.get(slug="best")
    positions = Position.objects.filter(agency=best)

    assert 50 <= positions.count() <= 70
    assert Holder.objects.filter(agency=best).count() == positions.count()
    assert all(
        holder.pseudonym.startswith("BEST-") for holder in Holder.objects.filter(agency=best)
    )


def test_every_kind_of_contract_and_both_origins_occur(demo):
    positions = Position.objects.filter(agency__slug="best")

    assert set(positions.values_list("contract_type", flat=True)) == {
        "full_time",
        "part_time",
        "marginal",
        "apprenticeship",
        "subsidised",
    }
    assert set(positions.values_list("origin", flat=True)) == {"created", "maintained"}
    assert not positions.filter(contract_type="subsidised", instrument="").exists()
    assert not positions.filter(additional=True, justification="").exists()


def test_jobs_grow_from_2004_and_created_plus_maintained_is_the_total(demo):
    best = Agency.objects.get(slug="best")

    years = queries.jobs_by_year(Scope.of_agency(best), [2004, 2005, 2006, 2007])

    assert all(year.created + year.maintained == year.total for year in years)
    assert years[0].total < years[-1].total
    assert sum(year.created for year in years) >= 45


def test_best_pankow_records_the_jobs_it_carried_on_as_maintained(demo):
    positions = Position.objects.filter(agency__slug="best-pankow")

    assert positions.exists()
    assert set(positions.values_list("origin", flat=True)) == {"maintained"}


def test_worksheets_have_versions_and_reasons(demo):
    sheets = AdditionalityWorksheet.objects.filter(agency__slug="best")

    assert sorted(sheets.values_list("year", "version")) == [(2005, 1), (2006, 1), (2006, 2)]
    assert all(sheet.deadweight_reason and sheet.net_jobs > 0 for sheet in sheets)
    assert all(sheet.created_by.email == "evaluation@best.example" for sheet in sheets)


def test_loading_twice_adds_no_jobs(demo):
    before = Position.objects.count(), AdditionalityWorksheet.objects.count()

    call_command("load_demo")

    assert (Position.objects.count(), AdditionalityWorksheet.objects.count()) == before
