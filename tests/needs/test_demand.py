"""The demand register: requests from other neighbourhoods, who sees them, how they are
handled, and how they are handed to an agency that takes up their neighbourhood."""

import pytest
from django.urls import reverse
from freezegun import freeze_time

from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.needs import queries, services
from kiezwerk.needs.models import DemandRequest
from tests.conftest import client_for, count_queries
from tests.factories import DistrictFactory, NeedCategoryFactory, UserFactory
from tests.needs.demand_helpers import make_demand, planner_user


@pytest.fixture
def en(settings):
    def client(user):
        c = client_for(user)
        c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return c

    return client


def test_receive_demand_stores_consent_time_and_quarter(db):
    with freeze_time("2026-05-04 09:00"):
        demand = make_demand()

    assert (demand.year, demand.quarter, demand.status, demand.agency) == (2026, 2, "new", None)
    assert demand.consent_at.isoformat().startswith("2026-05-04")
    entry = ActivityLogEntry.objects.get(verb="needs.demand_received")
    assert "jana@example.test" not in str(entry.data)


def test_summary_groups_by_place_category_and_quarter(db):
    with freeze_time("2026-02-01"):
        make_demand()
        make_demand(neighbourhood_name="rollbergsiedlung ")
    with freeze_time("2026-08-01"):
        make_demand(
            neighbourhood_name="", postcode="12053", category=NeedCategoryFactory(name="Pflege")
        )

    summary = queries.demand_summary(DemandRequest.objects.all())

    assert summary.total == 3
    assert summary.by_place == [("Neukölln", "12053", 1), ("Neukölln", "Rollbergsiedlung", 2)]
    assert summary.by_category == [("Kinderbetreuung", 2), ("Pflege", 1)]
    assert summary.by_quarter == [(2026, 1, 2), (2026, 3, 1)]


def test_summary_takes_three_queries_whatever_the_size(db):
    make_demand()
    small = count_queries(lambda: queries.demand_summary(DemandRequest.objects.all()))
    for number in range(20):
        make_demand(district_name=f"Bezirk {number % 4}", neighbourhood_name=f"Kiez {number}")
    large = count_queries(lambda: queries.demand_summary(DemandRequest.objects.all()))

    assert small == large == 3


def test_new_neighbourhood_takes_over_waiting_requests_in_the_admin(agency, neighbourhoods):
    waiting = make_demand()
    served = make_demand()
    services.change_demand(served, actor=None, status="served", notes="")
    elsewhere = make_demand(neighbourhood_name="Schillerkiez")
    admin_user = UserFactory(email="admin@kiez.test", is_staff=True, is_superuser=True)
    neukoelln = DistrictFactory(name="Neukölln")

    response = client_for(admin_user).post(
        reverse("admin:agencies_neighbourhood_add"),
        {
            "agency": agency.pk,
            "district": neukoelln.pk,
            "name": "Rollbergsiedlung",
            "slug": "rollberg",
            "kind": "qm",
        },
    )

    assert response.status_code == 302
    for demand in (waiting, served, elsewhere):
        demand.refresh_from_db()
    assert (waiting.agency, waiting.status) == (agency, "forwarded")
    assert (served.agency, elsewhere.agency) == (None, None)
    assert (
        ActivityLogEntry.objects.filter(verb="needs.demand_handed_over", agency=agency).count() == 1
    )


def test_manager_sees_requests_of_the_agencys_districts(en, agency, neighbourhoods, manager):
    mine = make_demand(district_name=neighbourhoods[0].district.name, neighbourhood_name="Nordkiez")
    make_demand(district_name="Spandau", neighbourhood_name="Heerstraße Nord")

    response = en(manager).get(reverse("needs:demand", kwargs={"slug": "kiez"}))

    assert response.status_code == 200
    assert [d.pk for d in response.context["page"].object_list] == [mine.pk]
    assert "Heerstraße Nord" not in response.text
    assert "Jana Fiktiv" not in response.text  # no contact details in the list


def test_register_queries_stay_constant(en, agency, neighbourhoods, manager):
    district = neighbourhoods[0].district.name
    make_demand(district_name=district)
    url = reverse("needs:demand", kwargs={"slug": "kiez"})
    small = count_queries(lambda: en(manager).get(url))
    for number in range(15):
        make_demand(district_name=district, neighbourhood_name=f"Kiez {number}")
    large = count_queries(lambda: en(manager).get(url))

    assert small == large


def test_contact_only_for_the_handler(en, agency, other_agency, neighbourhoods, manager):
    demand = make_demand(district_name=neighbourhoods[0].district.name)
    planner = planner_user()
    url = reverse("needs:demand_detail", kwargs={"pk": demand.pk})

    before = en(manager).get(url)
    demand.agency = other_agency
    demand.save()
    after_manager = en(manager).get(url)
    after_planner = en(planner).get(url)

    assert "jana@example.test" in before.text
    assert "jana@example.test" not in after_manager.text
    assert after_manager.context["form"] is None
    assert "jana@example.test" not in after_planner.text


def test_planner_reads_every_request(en, db):
    make_demand(district_name="Spandau", neighbourhood_name="Heerstraße Nord")

    response = en(planner_user()).get(reverse("needs:demand_all"))

    assert response.status_code == 200
    assert "Heerstraße Nord" in response.text


def test_manager_marks_request_waiting_with_notes(en, agency, neighbourhoods, manager):
    demand = make_demand(district_name=neighbourhoods[0].district.name)

    response = en(manager).post(
        reverse("needs:demand_change", kwargs={"pk": demand.pk}),
        {"status": "waiting", "notes": "An das Bezirksamt gegeben"},
    )

    demand.refresh_from_db()
    assert response.status_code == 302
    assert (demand.status, demand.notes) == ("waiting", "An das Bezirksamt gegeben")
    entry = ActivityLogEntry.objects.get(verb="needs.demand_changed")
    assert entry.data == {"status": {"from": "new", "to": "waiting"}, "notes": True}


def test_bad_status_changes_nothing(en, agency, neighbourhoods, manager):
    demand = make_demand(district_name=neighbourhoods[0].district.name)

    response = en(manager).post(
        reverse("needs:demand_change", kwargs={"pk": demand.pk}), {"status": "gone"}
    )

    demand.refresh_from_db()
    assert response.status_code == 400
    assert demand.status == "new"
    assert "Select a valid choice" in response.text
