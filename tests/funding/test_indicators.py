"""The named queries behind the indicator catalogue, checked against numbers counted by hand on
a fixed dataset: the year 2003 of the agency `kiez`, with records before and after it, of
another agency, and archived ones that must not count.

Boxhagener Platz (`hoods[0]`, "A") and Helmholtzplatz (`hoods[1]`, "B"):

| initiative | hood | consultations in 2003 | founded | counts as |
|---|---|---|---|---|
| Café | A | 3 (+1 in 2002), 2 contacts | 2003-06-01 | supported, as enterprise (Sept.), founded |
| Werkstatt | B | 1 | 2002-10-01 | supported, as enterprise |
| Wäscherei | B | 1 (March) | 2003-10-10 | supported (consulted before founding), founded |
| Kinderladen | A | none (2004) | 2004-03-01 | nothing |
| Archiviert | A | 2 | 2003-05-01 | nothing (archived) |
"""

import datetime as dt
import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.utils import timezone
from freezegun import freeze_time

from kiezwerk.economy import summaries
from kiezwerk.economy.models import BusinessLine, MonthFigures, Revenue
from kiezwerk.economy.queries import Scope
from kiezwerk.funding import indicators
from kiezwerk.funding.attainment import FLOWS
from kiezwerk.funding.indicators import QUERIES, actual, actuals
from kiezwerk.funding.models import Indicator
from kiezwerk.initiatives.models import Initiative
from kiezwerk.jobs import queries as jobs_queries
from kiezwerk.jobs import services as jobs_services
from kiezwerk.jobs.enums import ContractType, Origin
from kiezwerk.needs import services as needs_services
from kiezwerk.needs.enums import NeedStatus
from tests.conftest import count_queries
from tests.factories import (
    ConsultationFactory,
    ContactPersonFactory,
    DeliveryFactory,
    ForumFactory,
    InitiativeFactory,
    NeedCategoryFactory,
    NeedFactory,
    NeighbourhoodFactory,
    PartnerFactory,
    ReferralFactory,
)
from tests.jobs.positions import position

START, END = dt.date(2003, 1, 1), dt.date(2003, 12, 31)
UTC = dt.UTC


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# ------------------------------------------------------------------------------------------
# The dataset


@pytest.fixture
def hoods(neighbourhoods):
    return neighbourhoods


@pytest.fixture
def firms(agency, hoods):
    """The initiatives of the table above, and one of another agency."""
    a, b = hoods
    archived = InitiativeFactory(
        agency=agency, neighbourhood=a, name="Archiviert", founded_on=day("2003-05-01")
    )
    archived.archived_at = timezone.now()
    archived.save()
    return {
        "cafe": InitiativeFactory(
            agency=agency, neighbourhood=a, name="Café", founded_on=day("2003-06-01")
        ),
        "workshop": InitiativeFactory(
            agency=agency, neighbourhood=b, name="Werkstatt", founded_on=day("2002-10-01")
        ),
        "laundry": InitiativeFactory(
            agency=agency, neighbourhood=b, name="Wäscherei", founded_on=day("2003-10-10")
        ),
        "kindergarten": InitiativeFactory(
            agency=agency, neighbourhood=a, name="Kinderladen", founded_on=day("2004-03-01")
        ),
        "archived": archived,
        "elsewhere": _other_agency_firm(),
    }


def _other_agency_firm():
    hood = NeighbourhoodFactory(name="Falkplatz")
    return InitiativeFactory(
        agency=hood.agency, neighbourhood=hood, name="Fremd", founded_on=day("2003-04-01")
    )


