"""Reads of personal data: the pages that show a person's record log one auditlog ACCESS row per
record shown, with the reader (kiezwerk/privacy/reads.py), and the agency's management sees
them on `privacy_reads:list`; another agency's management does not."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from kiezwerk.accounts.enums import Role
from kiezwerk.forums.models import Attendee
from kiezwerk.jobs.models import Holder
from kiezwerk.needs.models import DemandRequest
from kiezwerk.portal.models import AccessibilityFeedback
from kiezwerk.privacy.reads import READ_MODELS
from kiezwerk.privacy.views_reads import PAGE_SIZE
from tests.appointments.world import appointment_request
from tests.conftest import client_for, count_queries
from tests.factories import (
    AttendeeFactory,
    ConsultationFactory,
    ContactPersonFactory,
    ForumFactory,
    member,
)
from tests.jobs.positions import holder, position
from tests.needs.demand_helpers import make_demand

ACCESS = LogEntry.Action.ACCESS


def reads():
    return LogEntry.objects.filter(action=ACCESS).order_by("pk")


def read_rows() -> list[tuple[str, int, int, int]]:
    """(model label, record id, reader id, agency id) of every logged read, oldest first."""
    return [
        (
            entry.content_type.model_class()._meta.label,
            entry.object_id,
            entry.actor_id,
            entry.additional_data["agency_id"],
        )
        for entry in reads().select_related("content_type")
    ]


def log_inserts(action) -> int:
    """How many INSERTs into auditlog's table `action()` runs."""
    with CaptureQueriesContext(connection) as context:
        action()
    table = LogEntry._meta.db_table
    return sum(
        1 for query in context.captured_queries if query["sql"].startswith(f'INSERT INTO "{table}"')
    )


def read_entry(agency, user, record, **fields) -> LogEntry:
    """A read as the pages log it, written directly (for the list page's tests)."""
    return LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(record),
        object_pk=str(record.pk),
        object_id=record.pk,
        object_repr=str(record),
        action=ACCESS,
        actor=user,
        additional_data={"agency_id": agency.pk},
        **fields,
    )


# ------------------------------------------------------------------------------------------
# Registration


def test_every_read_model_is_registered_with_auditlog_without_timestamps(db):
    from auditlog.registry import auditlog
    from django.apps import apps

    for label in READ_MODELS:
        model = apps.get_model(label)
        fields = auditlog.get_model_fields(model)
        assert auditlog.contains(model), label
        if label != "initiatives.ContactPerson":
            assert {"created_at", "updated_at"} <= set(fields["exclude_fields"]), label


def test_changing_a_consultation_writes_an_audit_row_without_updated_at(initiative, advisor):
    consultation = ConsultationFactory(initiative=initiative)

    consultation.notes = "Neue Notiz"
    consultation.save()

    update = LogEntry.objects.get(action=LogEntry.Action.UPDATE)
    assert update.changes_dict == {"notes": ["Interne Notiz", "Neue Notiz"]}


# ------------------------------------------------------------------------------------------
# The pages that log


def case_url(initiative) -> str:
    return reverse("initiatives:detail", kwargs={"slug": "kiez", "pk": initiative.pk})


def test_case_page_logs_its_contacts_and_consultation_notes_with_the_reader(
    agency, advisor, initiative
):
    contacts = [ContactPersonFactory(initiative=initiative, name=name) for name in ("Anna", "Bert")]
    consultation = ConsultationFactory(initiative=initiative)

    response = client_for(advisor).get(case_url(initiative))

    assert response.status_code == 200
    assert read_rows() == [
        ("initiatives.ContactPerson", contacts[0].pk, advisor.pk, agency.pk),
        ("initiatives.ContactPerson", contacts[1].pk, advisor.pk, agency.pk),
        ("initiatives.Consultation", consultation.pk, advisor.pk, agency.pk),
    ]
    entry = reads().first()
    assert (entry.object_repr, entry.actor_email, entry.remote_addr) == (
        contacts[0].name,
        advisor.email,
        "127.0.0.1",
    )


def test_case_page_logs_a_consultation_shown_only_in_the_timeline(advisor, initiative):
    """The table shows the 20 latest consultations, the timeline more: both are logged, each
    consultation once."""
    consultations = [
        ConsultationFactory(initiative=initiative, held_on=dt.date(2003, 1, 1) + dt.timedelta(n))
        for n in range(22)
    ]

    client_for(advisor).get(case_url(initiative))

    logged = [row[1] for row in read_rows()]
    assert sorted(logged) == sorted(c.pk for c in consultations)


def test_case_page_logs_nothing_for_the_founder_who_sees_no_contacts(founder, founder_contact):
    ConsultationFactory(initiative=founder_contact.initiative)

    response = client_for(founder).get(case_url(founder_contact.initiative))

    assert response.status_code == 200
    assert read_rows() == []


