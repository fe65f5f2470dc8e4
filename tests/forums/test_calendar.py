"""The calendar files: the public feeds (anyone, public events only, nothing internal) and the
download of one event for the staff. Every answer is parsed back with icalendar."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tests.conftest import client_for, count_queries
from tests.factories import AgencyFactory, AttendeeFactory, ForumFactory
from tests.forums.conftest import in_days

AGENCY_FEED = reverse("forums:agency_feed", kwargs={"slug": "kiez"})


def _hood_feed(slug: str) -> str:
    return reverse("forums:neighbourhood_feed", kwargs={"slug": "kiez", "neighbourhood": slug})


def _events(response) -> dict[str, object]:
    calendar = Calendar.from_ical(response.content)
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_agency_feed_holds_public_upcoming_and_recent_events_only(
    anonymous, agency, other_agency, neighbourhoods
):
    hood = neighbourhoods[0]
    ForumFactory(agency=agency, neighbourhood=hood, title="Kommend", starts_at=in_days(10))
    ForumFactory(agency=agency, neighbourhood=hood, title="Neulich", starts_at=in_days(-30))
    ForumFactory(agency=agency, neighbourhood=hood, title="Längst vorbei", starts_at=in_days(-120))
    ForumFactory(
        agency=agency, neighbourhood=hood, title="Intern", starts_at=in_days(3), is_public=False
    )
    ForumFactory(
        agency=agency,
        neighbourhood=hood,
        title="Abgesagt",
        starts_at=in_days(3),
        archived_at=timezone.now(),
    )
    ForumFactory(agency=other_agency, title="Fremd", starts_at=in_days(3))

    response = anonymous.get(AGENCY_FEED)

    assert response.status_code == 200
    assert sorted(_events(response)) == ["Kommend", "Neulich"]


def test_feed_event_carries_public_facts_only(anonymous, forum):
    forum.minutes = "Vertraulich: Streit um die Miete"
    forum.follow_ups = "Herr X ruft an"
    forum.save()
    AttendeeFactory(
        forum=forum, partner=None, group="residents", name="Erika Muster", consent_given=True
    )

    response = anonymous.get(AGENCY_FEED)

    event = _events(response)["Kiezforum Boxhagener Platz"]
    assert str(event["UID"]) == f"forum-{forum.pk}@kiez.kiezwerk"
    assert str(event["LOCATION"]) == "Nachbarschaftshaus"
    assert "Was fehlt im Kiez?" in str(event["DESCRIPTION"])
    assert event.start == timezone.localtime(forum.starts_at)
    assert event.end == timezone.localtime(forum.ends_at)
    body = response.content.decode()
    for secret in ("Vertraulich", "Herr X", "Erika Muster", "ATTENDEE"):
        assert secret not in body


def test_feed_times_are_in_berlin_with_a_timezone(anonymous, agency, neighbourhoods):
    ForumFactory(
        agency=agency,
        neighbourhood=neighbourhoods[0],
        title="Sommerfest",
        starts_at=timezone.make_aware(
            dt.datetime.combine(timezone.localdate() + dt.timedelta(days=20), dt.time(18, 0))
        ),
    )

    response = anonymous.get(AGENCY_FEED)

    calendar = Calendar.from_ical(response.content)
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Berlin"]
    start = _events(response)["Sommerfest"].start
    assert (start.tzinfo.key, start.hour, start.minute) == ("Europe/Berlin", 18, 0)
    assert "DTSTART;TZID=Europe/Berlin:" in response.content.decode()


def test_feed_uid_stays_the_same_after_an_edit(anonymous, forum, manager):
    from kiezwerk.forums.services import update_forum

    before = _events(anonymous.get(AGENCY_FEED))["Kiezforum Boxhagener Platz"]["UID"]
    update_forum(forum, actor=manager, title="Kiezforum (neuer Titel)")

    after = _events(anonymous.get(AGENCY_FEED))["Kiezforum (neuer Titel)"]["UID"]

    assert str(before) == str(after)


def test_feed_headers(anonymous, forum):
    response = anonymous.get(AGENCY_FEED)

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="kiez.ics"'
    assert response["Cache-Control"] == "public, max-age=900"


def test_neighbourhood_feed_holds_that_neighbourhood_only(anonymous, agency, neighbourhoods):
    ForumFactory(agency=agency, neighbourhood=neighbourhoods[0], title="Boxi", starts_at=in_days(2))
    ForumFactory(
        agency=agency, neighbourhood=neighbourhoods[1], title="Helmi", starts_at=in_days(2)
    )

    response = anonymous.get(_hood_feed("helmholtzplatz"))

    assert list(_events(response)) == ["Helmi"]
    assert response["Content-Disposition"] == 'attachment; filename="kiez-helmholtzplatz.ics"'


def test_empty_feed_is_a_valid_calendar(anonymous, neighbourhoods):
    response = anonymous.get(AGENCY_FEED)

    calendar = Calendar.from_ical(response.content)
    assert (response.status_code, calendar.walk("VEVENT")) == (200, [])


def test_unknown_or_archived_agency_or_neighbourhood_has_no_feed(anonymous, agency, neighbourhoods):
    AgencyFactory(slug="alt", archived_at=timezone.now())
    neighbourhoods[1].archived_at = timezone.now()
    neighbourhoods[1].save()

    statuses = [
        anonymous.get(reverse("forums:agency_feed", kwargs={"slug": "nirgends"})).status_code,
        anonymous.get(reverse("forums:agency_feed", kwargs={"slug": "alt"})).status_code,
        anonymous.get(_hood_feed("nirgends")).status_code,
        anonymous.get(_hood_feed("helmholtzplatz")).status_code,
    ]

    assert statuses == [404, 404, 404, 404]


def test_feed_needs_constant_queries(anonymous, agency, neighbourhoods):
    def forums(count: int) -> None:
        for number in range(count):
            ForumFactory(
                agency=agency, neighbourhood=neighbourhoods[number % 2], starts_at=in_days(number)
            )

    forums(2)
    two = count_queries(lambda: anonymous.get(AGENCY_FEED))
    forums(8)

    assert count_queries(lambda: anonymous.get(AGENCY_FEED)) == two


def test_staff_download_one_event_also_when_internal(evaluator, forum):
    forum.is_public = False
    forum.save()

    response = client_for(evaluator).get(
        reverse("forums:ics", kwargs={"slug": "kiez", "pk": forum.pk})
    )

    events = _events(response)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="forum-{forum.pk}.ics"'
    assert str(events["Kiezforum Boxhagener Platz"]["UID"]) == f"forum-{forum.pk}@kiez.kiezwerk"
