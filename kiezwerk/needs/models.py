"""The needs register: needs of a neighbourhood that nobody meets yet (Bedarfe)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kiezwerk.agencies.models import Agency, District, MemberScopedQuerySet, Neighbourhood
from kiezwerk.core.models import (
    ArchivableModel,
    ArchivableQuerySet,
    PersonalRecord,
    TimeStampedModel,
)
from kiezwerk.needs.enums import DemandStatus, EvidenceSource, NeedStatus, RequesterKind


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
    # Reported by a resident on the public needs board: flagged in the register until staff
    # publish or reject it.
    from_portal = models.BooleanField(
        _("reported on the needs board"), default=False, editable=False
    )
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


class NeedSupport(models.Model):
    """One support of a public need from the needs board: counted once per address and day,
    the address kept only as a keyed hash (core.public_forms.address_hash). No personal data."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    need = models.ForeignKey(
        Need, verbose_name=_("need"), on_delete=models.PROTECT, related_name="supports"
    )
    address_hash = models.CharField(_("address (hashed)"), max_length=64)
    day = models.DateField(_("day"), default=timezone.localdate)

    class Meta:
        verbose_name = _("support of a need")
        verbose_name_plural = _("supports of needs")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "need", "address_hash", "day"], name="need_support_once_a_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.need_id} ({self.day})"


class DemandQuerySet(ArchivableQuerySet):
    def in_districts_of(self, agency_ids) -> "DemandQuerySet":
        """Requests from the districts in which the agencies serve an active neighbourhood,
        and those handed to them."""
        districts = Neighbourhood.objects.active().filter(agency_id__in=agency_ids)
        return self.filter(
            models.Q(district_id__in=districts.values("district_id"))
            | models.Q(agency_id__in=agency_ids)
        )


class DemandRequest(ArchivableModel, PersonalRecord):
    """A request to bring an agency to a neighbourhood that none serves yet (rollout demand).
    It has no agency until one takes up its neighbourhood and it is handed over."""

    district = models.ForeignKey(
        District, verbose_name=_("district"), on_delete=models.PROTECT, related_name="+"
    )
    neighbourhood_name = models.CharField(_("neighbourhood"), max_length=150, blank=True)
    # The name as compared when a neighbourhood is taken up (case and spaces folded).
    neighbourhood_key = models.CharField(max_length=150, blank=True, editable=False)
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    category = models.ForeignKey(
        NeedCategory, verbose_name=_("need"), on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField(_("what is missing"), max_length=2000)
    requester_kind = models.CharField(_("who asks"), max_length=20, choices=RequesterKind.choices)
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    consent_at = models.DateTimeField(_("consent given"))
    # The period of the request as integers (DESIGN.md: no Trunc/Extract in queries).
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    quarter = models.PositiveSmallIntegerField(_("quarter"), editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=DemandStatus.choices, default=DemandStatus.NEW
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("handed to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    handed_over_at = models.DateTimeField(_("handed over"), null=True, blank=True)
    notes = models.TextField(_("notes of who handles it"), blank=True, max_length=4000)

    objects = DemandQuerySet.as_manager()

    class Meta:
        verbose_name = _("request from another neighbourhood")
        verbose_name_plural = _("requests from other neighbourhoods")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["agency", "status", "created_at"], name="demand_agency_idx"),
            models.Index(fields=["district", "neighbourhood_key"], name="demand_place_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(neighbourhood_name="") | ~models.Q(postcode=""),
                name="demand_has_place",
            ),
            models.CheckConstraint(
                condition=~models.Q(email="") | ~models.Q(phone=""), name="demand_has_contact"
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4), name="demand_quarter_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.neighbourhood_name or self.postcode} ({self.district})"

    @property
    def place(self) -> str:
        return ", ".join(part for part in (self.neighbourhood_name, self.postcode) if part)
