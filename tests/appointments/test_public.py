"""The public request form: a resident picks a free time or asks for a call back; bad input
gets an error tied to its field and saves nothing; a time cannot be booked twice."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from kiezwerk.appointments.models import AppointmentRequest
from kiezwerk.core.models import ActivityLogEntry
from tests.appointments.world import appointment_request, next_opening, weekly_slot

URL = reverse("portal:appointment", kwargs={"slug": "kiez"})


@pytest.fixture
def resident(anonymous):
    anonymous.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return anonymous


@pytest.fixture
def slot(agency, neighbourhoods):
    return weekly_slot(agency, neighbourhoods[0])


def _form(neighbourhood, time="callback", **fields) -> dict:
    return {
        "neighbourhood": neighbourhood.pk,
        "time": time,
        "name": "Jana Köhler",
        "phone": "030 123456",
        "email": "",
        "description": "Wir möchten ein Nachbarschaftscafé gründen.",
        "consent": "on",
        "website": "",
    } | fields


def test_form_offers_the_free_times_and_a_call_back(resident, slot):
    opening = next_opening(slot.agency)

    response = resident.get(URL)

    assert response.status_code == 200
    assert f'value="{opening.value}"' in response.content.decode()
    assert 'value="callback"' in response.content.decode()
    assert "no-cache" in response["Cache-Control"]


def test_request_for_a_free_time_is_saved_and_confirmed_on_screen(resident, slot):
    opening = next_opening(slot.agency)

    response = resident.post(URL, _form(slot.neighbourhood, opening.value), follow=True)

    saved = AppointmentRequest.objects.get()
    assert (saved.slot, saved.starts_at, saved.status) == (slot, opening.starts_at, "requested")
    assert saved.consent_at is not None
    assert response.redirect_chain[-1][0] == reverse(
        "portal:appointment_sent", kwargs={"slug": "kiez"}
    )
    local = timezone.localtime(opening.starts_at)
    assert f"{local:%H:%M}" in response.content.decode()
    assert ActivityLogEntry.objects.filter(verb="appointments.requested").count() == 1
    assert mail.outbox == []  # confirmed by e-mail only once the agency accepts


def test_call_back_request_holds_no_time(resident, slot):
    resident.post(URL, _form(slot.neighbourhood, callback_note="mornings"))

    saved = AppointmentRequest.objects.get()
    assert (saved.slot, saved.starts_at, saved.callback_note) == (None, None, "mornings")


def test_time_taken_meanwhile_is_refused_with_a_clear_error_and_form_kept(resident, slot):
    opening = next_opening(slot.agency)
    appointment_request(slot.agency, slot.neighbourhood, opening=opening)

    response = resident.post(URL, _form(slot.neighbourhood, opening.value, name="Ali Kaya"))

    assert response.status_code == 400
    assert "This time has just been taken" in response.content.decode()
    assert 'value="Ali Kaya"' in response.content.decode()
    assert AppointmentRequest.objects.count() == 1


def test_database_refuses_a_second_request_for_the_same_time(slot):
    """A form that still offered the time (read before the other request was saved) meets the
    unique constraint: SlotTaken, which the view turns into 409 and the taken message."""
    from kiezwerk.appointments import services

    opening = next_opening(slot.agency)
    appointment_request(slot.agency, slot.neighbourhood, opening=opening)

    with pytest.raises(services.SlotTaken):
        services.request_appointment(
            slot.agency,
            neighbourhood=slot.neighbourhood,
            opening=opening,
            name="Ali Kaya",
            phone="030 1",
            email="",
            description="Noch eine Anfrage",
        )

    assert AppointmentRequest.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"phone": "", "email": ""}, "phone", "Please give a phone number or an e-mail address."),
        ({"consent": ""}, "consent", "This field is required."),
        ({"description": "x" * 1001}, "description", "at most 1000 characters"),
        ({"email": "kein-at"}, "email", "Enter a valid email address."),
        ({"website": "http://spam"}, "website", "Please leave the last field empty."),
    ],
)
def test_bad_input_is_refused_at_its_field_and_saves_nothing(
    resident, slot, change, field, message
):
    response = resident.post(URL, _form(slot.neighbourhood, **change))

    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert AppointmentRequest.objects.count() == 0


def test_time_of_another_neighbourhood_is_refused(resident, slot, neighbourhoods):
    opening = next_opening(slot.agency)

    response = resident.post(URL, _form(neighbourhoods[1], opening.value))

    assert response.status_code == 400
    assert "Boxhagener Platz" in response.context["form"].errors["time"][0]


def test_many_requests_from_one_address_are_refused_with_the_form_kept(resident, slot):
    for _ in range(5):
        resident.post(URL, _form(slot.neighbourhood))

    response = resident.post(URL, _form(slot.neighbourhood, name="Sechste Person"))

    assert response.status_code == 429
    assert "several times in a short while" in response.content.decode()
    assert 'value="Sechste Person"' in response.content.decode()
    assert AppointmentRequest.objects.count() == 5


def test_unknown_or_archived_agency_is_404(resident, agency):
    agency.archived_at = timezone.now()
    agency.save()

    assert resident.get(URL).status_code == 404


def test_confirmation_page_without_a_request_shows_nothing_personal(resident, agency):
    response = resident.get(reverse("portal:appointment_sent", kwargs={"slug": "kiez"}))

    assert response.status_code == 200
    assert "Thank you for your request." in response.content.decode()


def test_requests_are_never_shown_to_founders(agency, founder, slot):
    from tests.conftest import client_for

    appointment_request(agency, slot.neighbourhood, opening=next_opening(agency))
    url = reverse("appointments:calendar", kwargs={"slug": "kiez"})

    response = client_for(founder).get(url)

    assert response.status_code == 403
    assert "Jana" not in response.content.decode()
