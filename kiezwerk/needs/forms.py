"""Forms of the needs register: record or edit a need, change its status, merge a duplicate."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from kiezwerk.accounts.enums import Role
from kiezwerk.agencies.models import Agency, District, Neighbourhood
from kiezwerk.agencies.rules import assigned_neighbourhood_ids, role_in
from kiezwerk.core.public_forms import HONEYPOT, HoneypotForm
from kiezwerk.needs.consents import TEXT as DEMAND_TEXT
from kiezwerk.needs.enums import DemandStatus, NeedStatus, RequesterKind
from kiezwerk.needs.models import Need, NeedCategory
from kiezwerk.needs.services import EDITABLE_FIELDS, merge_candidates

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def recording_neighbourhoods(user, agency: Agency):
    """Neighbourhoods in which the user may record needs: all of the agency for management,
    their team's for advisors."""
    hoods = Neighbourhood.objects.active().filter(agency=agency)
    if user.is_superuser or role_in(user, agency) == Role.MANAGER:
        return hoods
    return hoods.filter(pk__in=assigned_neighbourhood_ids(user))


class NeighbourhoodChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Neighbourhood) -> str:
        return obj.name


class NeedForm(forms.ModelForm):
    neighbourhood = NeighbourhoodChoiceField(
        queryset=Neighbourhood.objects.none(),
        label=_("Neighbourhood"),
        error_messages={
            "invalid_choice": _("Please choose one of the neighbourhoods you work in.")
        },
    )

    class Meta:
        model = Need
        fields = list(EDITABLE_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "evidence": forms.Textarea(attrs={"rows": 3}),
            "raised_on": DATE_WIDGET,
            "supporters": forms.NumberInput(attrs={"min": 0}),
        }

    def __init__(self, *args, agency: Agency, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["neighbourhood"].queryset = recording_neighbourhoods(user, agency)
        self.fields["category"].queryset = NeedCategory.objects.all()

    def clean_raised_on(self):
        raised_on = self.cleaned_data["raised_on"]
        if raised_on and raised_on > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return raised_on


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=NeedStatus.choices)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when a need is rejected."),
    )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("status") == NeedStatus.REJECTED and not data.get("reason", "").strip():
            self.add_error("reason", _("Please say why the need is rejected."))
        return data


class NeedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Need) -> str:
        return (
            f"{obj.title} ({obj.category.name}, {date_format(obj.raised_on, 'SHORT_DATE_FORMAT')})"
        )


class MergeForm(forms.Form):
    into = NeedChoiceField(
        queryset=Need.objects.none(),
        label=_("Merge into"),
        help_text=_("Needs of the same neighbourhood that are still in the register."),
    )

    def __init__(self, *args, source: Need, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = (
            merge_candidates(source).select_related("category").order_by("title", "pk")
        )


# ------------------------------------------------------------------------------------------
# Public forms (the needs board and the demand form on the portal)


class NeedReportForm(HoneypotForm):
    """A resident reports a need of a neighbourhood the agency serves. No personal data."""

    REPORTED = ("neighbourhood", "category", "title", "description")

    neighbourhood = NeighbourhoodChoiceField(
        queryset=Neighbourhood.objects.none(),
        label=_("Neighbourhood"),
        empty_label=_("Please choose"),
        error_messages={"invalid_choice": _("Please choose one of the neighbourhoods listed.")},
    )
    category = forms.ModelChoiceField(
        queryset=NeedCategory.objects.all(),
        label=_("What kind of need is it?"),
        empty_label=_("Please choose"),
    )
    title = forms.CharField(
        label=_("What is missing? (in a few words)"),
        max_length=200,
        help_text=_("For example: a place for children to meet in the afternoon."),
    )
    description = forms.CharField(
        label=_("Tell us more (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Please do not write names, addresses or phone numbers here."),
    )

    def __init__(self, *args, agency: Agency, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        hoods = Neighbourhood.objects.active().filter(agency=agency).order_by("name")
        self.fields["neighbourhood"].queryset = hoods
        # The honeypot comes last.
        self.order_fields(list(self.REPORTED))


class DistrictChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: District) -> str:
        return obj.name


class DemandForm(HoneypotForm):
    """Anyone asks for an agency in a neighbourhood that none serves yet."""

    district = DistrictChoiceField(
        queryset=District.objects.all(), label=_("District"), empty_label=_("Please choose")
    )
    neighbourhood_name = forms.CharField(
        label=_("Neighbourhood"),
        max_length=150,
        required=False,
        help_text=_("For example: Rollbergsiedlung. Or give the postcode below."),
    )
    postcode = forms.RegexField(
        label=_("Postcode"),
        regex=r"^[0-9]{5}$",  # not \d: that takes the digits of every script
        required=False,
        error_messages={"invalid": _("Please enter a postcode with five digits.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )
    category = forms.ModelChoiceField(
        queryset=NeedCategory.objects.all(),
        label=_("What is missing?"),
        empty_label=_("Please choose"),
    )
    description = forms.CharField(
        label=_("Please describe the need"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    requester_kind = forms.ChoiceField(
        label=_("Who is asking?"), choices=RequesterKind.choices, widget=forms.RadioSelect
    )
    name = forms.CharField(
        label=_("Your name or the name of your organisation"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.RegexField(
        label=_("Phone"),
        regex=r"^\+?[0-9 ()/-]{5,40}$",
        max_length=40,
        required=False,
        error_messages={"invalid": _("Please enter a phone number with digits only.")},
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        help_text=_("Please give an e-mail address or a phone number, so that we can answer."),
    )
    consent = forms.BooleanField(
        label=DEMAND_TEXT,
        error_messages={"required": _("Please agree, so that we may store your request.")},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields([name for name in self.fields if name != HONEYPOT])

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("neighbourhood_name", "").strip() and not data.get("postcode"):
            self.add_error(
                "neighbourhood_name", _("Please name the neighbourhood or give the postcode.")
            )
        if not data.get("email") and not data.get("phone", "").strip():
            self.add_error("email", _("Please give an e-mail address or a phone number."))
        return data

    def demand_fields(self) -> dict:
        """What `services.receive_demand` stores (not the consent box: its time is stored)."""
        return {
            name: value.strip() if isinstance(value, str) else value
            for name, value in self.cleaned_data.items()
            if name not in ("consent", HONEYPOT)
        }


class DemandChangeForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=DemandStatus.choices)
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Whom the request was forwarded to, what was agreed."),
    )


class DemandFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *DemandStatus.choices],
    )
