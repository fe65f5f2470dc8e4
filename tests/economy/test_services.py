"""Saving a month's figures, the stale-save guard, closing and correcting months, lines and
distributions."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time

from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.economy import services
from kiezwerk.economy.models import MonthFigures, Revenue, ValuationRate
from kiezwerk.economy.services import StaleFigures
from tests.economy.conftest import month


def _revenue(line) -> dict:
    return {
        (row.year, row.month, row.source, row.client_id): row.amount
        for row in Revenue.objects.filter(line=line)
    }


def test_first_save_stores_figures_revenue_and_the_agencys_rate(cafe, district_office, founder):
    ValuationRate.objects.create(agency=cafe.agency, year=2004, rate="7.50", method="agency")

    saved = services.save_month(
        cafe,
        2004,
        3,
        month(market=1200, public={district_office: 800}, costs=1500, hours=40, volunteers=5),
        actor=founder,
        version=0,
    )

    assert (saved.version, saved.costs, saved.volunteer_hours, saved.hour_rate) == (
        1,
        Decimal("1500"),
        Decimal("40"),
        Decimal("7.50"),
    )
    assert saved.rate_method == "agency"
    assert saved.neighbourhood_id == cafe.initiative.neighbourhood_id
    assert _revenue(cafe) == {
        (2004, 3, "market", None): Decimal("1200"),
        (2004, 3, "public", district_office.pk): Decimal("800"),
    }
    entry = ActivityLogEntry.objects.filter(verb="economy.month_saved").get()
    assert entry.data["changes"]["market"] == ["0.00", "1200.00"]


def test_rate_defaults_to_the_minimum_wage_from_2015_and_to_none_before(cafe, founder):
    later = services.save_month(cafe, 2024, 1, month(hours=10), actor=founder, version=0)
    earlier = services.save_month(cafe, 2004, 1, month(hours=10), actor=founder, version=0)

    assert (later.hour_rate, later.rate_method) == (Decimal("12.41"), "minimum_wage")
    assert (earlier.hour_rate, earlier.rate_method) == (None, "")


def test_the_rate_stays_with_the_figure_when_the_agency_changes_it(cafe, founder):
    rate = ValuationRate.objects.create(agency=cafe.agency, year=2004, rate="7.50", method="agency")
    services.save_month(cafe, 2004, 1, month(hours=10), actor=founder, version=0)
    rate.rate = Decimal("9.00")
    rate.save()

    again = services.save_month(cafe, 2004, 1, month(hours=12), actor=founder, version=1)

    assert again.hour_rate == Decimal("7.50")


def test_a_stale_save_changes_nothing(cafe, founder, advisor):
    services.save_month(cafe, 2004, 3, month(market=100), actor=founder, version=0)
    services.save_month(cafe, 2004, 3, month(market=150), actor=advisor, version=1)

    with pytest.raises(StaleFigures):
        services.save_month(cafe, 2004, 3, month(market=999), actor=founder, version=1)

    assert _revenue(cafe) == {(2004, 3, "market", None): Decimal("150")}
    assert MonthFigures.objects.get(line=cafe).version == 2


def test_saving_the_same_figures_again_logs_nothing(cafe, founder):
    services.save_month(cafe, 2004, 3, month(market=100), actor=founder, version=0)

    services.save_month(cafe, 2004, 3, month(market=100), actor=founder, version=1)

    assert ActivityLogEntry.objects.filter(verb="economy.month_saved").count() == 1
    assert MonthFigures.objects.get(line=cafe).version == 1


def test_public_contracts_need_a_client_of_the_line(cafe, job_centre, founder):
    with pytest.raises(ValidationError):
        services.save_month(
            cafe, 2004, 3, month(public={job_centre: 100}), actor=founder, version=0
        )

    assert not MonthFigures.objects.exists()
    assert not Revenue.objects.exists()


@pytest.mark.parametrize("bad", [{"year": 2004, "month": 13}, {"year": 1900, "month": 1}])
def test_a_month_outside_the_calendar_is_refused(cafe, founder, bad):
    with pytest.raises(ValidationError):
        services.save_month(cafe, bad["year"], bad["month"], month(), actor=founder, version=0)


@freeze_time("2005-01-15")
def test_a_closed_month_changes_only_by_correction_with_a_reason(cafe, founder, advisor):
    services.save_month(cafe, 2004, 3, month(market=100), actor=founder, version=0)
    services.close_month(cafe.initiative, 2004, 3, actor=advisor)

    with pytest.raises(ValidationError):
        services.save_month(cafe, 2004, 3, month(market=120), actor=advisor, version=1)
    services.save_month(
        cafe, 2004, 3, month(market=120), actor=advisor, version=1, reason="Beleg nachgereicht"
    )

    assert _revenue(cafe) == {(2004, 3, "market", None): Decimal("120")}
    entry = ActivityLogEntry.objects.get(verb="economy.month_corrected")
    assert entry.data["reason"] == "Beleg nachgereicht"
    assert entry.data["changes"] == {"market": ["100.00", "120.00"]}


@freeze_time("2005-01-15")
def test_closing_a_month_twice_or_ahead_of_time_is_refused(enterprise, advisor):
    services.close_month(enterprise, 2004, 12, actor=advisor)

    with pytest.raises(ValidationError):
        services.close_month(enterprise, 2004, 12, actor=advisor)
    with pytest.raises(ValidationError):
        services.close_month(enterprise, 2005, 2, actor=advisor)


def test_archived_line_takes_no_figures(cafe, manager, founder):
    services.archive_line(cafe, actor=manager)

    with pytest.raises(ValidationError):
        services.save_month(cafe, 2004, 3, month(market=1), actor=founder, version=0)


def test_line_clients_must_be_public_bodies_of_the_agency(enterprise, manager, other_agency):
    from tests.factories import NeedCategoryFactory, PartnerFactory

    union = PartnerFactory(agency=enterprise.agency, kind="union")
    foreign = PartnerFactory(agency=other_agency, kind="public")
    category = NeedCategoryFactory()

    for client in (union, foreign):
        with pytest.raises(ValidationError):
            services.add_line(
                enterprise,
                actor=manager,
                name=f"Linie {client.pk}",
                service=category,
                clients=[client],
            )


def test_changing_a_lines_clients_is_logged_and_keeps_revenue(
    cafe, district_office, job_centre, manager, founder
):
    services.save_month(
        cafe, 2004, 3, month(public={district_office: 500}), actor=founder, version=0
    )

    services.update_line(cafe, actor=manager, clients=[job_centre])

    entry = ActivityLogEntry.objects.get(verb="economy.line_changed")
    assert entry.data == {"public_clients": [str(job_centre)]}
    assert _revenue(cafe) == {(2004, 3, "public", district_office.pk): Decimal("500")}


def test_distribution_is_recorded_and_logged(enterprise, manager):
    services.record_distribution(
        enterprise,
        actor=manager,
        day=dt.date(2005, 12, 20),
        amount=Decimal("2000"),
        recipients="die beiden Gründerinnen",
        explanation="Gewinnausschüttung zum Jahresende",
    )

    (distribution,) = enterprise.distributions.all()
    assert (distribution.year, distribution.month, distribution.amount) == (
        2005,
        12,
        Decimal("2000"),
    )
    assert ActivityLogEntry.objects.filter(verb="economy.distribution_recorded").count() == 1
