"""The needs register: needs of a neighbourhood that nobody meets yet (Bedarfe)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kiezwerk.agencies.models import Agency, MemberScopedQuerySet, Neighbourhood
from kiezwerk.core.models import ArchivableModel, TimeStampedModel
from kiezwerk.needs.enums import EvidenceSource, NeedStatus


class NeedCategory(TimeStampedModel):
    """Catalogue of need categories (childcare, care for the elderly, ...), kept in the admin."""

    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("need category")
        verbose_name_plural = _("need categories")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Need(ArchivableModel):
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="needs"
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood, verbose_name=_("neighbourhood"), on_delete=models.PROTECT, related_name="+"
    )
    category = models.ForeignKey(
        NeedCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    affected = models.CharField(
        _("who is affected"),
        max_length=300,
        blank=True,
        help_text=_("For example: single parents with small children, older people living alone"),
    )
    source = models.CharField(
        _("evidence"), max_length=20, choices=EvidenceSource.choices, default=EvidenceSource.FORUM
    )
    raised_on = models.DateField(_("raised on"), default=timezone.localdate)
    evidence = models.TextField(
        _("evidence in detail"),
        blank=True,
        help_text=_("What shows the need: survey figures, statements at the forum, statistics."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=NeedStatus.choices, default=NeedStatus.REPORTED
    )
    status_reason = models.TextField(
        _("reason"), blank=True, help_text=_("Required when a need is rejected.")
    )
    closed_on = models.DateField(_("met or rejected on"), null=True, blank=True, editable=False)
    supporters = models.PositiveIntegerField(
        _("supporters"), default=0, help_text=_("How many people support this need.")
    )
    is_public = models.BooleanField(_("show on the public needs board"), default=False)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="merged_needs",
    )

    objects = MemberScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["title"]
        indexes = [
            models.Index(fields=["agency", "neighbourhood"], name="need_agency_hood_idx"),
            models.Index(
                fields=["agency", "neighbourhood", "status", "raised_on"], name="need_register_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=NeedStatus.REJECTED) | ~models.Q(status_reason=""),
                name="need_rejected_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title
