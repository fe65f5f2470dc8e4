"""Importing initiatives with their contact person from a file: the template, the dry run,
the import (idempotent, all or nothing), the advisor's neighbourhoods, consent, the log."""

import datetime as dt
import hashlib
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from kiezwerk.core.models import ActivityLogEntry, Consent
from kiezwerk.initiatives.models import ContactPerson, Initiative, StageChange
from tests.conftest import client_for, count_queries
from tests.factories import ContactPersonFactory, InitiativeFactory

HEADER = (
    "Externe Referenz;Name;Quartier;Phase;Rechtsform;Gegründet am;Idee;Kontakt Name;"
    "Kontakt Rolle;Kontakt E-Mail;Kontakt Telefon;Einwilligung erfasst am"
)
ROW = (
    "{ref};{name};Boxhagener Platz;concept;ev;01.02.2024;Eine Idee;Erika Muster;Sprecherin;"
    "erika@example.org;030 123;15.01.2024"
)


def csv_file(*rows: str, header: str = HEADER, name: str = "initiativen.csv"):
    text = "\n".join([header, *rows]) + "\n"
    return SimpleUploadedFile(name, text.encode("utf-8-sig"), content_type="text/csv")


def rows(count: int, start: int = 1) -> list[str]:
    return [ROW.format(ref=f"R-{n}", name=f"Initiative {n}") for n in range(start, start + count)]


def url(name: str = "initiatives:import", **kwargs) -> str:
    return reverse(name, kwargs={"slug": "kiez", **kwargs})


def check(client, file):
    return client.post(url(), {"file": file})


def apply(client, file, checksum):
    return client.post(url(), {"file": file, "checksum": checksum, "apply": "1"})


def checked(client, *lines):
    response = check(client, csv_file(*lines))
    assert response.status_code == 200, response.context["problems"]
    return response


def imported(client, *lines):
    response = checked(client, *lines)
    checksum = response.context["confirm"].initial["checksum"]
    return apply(client, csv_file(*lines), checksum)


def problems(response) -> list[tuple[int, str]]:
    return [(problem.row, problem.column) for problem in response.context["problems"]]


def test_import_page_shows_columns_and_template_links(manager):
    response = client_for(manager).get(url())
    assert response.status_code == 200
    assert b"import-columns" in response.content
    assert url("initiatives:import_template", fmt="xlsx").encode() in response.content


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_template_round_trip_creates_the_example(manager, fmt):
    client = client_for(manager)
    response = client.get(url("initiatives:import_template", fmt=fmt))
    content = b"".join(response.streaming_content)
    file = SimpleUploadedFile(f"vorlage.{fmt}", content)
    dry_run = check(client, file)
    assert dry_run.status_code == 200, dry_run.context["problems"]
    assert dry_run.context["plan"].counts == {"create": 1, "change": 0, "unchanged": 0}


