"""Erasure (Art. 17 GDPR): the plan (anonymise which fields, or keep under the funding-law
hold and restrict), doing it in one transaction (records anonymised, never deleted; accounts
closed; activity-log and audit rows scrubbed; consents kept; the log names counts only;
running it again changes nothing), and its pages (reauthentication, the confirmation, the
same queries for one and many records)."""

import datetime as dt

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from auditlog.models import LogEntry
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import translation

from kiezwerk.api.services import create_token
from kiezwerk.core.consent import purposes, record_consent
from kiezwerk.core.models import ActivityLogEntry, Consent
from kiezwerk.economy.queries import Scope
from kiezwerk.initiatives import services as initiative_services
from kiezwerk.initiatives.models import ContactPerson
from kiezwerk.jobs.queries import jobs_by, jobs_by_year
from kiezwerk.privacy import erasure
from tests.appointments.world import appointment_request
from tests.conftest import client_for, count_queries, reauthenticate
from tests.factories import (
    PASSWORD,
    AttendeeFactory,
    ConsultationFactory,
    ContactPersonFactory,
    ForumFactory,
)
from tests.privacy.erasure_world import TODAY, erasure_request, job_holder, paid_grant

NAME, EMAIL = "Lena Schubert", "lena@example.org"


def anonymised() -> str:
    with translation.override("en"):
        return erasure.placeholder()


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def contact(initiative, manager):
    """Lena, added through the service (the initiative's log names her), consulted in 2010."""
    ConsultationFactory(initiative=initiative, held_on=dt.date(2010, 5, 3))
    found = initiative_services.add_contact(
        initiative, actor=manager, name=NAME, email=EMAIL, phone="030 111 222", role="Vorstand"
    )
    LogEntry.objects.get_for_object(found).update(remote_addr="192.0.2.7")
    return found


def test_plan_anonymises_a_contact_whose_hold_ended(agency, contact):
    paid_grant(agency, "2009-01-01", "2010-12-31", "2011-02-01")

    plan = erasure.plan(agency, [contact], today=TODAY)

    [item] = plan.items
    assert item.action == erasure.Action.ANONYMISE
    assert item.fields == ["name", "e-mail", "phone", "role in the initiative"]  # what it holds
    assert item.hold.until == dt.date(2016, 12, 31)
    assert plan.logs.activity == 1  # the initiative's entry that names her
    assert plan.logs.audit == 1  # her creation


def test_plan_keeps_a_held_contact_and_says_until_when(agency, contact):
    paid_grant(agency, "2009-01-01", "2010-12-31", "2011-02-01", outstanding=True)

    [item] = erasure.plan(agency, [contact], today=TODAY).items

    assert item.action == erasure.Action.KEEP
    assert item.hold.until is None
    assert "outstanding" in item.hold.reason


def test_execute_anonymises_the_contact_and_scrubs_the_logs(agency, manager, contact):
    request = erasure_request(agency, manager, contact)

    counts = erasure.execute(erasure.plan_for(request), by=manager, request=request)

    contact.refresh_from_db()
    assert (contact.name, contact.email, contact.phone, contact.role) == (anonymised(), "", "", "")
    assert contact.consent_given_at is None
    assert contact.anonymised_at is not None
    assert counts["anonymised"] == 1
    everything = [
        *ActivityLogEntry.objects.values_list("object_repr", "data"),
        *LogEntry.objects.values_list("object_repr", "changes", "changes_text", "remote_addr"),
    ]
    for value in (NAME, EMAIL, "030 111 222", "192.0.2.7"):
        assert value not in str(everything)
    added = ActivityLogEntry.objects.get(verb="initiatives.contact_added")
    assert added.data == {"contact": anonymised()}


def test_erasure_is_logged_with_counts_only(agency, manager, contact):
    request = erasure_request(agency, manager, contact)

    erasure.execute(erasure.plan_for(request), by=manager, request=request)

    [entry] = ActivityLogEntry.objects.filter(verb="privacy.erased")
    assert (entry.target, entry.actor, entry.agency) == (request, manager, agency)
    assert entry.data["anonymised"] == 1
    assert set(entry.data) == {"anonymised", "kept", "restricted", "activity_rows", "audit_rows"}


