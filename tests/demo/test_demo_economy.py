"""The demo world's enterprise economics: lines, monthly figures, mixes, closed months."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import F, Max, Min, Q, Sum

from kiezwerk.accounts.models import User
from kiezwerk.demo.economy_data import EXISTED_BEFORE, LINES
from kiezwerk.economy.models import (
    BusinessLine,
    ClosedMonth,
    Distribution,
    MonthFigures,
    Revenue,
    ValuationRate,
)
from kiezwerk.initiatives.models import Initiative

ECONOMY = (BusinessLine, MonthFigures, Revenue, ClosedMonth, Distribution, ValuationRate)


@pytest.fixture
def demo(db):
    call_command("load_demo")


def _public_share_of_top_client(initiative) -> Decimal:
    revenue = Revenue.objects.filter(initiative=initiative).exclude(source="grants")
    total = revenue.aggregate(total=Sum("amount"))["total"]
    top = (
        revenue.filter(source="public")
        .values("client")
        .annotate(amount=Sum("amount"))
        .aggregate(top=Max("amount"))["top"]
    )
    return (top or Decimal(0)) / total


def test_demo_enterprises_have_lines_and_monthly_figures_from_founding(demo):
    """From founding, or from January 2003 for the two that ran as associations before."""
    enterprises = Initiative.objects.filter(name__in=LINES, agency__slug="best")

    for enterprise in enterprises:
        start = EXISTED_BEFORE.get(enterprise.name, enterprise.founded_on)
        first = MonthFigures.objects.filter(initiative=enterprise).aggregate(
            first_year=Min("year"),
            first_month=Min("month", filter=Q(year=start.year)),
        )
        assert BusinessLine.objects.filter(initiative=enterprise).exists(), enterprise.name
        assert (first["first_year"], first["first_month"]) == (start.year, start.month)
    years = MonthFigures.objects.aggregate(first=Min("year"), last=Max("year"))
    assert (years["first"], years["last"]) == (2003, 2007)


def test_demo_mixes_range_from_dependent_to_market_led(demo):
    shares = {
        enterprise.name: _public_share_of_top_client(enterprise)
        for enterprise in Initiative.objects.filter(name__in=LINES, agency__slug="best")
    }

    assert shares["Seniorenbegleitdienst Prenzlauer Berg"] > Decimal("0.7")
    assert shares["Kiezladen Gleimviertel"] == 0
    assert sum(1 for share in shares.values() if Decimal("0.1") < share < Decimal("0.6")) >= 5


def test_demo_volunteer_hours_carry_the_agencys_rate(demo):
    rates = dict(ValuationRate.objects.filter(agency__slug="best").values_list("year", "rate"))
    with_hours = MonthFigures.objects.filter(agency__slug="best", volunteer_hours__gt=0)

    assert with_hours.count() > 300
    assert all(row.hour_rate == rates[row.year] for row in with_hours)
    assert with_hours.filter(reciprocal=True).exists()


def test_demo_months_are_closed_until_march_2007_and_open_after(demo):
    closed = ClosedMonth.objects.aggregate(last_year=Max("year"))
    open_months = MonthFigures.objects.filter(year=2007, month__gt=3)

    assert closed["last_year"] == 2007
    assert not ClosedMonth.objects.filter(year=2007, month__gt=3).exists()
    assert open_months.exists()
    assert ClosedMonth.objects.filter(closed_by__isnull=True).count() == 0


def test_demo_founder_has_figures_to_enter_and_one_cooperative_distributed_profit(demo):
    founder = User.objects.get(email="gruenderin@best.example")
    own = Initiative.objects.get(contacts__user=founder)

    assert MonthFigures.objects.filter(initiative=own, year=2007, month__gt=3).exists()
    (distribution,) = Distribution.objects.all()
    assert distribution.initiative.name == "Hausmeistergenossenschaft Boxhagener Kiez"


def test_demo_rows_carry_the_initiative_and_neighbourhood_of_their_line(demo):
    assert not Revenue.objects.exclude(initiative=F("line__initiative")).exists()
    assert not MonthFigures.objects.exclude(neighbourhood=F("initiative__neighbourhood")).exists()
    assert not Revenue.objects.exclude(agency=F("line__agency")).exists()


def test_loading_the_demo_twice_adds_no_economy_rows(demo):
    counts = [model.objects.count() for model in ECONOMY]

    call_command("load_demo")

    assert [model.objects.count() for model in ECONOMY] == counts
