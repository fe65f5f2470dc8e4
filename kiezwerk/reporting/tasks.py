"""Background tasks of the reporting app (django-tasks; `manage.py db_worker` runs them).

`generate_funder_report` builds a funder report's content in German and writes its PDF, XLSX
and CSV files, recording its progress on the row so that the report page can show it."""

import logging
import tempfile
from collections.abc import Callable
from typing import IO

from django.core.files import File
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from kiezwerk.core.activity import log_action
from kiezwerk.reporting import funder_report
from kiezwerk.reporting.enums import ReportFormat, ReportStatus
from kiezwerk.reporting.models import FunderReport

logger = logging.getLogger(__name__)

FAILED_MESSAGE = _(
    "The report could not be generated. Please try again later; if it fails again, tell the "
    "operators of Kiezwerk."
)
WRITERS = {
    ReportFormat.PDF: funder_report.write_pdf,
    ReportFormat.XLSX: funder_report.write_xlsx,
    ReportFormat.CSV: funder_report.write_csv,
}
# Progress after building the content and after writing each file (the last one is 100).
PROGRESS = {"built": 40, ReportFormat.PDF: 70, ReportFormat.XLSX: 90, ReportFormat.CSV: 95}


@task()
def generate_funder_report(report_id: int) -> None:
    """Generate the report's files; on any error the report is marked failed with a message
    for its readers and the traceback goes to the log."""
    report = FunderReport.objects.select_related("grant__programme", "agency").get(pk=report_id)
    if report.status != ReportStatus.QUEUED:
        return  # already taken by another worker or finished
    try:
        with translation.override("de"):
            _generate(report)
    except Exception:
        logger.exception("Funder report %s could not be generated", report.pk)
        _set(report, status=ReportStatus.FAILED, error=str(FAILED_MESSAGE))
        log_action(None, "reporting.funder_report_failed", report.grant, _log_data(report))


def _generate(report: FunderReport) -> None:
    _set(report, status=ReportStatus.RUNNING, progress=10)
    content = funder_report.build(report.grant, report.start, report.end, report.commentary)
    _set(report, progress=PROGRESS["built"])
    with tempfile.TemporaryDirectory(prefix="kiezwerk-report-") as folder:
        written = {}
        for fmt, write in WRITERS.items():
            written[fmt] = _write(write, content, f"{folder}/report.{fmt}")
            _set(report, progress=PROGRESS[fmt])
        _store(report, written)
    log_action(None, "reporting.funder_report_generated", report.grant, _log_data(report))


def _write(write: Callable[[object, IO[bytes]], None], content, path: str) -> str:
    with open(path, "wb") as out:
        write(content, out)
    return path


def _store(report: FunderReport, written: dict[str, str]) -> None:
    """Save the written files into the report's file fields; then it is done."""
    files = {}
    for fmt, path in written.items():
        with open(path, "rb") as source:
            stored = getattr(report, fmt)
            stored.save(f"report.{fmt}", File(source), save=False)
            files |= {fmt: stored, f"{fmt}_size": stored.size}
    _set(report, status=ReportStatus.DONE, progress=100, generated_at=timezone.now(), **files)


def _set(report: FunderReport, **fields) -> None:
    for name, value in fields.items():
        setattr(report, name, value)
    report.save(update_fields=[*fields, "updated_at"])


def _log_data(report: FunderReport) -> dict:
    return {
        "report": report.pk,
        "period": f"{report.start}–{report.end}",
        "version": report.version,
    }
