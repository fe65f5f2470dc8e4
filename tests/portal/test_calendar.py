"""The public forum calendar of an agency: upcoming events, downloads and feeds (issue 7)."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tests.conftest import count_queries
from tests.portal.directory import upcoming_forum

CALENDAR = "/agencies/kiez/calendar/"


@pytest.fixture
def reader():
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def titles_on(response) -> list[str]:
    return re.findall(
        r'<li class="card calendar-entry">\s*<h3>([^<]+)</h3>', response.content.decode()
    )


def test_calendar_lists_upcoming_public_forums_soonest_first(
    reader, agency, neighbourhoods, other_agency
):
    box, helm = neighbourhoods
    upcoming_forum(agency, helm, days=20, title="Stadtteilforum Helmholtzplatz")
    upcoming_forum(agency, box, days=3, title="Kiezfest")
    running = timezone.now() - dt.timedelta(hours=1)
    upcoming_forum(agency, box, days=0, title="Läuft gerade", starts_at=running)
    upcoming_forum(agency, box, days=-30, title="Vergangen")
    upcoming_forum(agency, box, title="Netzwerktreffen intern", is_public=False)
    upcoming_forum(agency, box, title="Abgesagt", archived_at=timezone.now())
    upcoming_forum(other_agency, None, title="Forum der anderen")

    response = reader.get(CALENDAR)

    assert response.status_code == 200
    assert titles_on(response) == ["Läuft gerade", "Kiezfest", "Stadtteilforum Helmholtzplatz"]


def test_calendar_shows_times_in_berlin_and_what_a_poster_would_say(reader, agency, neighbourhoods):
    starts = dt.datetime(2099, 7, 1, 16, 30, tzinfo=dt.UTC)  # 18:30 in Berlin (summer time)
    upcoming_forum(
        agency,
        neighbourhoods[0],
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        place="Nachbarschaftshaus",
        agenda="Was fehlt im Kiez?",
        minutes="Geheimes Protokoll",
    )

    page = reader.get(CALENDAR).content.decode()

    assert "Wednesday, 1. July 2099, 18:30" in page
    assert "– <time" in page and ">20:30</time>" in page
    assert "Nachbarschaftshaus" in page and "Was fehlt im Kiez?" in page
    assert "Geheimes Protokoll" not in page


def test_calendar_links_the_feeds_to_subscribe_and_each_event_to_download(
    reader, agency, neighbourhoods
):
    forum = upcoming_forum(agency, neighbourhoods[0])

    page = reader.get(CALENDAR).content.decode()

    assert 'href="webcal://testserver/calendar/kiez.ics"' in page
    assert 'href="/calendar/kiez.ics" download' in page
    assert 'href="webcal://testserver/calendar/kiez/helmholtzplatz.ics"' in page
    assert f'href="/agencies/kiez/calendar/{forum.pk}.ics"' in page


def test_calendar_says_when_nothing_is_planned(reader, agency, neighbourhoods):
    page = reader.get(CALENDAR).content.decode()

    assert "No forum or event is planned at the moment." in page


@pytest.mark.parametrize("slug", ["nirgends", "geschlossen"])
def test_calendar_of_an_unknown_or_archived_agency_is_404(anonymous, db, slug):
    from tests.factories import AgencyFactory

    AgencyFactory(slug="geschlossen", archived_at=timezone.now())

    assert anonymous.get(f"/agencies/{slug}/calendar/").status_code == 404


def test_calendar_needs_the_same_queries_for_2_and_20_forums(reader, agency, neighbourhoods):
    def add(count: int) -> None:
        for number in range(count):
            upcoming_forum(agency, neighbourhoods[number % 2], days=number + 1)

    add(2)
    small = count_queries(lambda: reader.get(CALENDAR))
    add(18)

    assert count_queries(lambda: reader.get(CALENDAR)) == small


def test_calendar_may_be_cached_by_anyone_for_five_minutes(anonymous, agency, neighbourhoods):
    cache_control = set(anonymous.get(CALENDAR)["Cache-Control"].split(", "))

    assert cache_control == {"public", "max-age=300"}


def test_event_downloads_as_a_calendar_entry_without_minutes(anonymous, agency, neighbourhoods):
    forum = upcoming_forum(
        agency, neighbourhoods[0], title="Kiezfest", minutes="Geheimes Protokoll"
    )

    response = anonymous.get(
        reverse("portal:calendar_event", kwargs={"slug": "kiez", "pk": forum.pk})
    )

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="forum-{forum.pk}.ics"'
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == ["Kiezfest"]
    assert events[0].decoded("DTSTART") == forum.starts_at
    assert b"Geheimes Protokoll" not in response.content


def test_event_download_is_404_unless_public_and_of_this_agency(
    anonymous, agency, neighbourhoods, other_agency
):
    hidden = upcoming_forum(agency, neighbourhoods[0], is_public=False)
    archived = upcoming_forum(agency, neighbourhoods[0], archived_at=timezone.now())
    foreign = upcoming_forum(other_agency, None)

    for forum in (hidden, archived, foreign):
        url = reverse("portal:calendar_event", kwargs={"slug": "kiez", "pk": forum.pk})

        assert anonymous.get(url).status_code == 404
