"""Partner organisations of the network: the list, one partner's page, adding and editing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kiezwerk.agencies.views import get_agency_for
from kiezwerk.core.htmx import render_page_or_partial
from kiezwerk.network import queries, services
from kiezwerk.network.filters import PartnerFilter
from kiezwerk.network.forms import PartnerForm
from kiezwerk.network.models import Delivery, Offer, Partner, Referral
from kiezwerk.network.views.base import PAGE_SIZE, get_partner_for

RECENT_REFERRALS = 50


@login_required
@require_GET
def partner_list(request: HttpRequest, slug: str) -> HttpResponse:
    agency = get_agency_for(request, slug, "network.view_network")
    partners = Partner.objects.active().filter(agency=agency).order_by("name", "pk")
    filters = PartnerFilter(request.GET, queryset=partners, agency=agency)
    rows = filters.qs if filters.is_valid() else partners.none()
    page = Paginator(queries.partners_with_offer_counts(rows), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "agency": agency,
        "filter": filters,
        "page": page,
        "query": query.urlencode(),
        "can_add": request.user.has_perm("network.add_partner", agency),
    }
    return render_page_or_partial(request, "network/partner_list.html", context, "results")


@login_required
@require_GET
def partner_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    partner = get_partner_for(request, slug, pk, "network.view_partner")
    user = request.user
    received = Referral.objects.visible_to(user).filter(agency=partner.agency, partner=partner)
    deliveries = Delivery.objects.filter(
        agency=partner.agency, partner=partner, referral__in=received.values("pk")
    )
    current, other = _offers_of(partner)
    context = {
        "agency": partner.agency,
        "partner": partner,
        "neighbourhoods": partner.neighbourhoods.all(),
        "current_offers": current,
        "other_offers": other,
        "referrals": list(
            received.select_related("initiative", "offer").with_delivered()[:RECENT_REFERRALS]
        ),
        "totals": queries.delivered_totals(deliveries, by=("year",)),
        "partnerships": partner.partnerships.active().select_related("neighbourhood"),
        "can_edit": user.has_perm("network.change_partner", partner),
        "can_manage_offers": user.has_perm("network.manage_offers", partner),
        "is_staff": user.has_perm("network.view_network", partner.agency),
    }
    return render(request, "network/partner_detail.html", context)


def _offers_of(partner: Partner) -> tuple[list[Offer], list[Offer]]:
    """The partner's offers valid today, and the others (expired, future or archived), each
    with a `state` label."""
    today = timezone.localdate()
    current, other = [], []
    for offer in partner.offers.order_by("title", "pk"):
        if offer.archived_at is not None:
            offer.state = _("archived")
        elif offer.valid_until and offer.valid_until < today:
            offer.state = _("expired")
        elif offer.valid_from and offer.valid_from > today:
            offer.state = _("not yet valid")
        else:
            offer.state = _("valid")
            current.append(offer)
            continue
        other.append(offer)
    return current, other


@login_required
@require_http_methods(["GET", "POST"])
def partner_create(request: HttpRequest, slug: str) -> HttpResponse:
    agency = get_agency_for(request, slug, "network.add_partner")
    form = PartnerForm(request.POST if request.method == "POST" else None, agency=agency)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        partner = services.create_partner(agency, actor=request.user, **data)
        messages.success(request, _("The partner organisation has been added."))
        return redirect("network:partner_detail", slug=agency.slug, pk=partner.pk)
    status = 400 if form.errors else 200
    context = {"agency": agency, "form": form, "partner": None}
    return render(request, "network/partner_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def partner_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    partner = get_partner_for(request, slug, pk, "network.change_partner")
    form = PartnerForm(
        request.POST if request.method == "POST" else None, instance=partner, agency=partner.agency
    )
    if request.method == "POST" and form.is_valid():
        fresh = Partner.objects.get(pk=partner.pk)
        services.update_partner(fresh, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Your changes have been saved."))
        return redirect("network:partner_detail", slug=partner.agency.slug, pk=partner.pk)
    status = 400 if form.errors else 200
    context = {"agency": partner.agency, "form": form, "partner": partner}
    return render(request, "network/partner_form.html", context, status=status)
