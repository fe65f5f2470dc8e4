"""Jobs in the supported enterprises: positions and, kept apart, what ESF reporting asks about
the person in each (pseudonymised: no name), and the agency's additionality worksheets.

A position carries its agency, enterprise and neighbourhood, so the jobs figures of an agency,
a neighbourhood or an enterprise are grouped queries without joins. Its FTE is stored with it
(weekly hours ÷ the full-time hours it was saved with, at most 1), so sums stay in the
database. A worksheet is never changed: each save is a new version with its assumptions.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kiezwerk.agencies.models import Agency, MemberScopedQuerySet, Neighbourhood
from kiezwerk.core.models import ArchivableModel, PersonalRecord, TimeStampedModel
from kiezwerk.economy.models import BusinessLine
from kiezwerk.initiatives.models import Initiative
from kiezwerk.jobs.enums import (
    AgeBand,
    ContractType,
    Gender,
    Instrument,
    LegalBasis,
    Origin,
    PriorStatus,
    Residence,
)

FULL_TIME_HOURS = Decimal("40")
FTE_PLACES = Decimal("0.001")
RATE = {"max_digits": 5, "decimal_places": 2}


def full_time_equivalent(weekly_hours: Decimal, full_time_hours: Decimal) -> Decimal:
    """Weekly hours as a share of a full-time position, at most one, to three places."""
    if full_time_hours <= 0:
        return Decimal("0")
    share = min(weekly_hours / full_time_hours, Decimal("1"))
    return share.quantize(FTE_PLACES, rounding=ROUND_HALF_UP)


class Position(ArchivableModel):
    """A paid position in a supported enterprise."""

    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT)
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="positions",
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood, verbose_name=_("neighbourhood"), on_delete=models.PROTECT, related_name="+"
    )
    line = models.ForeignKey(
        BusinessLine,
        verbose_name=_("business line"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
    )
    title = models.CharField(_("job title"), max_length=120)
    contract_type = models.CharField(
        _("contract type"), max_length=20, choices=ContractType.choices
    )
    instrument = models.CharField(
        _("subsidy instrument"),
        max_length=20,
        choices=Instrument.choices,
        blank=True,
        help_text=_("Only for subsidised employment: which instrument pays for it."),
    )
    instrument_note = models.CharField(
        _("instrument (other)"),
        max_length=120,
        blank=True,
        help_text=_("Name the instrument when it is not in the list."),
    )
    weekly_hours = models.DecimalField(_("hours per week"), max_digits=5, decimal_places=2)
    full_time_hours = models.DecimalField(
        _("full-time hours per week"),
        max_digits=5,
        decimal_places=2,
        default=FULL_TIME_HOURS,
        help_text=_("What a full-time position has in this enterprise; FTE are counted from it."),
    )
    fte = models.DecimalField(_("FTE"), max_digits=5, decimal_places=3, editable=False)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"), null=True, blank=True)
    origin = models.CharField(_("created or maintained"), max_length=20, choices=Origin.choices)
    additional = models.BooleanField(
        _("additional"),
        default=False,
        help_text=_("The job would not exist without the enterprise and its support."),
    )
    justification = models.TextField(
        _("why additional"),
        blank=True,
        help_text=_("Required for an additional job: why it would not exist otherwise."),
    )
    external_ref = models.CharField(
        _("external reference"),
        max_length=100,
        blank=True,
        help_text=_("The key of this record in another tool; imports find it by this."),
    )

    objects = MemberScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["start_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "external_ref"],
                condition=~Q(external_ref=""),
                name="position_unique_external_ref",
            ),
            models.CheckConstraint(
                condition=Q(weekly_hours__gt=0, weekly_hours__lte=80),
                name="position_weekly_hours_range",
                violation_error_message=_("Please give between 0 and 80 hours a week."),
            ),
            models.CheckConstraint(
                condition=Q(full_time_hours__gt=0, full_time_hours__lte=60),
                name="position_full_time_hours_range",
                violation_error_message=_("Please give full-time hours between 0 and 60 a week."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="position_ends_after_start",
                violation_error_message=_("The end must not be before the start."),
            ),
            models.CheckConstraint(
                condition=Q(contract_type=ContractType.SUBSIDISED) & ~Q(instrument="")
                | ~Q(contract_type=ContractType.SUBSIDISED) & Q(instrument=""),
                name="position_instrument_iff_subsidised",
                violation_error_message=_(
                    "Subsidised employment names its instrument; other contracts have none."
                ),
            ),
            models.CheckConstraint(
                condition=Q(additional=False) | ~Q(justification=""),
                name="position_additional_justified",
                violation_error_message=_("Please say why the job is additional."),
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "initiative", "start_date"], name="position_firm_idx"),
            models.Index(
                fields=["agency", "neighbourhood", "start_date"], name="position_hood_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.fte = full_time_equivalent(self.weekly_hours, self.full_time_hours)
        super().save(*args, **kwargs)

    @property
    def instrument_label(self) -> str:
        if self.instrument == Instrument.OTHER and self.instrument_note:
            return self.instrument_note
        return self.get_instrument_display()


class Holder(TimeStampedModel, PersonalRecord):
    """What ESF participant reporting asks about the person in a position, without a name.
    Kept in its own table so that it can be erased or anonymised while the position (and every
    figure built on it) stays."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    position = models.OneToOneField(Position, on_delete=models.CASCADE, related_name="holder")
    pseudonym = models.CharField(
        _("pseudonym"),
        max_length=40,
        help_text=_("A code the enterprise can match to its own records, never a name."),
    )
    prior_status = models.CharField(
        _("status before the job"), max_length=20, choices=PriorStatus.choices
    )
    age_band = models.CharField(_("age band"), max_length=20, choices=AgeBand.choices)
    gender = models.CharField(_("gender"), max_length=20, choices=Gender.choices)
    residence = models.CharField(
        _("lives"), max_length=20, choices=Residence.choices, default=Residence.UNKNOWN
    )
    disability = models.BooleanField(_("with a disability"), default=False)
    migrant_background = models.BooleanField(
        _("migrant, foreign background or minority"), default=False
    )
    homeless = models.BooleanField(_("homeless or affected by housing exclusion"), default=False)
    jobless_household = models.BooleanField(_("living in a jobless household"), default=False)
    single_parent = models.BooleanField(
        _("single adult household with dependent children"), default=False
    )
    low_education = models.BooleanField(
        _("at most lower secondary education (ISCED 0–2)"), default=False
    )
    legal_basis = models.CharField(_("legal basis"), max_length=20, choices=LegalBasis.choices)

    class Meta:
        verbose_name = _("holder of a position")
        verbose_name_plural = _("holders of positions")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "pseudonym"],
                name="holder_unique_pseudonym",
                violation_error_message=_(
                    "This code is already used for another position: please choose another."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.pseudonym

    DISADVANTAGES = (
        "disability",
        "migrant_background",
        "homeless",
        "jobless_household",
        "single_parent",
        "low_education",
    )

    def disadvantages(self) -> list[str]:
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in self.DISADVANTAGES
            if getattr(self, name)
        ]