@pytest.fixture
def case_work(firms):
    cafe = firms["cafe"]
    ContactPersonFactory(initiative=cafe, name="Lena Schubert")
    ContactPersonFactory(initiative=cafe, name="Jonas Krüger")
    for held_on in ("2002-11-05", "2003-02-10", "2003-05-12", "2003-09-01"):
        ConsultationFactory(initiative=cafe, held_on=day(held_on))
    ConsultationFactory(initiative=firms["workshop"], held_on=day("2003-04-01"))
    ConsultationFactory(initiative=firms["laundry"], held_on=day("2003-03-03"))
    ConsultationFactory(initiative=firms["kindergarten"], held_on=day("2004-02-01"))
    ConsultationFactory(initiative=firms["archived"], held_on=day("2003-06-01"))
    ConsultationFactory(initiative=firms["archived"], held_on=day("2003-07-01"))
    ConsultationFactory(initiative=firms["elsewhere"], held_on=day("2003-05-05"))


@pytest.fixture
def positions(firms, manager):
    """In 2003: cook and waiter of the café created (1 + 0.5 FTE, the waiter additional), the
    workshop's lead (there before support) and mechanic (created 2002, left in January 2003)
    maintained. Not counted: a job from 2004, one that ended in 2002, an archived position,
    a position of the archived initiative and one of another agency."""
    cafe, workshop = firms["cafe"], firms["workshop"]
    position(cafe, manager, title="Koch", start="2003-07-01")
    position(
        cafe,
        manager,
        title="Kellnerin",
        start="2003-09-01",
        contract_type=ContractType.PART_TIME,
        hours=20,
        additional=True,
        justification="Neuer Mittagstisch, den es im Kiez nicht gab",
    )
    position(workshop, manager, title="Leitung", start="2001-01-01", origin=Origin.MAINTAINED)
    position(workshop, manager, title="Mechaniker", start="2002-05-01", end="2003-01-15")
    position(cafe, manager, title="Spüler", start="2004-01-01")
    position(firms["laundry"], manager, title="Büglerin", start="2002-01-01", end="2002-12-31")
    mistake = position(cafe, manager, title="Doppelt erfasst", start="2003-03-01")
    jobs_services.archive_position(mistake, actor=manager)
    position(firms["archived"], manager, title="Archiviert", start="2003-02-01")
    position(firms["elsewhere"], None, title="Fremd", start="2003-02-01")


@pytest.fixture
def events(agency, hoods, other_agency):
    """Held in 2003: two in A (34 and 6 people; one at 00:30 on New Year's Day in Berlin,
    still 2002 in UTC) and one in B (13). Not counted: 2004, 23:30 on 31 December 2002 in
    Berlin, archived, another agency's."""
    a, b = hoods
    forum = {"agency": agency, "neighbourhood": a}
    ForumFactory(**forum, starts_at=dt.datetime(2003, 3, 10, 18, tzinfo=UTC))
    ForumFactory(
        **forum,
        starts_at=dt.datetime(2002, 12, 31, 23, 30, tzinfo=UTC),
        residents_count=5,
        initiatives_count=0,
        partners_count=1,
        public_bodies_count=0,
    )
    ForumFactory(
        agency=agency,
        neighbourhood=b,
        starts_at=dt.datetime(2003, 11, 20, 18, tzinfo=UTC),
        residents_count=10,
        initiatives_count=2,
        partners_count=1,
        public_bodies_count=0,
    )
    ForumFactory(**forum, starts_at=dt.datetime(2004, 1, 15, 18, tzinfo=UTC))
    ForumFactory(**forum, starts_at=dt.datetime(2002, 12, 31, 22, 30, tzinfo=UTC))
    ForumFactory(
        **forum, starts_at=dt.datetime(2003, 6, 1, 18, tzinfo=UTC), archived_at=timezone.now()
    )
    ForumFactory(agency=other_agency, starts_at=dt.datetime(2003, 6, 1, 18, tzinfo=UTC))


def _need(agency, hood, raised: str, **fields):
    return NeedFactory(
        agency=agency,
        neighbourhood=hood,
        category=NeedCategoryFactory(name="Kinderbetreuung"),
        raised_on=day(raised),
        **fields,
    )


def _status(need, status: str, on: str, actor, reason: str = "") -> None:
    with freeze_time(f"{on} 10:00"):
        needs_services.change_status(need, actor=actor, status=status, reason=reason)


