"""The demo's public portal: both agencies have written pages, named team members who agreed,
and accessibility feedback whose due dates are current."""

import pytest
from django.core.management import call_command

from kiezwerk.agencies.models import Membership
from kiezwerk.portal.models import AccessibilityFeedback, PortalPage


@pytest.fixture
def demo(db):
    call_command("load_demo")


def test_both_agencies_have_a_published_about_page(demo):
    published = PortalPage.objects.filter(kind="about", published=True)

    assert set(published.values_list("agency__slug", flat=True)) == {"best", "best-pankow"}


def test_only_consenting_team_members_are_listed(demo):
    listed = Membership.objects.filter(listed_publicly=True)

    assert listed.count() == 3
    assert all(membership.listing_consent for membership in listed)


def test_feedback_shows_one_answered_one_open_and_one_overdue(demo):
    feedback = AccessibilityFeedback.objects.filter(agency__slug="best")

    assert feedback.filter(answered_at__isnull=False).count() == 1
    assert [item.is_overdue for item in feedback.open().order_by("created_at")] == [True, False]


def test_demo_agency_page_shows_the_written_text_and_named_team(demo, client):
    page = client.get("/agencies/best/").content.decode()

    assert "Wir finden mit Ihnen heraus, was im Kiez fehlt" in page
    assert "Karin Albers" in page


def test_loading_the_portal_demo_twice_adds_nothing(demo):
    sizes = (PortalPage.objects.count(), AccessibilityFeedback.objects.count())

    call_command("load_demo")

    assert (PortalPage.objects.count(), AccessibilityFeedback.objects.count()) == sizes
