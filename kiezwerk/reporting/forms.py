"""The form that requests a funder report: the period (each calendar year of the grant cut to
its period, or the whole period) and the commentary the management writes for it."""

import datetime as dt

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from kiezwerk.funding.attainment import grant_spans
from kiezwerk.funding.models import Grant
from kiezwerk.reporting.funder_report import COMMENTARY_FIELDS

WHOLE = "whole"
COMMENTARY_MAX = 10_000


def report_periods(grant: Grant) -> dict[str, tuple[dt.date, dt.date]]:
    """{key: (start, end)}: each year of the grant ("2003"), then the whole period."""
    periods = {str(span.year): (span.start, span.end) for span in grant_spans(grant)}
    periods[WHOLE] = (grant.start_date, grant.end_date)
    return periods


def period_key(grant: Grant, start: dt.date, end: dt.date) -> str | None:
    return next((key for key, span in report_periods(grant).items() if span == (start, end)), None)


def _label(key: str, start: dt.date, end: dt.date) -> str:
    dates = f"{date_format(start, 'SHORT_DATE_FORMAT')} – {date_format(end, 'SHORT_DATE_FORMAT')}"
    name = _("Whole period") if key == WHOLE else key
    return f"{name} ({dates})"


class FunderReportForm(forms.Form):
    period = forms.ChoiceField(label=_("Reporting period"))

    def __init__(self, *args, grant: Grant, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.periods = report_periods(grant)
        self.fields["period"].choices = [
            (key, _label(key, *span)) for key, span in self.periods.items()
        ]
        for key, label in COMMENTARY_FIELDS:
            self.fields[f"commentary_{key}"] = forms.CharField(
                label=label, required=False, max_length=COMMENTARY_MAX, widget=forms.Textarea
            )

    def span(self) -> tuple[dt.date, dt.date]:
        return self.periods[self.cleaned_data["period"]]

    def commentary(self) -> dict[str, str]:
        return {key: self.cleaned_data[f"commentary_{key}"] for key, _label in COMMENTARY_FIELDS}


def commentary_initial(commentary: dict[str, str]) -> dict[str, str]:
    return {f"commentary_{key}": text for key, text in commentary.items()}