def test_held_records_are_restricted_instead(agency, manager, contact):
    paid_grant(agency, "2009-01-01", "2010-12-31", "2011-02-01", outstanding=True)
    request = erasure_request(agency, manager, contact)

    counts = erasure.execute(erasure.plan_for(request), by=manager, request=request)

    contact.refresh_from_db()
    assert (contact.name, contact.anonymised_at) == (NAME, None)
    assert contact.restricted_at is not None
    assert (counts["kept"], counts["restricted"], counts["anonymised"]) == (1, 1, 0)
    assert ActivityLogEntry.objects.filter(verb="privacy.restricted").count() == 1


def test_running_it_again_changes_nothing(agency, manager, contact):
    request = erasure_request(agency, manager, contact)
    erasure.execute(erasure.plan_for(request), by=manager, request=request)
    before = list(ContactPerson.objects.values())

    plan = erasure.plan_for(request)
    counts = erasure.execute(plan, by=manager, request=request)

    assert [item.action for item in plan.items] == [erasure.Action.DONE]
    assert list(ContactPerson.objects.values()) == before
    assert (counts["anonymised"], counts["activity_rows"], counts["audit_rows"]) == (0, 0, 0)


def test_consents_stay_as_proof(agency, manager, contact):
    key = next(iter(purposes()), None)
    if key is None:
        pytest.skip("no consent purpose registered")
    record_consent(contact, key, channel="paper", recorded_by=manager)
    request = erasure_request(agency, manager, contact)

    erasure.execute(erasure.plan_for(request), by=manager, request=request)

    assert Consent.objects.for_record(contact).count() == 1


def test_erasing_an_account_closes_it_everywhere(agency, manager, founder, client):
    client.force_login(founder)
    EmailAddress.objects.create(user=founder, email=founder.email, verified=True, primary=True)
    Authenticator.objects.create(user=founder, type="totp", data={"secret": "x"})
    token, _secret = create_token(founder, name="Auswertung", scope="read")
    other = client_for(manager)
    request = erasure_request(agency, manager, founder)

    erasure.execute(erasure.plan_for(request), by=manager, request=request)

    founder.refresh_from_db()
    assert founder.email == f"erased-{founder.pk}@invalid.invalid"
    assert (founder.name, founder.is_active, founder.has_usable_password()) == ("", False, False)
    assert founder.anonymised_at is not None
    assert not EmailAddress.objects.filter(user=founder).exists()
    assert not Authenticator.objects.filter(user=founder).exists()
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert founder.memberships.active().count() == 0
    assert not founder.check_password(PASSWORD)
    assert Session.objects.count() == 1  # the manager's
    assert other.get(reverse("backoffice:home")).status_code == 302
    everything = str(list(LogEntry.objects.values_list("object_repr", "changes", "actor_email")))
    assert "gruenderin@kiez.test" not in everything
    assert "Lena Schubert" not in everything


def test_holder_keeps_its_coded_answers_so_the_job_figures_stay(agency, manager, initiative):
    held = job_holder(initiative, manager, "KZ-7", "2010-01-01", "2011-12-31")
    scope = Scope(agency.pk)
    before = (jobs_by_year(scope, [2010]), jobs_by(scope, "prior_status", 2010))
    request = erasure_request(agency, manager, held)

    erasure.execute(erasure.plan_for(request), by=manager, request=request)

    coded = (held.gender, held.age_band, held.prior_status)
    held.refresh_from_db()
    assert held.pseudonym == f"{anonymised()}-{held.pk}"
    assert (held.gender, held.age_band, held.prior_status) == coded
    assert (jobs_by_year(scope, [2010]), jobs_by(scope, "prior_status", 2010)) == before


def test_records_whose_database_rules_want_a_value_get_the_placeholder(
    agency, neighbourhoods, manager
):
    forum = ForumFactory(agency=agency, neighbourhood=neighbourhoods[0])
    attendee = AttendeeFactory(
        forum=forum, partner=None, group="residents", name=NAME, email=EMAIL, consent_given=True
    )
    appointment = appointment_request(agency, neighbourhoods[0], name=NAME, email=EMAIL)
    request = erasure_request(agency, manager, attendee, appointment)

    erasure.execute(erasure.plan_for(request), by=manager, request=request)

    attendee.refresh_from_db()
    appointment.refresh_from_db()
    assert (attendee.name, attendee.email, attendee.consent_given) == (anonymised(), "", True)
    assert (appointment.name, appointment.email, appointment.phone) == (
        anonymised(),
        "",
        anonymised(),
    )
    assert appointment.description == anonymised()


