"""A grant's targets: set per indicator and year, shown against the actual values computed by
the indicators' queries, with the attainment; the whole period adds up flows only."""

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse

from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.funding.attainment import Cell, attainment, grant_spans
from kiezwerk.funding.models import Indicator, Target
from kiezwerk.funding.targets import field_name
from tests.conftest import client_for, count_queries
from tests.factories import ConsultationFactory, GrantFactory, InitiativeFactory

START, END = dt.date(2002, 12, 1), dt.date(2004, 12, 31)


@pytest.fixture
def grant(agency):
    return GrantFactory(agency=agency, title="Modellprojekt", start_date=START, end_date=END)


@pytest.fixture
def held(agency, neighbourhoods):
    """Consultations: 5 in 2003, 2 in 2004, 1 in December 2002 and 1 before the grant."""
    initiative = InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[0])
    days = [dt.date(2003, month, 10) for month in (1, 3, 5, 7, 9)]
    days += [dt.date(2004, 2, 2), dt.date(2004, 6, 6), dt.date(2002, 12, 12), dt.date(2002, 11, 1)]
    for day in days:
        ConsultationFactory(initiative=initiative, held_on=day)
    return initiative


def indicator(query: str) -> Indicator:
    return Indicator.objects.active().filter(query=query).order_by("code").first()


def target(grant, query: str, year: int, value) -> Target:
    return Target.objects.create(
        grant=grant, indicator=indicator(query), year=year, value=Decimal(str(value))
    )


def url(name: str, grant) -> str:
    return reverse(f"funding:{name}", kwargs={"slug": "kiez", "pk": grant.pk})


def english(user):
    client = client_for(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_years_of_a_grant_are_cut_to_its_period(grant):
    spans = grant_spans(grant)

    assert [(s.year, s.start, s.end) for s in spans] == [
        (2002, START, dt.date(2002, 12, 31)),
        (2003, dt.date(2003, 1, 1), dt.date(2003, 12, 31)),
        (2004, dt.date(2004, 1, 1), END),
    ]


def test_actual_values_per_year_and_attainment(grant, held):
    target(grant, "consultations_held", 2003, 10)
    target(grant, "consultations_held", 2004, 4)

    _spans, rows = attainment(grant)

    (row,) = rows
    assert [(c.target, c.actual, c.attainment) for c in row.cells] == [
        (None, Decimal(1), None),
        (Decimal(10), Decimal(5), Decimal("50.0")),
        (Decimal(4), Decimal(2), Decimal("50.0")),
    ]
    # the whole period: the yearly targets add up; the consultation before the grant is out
    assert (row.whole.target, row.whole.actual) == (Decimal(14), Decimal(8))


def test_stocks_have_no_target_for_the_whole_period(grant, held):
    target(grant, "initiatives_supported", 2003, 3)
    target(grant, "initiatives_supported", 2004, 3)

    _spans, (row,) = attainment(grant)

    assert [c.actual for c in row.cells] == [Decimal(1), Decimal(1), Decimal(1)]
    assert (row.whole.target, row.whole.actual) == (None, Decimal(1))  # counted once


def test_attainment_rounds_half_up_and_needs_a_target():
    assert Cell(Decimal(2), Decimal(3)).attainment == Decimal("66.7")
    assert Cell(Decimal(1), Decimal(0)).attainment is None
    assert Cell(Decimal(1)).attainment is None


def test_grant_page_shows_targets_against_actuals(grant, held, manager):
    target(grant, "consultations_held", 2003, 10)

    page = english(manager).get(url("grant", grant))

    html = page.content.decode()
    assert page.status_code == 200
    assert indicator("consultations_held").name in html
    assert "50.0" in html
    assert url("targets", grant) in html


def test_grant_page_queries_do_not_grow_with_the_records(grant, held, manager, agency):
    for query in ("consultations_held", "jobs_created", "forums_held", "volunteer_hours"):
        target(grant, query, 2003, 5)
    client = client_for(manager)
    few = count_queries(lambda: client.get(url("grant", grant)))
    for number in range(6):
        ConsultationFactory(initiative=held, held_on=dt.date(2003, 4, 1 + number))
        InitiativeFactory(agency=agency, neighbourhood=held.neighbourhood)

    assert count_queries(lambda: client.get(url("grant", grant))) == few


# ------------------------------------------------------------------------------------------
# Setting the targets


def test_manager_sets_targets_in_german_numbers_and_the_change_is_logged(grant, manager):
    consultations = indicator("consultations_held")
    data = {field_name(consultations.pk, 2003): "12,5", field_name(consultations.pk, 2004): "40"}

    response = client_for(manager).post(url("targets", grant), data)

    assert response.status_code == 302
    saved = dict(Target.objects.filter(grant=grant).values_list("year", "value"))
    assert saved == {2003: Decimal("12.5"), 2004: Decimal("40")}
    entry = ActivityLogEntry.objects.get(verb="funding.targets_changed")
    assert entry.data["targets"][f"{consultations.pk}:2003"] == [None, "12.50"]


def test_an_emptied_field_removes_the_target(grant, manager):
    saved = target(grant, "consultations_held", 2003, 10)

    client_for(manager).post(url("targets", grant), {})

    assert not Target.objects.filter(pk=saved.pk).exists()


def test_the_form_shows_saved_targets(grant, manager):
    saved = target(grant, "consultations_held", 2003, "12.5")

    form = client_for(manager).get(url("targets", grant)).context["form"]

    assert form[field_name(saved.indicator_id, 2003)].value() == Decimal("12.5")


@pytest.mark.parametrize("value", ["x", "-1"])
def test_bad_targets_save_nothing(grant, manager, value):
    consultations = indicator("consultations_held")
    data = {field_name(consultations.pk, 2003): value, field_name(consultations.pk, 2004): "4"}

    response = client_for(manager).post(url("targets", grant), data)

    assert response.status_code == 400
    assert not Target.objects.exists()


def test_a_reading_funder_cannot_set_targets(grant, funder, agency):
    grant.readers.add(funder.memberships.get(agency=agency))

    assert client_for(funder).get(url("targets", grant)).status_code == 403
    assert client_for(funder).get(url("grant", grant)).status_code == 200
