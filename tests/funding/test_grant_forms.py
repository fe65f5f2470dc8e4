"""Management's forms of a grant: the financing plan (amount, EU share, co-financiers added,
changed and removed; shares 0 to 100 and together at most 100 percent), the budget per cost
category, spending of a month within the grant's period (a recorded month replaced, before and
after logged), drawdowns and their receipt. Valid input is saved and logged; invalid input gets
400 with the errors and saves nothing. German number input throughout."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.funding import services
from kiezwerk.funding.models import BudgetLine, CoFinancing, Drawdown, Grant, Spending
from tests.conftest import client_for
from tests.funding.grants import (
    DISTRICT,
    NOTE,
    SENATE,
    co_finance,
    grant_with_figures,
    plain_grant,
)

D = Decimal


def _de(text: str) -> str:
    """`text` as the German interface shows it (the catalogue may not have it yet)."""
    with translation.override("de"):
        return translation.gettext(text)


def _url(name: str, grant: Grant, **kwargs) -> str:
    return reverse(f"funding:{name}", kwargs={"slug": "kiez", "pk": grant.pk, **kwargs})


def _log(verb: str) -> list[dict]:
    entries = ActivityLogEntry.objects.filter(verb=verb).order_by("pk")
    return list(entries.values_list("data", flat=True))


@pytest.fixture
def grant(agency, manager) -> Grant:
    return grant_with_figures(agency, manager)


# ------------------------------------------------------------------------------------------
# The financing plan


def _financing(grant: Grant, **changes) -> dict:
    """The form as the page sends it: the grant's co-financiers, then two empty rows."""
    rows = list(CoFinancing.objects.filter(grant=grant))
    data = {
        "amount": "100.000,00",
        "eu_share": "50",
        "co-TOTAL_FORMS": str(len(rows) + 2),
        "co-INITIAL_FORMS": str(len(rows)),
        "co-MIN_NUM_FORMS": "0",
        "co-MAX_NUM_FORMS": "20",
    }
    for number, row in enumerate(rows):
        data |= {f"co-{number}-id": row.pk, f"co-{number}-name": row.name}
        data[f"co-{number}-share"] = str(row.share).replace(".", ",")
    return data | changes


def test_financing_plan_saves_amount_shares_and_co_financiers_and_logs(grant, manager):
    data = _financing(
        grant,
        amount="120.000,50",
        eu_share="45,5",
        **{"co-0-share": "40,25", "co-1-remove": "on", "co-2-name": "Bezirksamt Pankow"},
        **{"co-2-share": "5"},
    )

    response = client_for(manager).post(_url("financing", grant), data)

    grant.refresh_from_db()
    assert response.status_code == 302
    assert (grant.amount, grant.eu_share) == (D("120000.50"), D("45.50"))
    assert dict(CoFinancing.objects.filter(grant=grant).values_list("name", "share")) == {
        SENATE: D("40.25"),
        "Bezirksamt Pankow": D("5.00"),
    }
    (logged,) = _log("funding.financing_changed")
    assert logged == {
        "amount": ["100000.00", "120000.50"],
        "eu_share": ["50.00", "45.50"],
        "co_financing_removed": [f"{DISTRICT} (10.00)"],
        "co_financing_changed": {SENATE: [f"{SENATE} (40.00)", f"{SENATE} (40.25)"]},
        "co_financing_added": ["Bezirksamt Pankow (5.00)"],
    }


def test_financing_plan_unchanged_writes_no_log(grant, manager):
    response = client_for(manager).post(_url("financing", grant), _financing(grant))

    assert response.status_code == 302
    assert _log("funding.financing_changed") == []


def test_shares_over_100_percent_are_refused_and_nothing_is_saved(grant, manager):
    data = _financing(grant, eu_share="55", **{"co-2-name": "Bezirksamt Pankow", "co-2-share": "1"})

    response = client_for(manager).post(_url("financing", grant), data)

    grant.refresh_from_db()
    errors = response.context["form"].errors["eu_share"]
    assert response.status_code == 400
    assert errors == [
        _de(
            "The EU share (%(eu)s) and the co-financing shares (%(co)s) add up to %(total)s. "
            "Together they may be at most %(limit)s."
        )
        % {
            "eu": "55,00\N{NO-BREAK SPACE}%",
            "co": "51,00\N{NO-BREAK SPACE}%",
            "total": "106,00\N{NO-BREAK SPACE}%",
            "limit": "100\N{NO-BREAK SPACE}%",
        }
    ]
    assert grant.eu_share == D("50.00")
    assert CoFinancing.objects.filter(grant=grant).count() == 2
    assert _log("funding.financing_changed") == []


