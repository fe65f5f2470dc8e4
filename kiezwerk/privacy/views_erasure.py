"""Erasure and restriction of a person's records, and the retention dry run.

A request's page links to its erasure preview: for each confirmed record, whether it will be
anonymised (which fields), kept because funding law holds it (until when, why; it is
restricted instead) or is anonymised already, and how many log rows are scrubbed. Erasing
needs a ticked confirmation. Restricting and lifting the restriction act on the same records.
The retention page shows what tonight's retention run would anonymise and what funding law
holds. Management and superusers only (privacy.handle_requests): other members get 403, other
agencies' staff 404. The preview and erasure ask for the password again
(`recent_login_required`) after the permission check."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from kiezwerk.accounts.reauth import recent_login_required
from kiezwerk.agencies.views import get_agency_for
from kiezwerk.privacy import erasure, retention, subjects
from kiezwerk.privacy.forms_erasure import ErasureForm
from kiezwerk.privacy.models import DataSubjectRequest

PERM = "privacy.handle_requests"


def _request_for(request: HttpRequest, slug: str, pk: int) -> DataSubjectRequest:
    agency = get_agency_for(request, slug, PERM)
    found = get_object_or_404(DataSubjectRequest.objects.for_agency(agency), pk=pk)
    found.agency = agency
    return found


def _preview_page(found: DataSubjectRequest) -> HttpResponse:
    return redirect("erasure:preview", slug=found.agency.slug, pk=found.pk)


@login_required
@require_GET
@never_cache
def preview(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _preview(request, _request_for(request, slug, pk))


@login_required
@require_POST
def execute(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _execute(request, _request_for(request, slug, pk))


@recent_login_required
def _preview(request: HttpRequest, found: DataSubjectRequest, form=None, status=200):
    plan = erasure.plan_for(found)
    context = {
        "agency": found.agency,
        "dsr": found,
        "plan": plan,
        "form": form or ErasureForm(),
        "restricted": sum(1 for item in plan.items if item.record.restricted_at),
    }
    return render(request, "privacy/erasure.html", context, status=status)


@recent_login_required
def _execute(request: HttpRequest, found: DataSubjectRequest) -> HttpResponse:
    form = ErasureForm(request.POST)
    if not found.records:
        form.add_error(None, _("No records are confirmed for this request yet."))
    if not form.is_valid():
        return _preview(request, found, form, status=400)
    counts = erasure.execute(erasure.plan_for(found), by=request.user, request=found)
    anonymised = (
        ngettext(
            "One record anonymised.", "%(anonymised)d records anonymised.", counts["anonymised"]
        )
        % counts
    )
    kept = (
        ngettext(
            "One record kept under a legal hold and restricted.",
            "%(kept)d records kept under a legal hold and restricted.",
            counts["kept"],
        )
        % counts
    )
    messages.success(request, f"{anonymised} {kept}" if counts["kept"] else anonymised)
    return _preview_page(found)


@login_required
@require_POST
def restrict(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    found = _request_for(request, slug, pk)
    records = subjects.load(found.agency, found.records)
    changed = erasure.restrict(records, by=request.user, request=found)
    messages.success(
        request,
        ngettext(
            "Processing restricted for one record.",
            "Processing restricted for %(count)d records.",
            changed,
        )
        % {"count": changed},
    )
    return _preview_page(found)


@login_required
@require_POST
def lift(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    found = _request_for(request, slug, pk)
    records = subjects.load(found.agency, found.records)
    changed = erasure.lift(records, by=request.user, request=found)
    messages.success(
        request,
        ngettext(
            "Restriction lifted for one record.",
            "Restriction lifted for %(count)d records.",
            changed,
        )
        % {"count": changed},
    )
    return _preview_page(found)


@login_required
@require_GET
@never_cache
def retention_dry_run(request: HttpRequest, slug: str) -> HttpResponse:
    """What tonight's retention run would anonymise, per retention class and model."""
    agency = get_agency_for(request, slug, PERM)
    today = timezone.localdate()
    forecasts = retention.forecast(agency.pk, today)
    context = {
        "agency": agency,
        "today": today,
        "forecasts": forecasts,
        "due": sum(len(found.due) for found in forecasts),
        "held": sum(len(found.held) for found in forecasts),
        "shown": retention.SHOWN,
    }
    return render(request, "privacy/retention.html", context)
