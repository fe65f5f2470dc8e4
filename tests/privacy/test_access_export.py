"""The access export of a request's confirmed records (Art. 15/20): JSON and PDF behind the
permission and a fresh password, its content (fields, the consultations with their notes,
consents, activity-log and audit rows, the Art. 15 information), nothing about anyone else,
the download logged without personal data, and the same queries for few and many rows."""

import json
import shutil
import subprocess

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from kiezwerk.core.activity import log_action
from kiezwerk.core.consent import purpose, record_consent
from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.privacy import access, subjects
from tests.conftest import client_for, count_queries, reauthenticate
from tests.factories import ConsultationFactory, MilestoneFactory
from tests.privacy.requests_world import (
    EMAIL,
    NAME,
    NOTE,
    OTHER_NOTE,
    access_request,
    lena,
    namesake_elsewhere,
    olga,
)

pytestmark = pytest.mark.django_db


def url(name: str, dsr) -> str:
    return reverse(f"privacy_requests:{name}", kwargs={"slug": "kiez", "pk": dsr.pk})


@pytest.fixture
def client(manager):
    client = client_for(manager)
    reauthenticate(client, manager)
    return client


@pytest.fixture
def world(agency, other_agency, neighbourhoods, manager, founder, initiative):
    """Lena's confirmed records with a log row about her, one she wrote, and Olga's."""
    records = lena(agency, neighbourhoods, founder, initiative)
    other = olga(agency, neighbourhoods)
    namesake_elsewhere(other_agency)
    log_action(manager, "changed", records["contact"], {"role": "Kassenwartin"})
    log_action(founder, "initiatives.milestone_done", MilestoneFactory(initiative=initiative))
    log_action(manager, "changed", other, {"name": "Olga Andere"})
    refs = [
        f"accounts.User:{founder.pk}",
        f"initiatives.ContactPerson:{records['contact'].pk}",
        f"forums.Attendee:{records['attendee'].pk}",
        f"appointments.AppointmentRequest:{records['appointment'].pk}",
    ]
    dsr = access_request(agency, manager, records=refs)
    return {**records, "other": other, "dsr": dsr}


def exported(client, dsr) -> dict:
    response = client.get(url("export_json", dsr))
    assert response.status_code == 200
    return json.loads(response.content)