def test_template_has_german_header_and_an_example_row(manager):
    response = client_for(manager).get(url("initiatives:import_template", fmt="xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:3] == ("Externe Referenz", "Name", "Quartier")
    assert len(values) == 2
    assert values[1][2] == "Boxhagener Platz"


def test_dry_run_saves_nothing_and_lists_what_would_be_created(manager):
    response = checked(client_for(manager), *rows(2))
    assert response.context["plan"].counts == {"create": 2, "change": 0, "unchanged": 0}
    assert Initiative.objects.count() == 0
    assert b"import-plan" in response.content


def test_import_creates_initiatives_with_contacts_consent_and_stage(manager, neighbourhoods):
    response = imported(client_for(manager), *rows(2))
    assert response.status_code == 302
    initiative = Initiative.objects.get(external_ref="R-1")
    assert (initiative.name, initiative.neighbourhood, initiative.stage) == (
        "Initiative 1",
        neighbourhoods[0],
        "concept",
    )
    assert initiative.founded_on == dt.date(2024, 2, 1)
    contact = ContactPerson.objects.get(initiative=initiative)
    assert (contact.email, contact.external_ref, contact.consent_recorded_by) == (
        "erika@example.org",
        "R-1",
        manager,
    )
    assert timezone.localtime(contact.consent_given_at).date() == dt.date(2024, 1, 15)
    consent = Consent.objects.get(object_id=str(contact.pk))
    assert (consent.purpose, consent.channel) == ("initiatives.contact_details", "paper")
    assert StageChange.objects.filter(initiative=initiative, to_stage="concept").count() == 1
    entry = ActivityLogEntry.objects.get(verb="initiatives.imported")
    assert entry.data == {"file": "initiativen.csv", "create": 2, "change": 0, "unchanged": 0}


def test_same_file_twice_changes_nothing_the_second_time(manager):
    client = client_for(manager)
    imported(client, *rows(3))
    before = list(Initiative.objects.values().order_by("pk"))
    again = checked(client, *rows(3))
    assert again.context["plan"].counts == {"create": 0, "change": 0, "unchanged": 3}
    imported(client, *rows(3))
    assert list(Initiative.objects.values().order_by("pk")) == before
    assert ContactPerson.objects.count() == 3
    assert Consent.objects.count() == 3
    assert ActivityLogEntry.objects.filter(verb="initiatives.imported").count() == 1


def test_changes_are_shown_field_by_field_and_applied(manager, neighbourhoods):
    client = client_for(manager)
    imported(client, *rows(1))
    changed = ROW.format(ref="R-1", name="Neuer Name").replace("concept", "founding")
    response = checked(client, changed)
    plan = response.context["plan"].rows[0]
    assert plan.action == "change"
    with translation.override("en"):
        fields = [change.field for change in plan.changes]
    assert len(fields) == 2
    imported(client, changed)
    initiative = Initiative.objects.get(external_ref="R-1")
    assert (initiative.name, initiative.stage, initiative.stage_version) == (
        "Neuer Name",
        "founding",
        1,
    )
    assert StageChange.objects.filter(initiative=initiative).count() == 2


def test_a_bad_last_row_rejects_the_whole_file(manager):
    client = client_for(manager)
    lines = [*rows(9), ROW.format(ref="R-10", name="Kaputt").replace("01.02.2024", "32.13.2024")]
    response = check(client, csv_file(*lines))
    assert response.status_code == 400
    assert problems(response) == [(11, "Gegründet am")]
    response = apply(client, csv_file(*lines), "x")
    assert response.status_code == 400
    assert Initiative.objects.count() == 0


def test_problems_named_by_row_and_column(manager):
    lines = [
        ROW.format(ref="A", name="Eins").replace("15.01.2024", ""),  # contact without consent
        ROW.format(ref="A", name="Zwei"),  # repeated reference
        ROW.format(ref="B", name="Drei").replace("Boxhagener Platz", "Mitte"),
        ROW.format(ref="C", name="Vier").replace("concept", "paused"),
        ROW.format(ref="D", name="Fünf").replace("erika@example.org", "keine"),
    ]
    response = check(client_for(manager), csv_file(*lines))
    assert response.status_code == 400
    assert problems(response) == [
        (2, "Einwilligung erfasst am"),
        (3, "Externe Referenz"),
        (4, "Quartier"),
        (5, "Phase"),
        (6, "Kontakt E-Mail"),
    ]


def test_unknown_and_missing_columns(manager):
    response = check(client_for(manager), csv_file("x;y", header="Externe Referenz;Farbe"))
    assert problems(response) == [(1, "Farbe"), (1, "Name"), (1, "Quartier")]


def test_advisor_imports_only_in_the_team_neighbourhoods(advisor, neighbourhoods):
    client = client_for(advisor)
    other = ROW.format(ref="X", name="Anderswo").replace("Boxhagener Platz", "Helmholtzplatz")
    assert problems(check(client, csv_file(other))) == [(2, "Quartier")]
    InitiativeFactory(
        agency=neighbourhoods[1].agency, neighbourhood=neighbourhoods[1], external_ref="Y"
    )
    response = check(client, csv_file(ROW.format(ref="Y", name="Fremd")))
    assert problems(response) == [(2, "Externe Referenz")]
    assert imported(client, *rows(1)).status_code == 302


def test_contact_without_consent_in_force_is_not_changed(manager, initiative):
    initiative.external_ref = "R-1"
    initiative.save()
    ContactPersonFactory(initiative=initiative, external_ref="R-1", consent_given_at=None)
    response = check(client_for(manager), csv_file(*rows(1)))
    assert problems(response) == [(2, "Kontakt Name")]


def test_import_with_another_file_than_the_one_checked_shows_its_dry_run(manager):
    client = client_for(manager)
    response = checked(client, *rows(1))
    checksum = response.context["confirm"].initial["checksum"]
    response = apply(client, csv_file(*rows(2)), checksum)
    assert response.status_code == 200
    assert response.context["confirm"].changed_file
    assert Initiative.objects.count() == 0


@pytest.mark.parametrize(
    "content",
    [b"\x89PNG\r\n\x1a\n" + bytes(64), HEADER.encode() + b"\nR-1;Nur;Boxhagener Platz;x\n"],
)
def test_file_sent_to_import_without_a_dry_run_is_still_checked(manager, content):
    """The import reads the file again itself (the form reads only for the dry run): a file
    sent straight with "Import" and its own checksum is refused, nothing saved, no 500."""
    checksum = hashlib.sha256(content).hexdigest()
    file = SimpleUploadedFile("initiativen.csv", content)

    response = apply(client_for(manager), file, checksum)

    assert response.status_code == 400
    assert response.context["problems"]
    assert Initiative.objects.count() == 0


def test_german_headings_in_english_and_keys_are_taken(manager):
    header = HEADER.replace("Externe Referenz", "External reference").replace(
        "Quartier", "neighbourhood"
    )
    assert check(client_for(manager), csv_file(*rows(1), header=header)).status_code == 200


def test_import_queries_do_not_grow_with_rows(manager, neighbourhoods):
    client = client_for(manager)

    def run(count: int, start: int):
        return lambda: imported(client, *rows(count, start))

    few = count_queries(run(2, 1))
    many = count_queries(run(20, 100))
    assert few == many


def test_wrong_method_and_bad_format(manager):
    client = client_for(manager)
    assert client.delete(url()).status_code == 405
    assert client.get(url("initiatives:import_template", fmt="pdf")).status_code == 404
