"""Public pages of the needs part: an agency's needs board (needs staff marked public), one
need with its support button, the form to report a need, and the form to ask for an agency in
a neighbourhood that none serves yet (the demand register).

Supporting a need needs no account: one support is counted per address, need and day, the
address kept only as a keyed hash (needs.NeedSupport); see docs/architecture.md."""

from itertools import groupby

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kiezwerk.agencies.models import Agency
from kiezwerk.core.public_forms import (
    TOO_MANY,
    HoneypotForm,
    address_hash,
    record_submission,
    within_limit,
)
from kiezwerk.needs import queries, services
from kiezwerk.needs.forms import DemandForm, NeedReportForm
from kiezwerk.needs.models import Need

REPORTS_PER_HOUR = 5
SUPPORTS_PER_HOUR = 30
DEMANDS_PER_HOUR = 5


def _agency(slug: str) -> Agency:
    return get_object_or_404(Agency.objects.active(), slug=slug)


def _need(agency: Agency, pk: int) -> Need:
    return get_object_or_404(queries.on_board(agency.pk), pk=pk)


@require_GET
@cache_control(public=True, max_age=300)
def needs(request: HttpRequest, slug: str) -> HttpResponse:
    agency = _agency(slug)
    rows = list(queries.on_board(agency.pk))
    groups = [(hood, list(items)) for hood, items in groupby(rows, key=lambda n: n.neighbourhood)]
    return render(request, "portal/needs/board.html", {"agency": agency, "groups": groups})


def _need_page(request, need: Need, form, *, error: str = "", status: int = 200):
    context = {"agency": need.agency, "need": need, "form": form, "error": error}
    return render(request, "portal/needs/need.html", context, status=status)


@require_GET
@never_cache
def need(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _need_page(request, _need(_agency(slug), pk), HoneypotForm())


@require_POST
@never_cache
def support_need(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Count one support (once per address and day); the answer says whether it counted."""
    need = _need(_agency(slug), pk)
    form = HoneypotForm(request.POST)
    if not within_limit(request, "need_support", per_hour=SUPPORTS_PER_HOUR):
        return _need_page(request, need, form, error=str(TOO_MANY), status=429)
    if not form.is_valid():
        return _need_page(request, need, form, status=400)
    counted = services.support_need(need, address_hash=address_hash(request))
    record_submission(request, "need_support")
    if counted:
        messages.success(request, _("Thank you! Your support has been counted."))
    else:
        messages.info(request, _("You have already supported this need today. Thank you!"))
    return redirect("portal:need", slug=need.agency.slug, pk=need.pk)


@require_http_methods(["GET", "POST"])
@never_cache
def report_need(request: HttpRequest, slug: str) -> HttpResponse:
    agency = _agency(slug)
    form = NeedReportForm(request.POST or None, agency=agency)
    template, context = "portal/needs/report.html", {"agency": agency, "form": form}
    if request.method == "POST":
        if not within_limit(request, "need_report", per_hour=REPORTS_PER_HOUR):
            return render(request, template, {**context, "error": TOO_MANY}, status=429)
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in NeedReportForm.REPORTED}
            services.report_need(agency=agency, **fields)
            record_submission(request, "need_report")
            messages.success(
                request,
                _(
                    "Thank you! We have received your report. Our team reads it and puts it "
                    "on the needs board within a few days."
                ),
            )
            return redirect("portal:report_need", slug=agency.slug)
    return render(request, template, context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@never_cache
def demand(request: HttpRequest) -> HttpResponse:
    form = DemandForm(request.POST or None)
    template = "portal/demand/form.html"
    if request.method == "POST":
        if not within_limit(request, "demand", per_hour=DEMANDS_PER_HOUR):
            return render(request, template, {"form": form, "error": TOO_MANY}, status=429)
        if form.is_valid():
            services.receive_demand(**form.demand_fields())
            record_submission(request, "demand")
            messages.success(
                request,
                _(
                    "Thank you! We have received your request. We will contact you when we "
                    "know whether an agency can come to your neighbourhood."
                ),
            )
            return redirect("portal:demand")
    return render(request, template, {"form": form}, status=400 if form.errors else 200)
