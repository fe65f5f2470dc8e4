"""Forums and the partner network: forums with head counts and outcomes; partner
organisations, their offers, and referrals with what was delivered on them.

The same visibility as the web, with the same predicates: forums for the agency's staff;
partners and offers for the staff, and for a network partner's account its own organisations
only; referrals as `Referral.objects.visible_to` (advisors their neighbourhoods', a network
partner its own). Registered attendees of forums (persons) are not part of the API."""

import datetime as dt
from decimal import Decimal
from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from pydantic import Field

from kiezwerk.accounts.enums import Role
from kiezwerk.agencies.models import Agency
from kiezwerk.agencies.rules import role_in
from kiezwerk.agencies.views import get_agency_for
from kiezwerk.api.errors import READ_ERRORS
from kiezwerk.api.pagination import Pages, paginate
from kiezwerk.api.types import Id
from kiezwerk.forums.enums import ForumKind
from kiezwerk.forums.models import Forum
from kiezwerk.initiatives.models import Initiative
from kiezwerk.needs.models import Need
from kiezwerk.network.enums import OfferKind, PartnerKind, ReferralStatus
from kiezwerk.network.models import (
    Delivery,
    Offer,
    OfferNeighbourhood,
    Partner,
    PartnerNeighbourhood,
    Partnership,
    Referral,
)
from kiezwerk.network.rules import acting_for

router = Router(tags=["network"])
Year = Annotated[int, Field(ge=1900, le=2100)]


# ------------------------------------------------------------------------------------------
# Forums


class HeadCountOut(Schema):
    residents: int
    initiatives: int
    partners: int
    public_bodies: int
    total: int


class NamedOut(Schema):
    id: int
    name: str


class OutcomesOut(Schema):
    needs_raised: list[NamedOut]
    initiatives_sparked: list[NamedOut]
    partnerships_agreed: list[NamedOut]


class ForumOut(Schema):
    id: int
    title: str
    kind: str
    neighbourhood_id: int
    neighbourhood: str
    starts_at: dt.datetime
    ends_at: dt.datetime | None
    year: int
    place: str
    is_public: bool
    head_count: HeadCountOut
    outcomes: OutcomesOut

    @staticmethod
    def resolve_neighbourhood(obj: Forum) -> str:
        return obj.neighbourhood.name

    @staticmethod
    def resolve_head_count(obj: Forum) -> dict:
        return {
            "residents": obj.residents_count,
            "initiatives": obj.initiatives_count,
            "partners": obj.partners_count,
            "public_bodies": obj.public_bodies_count,
            "total": obj.attendance,
        }

    @staticmethod
    def resolve_outcomes(obj: Forum) -> dict:
        return {
            "needs_raised": [_named(need.pk, need.title) for need in obj.needs_raised.all()],
            "initiatives_sparked": [_named(i.pk, i.name) for i in obj.initiatives_sparked.all()],
            "partnerships_agreed": [_named(p.pk, p.title) for p in obj.partnerships_agreed.all()],
        }


class ForumDetailOut(ForumOut):
    agenda: str
    minutes: str
    follow_ups: str


class ForumFilters(Schema):
    neighbourhood: Id | None = None
    kind: ForumKind | None = None
    year: Year | None = None


def _named(pk: int, name: str) -> dict:
    return {"id": pk, "name": name}


def _forums(agency: Agency):
    """The agency's active forums with their outcomes: three more queries for any number."""
    return (
        Forum.objects.active()
        .filter(agency=agency)
        .select_related("neighbourhood")
        .prefetch_related(
            Prefetch("needs_raised", queryset=Need.objects.only("id", "title").order_by("title")),
            Prefetch(
                "initiatives_sparked",
                queryset=Initiative.objects.only("id", "name").order_by("name"),
            ),
            Prefetch(
                "partnerships_agreed",
                queryset=Partnership.objects.only("id", "title").order_by("title"),
            ),
        )
    )


@router.get("/agencies/{slug}/forums", response={200: list[ForumOut], **READ_ERRORS})
@paginate(Pages)
def list_forums(request, slug: str, filters: Query[ForumFilters]):
    """The agency's forums and events, latest first (staff: management, evaluation, advisors)."""
    agency = get_agency_for(request, slug, "forums.list_forums")
    forums = _forums(agency)
    if filters.neighbourhood is not None:
        forums = forums.filter(neighbourhood_id=filters.neighbourhood)
    if filters.kind is not None:
        forums = forums.filter(kind=filters.kind)
    if filters.year is not None:
        forums = forums.filter(year=filters.year)
    return forums.order_by("-starts_at", "-pk")


@router.get("/agencies/{slug}/forums/{int:forum_id}", response={200: ForumDetailOut, **READ_ERRORS})
def get_forum(request, slug: str, forum_id: Id):
    agency = get_agency_for(request, slug, "forums.list_forums")
    forum = get_object_or_404(_forums(agency), pk=forum_id)
    forum.agency = agency
    if not request.user.has_perm("forums.view_forum", forum):
        raise PermissionDenied
    return forum


