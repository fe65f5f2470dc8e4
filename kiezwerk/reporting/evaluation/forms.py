"""The dashboard's choice: a neighbourhood of the agency (or all of it) and a range of years."""

from collections.abc import Callable

from django import forms
from django.utils.translation import gettext_lazy as _

from kiezwerk.agencies.models import Neighbourhood

# A range longer than this is refused: a page of more columns is no longer readable.
MAX_YEARS = 12
# Without a choice the page shows the latest years with data, at most this many.
DEFAULT_YEARS = 10
FIRST_YEAR, LAST_YEAR = 1990, 2100


class EvaluationForm(forms.Form):
    """Sent by GET (`neighbourhood`, `from`, `to`). Missing years are taken from
    `default(neighbourhood id)`, which answers (first, last): the latest years with data."""

    neighbourhood = forms.ModelChoiceField(
        queryset=Neighbourhood.objects.none(),
        required=False,
        label=_("Neighbourhood"),
        empty_label=_("Whole agency"),
    )

    def __init__(self, data, *, agency, default: Callable[[int | None], tuple[int, int]]):
        super().__init__(data)
        self.default = default
        self.fields["neighbourhood"].queryset = Neighbourhood.objects.active().filter(agency=agency)
        self.fields["from"] = _year_field(_("From year"))
        self.fields["to"] = _year_field(_("To year"))

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        first, last = cleaned.get("from"), cleaned.get("to")
        if first is None or last is None:
            hood = cleaned.get("neighbourhood")
            default = self.default(hood.pk if hood else None)
            first, last = first or default[0], last or default[1]
        if last < first:
            self.add_error("to", _("The last year must not come before the first year."))
        elif last - first + 1 > MAX_YEARS:
            message = _("Choose at most %(years)s years.") % {"years": MAX_YEARS}
            self.add_error("to", message)
        cleaned["from"], cleaned["to"] = first, last
        return cleaned


def _year_field(label) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
