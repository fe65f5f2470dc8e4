"""Funder reports of a grant, through their pages: requesting a report generates its PDF, XLSX
and CSV in the background (here at once), every version stays, the report page shows status
and progress, funders read only finished reports of the grants they read, failures become a
message instead of an error page, and the list needs constant queries.

The report's content and its files are tested in test_funder_report.py."""

import datetime as dt

import pytest
from django.urls import reverse

from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.reporting import funder_report
from kiezwerk.reporting.enums import ReportStatus
from kiezwerk.reporting.models import FunderReport
from kiezwerk.reporting.tasks import FAILED_MESSAGE
from tests.conftest import client_for, count_queries
from tests.funding.grants import grant_with_figures, make_reader, plain_grant
from tests.reporting.reports import YEAR_2003, requested_report, stored_report

WHOLE = (dt.date(2003, 1, 1), dt.date(2004, 12, 31))
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def grant(agency, manager):
    return grant_with_figures(agency, manager)


def _url(name: str, grant, **kwargs) -> str:
    return reverse(f"reporting:{name}", kwargs={"slug": "kiez", "pk": grant.pk, **kwargs})


def _report_url(name: str, report, **kwargs) -> str:
    return _url(name, report.grant, report=report.pk, **kwargs)


def _commentary_key() -> str:
    return funder_report.COMMENTARY_FIELDS[0][0]


def _post_new(client, grant, period: str, **commentary):
    data = {"period": period} | {f"commentary_{key}": text for key, text in commentary.items()}
    return client.post(_url("funder_report_new", grant), data)


# ------------------------------------------------------------------------------------------
# Requesting and generating


def test_request_generates_the_report_and_shows_its_page(
    grant, manager, django_capture_on_commit_callbacks
):
    key = _commentary_key()
    with django_capture_on_commit_callbacks(execute=True):
        response = _post_new(client_for(manager), grant, "2003", **{key: "Gut gelaufen."})

    report = FunderReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _report_url("funder_report", report)
    assert (report.start, report.end, report.version) == (*YEAR_2003, 1)
    assert (report.status, report.progress, report.error) == ("done", 100, "")
    assert report.generated_at is not None
    assert report.commentary[key] == "Gut gelaufen."
    assert report.requested_by == manager


def test_report_files_are_stored_privately_with_their_sizes(grant, manager, tmp_path):
    report = requested_report(grant, manager)

    for fmt in ("pdf", "xlsx", "csv"):
        stored = tmp_path / getattr(report, fmt).name
        assert getattr(report, fmt).name.startswith(f"reports/{grant.agency_id}/{grant.pk}/")
        assert stored.stat().st_size == getattr(report, f"{fmt}_size") > 0


@pytest.mark.parametrize("fmt", ["pdf", "xlsx", "csv"])
def test_download_is_an_attachment_named_for_grant_period_and_version(grant, manager, fmt):
    report = requested_report(grant, manager)

    response = client_for(manager).get(_report_url("funder_report_download", report, fmt=fmt))

    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPES[fmt]
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename=")
    assert disposition.endswith(f'-modellprojekt-kiez-2003-01-01-2003-12-31-v1.{fmt}"')
    assert b"".join(response.streaming_content) == getattr(report, fmt).open("rb").read()


def test_pdf_download_is_a_pdf(grant, manager):
    report = requested_report(grant, manager)

    response = client_for(manager).get(_report_url("funder_report_download", report, fmt="pdf"))

    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_request_and_download_are_logged(grant, manager):
    report = requested_report(grant, manager)
    client_for(manager).get(_report_url("funder_report_download", report, fmt="csv"))

    verbs = list(ActivityLogEntry.objects.order_by("pk").values_list("verb", flat=True))
    assert verbs[-3:] == [
        "reporting.funder_report_requested",
        "reporting.funder_report_generated",
        "reporting.funder_report_downloaded",
    ]


def test_regenerating_makes_the_next_version_and_keeps_the_old_one(
    grant, manager, django_capture_on_commit_callbacks
):
    first = requested_report(grant, manager, commentary={_commentary_key(): "Erste Fassung"})

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(manager).post(_report_url("funder_report_regenerate", first))

    second = FunderReport.objects.get(version=2)
    assert response["Location"] == _report_url("funder_report", second)
    assert (second.start, second.end, second.status) == (first.start, first.end, "done")
    assert second.commentary == first.commentary
    assert second.pdf.name != first.pdf.name
    old = client_for(manager).get(_report_url("funder_report_download", first, fmt="csv"))
    assert old.status_code == 200
    listed = client_for(manager).get(_url("funder_reports", grant))
    assert listed.context["reports"] == [second, first]


