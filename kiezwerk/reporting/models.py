"""Computed figures kept for reuse: the social capital of a neighbourhood per year."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kiezwerk.agencies.models import Agency, Neighbourhood


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