@pytest.fixture
def needs(agency, hoods, other_agency, manager):
    """Raised in 2003: A1 (met in August), A2 (met in 2004), B1, B2 (rejected); met in 2003:
    A1 and A3 (raised 2002). Not counted: A4 (met in April, reopened in May), a duplicate
    merged into B1, an archived need, another agency's."""
    a, b = hoods
    a1 = _need(agency, a, "2003-02-01")
    _status(a1, NeedStatus.CONFIRMED, "2003-03-01", manager)
    _status(a1, NeedStatus.MET, "2003-08-01", manager)
    a2 = _need(agency, a, "2003-07-07")
    _status(a2, NeedStatus.MET, "2004-01-10", manager)
    a3 = _need(agency, a, "2002-06-01")
    _status(a3, NeedStatus.MET, "2003-03-01", manager)
    a4 = _need(agency, a, "2002-01-01")
    _status(a4, NeedStatus.MET, "2003-04-01", manager)
    _status(a4, NeedStatus.ADDRESSED, "2003-05-01", manager)
    b1 = _need(agency, b, "2003-05-05")
    duplicate = _need(agency, b, "2003-05-06")
    needs_services.merge_needs(duplicate, into=b1, actor=manager)
    b2 = _need(agency, b, "2003-09-09")
    _status(b2, NeedStatus.REJECTED, "2003-10-01", manager, reason="Gibt es schon")
    _need(agency, a, "2003-04-04", archived_at=timezone.now())
    elsewhere = NeighbourhoodFactory(agency=other_agency)
    _need(other_agency, elsewhere, "2003-04-04", status=NeedStatus.MET, closed_on=day("2003-05-01"))


@pytest.fixture
def deliveries(firms):
    """The café's referral delivered twice in 2003 (5 h, 250 €), the workshop's once in 2003
    (4 h, 200 €) and once in 2004. Not counted: a referral without delivery, a delivery of
    2002, one to the archived initiative, one of another agency."""
    cafe = ReferralFactory(initiative=firms["cafe"])
    DeliveryFactory(referral=cafe, delivered_on=day("2003-02-01"), hours=3, value=150)
    DeliveryFactory(referral=cafe, delivered_on=day("2003-03-01"), hours=2, value=100)
    workshop = ReferralFactory(initiative=firms["workshop"])
    DeliveryFactory(referral=workshop, delivered_on=day("2003-12-31"), hours=4, value=200)
    DeliveryFactory(referral=workshop, delivered_on=day("2004-01-02"), hours=1, value=50)
    ReferralFactory(initiative=firms["cafe"])
    DeliveryFactory(
        referral=ReferralFactory(initiative=firms["kindergarten"]), delivered_on=day("2002-12-31")
    )
    DeliveryFactory(
        referral=ReferralFactory(initiative=firms["archived"]), delivered_on=day("2003-05-05")
    )
    DeliveryFactory(
        referral=ReferralFactory(initiative=firms["elsewhere"]), delivered_on=day("2003-05-05")
    )


def _line(initiative) -> BusinessLine:
    return BusinessLine.objects.create(
        agency_id=initiative.agency_id,
        initiative=initiative,
        name=f"Geschäftszweig {initiative.name}",
        service=NeedCategoryFactory(name="Versorgung"),
    )


def _month(line, year, month, *, hours=0, rate=None, client=None, **revenue) -> None:
    """A month of `line`: volunteer hours at `rate` (None: not valued) and revenue by source;
    public contracts from `client`."""
    where = {
        "agency_id": line.agency_id,
        "initiative_id": line.initiative_id,
        "neighbourhood_id": line.initiative.neighbourhood_id,
        "line": line,
        "year": year,
        "month": month,
    }
    MonthFigures.objects.create(
        **where, volunteer_hours=Decimal(hours), hour_rate=rate and Decimal(rate)
    )
    for source, amount in revenue.items():
        Revenue.objects.create(
            **where,
            source=source,
            client=client if source == "public" else None,
            amount=Decimal(amount),
        )
    summaries.refresh_months(line.initiative, [(year, month)])  # as every save does


