"""Accessibility feedback: residents send it from the public form (honeypot, limit, consent),
the agency gets an e-mail, management sees the due date a month later and marks it answered."""

import datetime as dt

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.portal.models import AccessibilityFeedback, one_month_after
from kiezwerk.portal.views_pages import FEEDBACK_PER_HOUR
from tests.conftest import client_for, count_queries

FORM = "/agencies/kiez/accessibility/feedback/"
VALID = {"message": "Die Schrift ist zu klein.", "email": "anna@example.org", "consent": "on"}


@pytest.fixture
def client():
    client = client_for(None)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def agency_with_email(agency):
    agency.email = "info@kiez.test"
    agency.save()
    return agency


def feedback_on(agency, days_ago: int) -> AccessibilityFeedback:
    return AccessibilityFeedback.objects.create(
        agency=agency,
        message=f"Barriere vor {days_ago} Tagen",
        consent_at=timezone.now(),
        created_at=timezone.now() - dt.timedelta(days=days_ago),
    )


def test_feedback_is_stored_with_consent_and_mailed_to_the_agency(
    client, agency_with_email, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM, VALID)

    assert response.status_code == 302 and response["Location"] == FORM + "?sent"
    feedback = AccessibilityFeedback.objects.get()
    assert (feedback.agency, feedback.email, feedback.consent_at is not None) == (
        agency_with_email,
        "anna@example.org",
        True,
    )
    assert [message.to for message in mail.outbox] == [["info@kiez.test"]]
    assert "Die Schrift ist zu klein." in mail.outbox[0].body
    assert ActivityLogEntry.objects.filter(verb="portal.feedback_received").count() == 1


def test_feedback_form_is_never_cached(client, agency):
    assert "no-cache" in client.get(FORM)["Cache-Control"]


def test_feedback_without_consent_gets_a_field_error_and_stores_nothing(client, agency):
    response = client.post(FORM, VALID | {"consent": ""})

    assert response.status_code == 400
    assert 'id="id_consent_error"' in response.content.decode()
    assert not AccessibilityFeedback.objects.exists()


def test_overlong_feedback_is_refused(client, agency):
    response = client.post(FORM, VALID | {"message": "x" * 3001})

    assert response.status_code == 400
    assert 'id="id_message_error"' in response.content.decode()
    assert not AccessibilityFeedback.objects.exists()


def test_filled_honeypot_stores_nothing(client, agency):
    response = client.post(FORM, VALID | {"website": "http://spam.example"})

    assert response.status_code == 400
    assert not AccessibilityFeedback.objects.exists()


def test_too_many_feedbacks_from_one_address_are_refused_with_429(client, agency):
    for _ in range(FEEDBACK_PER_HOUR):
        client.post(FORM, VALID)

    response = client.post(FORM, VALID)

    assert response.status_code == 429
    assert "Please wait an hour" in response.content.decode()
    assert AccessibilityFeedback.objects.count() == FEEDBACK_PER_HOUR


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (dt.datetime(2026, 3, 15, 10), dt.date(2026, 4, 15)),
        (dt.datetime(2026, 1, 31, 10), dt.date(2026, 2, 28)),
        (dt.datetime(2026, 12, 20, 10), dt.date(2027, 1, 20)),
    ],
)
def test_answer_is_due_one_month_after_receipt(received, due):
    assert one_month_after(timezone.make_aware(received)) == due


def test_back_office_highlights_overdue_feedback(manager, agency):
    feedback_on(agency, days_ago=40)
    feedback_on(agency, days_ago=3)
    client = client_for(manager)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    page = client.get(reverse("portal_admin:feedback", kwargs={"slug": "kiez"})).content.decode()

    assert page.count('class="overdue"') == 1
    assert "Barriere vor 3 Tagen" in page


def test_manager_marks_feedback_answered_with_a_note(manager, agency):
    feedback = feedback_on(agency, days_ago=3)
    url = reverse("portal_admin:feedback_answer", kwargs={"slug": "kiez", "pk": feedback.pk})

    response = client_for(manager).post(url, {"answer_note": "Per E-Mail geantwortet."})

    assert response.status_code == 302
    feedback.refresh_from_db()
    assert (feedback.answered_by, feedback.answer_note) == (manager, "Per E-Mail geantwortet.")
    assert feedback.answered_at is not None
    assert ActivityLogEntry.objects.filter(verb="portal.feedback_answered").count() == 1


def test_answer_without_a_note_changes_nothing(manager, agency):
    feedback = feedback_on(agency, days_ago=3)
    url = reverse("portal_admin:feedback_answer", kwargs={"slug": "kiez", "pk": feedback.pk})

    response = client_for(manager).post(url, {"answer_note": ""})

    assert response.status_code == 400
    feedback.refresh_from_db()
    assert feedback.answered_at is None


def test_feedback_of_another_agency_is_404(manager, other_agency):
    feedback = feedback_on(other_agency, days_ago=3)
    url = reverse("portal_admin:feedback_answer", kwargs={"slug": "kiez", "pk": feedback.pk})

    response = client_for(manager).post(url, {"answer_note": "x"})

    assert response.status_code == 404
    feedback.refresh_from_db()
    assert feedback.answered_at is None


def test_feedback_list_needs_constant_queries(manager, agency):
    client = client_for(manager)
    url = reverse("portal_admin:feedback", kwargs={"slug": "kiez"})
    feedback_on(agency, days_ago=3)
    one = count_queries(lambda: client.get(url))
    for days in range(10):
        answered = feedback_on(agency, days_ago=days)
        if days % 2:
            AccessibilityFeedback.objects.filter(pk=answered.pk).update(
                answered_at=timezone.now(), answered_by=manager
            )

    assert count_queries(lambda: client.get(url)) == one