def test_case_page_logs_its_reads_in_one_insert_with_constant_queries(advisor, initiative):
    ContactPersonFactory(initiative=initiative)
    ConsultationFactory(initiative=initiative)
    client = client_for(advisor)
    client.get(case_url(initiative))  # content types and session cached
    small = count_queries(lambda: client.get(case_url(initiative)))
    ContactPersonFactory.create_batch(9, initiative=initiative)
    ConsultationFactory.create_batch(9, initiative=initiative)

    large = count_queries(lambda: client.get(case_url(initiative)))
    inserts = log_inserts(lambda: client.get(case_url(initiative)))

    assert small == large
    assert inserts == 1
    assert reads().count() == 2 + 2 + 20 + 20  # warm-up, small, large, inserts


def test_appointment_request_page_logs_the_request(agency, neighbourhoods, advisor):
    found = appointment_request(agency, neighbourhoods[0])
    url = reverse("appointments:request", kwargs={"slug": "kiez", "pk": found.pk})

    response = client_for(advisor).get(url)

    assert response.status_code == 200
    assert read_rows() == [("appointments.AppointmentRequest", found.pk, advisor.pk, agency.pk)]


def test_demand_request_with_contact_is_logged_for_the_managers_agency(
    agency, neighbourhoods, manager
):
    """Not handed over yet, the request has no agency: the read counts to the agency the
    manager handles it for."""
    found = make_demand(district_name=neighbourhoods[0].district.name)
    url = reverse("needs:demand_detail", kwargs={"pk": found.pk})

    response = client_for(manager).get(url)

    assert response.status_code == 200
    assert found.agency_id is None
    assert read_rows() == [("needs.DemandRequest", found.pk, manager.pk, agency.pk)]


def test_demand_request_without_contact_details_logs_nothing(
    agency, other_agency, neighbourhoods, manager
):
    found = make_demand(district_name=neighbourhoods[0].district.name)
    DemandRequest.objects.filter(pk=found.pk).update(agency=other_agency)

    response = client_for(manager).get(reverse("needs:demand_detail", kwargs={"pk": found.pk}))

    assert response.status_code == 200
    assert read_rows() == []


def feedback(agency, **fields) -> AccessibilityFeedback:
    values = {"message": "Der Kontrast ist zu schwach.", "name": "Jana", "email": "j@example.test"}
    return AccessibilityFeedback.objects.create(
        agency=agency, consent_at=timezone.now(), **(values | fields)
    )


def test_feedback_page_logs_the_feedback(agency, manager):
    found = feedback(agency)
    url = reverse("portal_admin:feedback_answer", kwargs={"slug": "kiez", "pk": found.pk})

    response = client_for(manager).get(url)

    assert response.status_code == 200
    assert read_rows() == [("portal.AccessibilityFeedback", found.pk, manager.pk, agency.pk)]


def test_feedback_list_logs_the_feedback_it_shows_in_one_insert(agency, manager):
    shown = [feedback(agency), feedback(agency, answered_at=timezone.now(), answer_note="Ok")]
    url = reverse("portal_admin:feedback", kwargs={"slug": "kiez"})

    inserts = log_inserts(lambda: client_for(manager).get(url))

    assert inserts == 1
    assert sorted(row[1] for row in read_rows()) == [f.pk for f in shown]


def test_positions_page_and_position_form_log_the_holders(agency, manager, initiative):
    first = position(initiative, manager, start="2005-03-01", holder=holder("K-1"))
    position(initiative, manager, start="2005-04-01")  # no holder recorded
    client = client_for(manager)
    kwargs = {"slug": "kiez", "pk": initiative.pk}

    client.get(reverse("jobs:positions", kwargs=kwargs))
    client.get(reverse("jobs:position_edit", kwargs=kwargs | {"position": first.pk}))

    the_holder = Holder.objects.get(position=first)
    assert read_rows() == [("jobs.Holder", the_holder.pk, manager.pk, agency.pk)] * 2
    assert reads().first().object_repr == "K-1"


def test_forum_page_logs_the_persons_among_its_attendees(agency, neighbourhoods, advisor):
    forum = ForumFactory(agency=agency, neighbourhood=neighbourhoods[0])
    person = AttendeeFactory(
        forum=forum, group="residents", partner=None, name="Jana", consent_given=True
    )
    AttendeeFactory(forum=forum)  # a partner organisation: not a person
    url = reverse("forums:detail", kwargs={"slug": "kiez", "pk": forum.pk})

    response = client_for(advisor).get(url)

    assert response.status_code == 200
    assert read_rows() == [("forums.Attendee", person.pk, advisor.pk, agency.pk)]
    assert Attendee.objects.count() == 2


def test_lists_for_finding_a_record_log_nothing(agency, neighbourhoods, manager, initiative):
    ContactPersonFactory(initiative=initiative)
    make_demand(district_name=neighbourhoods[0].district.name)
    client = client_for(manager)

    for url in (
        reverse("initiatives:list", kwargs={"slug": "kiez"}),
        reverse("initiatives:board", kwargs={"slug": "kiez"}),
        reverse("needs:demand", kwargs={"slug": "kiez"}),
        reverse("appointments:calendar", kwargs={"slug": "kiez"}),
    ):
        assert client.get(url).status_code == 200, url

    assert read_rows() == []


