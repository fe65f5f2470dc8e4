"""The advisor's side: the week calendar with open requests, answering a request (accept with
an e-mail and calendar file, propose another time, decline), stale answers, publishing
consultation hours, and taking a call in as a case."""

import datetime as dt

import pytest
from django.conf import settings
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from kiezwerk.appointments import services
from kiezwerk.appointments.models import AppointmentRequest, ConsultationSlot, SlotException
from kiezwerk.appointments.queries import free_openings
from kiezwerk.appointments.tasks import send_reminder
from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.initiatives.models import Initiative
from tests.appointments.world import appointment_request, next_opening, weekly_slot
from tests.conftest import client_for, count_queries
from tests.factories import InitiativeFactory

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def _client(user):
    client = client_for(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def booked(agency, neighbourhoods):
    weekly_slot(agency, neighbourhoods[0])
    return appointment_request(agency, neighbourhoods[0], opening=next_opening(agency))


def _url(name: str, booked) -> str:
    return reverse(f"appointments:{name}", kwargs={"slug": "kiez", "pk": booked.pk})


def _answer(client, booked, action: str, **fields):
    data = {"action": action, "version": booked.version, "message": ""} | fields
    return client.post(_url("request", booked), data)


def test_calendar_lists_the_open_request_and_its_day(advisor, booked):
    response = _client(advisor).get(
        reverse("appointments:calendar", kwargs={"slug": "kiez"}),
        {"week": timezone.localdate(booked.starts_at).isoformat()},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("Jana Köhler") == 2  # in the open requests and in the week
    assert f"{timezone.localtime(booked.starts_at):%H:%M}" in page


def test_calendar_with_a_bad_week_shows_this_week(advisor, booked):
    response = _client(advisor).get(
        reverse("appointments:calendar", kwargs={"slug": "kiez"}), {"week": "gestern"}
    )

    assert response.status_code == 200


def test_calendar_takes_the_same_queries_for_one_and_many_requests(
    agency, neighbourhoods, advisor, booked
):
    client = _client(advisor)
    url = reverse("appointments:calendar", kwargs={"slug": "kiez"})
    week = {"week": timezone.localdate(booked.starts_at).isoformat()}
    client.get(url, week)
    one = count_queries(lambda: client.get(url, week))
    for hour in range(8, 18):
        weekly_slot(agency, neighbourhoods[0], start_time=dt.time(hour, 30))
    for opening in free_openings(agency)[:12]:
        appointment_request(agency, neighbourhoods[0], opening=opening)
    for _ in range(5):
        appointment_request(agency, neighbourhoods[0])

    many = count_queries(lambda: client.get(url, week))

    assert many == one


@override_settings(TASKS=DUMMY_TASKS)
def test_accepting_confirms_by_mail_with_a_calendar_file_and_enqueues_the_reminder(
    advisor, booked, django_capture_on_commit_callbacks
):
    from django_tasks import default_task_backend

    with django_capture_on_commit_callbacks(execute=True):
        response = _answer(_client(advisor), booked, "accept", message="Wir rufen Sie an.")

    booked.refresh_from_db()
    assert response.status_code == 302
    assert (booked.status, booked.handled_by, booked.version) == ("accepted", advisor, 2)
    [sent] = mail.outbox
    assert sent.to == ["jana@example.org"]
    assert "Wir rufen Sie an." in sent.body
    [(filename, content, mimetype)] = sent.attachments
    assert (filename, mimetype) == ("termin.ics", "text/calendar; charset=utf-8")
    assert "DTSTART;TZID=Europe/Berlin:" in content
    assert "Jana" not in content
    [reminder] = default_task_backend.results
    assert reminder.task.name == "send_reminder"
    assert reminder.args == [booked.pk, booked.starts_at.isoformat()]
    run_after = timezone.localtime(reminder.task.run_after)
    assert run_after.date() == timezone.localdate(booked.starts_at) - dt.timedelta(days=1)
    assert run_after.time() == dt.time(8, 0)
    assert ActivityLogEntry.objects.filter(verb="appointments.accepted").count() == 1


def test_proposing_another_time_frees_the_slot_and_tells_the_person(
    advisor, booked, django_capture_on_commit_callbacks
):
    old = booked.starts_at
    later = timezone.localtime(old + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")

    with django_capture_on_commit_callbacks(execute=True):
        response = _answer(_client(advisor), booked, "propose", starts_at=later)

    booked.refresh_from_db()
    assert response.status_code == 302
    assert (booked.status, booked.slot) == ("proposed", None)
    assert booked.starts_at == old + dt.timedelta(days=1)
    assert old in [opening.starts_at for opening in free_openings(booked.agency)]
    assert len(mail.outbox) == 1 and mail.outbox[0].attachments == []


def test_proposing_without_a_time_is_refused_at_the_field(advisor, booked):
    response = _answer(_client(advisor), booked, "propose", starts_at="")

    assert response.status_code == 400
    assert response.context["form"].errors["starts_at"] == ["Please enter the time."]
    booked.refresh_from_db()
    assert booked.status == "requested"


def test_declining_frees_the_time(advisor, booked, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _answer(_client(advisor), booked, "decline")

    booked.refresh_from_db()
    assert booked.status == "declined"
    assert booked.starts_at in [o.starts_at for o in free_openings(booked.agency)]


def test_stale_answer_is_refused_and_the_first_one_kept(advisor, manager, booked):
    version = booked.version
    services.decline(booked, actor=manager, version=version)

    response = _answer(_client(advisor), booked, "accept", version=version)

    assert response.status_code == 409
    booked.refresh_from_db()
    assert (booked.status, booked.handled_by) == ("declined", manager)


def test_stale_answer_on_an_open_request_says_so(advisor, manager, booked):
    """Someone proposed a time meanwhile: the accept with the old version gets the message."""
    version = booked.version
    later = booked.starts_at + dt.timedelta(days=1)
    services.propose(booked, actor=manager, version=version, starts_at=later)

    response = _answer(_client(advisor), booked, "decline", version=version)

    assert response.status_code == 409
    assert "answered this request in the meantime" in response.content.decode()


def test_evaluator_reads_a_request_without_the_answer_form(evaluator, booked):
    response = _client(evaluator).get(_url("request", booked))

    assert response.status_code == 200
    assert response.context["form"] is None
    assert _client(evaluator).post(_url("request", booked), {}).status_code == 403


def test_advisor_of_another_neighbourhood_does_not_find_the_request(
    agency, neighbourhoods, advisor
):
    weekly_slot(agency, neighbourhoods[1])
    other = appointment_request(agency, neighbourhoods[1], opening=next_opening(agency))

    assert _client(advisor).get(_url("request", other)).status_code == 404


def test_advisor_publishes_a_slot_of_their_own(agency, neighbourhoods, advisor):
    data = {
        "neighbourhood": neighbourhoods[0].pk,
        "weekday": 3,
        "start_time": "16:00",
        "duration_minutes": 45,
        "mode": "in_person",
        "valid_from": "2026-01-01",
        "valid_until": "",
    }

    response = _client(advisor).post(
        reverse("appointments:slot_create", kwargs={"slug": "kiez"}), data
    )

    slot = ConsultationSlot.objects.get()
    assert response.status_code == 302
    assert (slot.advisor, slot.weekday, slot.duration_minutes) == (advisor, 3, 45)
    assert ActivityLogEntry.objects.filter(verb="appointments.slot_created").count() == 1


def test_slot_ending_before_it_starts_is_refused(agency, neighbourhoods, manager):
    data = {
        "neighbourhood": neighbourhoods[0].pk,
        "weekday": 3,
        "start_time": "16:00",
        "duration_minutes": 30,
        "mode": "phone",
        "valid_from": "2026-02-01",
        "valid_until": "2026-01-01",
    }

    response = _client(manager).post(
        reverse("appointments:slot_create", kwargs={"slug": "kiez"}), data
    )

    assert response.status_code == 400
    assert response.context["form"].errors["valid_until"]
    assert not ConsultationSlot.objects.exists()


def test_day_of_a_slot_is_cancelled_and_other_days_refused(agency, neighbourhoods, advisor):
    slot = weekly_slot(agency, neighbourhoods[0], advisor)
    tuesday = timezone.localdate() + dt.timedelta(days=(1 - timezone.localdate().weekday()) % 7 + 7)
    url = reverse("appointments:slot_exception", kwargs={"slug": "kiez", "pk": slot.pk})
    client = _client(advisor)

    wrong = client.post(url, {"date": (tuesday + dt.timedelta(days=1)).isoformat()})
    right = client.post(url, {"date": tuesday.isoformat(), "note": "Urlaub"})

    assert wrong.status_code == 400
    assert right.status_code == 302
    assert SlotException.objects.get().cancelled is True
    assert tuesday not in [timezone.localdate(o.starts_at) for o in free_openings(agency)]


def test_archiving_a_slot_keeps_it_and_offers_no_more_times(agency, neighbourhoods, advisor):
    slot = weekly_slot(agency, neighbourhoods[0], advisor)
    url = reverse("appointments:slot_archive", kwargs={"slug": "kiez", "pk": slot.pk})

    _client(advisor).post(url)

    slot.refresh_from_db()
    assert slot.archived_at is not None
    assert free_openings(agency) == []


def _intake(client, booked, **fields):
    data = {
        "name": "Nachbarschaftscafé Boxhagen",
        "neighbourhood": booked.neighbourhood_id,
        "idea": booked.description,
        "contact_name": booked.name,
        "contact_phone": booked.phone,
        "contact_email": booked.email,
        "consent": "on",
        "held_on": timezone.localdate(booked.starts_at).isoformat(),
        "duration_minutes": 30,
        "topic": "idea",
        "notes": "Erstes Gespräch",
        "version": booked.version,
    } | fields
    return client.post(_url("intake", booked), data)


def test_intake_form_is_filled_in_from_the_request(advisor, booked):
    form = _client(advisor).get(_url("intake", booked)).context["form"]

    assert form["contact_name"].value() == "Jana Köhler"
    assert form["contact_phone"].value() == "030 123456"
    assert form["idea"].value() == booked.description
    assert form["neighbourhood"].value() == booked.neighbourhood_id


def test_intake_opens_the_case_with_contact_and_first_consultation(advisor, booked):
    response = _intake(_client(advisor), booked)

    initiative = Initiative.objects.get()
    booked.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "initiatives:detail", kwargs={"slug": "kiez", "pk": initiative.pk}
    )
    assert (booked.status, booked.initiative) == ("done", initiative)
    contact = initiative.contacts.get()
    assert (contact.name, contact.phone, contact.consent_given_at is not None) == (
        "Jana Köhler",
        "030 123456",
        True,
    )
    consultation = initiative.consultations.get()
    assert consultation.held_on == timezone.localdate(booked.starts_at)
    assert ActivityLogEntry.objects.filter(verb="appointments.taken_in").count() == 1


def test_intake_links_an_existing_initiative_and_adds_the_caller(agency, advisor, booked):
    existing = InitiativeFactory(agency=agency, neighbourhood=booked.neighbourhood)

    _intake(_client(advisor), booked, name="", existing=existing.pk)

    booked.refresh_from_db()
    assert booked.initiative == existing
    assert Initiative.objects.count() == 1
    assert list(existing.contacts.values_list("name", flat=True)) == ["Jana Köhler"]
    assert existing.consultations.count() == 1


def test_intake_without_a_name_or_an_initiative_is_refused(advisor, booked):
    response = _intake(_client(advisor), booked, name="")

    assert response.status_code == 400
    assert response.context["form"].errors["name"]
    assert not Initiative.objects.exists()


def test_reminder_goes_out_only_for_an_accepted_unchanged_appointment(
    manager, booked, django_capture_on_commit_callbacks
):
    at = booked.starts_at.isoformat()
    assert send_reminder.call(booked.pk, at) is False  # not accepted yet

    with django_capture_on_commit_callbacks(execute=True):
        services.accept(booked, actor=manager, version=booked.version)
    mail.outbox.clear()

    assert send_reminder.call(booked.pk, "2001-01-01T10:00:00+01:00") is False  # moved since
    assert send_reminder.call(booked.pk, at) is True
    assert send_reminder.call(booked.pk, at) is False  # once only
    [reminder] = mail.outbox
    assert reminder.to == ["jana@example.org"]
    assert reminder.attachments[0][0] == "termin.ics"
    assert AppointmentRequest.objects.get().reminder_sent_at is not None


def test_accepting_with_the_immediate_backend_sends_no_early_reminder(
    manager, booked, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.accept(booked, actor=manager, version=booked.version)

    assert len(mail.outbox) == 1  # the confirmation; the reminder is left for a deferring backend
    assert AppointmentRequest.objects.get().reminder_sent_at is None
