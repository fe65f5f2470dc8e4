"""The demo's needs board and demand register (issue 7): public needs for both agencies, a
resident's report awaiting moderation each, and requests from other Berlin neighbourhoods."""

import pytest
from django.core.management import call_command

from kiezwerk.needs import queries
from kiezwerk.needs.models import DemandRequest, Need


@pytest.fixture
def demo(db):
    call_command("load_demo")


def test_both_agencies_show_needs_on_the_board(demo):
    for slug in ("best", "best-pankow"):
        agency_id = Need.objects.filter(agency__slug=slug).values_list("agency_id", flat=True)[0]
        assert queries.on_board(agency_id).count() >= 3


def test_each_agency_has_a_report_to_moderate(demo):
    waiting = queries.awaiting_moderation(Need.objects.all())

    assert sorted(waiting.values_list("agency__slug", flat=True)) == ["best", "best-pankow"]


def test_demand_comes_from_other_neighbourhoods_over_several_years(demo):
    summary = queries.demand_summary(DemandRequest.objects.all())

    assert summary.total == 9
    assert {district for district, _place, _count in summary.by_place} >= {"Neukölln", "Spandau"}
    assert len({year for year, _quarter, _count in summary.by_quarter}) == 3
    assert DemandRequest.objects.filter(status="new", agency__isnull=True).exists()


def test_loading_twice_adds_no_demand(demo):
    call_command("load_demo")

    assert DemandRequest.objects.count() == 9
    assert Need.objects.filter(from_portal=True).count() == 2
