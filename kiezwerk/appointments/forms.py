"""Forms of the consultation hours: the public request, and the back office's slots, answers
and intake."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from kiezwerk.accounts.enums import Role
from kiezwerk.agencies.models import Agency, Neighbourhood
from kiezwerk.agencies.rules import role_in
from kiezwerk.appointments import consents
from kiezwerk.appointments.models import AppointmentRequest, ConsultationSlot, SlotException
from kiezwerk.appointments.queries import Opening
from kiezwerk.core.public_forms import HoneypotForm
from kiezwerk.initiatives.forms.case import (
    DATE_WIDGET,
    InitiativeOpenForm,
    NeighbourhoodChoiceField,
    advisors_of,
)
from kiezwerk.initiatives.models import Consultation, Initiative

CALLBACK = "callback"
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
TAKEN = _("This time has just been taken. Please choose another time or ask us to call you back.")
CONSENT = consents.TEXT


def opening_label(opening: Opening) -> str:
    slot = opening.slot
    when = date_format(timezone.localtime(opening.starts_at), "l, j. F, H:i")
    return f"{when} – {slot.get_mode_display()} ({slot.neighbourhood.name})"


class AppointmentRequestForm(HoneypotForm):
    """What a resident or founder tells us to get an appointment."""

    neighbourhood = NeighbourhoodChoiceField(
        queryset=Neighbourhood.objects.none(), label=_("Your neighbourhood")
    )
    time = forms.ChoiceField(
        label=_("Time"),
        error_messages={"invalid_choice": TAKEN},
        help_text=_("Choose a free time, or ask us to call you back."),
    )
    callback_note = forms.CharField(
        label=_("If we should call you back: when can we reach you best?"),
        max_length=200,
        required=False,
    )
    name = forms.CharField(label=_("Your name"), max_length=150)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), max_length=254, required=False)
    description = forms.CharField(
        label=_("What is it about?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few sentences are enough (at most 1000 characters)."),
    )
    consent = forms.BooleanField(label=CONSENT)

    field_order = [
        "neighbourhood",
        "time",
        "callback_note",
        "name",
        "phone",
        "email",
        "description",
        "consent",
    ]

    def __init__(self, *args, agency: Agency, openings: list[Opening], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["neighbourhood"].queryset = Neighbourhood.objects.active().filter(agency=agency)
        self.openings = {opening.value: opening for opening in openings}
        self.fields["time"].choices = [
            (CALLBACK, _("No fixed time: please call me back")),
            *((value, opening_label(o)) for value, o in self.openings.items()),
        ]
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["name"].widget.attrs["autocomplete"] = "name"

    def clean(self) -> dict:
        data = super().clean()
        if "phone" in data and "email" in data and not (data["phone"] or data["email"]):
            self.add_error("phone", _("Please give a phone number or an e-mail address."))
        opening, neighbourhood = self.opening(), data.get("neighbourhood")
        if opening and neighbourhood and opening.slot.neighbourhood_id != neighbourhood.pk:
            self.add_error(
                "time",
                _(
                    "This time belongs to the consultation hour in %(name)s. Please choose a "
                    "time in your neighbourhood, or ask us to call you back."
                )
                % {"name": opening.slot.neighbourhood.name},
            )
        return data

    def opening(self) -> Opening | None:
        return self.openings.get(self.cleaned_data.get("time") or "")


class SlotForm(forms.ModelForm):
    class Meta:
        model = ConsultationSlot
        fields = [
            "neighbourhood",
            "advisor",
            "weekday",
            "start_time",
            "duration_minutes",
            "mode",
            "valid_from",
            "valid_until",
        ]
        field_classes = {"neighbourhood": NeighbourhoodChoiceField}
        widgets = {
            "start_time": TIME_WIDGET,
            "valid_from": DATE_WIDGET,
            "valid_until": DATE_WIDGET,
            "duration_minutes": forms.NumberInput(attrs={"min": 5, "max": 480, "step": 5}),
        }

    def __init__(self, *args, agency: Agency, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["neighbourhood"].queryset = (
            Neighbourhood.objects.visible_to(user).active().filter(agency=agency)
        )
        if role_in(user, agency) == Role.ADVISOR:
            del self.fields["advisor"]  # advisors publish their own consultation hours
            self.instance.advisor = user
        else:
            self.fields["advisor"].queryset = advisors_of(agency)
        self.fields["duration_minutes"].min_value = 5
        self.fields["duration_minutes"].max_value = 480
        self.fields["valid_from"].initial = timezone.localdate()

    def clean(self) -> dict:
        data = super().clean()
        first, last = data.get("valid_from"), data.get("valid_until")
        if first and last and last < first:
            self.add_error("valid_until", _("The end cannot be before the start."))
        return data


class SlotExceptionForm(forms.ModelForm):
    """One day of a consultation hour cancelled, or held at another time."""

    class Meta:
        model = SlotException
        fields = ["date", "start_time", "note"]
        widgets = {"date": DATE_WIDGET, "start_time": TIME_WIDGET}

    def __init__(self, *args, slot: ConsultationSlot, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.slot = slot

    def clean_date(self) -> dt.date:
        day = self.cleaned_data["date"]
        if not self.slot.is_valid_on(day):
            raise forms.ValidationError(
                _("The consultation hour does not take place on this day."), code="no_slot"
            )
        return day


class AnswerForm(forms.Form):
    """The advisor's answer to a request."""

    ACCEPT, PROPOSE, DECLINE = "accept", "propose", "decline"
    action = forms.ChoiceField(
        label=_("Answer"),
        widget=forms.RadioSelect,
        choices=[
            (ACCEPT, _("Accept the appointment")),
            (PROPOSE, _("Propose another time")),
            (DECLINE, _("Decline")),
        ],
    )
    starts_at = forms.DateTimeField(
        label=_("Time"),
        required=False,
        widget=DATETIME_WIDGET,
        input_formats=["%Y-%m-%dT%H:%M"],
        help_text=_("Needed to propose another time, and to accept a call-back request."),
    )
    message = forms.CharField(
        label=_("Message to the person"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Goes into the e-mail, if the person gave an address."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, request: AppointmentRequest, **kwargs) -> None:
        kwargs.setdefault("initial", {"version": request.version})
        super().__init__(*args, **kwargs)
        self.request = request
        if request.starts_at:
            self.fields["starts_at"].initial = timezone.localtime(request.starts_at)

    def clean(self) -> dict:
        data = super().clean()
        action, starts_at = data.get("action"), data.get("starts_at")
        needs_time = action == self.PROPOSE or (
            action == self.ACCEPT and self.request.starts_at is None
        )
        if needs_time and not starts_at and "starts_at" not in self.errors:
            self.add_error("starts_at", _("Please enter the time."))
        if action != self.DECLINE and starts_at and starts_at <= timezone.now():
            self.add_error("starts_at", _("The time must be in the future."))
        return data


class IntakeForm(InitiativeOpenForm):
    """After the call: the case, pre-filled from the request, and the call as its first
    consultation. Either a new initiative or one that exists already."""

    existing = forms.ModelChoiceField(
        queryset=Initiative.objects.none(),
        label=_("Or link an existing initiative"),
        required=False,
        help_text=_("Leave empty to open a new initiative with the details above."),
    )
    held_on = forms.DateField(label=_("Date of the call"), widget=DATE_WIDGET)
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=1, max_value=1440, initial=30
    )
    topic = forms.ChoiceField(
        label=_("Topic"), choices=Consultation._meta.get_field("topic").choices
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Internal: founders do not see this."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, request: AppointmentRequest, user, **kwargs) -> None:
        kwargs.setdefault("initial", initial_intake(request))
        super().__init__(*args, agency=request.agency, user=user, **kwargs)
        self.fields["name"].required = False
        self.fields["existing"].queryset = (
            Initiative.objects.visible_to(user).active().filter(agency=request.agency)
        )

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("existing") and not data.get("name"):
            self.add_error("name", _("Please name the new initiative, or choose an existing one."))
        return data

    def case(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "neighbourhood": data["neighbourhood"],
            "idea": data["idea"],
            "advisor": data["advisor"],
            "contact": self.contact(),
            "needs": data["needs"],
        }

    def consultation(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("held_on", "duration_minutes", "topic", "notes")
        }


def initial_intake(request: AppointmentRequest) -> dict:
    """What the request already tells: one identity from the first call on."""
    held_on = timezone.localdate(request.starts_at) if request.starts_at else timezone.localdate()
    return {
        "neighbourhood": request.neighbourhood_id,
        "idea": request.description,
        "contact_name": request.name,
        "contact_phone": request.phone,
        "contact_email": request.email,
        "consent": request.consent_at is not None,
        "held_on": held_on,
        "duration_minutes": request.duration_minutes,
        "version": request.version,
        "topic": "idea",
    }
