"""The register of data protection requests: the list (open first by due date, overdue said in
words, closed ones paginated below), registering a request (due one month after receipt, not
in the future, name or e-mail), the request's page with the records found for the person,
confirming them, closing the request, and the log without personal data."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.privacy.models import DataSubjectRequest
from tests.conftest import client_for, count_queries
from tests.privacy.requests_world import EMAIL, NAME, access_request, lena, namesake_elsewhere

pytestmark = pytest.mark.django_db


def url(name: str, **kwargs) -> str:
    return reverse(f"privacy_requests:{name}", kwargs={"slug": "kiez", **kwargs})


@pytest.fixture
def client(manager):
    return client_for(manager)


@pytest.fixture
def records(agency, neighbourhoods, founder, initiative):
    return lena(agency, neighbourhoods, founder, initiative)


def entries(verb: str) -> list[ActivityLogEntry]:
    return list(ActivityLogEntry.objects.filter(verb=verb).order_by("pk"))


# ------------------------------------------------------------------------------------------
# The list


def test_list_shows_open_requests_by_due_date_with_overdue_in_words(client, agency, manager):
    today = timezone.localdate()
    late = access_request(agency, manager, received_on=today - dt.timedelta(days=40))
    fresh = access_request(agency, manager, received_on=today)
    closed = access_request(agency, manager, status="done", closed_at=timezone.now())

    with translation.override("en"):
        page = client.get(url("list")).content.decode()

    open_table = page[page.index('id="open-requests"') : page.index('id="closed-requests"')]
    assert open_table.index(f"/{late.pk}/") < open_table.index(f"/{fresh.pk}/")
    assert open_table.count("overdue") == 1
    assert f"/{closed.pk}/" not in open_table
    assert f"/{closed.pk}/" in page[page.index('id="closed-requests"') :]


def test_list_paginates_closed_requests(client, agency, manager):
    for _ in range(26):
        access_request(agency, manager, status="refused", closed_at=timezone.now())

    first, second = client.get(url("list")), client.get(url("list") + "?page=2")

    assert first.context["closed"].paginator.num_pages == 2
    assert len(second.context["closed"].object_list) == 1


def test_list_shows_only_the_agencys_requests(client, agency, other_agency, manager):
    mine = access_request(agency, manager)
    theirs = access_request(other_agency, manager)

    response = client.get(url("list"))

    assert [item.pk for item in response.context["open"]] == [mine.pk]
    assert theirs.pk != mine.pk


def test_list_queries_stay_the_same_for_one_and_many_requests(client, agency, manager):
    access_request(agency, manager)
    access_request(agency, manager, status="done", closed_at=timezone.now())
    one = count_queries(lambda: client.get(url("list")))
    for _ in range(5):
        access_request(agency, manager)
        access_request(agency, manager, status="done", closed_at=timezone.now())

    assert count_queries(lambda: client.get(url("list"))) == one


# ------------------------------------------------------------------------------------------
# Registering a request


def valid(**changes) -> dict:
    return {
        "kind": "access",
        "subject_name": NAME,
        "subject_email": EMAIL,
        "received_on": "2026-01-31",
        "note": "Per Brief, Ausweis gesehen",
    } | changes


def test_new_form_suggests_today(client):
    response = client.get(url("new"))

    assert response.context["form"]["received_on"].value() == timezone.localdate()


def test_new_request_is_due_one_month_after_receipt(client, agency, manager):
    response = client.post(url("new"), valid(received_on="2026-01-31"))

    found = DataSubjectRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("detail", pk=found.pk)
    assert (found.agency, found.received_on, found.due_on) == (
        agency,
        dt.date(2026, 1, 31),
        dt.date(2026, 2, 28),
    )
    assert (found.created_by, found.status) == (manager, "open")


def test_new_request_is_logged_without_personal_data(client):
    client.post(url("new"), valid())

    [entry] = entries("privacy.request_registered")
    logged = f"{entry.object_repr} {entry.data}"
    for personal in (NAME, EMAIL, "Ausweis", "Schubert"):
        assert personal not in logged
    assert entry.data["kind"] == "access"


def test_new_request_received_in_the_future_is_refused(client):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)

    response = client.post(url("new"), valid(received_on=tomorrow.isoformat()))

    assert response.status_code == 400
    assert response.context["form"].has_error("received_on", "future")
    assert not DataSubjectRequest.objects.exists()


def test_new_request_needs_a_name_or_an_email(client):
    response = client.post(url("new"), valid(subject_name="", subject_email=""))

    assert response.status_code == 400
    assert response.context["form"].has_error("subject_name", "nobody")
    assert not DataSubjectRequest.objects.exists()


@pytest.mark.parametrize(
    "bad", [{"received_on": "31.02.2026"}, {"kind": "everything"}, {"subject_email": "kein"}]
)
def test_new_request_with_bad_input_saves_nothing(client, bad):
    response = client.post(url("new"), valid(**bad))

    assert response.status_code == 400
    assert not DataSubjectRequest.objects.exists()


# ------------------------------------------------------------------------------------------
# The request's page and its records


def test_detail_lists_the_records_found_for_the_person(
    client, agency, other_agency, manager, founder, records
):
    elsewhere = namesake_elsewhere(other_agency)
    dsr = access_request(agency, manager)

    response = client.get(url("detail", pk=dsr.pk))

    found = {match.ref for match in response.context["matches"]}
    assert f"initiatives.ContactPerson:{records['contact'].pk}" in found
    assert f"accounts.User:{founder.pk}" in found
    assert f"initiatives.ContactPerson:{elsewhere.pk}" not in found
    assert f'value="initiatives.ContactPerson:{records["contact"].pk}"' in response.content.decode()


def test_detail_searches_another_spelling(client, agency, manager, records):
    dsr = access_request(agency, manager, subject_name="Helene", subject_email="")

    response = client.get(url("detail", pk=dsr.pk), {"search-name": "Schubert-Maier"})

    assert [match.ref for match in response.context["matches"]] == [
        f"forums.Attendee:{records['attendee'].pk}"
    ]


def test_detail_of_another_agencys_request_is_404(client, other_agency, manager):
    theirs = access_request(other_agency, manager)

    assert client.get(url("detail", pk=theirs.pk)).status_code == 404


def test_confirming_records_saves_and_logs_them(client, agency, manager, founder, records):
    dsr = access_request(agency, manager)
    chosen = [f"initiatives.ContactPerson:{records['contact'].pk}", f"accounts.User:{founder.pk}"]

    response = client.post(
        url("records", pk=dsr.pk),
        {"records": chosen, "search-name": NAME, "search-email": EMAIL},
    )

    dsr.refresh_from_db()
    assert response.status_code == 302
    assert dsr.records == chosen
    [entry] = entries("privacy.request_changed")
    assert entry.data == {"records": 2}


def test_confirmed_records_stay_checked_and_can_be_unchecked(client, agency, manager, records):
    contact = f"initiatives.ContactPerson:{records['contact'].pk}"
    dsr = access_request(agency, manager, records=[contact], subject_name="Niemand Sonst")

    page = client.get(url("detail", pk=dsr.pk))
    client.post(url("records", pk=dsr.pk), {"search-name": "Niemand Sonst"})

    assert contact in page.context["checked"]
    dsr.refresh_from_db()
    assert dsr.records == []


def test_another_agencys_record_cannot_be_confirmed(client, agency, other_agency, manager):
    elsewhere = namesake_elsewhere(other_agency)
    dsr = access_request(agency, manager)

    response = client.post(
        url("records", pk=dsr.pk), {"records": [f"initiatives.ContactPerson:{elsewhere.pk}"]}
    )

    dsr.refresh_from_db()
    assert response.status_code == 400
    assert response.context["records_form"].has_error("records", "invalid_choice")
    assert dsr.records == []


def test_detail_links_the_exports_once_records_are_confirmed(client, agency, manager, records):
    dsr = access_request(agency, manager)
    before = client.get(url("detail", pk=dsr.pk)).content.decode()
    dsr.records = [f"initiatives.ContactPerson:{records['contact'].pk}"]
    dsr.save()

    after = client.get(url("detail", pk=dsr.pk)).content.decode()

    assert url("export_pdf", pk=dsr.pk) not in before
    assert url("export_pdf", pk=dsr.pk) in after and url("export_json", pk=dsr.pk) in after


def test_detail_links_the_erasure_preview_when_it_exists(client, agency, manager, records):
    from django.urls import NoReverseMatch

    dsr = access_request(agency, manager, records=[f"forums.Attendee:{records['attendee'].pk}"])
    try:
        preview = reverse("erasure:preview", kwargs={"slug": "kiez", "pk": dsr.pk})
    except NoReverseMatch:
        preview = None

    response = client.get(url("detail", pk=dsr.pk))

    assert response.context["erasure_url"] == preview
    if preview:
        assert preview in response.content.decode()


def test_detail_queries_stay_the_same_for_few_and_many_records(
    client, agency, manager, initiative, records
):
    from tests.factories import ContactPersonFactory

    dsr = access_request(agency, manager, records=[f"forums.Attendee:{records['attendee'].pk}"])
    few = count_queries(lambda: client.get(url("detail", pk=dsr.pk)))
    ContactPersonFactory.create_batch(5, initiative=initiative, name=NAME)

    assert count_queries(lambda: client.get(url("detail", pk=dsr.pk))) == few


# ------------------------------------------------------------------------------------------
# Closing


def test_closing_as_answered(client, agency, manager):
    dsr = access_request(agency, manager, note="Per Brief")

    response = client.post(url("close", pk=dsr.pk), {"status": "done", "note": "Auskunft versandt"})

    dsr.refresh_from_db()
    assert response.status_code == 302
    assert (dsr.status, dsr.closed_by) == ("done", manager)
    assert dsr.note == "Per Brief\n\nAuskunft versandt"
    [entry] = entries("privacy.request_changed")
    assert entry.data == {"status": "done"}


def test_refusing_needs_a_reason(client, agency, manager):
    dsr = access_request(agency, manager)

    response = client.post(url("close", pk=dsr.pk), {"status": "refused"})

    dsr.refresh_from_db()
    assert response.status_code == 400
    assert response.context["close_form"].has_error("note", "reason")
    assert dsr.status == "open"


def test_closing_twice_changes_nothing(client, agency, manager):
    dsr = access_request(agency, manager)
    client.post(url("close", pk=dsr.pk), {"status": "done"})

    client.post(url("close", pk=dsr.pk), {"status": "refused", "note": "doch nicht"})

    dsr.refresh_from_db()
    assert dsr.status == "done"
    assert len(entries("privacy.request_changed")) == 1


def test_closing_with_an_unknown_outcome_is_refused(client, agency, manager):
    dsr = access_request(agency, manager)

    response = client.post(url("close", pk=dsr.pk), {"status": "open"})

    assert response.status_code == 400
    dsr.refresh_from_db()
    assert dsr.status == "open"
