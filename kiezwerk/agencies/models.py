"""Agencies (the tenants), the districts and neighbourhoods they serve, and their teams."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kiezwerk.accounts.enums import AGENCY_WIDE_ROLES, STAFF_ROLES, Role
from kiezwerk.agencies.enums import NeighbourhoodKind
from kiezwerk.core.models import ArchivableModel, ArchivableQuerySet, TimeStampedModel


def member_agency_ids(user, roles=None) -> models.QuerySet:
    memberships = Membership.objects.active().filter(user=user)
    if roles is not None:
        memberships = memberships.filter(role__in=roles)
    return memberships.values("agency_id")


class MemberScopedQuerySet(ArchivableQuerySet):
    """Agency-owned records that every member of the agency may see (partners, grants, needs)."""

    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(agency_id__in=member_agency_ids(user))


class District(TimeStampedModel):
    """A city district (Bezirk): reference data shared by all agencies."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    city = models.CharField(_("city"), max_length=100, default="Berlin")

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["city", "name"]

    def __str__(self) -> str:
        return self.name


class AgencyQuerySet(ArchivableQuerySet):
    def visible_to(self, user) -> "AgencyQuerySet":
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(pk__in=member_agency_ids(user))


class Agency(ArchivableModel):
    """A development agency: the unit that owns data in Kiezwerk."""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60)
    slug = models.SlugField(_("address name"), max_length=60, unique=True)
    legal_entity = models.CharField(_("legal entity"), max_length=200, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, default="Berlin")
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.short_name or self.name


class NeighbourhoodQuerySet(ArchivableQuerySet):
    def visible_to(self, user) -> "NeighbourhoodQuerySet":
        """Agency-wide roles see all neighbourhoods of their agency; advisors their own."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        agency_wide = Q(agency_id__in=member_agency_ids(user, AGENCY_WIDE_ROLES))
        assigned = Q(
            pk__in=TeamAssignment.objects.filter(
                membership__user=user, membership__archived_at__isnull=True
            ).values("neighbourhood_id")
        )
        return self.filter(agency_wide | assigned)


class Neighbourhood(ArchivableModel):
    """A neighbourhood an agency serves, usually a Quartiersmanagement area."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="neighbourhoods"
    )
    district = models.ForeignKey(
        District, verbose_name=_("district"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("address name"), max_length=80)
    kind = models.CharField(
        _("kind"), max_length=20, choices=NeighbourhoodKind.choices, default=NeighbourhoodKind.QM
    )
    description = models.TextField(_("description"), blank=True)

    objects = NeighbourhoodQuerySet.as_manager()

    class Meta:
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "slug"], name="neighbourhood_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.name


class MembershipQuerySet(ArchivableQuerySet):
    def visible_to(self, user) -> "MembershipQuerySet":
        """The team is visible to the agency's staff; everyone sees their own membership."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(Q(agency_id__in=member_agency_ids(user, STAFF_ROLES)) | Q(user=user))


class Membership(ArchivableModel):
    """A person's role in one agency; advisors are assigned to neighbourhoods."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    title = models.CharField(
        _("job title"), max_length=120, blank=True, help_text=_("For example: Coordination")
    )
    listed_publicly = models.BooleanField(
        _("show the name on the public page"),
        default=False,
        help_text=_("Only with the person's consent: their name and job title on the portal."),
    )
    listing_consent = models.CharField(
        _("consent to the public listing"),
        max_length=200,
        blank=True,
        help_text=_("How and when the person agreed, for example: by e-mail on 3 May 2026."),
    )
    neighbourhoods = models.ManyToManyField(
        Neighbourhood,
        verbose_name=_("neighbourhoods"),
        through="TeamAssignment",
        related_name="team",
        blank=True,
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["role", "user__name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "user"], name="membership_unique_user"),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="membership_role_known"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.agency})"


class TeamAssignment(TimeStampedModel):
    """Which neighbourhood team a member works in."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    membership = models.ForeignKey(
        Membership,
        verbose_name=_("membership"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood, verbose_name=_("neighbourhood"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("team assignment")
        verbose_name_plural = _("team assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "membership", "neighbourhood"], name="assignment_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership.user} – {self.neighbourhood}"

    def clean(self) -> None:
        membership = getattr(self, "membership", None)
        neighbourhood = getattr(self, "neighbourhood", None)
        if membership is None or neighbourhood is None:
            return
        if membership.agency_id != neighbourhood.agency_id:
            raise ValidationError(
                {"neighbourhood": _("This neighbourhood belongs to another agency.")}
            )
        self.agency_id = membership.agency_id
