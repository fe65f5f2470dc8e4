"""Needs of a neighbourhood that nobody meets (the needs issue builds the full register)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kiezwerk.agencies.models import Agency, MemberScopedQuerySet, Neighbourhood
from kiezwerk.core.models import ArchivableModel, TimeStampedModel
from kiezwerk.needs.enums import NeedStatus


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
    status = models.CharField(
        _("status"), max_length=20, choices=NeedStatus.choices, default=NeedStatus.REPORTED
    )

    objects = MemberScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["title"]
        indexes = [models.Index(fields=["agency", "neighbourhood"], name="need_agency_hood_idx")]

    def __str__(self) -> str:
        return self.title
