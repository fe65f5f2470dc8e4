"""What the network-wide overview shows: the year (one with figures; the latest when none is
asked for) and the order of the neighbourhood table (a fixed list of columns)."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from kiezwerk.reporting.network_overview.queries import FIGURES

BY_DISTRICT = "district"
# {value of `sort`: label}; figures sort with the highest value first.
SORTS = {
    BY_DISTRICT: _("District and neighbourhood"),
    "agency": _("Agency"),
    **{key: format_lazy(_("{figure}, highest first"), figure=label) for key, label in FIGURES},
}


class OverviewForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    sort = forms.ChoiceField(
        label=_("Order of the neighbourhoods"),
        choices=list(SORTS.items()),
        required=False,
    )

    def __init__(self, *args, years: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.years = years
        self.fields["year"].choices = [(year, str(year)) for year in reversed(years)]
        self.fields["year"].error_messages["invalid_choice"] = _(
            "Please choose a year from %(first)s to %(last)s: there are figures for those."
        ) % {"first": years[0], "last": years[-1]}
        self.fields["sort"].error_messages["invalid_choice"] = _(
            "Please choose one of the orders offered."
        )

    def chosen_year(self) -> int:
        """The year asked for, else the latest one with figures (call after is_valid())."""
        return self.cleaned_data.get("year") or self.years[-1]

    def chosen_sort(self) -> str:
        return self.cleaned_data.get("sort") or BY_DISTRICT