@pytest.mark.parametrize(
    ("field", "value"),
    [("co-0-share", "101"), ("co-0-share", "-1"), ("eu_share", "100,5"), ("co-0-share", "")],
)
def test_a_share_outside_0_to_100_is_refused(grant, manager, field, value):
    response = client_for(manager).post(
        _url("financing", grant), _financing(grant, **{field: value})
    )

    assert response.status_code == 400
    assert sorted(CoFinancing.objects.filter(grant=grant).values_list("share", flat=True)) == [
        D("10.00"),
        D("40.00"),
    ]


def test_a_co_financier_of_another_grant_cannot_be_changed(grant, manager, agency):
    other = plain_grant(agency, title="Andere Förderung")
    co_finance(other, ("Fremd", "10"))
    foreign = CoFinancing.objects.get(grant=other)

    data = _financing(grant, **{"co-0-id": str(foreign.pk), "co-0-share": "1"})
    response = client_for(manager).post(_url("financing", grant), data)

    assert response.status_code == 400
    assert CoFinancing.objects.get(pk=foreign.pk).share == D("10.00")


def test_two_co_financiers_of_the_same_name_are_refused(grant, manager):
    data = _financing(grant, **{"co-2-name": SENATE, "co-2-share": "0"})

    response = client_for(manager).post(_url("financing", grant), data)

    assert response.status_code == 400
    assert CoFinancing.objects.filter(grant=grant).count() == 2


# ------------------------------------------------------------------------------------------
# The budget


def test_budget_saves_german_amounts_and_logs_before_and_after(grant, manager):
    data = {"staff": "65.000,00", "material": "20000", "services": "10.000", "travel": "4.999,5"}

    response = client_for(manager).post(_url("budget", grant), data)

    assert response.status_code == 302
    assert dict(BudgetLine.objects.filter(grant=grant).values_list("category", "planned")) == {
        "staff": D("65000.00"),
        "material": D("20000.00"),
        "services": D("10000.00"),
        "travel": D("4999.50"),
    }
    assert _log("funding.budget_changed")[-1] == {
        "staff": ["70000.00", "65000.00"],
        "travel": [None, "4999.50"],
    }


def test_budget_over_the_grant_amount_is_refused(grant, manager):
    response = client_for(manager).post(
        _url("budget", grant), {"staff": "90.000", "material": "20.000"}
    )

    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    assert BudgetLine.objects.get(grant=grant, category="staff").planned == D("70000")


def test_budget_form_shows_what_was_spent_per_category(grant, manager):
    form = client_for(manager).get(_url("budget", grant)).context["form"]

    assert form["staff"].value() == D("70000")
    assert "4.500,00\N{NO-BREAK SPACE}€" in str(form.fields["staff"].help_text)


def test_budget_refuses_a_negative_or_unreadable_amount(grant, manager):
    for value in ("-5", "viel"):
        response = client_for(manager).post(_url("budget", grant), {"staff": value})

        assert response.status_code == 400
        assert response.context["form"].errors["staff"]
    assert BudgetLine.objects.get(grant=grant, category="staff").planned == D("70000")


# ------------------------------------------------------------------------------------------
# Spending


def _spending(**changes) -> dict:
    return {"category": "staff", "year": "2004", "month": "4", "amount": "1.234,50"} | changes


def test_spending_of_a_new_month_is_recorded_and_logged(grant, manager):
    response = client_for(manager).post(_url("spending", grant), _spending(note="Gehälter April"))

    row = Spending.objects.get(grant=grant, year=2004, month=4)
    assert response.status_code == 302
    assert (row.category, row.amount, row.note) == ("staff", D("1234.50"), "Gehälter April")
    assert _log("funding.spending_recorded") == [
        {"category": "staff", "year": 2004, "month": 4, "amount": [None, "1234.50"]}
    ]


def test_spending_of_a_recorded_month_replaces_it_and_logs_before_and_after(grant, manager):
    response = client_for(manager).post(
        _url("spending", grant), _spending(year="2003", month="2", amount="1.600")
    )

    rows = Spending.objects.filter(grant=grant, category="staff", year=2003, month=2)
    assert response.status_code == 302
    assert [row.amount for row in rows] == [D("1600.00")]
    assert _log("funding.spending_recorded") == [
        {
            "category": "staff",
            "year": 2003,
            "month": 2,
            "amount": ["1500.00", "1600.00"],
            "note": [NOTE, ""],
        }
    ]


@pytest.mark.parametrize(("year", "month"), [("2002", "12"), ("2005", "1"), ("1980", "6")])
def test_spending_outside_the_grant_period_is_refused(grant, manager, year, month):
    response = client_for(manager).post(_url("spending", grant), _spending(year=year, month=month))

    form = response.context["form"]
    assert response.status_code == 400
    assert form.errors.get("month") or form.errors.get("year")
    assert Spending.objects.filter(grant=grant).count() == 5
    assert _log("funding.spending_recorded") == []


