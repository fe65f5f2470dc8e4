"""Social reports: creating one for a period, saving its texts (refused when someone else
saved in between) and archiving it. Each writes the activity log; the log names the sections
whose text changed, never the texts."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kiezwerk.agencies.models import Agency
from kiezwerk.core.activity import log_action
from kiezwerk.reporting.models import SocialReport
from kiezwerk.reporting.social_report.content import SECTION_KEYS


class StaleReport(Exception):
    """The texts were saved by someone else since the form was loaded."""


def create_report(
    agency: Agency, *, title: str, start: dt.date, end: dt.date, actor
) -> SocialReport:
    with transaction.atomic():
        report = SocialReport(agency=agency, title=title, start=start, end=end, created_by=actor)
        report.full_clean()
        report.save()
        data = {"title": title, "start": str(start), "end": str(end)}
        log_action(actor, "reporting.social_report_created", report, data)
    return report


def save_texts(report: SocialReport, *, texts: dict[str, str], version: int, actor) -> list[str]:
    """Store the narrative of every section; the keys of the sections whose text changed.
    StaleReport when the report was saved since `version` was read: nothing changes."""
    cleaned = {key: str(texts.get(key) or "").strip() for key in SECTION_KEYS}
    with transaction.atomic():
        locked = SocialReport.objects.select_for_update().get(pk=report.pk)
        if locked.version != version:
            raise StaleReport(
                _(
                    "Someone else saved the texts of this report in the meantime. Their texts "
                    "are shown below your own: please compare, then save again."
                )
            )
        changed = [key for key in SECTION_KEYS if cleaned[key] != (locked.texts or {}).get(key, "")]
        if changed:
            locked.texts = cleaned
            locked.version += 1
            locked.save(update_fields=["texts", "version", "updated_at"])
            log_action(actor, "reporting.social_report_saved", locked, {"sections": changed})
    report.texts, report.version = locked.texts, locked.version
    return changed


def archive_report(report: SocialReport, *, actor) -> None:
    if report.is_archived:
        return
    with transaction.atomic():
        report.archived_at = timezone.now()
        report.save(update_fields=["archived_at", "updated_at"])
        log_action(actor, "reporting.social_report_archived", report, {"title": report.title})
