"""Free times of the consultation hours: weekly occurrences minus cancelled days, at the other
time where a day was moved, minus booked times, in Berlin time across the change to summer
time, from a constant number of queries."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from freezegun import freeze_time

from kiezwerk.appointments.enums import Status
from kiezwerk.appointments.models import SlotException
from kiezwerk.appointments.queries import free_openings, week
from tests.appointments.world import appointment_request, weekly_slot
from tests.conftest import count_queries

BERLIN = ZoneInfo("Europe/Berlin")
# Monday 24 March 2025, 9:00 in Berlin; summer time starts on Sunday 30 March.
MONDAY = dt.datetime(2025, 3, 24, 9, 0, tzinfo=BERLIN)


def _local(opening) -> tuple[dt.date, dt.time]:
    start = timezone.localtime(opening.starts_at)
    return start.date(), start.time()


@freeze_time(MONDAY)
def test_weekly_slot_offers_each_tuesday_of_four_weeks_at_ten_berlin_time(agency, neighbourhoods):
    weekly_slot(agency, neighbourhoods[0])

    times = [_local(opening) for opening in free_openings(agency)]

    tuesdays = [dt.date(2025, 3, 25) + dt.timedelta(weeks=n) for n in range(4)]
    assert times == [(day, dt.time(10, 0)) for day in tuesdays]


@freeze_time(MONDAY)
def test_cancelled_day_is_left_out_and_moved_day_is_at_its_other_time(agency, neighbourhoods):
    slot = weekly_slot(agency, neighbourhoods[0])
    SlotException.objects.create(agency=agency, slot=slot, date=dt.date(2025, 3, 25))
    SlotException.objects.create(
        agency=agency,
        slot=slot,
        date=dt.date(2025, 4, 1),
        cancelled=False,
        start_time=dt.time(14, 30),
    )

    times = [_local(opening) for opening in free_openings(agency)]

    assert times[:2] == [(dt.date(2025, 4, 1), dt.time(14, 30)), (dt.date(2025, 4, 8), dt.time(10))]
    assert (dt.date(2025, 3, 25), dt.time(10)) not in times


@freeze_time(MONDAY)
def test_booked_time_is_not_offered_again_but_declined_one_is(agency, neighbourhoods):
    weekly_slot(agency, neighbourhoods[0])
    first, second, *_ = free_openings(agency)
    appointment_request(agency, neighbourhoods[0], opening=first)
    appointment_request(agency, neighbourhoods[0], opening=second, status=Status.DECLINED)

    starts = [opening.starts_at for opening in free_openings(agency)]

    assert first.starts_at not in starts
    assert second.starts_at in starts


@freeze_time(MONDAY)
def test_slot_outside_its_validity_or_archived_offers_nothing(agency, neighbourhoods):
    weekly_slot(agency, neighbourhoods[0], valid_until=dt.date(2025, 3, 31))
    weekly_slot(agency, neighbourhoods[0], archived_at=timezone.now(), weekday=2)

    times = [_local(opening) for opening in free_openings(agency)]

    assert times == [(dt.date(2025, 3, 25), dt.time(10))]


@freeze_time(MONDAY)
def test_time_within_two_hours_is_not_offered(agency, neighbourhoods):
    weekly_slot(agency, neighbourhoods[0], weekday=0, start_time=dt.time(10, 0))

    dates = [_local(opening)[0] for opening in free_openings(agency)]

    assert dt.date(2025, 3, 24) not in dates


def test_free_times_take_the_same_queries_for_one_and_many_slots(agency, neighbourhoods):
    weekly_slot(agency, neighbourhoods[0])
    one = count_queries(lambda: free_openings(agency))
    for weekday in range(7):
        for hour in (9, 11, 15):
            slot = weekly_slot(agency, neighbourhoods[1], weekday=weekday, start_time=dt.time(hour))
            SlotException.objects.create(agency=agency, slot=slot, date=timezone.localdate())
    openings = free_openings(agency)
    for opening in openings[:10]:
        appointment_request(agency, opening.slot.neighbourhood, opening=opening)

    many = count_queries(lambda: free_openings(agency))

    assert many == one


@pytest.mark.parametrize("persona", ["advisor"], indirect=True)
@freeze_time(MONDAY)
def test_week_shows_an_advisor_only_requests_of_their_neighbourhood(
    agency, neighbourhoods, persona
):
    weekly_slot(agency, neighbourhoods[0])
    weekly_slot(agency, neighbourhoods[1])
    first, second = free_openings(agency)[:2]
    mine = appointment_request(agency, neighbourhoods[0], opening=first)
    appointment_request(agency, neighbourhoods[1], opening=second)

    days = week(agency, persona, dt.date(2025, 3, 24))

    assert [a.pk for day in days for a in day.appointments] == [mine.pk]
    assert [o.slot.neighbourhood for day in days for o in day.free] == []
