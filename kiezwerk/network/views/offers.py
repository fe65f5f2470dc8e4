"""Resource offers of a partner: adding, editing and archiving them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kiezwerk.network import services
from kiezwerk.network.forms import OfferForm
from kiezwerk.network.models import Offer
from kiezwerk.network.views.base import get_offer_for, get_partner_for


def _partner_page(offer_or_partner) -> HttpResponse:
    partner = getattr(offer_or_partner, "partner", offer_or_partner)
    return redirect("network:partner_detail", slug=partner.agency.slug, pk=partner.pk)


@login_required
@require_http_methods(["GET", "POST"])
def offer_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    partner = get_partner_for(request, slug, pk, "network.manage_offers")
    if partner.archived_at is not None:
        raise Http404
    form = OfferForm(request.POST if request.method == "POST" else None, agency=partner.agency)
    if request.method == "POST" and form.is_valid():
        services.create_offer(partner, actor=request.user, **form.offer_fields())
        messages.success(request, _("The offer has been added."))
        return _partner_page(partner)
    status = 400 if form.errors else 200
    context = {"agency": partner.agency, "partner": partner, "form": form, "offer": None}
    return render(request, "network/offer_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def offer_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    offer = get_offer_for(request, slug, pk, "network.manage_offers")
    if offer.archived_at is not None:
        raise Http404
    form = OfferForm(
        request.POST if request.method == "POST" else None,
        instance=offer,
        agency=offer.partner.agency,
    )
    if request.method == "POST" and form.is_valid():
        fresh = Offer.objects.get(pk=offer.pk)
        services.update_offer(fresh, actor=request.user, **form.offer_fields())
        messages.success(request, _("Your changes have been saved."))
        return _partner_page(offer)
    status = 400 if form.errors else 200
    context = {"agency": offer.partner.agency, "partner": offer.partner, "form": form}
    return render(request, "network/offer_form.html", context | {"offer": offer}, status=status)


@login_required
@require_POST
def offer_archive(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    offer = get_offer_for(request, slug, pk, "network.manage_offers")
    services.archive_offer(offer, actor=request.user)
    messages.success(request, _("The offer has been archived."))
    return _partner_page(offer)
