"""The demo's directory and forum calendar: fifteen enterprises a resident can find, each with
what it offers, and forums ahead of today in every agency's calendar."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from kiezwerk.forums.models import Forum
from kiezwerk.initiatives.models import Initiative


@pytest.fixture
def demo(db):
    call_command("load_demo")


def test_fifteen_enterprises_are_in_the_directory_each_with_what_it_offers(demo):
    listed = Initiative.objects.in_directory()

    assert listed.count() == 15
    assert len(set(listed.values_list("name", flat=True))) == 15  # each enterprise once
    assert listed.filter(agency__slug="best-pankow").count() == 3  # cases it took over
    assert not listed.filter(directory_category__isnull=True).exists()
    assert not listed.filter(public_description="").exists()


def test_every_agency_has_public_forums_ahead_of_today(demo):
    ahead = Forum.objects.filter(is_public=True, starts_at__gt=timezone.now())

    assert set(ahead.values_list("agency__slug", flat=True)) == {"best", "best-pankow"}
    assert ahead.filter(agency__slug="best").count() == 5


def test_loading_again_adds_no_event_and_changes_no_enterprise(demo):
    forums, changed = Forum.objects.count(), Initiative.objects.order_by("-updated_at")[0]

    call_command("load_demo")

    assert Forum.objects.count() == forums
    assert Initiative.objects.order_by("-updated_at")[0].updated_at == changed.updated_at


def test_the_directory_and_a_calendar_of_the_demo_answer(demo, client):
    entry = Initiative.objects.in_directory().get(name="Kinderbetreuung Abendstern")

    assert client.get("/enterprises/").status_code == 200
    assert client.get(f"/enterprises/{entry.pk}/").status_code == 200
    assert b"Stadtteilforum Falkplatz" in client.get("/agencies/best/calendar/").content