# ------------------------------------------------------------------------------------------
# The manager's page


def list_url(**params) -> str:
    from urllib.parse import urlencode

    url = reverse("privacy_reads:list", kwargs={"slug": "kiez"})
    return f"{url}?{urlencode(params)}" if params else url


def rows_of(response) -> list[tuple[str, str]]:
    return [(entry.object_repr, str(kind)) for entry, kind in response.context["rows"]]


def test_manager_sees_who_read_which_record_newest_first(agency, manager, advisor, initiative):
    ContactPersonFactory(initiative=initiative, name="Erika Muster")
    client_for(advisor).get(case_url(initiative))
    found = appointment_request(agency, initiative.neighbourhood)
    client_for(advisor).get(
        reverse("appointments:request", kwargs={"slug": "kiez", "pk": found.pk})
    )

    response = client_for(manager).get(list_url())

    assert response.status_code == 200
    with translation.override("de"):  # the record's name as the reader's page named it
        named = str(found)
    with translation.override("en"):
        assert rows_of(response) == [
            (named, "appointment request"),
            ("Erika Muster", "contact person"),
        ]
    assert response.context["rows"][0][0].actor == advisor
    assert "Ayşe Demir" in response.text


def test_another_agencys_manager_sees_none_of_its_reads(agency, other_agency, advisor, initiative):
    ContactPersonFactory(initiative=initiative, name="Erika Muster")
    client_for(advisor).get(case_url(initiative))
    other_manager = member(other_agency, Role.MANAGER, name="Otto Andere")
    other_url = reverse("privacy_reads:list", kwargs={"slug": other_agency.slug})

    own = client_for(other_manager).get(other_url)
    foreign = client_for(other_manager).get(list_url())

    assert own.status_code == 200
    assert own.context["rows"] == []
    assert "Erika Muster" not in own.text
    assert foreign.status_code == 404


def test_reads_filtered_by_reader_kind_and_days(agency, manager, advisor, evaluator, initiative):
    contact = ContactPersonFactory(initiative=initiative, name="Erika Muster")
    consultation = ConsultationFactory(initiative=initiative)
    day = timezone.make_aware(dt.datetime(2025, 5, 10, 23, 30))  # Berlin time
    read_entry(agency, advisor, contact, timestamp=day)
    read_entry(agency, evaluator, contact, timestamp=day + dt.timedelta(days=1))
    read_entry(agency, advisor, consultation, timestamp=day + dt.timedelta(days=2))
    client = client_for(manager)

    by_reader = client.get(list_url(reader=evaluator.pk))
    by_kind = client.get(list_url(kind="initiatives.Consultation"))
    by_days = client.get(list_url(since="2025-05-10", until="2025-05-10"))

    assert [e.actor for e, _kind in by_reader.context["rows"]] == [evaluator]
    assert [e.object_id for e, _kind in by_kind.context["rows"]] == [consultation.pk]
    assert [e.actor for e, _kind in by_days.context["rows"]] == [advisor]
    assert by_days.context["rows"][0][0].object_id == contact.pk


def test_bad_filters_are_field_errors(agency, manager):
    response = client_for(manager).get(
        list_url(since="2025-05-10", until="2025-05-01", kind="auth.Group", reader="x")
    )

    form = response.context["form"]
    assert response.status_code == 400
    assert sorted(form.errors) == ["kind", "reader", "until"]
    with translation.override("en"):
        assert form.errors["until"] == ["The period cannot end before it starts."]


def test_reads_page_by_50_with_a_keyset_cursor(agency, manager, advisor, initiative):
    contact = ContactPersonFactory(initiative=initiative)
    entries = [read_entry(agency, advisor, contact) for _ in range(PAGE_SIZE + 3)]
    client = client_for(manager)

    first = client.get(list_url(reader=advisor.pk))
    older_url = first.context["older_url"]
    second = client.get(reverse("privacy_reads:list", kwargs={"slug": "kiez"}) + older_url)

    newest_first = [e.pk for e in reversed(entries)]
    assert [e.pk for e, _kind in first.context["rows"]] == newest_first[:PAGE_SIZE]
    assert f"reader={advisor.pk}" in older_url
    assert [e.pk for e, _kind in second.context["rows"]] == newest_first[PAGE_SIZE:]
    assert second.context["older_url"] is None
    assert second.context["newest_url"] == f"?reader={advisor.pk}"


def test_reads_page_needs_constant_queries(agency, manager, advisor, initiative):
    contact = ContactPersonFactory(initiative=initiative)
    consultation = ConsultationFactory(initiative=initiative)
    read_entry(agency, advisor, contact)
    client = client_for(manager)
    client.get(list_url())  # content types and session cached
    small = count_queries(lambda: client.get(list_url()))
    for _ in range(30):
        read_entry(agency, advisor, contact)
        read_entry(agency, manager, consultation)

    large = count_queries(lambda: client.get(list_url()))

    assert small == large


@pytest.mark.parametrize("persona", ["advisor", "evaluator"], indirect=True)
def test_reads_page_is_for_management_only(persona):
    assert client_for(persona).get(list_url()).status_code == 403
