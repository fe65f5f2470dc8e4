"""The financing mix in the database, its shares and concentration, and the dependency
warnings."""

from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.utils import translation

from kiezwerk.economy import services
from kiezwerk.economy.models import EconomySettings, ValuationRate
from kiezwerk.economy.queries import (
    Mix,
    Period,
    Scope,
    financing_mix,
    herfindahl,
    largest_remainder,
)
from kiezwerk.economy.warnings import dependency_warnings, threshold_for
from tests.conftest import count_queries
from tests.economy.conftest import month
from tests.factories import InitiativeFactory, NeedCategoryFactory

D = Decimal


def save(line, year, month_number, actor, **fields):
    services.save_month(line, year, month_number, month(**fields), actor=actor, version=0)


def line_of(enterprise, actor, name="Laden", clients=()):
    category = NeedCategoryFactory(name=f"Bedarf {name}")
    return services.add_line(enterprise, actor=actor, name=name, service=category, clients=clients)


def one_year(**amounts) -> Mix:
    """A mix of the year 2004 from plain numbers (clients: {name: amount})."""
    clients = amounts.pop("clients", {})
    period = Period(2004, **{name: D(str(value)) for name, value in amounts.items()})
    names = {}
    for number, (name, amount) in enumerate(clients.items(), start=1):
        period.clients[number], names[number] = D(str(amount)), name
        period.public += D(str(amount))
    return Mix(years=[period], quarters={}, client_names=names)


def texts(mix: Mix, threshold: int = 70) -> list[str]:
    with translation.override("en"):
        return [warning.text for warning in dependency_warnings(mix, threshold)]


# ------------------------------------------------------------------------------------------
# Shares and concentration


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["1", "1", "1"], ["34", "33", "33"]),
        (["2", "1", "1"], ["50", "25", "25"]),
        (["0.5", "0.3", "99.2"], ["1", "0", "99"]),
        (["1", "2", "3"], ["17", "33", "50"]),
        (["100", "0", "0"], ["100", "0", "0"]),
        (["1", "1", "1", "1", "1", "1", "1"], ["15", "15", "14", "14", "14", "14", "14"]),
    ],
)
def test_largest_remainder_adds_up_to_exactly_100(values, expected):
    shares = largest_remainder([D(value) for value in values])

    assert shares == [D(share) for share in expected]
    assert sum(shares) == 100


def test_largest_remainder_with_decimal_places():
    shares = largest_remainder([D(1), D(1), D(1)], places=1)

    assert shares == [D("33.4"), D("33.3"), D("33.3")]


def test_largest_remainder_of_nothing_is_none():
    assert largest_remainder([D(0), D(0), D(0)]) is None


def test_herfindahl_from_even_to_one_source():
    assert herfindahl([D(1), D(1)]) == D("0.5")
    assert herfindahl([D(7), D(0), D(0)]) == 1
    assert herfindahl([D(0), D(0)]) is None


# ------------------------------------------------------------------------------------------
# The mix in the database


def test_mix_of_an_enterprise_adds_up_each_source_per_year(
    enterprise, cafe, repairs, district_office, job_centre, manager
):
    save(cafe, 2004, 1, manager, market=100, public={district_office: 50}, costs=80)
    save(cafe, 2004, 5, manager, market="20.10", grants=30, donations=5, costs=10)
    save(repairs, 2004, 12, manager, public={job_centre: "33.33"}, costs="0.5")
    save(cafe, 2005, 3, manager, market=7)

    mix = financing_mix(Scope.of_enterprise(enterprise))

    first, second = mix.years
    assert (first.year, first.public, first.market, first.grants, first.donations) == (
        2004,
        D("83.33"),
        D("120.10"),
        D("30"),
        D("5"),
    )
    assert (first.costs, first.revenue, first.result) == (D("90.50"), D("238.43"), D("147.93"))
    assert first.clients == {district_office.pk: D("50"), job_centre.pk: D("33.33")}
    assert (second.year, second.market, second.public) == (2005, D("7"), D("0"))
    assert mix.client_names == {
        district_office.pk: district_office.name,
        job_centre.pk: job_centre.name,
    }


def test_mix_by_quarter_adds_up_to_the_year(enterprise, cafe, district_office, manager):
    save(cafe, 2004, 1, manager, market=100)
    save(cafe, 2004, 3, manager, market=1, costs=2)
    save(cafe, 2004, 4, manager, public={district_office: 40})
    save(cafe, 2004, 12, manager, grants=9)

    mix = financing_mix(Scope.of_enterprise(enterprise))

    quarters = mix.quarters[2004]
    assert [(q.quarter, q.market, q.public, q.grants) for q in quarters] == [
        (1, D("101"), D("0"), D("0")),
        (2, D("0"), D("40"), D("0")),
        (3, D("0"), D("0"), D("0")),
        (4, D("0"), D("0"), D("9")),
    ]
    assert sum(q.mix_total for q in quarters) == mix.years[0].mix_total == D("141")


