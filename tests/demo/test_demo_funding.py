"""The demo grants' money: budgets that add up to the grant's amount, spending every month of
the period ending a little below the budget, quarterly drawdowns (BEST Pankow's last one still
outstanding), and the Senate's funder account reading Modellprojekt BEST."""

import pytest
from django.core.management import call_command
from django.db.models import Sum

from kiezwerk.demo.funding import months_of
from kiezwerk.funding import queries
from kiezwerk.funding.models import BudgetLine, Drawdown, Grant, Spending

DEMO_GRANTS = ["Modellprojekt BEST", "BEST Pankow"]


@pytest.fixture
def demo(db):
    call_command("load_demo")


@pytest.mark.parametrize("title", DEMO_GRANTS)
def test_budget_adds_up_to_the_amount_with_staff_the_biggest_line(demo, title):
    grant = Grant.objects.get(title=title)
    lines = dict(BudgetLine.objects.filter(grant=grant).values_list("category", "planned"))

    assert sum(lines.values()) == grant.amount
    assert max(lines, key=lines.get) == "staff"


@pytest.mark.parametrize("title", DEMO_GRANTS)
def test_spending_stays_within_the_period_and_below_the_budget(demo, title):
    grant = Grant.objects.get(title=title)
    budget = queries.budget(grant)
    months = set(Spending.objects.filter(grant=grant).values_list("year", "month"))

    assert months == set(months_of(grant))  # every month of the period, and no other
    assert all(row.spent < row.planned for row in budget.rows)
    assert grant.amount * 95 / 100 < budget.total.spent < grant.amount


@pytest.mark.parametrize("title", DEMO_GRANTS)
def test_staff_is_paid_every_month_after_a_ramp_up(demo, title):
    grant = Grant.objects.get(title=title)
    staff = list(
        Spending.objects.filter(grant=grant, category="staff")
        .order_by("year", "month")
        .values_list("amount", flat=True)
    )

    assert len(staff) == len(months_of(grant))
    assert staff[0] < staff[1] < staff[12]


@pytest.mark.parametrize("title", DEMO_GRANTS)
def test_drawdowns_come_every_quarter_from_every_party_and_arrive_weeks_later(demo, title):
    grant = Grant.objects.get(title=title)
    drawdowns = Drawdown.objects.filter(grant=grant)
    parties = {grant.programme.funder, *grant.co_financing.values_list("name", flat=True)}

    assert set(drawdowns.values_list("source", flat=True)) == parties
    assert drawdowns.values("requested_on").distinct().count() >= 7
    received = drawdowns.exclude(received_on=None)
    assert all(42 <= (d.received_on - d.requested_on).days <= 70 for d in received)
    spent = Spending.objects.filter(grant=grant).aggregate(total=Sum("amount"))["total"]
    assert drawdowns.aggregate(total=Sum("amount"))["total"] <= spent


def test_only_pankows_last_drawdown_is_outstanding(demo):
    best, pankow = (Grant.objects.get(title=title) for title in DEMO_GRANTS)
    last = Drawdown.objects.filter(grant=pankow).order_by("-requested_on").first().requested_on

    assert not Drawdown.objects.filter(grant=best, received_on=None).exists()
    outstanding = Drawdown.objects.filter(grant=pankow, received_on=None)
    assert set(outstanding.values_list("requested_on", flat=True)) == {last}


def test_the_senate_funder_reads_modellprojekt_best_only(demo, client):
    best, pankow = (Grant.objects.get(title=title) for title in DEMO_GRANTS)
    reader = best.readers.get()

    client.force_login(reader.user)
    listed = client.get("/backoffice/best/funding/").context["grants"]

    assert reader.user.email == "foerderung@senat.example"
    assert [grant.title for grant in listed] == ["Modellprojekt BEST"]
    assert not pankow.readers.exists()


def test_loading_twice_adds_no_spending_or_drawdowns(demo):
    sizes = (Spending.objects.count(), Drawdown.objects.count(), BudgetLine.objects.count())

    call_command("load_demo")

    assert (Spending.objects.count(), Drawdown.objects.count(), BudgetLine.objects.count()) == sizes


def test_the_pilot_grant_has_targets_for_2003_and_2004_and_actual_values(demo):
    from kiezwerk.funding.attainment import attainment
    from kiezwerk.funding.models import Grant

    grant = Grant.objects.get(title="Modellprojekt BEST")

    spans, rows = attainment(grant)

    assert [span.year for span in spans] == [2002, 2003, 2004]
    assert len(rows) == 7
    consultations = next(row for row in rows if row.indicator.code == "OWN-01")
    assert [cell.target for cell in consultations.cells[1:]] == [80, 100]
    assert all(cell.actual > 0 for cell in consultations.cells[1:])
