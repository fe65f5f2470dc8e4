"""Every place that asks for consent records it (`core.Consent`: purpose, text version,
channel, who recorded it), and withdrawing it stops what depends on it, once, logged."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from kiezwerk.appointments import services as appointments
from kiezwerk.appointments.enums import Status
from kiezwerk.appointments.models import AppointmentRequest
from kiezwerk.core.consent import purposes, withdraw_consent
from kiezwerk.core.models import ActivityLogEntry, Consent
from kiezwerk.forums.models import Attendee
from kiezwerk.initiatives.models import ContactPerson
from kiezwerk.needs.models import DemandRequest
from kiezwerk.portal.models import AccessibilityFeedback
from tests.appointments.world import appointment_request, next_opening, weekly_slot
from tests.conftest import client_for
from tests.factories import ForumFactory, PartnerFactory
from tests.needs.demand_helpers import make_demand
from tests.privacy.consent_helpers import contact_with_consent

PAPER = Consent.Channel.PAPER


def english(user):
    client = client_for(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def only_consent(record) -> Consent:
    return Consent.objects.for_record(record).get()


def test_every_purpose_has_a_wording_version_and_a_withdrawal():
    registered = purposes()

    assert set(registered) == {
        "initiatives.contact_details",
        "forums.named_attendee",
        "appointments.request",
        "needs.demand_request",
        "portal.team_listing",
        "portal.accessibility_feedback",
    }
    for purpose in registered.values():
        assert (purpose.text_version, callable(purpose.on_withdraw)) == ("2026-01", True)
        assert purpose.model and str(purpose.text) and str(purpose.label)


# ------------------------------------------------------------------------------------------
# Contact persons


def test_contact_added_with_consent_records_it_with_the_stated_channel(manager, initiative):
    url = reverse("initiatives:add_contact", kwargs={"slug": "kiez", "pk": initiative.pk})
    form = {"name": "Jana Kurz", "phone": "030 1", "consent": "on", "channel": "phone"}

    response = english(manager).post(url, form)

    contact = ContactPerson.objects.get(name="Jana Kurz")
    consent = only_consent(contact)
    assert response.status_code == 302
    assert (consent.purpose, consent.channel, consent.recorded_by) == (
        "initiatives.contact_details",
        "phone",
        manager,
    )
    assert (consent.agency_id, consent.text_version) == (initiative.agency_id, "2026-01")


def test_contact_channel_is_in_person_unless_the_form_says_otherwise(manager, initiative):
    url = reverse("initiatives:add_contact", kwargs={"slug": "kiez", "pk": initiative.pk})

    english(manager).post(url, {"name": "Jana Kurz", "consent": "on"})

    assert only_consent(ContactPerson.objects.get()).channel == "in_person"


def test_case_opened_with_a_contact_records_the_consent(manager, neighbourhoods):
    form = {
        "name": "Kiezküche",
        "neighbourhood": neighbourhoods[0].pk,
        "contact_name": "Ali Demir",
        "contact_email": "ali@kiez.test",
        "consent": "on",
        "channel": "email",
    }

    english(manager).post(reverse("initiatives:create", kwargs={"slug": "kiez"}), form)

    assert only_consent(ContactPerson.objects.get(name="Ali Demir")).channel == "email"


def test_withdrawn_contact_consent_blanks_phone_and_email_and_keeps_the_name(manager, initiative):
    contact, consent = contact_with_consent(initiative)

    withdraw_consent(consent, by=manager, channel=PAPER)

    contact.refresh_from_db()
    consent.refresh_from_db()
    assert (contact.name, contact.phone, contact.email) == ("Jana Kurz", "", "")
    assert (contact.consent_given_at, contact.archived_at) == (None, None)
    assert (consent.withdrawn_by, consent.withdrawal_channel) == (manager, "paper")
    assert initiative.contacts.active().count() == 1


def test_withdrawing_twice_changes_and_logs_nothing_more(manager, initiative):
    _contact, consent = contact_with_consent(initiative)
    first = withdraw_consent(consent, by=manager, channel=PAPER)

    second = withdraw_consent(consent, by=None, channel=Consent.Channel.ONLINE)

    assert (second.withdrawn_at, second.withdrawal_channel) == (first.withdrawn_at, "paper")
    assert ActivityLogEntry.objects.filter(verb="privacy.consent_withdrawn").count() == 1


def test_withdrawal_log_names_purpose_not_contact_data(manager, initiative):
    _contact, consent = contact_with_consent(initiative)

    withdraw_consent(consent, by=manager, channel=PAPER)

    entry = ActivityLogEntry.objects.get(verb="privacy.consent_withdrawn")
    assert (entry.actor, entry.data) == (manager, {"purpose": "initiatives.contact_details"})
    assert "030" not in str(entry.data) + entry.object_repr


# ------------------------------------------------------------------------------------------
# Forum attendees


@pytest.fixture
def forum(agency, neighbourhoods):
    return ForumFactory(agency=agency, neighbourhood=neighbourhoods[0])


def _add_attendee(user, forum, **form):
    url = reverse("forums:add_attendee", kwargs={"slug": "kiez", "pk": forum.pk})
    return english(user).post(url, form)


def test_named_attendee_records_consent_with_channel(manager, forum):
    _add_attendee(
        manager,
        forum,
        name="Eva Roth",
        email="eva@kiez.test",
        group="residents",
        consent_given="on",
        channel="paper",
    )

    consent = only_consent(Attendee.objects.get(name="Eva Roth"))
    assert (consent.purpose, consent.channel) == ("forums.named_attendee", "paper")


def test_organisation_attendee_records_no_consent(manager, forum, agency):
    partner = PartnerFactory(agency=agency)

    _add_attendee(manager, forum, partner=partner.pk)

    assert Attendee.objects.count() == 1
    assert Consent.objects.count() == 0


def test_withdrawn_attendee_with_an_organisation_stays_as_the_organisation(manager, forum):
    partner = PartnerFactory(agency=forum.agency)
    _add_attendee(
        manager, forum, partner=partner.pk, name="Eva Roth", email="e@x.test", consent_given="on"
    )
    attendee = Attendee.objects.get()

    withdraw_consent(only_consent(attendee), by=manager, channel=PAPER)

    attendee.refresh_from_db()
    assert (attendee.name, attendee.email, attendee.consent_given) == ("", "", False)
    assert attendee.partner == partner


def test_withdrawn_person_attendee_leaves_the_list_and_the_head_count_stays(manager, forum):
    _add_attendee(manager, forum, name="Eva Roth", group="residents", consent_given="on")
    consent = only_consent(Attendee.objects.get())
    head_count = forum.attendance

    withdraw_consent(consent, by=manager, channel=PAPER)

    forum.refresh_from_db()
    assert (Attendee.objects.count(), forum.attendance) == (0, head_count)
    entry = ActivityLogEntry.objects.get(verb="privacy.consent_withdrawn")
    assert "Eva" not in entry.object_repr
    assert Consent.objects.get().withdrawn_at is not None


# ------------------------------------------------------------------------------------------
# Appointment requests (public form)


def test_public_appointment_request_records_an_online_consent(anonymous, agency, neighbourhoods):
    slot = weekly_slot(agency, neighbourhoods[0])
    form = {
        "neighbourhood": neighbourhoods[0].pk,
        "time": next_opening(agency).value,
        "name": "Jana Köhler",
        "phone": "030 123456",
        "email": "",
        "description": "Ein Café.",
        "consent": "on",
        "website": "",
    }

    anonymous.post(reverse("portal:appointment", kwargs={"slug": "kiez"}), form)

    saved = AppointmentRequest.objects.get(slot=slot)
    consent = only_consent(saved)
    assert (consent.purpose, consent.channel, consent.recorded_by) == (
        "appointments.request",
        "online",
        None,
    )
    assert consent.given_at == saved.consent_at


def test_withdrawn_appointment_request_is_cancelled_and_blanked(manager, agency, neighbourhoods):
    slot = weekly_slot(agency, neighbourhoods[0])
    opening = next_opening(agency)
    request = appointments.request_appointment(
        agency,
        neighbourhood=neighbourhoods[0],
        opening=opening,
        name="Jana Köhler",
        phone="030 123456",
        email="jana@example.test",
        description="Ein Café.",
    )

    withdraw_consent(only_consent(request), by=manager, channel=Consent.Channel.PHONE)

    request.refresh_from_db()
    assert request.status == Status.CANCELLED
    assert (request.email, request.description, request.callback_note) == ("", "", "")
    assert "Jana" not in request.name and "030" not in request.phone
    assert request.anonymised_at is not None
    # the time is free again
    again = appointment_request(agency, neighbourhoods[0], opening=opening)
    assert (again.slot, again.starts_at) == (slot, opening.starts_at)


def test_withdrawn_answered_appointment_keeps_its_status(manager, agency, neighbourhoods):
    request = appointments.request_appointment(
        agency,
        neighbourhood=neighbourhoods[0],
        opening=None,
        name="Jana Köhler",
        phone="030 123456",
        email="",
        description="Ein Café.",
    )
    AppointmentRequest.objects.filter(pk=request.pk).update(status=Status.DONE)

    withdraw_consent(only_consent(request), by=manager, channel=PAPER)

    request.refresh_from_db()
    assert (request.status, request.anonymised_at is not None) == (Status.DONE, True)


# ------------------------------------------------------------------------------------------
# Requests from other neighbourhoods (public form)


def test_demand_request_records_an_online_consent_without_agency(db):
    demand = make_demand()

    consent = only_consent(demand)
    assert (consent.purpose, consent.channel, consent.agency_id) == (
        "needs.demand_request",
        "online",
        None,
    )


def test_handed_over_demand_takes_its_consent_to_the_agency(manager, agency):
    from kiezwerk.needs.services import hand_over_demand
    from tests.factories import NeighbourhoodFactory

    demand = make_demand()
    hood = NeighbourhoodFactory(
        agency=agency, district=demand.district, name=demand.neighbourhood_name
    )

    hand_over_demand(hood, actor=manager)

    assert only_consent(demand).agency_id == agency.pk


def test_withdrawn_demand_request_loses_contact_data_and_keeps_counting(manager, db):
    from kiezwerk.needs.queries import demand_summary

    demand = make_demand(phone="030 99")
    before = demand_summary(DemandRequest.objects.all()).total

    withdraw_consent(only_consent(demand), by=manager, channel=Consent.Channel.EMAIL)

    demand.refresh_from_db()
    assert (demand.email, demand.description) == ("", "")
    assert "Jana" not in demand.name and "030" not in demand.phone
    assert demand.anonymised_at is not None
    assert demand_summary(DemandRequest.objects.all()).total == before


# ------------------------------------------------------------------------------------------
# Accessibility feedback (public form)


def test_feedback_records_an_online_consent(anonymous, agency):
    form = {"message": "Zu klein.", "email": "anna@example.org", "consent": "on"}

    anonymous.post("/agencies/kiez/accessibility/feedback/", form)

    consent = only_consent(AccessibilityFeedback.objects.get())
    assert (consent.purpose, consent.channel) == ("portal.accessibility_feedback", "online")


def test_withdrawn_open_feedback_is_blanked_and_closed(manager, agency):
    feedback = AccessibilityFeedback.objects.create(
        agency=agency, message="Zu klein.", name="Anna", email="a@x.test", consent_at=timezone.now()
    )
    from kiezwerk.core.consent import record_consent

    consent = record_consent(feedback, "portal.accessibility_feedback", channel="online")

    withdraw_consent(consent, by=manager, channel=PAPER)

    feedback.refresh_from_db()
    assert (feedback.message, feedback.name, feedback.email) == ("", "", "")
    assert (feedback.answered_by, feedback.anonymised_at is not None) == (manager, True)
    assert AccessibilityFeedback.objects.open().count() == 0


# ------------------------------------------------------------------------------------------
# The team on the public page


def _listing(user, membership, **form):
    url = reverse("portal_admin:team_listing", kwargs={"slug": "kiez", "pk": membership.pk})
    return english(user).post(url, form)


def test_listing_records_consent_and_unlisting_withdraws_it(manager, advisor):
    membership = advisor.memberships.get()

    _listing(manager, membership, listed_publicly="on", listing_consent="Mail", channel="email")
    consent = only_consent(membership)
    _listing(manager, membership, listing_consent="Mail", channel="phone")

    consent.refresh_from_db()
    assert (consent.purpose, consent.channel, consent.recorded_by) == (
        "portal.team_listing",
        "email",
        manager,
    )
    assert (consent.withdrawal_channel, consent.withdrawn_by) == ("phone", manager)


def test_member_listing_themselves_consents_online(advisor):
    url = reverse("portal_admin:my_listing", kwargs={"slug": "kiez"})

    english(advisor).post(url, {"listed_publicly": "on"})

    consent = only_consent(advisor.memberships.get())
    assert (consent.channel, consent.recorded_by) == ("online", advisor)


def test_withdrawn_listing_takes_the_name_off_the_public_page(manager, advisor, anonymous):
    membership = advisor.memberships.get()
    _listing(manager, membership, listed_publicly="on", listing_consent="Mail")
    page = reverse("portal:agency", kwargs={"slug": "kiez"})
    assert advisor.name in anonymous.get(page).content.decode()

    withdraw_consent(only_consent(membership), by=manager, channel=PAPER)

    membership.refresh_from_db()
    assert membership.listed_publicly is False
    assert advisor.name not in anonymous.get(page).content.decode()
