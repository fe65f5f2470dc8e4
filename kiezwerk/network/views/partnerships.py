"""Local partnerships: partners, public bodies and initiatives agreeing on a purpose."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kiezwerk.agencies.views import get_agency_for
from kiezwerk.core.htmx import render_page_or_partial
from kiezwerk.network import services
from kiezwerk.network.enums import PartnerKind
from kiezwerk.network.filters import PartnershipFilter
from kiezwerk.network.forms import PartnershipForm
from kiezwerk.network.models import Partnership
from kiezwerk.network.views.base import PAGE_SIZE, get_partnership_for


@login_required
@require_GET
def partnership_list(request: HttpRequest, slug: str) -> HttpResponse:
    agency = get_agency_for(request, slug, "network.view_network")
    partnerships = (
        Partnership.objects.active()
        .filter(agency=agency)
        .select_related("neighbourhood")
        .annotate(
            partner_count=Count("partners", distinct=True),
            initiative_count=Count("initiatives", distinct=True),
        )
        .order_by("-agreed_on", "title", "pk")
    )
    filters = PartnershipFilter(request.GET, queryset=partnerships, agency=agency)
    rows = filters.qs if filters.is_valid() else partnerships.none()
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "agency": agency,
        "filter": filters,
        "page": page,
        "query": query.urlencode(),
        "can_add": request.user.has_perm("network.add_partnership", agency),
    }
    return render_page_or_partial(request, "network/partnership_list.html", context, "results")


@login_required
@require_GET
def partnership_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    partnership = get_partnership_for(request, slug, pk, "network.view_partnership")
    user = request.user
    partners = list(partnership.partners.order_by("name"))
    initiatives = list(partnership.initiatives.order_by("name"))
    for initiative in initiatives:
        initiative.can_view = user.has_perm("initiatives.view_initiative", initiative)
    context = {
        "agency": partnership.agency,
        "partnership": partnership,
        "organisations": [p for p in partners if p.kind != PartnerKind.PUBLIC],
        "public_bodies": [p for p in partners if p.kind == PartnerKind.PUBLIC],
        "initiatives": initiatives,
        "can_edit": user.has_perm("network.change_partnership", partnership),
    }
    return render(request, "network/partnership_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def partnership_create(request: HttpRequest, slug: str) -> HttpResponse:
    agency = get_agency_for(request, slug, "network.add_partnership")
    form = PartnershipForm(
        request.POST if request.method == "POST" else None, agency=agency, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        partnership = services.create_partnership(
            agency, actor=request.user, **form.partnership_fields()
        )
        messages.success(request, _("The local partnership has been recorded."))
        return redirect("network:partnership_detail", slug=agency.slug, pk=partnership.pk)
    status = 400 if form.errors else 200
    context = {"agency": agency, "form": form, "partnership": None}
    return render(request, "network/partnership_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def partnership_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    partnership = get_partnership_for(request, slug, pk, "network.change_partnership")
    agency = partnership.agency
    form = PartnershipForm(
        request.POST if request.method == "POST" else None,
        instance=partnership,
        agency=agency,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        fresh = Partnership.objects.get(pk=partnership.pk)
        services.update_partnership(fresh, actor=request.user, **form.partnership_fields())
        messages.success(request, _("Your changes have been saved."))
        return redirect("network:partnership_detail", slug=agency.slug, pk=partnership.pk)
    status = 400 if form.errors else 200
    context = {"agency": agency, "form": form, "partnership": partnership}
    return render(request, "network/partnership_form.html", context, status=status)
