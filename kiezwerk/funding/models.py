"""Funding programmes and the agency's grants: amount, EU share and co-financing, the budget by
cost category, spending per month and drawdowns; the indicator catalogue and each grant's
targets per year. Amounts are Decimals; shares are percentages with two places."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kiezwerk.agencies.models import Agency, MemberScopedQuerySet
from kiezwerk.core.models import ArchivableModel, ArchivableQuerySet, TimeStampedModel
from kiezwerk.funding.enums import CostCategory, Fund, ImpactLevel, Standard

MONEY = {"max_digits": 14, "decimal_places": 2}
SHARE = {"max_digits": 5, "decimal_places": 2}
PERCENT = Q(share__gte=0, share__lte=100)


class Programme(TimeStampedModel):
    """A funding programme: reference data shared by all agencies."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    fund = models.CharField(_("fund"), max_length=20, choices=Fund.choices)
    funder = models.CharField(_("funder"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("programme start"), null=True, blank=True)
    end_date = models.DateField(_("programme end"), null=True, blank=True)

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
    amount = models.DecimalField(
        _("total amount"), default=0, help_text=_("The eligible costs of the grant."), **MONEY
    )
    eu_share = models.DecimalField(
        _("EU share (%)"),
        default=0,
        help_text=_("The part of the total amount the EU fund pays, in percent."),
        **SHARE,
    )
    readers = models.ManyToManyField(
        "agencies.Membership",
        verbose_name=_("funder accounts"),
        blank=True,
        related_name="grants_read",
        help_text=_("The funder's people who read this grant's figures and reports."),
    )

    objects = MemberScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="grant_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0, eu_share__gte=0, eu_share__lte=100),
                name="grant_amount_and_share",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class OfGrant(TimeStampedModel):
    """A row that belongs to a grant. It carries the grant's agency itself (DESIGN: every
    agency-owned table has its `agency` key), filled from the grant when saved."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")

    class Meta:
        abstract = True

    def _take_agency(self) -> None:
        if self.agency_id is None and self.grant_id is not None:
            self.agency_id = self.grant.agency_id

    def full_clean(self, *args, **kwargs) -> None:
        self._take_agency()
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs) -> None:
        self._take_agency()
        super().save(*args, **kwargs)


class CoFinancing(OfGrant):
    """A co-financier of a grant (the Senate, a district office, ...) and its share."""

    grant = models.ForeignKey(Grant, on_delete=models.PROTECT, related_name="co_financing")
    name = models.CharField(_("co-financier"), max_length=200)
    share = models.DecimalField(_("share (%)"), **SHARE)

    class Meta:
        verbose_name = _("co-financing")
        verbose_name_plural = _("co-financing")
        ordering = ["-share", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "grant", "name"], name="co_financing_unique"),
            models.CheckConstraint(condition=PERCENT, name="co_financing_share_percent"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.share} %)"


class BudgetLine(OfGrant):
    """The planned amount of one cost category of a grant."""

    grant = models.ForeignKey(Grant, on_delete=models.PROTECT, related_name="budget")
    category = models.CharField(_("cost category"), max_length=20, choices=CostCategory.choices)
    planned = models.DecimalField(_("planned"), **MONEY)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["category"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "grant", "category"], name="budget_line_unique"
            ),
            models.CheckConstraint(condition=Q(planned__gte=0), name="budget_line_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.planned}"


class Spending(OfGrant):
    """What a grant spent in one cost category in one month (integer year and month)."""

    grant = models.ForeignKey(Grant, on_delete=models.PROTECT, related_name="spending")
    category = models.CharField(_("cost category"), max_length=20, choices=CostCategory.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    amount = models.DecimalField(_("amount"), **MONEY)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("spending")
        verbose_name_plural = _("spending")
        ordering = ["year", "month", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "grant", "category", "year", "month"],
                name="spending_unique_month",
            ),
            models.CheckConstraint(condition=Q(month__gte=1, month__lte=12), name="spending_month"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="spending_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02} {self.category}: {self.amount}"


class Drawdown(OfGrant):
    """Money called from a funder under a grant: requested, and received when it came."""

    grant = models.ForeignKey(Grant, on_delete=models.PROTECT, related_name="drawdowns")
    source = models.CharField(
        _("from"), max_length=200, help_text=_("The EU fund or the co-financier.")
    )
    requested_on = models.DateField(_("requested on"))
    amount = models.DecimalField(_("amount"), **MONEY)
    received_on = models.DateField(_("received on"), null=True, blank=True)

    class Meta:
        verbose_name = _("drawdown")
        verbose_name_plural = _("drawdowns")
        ordering = ["requested_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="drawdown_positive"),
            models.CheckConstraint(
                condition=Q(received_on__isnull=True) | Q(received_on__gte=F("requested_on")),
                name="drawdown_received_after_request",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.amount}"


class Indicator(ArchivableModel):
    """An indicator of the catalogue (reference data shared by all agencies): what it counts,
    after which standard, on which step of the impact ladder, and the named query that
    computes it from the data (funding.indicators)."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    definition = models.TextField(_("definition"))
    unit = models.CharField(_("unit"), max_length=40)
    standard = models.CharField(_("standard"), max_length=10, choices=Standard.choices)
    level = models.CharField(_("impact level"), max_length=20, choices=ImpactLevel.choices)
    query = models.CharField(
        _("computed by"),
        max_length=40,
        help_text=_("The named query over the data that gives the indicator's actual value."),
    )

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["level", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Target(OfGrant):
    """What a grant promises for an indicator in one year of its period."""

    grant = models.ForeignKey(Grant, on_delete=models.PROTECT, related_name="targets")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("target"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["year", "indicator__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "grant", "indicator", "year"], name="target_unique"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="target_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.year}: {self.value}"
