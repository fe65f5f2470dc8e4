"""Forms of the agency's jobs pages: which years to show, and the additionality worksheet."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from kiezwerk.network.forms import LocalizedDecimalField

FIRST_YEAR, LAST_YEAR = 1990, 2100
# At most this many year columns in one table.
MAX_YEARS = 15


class YearsForm(forms.Form):
    """The years of the jobs table and the year broken down."""

    first = forms.IntegerField(label=_("From"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    last = forms.IntegerField(label=_("To"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    year = forms.IntegerField(
        label=_("Break down the year"),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        required=False,
        help_text=_("Empty: the last year shown."),
    )

    def clean(self):
        data = super().clean()
        first, last, year = data.get("first"), data.get("last"), data.get("year")
        inside = None in (year, first, last) or first <= year <= last
        if not inside:
            self.add_error("year", _("Please choose a year between the first and the last."))
        if first is not None and last is not None:
            if first > last:
                raise forms.ValidationError(_("The first year must not come after the last."))
            if last - first >= MAX_YEARS:
                raise forms.ValidationError(
                    _("Please choose at most %(count)s years.") % {"count": MAX_YEARS}
                )
        return data


def _rate(label, help_text) -> LocalizedDecimalField:
    return LocalizedDecimalField(
        label=label,
        max_digits=5,
        decimal_places=2,
        max_value=Decimal(100),
        help_text=help_text,
    )


def _reason(label) -> forms.CharField:
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": 3}))


class WorksheetForm(forms.Form):
    """The assumptions of a worksheet: three rates in percent and the multiplier, each with
    its reason. Gross jobs and leakage come from the data."""

    deadweight = _rate(
        _("Deadweight (%)"),
        _("Share of the jobs that would have come about anyway, without the agency's support."),
    )
    deadweight_reason = _reason(_("Why this deadweight"))
    displacement = _rate(
        _("Displacement (%)"),
        _("Share of the jobs that only moved here from other firms in the neighbourhood."),
    )
    displacement_reason = _reason(_("Why this displacement"))
    substitution = _rate(
        _("Substitution (%)"),
        _("Share of the jobs that replace jobs the enterprise would otherwise have paid for."),
    )
    substitution_reason = _reason(_("Why this substitution"))
    multiplier = LocalizedDecimalField(
        label=_("Multiplier"),
        max_digits=4,
        decimal_places=2,
        min_value=Decimal(1),
        max_value=Decimal(3),
        help_text=_(
            "Further jobs per job in the neighbourhood, from what the enterprises and their "
            "staff spend there: 1,00 means none, 1,10 one more job per ten."
        ),
    )
    multiplier_reason = _reason(_("Why this multiplier"))

    GROUPS = (
        ("deadweight", "deadweight_reason"),
        ("displacement", "displacement_reason"),
        ("substitution", "substitution_reason"),
        ("multiplier", "multiplier_reason"),
    )

    def groups(self):
        return [(self[rate], self[reason]) for rate, reason in self.GROUPS]
