"""What issue 8 is done by, on the demo world, tried as the agency's data-protection officer
would: the manager of BEST finds a demo founder (a contact person of an initiative counselled
during the pilot grant, with jobs), registers her access request, confirms her records,
downloads the access export as JSON and PDF (after confirming the password), registers her
erasure request, sees in the preview that the funding-law hold of the pilot grant has ended,
and erases her. Every indicator of the grant is unchanged afterwards, and her name and e-mail
address appear nowhere: not in the contact persons, the activity log or the audit log.

In BEST Pankow, whose grant still waits for money, the same steps keep a founder's records
and restrict them instead."""

import json

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.db.models import F
from django.urls import reverse

from kiezwerk.accounts.models import User
from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.funding.indicators import QUERIES, actuals
from kiezwerk.funding.models import Grant
from kiezwerk.initiatives.models import Consultation, ContactPerson
from kiezwerk.jobs.models import Position
from kiezwerk.privacy.models import DataSubjectRequest
from tests.conftest import client_for, reauthenticate


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo")


def _officer(email: str):
    manager = User.objects.get(email=email)
    client = client_for(manager)
    client.cookies["django_language"] = "en"
    reauthenticate(client, manager)
    return client


def _counselled_with_jobs(grant: Grant) -> ContactPerson:
    """A founder (with an e-mail address) of an initiative counselled during the grant that
    has jobs; the demo's founder account first."""
    counselled = Consultation.objects.filter(
        agency=grant.agency, held_on__range=(grant.start_date, grant.end_date)
    ).values("initiative_id")
    with_jobs = Position.objects.filter(agency=grant.agency).values("initiative_id")
    return (
        ContactPerson.objects.filter(
            agency=grant.agency, initiative__in=counselled, anonymised_at__isnull=True
        )
        .filter(initiative__in=with_jobs)
        .exclude(email="")
        .order_by(F("user").asc(nulls_last=True), "pk")
        .first()
    )


def _request(client, slug: str, kind: str, person: ContactPerson) -> DataSubjectRequest:
    """Registered through the form; the person's records confirmed on the request's page."""
    data = {
        "kind": kind,
        "subject_name": person.name,
        "subject_email": person.email,
        "received_on": "2026-11-20",
        "note": "",
    }
    response = client.post(reverse("privacy_requests:new", kwargs={"slug": slug}), data)
    assert response.status_code == 302
    found = DataSubjectRequest.objects.filter(agency__slug=slug).latest("pk")
    detail = reverse("privacy_requests:detail", kwargs={"slug": slug, "pk": found.pk})
    matches = client.get(detail).context["matches"]
    refs = [m.ref for m in matches if person.name == m.name or person.email == m.email]
    search = {"search-name": person.name, "search-email": person.email}
    records = reverse("privacy_requests:records", kwargs={"slug": slug, "pk": found.pk})
    assert client.post(records, {"records": refs, **search}).status_code == 302
    found.refresh_from_db()
    assert f"initiatives.ContactPerson:{person.pk}" in found.records
    return found


def _figures(grant: Grant) -> dict:
    return actuals(QUERIES, grant.agency_id, grant.start_date, grant.end_date)


def _everywhere() -> str:
    """Every text the contact persons, the activity log and the audit log hold."""
    return str(
        [
            *ContactPerson.objects.values_list("name", "email", "phone"),
            *ActivityLogEntry.objects.values_list("object_repr", "data"),
            *LogEntry.objects.values_list(
                "object_repr", "changes", "changes_text", "serialized_data", "additional_data"
            ),
        ]
    )


def test_data_protection_officer_exports_and_erases_a_demo_founder(demo):
    grant = Grant.objects.get(title="Modellprojekt BEST")
    founder = _counselled_with_jobs(grant)
    name, email = founder.name, founder.email
    assert founder.user is not None  # the demo's founder account: it is erased too
    client = _officer("leitung@best.example")

    access = _request(client, "best", "access", founder)
    kwargs = {"slug": "best", "pk": access.pk}
    exported = client.get(reverse("privacy_requests:export_json", kwargs=kwargs))
    pdf = client.get(reverse("privacy_requests:export_pdf", kwargs=kwargs))

    assert exported.status_code == pdf.status_code == 200
    assert name in json.dumps(json.loads(exported.content), ensure_ascii=False)
    assert pdf.content.startswith(b"%PDF")

    before = _figures(grant)
    erasure = _request(client, "best", "erasure", founder)
    kwargs = {"slug": "best", "pk": erasure.pk}
    preview = client.get(reverse("erasure:preview", kwargs=kwargs))

    assert preview.status_code == 200
    items = {item.ref: item for item in preview.context["plan"].items}
    contact = items[f"initiatives.ContactPerson:{founder.pk}"]
    assert contact.action == "anonymise"
    assert contact.hold is not None and "Modellprojekt BEST" in contact.hold.reason
    assert contact.hold.until.year == 2010  # last payment 2005: 5 years after 31 December
    assert "Modellprojekt BEST" in preview.content.decode()

    erased = client.post(reverse("erasure:execute", kwargs=kwargs), {"confirm": "on"})

    assert erased.status_code == 302
    assert _figures(grant) == before
    everything = _everywhere()
    assert name not in everything
    assert email not in everything
    assert not User.objects.filter(email=email).exists()
    assert not User.objects.get(pk=founder.user_id).is_active


def test_a_founder_of_a_grant_still_waiting_for_money_is_kept_and_restricted(demo):
    grant = Grant.objects.get(title="BEST Pankow")
    founder = (
        _counselled_with_jobs(grant)
        or ContactPerson.objects.filter(
            agency=grant.agency, initiative__consultations__held_on__gte=grant.start_date
        )
        .exclude(email="")
        .first()
    )
    client = _officer("leitung@best-pankow.example")
    erasure = _request(client, "best-pankow", "erasure", founder)
    kwargs = {"slug": "best-pankow", "pk": erasure.pk}

    preview = client.get(reverse("erasure:preview", kwargs=kwargs))
    [contact] = [i for i in preview.context["plan"].items if i.record == founder]
    client.post(reverse("erasure:execute", kwargs=kwargs), {"confirm": "on"})

    assert contact.action == "keep"
    assert contact.hold.until is None
    assert "BEST Pankow" in contact.hold.reason
    founder.refresh_from_db()
    assert founder.anonymised_at is None
    assert founder.restricted_at is not None
