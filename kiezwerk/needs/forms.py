"""Forms of the needs register: record or edit a need, change its status, merge a duplicate."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from kiezwerk.accounts.enums import Role
from kiezwerk.agencies.models import Agency, Neighbourhood
from kiezwerk.agencies.rules import assigned_neighbourhood_ids, role_in
from kiezwerk.needs.enums import NeedStatus
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
