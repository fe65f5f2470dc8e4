"""Funding programmes and the agency's grants (extended by the funding issue)."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kiezwerk.agencies.models import Agency, MemberScopedQuerySet
from kiezwerk.core.models import ArchivableModel, TimeStampedModel
from kiezwerk.funding.enums import Fund


class Programme(TimeStampedModel):
    """A funding programme: reference data shared by all agencies."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    fund = models.CharField(_("fund"), max_length=20, choices=Fund.choices)
    funder = models.CharField(_("funder"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Grant(ArchivableModel):
    """One funding period of an agency under a programme, with its co-financier."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="grants"
    )
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="grants"
    )
    title = models.CharField(_("title"), max_length=200)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    co_financier = models.CharField(_("co-financier"), max_length=200, blank=True)

    objects = MemberScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="grant_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title