def test_volunteer_value_uses_the_rate_stored_with_each_month(agency, enterprise, cafe, manager):
    rate = ValuationRate.objects.create(agency=agency, year=2004, rate="10.50", method="agency")
    save(cafe, 2004, 1, manager, hours="10.25")
    rate.rate = D("20")
    rate.save()
    save(cafe, 2004, 2, manager, hours=2)

    year = financing_mix(Scope.of_enterprise(enterprise)).years[0]

    assert (year.hours, year.volunteer, year.unvalued_hours) == (
        D("12.25"),
        D("147.6250"),  # 10.25 h at 10.50 € and 2 h at 20 €
        D("0"),
    )


def test_hours_without_a_rate_are_counted_as_not_valued(enterprise, cafe, manager):
    save(cafe, 2004, 1, manager, hours=8, market=10)  # no minimum wage in 2004, no rate
    save(cafe, 2023, 1, manager, hours=2)  # the minimum wage of 2023: 12 €

    old, new = financing_mix(Scope.of_enterprise(enterprise)).years

    assert (old.hours, old.unvalued_hours, old.volunteer) == (D("8"), D("8"), D("0"))
    assert old.shares() == [D("0"), D("100"), D("0")]
    assert (new.hours, new.unvalued_hours, new.volunteer) == (D("2"), D("0"), D("24"))


def test_mix_of_neighbourhood_and_agency_equal_the_sum_of_their_parts(
    agency, neighbourhoods, enterprise, cafe, district_office, manager
):
    ValuationRate.objects.create(agency=agency, year=2004, rate="8", method="agency")
    same_hood = InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[0], name="Kita")
    other_hood = InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[1], name="Laden")
    kita = line_of(same_hood, manager, "Kita", clients=[district_office])
    shop = line_of(other_hood, manager, "Laden")
    save(cafe, 2004, 1, manager, market=100, public={district_office: 50}, hours=3, costs=10)
    save(kita, 2004, 2, manager, public={district_office: 70}, grants=20, hours="1.5")
    save(shop, 2004, 3, manager, market=33, donations=4, hours=2, costs=5)
    save(shop, 2005, 3, manager, market=1)
    enterprises = [financing_mix(Scope.of_enterprise(e)) for e in (enterprise, same_hood)]

    hood = financing_mix(Scope.of_neighbourhood(neighbourhoods[0]))
    whole = financing_mix(Scope.of_agency(agency))

    assert _sum_of(enterprises) == _figures(hood.years[0])
    other = financing_mix(Scope.of_neighbourhood(neighbourhoods[1]))
    assert _sum_of([hood, other]) == _figures(whole.years[0])
    assert whole.years[0].clients == {district_office.pk: D("120")}
    assert [period.year for period in whole.years] == [2004, 2005]


def _figures(period: Period) -> tuple:
    names = ("public", "market", "volunteer", "grants", "donations", "costs", "hours")
    return tuple(getattr(period, name) for name in names)


def _sum_of(mixes: list[Mix]) -> tuple:
    parts = [_figures(mix.year(2004)) for mix in mixes]
    return tuple(sum(values) for values in zip(*parts, strict=True))


def test_mix_of_one_agency_leaves_out_another(agency, other_agency, enterprise, cafe, manager):
    save(cafe, 2004, 1, manager, market=100)

    assert financing_mix(Scope.of_agency(other_agency)).years == []
    assert financing_mix(Scope.of_agency(agency)).years[0].market == D("100")


def test_mix_within_a_range_of_years(enterprise, cafe, manager):
    for year in (2003, 2004, 2005, 2006):
        save(cafe, year, 6, manager, market=year)

    mix = financing_mix(Scope.of_enterprise(enterprise), first=2004, last=2005)

    assert [(period.year, period.market) for period in mix.years] == [
        (2004, D("2004")),
        (2005, D("2005")),
    ]


def test_mix_runs_two_queries_whatever_the_data_size(
    enterprise, cafe, repairs, district_office, job_centre, manager
):
    scope = Scope.of_enterprise(enterprise)
    save(cafe, 2004, 1, manager, market=1)
    few = count_queries(lambda: financing_mix(scope))
    for year in (2004, 2005, 2006):
        for number in range(2, 13):
            save(cafe, year, number, manager, market=1, public={district_office: 2}, hours=1)
            save(repairs, year, number, manager, public={job_centre: 3}, grants=1, costs=1)

    many = count_queries(lambda: financing_mix(scope))

    assert few == many == 2


