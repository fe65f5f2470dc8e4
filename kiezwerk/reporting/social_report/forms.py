"""The forms of the social report: its title and period, and the narrative of each section
with the version it was loaded at (a stale save is refused by services.save_texts)."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kiezwerk.reporting.social_report.content import SECTIONS, TEXT_MAX

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
FIRST_YEAR, LAST_YEAR = 1990, 2100
TEXTS_FORM_ID = "social-report-texts"


def last_calendar_year(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    year = (today or timezone.localdate()).year - 1
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def new_report_initial() -> dict:
    """Last calendar year, and a title naming it."""
    start, end = last_calendar_year()
    title = gettext("Social report %(year)s") % {"year": start.year}
    return {"title": title, "start": start, "end": end}


class SocialReportForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    start = forms.DateField(label=_("Period start"), widget=DATE_WIDGET)
    end = forms.DateField(label=_("Period end"), widget=DATE_WIDGET)

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        for name, day in (("start", start), ("end", end)):
            if day and not FIRST_YEAR <= day.year <= LAST_YEAR:
                self.add_error(name, _("Please choose a day between 1990 and 2100."))
        if start and end and end < start:
            self.add_error("end", _("The period cannot end before it starts."))
        return data


class TextsForm(forms.Form):
    """A textarea per section (tied to the form element `TEXTS_FORM_ID`, which holds the
    version and the save button) and the version."""

    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, label_suffix="", **kwargs)
        for key, title, prompt in SECTIONS:
            self.fields[key] = forms.CharField(
                label=_("Text: %(section)s") % {"section": title},
                help_text=prompt,
                required=False,
                max_length=TEXT_MAX,
                widget=forms.Textarea(attrs={"rows": 8, "form": TEXTS_FORM_ID}),
            )

    def texts(self) -> dict[str, str]:
        return {key: self.cleaned_data[key] for key, _title, _prompt in SECTIONS}
