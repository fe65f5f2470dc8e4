"""Retention periods and the legal hold of funding law (privacy.retention), the nightly run
(privacy.tasks) and its dry-run page and commands."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from kiezwerk.accounts.enums import Role
from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.initiatives.models import ContactPerson
from kiezwerk.privacy import erasure, retention, tasks
from tests.appointments.world import appointment_request
from tests.conftest import client_for, count_queries
from tests.factories import (
    AttendeeFactory,
    ConsultationFactory,
    ContactPersonFactory,
    ForumFactory,
    InitiativeFactory,
    MembershipFactory,
    UserFactory,
)
from tests.privacy.erasure_world import TODAY, job_holder, paid_grant

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
D = dt.date.fromisoformat


def _contact(initiative, *consulted: str, **fields):
    for day in consulted:
        ConsultationFactory(initiative=initiative, held_on=D(day))
    return ContactPersonFactory(initiative=initiative, **fields)


def test_years_after_moves_29_february_to_28():
    assert retention.years_after(D("2004-02-29"), 3) == D("2007-02-28")
    assert retention.years_after(D("2004-02-29"), 4) == D("2008-02-29")


def test_contact_counselled_during_a_paid_grant_is_held_until_five_years_after_last_payment(
    agency, initiative
):
    paid_grant(agency, "2003-01-01", "2004-12-31", "2003-06-02", "2005-03-20")
    contact = _contact(initiative, "2003-03-04", "2006-05-01")

    hold = retention.hold_until(contact, TODAY)

    assert hold.until == D("2010-12-31")
    assert not hold.active(TODAY)
    # Counselling ended 2006-05-01: 3 years later is before the hold's end.
    assert retention.expires_on(contact, TODAY) == D("2010-12-31")


def test_counselling_ends_three_years_after_the_last_consultation_without_a_grant(
    agency, initiative
):
    paid_grant(agency, "2003-01-01", "2004-12-31", "2005-03-20")
    contact = _contact(initiative, "2012-10-01", "2015-04-30")

    assert retention.hold_until(contact, TODAY) is None
    assert retention.expires_on(contact, TODAY) == D("2018-04-30")


def test_hold_is_open_ended_while_money_is_outstanding_or_the_grant_runs(agency, initiative):
    paid_grant(agency, "2003-01-01", "2004-12-31", "2005-03-20", outstanding=True)
    contact = _contact(initiative, "2003-03-04")
    running = InitiativeFactory(agency=agency, neighbourhood=initiative.neighbourhood)
    paid_grant(agency, "2025-01-01", "2027-12-31", "2025-06-01")
    current = _contact(running, "2026-01-05")

    for record in (contact, current):
        hold = retention.hold_until(record, TODAY)
        assert hold.until is None
        assert hold.active(TODAY)
        assert retention.expires_on(record, TODAY) is None


def test_holder_of_a_position_in_a_grant_is_held_one_outside_expires_with_the_job(
    agency, initiative, manager
):
    paid_grant(agency, "2003-01-01", "2004-12-31", "2004-02-01", "2006-01-10")
    funded = job_holder(initiative, manager, "K-01", "2004-06-01", "2005-12-31")
    unfunded = job_holder(initiative, manager, "K-02", "2008-01-01", "2009-06-30")
    running = job_holder(initiative, manager, "K-03", "2008-01-01")

    assert retention.hold_until(funded, TODAY).until == D("2011-12-31")
    assert retention.expires_on(funded, TODAY) == D("2011-12-31")
    assert retention.hold_until(unfunded, TODAY) is None
    assert retention.expires_on(unfunded, TODAY) == D("2009-06-30")
    assert retention.expires_on(running, TODAY) is None


def test_attendee_expires_two_years_after_the_forum(agency, neighbourhoods):
    forum = ForumFactory(
        agency=agency,
        neighbourhood=neighbourhoods[0],
        starts_at=dt.datetime(2021, 3, 10, 23, 30, tzinfo=dt.UTC),  # 11 March in Berlin
    )
    attendee = AttendeeFactory(forum=forum, partner=None, name="Jana Köhler", consent_given=True)

    assert retention.expires_on(attendee, TODAY) == D("2023-03-11")


def test_appointment_request_expires_a_year_after_it_was_handled(agency, neighbourhoods):
    waiting = appointment_request(agency, neighbourhoods[0])
    handled = appointment_request(
        agency,
        neighbourhoods[0],
        status="declined",
        handled_at=dt.datetime(2024, 5, 6, 10, tzinfo=dt.UTC),
    )

    assert retention.expires_on(waiting, TODAY) is None
    assert retention.expires_on(handled, TODAY) == D("2025-05-06")


def test_account_expires_a_year_after_its_last_membership_ended(agency, manager):
    left = UserFactory(last_login=dt.datetime(2023, 1, 5, 9, tzinfo=dt.UTC))
    MembershipFactory(
        agency=agency,
        user=left,
        role=Role.ADVISOR,
        archived_at=dt.datetime(2024, 2, 1, 9, tzinfo=dt.UTC),
    )
    superuser = UserFactory(is_superuser=True, is_active=False)

    assert retention.expires_on(manager, TODAY) is None
    assert retention.expires_on(left, TODAY) == D("2025-02-01")
    assert retention.expires_on(superuser, TODAY) is None


@pytest.fixture
def expired_and_held(agency, neighbourhoods, manager):
    """Two counselled contacts past their period: one without a grant (expired), one of an
    initiative counselled during a grant with money outstanding (held); a current contact."""
    old = InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[0], name="Alt e. V.")
    expired = _contact(old, "2010-01-05", name="Erika Alt", email="erika@example.org")
    funded = InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[0], name="Gefördert")
    paid_grant(agency, "2003-01-01", "2004-12-31", "2004-03-01", outstanding=True)
    held = _contact(funded, "2003-05-05", name="Hans Halt")
    current = _contact(
        InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[0]),
        (timezone.localdate() - dt.timedelta(days=30)).isoformat(),
        name="Clara Jetzt",
    )
    return {"expired": expired, "held": held, "current": current}


def test_forecast_lists_expired_and_held_records_per_model(agency, expired_and_held):
    [contacts] = [f for f in retention.forecast(agency.pk) if f.rule.label.endswith("Person")]

    assert [v.pk for v in contacts.due] == [expired_and_held["expired"].pk]
    assert [v.pk for v in contacts.held] == [expired_and_held["held"].pk]
    assert contacts.shown_due[0][1] == expired_and_held["expired"]


def test_retention_task_anonymises_what_expired_and_logs_counts_per_agency(
    agency, other_agency, expired_and_held
):
    elsewhere = ContactPersonFactory(
        initiative=InitiativeFactory(agency=other_agency), name="Erika Anders"
    )
    ConsultationFactory(initiative=elsewhere.initiative, held_on=D("2010-01-05"))

    result = tasks.apply_retention.call()

    names = dict(ContactPerson.objects.values_list("pk", "name"))
    assert names[expired_and_held["expired"].pk] == erasure.placeholder()
    assert names[elsewhere.pk] == erasure.placeholder()
    assert names[expired_and_held["held"].pk] == "Hans Halt"
    assert names[expired_and_held["current"].pk] == "Clara Jetzt"
    assert result["kiez"]["anonymised"]["initiatives.ContactPerson"] == 1
    assert result["kiez"]["held"]["initiatives.ContactPerson"] == 1
    [entry] = ActivityLogEntry.objects.filter(verb="privacy.retention_applied", agency=agency)
    assert entry.data["anonymised"]["initiatives.ContactPerson"] == 1
    assert "Erika" not in str(entry.data)
    assert ActivityLogEntry.objects.filter(verb="privacy.retention_applied").count() == 2


def test_retention_run_again_changes_nothing(agency, expired_and_held):
    tasks.apply_retention.call()
    before = list(ContactPerson.objects.order_by("pk").values())

    result = tasks.apply_retention.call()

    assert list(ContactPerson.objects.order_by("pk").values()) == before
    assert result["kiez"]["anonymised"]["initiatives.ContactPerson"] == 0


def test_dry_run_command_counts_and_changes_nothing(agency, expired_and_held):
    out = io.StringIO()

    call_command("apply_retention", "--dry-run", stdout=out)

    assert "initiatives.ContactPerson: would anonymise 1, held by funding law 1" in out.getvalue()
    assert ContactPerson.objects.get(pk=expired_and_held["expired"].pk).name == "Erika Alt"
    assert not ActivityLogEntry.objects.filter(verb="privacy.retention_applied").exists()


def test_next_run_is_two_oclock_in_berlin():
    evening = timezone.make_aware(dt.datetime(2026, 3, 28, 22, 0))  # before the clocks change
    early = timezone.make_aware(dt.datetime(2026, 3, 29, 1, 0))

    assert tasks.next_run(evening) == timezone.make_aware(dt.datetime(2026, 3, 29, 2, 0))
    assert timezone.localtime(tasks.next_run(early)).time() == dt.time(2, 0)


@override_settings(TASKS=DUMMY_TASKS)
def test_schedule_command_enqueues_one_nightly_run(db):
    from django_tasks import default_task_backend

    call_command("schedule_retention", stdout=io.StringIO())
    call_command("schedule_retention", stdout=io.StringIO())

    [queued] = default_task_backend.results
    assert queued.task.name == "apply_retention"
    run_after = timezone.localtime(queued.task.run_after)
    assert run_after.time() == dt.time(2, 0)
    assert run_after > timezone.now()


@override_settings(TASKS=DUMMY_TASKS)
def test_the_run_enqueues_the_next_night(agency):
    from django_tasks import default_task_backend

    tasks.apply_retention.call()

    [queued] = default_task_backend.results
    expected = timezone.localdate() + dt.timedelta(days=1)
    assert timezone.localtime(queued.task.run_after).date() == expected


def test_dry_run_page_shows_what_tonight_would_do(agency, manager, expired_and_held):
    url = reverse("erasure:retention", kwargs={"slug": "kiez"})
    client = client_for(manager)
    client.cookies["django_language"] = "en"

    response = client.get(url)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Erika Alt" in page
    assert "Hans Halt" in page
    assert "Clara Jetzt" not in page
    assert ContactPerson.objects.get(pk=expired_and_held["expired"].pk).name == "Erika Alt"


def test_dry_run_page_runs_the_same_queries_for_one_and_many_records(
    agency, neighbourhoods, manager
):
    url = reverse("erasure:retention", kwargs={"slug": "kiez"})
    client = client_for(manager)
    paid_grant(agency, "2003-01-01", "2004-12-31", "2004-03-01")

    def add(count):
        for number in range(count):
            old = InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[0])
            _contact(old, "2003-05-05", name=f"Person {number}")
            forum = ForumFactory(agency=agency, neighbourhood=neighbourhoods[0])
            AttendeeFactory(forum=forum, partner=None, name=f"Gast {number}", consent_given=True)

    add(1)
    client.get(url)
    one = count_queries(lambda: client.get(url))
    add(14)
    many = count_queries(lambda: client.get(url))

    assert many == one
