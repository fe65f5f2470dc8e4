"""Funder reports: requesting a report of a grant for a period (a new version each time) and
regenerating one. Generation itself runs in the background (`tasks.generate_funder_report`)."""

import datetime as dt
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kiezwerk.core.activity import log_action
from kiezwerk.funding.models import Grant
from kiezwerk.reporting.funder_report import COMMENTARY_FIELDS
from kiezwerk.reporting.models import FunderReport
from kiezwerk.reporting.tasks import generate_funder_report


def request_report(
    grant: Grant, *, start: dt.date, end: dt.date, commentary: dict[str, str], actor
) -> FunderReport:
    """Create the next version of the grant's report for the period and queue its generation
    (after the commit, so that the worker finds the row)."""
    with transaction.atomic():
        locked = Grant.objects.select_for_update().get(pk=grant.pk)
        report = FunderReport(
            agency_id=locked.agency_id,
            grant=locked,
            start=start,
            end=end,
            commentary=_commentary(commentary),
            requested_by=actor,
            version=_next_version(locked, start, end),
        )
        report.full_clean()
        report.save()
        verb = "reporting.funder_report_requested"
        if report.version > 1:
            verb = "reporting.funder_report_regenerated"
        log_action(actor, verb, locked, {"report": report.pk, **_period(report)})
        transaction.on_commit(partial(generate_funder_report.enqueue, report.pk))
    return report


def regenerate_report(report: FunderReport, *, actor) -> FunderReport:
    """A new version of `report`: same grant, period and commentary; the old one stays."""
    return request_report(
        report.grant, start=report.start, end=report.end, commentary=report.commentary, actor=actor
    )


def archive_report(report: FunderReport, *, actor) -> None:
    """Take a finished version out of the list (funders no longer see it); its files stay and
    management and evaluation still open it. Refused while it is being generated."""
    if report.is_unfinished:
        raise ValidationError(_("The report is still being generated."))
    if report.is_archived:
        return
    report.archived_at = timezone.now()
    report.save(update_fields=["archived_at", "updated_at"])
    log_action(actor, "reporting.funder_report_archived", report.grant, _period(report))


def restore_report(report: FunderReport, *, actor) -> None:
    """Put an archived version back into the list."""
    if not report.is_archived:
        return
    report.archived_at = None
    report.save(update_fields=["archived_at", "updated_at"])
    log_action(actor, "reporting.funder_report_restored", report.grant, _period(report))


def latest_commentary(grant: Grant, start: dt.date, end: dt.date) -> dict[str, str]:
    """The commentary of the grant's latest report for the period ({} if there is none)."""
    latest = (
        FunderReport.objects.active()
        .of_grant(grant)
        .filter(start=start, end=end)
        .order_by("-version")
        .values_list("commentary", flat=True)
        .first()
    )
    return latest or {}


def _next_version(grant: Grant, start: dt.date, end: dt.date) -> int:
    reports = FunderReport.objects.of_grant(grant).filter(start=start, end=end)
    return (reports.aggregate(last=Max("version"))["last"] or 0) + 1


def _commentary(commentary: dict[str, str]) -> dict[str, str]:
    """Only the known fields, as stripped text; unknown keys are refused."""
    known = {key for key, _label in COMMENTARY_FIELDS}
    unknown = set(commentary) - known
    if unknown:
        raise ValidationError(_("Unknown commentary fields: %s") % ", ".join(sorted(unknown)))
    return {key: str(commentary.get(key) or "").strip() for key, _label in COMMENTARY_FIELDS}


def _period(report: FunderReport) -> dict:
    return {"start": str(report.start), "end": str(report.end), "version": report.version}