# ------------------------------------------------------------------------------------------
# Dependency warnings


def test_share_at_the_threshold_raises_no_warning():
    assert texts(one_year(market=70, clients={"Bezirksamt": 30})) == []


def test_share_just_above_the_threshold_raises_a_warning_naming_year_source_and_share():
    mix = one_year(market="70.1", clients={"Bezirksamt": "29.9"})

    assert texts(mix) == [
        "In 2004, market sales brought in 70.1\N{NO-BREAK SPACE}% of the financing mix, more "
        "than 70\N{NO-BREAK SPACE}%: the enterprise depends on this one source."
    ]


def test_share_just_below_the_threshold_raises_no_warning():
    assert texts(one_year(market="69.9", volunteer="30.1")) == []


def test_one_public_client_above_the_threshold_raises_a_warning():
    mix = one_year(market=20, clients={"Jobcenter": 75, "Bezirksamt": 5})

    warnings = dependency_warnings(mix, 70)

    assert [(w.kind, w.name, w.share) for w in warnings] == [
        ("source", "public", D("80")),
        ("client", "Jobcenter", D("75")),
    ]
    with translation.override("en"):
        assert texts(mix)[1] == (
            "In 2004, the public client Jobcenter alone brought in 75.0\N{NO-BREAK SPACE}% of "
            "the financing mix, more than 70\N{NO-BREAK SPACE}%: losing this contract would "
            "put the enterprise at risk."
        )


def test_public_contracts_spread_over_clients_warn_about_the_source_only():
    mix = one_year(market=10, clients={"Jobcenter": 45, "Bezirksamt": 45})

    assert [(w.kind, w.name) for w in dependency_warnings(mix, 70)] == [("source", "public")]
    assert mix.years[0].herfindahl_sources() == D("0.82")
    assert mix.years[0].herfindahl_payers() == D("0.415")


def test_grants_above_the_three_sources_raise_a_warning():
    equal = one_year(market=50, volunteer=50, grants=100)
    above = one_year(market=50, volunteer=50, grants="100.01")

    assert texts(equal) == []
    assert texts(above) == [
        "In 2004, grants and subsidies (100.01\N{NO-BREAK SPACE}€) exceeded the three sources "
        "of the financing mix together (100.00\N{NO-BREAK SPACE}€): the enterprise depends on "
        "grants."
    ]


def test_grants_without_any_mix_raise_the_grants_warning_only():
    assert [w.kind for w in dependency_warnings(one_year(grants=5), 70)] == ["grants"]


def test_threshold_is_the_agency_setting_else_70(agency, other_agency):
    EconomySettings.objects.create(agency=agency, dependency_threshold=50)

    assert (threshold_for(agency.pk), threshold_for(other_agency.pk)) == (50, 70)
    assert texts(one_year(market=60, volunteer=40), threshold_for(agency.pk)) != []
    assert texts(one_year(market=60, volunteer=40), threshold_for(other_agency.pk)) == []


@pytest.mark.parametrize("threshold", [0, 101])
def test_threshold_outside_1_to_100_is_refused(agency, threshold):
    with pytest.raises(IntegrityError):
        EconomySettings.objects.create(agency=agency, dependency_threshold=threshold)


def test_warnings_of_a_stored_mix_per_year(enterprise, cafe, district_office, manager):
    save(cafe, 2004, 1, manager, public={district_office: 90}, market=10)
    save(cafe, 2005, 1, manager, public={district_office: 50}, market=50)

    warnings = dependency_warnings(financing_mix(Scope.of_enterprise(enterprise)), 70)

    assert [(w.year, w.kind, w.name) for w in warnings] == [
        (2004, "source", "public"),
        (2004, "client", district_office.name),
    ]


def test_threshold_is_set_in_the_admin_logged_and_never_deleted(agency):
    from django.urls import reverse

    from kiezwerk.core.models import ActivityLogEntry
    from tests.conftest import client_for
    from tests.factories import UserFactory

    operator = client_for(UserFactory(is_staff=True, is_superuser=True, email="admin@kiez.test"))

    operator.post(
        reverse("admin:economy_economysettings_add"),
        {"agency": agency.pk, "dependency_threshold": 60},
    )

    settings = EconomySettings.objects.get(agency=agency)
    assert threshold_for(agency.pk) == 60
    assert ActivityLogEntry.objects.for_object(settings).get().verb == "created"
    delete = reverse("admin:economy_economysettings_delete", args=[settings.pk])
    assert operator.post(delete, {"post": "yes"}).status_code == 403
    assert operator.get(reverse("admin:economy_valuationrate_changelist")).status_code == 200
