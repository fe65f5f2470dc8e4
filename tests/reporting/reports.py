"""Funder reports for the page tests, the matrix rows and the browser visits.

`stored_report` makes a report row with small files directly (a finished report as the
worker leaves it, without generating it); `requested_report` goes through the service and
runs the generation at once (the tests' task backend is the immediate one)."""

import datetime as dt

from django.core.files.base import ContentFile
from django.test import TestCase
from django.utils import timezone

from kiezwerk.reporting import services
from kiezwerk.reporting.models import FunderReport

YEAR_2003 = (dt.date(2003, 1, 1), dt.date(2003, 12, 31))
FILES = {"pdf": b"%PDF-1.7\n%%EOF\n", "xlsx": b"PK\x03\x04xlsx", "csv": b"Abschnitt;Wert\n"}


def stored_report(grant, *, status="done", version=1, period=YEAR_2003, **fields) -> FunderReport:
    """A report of `grant` for `period`; a done one has its three files."""
    start, end = period
    report = FunderReport.objects.create(
        agency_id=grant.agency_id,
        grant=grant,
        start=start,
        end=end,
        version=version,
        status=status,
        progress=100 if status == "done" else fields.pop("progress", 0),
        generated_at=timezone.now() if status == "done" else None,
        **fields,
    )
    if status == "done":
        for fmt, data in FILES.items():
            getattr(report, fmt).save(f"report.{fmt}", ContentFile(data), save=False)
            setattr(report, f"{fmt}_size", len(data))
        report.save()
    return report


def requested_report(grant, actor, *, period=YEAR_2003, commentary=None) -> FunderReport:
    """A report requested through the service and generated at once (after the commit)."""
    start, end = period
    with TestCase.captureOnCommitCallbacks(execute=True):
        report = services.request_report(
            grant, start=start, end=end, commentary=commentary or {}, actor=actor
        )
    report.refresh_from_db()
    return report


def private_media(request) -> None:
    """Files of the test go to its temporary folder, not into the repository's var/."""
    settings = request.getfixturevalue("settings")
    settings.MEDIA_ROOT = request.getfixturevalue("tmp_path")
