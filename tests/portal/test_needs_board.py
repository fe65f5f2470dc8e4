"""The needs board and the demand form on the public portal, as a resident uses them."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from kiezwerk.core.models import PublicSubmission
from kiezwerk.needs.models import DemandRequest, Need
from tests.conftest import count_queries
from tests.factories import DistrictFactory, NeedCategoryFactory, NeedFactory


@pytest.fixture
def resident():
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def public_need(agency, neighbourhoods):
    return NeedFactory(
        agency=agency, neighbourhood=neighbourhoods[0], title="Spielplatz fehlt", is_public=True
    )


def test_board_shows_public_needs_only_and_is_cacheable(
    resident, agency, neighbourhoods, public_need
):
    NeedFactory(agency=agency, neighbourhood=neighbourhoods[0], title="Interne Notiz")

    response = resident.get(reverse("portal:needs", kwargs={"slug": "kiez"}))

    assert response.status_code == 200
    assert "Spielplatz fehlt" in response.text
    assert "Interne Notiz" not in response.text
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]


def test_board_queries_stay_constant(resident, agency, neighbourhoods, public_need):
    url = reverse("portal:needs", kwargs={"slug": "kiez"})
    small = count_queries(lambda: resident.get(url))
    for number in range(12):
        NeedFactory(agency=agency, neighbourhood=neighbourhoods[number % 2], is_public=True)
    large = count_queries(lambda: resident.get(url))

    assert small == large


def test_hidden_need_page_is_404(resident, agency, neighbourhoods):
    hidden = NeedFactory(agency=agency, neighbourhood=neighbourhoods[0])

    response = resident.get(reverse("portal:need", kwargs={"slug": "kiez", "pk": hidden.pk}))

    assert response.status_code == 404


def test_support_counts_once_a_day(resident, public_need):
    url = reverse("portal:support_need", kwargs={"slug": "kiez", "pk": public_need.pk})

    first = resident.post(url, follow=True)
    second = resident.post(url, follow=True)

    public_need.refresh_from_db()
    assert public_need.supporters == 1
    assert "Your support has been counted" in first.text
    assert "already supported this need today" in second.text
    assert "max-age=0" in first["Cache-Control"]  # the page with the form is never cached


def test_support_with_filled_honeypot_counts_nothing(resident, public_need):
    url = reverse("portal:support_need", kwargs={"slug": "kiez", "pk": public_need.pk})

    response = resident.post(url, {"website": "http://spam.example"})

    public_need.refresh_from_db()
    assert response.status_code == 400
    assert public_need.supporters == 0


def test_report_need_is_stored_for_moderation(resident, agency, neighbourhoods):
    category = NeedCategoryFactory(name="Treffpunkte")

    response = resident.post(
        reverse("portal:report_need", kwargs={"slug": "kiez"}),
        {"neighbourhood": neighbourhoods[1].pk, "category": category.pk, "title": "Kein Café"},
        follow=True,
    )

    need = Need.objects.get()
    assert "We have received your report" in response.text
    assert (need.title, need.status, need.is_public, need.from_portal) == (
        "Kein Café",
        "reported",
        False,
        True,
    )


def test_report_need_rejects_another_agencys_neighbourhood(resident, agency, other_agency):
    from tests.factories import NeighbourhoodFactory

    foreign = NeighbourhoodFactory(agency=other_agency)

    response = resident.post(
        reverse("portal:report_need", kwargs={"slug": "kiez"}),
        {"neighbourhood": foreign.pk, "category": NeedCategoryFactory().pk, "title": "X"},
    )

    assert response.status_code == 400
    assert "Please choose one of the neighbourhoods listed." in response.text
    assert Need.objects.count() == 0


def test_report_need_over_the_limit_is_refused(resident, agency, neighbourhoods):
    url = reverse("portal:report_need", kwargs={"slug": "kiez"})
    data = {"neighbourhood": neighbourhoods[0].pk, "category": NeedCategoryFactory().pk}
    for number in range(5):
        resident.post(url, {**data, "title": f"Bedarf {number}"})

    response = resident.post(url, {**data, "title": "Einer zu viel"})

    assert response.status_code == 429
    assert "Please wait an hour" in response.text
    assert Need.objects.count() == 5


def _demand_data(**changes) -> dict:
    data = {
        "district": DistrictFactory(name="Neukölln").pk,
        "neighbourhood_name": "Rollbergsiedlung",
        "postcode": "",
        "category": NeedCategoryFactory(name="Kinderbetreuung").pk,
        "description": "Keine Kita in der Nähe",
        "requester_kind": "public_body",
        "name": "Schule am Rollberg",
        "email": "",
        "phone": "030 1234567",
        "consent": "on",
    }
    return {**data, **changes}


def test_demand_is_stored_with_consent(resident, db):
    response = resident.post(reverse("portal:demand"), _demand_data(), follow=True)

    demand = DemandRequest.objects.get()
    assert "We have received your request" in response.text
    assert (demand.neighbourhood_name, demand.requester_kind, demand.agency) == (
        "Rollbergsiedlung",
        "public_body",
        None,
    )
    assert demand.consent_at is not None
    assert PublicSubmission.objects.filter(scope="demand").count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"consent": ""}, "consent", "Please agree, so that we may store your request."),
        (
            {"neighbourhood_name": "", "postcode": ""},
            "neighbourhood_name",
            "Please name the neighbourhood or give the postcode.",
        ),
        ({"phone": ""}, "email", "Please give an e-mail address or a phone number."),
        ({"postcode": "1205"}, "postcode", "Please enter a postcode with five digits."),
        ({"description": "x" * 2001}, "description", "at most 2000 characters"),
    ],
)
def test_bad_demand_gets_an_error_at_the_field(resident, db, changes, field, message):
    response = resident.post(reverse("portal:demand"), _demand_data(**changes))

    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert DemandRequest.objects.count() == 0
