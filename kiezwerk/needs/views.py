"""The needs register: the list per neighbourhood, one need with its chain forward to the
initiatives working on it, and the work on a need (record, edit, status, merge)."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kiezwerk.agencies.models import Agency
from kiezwerk.agencies.views import get_agency_for
from kiezwerk.needs import queries, services
from kiezwerk.needs.enums import NeedStatus
from kiezwerk.needs.filters import NeedFilter
from kiezwerk.needs.forms import MergeForm, NeedForm, StatusForm
from kiezwerk.needs.models import Need

PAGE_SIZE = 50


def get_need_for(request: HttpRequest, slug: str, pk: int, perm: str, *, active: bool) -> Need:
    """The need if the user may read the agency's register (else 404 for outsiders, 403 for
    other members) and holds `perm` on it (else 403). Write views ask for an `active` need:
    merged and archived needs keep their page but change no more (404)."""
    agency = get_agency_for(request, slug, "needs.list_needs")
    needs = Need.objects.filter(agency=agency).select_related(
        "agency", "neighbourhood", "category", "merged_into"
    )
    if active:
        needs = queries.in_register(needs)
    need = get_object_or_404(needs, pk=pk)
    if not request.user.has_perm(perm, need):
        raise PermissionDenied
    return need


@login_required
@require_GET
def register(request: HttpRequest, slug: str) -> HttpResponse:
    agency = get_agency_for(request, slug, "needs.list_needs")
    needs = queries.in_register(Need.objects.filter(agency=agency))
    filters = NeedFilter(request.GET, queryset=needs, agency=agency)
    valid = filters.is_valid()
    rows = filters.qs if valid else needs.none()
    rows = queries.register_order(rows.select_related("neighbourhood", "category"))
    page = Paginator(rows.only(*queries.REGISTER_FIELDS), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    page.object_list = list(page.object_list)
    for need in page.object_list:
        need.open_for = queries.open_for(need.raised_on, need.closed_on)
    hood = filters.selected_neighbourhood()
    in_summary = needs.filter(neighbourhood=hood) if hood else needs
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "agency": agency,
        "filter": filters,
        "page": page,
        "query": query.urlencode(),
        "neighbourhood": hood,
        "summary": queries.summary(in_summary if valid else needs.none()),
        "can_add": request.user.has_perm("needs.add_need", agency),
        "to_moderate": queries.awaiting_moderation(needs).count(),
    }
    return render(request, "needs/need_register.html", context)


@login_required
@require_GET
def detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    need = get_need_for(request, slug, pk, "needs.view_need", active=False)
    user = request.user
    can_change = need.archived_at is None and user.has_perm("needs.change_need", need)
    merged = list(need.merged_needs.select_related("category").order_by("title", "pk"))
    context = {
        "agency": need.agency,
        "need": need,
        "open_for": queries.open_for(need.raised_on, need.closed_on),
        "can_change": can_change,
        "can_open_neighbourhood": user.has_perm(
            "reporting.view_neighbourhood_overview", need.neighbourhood
        ),
        "merged": merged,
        "awaits_moderation": need.archived_at is None and services.awaits_moderation(need),
        "history": queries.history(need, merged),
        "status_form": StatusForm(initial={"status": need.status}) if can_change else None,
        **_chain(request, need),
    }
    return render(request, "needs/need_detail.html", context)


def _chain(request: HttpRequest, need: Need) -> dict:
    """Where the need was raised and who works on it (reverse relations of higher apps; three
    queries). Initiatives link to their page where the user may open it."""
    initiatives = list(need.initiatives.filter(archived_at__isnull=True).order_by("name", "pk"))
    consultations = list(
        need.consultations.select_related("initiative")
        .only(
            "held_on",
            "topic",
            "initiative__name",
            "initiative__agency_id",
            "initiative__neighbourhood_id",
        )
        .order_by("-held_on", "-pk")
    )
    opens = {}
    for initiative in [*initiatives, *(c.initiative for c in consultations)]:
        if initiative.pk not in opens:
            opens[initiative.pk] = request.user.has_perm("initiatives.view_initiative", initiative)
    for initiative in initiatives:
        initiative.can_open = opens[initiative.pk]
    for consultation in consultations:
        consultation.can_open = opens[consultation.initiative.pk]
    return {
        "forums": need.forums.filter(archived_at__isnull=True).order_by("-starts_at", "-pk"),
        "consultations": consultations,
        "initiatives": initiatives,
    }


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest, slug: str) -> HttpResponse:
    agency = get_agency_for(request, slug, "needs.add_need")
    initial = {}
    if request.GET.get("neighbourhood", "").isdigit():
        initial["neighbourhood"] = int(request.GET["neighbourhood"])
    form = NeedForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        agency=agency,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        need = services.create_need(actor=request.user, agency=agency, **form.cleaned_data)
        messages.success(request, _("The need has been recorded."))
        return redirect("needs:detail", slug=agency.slug, pk=need.pk)
    return _form_page(request, agency, form, None)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    need = get_need_for(request, slug, pk, "needs.change_need", active=True)
    # The form works on a copy, so that the service sees what really changed.
    form = NeedForm(
        request.POST if request.method == "POST" else None,
        instance=copy.copy(need),
        agency=need.agency,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.EDITABLE_FIELDS}
        services.update_need(need, actor=request.user, **fields)
        messages.success(request, _("Your changes have been saved."))
        return redirect("needs:detail", slug=need.agency.slug, pk=need.pk)
    return _form_page(request, need.agency, form, need)


def _form_page(request: HttpRequest, agency: Agency, form: NeedForm, need: Need | None):
    status = 400 if form.errors else 200
    context = {"agency": agency, "form": form, "need": need}
    return render(request, "needs/need_form.html", context, status=status)


@login_required
@require_POST
def change_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    need = get_need_for(request, slug, pk, "needs.change_need", active=True)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.change_status(
                need,
                actor=request.user,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The status is now “%(status)s”.") % {"status": need.get_status_display()},
            )
            return redirect("needs:detail", slug=need.agency.slug, pk=need.pk)
    context = {"agency": need.agency, "need": need, "form": form}
    return render(request, "needs/need_status.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def merge(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Choose the need to merge into (GET), see what would move (GET with `into`), merge (POST)."""
    source = get_need_for(request, slug, pk, "needs.change_need", active=True)
    data = request.POST if request.method == "POST" else (request.GET or None)
    form = MergeForm(data, source=source)
    into = form.cleaned_data["into"] if form.is_valid() else None
    if request.method == "POST" and into is not None:
        services.merge_needs(source, into=into, actor=request.user)
        messages.success(
            request,
            _("“%(source)s” has been merged into “%(into)s”.")
            % {"source": source.title, "into": into.title},
        )
        return redirect("needs:detail", slug=source.agency.slug, pk=into.pk)
    context = {
        "agency": source.agency,
        "need": source,
        "form": form,
        "into": into,
        "preview": queries.merge_preview(source, into) if into else None,
    }
    return render(request, "needs/need_merge.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def publish(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Publish a resident's report from the needs board: confirmed and shown there."""
    need = get_need_for(request, slug, pk, "needs.change_need", active=True)
    if need.status == NeedStatus.REJECTED:
        messages.error(request, _("A rejected need cannot be published; change its status first."))
    else:
        services.publish_report(need, actor=request.user)
        messages.success(request, _("The need is now shown on the public needs board."))
    return redirect("needs:detail", slug=need.agency.slug, pk=need.pk)
