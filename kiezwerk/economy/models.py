"""Enterprise economics: business lines and their figures per month.

A business line's month is one `MonthFigures` row (costs and volunteer work, with the rate
that values an hour, stored with the figure so old reports stay reproducible) and one
`Revenue` row per source (public contracts once per public client). Months of an enterprise
are closed by its advisor (`ClosedMonth`); a closed month changes only through a correction
with a reason. Every row carries its agency, initiative, neighbourhood and integer year and
month, so the financing mix of an enterprise, a neighbourhood or an agency is one grouped
query without joins (see DESIGN.md on periods).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kiezwerk.agencies.models import Agency, MemberScopedQuerySet, Neighbourhood
from kiezwerk.core.models import ArchivableModel, TimeStampedModel
from kiezwerk.economy.enums import RateMethod, Source
from kiezwerk.initiatives.models import Initiative
from kiezwerk.needs.models import NeedCategory
from kiezwerk.network.models import Partner

MONEY = {"max_digits": 14, "decimal_places": 2}
VALID_MONTH = Q(month__gte=1, month__lte=12)


class BusinessLine(ArchivableModel):
    """A line of business of an enterprise (café, repair service, childcare, ...)."""

    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT)
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="lines",
    )
    name = models.CharField(_("name"), max_length=120)
    service = models.ForeignKey(
        NeedCategory,
        verbose_name=_("kind of service"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Which kind of need the line meets."),
    )
    description = models.TextField(_("description"), blank=True)
    public_clients = models.ManyToManyField(
        Partner,
        verbose_name=_("public clients"),
        through="LineClient",
        related_name="+",
        blank=True,
    )

    objects = MemberScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("business line")
        verbose_name_plural = _("business lines")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "initiative", "name"], name="business_line_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class LineClient(models.Model):
    """A public body that buys services of a business line (district office, job centre, ...):
    a column of the line's year table."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    line = models.ForeignKey(BusinessLine, on_delete=models.CASCADE, related_name="+")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "line", "partner"], name="line_client_unique")
        ]

    def __str__(self) -> str:
        return f"{self.line_id} ← {self.partner_id}"


class ValuationRate(TimeStampedModel):
    """The agency's value of one hour of volunteer work in a year: the default for figures of
    that year (each figure keeps the rate it was saved with)."""

    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(_("year"))
    rate = models.DecimalField(_("euros per hour"), max_digits=8, decimal_places=2)
    method = models.CharField(_("method"), max_length=20, choices=RateMethod.choices)

    class Meta:
        verbose_name = _("valuation rate for volunteer hours")
        verbose_name_plural = _("valuation rates for volunteer hours")
        ordering = ["agency", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="valuation_rate_unique_year"),
            models.CheckConstraint(condition=Q(rate__gte=0), name="valuation_rate_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.rate} €"


class PeriodRow(models.Model):
    """Columns every monthly row carries: whose, where and when."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="+")
    neighbourhood = models.ForeignKey(Neighbourhood, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))

    class Meta:
        abstract = True


class MonthFigures(PeriodRow, TimeStampedModel):
    """Costs and volunteer work of one business line in one month."""

    line = models.ForeignKey(
        BusinessLine, verbose_name=_("business line"), on_delete=models.PROTECT, related_name="+"
    )
    costs = models.DecimalField(_("costs"), default=0, **MONEY)
    volunteer_hours = models.DecimalField(
        _("volunteer hours"), max_digits=10, decimal_places=2, default=0
    )
    volunteers = models.PositiveIntegerField(_("volunteers"), default=0)
    reciprocal = models.BooleanField(
        _("reciprocal work"),
        default=False,
        help_text=_("Volunteers work for each other (mutual help), not only for the enterprise."),
    )
    hour_rate = models.DecimalField(
        _("value of one hour"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    rate_method = models.CharField(
        _("valued as"), max_length=20, choices=RateMethod.choices, blank=True
    )
    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("monthly figures")
        verbose_name_plural = _("monthly figures")
        ordering = ["year", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "line", "year", "month"], name="month_figures_unique"
            ),
            models.CheckConstraint(condition=VALID_MONTH, name="month_figures_valid_month"),
            models.CheckConstraint(
                condition=Q(costs__gte=0, volunteer_hours__gte=0),
                name="month_figures_not_negative",
            ),
        ]
        indexes = [
            models.Index(
                fields=["agency", "neighbourhood", "year", "month"], name="month_figures_hood_idx"
            ),
            models.Index(
                fields=["agency", "initiative", "year", "month"], name="month_figures_firm_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.line_id} {self.year}-{self.month:02}"


class Revenue(PeriodRow):
    """Revenue of one business line in one month from one source (public contracts: from one
    public client)."""

    line = models.ForeignKey(
        BusinessLine, verbose_name=_("business line"), on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    client = models.ForeignKey(
        Partner,
        verbose_name=_("public client"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    amount = models.DecimalField(_("amount"), **MONEY)

    class Meta:
        verbose_name = _("revenue")
        verbose_name_plural = _("revenue")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "line", "year", "month", "source", "client"],
                condition=Q(client__isnull=False),
                name="revenue_unique_with_client",
            ),
            models.UniqueConstraint(
                fields=["agency", "line", "year", "month", "source"],
                condition=Q(client__isnull=True),
                name="revenue_unique_without_client",
            ),
            models.CheckConstraint(condition=VALID_MONTH, name="revenue_valid_month"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="revenue_not_negative"),
            # Public contracts name their client; other sources have none.
            models.CheckConstraint(
                condition=Q(source=Source.PUBLIC, client__isnull=False)
                | (~Q(source=Source.PUBLIC) & Q(client__isnull=True)),
                name="revenue_client_iff_public",
            ),
        ]
        indexes = [
            models.Index(
                fields=["agency", "neighbourhood", "year", "source"], name="revenue_hood_idx"
            ),
            models.Index(fields=["agency", "initiative", "year", "month"], name="revenue_firm_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.year}-{self.month:02}: {self.amount}"


class ClosedMonth(models.Model):
    """A month of an enterprise its advisor has reviewed and closed: its figures change only
    through a correction with a reason."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    closed_at = models.DateTimeField(_("closed at"), default=timezone.now)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("closed month")
        verbose_name_plural = _("closed months")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "initiative", "year", "month"], name="closed_month_unique"
            ),
            models.CheckConstraint(condition=VALID_MONTH, name="closed_month_valid_month"),
        ]

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02}"


