"""Referrals of initiatives to partners: referring with suggestions, the list, one referral
with what was delivered, recording a delivery, declining."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kiezwerk.accounts.enums import Role
from kiezwerk.agencies.models import Agency
from kiezwerk.agencies.rules import role_in
from kiezwerk.agencies.views import get_agency_for
from kiezwerk.core.htmx import render_page_or_partial
from kiezwerk.initiatives.models import Initiative
from kiezwerk.initiatives.views.base import get_initiative_for
from kiezwerk.network import queries, services
from kiezwerk.network.enums import ReferralStatus
from kiezwerk.network.filters import ReferralFilter
from kiezwerk.network.forms import DeclineForm, DeliveryForm, ReferralForm
from kiezwerk.network.models import Offer, Partner, Referral
from kiezwerk.network.rules import acting_for
from kiezwerk.network.views.base import PAGE_SIZE, get_referral_for


@login_required
@require_http_methods(["GET", "POST"])
def refer(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = get_initiative_for(request, slug, pk, "initiatives.change_initiative")
    form = ReferralForm(
        request.POST if request.method == "POST" else None,
        initiative=initiative,
        initial=_picked(request, initiative),
    )
    if request.method == "POST" and form.is_valid():
        services.refer(initiative, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The initiative has been referred."))
        return redirect(_case_url(initiative) + "#referrals")
    context = {
        "agency": initiative.agency,
        "initiative": initiative,
        "form": form,
        "suggestions": queries.suggest_offers(initiative),
    }
    status = 400 if form.errors else 200
    return render(request, "network/refer.html", context, status=status)


def _picked(request: HttpRequest, initiative: Initiative) -> dict:
    """A suggestion picked by its link (?offer=<id>) fills in the partner and the offer."""
    offer_id = request.GET.get("offer", "")
    if not offer_id.isdigit():
        return {}
    offer = Offer.objects.active().filter(agency_id=initiative.agency_id, pk=int(offer_id)).first()
    return {"partner": offer.partner_id, "offer": offer.pk} if offer else {}


def _case_url(initiative: Initiative) -> str:
    return reverse(
        "initiatives:detail", kwargs={"slug": initiative.agency.slug, "pk": initiative.pk}
    )


def _partners_for(request: HttpRequest, agency: Agency):
    """The partners a user may filter by: a network partner only its own organisations."""
    partners = Partner.objects.filter(agency=agency)
    if not request.user.is_superuser and role_in(request.user, agency) == Role.PARTNER:
        partners = partners.filter(pk__in=acting_for(request.user))
    return partners.active()


@login_required
@require_GET
def referral_list(request: HttpRequest, slug: str) -> HttpResponse:
    agency = get_agency_for(request, slug, "network.list_referrals")
    referrals = (
        Referral.objects.visible_to(request.user)
        .filter(agency=agency)
        .select_related("initiative", "neighbourhood", "partner", "offer")
        .with_delivered()
        .order_by("-referred_on", "-pk")
    )
    partners = _partners_for(request, agency)
    filters = ReferralFilter(request.GET, queryset=referrals, partners=partners)
    rows = filters.qs if filters.is_valid() else referrals.none()
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    is_staff = request.user.has_perm("network.view_network", agency)
    context = {
        "agency": agency,
        "filter": filters,
        "page": page,
        "query": query.urlencode(),
        "is_staff": is_staff,
        # A network partner's own organisations, to reach their pages from here.
        "own_organisations": [] if is_staff else list(partners),
    }
    return render_page_or_partial(request, "network/referral_list.html", context, "results")


def _detail_context(request: HttpRequest, referral: Referral, **forms) -> dict:
    user = request.user
    can_change = user.has_perm("network.change_referral", referral)
    is_open = referral.status == ReferralStatus.REFERRED
    can_deliver = can_change and referral.status != ReferralStatus.DECLINED
    return {
        "agency": referral.agency,
        "referral": referral,
        "deliveries": list(referral.deliveries.select_related("recorded_by")),
        "totals": referral.deliveries.aggregate(hours=Sum("hours"), value=Sum("value")),
        "can_view_case": user.has_perm("initiatives.view_initiative", referral.initiative),
        "can_view_partner": user.has_perm("network.view_partner", referral.partner),
        "delivery_form": forms.get("delivery_form")
        or (DeliveryForm(referral=referral) if can_deliver else None),
        "decline_form": forms.get("decline_form")
        or (DeclineForm() if can_change and is_open else None),
    }


@login_required
@require_GET
def referral_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    referral = get_referral_for(request, slug, pk, "network.view_referral")
    return render(request, "network/referral_detail.html", _detail_context(request, referral))


def _referral_url(referral: Referral) -> str:
    return reverse(
        "network:referral_detail", kwargs={"slug": referral.agency.slug, "pk": referral.pk}
    )


@login_required
@require_http_methods(["GET", "POST"])
def record_delivery(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    referral = get_referral_for(request, slug, pk, "network.change_referral")
    if referral.status == ReferralStatus.DECLINED:
        messages.error(request, _("A declined referral cannot receive deliveries."))
        return redirect(_referral_url(referral))
    form = DeliveryForm(request.POST if request.method == "POST" else None, referral=referral)
    if request.method == "POST" and form.is_valid():
        services.record_delivery(referral, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The delivery has been recorded."))
        return redirect(_referral_url(referral))
    status = 400 if form.errors else 200
    context = {"agency": referral.agency, "referral": referral, "form": form}
    return render(request, "network/delivery_form.html", context, status=status)


@login_required
@require_POST
def decline_referral(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    referral = get_referral_for(request, slug, pk, "network.change_referral")
    if referral.status != ReferralStatus.REFERRED:
        messages.error(request, _("Only open referrals can be declined."))
        return redirect(_referral_url(referral))
    form = DeclineForm(request.POST)
    if form.is_valid():
        services.decline_referral(referral, actor=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("The referral has been declined."))
        return redirect(_referral_url(referral))
    context = _detail_context(request, referral, decline_form=form)
    return render(request, "network/referral_detail.html", context, status=400)
