"""The partner network (NEST): organisations, the resources they offer, referrals of initiatives
to those offers and what was delivered, and local partnerships."""

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kiezwerk.accounts.enums import Role
from kiezwerk.agencies.models import Agency, MemberScopedQuerySet, Neighbourhood
from kiezwerk.agencies.rules import agency_roles, assigned_neighbourhood_ids
from kiezwerk.core.models import ArchivableModel, TimeStampedModel
from kiezwerk.initiatives.enums import Stage
from kiezwerk.initiatives.models import Consultation, Initiative
from kiezwerk.needs.models import NeedCategory
from kiezwerk.network.enums import OfferKind, PartnerKind, PartnershipStatus, ReferralStatus
from kiezwerk.network.rules import acting_for

MONEY = {"max_digits": 14, "decimal_places": 2}


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
    member_since = models.DateField(_("network member since"), null=True, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, default="Berlin")
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    neighbourhoods = models.ManyToManyField(
        Neighbourhood,
        verbose_name=_("active in neighbourhoods"),
        through="PartnerNeighbourhood",
        related_name="partners",
        blank=True,
    )
    accounts = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("partner accounts"),
        through="PartnerAccount",
        related_name="partner_organisations",
        blank=True,
        help_text=_("People who act for this organisation in Kiezwerk and see its referrals."),
    )

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


class PartnerNeighbourhood(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="+")
    neighbourhood = models.ForeignKey(Neighbourhood, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("neighbourhood of a partner")
        verbose_name_plural = _("neighbourhoods of partners")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "partner", "neighbourhood"], name="partner_hood_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.partner_id} – {self.neighbourhood_id}"