@pytest.fixture
def figures(firms, agency):
    """2003 in A (café): public 100, market 300, volunteer 10 h × 10 € = 100 (and 20 h not
    valued); in B (workshop): public 200, market 100, volunteer 20 h × 10 € = 200, grants 500
    (not in the mix). Not counted: December 2002, January 2004, the archived initiative's
    months, another agency's."""
    office = PartnerFactory(agency=agency, name="Bezirksamt", kind="public")
    cafe, workshop = _line(firms["cafe"]), _line(firms["workshop"])
    _month(cafe, 2002, 12, hours=50, rate=10, market=1000)
    _month(cafe, 2003, 1, hours=10, rate=10, client=office, public=100, market=200)
    _month(cafe, 2003, 6, hours=20, market=100)
    _month(workshop, 2003, 12, hours=20, rate=10, client=office, public=200, market=100, grants=500)
    _month(workshop, 2004, 1, hours=5, rate=10, market=999)
    _month(_line(firms["archived"]), 2003, 5, hours=7, rate=10, market=5000)
    _month(_line(firms["elsewhere"]), 2003, 5, hours=7, rate=10, market=7000)


@pytest.fixture
def dataset(case_work, positions, events, needs, deliveries, figures):
    return None


# What the dataset holds in 2003, counted by hand: (agency, A, B).
EXPECTED = {
    "consultations_held": ("5", "3", "2"),
    "initiatives_supported": ("3", "1", "2"),
    "enterprises_supported": ("2", "1", "1"),
    "enterprises_founded": ("2", "1", "1"),
    "jobs_created": ("2", "2", "0"),
    "jobs_maintained": ("2", "0", "2"),
    "jobs_total": ("4", "2", "2"),
    "jobs_additional": ("1", "1", "0"),
    "fte_created": ("1.5", "1.5", "0"),
    "forums_held": ("3", "2", "1"),
    "forum_attendance": ("53", "40", "13"),
    "needs_raised": ("4", "2", "2"),
    "needs_met": ("2", "2", "0"),
    "resources_received": ("2", "1", "1"),
    "resource_value": ("450", "250", "200"),
    "resource_hours": ("9", "5", "4"),
    "volunteer_hours": ("50", "30", "20"),
    "share_public": ("30", "20", "40"),
    "share_market": ("40", "60", "20"),
    "share_volunteer": ("30", "20", "40"),
}


# ------------------------------------------------------------------------------------------
# Values


def test_every_registered_query_has_a_hand_computed_expectation():
    assert set(EXPECTED) == set(QUERIES)


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_indicator_value_for_the_agency_matches_the_hand_count(key, dataset, agency):
    assert actual(key, agency.pk, START, END) == Decimal(EXPECTED[key][0])


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_indicator_value_for_each_neighbourhood_matches_the_hand_count(key, dataset, agency, hoods):
    found = [actual(key, agency.pk, START, END, hood.pk) for hood in hoods]

    assert found == [Decimal(EXPECTED[key][1]), Decimal(EXPECTED[key][2])]


def test_actuals_equal_the_single_values(dataset, agency):
    found = actuals(QUERIES, agency.pk, START, END)

    assert found == {key: Decimal(values[0]) for key, values in EXPECTED.items()}


def test_initiative_with_three_consultations_and_two_contacts_counts_once(firms, agency):
    cafe = firms["cafe"]
    ContactPersonFactory(initiative=cafe)
    ContactPersonFactory(initiative=cafe)
    for held_on in ("2003-02-10", "2003-05-12", "2003-09-01"):
        ConsultationFactory(initiative=cafe, held_on=day(held_on))

    found = actuals(["consultations_held", "initiatives_supported"], agency.pk, START, END)

    assert found == {"consultations_held": 3, "initiatives_supported": 1}


def test_another_agency_sees_only_its_own_records(dataset, firms):
    elsewhere = firms["elsewhere"]

    found = actuals(QUERIES, elsewhere.agency_id, START, END)

    assert found["consultations_held"] == 1
    assert found["enterprises_founded"] == 1
    assert found["jobs_created"] == 1
    assert found["resources_received"] == 1
    assert found["volunteer_hours"] == 7
    assert found["share_market"] == Decimal(7000) * 100 / Decimal(7070)


