"""Back office of the consultation hours: the week calendar with open requests, the
consultation hours, answering a request, and taking it in as a case after the call."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kiezwerk.agencies.views import get_agency_for
from kiezwerk.appointments import queries, services
from kiezwerk.appointments.enums import ANSWERABLE
from kiezwerk.appointments.forms import AnswerForm, IntakeForm, SlotExceptionForm, SlotForm
from kiezwerk.appointments.models import AppointmentRequest, ConsultationSlot
from kiezwerk.core.reads import log_reads

STALE = gettext_lazy(
    "Someone else has answered this request in the meantime. Please look at it again."
)


def get_request_for(request: HttpRequest, slug: str, pk: int, perm: str) -> AppointmentRequest:
    """The request if the user may see it (else 404) and holds `perm` on it (else 403)."""
    agency = get_agency_for(request, slug, "appointments.view_calendar")
    found = get_object_or_404(
        AppointmentRequest.objects.visible_to(request.user)
        .active()
        .filter(agency=agency)
        .select_related("agency", "neighbourhood", "slot", "handled_by", "initiative"),
        pk=pk,
    )
    if not request.user.has_perm(perm, found):
        raise PermissionDenied
    return found


def get_slot_for(request: HttpRequest, slug: str, pk: int) -> ConsultationSlot:
    agency = get_agency_for(request, slug, "appointments.view_calendar")
    slot = get_object_or_404(
        ConsultationSlot.objects.visible_to(request.user)
        .active()
        .filter(agency=agency)
        .select_related("agency", "neighbourhood"),
        pk=pk,
    )
    if not request.user.has_perm("appointments.change_slot", slot):
        raise PermissionDenied
    return slot


def _monday(value: str | None) -> dt.date:
    """The Monday of the week asked for (?week=YYYY-MM-DD), else of this week."""
    try:
        day = dt.date.fromisoformat(value) if value else timezone.localdate()
    except ValueError:
        day = timezone.localdate()
    return day - dt.timedelta(days=day.weekday())


@login_required
@require_GET
def calendar(request: HttpRequest, slug: str) -> HttpResponse:
    agency = get_agency_for(request, slug, "appointments.view_calendar")
    monday = _monday(request.GET.get("week"))
    context = {
        "agency": agency,
        "monday": monday,
        "sunday": monday + dt.timedelta(days=6),
        "days": queries.week(agency, request.user, monday),
        "open_requests": queries.open_requests(agency, request.user),
        "previous_week": monday - dt.timedelta(days=7),
        "next_week": monday + dt.timedelta(days=7),
        "this_week": _monday(None),
    }
    return render(request, "appointments/calendar.html", context)


@login_required
@require_GET
def slots(request: HttpRequest, slug: str) -> HttpResponse:
    agency = get_agency_for(request, slug, "appointments.view_calendar")
    active = (
        ConsultationSlot.objects.visible_to(request.user)
        .active()
        .filter(agency=agency)
        .select_related("neighbourhood", "advisor")
        .order_by("neighbourhood__name", "weekday", "start_time")
    )
    return render(request, "appointments/slot_list.html", {"agency": agency, "slots": active})


@login_required
@require_http_methods(["GET", "POST"])
def slot_create(request: HttpRequest, slug: str) -> HttpResponse:
    agency = get_agency_for(request, slug, "appointments.add_slot")
    form = SlotForm(request.POST or None, agency=agency, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.cleaned_data}
        fields.setdefault("advisor", form.instance.advisor)
        services.create_slot(agency, actor=request.user, **fields)
        messages.success(request, _("The consultation hour has been published."))
        return redirect("appointments:slots", slug=agency.slug)
    status = 400 if form.errors else 200
    context = {"agency": agency, "form": form}
    return render(request, "appointments/slot_form.html", context, status=status)


@login_required
@require_POST
def slot_archive(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    slot = get_slot_for(request, slug, pk)
    services.archive_slot(slot, actor=request.user)
    messages.success(request, _("The consultation hour has been archived."))
    return redirect("appointments:slots", slug=slot.agency.slug)


@login_required
@require_http_methods(["GET", "POST"])
def slot_exception(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    slot = get_slot_for(request, slug, pk)
    form = SlotExceptionForm(request.POST or None, slot=slot)
    if request.method == "POST" and form.is_valid():
        services.add_exception(slot, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The change for this day has been saved."))
        return redirect("appointments:slots", slug=slot.agency.slug)
    status = 400 if form.errors else 200
    context = {"agency": slot.agency, "slot": slot, "form": form}
    return render(request, "appointments/exception_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def request_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    found = get_request_for(request, slug, pk, "appointments.view_request")
    can_answer = request.user.has_perm("appointments.handle_request", found)
    if request.method == "POST" and not can_answer:
        raise PermissionDenied
    form = AnswerForm(request.POST or None, request=found) if can_answer else None
    status = 200
    if form is not None and request.method == "POST":
        status = _answer(request, found, form)
        if status == 302:
            return redirect("appointments:request", slug=found.agency.slug, pk=found.pk)
    log_reads(request, [found])
    context = {
        "agency": found.agency,
        "appointment": found,
        "form": form,
        "answerable": ANSWERABLE,
    }
    return render(request, "appointments/request_detail.html", context, status=status)


def _answer(request: HttpRequest, found: AppointmentRequest, form: AnswerForm) -> int:
    """Apply the answer; the response status (302 when done)."""
    if found.status not in ANSWERABLE:
        form.add_error(None, _("This request has been closed already."))
        return 409
    if not form.is_valid():
        return 400
    data, actor = form.cleaned_data, request.user
    common = {"actor": actor, "version": data["version"], "message": data["message"]}
    try:
        if data["action"] == AnswerForm.ACCEPT:
            services.accept(found, starts_at=data["starts_at"], **common)
        elif data["action"] == AnswerForm.PROPOSE:
            services.propose(found, starts_at=data["starts_at"], **common)
        else:
            services.decline(found, **common)
    except services.StaleRequest:
        form.add_error(None, STALE)
        return 409
    except services.SlotTaken:
        form.add_error("starts_at", _("Another appointment holds this time already."))
        return 409
    messages.success(request, _("Your answer has been saved."))
    return 302


@login_required
@require_http_methods(["GET", "POST"])
def intake(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """After the call: open the case (or link one) with the caller and the call pre-filled."""
    found = get_request_for(request, slug, pk, "appointments.handle_request")
    if found.status not in ANSWERABLE:
        messages.info(request, _("This request has been closed already."))
        return redirect("appointments:request", slug=found.agency.slug, pk=found.pk)
    form = IntakeForm(request.POST or None, request=found, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            initiative = services.take_in(
                found,
                actor=request.user,
                version=form.cleaned_data["version"],
                initiative=form.cleaned_data["existing"],
                case=form.case(),
                consultation=form.consultation(),
            )
        except services.StaleRequest:
            form.add_error(None, STALE)
        else:
            messages.success(request, _("The call has been taken in as a case."))
            return redirect("initiatives:detail", slug=found.agency.slug, pk=initiative.pk)
    status = 409 if form.non_field_errors() else 400 if form.errors else 200
    context = {"agency": found.agency, "appointment": found, "form": form}
    return render(request, "appointments/intake_form.html", context, status=status)
