"""The record of processing activities (Art. 30): generated from the registry, as a page and
as a tagged PDF in German."""

import subprocess

import pytest
from django.urls import reverse
from django.utils import translation

from kiezwerk.privacy import processing
from kiezwerk.privacy.registry import RETENTION_SENTENCES, Category, Purpose, Retention
from tests.conftest import client_for, count_queries
from tests.factories import ConsultationFactory, InitiativeFactory
from tests.reporting.test_funder_report import german, pdf_text, tool

PAGE = "privacy_registry:processing"
PDF = "privacy_registry:processing_pdf"


def url(name: str = PAGE) -> str:
    return reverse(name, kwargs={"slug": "kiez"})


def activities(agency) -> dict:
    with translation.override("en"):
        return {activity.key: activity for activity in processing.build(agency).activities}


@pytest.fixture
def addressed(agency):
    agency.legal_entity = "Kiezwerk Trägerverein e. V."
    agency.street = "Lindenstraße 12"
    agency.postcode = "10969"
    agency.email = "info@kiez.test"
    agency.save()
    return agency


# ------------------------------------------------------------------------------------------
# The content


def test_every_purpose_with_personal_data_is_an_activity(agency):
    assert list(activities(agency)) == list(Purpose.values)


def test_counselling_covers_founders_case_data_and_its_basis(agency):
    counselling = activities(agency)[Purpose.COUNSELLING]

    assert counselling.purpose == "Founding counselling of initiatives"
    assert "Founders and contact persons of initiatives" in counselling.subjects
    assert "Counselling and case data" in counselling.categories
    assert "Task in the public interest, Art. 6(1)(e) GDPR" in counselling.bases
    assert "the partner organisation the initiative is referred to" in counselling.recipients
    with translation.override("en"):
        assert str(RETENTION_SENTENCES[Retention.COUNSELLING]) in counselling.retention
    assert "Consultations" in counselling.records


def test_funding_evidence_names_job_holders_and_special_categories(agency):
    evidence = activities(agency)[Purpose.FUNDING_EVIDENCE]

    assert "Holders of jobs in the supported enterprises" in evidence.subjects
    assert "Special categories (Art. 9 GDPR): health, origin" in evidence.categories
    assert "Explicit consent, Art. 9(2)(a) GDPR" in evidence.bases
    assert "the funder, as aggregate figures only" in evidence.recipients


def test_recipients_belong_to_the_purpose_of_their_fields(agency):
    """The public sees a staff member's name only on the portal, never for log-in data."""
    found = activities(agency)

    listed = "the public, on the agency's page: name and function, only with consent"
    assert listed in found[Purpose.PORTAL].recipients
    assert found[Purpose.ACCOUNTS].recipients == ["nobody outside the agency"]


def test_log_and_third_party_tables_are_part_of_security(agency):
    security = activities(agency)[Purpose.SECURITY]

    assert "Activity log" in security.records
    assert {"Access attempts", "Access logs"} <= set(security.records)
    assert "Staff and account holders" in security.subjects


def test_page_shows_the_agency_as_controller_and_each_purpose(addressed, manager):
    response = client_for(manager).get(url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "Kiezwerk Trägerverein e. V." in html
    assert "Lindenstraße 12" in html and "10969" in html and "info@kiez.test" in html
    for purpose in Purpose:
        assert f'id="purpose-{purpose.value}"' in html
    assert reverse(PDF, kwargs={"slug": "kiez"}) in html


def test_superuser_reads_the_record(agency, superuser):
    assert client_for(superuser).get(url()).status_code == 200


def test_page_costs_the_same_queries_with_one_and_many_cases(agency, neighbourhoods, manager):
    client = client_for(manager)

    InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[0])
    few = count_queries(lambda: client.get(url()))
    for _ in range(5):
        initiative = InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[0])
        ConsultationFactory(agency=agency, initiative=initiative, notes="Frau K. kam allein.")
    many = count_queries(lambda: client.get(url()))

    assert few == many


# ------------------------------------------------------------------------------------------
# The PDF


def test_pdf_is_a_tagged_german_attachment_with_the_categories(addressed, evaluator, tmp_path):
    response = client_for(evaluator).get(url(PDF))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "kiez-" in response["Content-Disposition"]
    assert response["Content-Disposition"].endswith('.pdf"')
    text = pdf_text(response.content, tmp_path)
    category, purpose = german(str(Category.COUNSELLING.label), str(Purpose.COUNSELLING.label))
    assert category[0].upper() + category[1:] in text
    assert purpose[0].upper() + purpose[1:] in text
    assert "Lindenstraße 12" in text
    info = subprocess.run(
        [tool("pdfinfo"), str(tmp_path / "report.pdf")], capture_output=True, check=True, text=True
    ).stdout
    assert "Tagged: yes" in " ".join(info.split())


def test_print_document_is_german_with_a_page_counter(agency):
    with translation.override("de"):
        html = processing.render_html(processing.build(agency))

    assert '<html lang="de">' in html
    assert "counter(pages)" in html
