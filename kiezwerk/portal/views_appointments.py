"""The public request for a consultation by appointment, and its confirmation page.

Neither page is cached: the form carries a CSRF token, the confirmation shows the time the
person chose (kept in their session, never in the address)."""

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from kiezwerk.agencies.models import Agency
from kiezwerk.appointments import queries, services
from kiezwerk.appointments.forms import AppointmentRequestForm
from kiezwerk.core.public_forms import TOO_MANY, record_submission, within_limit

SCOPE = "appointment_request"
PER_HOUR = 5
SENT = "appointment_sent"
TEMPLATE = "portal/appointments/request_form.html"


def _public_agency(slug: str) -> Agency:
    return get_object_or_404(Agency.objects.active(), slug=slug)


@require_http_methods(["GET", "POST"])
@never_cache
def appointment(request: HttpRequest, slug: str) -> HttpResponse:
    """Pick a free time or ask for a call back; the agency answers in the back office."""
    agency = _public_agency(slug)
    form = AppointmentRequestForm(
        request.POST or None, agency=agency, openings=queries.free_openings(agency)
    )
    context = {"agency": agency, "portal_agency": agency, "form": form}
    if request.method != "POST":
        return render(request, TEMPLATE, context)
    if not within_limit(request, SCOPE, per_hour=PER_HOUR):
        context["too_many"] = TOO_MANY
        return render(request, TEMPLATE, context, status=429)
    if not form.is_valid():
        return render(request, TEMPLATE, context, status=400)
    try:
        created = services.request_appointment(
            agency, opening=form.opening(), **_person(form.cleaned_data)
        )
    except services.SlotTaken:
        # Show the times free now: the chosen one is gone, and its error says so.
        context["form"] = AppointmentRequestForm(
            request.POST, agency=agency, openings=queries.free_openings(agency)
        )
        context["form"].is_valid()
        return render(request, TEMPLATE, context, status=409)
    record_submission(request, SCOPE)
    request.session[SENT] = {
        "agency": agency.pk,
        "starts_at": created.starts_at.isoformat() if created.starts_at else None,
        "mode": created.mode,
        "email": bool(created.email),
    }
    return redirect("portal:appointment_sent", slug=agency.slug)


def _person(data: dict) -> dict:
    names = ("neighbourhood", "name", "phone", "email", "description", "callback_note")
    return {name: data[name] for name in names}


@require_GET
@never_cache
def appointment_sent(request: HttpRequest, slug: str) -> HttpResponse:
    """What happens next; with the chosen time, if this browser just sent a request."""
    agency = _public_agency(slug)
    sent = request.session.get(SENT)
    if not sent or sent.get("agency") != agency.pk:
        sent = None
    elif sent["starts_at"]:
        sent = sent | {"starts_at": dt.datetime.fromisoformat(sent["starts_at"])}
    context = {"agency": agency, "portal_agency": agency, "sent": sent}
    return render(request, "portal/appointments/sent.html", context)