class AdditionalityWorksheet(TimeStampedModel):
    """The agency's estimate of net additional jobs in a year, after the UK Additionality
    Guide: gross jobs from the data, less leakage (from the data: holders living outside the
    neighbourhood), deadweight, displacement and substitution, times the multiplier. Each rate
    has its written reason. Never changed: a new save is a new version."""

    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(_("year"))
    version = models.PositiveIntegerField(_("version"))
    gross_jobs = models.PositiveIntegerField(_("gross jobs"))
    gross_fte = models.DecimalField(_("gross FTE"), max_digits=10, decimal_places=3)
    leakage = models.DecimalField(_("leakage (%)"), **RATE)
    leakage_known = models.PositiveIntegerField(_("holders with known residence"))
    deadweight = models.DecimalField(_("deadweight (%)"), **RATE)
    deadweight_reason = models.TextField(_("why this deadweight"))
    displacement = models.DecimalField(_("displacement (%)"), **RATE)
    displacement_reason = models.TextField(_("why this displacement"))
    substitution = models.DecimalField(_("substitution (%)"), **RATE)
    substitution_reason = models.TextField(_("why this substitution"))
    multiplier = models.DecimalField(_("multiplier"), max_digits=4, decimal_places=2)
    multiplier_reason = models.TextField(_("why this multiplier"))
    net_jobs = models.DecimalField(_("net additional jobs"), max_digits=10, decimal_places=2)
    net_fte = models.DecimalField(_("net additional FTE"), max_digits=10, decimal_places=3)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("additionality worksheet")
        verbose_name_plural = _("additionality worksheets")
        ordering = ["agency", "-year", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "version"], name="additionality_unique_version"
            ),
            models.CheckConstraint(
                condition=Q(
                    leakage__gte=0,
                    leakage__lte=100,
                    deadweight__gte=0,
                    deadweight__lte=100,
                    displacement__gte=0,
                    displacement__lte=100,
                    substitution__gte=0,
                    substitution__lte=100,
                ),
                name="additionality_rates_percent",
                violation_error_message=_("Rates are percentages between 0 and 100."),
            ),
            models.CheckConstraint(
                condition=Q(multiplier__gte=1, multiplier__lte=3),
                name="additionality_multiplier_range",
                violation_error_message=_("The multiplier lies between 1 and 3."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} v{self.version}"
