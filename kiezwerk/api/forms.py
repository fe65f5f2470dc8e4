import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kiezwerk.api.enums import Scope


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “monthly export to the spreadsheet”."),
    )
    scope = forms.ChoiceField(
        label=_("Scope"), choices=Scope.choices, initial=Scope.READ, widget=forms.RadioSelect
    )
    expires_on = forms.DateField(
        label=_("Expires on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Optional. The token stops working at the end of this day (Berlin time)."),
    )

    def clean_expires_on(self):
        expires_on = self.cleaned_data.get("expires_on")
        if expires_on is not None and expires_on < timezone.localdate():
            raise forms.ValidationError(
                _("The expiry date cannot be in the past."), code="expiry_in_past"
            )
        return expires_on

    def expires_at(self) -> dt.datetime | None:
        """The end of the chosen day in Berlin time, or None."""
        day = self.cleaned_data.get("expires_on")
        if day is None:
            return None
        start = dt.datetime.combine(day + dt.timedelta(days=1), dt.time())
        return timezone.make_aware(start)
