"""Choices of the reporting app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    """Where a funder report's generation stands (set by `tasks.generate_funder_report`)."""

    QUEUED = "queued", _("queued")
    RUNNING = "running", _("being generated")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")

    @classmethod
    def unfinished(cls) -> tuple[str, ...]:
        return (cls.QUEUED, cls.RUNNING)


class ReportFormat(models.TextChoices):
    """The files of a funder report, by file ending."""

    PDF = "pdf", "PDF"
    XLSX = "xlsx", "XLSX"
    CSV = "csv", "CSV"
