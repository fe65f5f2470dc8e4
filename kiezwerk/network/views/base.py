"""Fetch-and-authorise for the network's views."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from kiezwerk.agencies.views import get_agency_for
from kiezwerk.network.models import Offer, Partner, Partnership, Referral

PAGE_SIZE = 25


def _authorised(request: HttpRequest, obj, perm: str):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied
    return obj


def get_partner_for(request: HttpRequest, slug: str, pk: int, perm: str) -> Partner:
    """A partner of an agency the user belongs to (else 404), if the user holds `perm` on it
    (else 403)."""
    agency = get_agency_for(request, slug, "agencies.view_agency")
    partner = get_object_or_404(Partner.objects.filter(agency=agency), pk=pk)
    partner.agency = agency
    return _authorised(request, partner, perm)


def get_offer_for(request: HttpRequest, slug: str, pk: int, perm: str) -> Offer:
    agency = get_agency_for(request, slug, "agencies.view_agency")
    offer = get_object_or_404(Offer.objects.filter(agency=agency).select_related("partner"), pk=pk)
    offer.partner.agency = agency
    return _authorised(request, offer, perm)


def get_referral_for(request: HttpRequest, slug: str, pk: int, perm: str) -> Referral:
    """A referral the user may see (else 404: also another partner's), if the user holds `perm`
    on it (else 403)."""
    agency = get_agency_for(request, slug, "network.list_referrals")
    referral = get_object_or_404(
        Referral.objects.visible_to(request.user)
        .filter(agency=agency)
        .select_related(
            "initiative", "neighbourhood", "partner", "offer", "referred_by", "consultation"
        ),
        pk=pk,
    )
    referral.agency = agency
    return _authorised(request, referral, perm)


def get_partnership_for(request: HttpRequest, slug: str, pk: int, perm: str) -> Partnership:
    agency = get_agency_for(request, slug, "network.view_network")
    partnership = get_object_or_404(
        Partnership.objects.filter(agency=agency).select_related("neighbourhood"), pk=pk
    )
    partnership.agency = agency
    return _authorised(request, partnership, perm)