def test_spending_outside_the_period_names_the_period(grant, manager):
    response = client_for(manager).post(_url("spending", grant), _spending(year="2005"))

    expected = _de("Please choose a month within the grant period (%(start)s to %(end)s).") % {
        "start": "Januar 2003",
        "end": "Dezember 2004",
    }
    assert response.context["form"].errors["month"] == [expected]


@pytest.mark.parametrize("changes", [{"amount": ""}, {"amount": "-1"}, {"category": "lunch"}])
def test_invalid_spending_is_refused(grant, manager, changes):
    response = client_for(manager).post(_url("spending", grant), _spending(**changes))

    assert response.status_code == 400
    assert Spending.objects.filter(grant=grant).count() == 5


def test_spending_form_suggests_the_month_after_the_latest(grant, manager):
    form = client_for(manager).get(_url("spending", grant)).context["form"]

    assert (form["year"].value(), form["month"].value()) == (2004, 4)


# ------------------------------------------------------------------------------------------
# Drawdowns


def test_a_drawdown_is_recorded_and_logged(grant, manager):
    data = {"source": DISTRICT, "requested_on": "2003-07-15", "amount": "2.500,75"}

    response = client_for(manager).post(_url("drawdown_create", grant), data)

    drawdown = Drawdown.objects.get(grant=grant, source=DISTRICT)
    assert response.status_code == 302
    assert (drawdown.amount, drawdown.received_on) == (D("2500.75"), None)
    assert _log("funding.drawdown_recorded") == [
        {"source": DISTRICT, "requested_on": "2003-07-15", "amount": "2500.75"}
    ]


@pytest.mark.parametrize(
    "changes",
    [
        {"received_on": "2003-07-01"},  # before it was requested
        {"amount": "0"},
        {"source": "Jemand anderes"},
        {"requested_on": ""},
    ],
)
def test_an_invalid_drawdown_is_refused(grant, manager, changes):
    data = {"source": DISTRICT, "requested_on": "2003-07-15", "amount": "100"} | changes

    response = client_for(manager).post(_url("drawdown_create", grant), data)

    assert response.status_code == 400
    assert Drawdown.objects.filter(grant=grant).count() == 2


def test_a_drawdown_is_marked_received(grant, manager):
    outstanding = Drawdown.objects.get(grant=grant, received_on__isnull=True)
    url = _url("drawdown_received", grant, drawdown=outstanding.pk)

    response = client_for(manager).post(url, {"received_on": "2003-06-20"})

    outstanding.refresh_from_db()
    assert response.status_code == 302
    assert outstanding.received_on == dt.date(2003, 6, 20)
    assert _log("funding.drawdown_received")[0]["received_on"] == [None, "2003-06-20"]


def test_received_before_requested_is_refused(grant, manager):
    outstanding = Drawdown.objects.get(grant=grant, received_on__isnull=True)
    url = _url("drawdown_received", grant, drawdown=outstanding.pk)

    response = client_for(manager).post(url, {"received_on": "2003-04-14"})

    outstanding.refresh_from_db()
    assert response.status_code == 400
    assert response.context["form"].errors["received_on"] == [
        _de("The money cannot have arrived before it was requested.")
    ]
    assert outstanding.received_on is None


def test_a_drawdown_of_another_grant_is_404(grant, manager, agency):
    other = grant_with_figures(agency, manager, title="Andere Förderung")
    foreign = Drawdown.objects.filter(grant=other).first()

    response = client_for(manager).get(_url("drawdown_received", grant, drawdown=foreign.pk))

    assert response.status_code == 404


def test_evaluator_cannot_record_spending(grant, evaluator):
    response = client_for(evaluator).post(_url("spending", grant), _spending())

    assert response.status_code == 403
    assert Spending.objects.filter(grant=grant).count() == 5


# ------------------------------------------------------------------------------------------
# Services on their own


def test_change_financing_refuses_shares_over_100_percent(grant, manager):
    with pytest.raises(services.ValidationError):
        services.change_financing(
            grant,
            actor=manager,
            amount=grant.amount,
            eu_share=D("70"),
            co_financiers=[services.CoFinancier(pk=None, name="Neu", share=D("31"))],
        )

    assert CoFinancing.objects.filter(grant=grant).count() == 2


def test_record_spending_refuses_a_month_outside_the_period(grant, manager):
    with pytest.raises(services.ValidationError):
        services.record_spending(
            grant, actor=manager, category="staff", year=2005, month=1, amount=D("1")
        )

    assert not Spending.objects.filter(grant=grant, year=2005).exists()