def test_versions_count_per_period(grant, manager):
    requested_report(grant, manager)
    requested_report(grant, manager)
    whole = requested_report(grant, manager, period=WHOLE)

    assert whole.version == 1
    assert list(FunderReport.objects.values_list("version", flat=True)) == [1, 2, 1]


def test_regenerating_an_unfinished_report_is_refused(grant, manager):
    report = stored_report(grant, status="running", progress=40)

    response = client_for(manager).post(_report_url("funder_report_regenerate", report))

    assert response.status_code == 302
    assert FunderReport.objects.count() == 1


def test_a_failing_build_marks_the_report_failed_with_a_message(
    grant, manager, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    def broken(*args, **kwargs):
        raise RuntimeError("kaputt")

    monkeypatch.setattr(funder_report, "build", broken)
    with django_capture_on_commit_callbacks(execute=True):
        response = _post_new(client_for(manager), grant, "2003")

    report = FunderReport.objects.get()
    page = client_for(manager).get(response["Location"])
    assert response.status_code == 302
    assert (report.status, report.pdf.name, report.generated_at) == ("failed", "", None)
    assert report.error == str(FAILED_MESSAGE)
    assert page.status_code == 200
    assert report.error in page.content.decode()
    assert "kaputt" not in page.content.decode()
    assert "kaputt" in caplog.text


# ------------------------------------------------------------------------------------------
# The form


def test_form_offers_each_year_cut_to_the_grant_and_the_whole_period(agency, manager):
    grant = plain_grant(agency, start_date=dt.date(2002, 12, 1), end_date=dt.date(2004, 6, 30))

    form = client_for(manager).get(_url("funder_report_new", grant)).context["form"]

    assert form.periods == {
        "2002": (dt.date(2002, 12, 1), dt.date(2002, 12, 31)),
        "2003": (dt.date(2003, 1, 1), dt.date(2003, 12, 31)),
        "2004": (dt.date(2004, 1, 1), dt.date(2004, 6, 30)),
        "whole": (dt.date(2002, 12, 1), dt.date(2004, 6, 30)),
    }
    assert form.initial["period"] == "whole"


def test_form_prefills_the_commentary_of_the_period_latest_report(grant, manager):
    key = _commentary_key()
    stored_report(grant, version=1, commentary={key: "Alt"})
    stored_report(grant, version=2, commentary={key: "Neu"})
    stored_report(grant, period=WHOLE, commentary={key: "Ganzer Zeitraum"})

    response = client_for(manager).get(_url("funder_report_new", grant) + "?period=2003")

    assert response.context["form"].initial == {"period": "2003", f"commentary_{key}": "Neu"}
    assert "Neu</textarea>" in response.content.decode()


def test_form_without_a_report_of_the_period_starts_empty(grant, manager):
    stored_report(grant, commentary={_commentary_key(): "Alt"})

    response = client_for(manager).get(_url("funder_report_new", grant) + "?period=2004")

    assert response.context["form"].initial == {"period": "2004"}


@pytest.mark.parametrize("period", ["", "1999", "2003-01-01_2005-12-31"])
def test_invalid_period_is_400_with_an_error_and_creates_nothing(grant, manager, period):
    response = _post_new(client_for(manager), grant, period)

    assert response.status_code == 400
    assert response.context["form"].errors["period"]
    assert FunderReport.objects.count() == 0


def test_too_long_commentary_is_400(grant, manager):
    response = _post_new(client_for(manager), grant, "2003", **{_commentary_key(): "x" * 10_001})

    assert response.status_code == 400
    assert FunderReport.objects.count() == 0


# ------------------------------------------------------------------------------------------
# The report page


@pytest.mark.parametrize(("status", "progress"), [("queued", 0), ("running", 40)])
def test_unfinished_report_shows_progress_and_a_refresh_link(grant, manager, status, progress):
    report = stored_report(grant, status=status, progress=progress)
    url = _report_url("funder_report", report)

    page = client_for(manager).get(url).content.decode()

    assert f'<progress id="report-progress" max="100" value="{progress}">' in page
    assert f'<a href="{url}">' in page
    assert 'hx-trigger="every 2s"' in page
    assert "_download" not in page and "/csv/" not in page
    assert "regenerate" not in page


def test_done_report_shows_its_files_and_stops_polling(grant, manager):
    report = stored_report(grant)

    page = client_for(manager).get(_report_url("funder_report", report)).content.decode()

    for fmt in ("pdf", "xlsx", "csv"):
        assert _report_url("funder_report_download", report, fmt=fmt) in page
    assert "hx-trigger" not in page
    assert _report_url("funder_report_regenerate", report) in page


def test_htmx_asks_only_for_the_status(grant, manager):
    report = stored_report(grant, status="running", progress=70)

    response = client_for(manager).get(_report_url("funder_report", report), HTTP_HX_REQUEST="true")

    page = response.content.decode()
    assert page.lstrip().startswith('<div id="report-status"')
    assert 'value="70"' in page
    assert "<html" not in page


@pytest.mark.parametrize("status", ["queued", "running", "failed"])
def test_unfinished_report_has_no_downloads(grant, manager, status):
    report = stored_report(grant, status=status)

    response = client_for(manager).get(_report_url("funder_report_download", report, fmt="pdf"))

    assert response.status_code == 404


def test_unknown_format_is_404(grant, manager):
    report = stored_report(grant)

    response = client_for(manager).get(_report_url("funder_report_download", report, fmt="docx"))

    assert response.status_code == 404


# ------------------------------------------------------------------------------------------
# Who sees what


def test_funder_reader_sees_only_done_reports_and_downloads_them(grant, funder):
    make_reader(grant, funder)
    done = stored_report(grant, version=1)
    running = stored_report(grant, version=2, status="running")
    failed = stored_report(grant, version=3, status="failed", error="Fehler")
    client = client_for(funder)

    listed = client.get(_url("funder_reports", grant))

    assert listed.context["reports"] == [done]
    assert client.get(_report_url("funder_report", done)).status_code == 200
    assert client.get(_report_url("funder_report_download", done, fmt="pdf")).status_code == 200
    for hidden in (running, failed):
        assert client.get(_report_url("funder_report", hidden)).status_code == 404


def test_funder_page_names_nobody_and_offers_no_actions(grant, manager, funder):
    make_reader(grant, funder)
    report = stored_report(grant, requested_by=manager)

    listed = client_for(funder).get(_url("funder_reports", grant)).content.decode()
    page = client_for(funder).get(_report_url("funder_report", report)).content.decode()

    assert manager.name not in listed and manager.name not in page
    assert _url("funder_report_new", grant) not in listed
    assert _report_url("funder_report_regenerate", report) not in page


def test_manager_sees_who_requested_and_unfinished_reports(grant, manager):
    stored_report(grant, requested_by=manager)
    stored_report(grant, version=2, status="queued")

    listed = client_for(manager).get(_url("funder_reports", grant))

    assert len(listed.context["reports"]) == 2
    assert manager.name in listed.content.decode()


@pytest.mark.parametrize("name", ["funder_reports", "funder_report", "funder_report_download"])
def test_funder_who_does_not_read_the_grant_gets_404(grant, funder, name):
    report = stored_report(grant)
    kwargs = {} if name == "funder_reports" else {"report": report.pk}
    kwargs |= {"fmt": "pdf"} if name == "funder_report_download" else {}

    response = client_for(funder).get(_url(name, grant, **kwargs))

    assert response.status_code == 404


def test_evaluator_reads_but_may_not_request_or_regenerate(grant, evaluator):
    report = stored_report(grant)
    client = client_for(evaluator)

    assert client.get(_url("funder_reports", grant)).status_code == 200
    assert client.get(_report_url("funder_report_download", report, fmt="xlsx")).status_code == 200
    assert _post_new(client, grant, "2003").status_code == 403
    assert client.post(_report_url("funder_report_regenerate", report)).status_code == 403
    assert FunderReport.objects.count() == 1


def test_report_of_another_grant_is_404_under_this_grant(grant, agency, manager):
    other = plain_grant(agency, title="Zweite Förderung")
    report = stored_report(other)

    response = client_for(manager).get(_url("funder_report", grant, report=report.pk))

    assert response.status_code == 404


def test_another_agency_report_is_404(grant, manager, other_agency):
    foreign = stored_report(plain_grant(other_agency, title="Andere Förderung"))

    by_own_grant = client_for(manager).get(_url("funder_report", grant, report=foreign.pk))
    by_its_grant = client_for(manager).get(
        reverse(
            "reporting:funder_report",
            kwargs={"slug": "andere", "pk": foreign.grant_id, "report": foreign.pk},
        )
    )

    assert (by_own_grant.status_code, by_its_grant.status_code) == (404, 404)


def test_archiving_takes_a_version_out_of_the_list_and_away_from_funders(grant, manager, funder):
    make_reader(grant, funder)
    kept, archived = stored_report(grant), stored_report(grant, version=2)

    response = client_for(manager).post(_report_url("funder_report_archive", archived))

    assert response.status_code == 302
    assert response["Location"] == _url("funder_reports", grant)
    listing = client_for(manager).get(_url("funder_reports", grant)).context
    assert (listing["reports"], listing["archived"]) == ([kept], [archived])
    funder_client = client_for(funder)
    assert funder_client.get(_url("funder_reports", grant)).context["archived"] == []
    assert funder_client.get(_report_url("funder_report", archived)).status_code == 404
    download = _report_url("funder_report_download", archived, fmt="csv")
    assert funder_client.get(download).status_code == 404


def test_archived_version_stays_readable_for_management_and_evaluation(grant, manager, evaluator):
    report = stored_report(grant)
    client_for(manager).post(_report_url("funder_report_archive", report))

    for user in (manager, evaluator):
        client = client_for(user)
        page = client.get(_report_url("funder_report", report))
        assert page.status_code == 200
        assert 'id="archived-notice"' in page.content.decode()
        download = client.get(_report_url("funder_report_download", report, fmt="csv"))
        assert download.status_code == 200


def test_restoring_puts_the_version_back_and_both_steps_are_logged(grant, manager):
    report = stored_report(grant)
    client = client_for(manager)

    client.post(_report_url("funder_report_archive", report))
    response = client.post(_report_url("funder_report_restore", report))

    report.refresh_from_db()
    assert response.status_code == 302 and report.archived_at is None
    assert client.get(_url("funder_reports", grant)).context["reports"] == [report]
    verbs = ActivityLogEntry.objects.for_object(grant).order_by("pk").values_list("verb", flat=True)
    assert list(verbs)[-2:] == [
        "reporting.funder_report_archived",
        "reporting.funder_report_restored",
    ]


def test_an_unfinished_report_cannot_be_archived(grant, manager):
    report = stored_report(grant, status="running", progress=30)

    response = client_for(manager).post(_report_url("funder_report_archive", report))

    report.refresh_from_db()
    assert response.status_code == 302 and report.archived_at is None


def test_evaluator_may_not_archive(grant, evaluator):
    report = stored_report(grant)

    response = client_for(evaluator).post(_report_url("funder_report_archive", report))

    report.refresh_from_db()
    assert response.status_code == 403 and report.archived_at is None


def test_grant_page_links_the_reports(grant, manager, funder):
    make_reader(grant, funder)
    url = reverse("funding:grant", kwargs={"slug": "kiez", "pk": grant.pk})

    for user in (manager, funder):
        assert _url("funder_reports", grant) in client_for(user).get(url).content.decode()


# ------------------------------------------------------------------------------------------
# Queries


@pytest.mark.parametrize("persona", ["manager", "funder"], indirect=True)
def test_list_needs_constant_queries(grant, manager, funder, persona):
    make_reader(grant, funder)
    stored_report(grant, requested_by=manager)
    url = _url("funder_reports", grant)

    def one_page():
        client_for(persona).get(url)

    one = count_queries(one_page)
    for version in range(2, 6):
        stored_report(grant, version=version, requested_by=manager)
    five = count_queries(one_page)

    assert FunderReport.objects.filter(status=ReportStatus.DONE).count() == 5
    assert one == five


def test_a_report_can_be_requested_without_an_actor(grant):
    report = requested_report(grant, None)

    assert (report.status, report.requested_by) == ("done", None)