class PartnerAccount(models.Model):
    """A user (with the partner role in the agency) who acts for a partner organisation."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    partner = models.ForeignKey(
        Partner, verbose_name=_("partner organisation"), on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("partner account")
        verbose_name_plural = _("partner accounts")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "partner", "user"], name="partner_account_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} – {self.partner_id}"


class OfferQuerySet(MemberScopedQuerySet):
    def valid_on(self, day):
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=day)
        )


class Offer(ArchivableModel):
    """A resource a partner offers to initiatives: advice, rooms, training places, money, ..."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("partner organisation"),
        on_delete=models.PROTECT,
        related_name="offers",
    )
    kind = models.CharField(_("kind of resource"), max_length=20, choices=OfferKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    capacity = models.CharField(
        _("capacity"),
        max_length=120,
        blank=True,
        help_text=_("For example: 4 hours a month, 2 places"),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    stages = models.JSONField(
        _("fits stages"),
        default=list,
        blank=True,
        help_text=_("Stages of an initiative this offer suits; none means every stage."),
    )
    categories = models.ManyToManyField(
        NeedCategory,
        verbose_name=_("fits need categories"),
        through="OfferCategory",
        related_name="+",
        blank=True,
    )
    neighbourhoods = models.ManyToManyField(
        Neighbourhood,
        verbose_name=_("available in neighbourhoods"),
        through="OfferNeighbourhood",
        related_name="+",
        blank=True,
        help_text=_("None means wherever the partner is active."),
    )

    objects = OfferQuerySet.as_manager()

    class Meta:
        verbose_name = _("resource offer")
        verbose_name_plural = _("resource offers")
        ordering = ["partner__name", "title"]
        indexes = [models.Index(fields=["agency", "kind"], name="offer_agency_kind_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="offer_valid_range",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def stage_labels(self) -> list[str]:
        return [Stage(value).label for value in self.stages if value in Stage.values]


class OfferCategory(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(NeedCategory, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("need category of an offer")
        verbose_name_plural = _("need categories of offers")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "offer", "category"], name="offer_category_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.offer_id} – {self.category_id}"


class OfferNeighbourhood(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="+")
    neighbourhood = models.ForeignKey(Neighbourhood, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("neighbourhood of an offer")
        verbose_name_plural = _("neighbourhoods of offers")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "offer", "neighbourhood"], name="offer_hood_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.offer_id} – {self.neighbourhood_id}"


class ReferralQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ReferralQuerySet":
        """Management and evaluation: the agency's referrals; advisors: those of their
        neighbourhoods; a network partner: those to the organisations it acts for."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        roles = agency_roles(user)
        wide = [a for a, role in roles.items() if role in (Role.MANAGER, Role.EVALUATOR)]
        advising = [a for a, role in roles.items() if role == Role.ADVISOR]
        partnering = [a for a, role in roles.items() if role == Role.PARTNER]
        scope = Q(agency_id__in=wide)
        if advising:
            hoods = assigned_neighbourhood_ids(user)
            scope |= Q(agency_id__in=advising, neighbourhood_id__in=hoods)
        if partnering:
            scope |= Q(agency_id__in=partnering, partner_id__in=acting_for(user))
        return self.filter(scope)

    def with_delivered(self) -> "ReferralQuerySet":
        """Each referral with the hours and euros delivered on it, summed in the database."""
        return self.annotate(
            delivered_hours=Sum("deliveries__hours"), delivered_value=Sum("deliveries__value")
        )


class Referral(TimeStampedModel):
    """An advisor refers an initiative to a partner (and usually one of its offers)."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.PROTECT, related_name="referrals"
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        verbose_name=_("neighbourhood"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The initiative's neighbourhood when it was referred."),
    )
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("partner organisation"),
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    offer = models.ForeignKey(
        Offer,
        verbose_name=_("offer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    referred_on = models.DateField(_("referred on"), default=timezone.localdate)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("referred by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("what the initiative needs"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.REFERRED
    )
    status_reason = models.CharField(_("reason"), max_length=300, blank=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-referred_on", "-pk"]
        indexes = [
            models.Index(fields=["agency", "partner", "-referred_on"], name="referral_partner_idx"),
            models.Index(fields=["agency", "initiative"], name="referral_initiative_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.initiative} → {self.partner}"


class Delivery(TimeStampedModel):
    """What a partner delivered on a referral: the resource that flowed into the neighbourhood.

    Partner, kind and neighbourhood are copied from the referral, and the period is stored as
    integers, so that the totals per neighbourhood, partner, kind and period read one table."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    referral = models.ForeignKey(
        Referral, verbose_name=_("referral"), on_delete=models.PROTECT, related_name="deliveries"
    )
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="+", editable=False)
    neighbourhood = models.ForeignKey(
        Neighbourhood, on_delete=models.PROTECT, related_name="+", editable=False
    )
    kind = models.CharField(_("kind of resource"), max_length=20, choices=OfferKind.choices)
    delivered_on = models.DateField(_("delivered on"))
    year = models.PositiveSmallIntegerField(editable=False)
    month = models.PositiveSmallIntegerField(editable=False)
    hours = models.DecimalField(
        _("hours"),
        max_digits=7,
        decimal_places=2,
        default=0,
        help_text=_("In hours, for example 2.5"),
    )
    value = models.DecimalField(
        _("value in euros"),
        default=0,
        help_text=_("What the resource is worth, in euros."),
        **MONEY,
    )
    note = models.TextField(_("what was delivered"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-delivered_on", "-pk"]
        indexes = [
            models.Index(
                fields=["agency", "neighbourhood", "year", "month"], name="delivery_hood_period_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gte=0, value__gte=0), name="delivery_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.delivered_on:%d.%m.%Y})"

    def save(self, *args, **kwargs):
        self.year, self.month = self.delivered_on.year, self.delivered_on.month
        super().save(*args, **kwargs)


class Partnership(ArchivableModel):
    """A local partnership: partners, initiatives and public bodies agreeing on a purpose."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        verbose_name=_("neighbourhood"),
        on_delete=models.PROTECT,
        related_name="partnerships",
    )
    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(_("purpose"))
    agreed_on = models.DateField(_("agreed on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PartnershipStatus.choices,
        default=PartnershipStatus.PLANNED,
    )
    partners = models.ManyToManyField(
        Partner,
        verbose_name=_("partner organisations and public bodies"),
        through="PartnershipPartner",
        related_name="partnerships",
        blank=True,
    )
    initiatives = models.ManyToManyField(
        Initiative,
        verbose_name=_("initiatives"),
        through="PartnershipInitiative",
        related_name="partnerships",
        blank=True,
    )

    objects = MemberScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("local partnership")
        verbose_name_plural = _("local partnerships")
        ordering = ["-agreed_on", "title"]
        indexes = [models.Index(fields=["agency", "neighbourhood"], name="partnership_hood_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(agreed_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=models.F("agreed_on")),
                name="partnership_date_range",
            )
        ]

    def __str__(self) -> str:
        return self.title


class PartnershipPartner(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("partner in a partnership")
        verbose_name_plural = _("partners in partnerships")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "partnership", "partner"], name="partnership_partner_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.partnership_id} – {self.partner_id}"


class PartnershipInitiative(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("initiative in a partnership")
        verbose_name_plural = _("initiatives in partnerships")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "partnership", "initiative"], name="partnership_initiative_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.partnership_id} – {self.initiative_id}"
