"""The consents pages: the agency's consents for management (filters, pages, links to the
records, withdrawal on request), each person's own consents with a one-click withdrawal, and
the backfill of consents stored before consent records existed."""

import importlib

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from kiezwerk.core.consent import record_consent
from kiezwerk.core.models import Consent
from kiezwerk.forums.consents import NAMED
from kiezwerk.initiatives.models import ContactPerson
from kiezwerk.portal.consents import LISTING
from tests.conftest import client_for, count_queries
from tests.factories import AttendeeFactory, ContactPersonFactory, InitiativeFactory
from tests.privacy.consent_helpers import contact_with_consent

LIST = reverse("consents:list", kwargs={"slug": "kiez"})
MINE = reverse("consents:mine")


def english(user):
    client = client_for(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _withdraw_url(consent) -> str:
    return reverse("consents:withdraw", kwargs={"slug": "kiez", "pk": consent.pk})


def _attendee(agency, name: str, **fields):
    """A person named at a forum of the agency, with their consent."""
    return AttendeeFactory(
        forum__agency=agency, agency=agency, name=name, consent_given=True, **fields
    )


def _mixed(agency, initiative, number: int) -> None:
    """`number` consents of each kind of record with a page of its own."""
    for index in range(number):
        contact_with_consent(initiative, name=f"Person Nummer{index}")
        listed = agency.memberships.first()
        record_consent(listed, LISTING, channel="email")
        attendee = _attendee(agency, f"Gast {index}")
        record_consent(attendee, NAMED, channel="paper")


def test_list_shows_person_purpose_version_channel_and_who_recorded(manager, initiative):
    contact_with_consent(initiative)
    Consent.objects.update(recorded_by=manager)

    page = english(manager).get(LIST).content.decode()

    detail = reverse("initiatives:detail", kwargs={"slug": "kiez", "pk": initiative.pk})
    assert f'<a href="{detail}">Jana Kurz</a>' in page
    for text in ("contact details stored for the counselling", "2026-01", "in person"):
        assert text in page
    assert manager.name in page


def test_list_is_newest_first_and_leaves_out_other_agencies(manager, initiative, outsider):
    contact_with_consent(initiative, name="Alte Person")
    contact_with_consent(initiative, name="Neue Person")
    other = InitiativeFactory(agency=outsider.memberships.get().agency)
    contact_with_consent(other, name="Fremde Person")

    page = english(manager).get(LIST).content.decode()

    assert page.index("Neue Person") < page.index("Alte Person")
    assert "Fremde Person" not in page


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("?state=withdrawn", "Zurückgezogen", "Noch Gültig"),
        ("?state=in_force", "Noch Gültig", "Zurückgezogen"),
        ("?purpose=forums.named_attendee", "Gast", "Noch Gültig"),
    ],
)
def test_list_filters_by_state_and_purpose(manager, initiative, agency, query, shown, hidden):
    contact_with_consent(initiative, name="Noch Gültig")
    _contact, withdrawn = contact_with_consent(initiative, name="Zurückgezogen Person")
    withdrawn.withdrawn_at = timezone.now()
    withdrawn.save()
    record_consent(_attendee(agency, "Gast"), NAMED, channel="paper")

    page = english(manager).get(LIST + query).content.decode()

    assert shown in page and hidden not in page


def test_bad_filter_values_are_ignored(manager, initiative):
    contact_with_consent(initiative)

    response = english(manager).get(LIST + "?state=nonsense&purpose=x&page=abc")

    assert response.status_code == 200 and "Jana Kurz" in response.content.decode()


def test_list_pages_by_fifty(manager, initiative):
    for index in range(51):
        contact_with_consent(initiative, name=f"Person Nummer{index}")

    first = english(manager).get(LIST).content.decode()
    second = english(manager).get(LIST + "?page=2").content.decode()

    assert "Person Nummer50" in first and "Person Nummer0<" in second
    assert "Page 1 of 2" in first


def test_list_needs_the_same_queries_for_one_and_many(manager, initiative, agency):
    client = english(manager)
    _mixed(agency, initiative, 1)
    few = count_queries(lambda: client.get(LIST))
    _mixed(agency, initiative, 15)

    many = count_queries(lambda: client.get(LIST))

    assert few == many


def test_removed_record_is_shown_as_no_longer_recorded(manager, agency):
    attendee = _attendee(agency, "Eva", partner=None)
    consent = record_consent(attendee, NAMED, channel="paper")
    english(manager).post(_withdraw_url(consent), {"channel": "paper"})

    page = english(manager).get(LIST).content.decode()

    assert "(no longer recorded)" in page and "Eva" not in page