class Distribution(ArchivableModel):
    """Profit paid out to private persons. A social enterprise reinvests its surplus
    (criterion 3): every entry raises a flag on the enterprise."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="distributions",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    amount = models.DecimalField(_("amount"), **MONEY)
    recipients = models.CharField(
        _("paid to"), max_length=200, help_text=_("For example: the two founding members.")
    )
    explanation = models.TextField(_("explanation"))

    class Meta:
        verbose_name = _("profit distribution")
        verbose_name_plural = _("profit distributions")
        ordering = ["-year", "-month", "-pk"]
        constraints = [
            models.CheckConstraint(condition=VALID_MONTH, name="distribution_valid_month"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="distribution_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02}: {self.amount} €"


DEFAULT_DEPENDENCY_THRESHOLD = 70


class EconomySettings(TimeStampedModel):
    """An agency's settings for enterprise economics. Without a row the defaults apply."""

    agency = models.OneToOneField(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="economy_settings",
    )
    dependency_threshold = models.PositiveSmallIntegerField(
        _("dependency threshold (%)"),
        default=DEFAULT_DEPENDENCY_THRESHOLD,
        help_text=_(
            "An enterprise is warned when one source of its financing mix, or one public "
            "client, brings in more than this share of a year's revenue."
        ),
    )

    class Meta:
        verbose_name = _("economy settings")
        verbose_name_plural = _("economy settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(dependency_threshold__gte=1, dependency_threshold__lte=100),
                name="economy_settings_threshold_percent",
            )
        ]

    def __str__(self) -> str:
        return str(_("Economy settings of %(agency)s") % {"agency": self.agency})


SUMMED_MONEY = {"max_digits": 18, "decimal_places": 2}


class MonthSummary(models.Model):
    """The figures of all enterprises of one neighbourhood in one month, summed: what the
    financing mix of a neighbourhood or an agency reads instead of every enterprise's rows.
    Kept by `economy.summaries` in the transaction of every write of figures; never edited."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    neighbourhood = models.ForeignKey(Neighbourhood, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    public = models.DecimalField(_("public contracts"), default=0, **SUMMED_MONEY)
    market = models.DecimalField(_("market sales"), default=0, **SUMMED_MONEY)
    grants = models.DecimalField(_("grants"), default=0, **SUMMED_MONEY)
    donations = models.DecimalField(_("donations"), default=0, **SUMMED_MONEY)
    costs = models.DecimalField(_("costs"), default=0, **SUMMED_MONEY)
    hours = models.DecimalField(_("volunteer hours"), default=0, max_digits=16, decimal_places=2)
    # Hours times the rate stored with each month (four places, as the mix sums it).
    volunteer_value = models.DecimalField(
        _("value of volunteer work"), default=0, max_digits=22, decimal_places=4
    )
    unvalued_hours = models.DecimalField(
        _("hours without a rate"), default=0, max_digits=16, decimal_places=2
    )

    class Meta:
        verbose_name = _("month summary")
        verbose_name_plural = _("month summaries")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "neighbourhood", "year", "month"], name="month_summary_unique"
            ),
            models.CheckConstraint(condition=VALID_MONTH, name="month_summary_valid_month"),
        ]

    def __str__(self) -> str:
        return f"{self.neighbourhood_id} {self.year}-{self.month:02}"


class ClientSummary(models.Model):
    """Public contracts of all enterprises of one neighbourhood in one month from one public
    client, summed (the per-payer part of `MonthSummary.public`)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    neighbourhood = models.ForeignKey(Neighbourhood, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    client = models.ForeignKey(
        Partner, verbose_name=_("public client"), on_delete=models.PROTECT, related_name="+"
    )
    amount = models.DecimalField(_("amount"), **SUMMED_MONEY)

    class Meta:
        verbose_name = _("client summary")
        verbose_name_plural = _("client summaries")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "neighbourhood", "year", "month", "client"],
                name="client_summary_unique",
            ),
            models.CheckConstraint(condition=VALID_MONTH, name="client_summary_valid_month"),
        ]

    def __str__(self) -> str:
        return f"{self.client_id} {self.year}-{self.month:02}: {self.amount}"