def test_a_neighbourhood_of_another_agency_yields_nothing(dataset, agency, firms):
    other_hood = firms["elsewhere"].neighbourhood_id

    found = actuals(QUERIES, agency.pk, START, END, other_hood)

    assert set(found.values()) == {Decimal(0)}


def test_shares_are_exact_ratios_that_add_up_to_one_hundred(dataset, agency, hoods):
    shares = ("share_public", "share_market", "share_volunteer")

    for hood in (None, hoods[0].pk, hoods[1].pk):
        found = actuals(shares, agency.pk, START, END, hood)
        assert sum(found.values()) == 100


def test_shares_that_do_not_divide_evenly_stay_exact(firms, agency):
    _month(_line(firms["cafe"]), 2003, 3, hours=1, rate=1, market=2)

    found = actuals(["share_market", "share_volunteer"], agency.pk, START, END)

    assert found == {
        "share_market": Decimal(2) * 100 / Decimal(3),
        "share_volunteer": Decimal(1) * 100 / Decimal(3),
    }


def test_shares_without_figures_are_zero(agency):
    found = actuals(["share_public", "share_market", "share_volunteer"], agency.pk, START, END)

    assert set(found.values()) == {Decimal(0)}


def test_monthly_figures_count_for_every_month_the_period_touches(dataset, agency):
    found = actual("volunteer_hours", agency.pk, day("2003-06-15"), day("2003-12-05"))

    assert found == 40  # June (café, 20 h) and December (workshop, 20 h)


def test_a_forum_planned_in_the_period_is_not_held_yet(agency, hoods):
    now = timezone.now()
    ForumFactory(agency=agency, neighbourhood=hoods[0], starts_at=now - dt.timedelta(hours=1))
    ForumFactory(agency=agency, neighbourhood=hoods[0], starts_at=now + dt.timedelta(days=1))
    today = timezone.localdate()
    start, end = today - dt.timedelta(days=2), today + dt.timedelta(days=7)

    found = actuals(["forums_held", "forum_attendance"], agency.pk, start, end)

    assert found == {"forums_held": 1, "forum_attendance": 34}


def test_jobs_for_a_calendar_year_equal_the_jobs_app_figures(positions, firms, agency):
    # The jobs app does not look at the initiative's archiving; the indicators do.
    Initiative.objects.filter(pk=firms["archived"].pk).update(archived_at=None)
    (year,) = jobs_queries.jobs_by_year(Scope.of_agency(agency), [2003])

    found = actuals(
        ["jobs_created", "jobs_maintained", "jobs_total", "jobs_additional", "fte_created"],
        agency.pk,
        START,
        END,
    )

    assert found == {
        "jobs_created": year.created,
        "jobs_maintained": year.maintained,
        "jobs_total": year.total,
        "jobs_additional": year.additional,
        "fte_created": year.created_fte,
    }


def test_a_period_that_ends_before_it_starts_is_refused(agency):
    with pytest.raises(ValueError):
        actual("jobs_total", agency.pk, END, START)


def test_an_unknown_query_is_refused(agency):
    with pytest.raises(KeyError):
        actual("happiness", agency.pk, START, END)


# ------------------------------------------------------------------------------------------
# Queries


def test_each_query_alone_is_one_database_query(dataset, agency):
    for key in QUERIES:
        assert count_queries(lambda key=key: actual(key, agency.pk, START, END)) == 1


def _busy_agency(agency, hoods, manager, count: int) -> None:
    """`count` initiatives with a consultation, a job, a delivery and a month of figures,
    and as many forums and needs."""
    for n in range(count):
        firm = InitiativeFactory(agency=agency, neighbourhood=hoods[n % 2], founded_on=START)
        ConsultationFactory(initiative=firm, held_on=day("2003-05-05"))
        position(firm, manager, start="2003-05-01")
        DeliveryFactory(referral=ReferralFactory(initiative=firm), delivered_on=day("2003-06-01"))
        _month(_line(firm), 2003, 5, hours=3, rate=10, market=100)
        ForumFactory(agency=agency, neighbourhood=hoods[0])
        _need(agency, hoods[0], "2003-05-05")


