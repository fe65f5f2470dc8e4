"""Forms of the case work: open an initiative, edit it, move it, advise it."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from kiezwerk.accounts.enums import Role
from kiezwerk.accounts.models import User
from kiezwerk.agencies.models import Agency, Neighbourhood
from kiezwerk.core.consent_forms import channel_field
from kiezwerk.initiatives.consents import TEXT as CONTACT_TEXT
from kiezwerk.initiatives.enums import Stage
from kiezwerk.initiatives.models import Consultation, Initiative, Milestone
from kiezwerk.needs.models import Need

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def advisors_of(agency: Agency):
    """People who can carry a case: the agency's advisors and management."""
    return User.objects.filter(
        memberships__agency=agency,
        memberships__archived_at__isnull=True,
        memberships__role__in=(Role.ADVISOR, Role.MANAGER),
    ).order_by("name")


def open_needs_of(agency: Agency):
    """Needs an initiative can address: in the register, not archived, not merged away."""
    return Need.objects.active().filter(agency=agency, merged_into__isnull=True)


class NeighbourhoodChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Neighbourhood) -> str:
        return obj.name


class InitiativeOpenForm(forms.Form):
    """Everything needed when the phone rings; the rest can follow later."""

    name = forms.CharField(label=_("Name of the initiative"), max_length=200)
    neighbourhood = NeighbourhoodChoiceField(
        queryset=Neighbourhood.objects.none(), label=_("Neighbourhood")
    )
    idea = forms.CharField(
        label=_("Idea"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    advisor = forms.ModelChoiceField(
        queryset=User.objects.none(), label=_("Advisor"), required=False
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=150, required=False)
    contact_phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    contact_email = forms.EmailField(label=_("E-mail"), required=False)
    consent = forms.BooleanField(label=CONTACT_TEXT, required=False)
    channel = channel_field()
    needs = forms.ModelMultipleChoiceField(
        queryset=Need.objects.none(),
        label=_("Needs it addresses"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, agency: Agency, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["neighbourhood"].queryset = (
            Neighbourhood.objects.visible_to(user).active().filter(agency=agency)
        )
        self.fields["advisor"].queryset = advisors_of(agency)
        self.fields["needs"].queryset = open_needs_of(agency)
        if user in self.fields["advisor"].queryset:
            self.fields["advisor"].initial = user.pk

    def clean(self) -> dict:
        data = super().clean()
        has_contact = any(data.get(f) for f in ("contact_name", "contact_phone", "contact_email"))
        if has_contact and not data.get("contact_name"):
            self.add_error("contact_name", _("Please enter the name of the contact person."))
        if has_contact and not data.get("consent"):
            self.add_error(
                "consent", _("Contact details may only be stored with the person's consent.")
            )
        return data

    def contact(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["contact_name"],
            "phone": data["contact_phone"],
            "email": data["contact_email"],
            "consent": data["consent"],
            "channel": data["channel"],
        }


def _https_urls(field, **kwargs):
    """Web addresses typed without a scheme are taken as https://."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class InitiativeEditForm(forms.ModelForm):
    needs = forms.ModelMultipleChoiceField(
        queryset=Need.objects.none(),
        label=_("Needs it addresses"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    served_neighbourhoods = forms.ModelMultipleChoiceField(
        queryset=Neighbourhood.objects.none(),
        label=_("Neighbourhoods served"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Initiative
        formfield_callback = _https_urls
        fields = [
            "name",
            "idea",
            "neighbourhood",
            "legal_form",
            "founded_on",
            "registry_number",
            "business_lines",
            "is_public",
            "directory_category",
            "public_description",
            "opening_hours",
            "public_address",
            "public_phone",
            "public_email",
            "website",
        ]
        widgets = {
            "idea": forms.Textarea(attrs={"rows": 3}),
            "business_lines": forms.Textarea(attrs={"rows": 3}),
            "public_description": forms.Textarea(attrs={"rows": 3}),
            "founded_on": DATE_WIDGET,
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        agency = self.instance.agency
        hoods = Neighbourhood.objects.active().filter(agency=agency)
        self.fields["neighbourhood"].queryset = hoods
        self.fields["served_neighbourhoods"].queryset = hoods
        self.fields["needs"].queryset = open_needs_of(agency)
        self.fields["needs"].initial = list(
            self.instance.needs.filter(
                archived_at__isnull=True, merged_into__isnull=True
            ).values_list("pk", flat=True)
        )
        self.fields["served_neighbourhoods"].initial = list(
            self.instance.served_neighbourhoods.values_list("pk", flat=True)
        )


class StageChangeForm(forms.Form):
    to_stage = forms.ChoiceField(label=_("New stage"), choices=Stage.choices)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class ReassignForm(forms.Form):
    advisor = forms.ModelChoiceField(
        queryset=User.objects.none(), label=_("Advisor"), required=False
    )

    def __init__(self, *args, agency: Agency, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["advisor"].queryset = advisors_of(agency)


class ConsultationForm(forms.ModelForm):
    class Meta:
        model = Consultation
        fields = ["held_on", "duration_minutes", "topic", "notes", "follow_up_on", "needs_raised"]
        widgets = {
            "held_on": DATE_WIDGET,
            "follow_up_on": DATE_WIDGET,
            "notes": forms.Textarea(attrs={"rows": 4}),
            "duration_minutes": forms.NumberInput(attrs={"min": 5, "max": 1440, "step": 5}),
            "needs_raised": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, initiative: Initiative, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["needs_raised"].queryset = Need.objects.active().filter(
            agency_id=initiative.agency_id,
            neighbourhood_id=initiative.neighbourhood_id,
            merged_into__isnull=True,
        )
        self.fields["duration_minutes"].min_value = 1

    def clean(self) -> dict:
        data = super().clean()
        held_on, follow_up_on = data.get("held_on"), data.get("follow_up_on")
        if held_on and follow_up_on and follow_up_on < held_on:
            self.add_error("follow_up_on", _("The follow-up cannot be before the consultation."))
        return data


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_on"]
        widgets = {"due_on": DATE_WIDGET}


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    role = forms.CharField(label=_("Role in the initiative"), max_length=100, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    consent = forms.BooleanField(
        label=CONTACT_TEXT,
        error_messages={
            "required": _("Contact details may only be stored with the person's consent.")
        },
    )
    channel = channel_field()