def test_staff_withdraw_on_request_with_the_channel(manager, initiative):
    contact, consent = contact_with_consent(initiative)

    response = english(manager).post(_withdraw_url(consent), {"channel": "phone"})

    consent.refresh_from_db()
    contact.refresh_from_db()
    assert response.status_code == 302 and response["Location"] == LIST
    assert (consent.withdrawal_channel, consent.withdrawn_by) == ("phone", manager)
    assert (contact.phone, contact.email) == ("", "")


def test_staff_withdrawal_without_a_channel_changes_nothing(manager, initiative):
    _contact, consent = contact_with_consent(initiative)

    response = english(manager).post(_withdraw_url(consent), {"channel": "carrier pigeon"})

    consent.refresh_from_db()
    assert consent.withdrawn_at is None
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error"]


def test_staff_withdrawal_twice_is_harmless(manager, initiative):
    _contact, consent = contact_with_consent(initiative)
    english(manager).post(_withdraw_url(consent), {"channel": "phone"})
    consent.refresh_from_db()
    first = consent.withdrawn_at

    english(manager).post(_withdraw_url(consent), {"channel": "email"})

    consent.refresh_from_db()
    assert (consent.withdrawn_at, consent.withdrawal_channel) == (first, "phone")


def test_staff_cannot_withdraw_another_agencys_consent(manager, outsider):
    other = InitiativeFactory(agency=outsider.memberships.get().agency)
    _contact, consent = contact_with_consent(other)

    response = english(manager).post(_withdraw_url(consent), {"channel": "phone"})

    assert response.status_code == 404
    assert Consent.objects.get().withdrawn_at is None


# ------------------------------------------------------------------------------------------
# My consents


def test_founder_sees_own_consents_and_not_others(founder, initiative, other_founder):
    contact_with_consent(initiative, user=founder, name=founder.name)
    contact_with_consent(initiative, name="Jemand Anderes")

    page = english(founder).get(MINE).content.decode()

    assert page.count(f'action="{MINE}') == 1  # one withdraw button


def test_member_sees_consent_to_their_listing(advisor):
    record_consent(advisor.memberships.get(), LISTING, channel="online", recorded_by=advisor)

    page = english(advisor).get(MINE).content.decode()

    assert "named on the agency&#x27;s public page" in page


def test_founder_withdraws_with_one_click(founder, initiative):
    contact, consent = contact_with_consent(initiative, user=founder, name=founder.name)
    url = reverse("consents:withdraw_mine", kwargs={"pk": consent.pk})

    response = english(founder).post(url)

    consent.refresh_from_db()
    contact.refresh_from_db()
    assert response.status_code == 302 and response["Location"] == MINE
    assert (consent.withdrawal_channel, consent.withdrawn_by) == ("online", founder)
    assert (contact.phone, contact.email, contact.consent_given_at) == ("", "", None)
    assert "Withdraw</button>" not in english(founder).get(MINE).content.decode()


def test_nobody_withdraws_someone_elses_consent(founder, other_founder, initiative):
    _contact, consent = contact_with_consent(initiative, user=founder, name=founder.name)
    url = reverse("consents:withdraw_mine", kwargs={"pk": consent.pk})

    response = english(other_founder).post(url)

    assert response.status_code == 404
    assert Consent.objects.get().withdrawn_at is None


def test_founder_home_links_to_my_consents(founder, founder_contact):
    page = english(founder).get(reverse("backoffice:agency", kwargs={"slug": "kiez"}))

    assert f'href="{MINE}"' in page.content.decode()


# ------------------------------------------------------------------------------------------
# The backfill (privacy migration 0002)


def test_backfill_records_consents_stored_before_and_runs_twice_harmlessly(
    manager, advisor, initiative, agency
):
    migration = importlib.import_module(
        "kiezwerk.privacy.migrations.0002_consents_from_existing_records"
    )
    contact = ContactPersonFactory(initiative=initiative, consent_given_at=timezone.now())
    ContactPersonFactory(initiative=initiative, consent_given_at=None)
    membership = advisor.memberships.get()
    membership.listed_publicly, membership.listing_consent = True, "per E-Mail am 3.5."
    membership.save()
    _attendee(agency, "Eva")

    migration.backfill(apps, None)
    migration.backfill(apps, None)

    found = {(c.purpose, c.channel, c.text_version) for c in Consent.objects.all()}
    assert found == {
        ("initiatives.contact_details", "paper", "2026-01"),
        ("portal.team_listing", "email", "2026-01"),
        ("forums.named_attendee", "paper", "2026-01"),
    }
    assert Consent.objects.for_record(contact).get().given_at == contact.consent_given_at
    assert ContactPerson.objects.count() == 2
