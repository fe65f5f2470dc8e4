"""The partner network (NEST): organisations that bring resources into the neighbourhoods."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kiezwerk.agencies.models import Agency, MemberScopedQuerySet
from kiezwerk.core.models import ArchivableModel
from kiezwerk.network.enums import PartnerKind


class Partner(ArchivableModel):
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="partners"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=PartnerKind.choices)
    is_network_member = models.BooleanField(
        _("member of the supporting network"),
        default=False,
        help_text=_("Member of the network that carries the agency (for example NEST)."),
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, default="Berlin")
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = MemberScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="partner_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name