# ------------------------------------------------------------------------------------------
# Partners and offers


def _partner_scope(request, agency: Agency) -> frozenset[int] | None:
    """None when the user reads the whole network (staff), else the organisations a network
    partner's account acts for; anyone else is refused (403), as on the web."""
    if request.user.has_perm("network.view_network", agency):
        return None
    if role_in(request.user, agency.pk) == Role.PARTNER:
        return acting_for(request.user)
    raise PermissionDenied


class PartnerOut(Schema):
    id: int
    name: str
    kind: str
    is_network_member: bool
    member_since: dt.date | None
    description: str
    website: str
    contact_name: str
    email: str
    phone: str
    street: str
    postcode: str
    city: str
    neighbourhood_ids: list[int]
    archived: bool

    @staticmethod
    def resolve_neighbourhood_ids(obj: Partner) -> list[int]:
        return sorted(hood.pk for hood in obj.neighbourhoods.all())

    @staticmethod
    def resolve_archived(obj) -> bool:
        return obj.archived_at is not None


class PartnerFilters(Schema):
    kind: PartnerKind | None = None
    neighbourhood: Id | None = None
    member: bool | None = None


@router.get("/agencies/{slug}/partners", response={200: list[PartnerOut], **READ_ERRORS})
@paginate(Pages)
def list_partners(request, slug: str, filters: Query[PartnerFilters]):
    """Active partner organisations by name: all for staff, a partner's own for its accounts."""
    agency = get_agency_for(request, slug, "agencies.view_agency")
    scope = _partner_scope(request, agency)
    partners = Partner.objects.active().filter(agency=agency).prefetch_related("neighbourhoods")
    if scope is not None:
        partners = partners.filter(pk__in=scope)
    if filters.kind is not None:
        partners = partners.filter(kind=filters.kind)
    if filters.neighbourhood is not None:
        here = PartnerNeighbourhood.objects.filter(neighbourhood_id=filters.neighbourhood)
        partners = partners.filter(pk__in=here.values("partner_id"))
    if filters.member is not None:
        partners = partners.filter(is_network_member=filters.member)
    return partners.order_by("name", "pk")


@router.get("/agencies/{slug}/partners/{int:partner_id}", response={200: PartnerOut, **READ_ERRORS})
def get_partner(request, slug: str, partner_id: Id):
    agency = get_agency_for(request, slug, "agencies.view_agency")
    partners = Partner.objects.filter(agency=agency).prefetch_related("neighbourhoods")
    partner = get_object_or_404(partners, pk=partner_id)
    partner.agency = agency
    if not request.user.has_perm("network.view_partner", partner):
        raise PermissionDenied
    return partner


class OfferOut(Schema):
    id: int
    partner_id: int
    partner: str
    kind: str
    title: str
    description: str
    capacity: str
    valid_from: dt.date | None
    valid_until: dt.date | None
    stages: list[str]
    category_ids: list[int]
    neighbourhood_ids: list[int]
    archived: bool

    @staticmethod
    def resolve_partner(obj: Offer) -> str:
        return obj.partner.name

    @staticmethod
    def resolve_category_ids(obj: Offer) -> list[int]:
        return sorted(category.pk for category in obj.categories.all())

    @staticmethod
    def resolve_neighbourhood_ids(obj: Offer) -> list[int]:
        return sorted(hood.pk for hood in obj.neighbourhoods.all())

    @staticmethod
    def resolve_archived(obj) -> bool:
        return obj.archived_at is not None


class OfferFilters(Schema):
    partner: Id | None = None
    kind: OfferKind | None = None
    neighbourhood: Id | None = None
    valid_on: dt.date | None = None


def _offers(agency: Agency):
    return (
        Offer.objects.filter(agency=agency)
        .select_related("partner")
        .prefetch_related("categories", "neighbourhoods")
    )


def _available_in(offers, neighbourhood_id: int):
    """Offers listed for the neighbourhood, or listing none and from a partner active there
    or anywhere (as the matching on the case page reads them)."""
    offer_hoods = OfferNeighbourhood.objects.filter(offer=OuterRef("pk"))
    partner_hoods = PartnerNeighbourhood.objects.filter(partner=OuterRef("partner_id"))
    listed_here = Exists(offer_hoods.filter(neighbourhood_id=neighbourhood_id))
    partner_here = Exists(partner_hoods.filter(neighbourhood_id=neighbourhood_id))
    return offers.filter(
        listed_here | (~Exists(offer_hoods) & (partner_here | ~Exists(partner_hoods)))
    )


