"""The export form: an optional range of years."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kiezwerk.reporting.pseudonymised.span import Span

FIRST_YEAR, LAST_YEAR = 1990, 2100


def _year(label) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        help_text=_("For example 2004."),
    )


class ExportForm(forms.Form):
    first = _year(_("From the year"))
    last = _year(_("Up to the year"))

    def clean(self):
        data = super().clean()
        first, last = data.get("first"), data.get("last")
        if first is not None and last is not None and first > last:
            self.add_error("last", _("The last year must not come before the first."))
        return data

    def span(self) -> Span:
        return Span(self.cleaned_data.get("first"), self.cleaned_data.get("last"))
