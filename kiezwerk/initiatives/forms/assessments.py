"""The criteria check (four criteria, rated with evidence) and the EMES profile (nine scores)."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kiezwerk.initiatives.enums import CRITERIA, EMES_INDICATORS, Rating
from kiezwerk.initiatives.models import CriteriaAssessment, EmesProfile

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NEEDS_EVIDENCE = (Rating.MET, Rating.PARTLY)
SCORE_CHOICES = [
    (0, _("0 – not at all")),
    (1, _("1 – a little")),
    (2, _("2 – largely")),
    (3, _("3 – fully")),
]


class AssessmentForm(forms.Form):
    """Shared: the date of the assessment, which cannot lie in the future."""

    assessed_on = forms.DateField(
        label=_("Assessed on"), widget=DATE_WIDGET, initial=timezone.localdate
    )

    def clean_assessed_on(self) -> dt.date:
        assessed_on = self.cleaned_data["assessed_on"]
        if assessed_on > timezone.localdate():
            raise forms.ValidationError(_("The date cannot lie in the future."))
        return assessed_on


class CriteriaForm(AssessmentForm):
    """One rating and its evidence per criterion; `groups()` yields them by criterion."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for key, question in CRITERIA:
            self.fields[f"{key}_rating"] = forms.ChoiceField(
                label=question,
                choices=Rating.choices,
                initial=Rating.UNKNOWN,
                widget=forms.RadioSelect,
                error_messages={"required": _("Please choose a rating.")},
            )
            self.fields[f"{key}_evidence"] = forms.CharField(
                label=_("Evidence"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("What shows it: documents, figures, observations."),
            )

    def groups(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"{key}_rating"], self[f"{key}_evidence"]) for key, _q in CRITERIA]

    def clean(self) -> dict:
        data = super().clean()
        for key, _question in CRITERIA:
            if data.get(f"{key}_rating") in NEEDS_EVIDENCE and not data.get(f"{key}_evidence"):
                self.add_error(f"{key}_evidence", _("Please give the evidence for this rating."))
        return data

    @staticmethod
    def initial_from(latest: CriteriaAssessment | None) -> dict:
        """Start from the latest check, so that only what changed needs editing."""
        if latest is None:
            return {}
        fields = [f"{key}_{part}" for key, _q in CRITERIA for part in ("rating", "evidence")]
        return {field: getattr(latest, field) for field in fields}


class EmesForm(AssessmentForm):
    """A score from 0 to 3 for each of the nine EMES indicators, and a note."""

    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the scores rest on, and what has changed since the last profile."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for key, label in EMES_INDICATORS:
            self.fields[key] = forms.TypedChoiceField(
                label=label,
                choices=SCORE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Please choose a score from 0 to 3."),
                    "invalid_choice": _("Please choose a score from 0 to 3."),
                },
            )
        self.order_fields([key for key, _label in EMES_INDICATORS])

    def indicators(self) -> list[forms.BoundField]:
        return [self[key] for key, _label in EMES_INDICATORS]

    @staticmethod
    def initial_from(latest: EmesProfile | None) -> dict:
        if latest is None:
            return {}
        return {key: getattr(latest, key) for key, _label in EMES_INDICATORS}