@pytest.mark.parametrize("count", [1, 5])
def test_all_indicators_take_a_bounded_number_of_queries(count, agency, hoods, manager):
    _busy_agency(agency, hoods, manager, count)

    queries = count_queries(lambda: actuals(QUERIES, agency.pk, START, END))

    assert queries == len({query.reader for query in QUERIES.values()})
    assert queries <= len(QUERIES)


def test_query_count_does_not_grow_with_the_number_of_initiatives(
    agency, other_agency, hoods, manager
):
    _busy_agency(agency, hoods, manager, 1)
    other_hoods = [NeighbourhoodFactory(agency=other_agency) for _ in range(2)]
    _busy_agency(other_agency, other_hoods, manager, 5)

    one = count_queries(lambda: actuals(QUERIES, agency.pk, START, END))
    five = count_queries(lambda: actuals(QUERIES, other_agency.pk, START, END))

    assert one == five


# ------------------------------------------------------------------------------------------
# The seeded catalogue


def _seed():
    return importlib.import_module("kiezwerk.funding.migrations.0003_indicator_catalogue")


def test_every_seeded_indicator_names_a_registered_query(db):
    seeded = dict(Indicator.objects.values_list("code", "query"))

    assert set(seeded) >= {"OWN-01", "EECO19", "RCO01", "RCR01", "PI3687", "PI5691", "PI4874"}
    assert set(seeded.values()) <= set(QUERIES)


def test_seeded_catalogue_covers_every_registered_query(db):
    assert set(Indicator.objects.values_list("query", flat=True)) == set(QUERIES)


def test_seeded_catalogue_follows_the_standards(db):
    seeded = {i.code: (i.standard, i.level, i.query) for i in Indicator.objects.all()}

    assert seeded["OWN-01"] == ("own", "1_activities", "consultations_held")
    assert seeded["RCO01"] == ("erdf", "2_reach", "enterprises_supported")
    assert seeded["EECO19"] == ("esf", "2_reach", "enterprises_supported")
    assert seeded["RCR01"] == ("erdf", "6_living", "fte_created")
    assert seeded["PI3687"] == ("iris", "6_living", "jobs_created")
    assert seeded["PI5691"] == ("iris", "6_living", "jobs_maintained")
    assert seeded["PI4874"] == ("iris", "6_living", "jobs_total")
    assert seeded["OWN-09"] == ("own", "5_behaviour", "enterprises_founded")
    assert seeded["OWN-12"] == ("own", "7_society", "needs_met")


def test_seeding_again_changes_nothing_and_keeps_edits(db):
    Indicator.objects.filter(code="OWN-01").update(name="Beratungen (eigene Fassung)")
    before = list(Indicator.objects.order_by("code").values())

    _seed().seed_catalogue(apps, None)

    assert list(Indicator.objects.order_by("code").values()) == before


def test_seeded_catalogue_is_german(db):
    names = dict(Indicator.objects.values_list("code", "name"))

    assert names["OWN-01"] == "Durchgeführte Beratungen"
    assert names["PI3687"] == "Geschaffene Arbeitsplätze"
    assert all(len(i.definition) > 80 for i in Indicator.objects.all())


def test_registry_offers_its_queries_as_choices():
    assert [key for key, _label in indicators.QUERY_CHOICES] == list(QUERIES)


def test_registry_flows_are_the_keys_that_add_up_over_years():
    assert sorted(FLOWS) == [
        "consultations_held",
        "enterprises_founded",
        "forum_attendance",
        "forums_held",
        "fte_created",
        "jobs_created",
        "needs_met",
        "needs_raised",
        "resource_hours",
        "resource_value",
        "volunteer_hours",
    ]
