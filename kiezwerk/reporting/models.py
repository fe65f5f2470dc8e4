"""Computed figures kept for reuse (the social capital of a neighbourhood per year) and the
funder reports generated per grant and period, with their files."""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kiezwerk.agencies.models import Agency, Neighbourhood
from kiezwerk.core.models import ArchivableModel, ArchivableQuerySet
from kiezwerk.funding.models import Grant
from kiezwerk.reporting.enums import ReportFormat, ReportStatus


class SocialCapitalSnapshot(models.Model):
    """The social-capital figures of one neighbourhood and year, as last computed.

    `fingerprint` summarises the inputs (forums, attendees, referrals, deliveries,
    partnerships, partners) at computing time; a snapshot whose fingerprint still matches is
    read instead of recomputed (see `reporting.social_capital`)."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood, verbose_name=_("neighbourhood"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    fingerprint = models.CharField(max_length=64)
    figures = models.JSONField(_("figures"), default=dict)
    computed_at = models.DateTimeField(_("computed at"), default=timezone.now)

    class Meta:
        verbose_name = _("social-capital snapshot")
        verbose_name_plural = _("social-capital snapshots")
        ordering = ["neighbourhood", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "neighbourhood", "year"], name="social_capital_unique_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.neighbourhood_id} {self.year}"


# ------------------------------------------------------------------------------------------
# Funder reports


def report_path(report: "FunderReport", filename: str) -> str:
    """reports/<agency>/<grant>/<start>_<end>_v<version>.<ending> under MEDIA_ROOT: private
    storage, served only through the permission-checked download view."""
    suffix = PurePath(filename).suffix.lower()
    return (
        f"reports/{report.agency_id}/{report.grant_id}/"
        f"{report.start:%Y-%m-%d}_{report.end:%Y-%m-%d}_v{report.version}{suffix}"
    )


class FunderReportQuerySet(ArchivableQuerySet):
    def of_grant(self, grant: Grant):
        return self.filter(agency_id=grant.agency_id, grant=grant)

    def for_reader(self, user, grant: Grant):
        """The grant's active reports `user` may see: funders only those that are done.
        (Whether the user reads the grant at all is funding.view_grant, checked before.)"""
        reports = self.active().of_grant(grant)
        if user.has_perm("reporting.view_unfinished_reports", grant):
            return reports
        return reports.filter(status=ReportStatus.DONE)

    def archived_for(self, user, grant: Grant):
        """The grant's archived reports: management and evaluation only (none for funders)."""
        if not user.has_perm("reporting.view_unfinished_reports", grant):
            return self.none()
        return self.of_grant(grant).filter(archived_at__isnull=False)


class FunderReport(ArchivableModel):
    """One version of the funder report of a grant for a period, and its files.

    Versions count from 1 per grant and period; regenerating makes a new version and leaves
    the older ones (and their files) as they are. Archived, never deleted."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    grant = models.ForeignKey(
        Grant, verbose_name=_("grant"), on_delete=models.PROTECT, related_name="funder_reports"
    )
    start = models.DateField(_("period start"))
    end = models.DateField(_("period end"))
    version = models.PositiveIntegerField(_("version"))
    commentary = models.JSONField(_("commentary"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error = models.TextField(_("error message"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    generated_at = models.DateTimeField(_("generated"), null=True, blank=True)
    pdf = models.FileField(_("PDF file"), upload_to=report_path, max_length=200, blank=True)
    xlsx = models.FileField(_("XLSX file"), upload_to=report_path, max_length=200, blank=True)
    csv = models.FileField(_("CSV file"), upload_to=report_path, max_length=200, blank=True)
    pdf_size = models.PositiveBigIntegerField(_("PDF size (bytes)"), null=True, blank=True)
    xlsx_size = models.PositiveBigIntegerField(_("XLSX size (bytes)"), null=True, blank=True)
    csv_size = models.PositiveBigIntegerField(_("CSV size (bytes)"), null=True, blank=True)

    objects = FunderReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("funder report")
        verbose_name_plural = _("funder reports")
        ordering = ["-start", "-end", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "grant", "start", "end", "version"],
                name="funder_report_unique_version",
            ),
            models.CheckConstraint(
                condition=Q(end__gte=F("start")), name="funder_report_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="funder_report_progress_percent"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="funder_report_version"),
        ]
        indexes = [
            models.Index(
                fields=["agency", "grant", "-start", "-end", "-version"], name="funder_report_idx"
            )
        ]
        # Granted in the admin to the city department that plans the rollout (users or a
        # group, without any agency membership): the network-wide overview, aggregates only.
        permissions = [
            ("view_network_overview", _("Can view the network-wide overview of all agencies")),
        ]

    def __str__(self) -> str:
        return f"{self.grant_id} {self.start}–{self.end} v{self.version}"

    def clean(self) -> None:
        """The period lies inside the grant's period and ends on or after its start."""
        if self.start is None or self.end is None or self.grant_id is None:
            return
        if self.end < self.start:
            raise ValidationError({"end": _("The period cannot end before it starts.")})
        if self.start < self.grant.start_date or self.end > self.grant.end_date:
            raise ValidationError(_("The period must lie within the grant's period."))

    @property
    def is_done(self) -> bool:
        return self.status == ReportStatus.DONE

    @property
    def is_unfinished(self) -> bool:
        return self.status in ReportStatus.unfinished()

    def file_of(self, fmt: str):
        """The stored file of `fmt` (pdf, xlsx, csv)."""
        return getattr(self, ReportFormat(fmt).value)

    def files(self) -> list[tuple[str, str, int | None]]:
        """(ending, label, size in bytes) of each file, in the order PDF, XLSX, CSV."""
        return [(fmt.value, fmt.label, getattr(self, f"{fmt.value}_size")) for fmt in ReportFormat]


# ------------------------------------------------------------------------------------------
# Social reports (Social Reporting Standard)


class SocialReportQuerySet(ArchivableQuerySet):
    def of_agency(self, agency: Agency):
        return self.filter(agency=agency)


class SocialReport(ArchivableModel):
    """A report after the Social Reporting Standard for a period: the live figures are computed
    when it is shown (reporting.social_report.content), only the narrative texts management
    writes per section are stored (`texts`: {section key: text}).

    `version` counts the saves of the texts: a save based on an older version is refused
    (someone else saved in between), never overwritten. Archived, never deleted."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    start = models.DateField(_("period start"))
    end = models.DateField(_("period end"))
    texts = models.JSONField(_("texts"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=0, editable=False)

    objects = SocialReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("social report")
        verbose_name_plural = _("social reports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=F("start")), name="social_report_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["agency", "-created_at"], name="social_report_idx")]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The period cannot end before it starts.")})
