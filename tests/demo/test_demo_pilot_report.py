"""What issue 6 is done by, on the demo world: for the pilot grant "Modellprojekt BEST" (ESF
Art. 6, December 2002 to December 2004) management requests the funder report of 2003 through
its pages and gets PDF, XLSX and CSV; every actual value in the report equals the evaluation
dashboard's number for 2003 and the number of records behind it. The evaluator downloads the
pseudonymised export, which holds the agency's initiatives under pseudonyms only."""

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from defusedcsv import csv
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from kiezwerk.accounts.models import User
from kiezwerk.funding.indicators import Span
from kiezwerk.funding.models import Grant, Indicator
from kiezwerk.initiatives.models import ContactPerson, Initiative
from kiezwerk.reporting.evaluation import records
from kiezwerk.reporting.models import FunderReport
from tests.conftest import client_for, reauthenticate

YEAR_2003 = (dt.date(2003, 1, 1), dt.date(2003, 12, 31))


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo")
    return Grant.objects.get(title="Modellprojekt BEST")


def _report_of_2003(grant: Grant, on_commit) -> FunderReport:
    """Requested through the form; generated when the request commits (immediate backend)."""
    manager = User.objects.get(email="leitung@best.example")
    url = reverse("reporting:funder_report_new", kwargs={"slug": "best", "pk": grant.pk})
    with on_commit(execute=True):
        response = client_for(manager).post(url, {"period": "2003"})
    assert response.status_code == 302
    return FunderReport.objects.get(grant=grant, start=YEAR_2003[0], end=YEAR_2003[1])


def _csv_actuals(report: FunderReport) -> dict[str, Decimal]:
    """{query key: actual value} from the indicator section of the report's CSV file."""
    with report.csv.open("rb") as handle:
        text = handle.read().decode("utf-8-sig")
    with translation.override("de"):
        section = gettext("Indicators")
    rows = [row for row in csv.reader(io.StringIO(text), delimiter=";") if row[0] == section]
    queries = dict(Indicator.objects.values_list("code", "query"))
    lines = rows[1:-1]  # the first line names the columns, the last one is the note
    return {queries[row[1].split()[0]]: Decimal(row[4].replace(",", ".")) for row in lines}


def _dashboard_2003(agency_slug: str) -> dict[str, Decimal]:
    evaluator = User.objects.get(email="evaluation@best.example")
    url = reverse("evaluation:dashboard", kwargs={"slug": agency_slug})
    response = client_for(evaluator).get(url, {"from": 2003, "to": 2003})
    assert response.status_code == 200
    return {
        row.key: row.cells[0].value for group in response.context["groups"] for row in group.rows
    }


def test_pilot_report_numbers_match_the_dashboard_and_the_records_behind_them(
    demo, django_capture_on_commit_callbacks
):
    report = _report_of_2003(demo, django_capture_on_commit_callbacks)

    report.refresh_from_db()
    assert report.status == "done"
    assert all(size > 0 for size in (report.pdf_size, report.xlsx_size, report.csv_size))
    actuals = _csv_actuals(report)
    dashboard = _dashboard_2003("best")
    span = Span(demo.agency_id, *YEAR_2003)
    assert {"consultations_held", "enterprises_founded", "jobs_created"} <= set(actuals)
    for key, actual in actuals.items():
        listing = records.listing(key, span)
        assert (key, actual) == (key, dashboard[key])
        assert (key, listing.total(listing.rows)) == (key, actual)
    assert actuals["consultations_held"] > 0


def test_evaluator_downloads_the_pseudonymised_export(demo):
    evaluator = User.objects.get(email="evaluation@best.example")
    url = reverse("evaluation_export:export", kwargs={"slug": "best"})

    client = client_for(evaluator)
    reauthenticate(client, evaluator)  # the download asks for the password again

    response = client.post(url, {"first": "", "last": ""})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        initiatives = archive.read("initiatives.csv").decode("utf-8-sig")
        everything = " ".join(
            archive.read(name).decode("utf-8-sig", errors="replace") for name in archive.namelist()
        )
    lines = initiatives.strip().splitlines()
    assert len(lines) - 1 == Initiative.objects.filter(agency=demo.agency).count()
    people = ContactPerson.objects.filter(initiative__agency=demo.agency)
    for name, email in people.values_list("name", "email"):
        assert name not in everything
        assert not email or email not in everything