@pytest.mark.parametrize("name", ["export_json", "export_pdf"])
def test_export_asks_for_the_password_again(manager, world, name):
    response = client_for(manager).get(url(name, world["dsr"]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not ActivityLogEntry.objects.filter(verb="privacy.access_exported").exists()


@pytest.mark.parametrize("persona", ["advisor", "evaluator", "founder"], indirect=True)
def test_export_is_403_for_other_members_even_after_reauthentication(persona, world):
    client = client_for(persona)
    reauthenticate(client, persona)

    assert client.get(url("export_json", world["dsr"])).status_code == 403


def test_export_of_another_agencys_request_is_404(client, other_agency, manager):
    theirs = access_request(other_agency, manager)

    assert client.get(url("export_json", theirs)).status_code == 404


def test_json_holds_the_records_with_their_export_fields(client, world, founder):
    content = exported(client, world["dsr"])

    assert [record["ref"] for record in content["records"]] == world["dsr"].records
    contact = content["records"][1]
    fields = {fact["field"]: fact["value"] for fact in contact["fields"]}
    assert fields["name"] == NAME and fields["email"] == EMAIL.upper()
    assert fields["phone"] == "030 111"
    user = content["records"][0]
    assert "password" not in {fact["field"] for fact in user["fields"]}
    assert [item["role"] for item in user["memberships"]] == ["founder"]


def test_json_holds_the_consultations_with_their_notes(client, world):
    content = exported(client, world["dsr"])

    [consultation] = content["records"][1]["consultations"]
    assert consultation["notes"] == NOTE
    assert consultation["held_on"] == "2026-01-05"


def test_json_holds_activity_about_the_records_and_by_the_person(client, world):
    content = exported(client, world["dsr"])

    about = [row for row in content["activity"] if row["record"]]
    by_person = [row for row in content["activity"] if row["by_person"]]
    assert [(row["verb"], row["details"]) for row in about] == [
        ("changed", {"role": "Kassenwartin"})
    ]
    assert [(row["verb"], row["record"], row["details"]) for row in by_person] == [
        ("initiatives.milestone_done", None, {})
    ]


def test_json_holds_audit_rows_with_reads(client, world, manager):
    contact = world["contact"]
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(contact),
        object_pk=str(contact.pk),
        object_id=contact.pk,
        object_repr=str(contact),
        action=LogEntry.Action.ACCESS,
        actor=manager,
    )

    content = exported(client, world["dsr"])

    ref = f"initiatives.ContactPerson:{contact.pk}"
    actions = [row["action"] for row in content["audit"] if row["record"] == ref]
    assert actions == ["create", "access"]


def test_json_holds_the_consents(client, world):
    record_consent(world["attendee"], "forums.named_attendee", channel="paper")

    content = exported(client, world["dsr"])

    [consent] = content["consents"]
    assert consent["record"] == f"forums.Attendee:{world['attendee'].pk}"
    assert (consent["purpose"], consent["text_version"], consent["withdrawn_at"]) == (
        "forums.named_attendee",
        purpose("forums.named_attendee").text_version,
        None,
    )


def test_json_holds_the_art_15_information_and_the_controller(client, agency, world):
    content = exported(client, world["dsr"])

    assert content["controller"]["name"] == agency.name
    kinds = [item["type"] for item in content["information"]]
    assert kinds == [
        "accounts.User",
        "initiatives.ContactPerson",
        "forums.Attendee",
        "appointments.AppointmentRequest",
    ]
    for item in content["information"]:
        assert item["purposes"] and item["legal_bases"] and item["storage"]
        assert item["recipients"] and item["source"]
    assert len(content["rights"]) >= 3


def test_json_keeps_nobody_elses_data(client, world):
    text = json.dumps(exported(client, world["dsr"]), ensure_ascii=False)

    assert "Olga" not in text and OTHER_NOTE not in text
    assert "Anderswo" not in text
    assert "Karin Albers" not in text  # the manager who logged the change


def test_json_dates_are_iso_in_berlin_time(client, world):
    content = exported(client, world["dsr"])

    generated = content["generated_at"]
    assert generated[:10] == timezone.localdate().isoformat()
    assert generated[-6:] in ("+01:00", "+02:00")
    assert content["request"]["due_on"] == world["dsr"].due_on.isoformat()


def test_restricted_records_are_exported_and_marked(client, world):
    contact = world["contact"]
    contact.restricted_at = timezone.now()
    contact.save()

    content = exported(client, world["dsr"])

    assert [record["restricted"] for record in content["records"]] == [False, True, False, False]


def test_download_is_logged_without_personal_data(client, world):
    client.get(url("export_json", world["dsr"]))

    [entry] = ActivityLogEntry.objects.filter(verb="privacy.access_exported")
    assert entry.data == {"format": "json", "records": 4}
    assert NAME not in entry.object_repr and EMAIL not in entry.object_repr


def test_download_is_a_named_attachment(client, world):
    response = client.get(url("export_json", world["dsr"]))

    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="auskunft-')


def test_build_runs_the_same_queries_for_few_and_many_rows(agency, manager, world, initiative):
    dsr = world["dsr"]
    build = lambda: access.build(agency, subjects.load(agency, dsr.records), request=dsr)  # noqa: E731
    build()  # content types cached
    few = count_queries(build)
    ConsultationFactory.create_batch(5, initiative=initiative, notes="Noch eine Beratung")
    for number in range(5):
        log_action(manager, "changed", world["contact"], {"role": f"Rolle {number}"})
        world["contact"].save()  # an audit row each

    assert count_queries(build) == few


def test_pdf_is_a_tagged_german_document_with_the_notes(client, world):
    response = client.get(url("export_pdf", world["dsr"]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils are not installed")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert "Seite 1 von" in text
    assert "Businessplan besprochen" in text
    info = subprocess.run(
        ["pdfinfo", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert "Tagged: yes" in " ".join(info.split())


def test_pdf_document_is_german_html_without_outside_requests(agency, world):
    from django.utils import translation

    from kiezwerk.privacy import access_pdf

    dsr = world["dsr"]
    with translation.override("de"):
        html = access_pdf.render_html(access.build(agency, subjects.load(agency, dsr.records)))

    assert '<html lang="de">' in html
    assert "http" not in html and "<script" not in html
