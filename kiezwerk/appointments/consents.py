"""The consent given with an appointment request on the public page: the agency stores the
person's details to answer the request and to advise them.

When it is withdrawn, what the person told us goes (name, phone, e-mail, description, best time
to call back, our message to them) and the record is marked anonymised; a request still open
is cancelled, which frees its time and stops the reminder. The row stays, so the calendar's
history and the figures keep counting it. The table insists on a way to reach the person, so
the phone becomes a dash."""

from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kiezwerk.appointments.enums import ANSWERABLE, Status
from kiezwerk.appointments.models import AppointmentRequest
from kiezwerk.core.consent import Purpose

REQUEST = "appointments.request"
TEXT = _(
    "I agree that the agency stores my details to answer my request and to advise me. Only "
    "the agency's team sees them. I can withdraw my consent at any time; then the agency "
    "deletes them, unless the law requires keeping them."
)
NO_CONTACT = "–"


def stop_request(request: AppointmentRequest, actor) -> None:
    now = timezone.now()
    fields = {
        "name": gettext("consent withdrawn"),
        "phone": NO_CONTACT,
        "email": "",
        "description": "",
        "callback_note": "",
        "message": "",
        "anonymised_at": now,
        "updated_at": now,
    }
    if request.status in ANSWERABLE:
        fields |= {"status": Status.CANCELLED, "handled_by": actor, "handled_at": now}
    AppointmentRequest.objects.filter(pk=request.pk).update(version=F("version") + 1, **fields)
    request.refresh_from_db()


def _url(request: AppointmentRequest, slug: str) -> str:
    return reverse("appointments:request", kwargs={"slug": slug, "pk": request.pk})


PURPOSES = (
    Purpose(
        key=REQUEST,
        label=_("appointment request from the public page"),
        text=TEXT,
        text_version="2026-01",
        model="appointments.AppointmentRequest",
        on_withdraw=stop_request,
        person=lambda request: request.name,
        url=_url,
    ),
)