@router.get("/agencies/{slug}/offers", response={200: list[OfferOut], **READ_ERRORS})
@paginate(Pages)
def list_offers(request, slug: str, filters: Query[OfferFilters]):
    """Active offers of active partners, by partner and title (a partner's own for its
    accounts)."""
    agency = get_agency_for(request, slug, "agencies.view_agency")
    scope = _partner_scope(request, agency)
    offers = _offers(agency).active().filter(partner__archived_at__isnull=True)
    if scope is not None:
        offers = offers.filter(partner_id__in=scope)
    if filters.partner is not None:
        offers = offers.filter(partner_id=filters.partner)
    if filters.kind is not None:
        offers = offers.filter(kind=filters.kind)
    if filters.neighbourhood is not None:
        offers = _available_in(offers, filters.neighbourhood)
    if filters.valid_on is not None:
        offers = offers.valid_on(filters.valid_on)
    return offers.order_by("partner__name", "title", "pk")


@router.get("/agencies/{slug}/offers/{int:offer_id}", response={200: OfferOut, **READ_ERRORS})
def get_offer(request, slug: str, offer_id: Id):
    agency = get_agency_for(request, slug, "agencies.view_agency")
    offer = get_object_or_404(_offers(agency), pk=offer_id)
    offer.partner.agency = agency
    if not request.user.has_perm("network.view_partner", offer.partner):
        raise PermissionDenied
    return offer


# ------------------------------------------------------------------------------------------
# Referrals


class DeliveryOut(Schema):
    id: int
    kind: str
    delivered_on: dt.date
    hours: Decimal
    value: Decimal
    note: str


class ReferralOut(Schema):
    id: int
    initiative_id: int
    initiative: str
    neighbourhood_id: int
    neighbourhood: str
    partner_id: int
    partner: str
    offer_id: int | None
    offer: str | None
    referred_on: dt.date
    note: str
    status: str
    status_reason: str
    delivered_hours: Decimal
    delivered_value: Decimal
    deliveries: list[DeliveryOut]

    @staticmethod
    def resolve_initiative(obj: Referral) -> str:
        return obj.initiative.name

    @staticmethod
    def resolve_neighbourhood(obj: Referral) -> str:
        return obj.neighbourhood.name

    @staticmethod
    def resolve_partner(obj: Referral) -> str:
        return obj.partner.name

    @staticmethod
    def resolve_offer(obj: Referral) -> str | None:
        return obj.offer.title if obj.offer else None

    @staticmethod
    def resolve_delivered_hours(obj: Referral) -> Decimal:
        return sum((delivery.hours for delivery in obj.deliveries.all()), Decimal("0"))

    @staticmethod
    def resolve_delivered_value(obj: Referral) -> Decimal:
        return sum((delivery.value for delivery in obj.deliveries.all()), Decimal("0"))


class ReferralFilters(Schema):
    status: ReferralStatus | None = None
    partner: Id | None = None
    initiative: Id | None = None
    neighbourhood: Id | None = None
    year: Year | None = None


def _referrals(request, agency: Agency):
    deliveries = Delivery.objects.order_by("delivered_on", "pk")
    return (
        Referral.objects.visible_to(request.user)
        .filter(agency=agency)
        .select_related("initiative", "neighbourhood", "partner", "offer")
        .prefetch_related(Prefetch("deliveries", queryset=deliveries))
    )


@router.get("/agencies/{slug}/referrals", response={200: list[ReferralOut], **READ_ERRORS})
@paginate(Pages)
def list_referrals(request, slug: str, filters: Query[ReferralFilters]):
    """The referrals the user may see, latest first, each with its deliveries."""
    agency = get_agency_for(request, slug, "network.list_referrals")
    referrals = _referrals(request, agency)
    if filters.status is not None:
        referrals = referrals.filter(status=filters.status)
    if filters.partner is not None:
        referrals = referrals.filter(partner_id=filters.partner)
    if filters.initiative is not None:
        referrals = referrals.filter(initiative_id=filters.initiative)
    if filters.neighbourhood is not None:
        referrals = referrals.filter(neighbourhood_id=filters.neighbourhood)
    if filters.year is not None:
        first = dt.date(filters.year, 1, 1)
        referrals = referrals.filter(
            Q(referred_on__gte=first) & Q(referred_on__lt=first.replace(year=filters.year + 1))
        )
    return referrals.order_by("-referred_on", "-pk")


@router.get(
    "/agencies/{slug}/referrals/{int:referral_id}", response={200: ReferralOut, **READ_ERRORS}
)
def get_referral(request, slug: str, referral_id: Id):
    """One referral the user may see (another partner's is 404, as on the web)."""
    agency = get_agency_for(request, slug, "network.list_referrals")
    referral = get_object_or_404(_referrals(request, agency), pk=referral_id)
    referral.agency = agency
    if not request.user.has_perm("network.view_referral", referral):
        raise PermissionDenied
    return referral
