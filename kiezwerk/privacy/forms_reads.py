"""The filters of the manager's page of logged reads (views_reads.py)."""

from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _

from kiezwerk.accounts.enums import STAFF_ROLES
from kiezwerk.accounts.models import User
from kiezwerk.agencies.models import Agency
from kiezwerk.privacy.reads import READ_MODELS

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def staff_of(agency: Agency):
    """Everyone who is or was on the agency's team: they are the ones who read its records."""
    return (
        User.objects.filter(memberships__agency=agency, memberships__role__in=STAFF_ROLES)
        .distinct()
        .order_by("name", "pk")
    )


def kind_choices() -> list[tuple[str, str]]:
    labels = [(label, apps.get_model(label)._meta.verbose_name) for label in READ_MODELS]
    return [("", _("all kinds")), *sorted(labels, key=lambda choice: str(choice[1]))]


class ReadsFilterForm(forms.Form):
    reader = forms.ModelChoiceField(
        queryset=User.objects.none(), label=_("Read by"), required=False, empty_label=_("anyone")
    )
    kind = forms.ChoiceField(label=_("Kind of record"), required=False)
    since = forms.DateField(label=_("From"), required=False, widget=DATE_WIDGET)
    until = forms.DateField(label=_("Until"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args, agency: Agency, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reader"].queryset = staff_of(agency)
        self.fields["kind"].choices = kind_choices()

    def clean(self) -> dict:
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", _("The period cannot end before it starts."))
        return data


class CursorForm(forms.Form):
    """Where the page starts: entries older than this one (keyset pagination); sent by the
    "older reads" link, not by the filter form, so that new filters start from the newest."""

    before = forms.IntegerField(required=False, min_value=1)
