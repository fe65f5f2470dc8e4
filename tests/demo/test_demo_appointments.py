"""The demo world's consultation hours: weekly hours of every advisor in their neighbourhoods,
free times in the coming weeks, and a few pending requests in the advisors' calendars."""

import pytest
from django.core.management import call_command

from kiezwerk.agencies.models import Agency
from kiezwerk.appointments.enums import Mode
from kiezwerk.appointments.models import AppointmentRequest, ConsultationSlot
from kiezwerk.appointments.queries import free_openings


@pytest.fixture
def demo(db):
    call_command("load_demo")


def test_both_agencies_offer_free_times_in_every_neighbourhood(demo):
    for agency in Agency.objects.all():
        served = set(agency.neighbourhoods.values_list("pk", flat=True))
        offered = {opening.slot.neighbourhood_id for opening in free_openings(agency)}
        assert offered == served, agency.slug


def test_hours_are_by_phone_and_in_person_at_boxhagener_platz(demo):
    modes = set(
        ConsultationSlot.objects.filter(neighbourhood__slug="boxhagener-platz").values_list(
            "mode", flat=True
        )
    )

    assert modes == {Mode.PHONE, Mode.IN_PERSON}


def test_pending_requests_hold_future_times_or_ask_for_a_call_back(demo):
    pending = AppointmentRequest.objects.filter(status="requested")

    assert pending.count() == 4
    assert pending.filter(slot__isnull=True, starts_at__isnull=True).count() == 1
    assert {r.agency.slug for r in pending} == {"best", "best-pankow"}


def test_loading_twice_adds_no_hours_or_requests(demo):
    sizes = (ConsultationSlot.objects.count(), AppointmentRequest.objects.count())

    call_command("load_demo")

    assert (ConsultationSlot.objects.count(), AppointmentRequest.objects.count()) == sizes
