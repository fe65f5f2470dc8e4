"""The agency's grants: the list and a grant's page (financing plan, budget by cost category,
spending per year, drawdowns; totals equal the sum of their parts), what a funder reads, the
links from the dashboard, and constant query counts. The forms are in test_grant_forms.py."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from kiezwerk.funding import queries
from kiezwerk.funding.models import BudgetLine, Drawdown, Grant, Spending
from tests.conftest import client_for, count_queries
from tests.funding.grants import (
    DISTRICT,
    EU,
    NOTE,
    SENATE,
    co_finance,
    grant_with_figures,
    make_reader,
    plain_grant,
    spend,
)

D = Decimal


def _url(name: str, grant: Grant | None = None, **kwargs) -> str:
    if grant is not None:
        kwargs["pk"] = grant.pk
    return reverse(f"funding:{name}", kwargs={"slug": "kiez", **kwargs})


@pytest.fixture
def grant(agency, manager) -> Grant:
    return grant_with_figures(agency, manager)


# ------------------------------------------------------------------------------------------
# The grant's page


def test_budget_shows_planned_spent_remaining_and_use_per_category(grant, manager):
    budget = client_for(manager).get(_url("grant", grant)).context["budget"]

    rows = [(r.category, r.planned, r.spent, r.remaining) for r in budget.rows]
    assert rows == [
        ("staff", D("70000"), D("4500"), D("65500")),
        ("material", D("20000"), D("500.50"), D("19499.50")),
        ("services", D("10000"), D("0"), D("10000")),
        ("travel", D("0"), D("100"), D("-100")),
    ]
    assert [round(r.used, 2) if r.used is not None else None for r in budget.rows] == [
        D("6.43"),
        D("2.50"),
        D("0.00"),
        None,
    ]
    assert [r.over for r in budget.rows] == [False, False, False, True]


def test_budget_totals_equal_the_sum_of_their_parts(grant, manager):
    budget = client_for(manager).get(_url("grant", grant)).context["budget"]

    total = budget.total
    assert total.planned == sum(r.planned for r in budget.rows) == D("100000")
    assert total.spent == sum(r.spent for r in budget.rows) == D("5100.50")
    assert total.remaining == sum(r.remaining for r in budget.rows) == D("94899.50")


def test_spending_per_year_is_a_table_of_categories_and_years(grant, manager):
    response = client_for(manager).get(_url("grant", grant))

    budget = response.context["budget"]
    cells = {row.category: values for row, values in response.context["spending"]}
    assert budget.years == [2003, 2004]
    assert cells == {
        "staff": [D("2500"), D("2000")],
        "material": [D("500.50"), D("0")],
        "travel": [D("0"), D("100")],
    }
    assert budget.year_totals() == [D("3000.50"), D("2100")]
    assert sum(budget.year_totals()) == budget.total.spent


def test_financing_plan_gives_each_party_its_share_in_euros(grant, manager):
    plan = client_for(manager).get(_url("grant", grant)).context["plan"]

    parts = [(p.kind, p.name, p.share, p.amount) for p in plan.parts]
    assert parts == [
        ("eu", EU, D("50.00"), D("50000.00")),
        ("co", SENATE, D("40.00"), D("40000.00")),
        ("co", DISTRICT, D("10.00"), D("10000.00")),
    ]
    assert (plan.own, plan.exceeded) == (None, False)


def test_financing_plan_shows_what_the_shares_leave_as_own_funds(agency, manager):
    odd = plain_grant(agency, amount=D("1000.00"), eu_share=D("33.33"))
    co_finance(odd, (SENATE, "33.33"))

    plan = client_for(manager).get(_url("grant", odd)).context["plan"]

    assert [p.amount for p in plan.parts] == [D("333.30"), D("333.30"), D("333.40")]
    assert (plan.own.share, plan.exceeded) == (D("33.34"), False)
    assert sum(p.amount for p in plan.parts) == odd.amount


def test_financing_plan_rounds_parts_so_that_they_add_up_to_the_amount(agency, manager):
    thirds = plain_grant(agency, amount=D("10.00"), eu_share=D("33.33"))
    co_finance(thirds, ("A", "33.33"), ("B", "33.34"))

    plan = client_for(manager).get(_url("grant", thirds)).context["plan"]

    # 333.3, 333.3 and 333.4 cents: the cent left over goes to the largest remainder
    assert {p.name: p.amount for p in plan.parts} == {
        EU: D("3.33"),
        "A": D("3.33"),
        "B": D("3.34"),
    }
    assert plan.own is None
    assert sum(p.amount for p in plan.parts) == thirds.amount


def test_shares_over_100_percent_show_the_gap_as_not_covered_with_a_warning(agency, manager):
    over = plain_grant(agency, amount=D("1000.00"), eu_share=D("60"))
    co_finance(over, (SENATE, "50"))

    response = client_for(manager).get(_url("grant", over))

    plan = response.context["plan"]
    assert (plan.exceeded, plan.own.share, plan.own.amount) == (True, D("-10.00"), D("-100.00"))
    assert sum(p.amount for p in plan.parts) == over.amount
    assert 'id="financing-exceeded"' in response.content.decode()


def test_drawdowns_show_requested_received_and_outstanding_with_totals(grant, manager):
    drawdowns = client_for(manager).get(_url("grant", grant)).context["drawdowns"]

    sources = {s: (t.requested, t.received, t.outstanding) for s, t in drawdowns.by_source}
    assert sources == {
        EU: (D("1000"), D("1000"), D("0")),
        SENATE: (D("800"), D("0"), D("800")),
    }
    total = drawdowns.total
    assert (total.requested, total.received, total.outstanding) == (
        D("1800"),
        D("1000"),
        D("800"),
    )
    assert len(drawdowns.rows) == 2


def test_sums_are_exact_cents_even_where_the_database_adds_floats(agency, manager):
    tenths = plain_grant(agency)
    for month, amount in enumerate(["0.10", "0.20", "0.10", "0.20", "0.10", "0.20"], start=1):
        spend(tenths, "staff", 2003, month, amount)

    budget = queries.budget(tenths)

    assert budget.total.spent == D("0.90")
    assert str(budget.rows[0].years[2003]) == "0.90"


def test_manager_sees_the_reader_accounts_and_the_actions(grant, manager, funder):
    make_reader(grant, funder)

    response = client_for(manager).get(_url("grant", grant))

    page = response.content.decode()
    assert [m.user for m in response.context["readers"]] == [funder]
    assert "Michael Brandt" in page
    assert _url("spending", grant) in page


def test_evaluator_reads_the_page_without_readers_or_actions(grant, evaluator, funder):
    make_reader(grant, funder)

    response = client_for(evaluator).get(_url("grant", grant))

    assert response.context["readers"] is None
    assert "Michael Brandt" not in response.content.decode()
    assert _url("spending", grant) not in response.content.decode()


# ------------------------------------------------------------------------------------------
# The list


def test_list_shows_each_grant_with_co_financing_spent_and_remaining(grant, manager):
    response = client_for(manager).get(_url("grants"))

    (listed,) = response.context["grants"]
    assert (listed.spent, listed.remaining, listed.eu_amount) == (
        D("5100.50"),
        D("94899.50"),
        D("50000.00"),
    )
    assert [c.name for c in listed.co_financing.all()] == [SENATE, DISTRICT]
    page = response.content.decode()
    assert SENATE in page and "94.899,50\N{NO-BREAK SPACE}€" in page


def test_list_leaves_out_archived_grants_and_other_agencies(grant, manager, other_agency):
    plain_grant(other_agency, title="Andere Förderung")
    plain_grant(grant.agency, title="Archiviert", archived_at=timezone.now())

    response = client_for(manager).get(_url("grants"))

    assert [g.title for g in response.context["grants"]] == ["Modellprojekt Kiez"]


# ------------------------------------------------------------------------------------------
# Funders


@pytest.fixture
def two_grants(agency, manager, funder) -> tuple[Grant, Grant]:
    """The grant the funder reads, and another grant of the agency."""
    read = grant_with_figures(agency, manager)
    make_reader(read, funder)
    other = plain_grant(
        agency,
        title="Andere Förderung",
        start_date=dt.date(2005, 6, 1),
        end_date=dt.date(2007, 6, 30),
    )
    return read, other


def test_funder_lists_only_the_grants_it_reads(two_grants, funder):
    read, _other = two_grants

    response = client_for(funder).get(_url("grants"))

    assert [g.pk for g in response.context["grants"]] == [read.pk]
    assert "Andere Förderung" not in response.content.decode()


def test_funder_without_a_grant_gets_an_empty_list(grant, funder):
    response = client_for(funder).get(_url("grants"))

    assert response.status_code == 200
    assert response.context["grants"] == []
    assert grant.title not in response.content.decode()


def test_funder_reads_its_grant_without_readers_notes_or_actions(two_grants, funder):
    read, _other = two_grants

    response = client_for(funder).get(_url("grant", read))

    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["readers"] is None
    assert "Michael Brandt" not in page.split("<main")[1].split("</main>")[0]
    assert NOTE not in page
    assert _url("spending", read) not in page
    assert response.context["budget"].total.spent == D("5100.50")


def test_funder_gets_404_for_a_grant_it_does_not_read(two_grants, funder):
    _read, other = two_grants

    assert client_for(funder).get(_url("grant", other)).status_code == 404


def test_funder_may_not_change_the_grant_it_reads(two_grants, funder):
    read, _other = two_grants

    response = client_for(funder).post(_url("budget", read), {"staff": "1"})

    assert response.status_code == 403
    assert BudgetLine.objects.get(grant=read, category="staff").planned == D("70000")


def test_an_ended_membership_reads_nothing(two_grants, funder):
    read, _other = two_grants
    funder.memberships.update(archived_at=timezone.now())

    assert client_for(funder).get(_url("grant", read)).status_code == 404


def test_reader_of_another_agency_does_not_read_the_grant(agency, manager, other_agency):
    from tests.factories import MembershipFactory

    grant = grant_with_figures(agency, manager)
    elsewhere = MembershipFactory(agency=other_agency, role="funder")
    MembershipFactory(agency=agency, user=elsewhere.user, role="funder")
    grant.readers.add(elsewhere)

    assert client_for(elsewhere.user).get(_url("grant", grant)).status_code == 404


def test_another_agency_grant_is_404_even_for_managers(manager, other_agency):
    elsewhere = plain_grant(other_agency, title="Andere Förderung")

    assert client_for(manager).get(_url("grant", elsewhere)).status_code == 404
    assert client_for(manager).get(_url("budget", elsewhere)).status_code == 404


def test_archived_grant_is_404(grant, manager):
    Grant.objects.filter(pk=grant.pk).update(archived_at=timezone.now())

    assert client_for(manager).get(_url("grant", grant)).status_code == 404


# ------------------------------------------------------------------------------------------
# Query counts


def _more_figures(grant: Grant, agency, manager) -> None:
    """Many spending rows in every category, more co-financiers and drawdowns, more grants."""
    categories = ["staff", "material", "services", "travel", "premises", "overheads", "other"]
    for year in (2003, 2004):
        for month in range(3, 13):
            for category in categories:
                Spending.objects.get_or_create(
                    grant=grant,
                    category=category,
                    year=year,
                    month=month,
                    defaults={"amount": D("10")},
                )
    co_finance(grant, ("Stiftung", "0"))
    for day in range(1, 20):
        Drawdown.objects.create(
            grant=grant, source=SENATE, requested_on=dt.date(2004, 1, day), amount=D("5")
        )
    for number in range(8):
        other = grant_with_figures(agency, manager, title=f"Förderung {number}")
        co_finance(other, ("Stiftung", "0"))


@pytest.mark.parametrize("persona", ["manager", "funder"], indirect=True)
def test_list_needs_constant_queries(grant, agency, manager, funder, persona):
    make_reader(grant, funder)
    client = client_for(persona)
    one = count_queries(lambda: client.get(_url("grants")))
    _more_figures(grant, agency, manager)
    for other in Grant.objects.exclude(pk=grant.pk):
        make_reader(other, funder)

    many = count_queries(lambda: client.get(_url("grants")))

    assert many == one


@pytest.mark.parametrize("persona", ["manager", "funder"], indirect=True)
def test_grant_page_needs_constant_queries(agency, manager, funder, persona):
    grant = plain_grant(agency)
    spend(grant, "staff", 2003, 1, "1")
    make_reader(grant, funder)
    client = client_for(persona)
    one = count_queries(lambda: client.get(_url("grant", grant)))
    _more_figures(grant, agency, manager)

    many = count_queries(lambda: client.get(_url("grant", grant)))

    assert many == one


# ------------------------------------------------------------------------------------------
# The dashboard


DASHBOARD = reverse("backoffice:agency", kwargs={"slug": "kiez"})


@pytest.mark.parametrize(
    ("persona", "linked"),
    [
        ("manager", True),
        ("evaluator", True),
        ("funder", True),
        ("advisor", False),
        ("founder", False),
        ("partner", False),
    ],
    indirect=["persona"],
)
def test_dashboard_links_the_funding_area_for_those_who_list_grants(persona, linked, grant):
    page = client_for(persona).get(DASHBOARD).content.decode()

    assert (f'href="{_url("grants")}"' in page) == linked


def test_dashboard_links_only_the_grants_the_funder_reads(two_grants, funder):
    read, other = two_grants

    page = client_for(funder).get(DASHBOARD).content.decode()

    assert _url("grant", read) in page
    assert _url("grant", other) not in page
    assert other.title not in page  # a funder sees only the grants it funds


def test_dashboard_links_every_grant_for_management(two_grants, manager):
    page = client_for(manager).get(DASHBOARD).content.decode()

    assert all(_url("grant", grant) in page for grant in two_grants)


def test_dashboard_needs_constant_queries_for_a_funder(agency, manager, funder):
    make_reader(plain_grant(agency), funder)
    client = client_for(funder)
    one = count_queries(lambda: client.get(DASHBOARD))
    for number in range(10):
        grant = plain_grant(agency, title=f"Förderung {number}")
        if number % 2:
            make_reader(grant, funder)

    assert count_queries(lambda: client.get(DASHBOARD)) == one
