"""Public forms: the honeypot refuses what bots fill in, and one address may send a form only
so often an hour, counted in the database without storing the address."""

import datetime as dt

import pytest
from django import forms
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone
from freezegun import freeze_time

from kiezwerk.core.models import PublicSubmission
from kiezwerk.core.public_forms import HoneypotForm, record_submission, within_limit


class ContactForm(HoneypotForm):
    message = forms.CharField()


def _request(address: str = "192.0.2.10"):
    return RequestFactory().post("/", REMOTE_ADDR=address)


def test_a_filled_honeypot_makes_the_form_invalid():
    form = ContactForm({"message": "Hallo", "website": "http://spam.example"})

    assert not form.is_valid()
    assert form.has_error("website", code="honeypot")


def test_an_empty_honeypot_passes():
    assert ContactForm({"message": "Hallo", "website": ""}).is_valid()


def test_the_honeypot_is_rendered_hidden_from_people_and_assistive_technology():
    html = render_to_string("partials/form_fields.html", {"form": ContactForm()})

    assert '<div class="honeypot" aria-hidden="true">' in html
    assert 'tabindex="-1"' in html


@pytest.mark.django_db
def test_an_address_may_send_a_form_only_so_often_an_hour():
    request = _request()
    for _ in range(3):
        assert within_limit(request, "need_report", per_hour=3)
        record_submission(request, "need_report")

    assert not within_limit(request, "need_report", per_hour=3)
    assert within_limit(_request("198.51.100.7"), "need_report", per_hour=3)
    assert within_limit(request, "appointment", per_hour=3)


@pytest.mark.django_db
def test_the_limit_opens_again_after_an_hour_and_old_rows_are_forgotten():
    request = _request()
    with freeze_time(timezone.now() - dt.timedelta(days=2)):
        record_submission(request, "need_report")
    with freeze_time(timezone.now() - dt.timedelta(minutes=61)):
        record_submission(request, "need_report")

    assert within_limit(request, "need_report", per_hour=1)
    record_submission(request, "need_report")
    assert PublicSubmission.objects.count() == 2  # the one of two days ago is gone


@pytest.mark.django_db
def test_the_address_is_stored_only_as_a_keyed_hash():
    record_submission(_request("192.0.2.10"), "need_report")

    stored = PublicSubmission.objects.get()
    assert "192.0.2.10" not in stored.address_hash
    assert len(stored.address_hash) == 64
