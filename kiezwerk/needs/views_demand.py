"""The demand register in the back office: requests from neighbourhoods no agency serves yet.
An agency's managers see those from the districts of their neighbourhoods and those handed to
them; the city department (network overview permission) sees all. Contact details only for
whoever handles a request (needs/rules.py)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kiezwerk.agencies.models import Agency
from kiezwerk.agencies.views import get_agency_for
from kiezwerk.core.reads import log_reads
from kiezwerk.needs import queries, services
from kiezwerk.needs.forms import DemandChangeForm, DemandFilterForm
from kiezwerk.needs.models import DemandRequest

PAGE_SIZE = 50


def _register(request: HttpRequest, requests, agency: Agency | None) -> HttpResponse:
    """The list (filtered by status, paginated) with the register's figures."""
    filters = DemandFilterForm(request.GET)
    if not filters.is_valid():
        filters = DemandFilterForm()
        filters.is_valid()
    status = filters.cleaned_data.get("status")
    requests = requests.filter(archived_at__isnull=True)
    rows = requests.filter(status=status) if status else requests
    page = Paginator(queries.demand_list(rows), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "agency": agency,
        "filter": filters,
        "page": page,
        "status": status or "",
        "status_query": urlencode({"status": status or ""}),
        "summary": queries.demand_summary(requests),
    }
    return render(request, "needs/demand_register.html", context)


@login_required
@require_GET
def demand(request: HttpRequest, slug: str) -> HttpResponse:
    agency = get_agency_for(request, slug, "needs.list_demand")
    return _register(request, DemandRequest.objects.in_districts_of([agency.pk]), agency)


@login_required
@require_GET
def demand_all(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("needs.list_all_demand"):
        raise PermissionDenied
    return _register(request, DemandRequest.objects.all(), None)


def _get_demand(request: HttpRequest, pk: int) -> DemandRequest:
    """The request if the user may read it, else 404 (nobody learns it exists)."""
    found = get_object_or_404(
        DemandRequest.objects.select_related("district", "category", "agency"), pk=pk
    )
    if not request.user.has_perm("needs.view_demand", found):
        raise Http404
    return found


def _detail(request, found: DemandRequest, form: DemandChangeForm | None, status: int = 200):
    user = request.user
    can_change = found.archived_at is None and user.has_perm("needs.change_demand", found)
    if form is None and can_change:
        form = DemandChangeForm(initial={"status": found.status, "notes": found.notes})
    shows_contact = user.has_perm("needs.view_demand_contact", found)
    if shows_contact:
        log_reads(request, [found], agency_id=found.agency_id or _handling_agency_id(user, found))
    context = {
        "demand": found,
        "form": form if can_change else None,
        "shows_contact": shows_contact,
        "manages": [a for a in _managed_agencies(user) if user.has_perm("needs.list_demand", a)],
        "reads_all": user.has_perm("needs.list_all_demand"),
    }
    return render(request, "needs/demand_detail.html", context, status=status)


def _handling_agency_id(user, found: DemandRequest) -> int | None:
    """For a request no agency has taken yet: the agency the manager reads it for (one that
    serves a neighbourhood in its district); none for the city department."""
    from kiezwerk.agencies.models import Neighbourhood
    from kiezwerk.needs.rules import manager_agency_ids

    serving = Neighbourhood.objects.active().filter(
        agency_id__in=manager_agency_ids(user), district_id=found.district_id
    )
    return serving.order_by("agency_id").values_list("agency_id", flat=True).first()


def _managed_agencies(user) -> list[Agency]:
    from kiezwerk.agencies.rules import member_agencies

    return list(member_agencies(user).values())


@login_required
@require_GET
def demand_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _get_demand(request, pk), None)


@login_required
@require_POST
def demand_change(request: HttpRequest, pk: int) -> HttpResponse:
    found = _get_demand(request, pk)
    if found.archived_at is not None or not request.user.has_perm("needs.change_demand", found):
        raise PermissionDenied
    form = DemandChangeForm(request.POST)
    if form.is_valid():
        try:
            services.change_demand(found, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The request has been updated."))
            return redirect("needs:demand_detail", pk=found.pk)
    return _detail(request, found, form, status=400)