def test_records_of_another_agency_are_not_in_the_plan(agency, other_agency, manager):
    elsewhere = ContactPersonFactory(initiative__agency=other_agency, name=NAME)
    request = erasure_request(agency, manager, elsewhere)

    plan = erasure.plan_for(request)

    assert (plan.items, plan.missing) == ([], 1)


# --- the pages -------------------------------------------------------------------------------


def url(name: str, request) -> str:
    return reverse(f"erasure:{name}", kwargs={"slug": "kiez", "pk": request.pk})


@pytest.fixture
def client(manager):
    found = client_for(manager)
    found.cookies["django_language"] = "en"
    return found


def test_preview_asks_for_the_password_again(agency, manager, contact, client):
    request = erasure_request(agency, manager, contact)

    response = client.get(url("preview", request))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_preview_shows_the_plan(agency, manager, contact, client):
    paid_grant(agency, "2009-01-01", "2010-12-31", "2011-02-01")
    request = erasure_request(agency, manager, contact)
    reauthenticate(client, manager)

    response = client.get(url("preview", request))

    assert response.status_code == 200
    page = response.content.decode()
    assert NAME in page
    assert "anonymise" in page
    assert "31.12.2016" in page or "12/31/2016" in page or "Dec. 31, 2016" in page
    assert ContactPerson.objects.get(pk=contact.pk).name == NAME


def test_erasing_without_the_confirmation_is_refused(agency, manager, contact, client):
    request = erasure_request(agency, manager, contact)
    reauthenticate(client, manager)

    response = client.post(url("execute", request), {})

    assert response.status_code == 400
    assert response.context["form"].errors["confirm"][0].startswith("Please confirm")
    assert ContactPerson.objects.get(pk=contact.pk).name == NAME
    assert not ActivityLogEntry.objects.filter(verb="privacy.erased").exists()


def test_erasing_with_the_confirmation(agency, manager, contact, client):
    request = erasure_request(agency, manager, contact)
    reauthenticate(client, manager)

    response = client.post(url("execute", request), {"confirm": "on"})

    assert response.status_code == 302
    assert response["Location"] == url("preview", request)
    assert ContactPerson.objects.get(pk=contact.pk).name == anonymised()


def test_erasing_needs_the_password_again(agency, manager, contact, client):
    request = erasure_request(agency, manager, contact)

    response = client.post(url("execute", request), {"confirm": "on"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert ContactPerson.objects.get(pk=contact.pk).name == NAME


def test_erasing_a_request_without_records_is_refused(agency, manager, client):
    request = erasure_request(agency, manager)
    reauthenticate(client, manager)

    response = client.post(url("execute", request), {"confirm": "on"})

    assert response.status_code == 400
    assert not ActivityLogEntry.objects.filter(verb="privacy.erased").exists()


@pytest.mark.parametrize("persona", ["evaluator", "advisor"], indirect=True)
def test_other_members_get_403_even_after_reauthentication(agency, manager, contact, persona):
    request = erasure_request(agency, manager, contact)
    client = client_for(persona)
    reauthenticate(client, persona)

    assert client.get(url("preview", request)).status_code == 403
    assert client.post(url("execute", request), {"confirm": "on"}).status_code == 403


def test_preview_runs_the_same_queries_for_one_and_many_records(
    agency, manager, initiative, client
):
    paid_grant(agency, "2009-01-01", "2010-12-31", "2011-02-01")
    reauthenticate(client, manager)
    first = ContactPersonFactory(initiative=initiative, name="Person 0")
    request = erasure_request(agency, manager, first)
    client.get(url("preview", request))
    one = count_queries(lambda: client.get(url("preview", request)))
    more = [ContactPersonFactory(initiative=initiative, name=f"Person {n}") for n in range(1, 9)]
    request.records += [f"initiatives.ContactPerson:{record.pk}" for record in more]
    request.save()

    many = count_queries(lambda: client.get(url("preview", request)))

    assert many == one


def test_an_organisations_attendee_keeps_its_empty_name(agency, neighbourhoods, manager):
    forum = ForumFactory(agency=agency, neighbourhood=neighbourhoods[0])
    attendee = AttendeeFactory(forum=forum, name="", email="info@verein.example")
    request = erasure_request(agency, manager, attendee)

    erasure.execute(erasure.plan_for(request), by=manager, request=request)

    attendee.refresh_from_db()
    assert (attendee.name, attendee.email, attendee.consent_given) == ("", "", False)
    assert attendee.anonymised_at is not None
