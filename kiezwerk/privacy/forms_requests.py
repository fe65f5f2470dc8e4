"""Forms of the request register: a new request, the records confirmed as the person's, and
closing a request."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kiezwerk.initiatives.forms.case import DATE_WIDGET
from kiezwerk.privacy.models import DataSubjectRequest
from kiezwerk.privacy.subjects import Match


class RequestForm(forms.ModelForm):
    class Meta:
        model = DataSubjectRequest
        fields = ["kind", "subject_name", "subject_email", "received_on", "note"]
        widgets = {"received_on": DATE_WIDGET, "note": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "received_on": _("The answer is due one month later (Art. 12(3) GDPR)."),
            "note": _("How the request came in, how the person was identified, what they ask."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = timezone.localdate

    def clean_received_on(self):
        received_on = self.cleaned_data["received_on"]
        if received_on > timezone.localdate():
            raise forms.ValidationError(
                _("The day of receipt cannot be in the future."), code="future"
            )
        return received_on

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("subject_name") and not cleaned.get("subject_email"):
            self.add_error(
                "subject_name",
                forms.ValidationError(
                    _("Give the person's name or e-mail address, or both."), code="nobody"
                ),
            )
        return cleaned


class SearchForm(forms.Form):
    """The name and e-mail address to search the records for: the request's own unless staff
    search for another spelling. Sent again with the records so that they are checked against
    the same search."""

    prefix = "search"
    name = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=200,
        help_text=_("At least three letters; part of a name is enough."),
    )
    email = forms.EmailField(label=_("E-mail address"), required=False)

    def __init__(self, data=None, *, instance: DataSubjectRequest):
        if data is not None and not any(key.startswith(f"{self.prefix}-") for key in data):
            data = None
        initial = {"name": instance.subject_name, "email": instance.subject_email}
        super().__init__(data, initial=initial)

    def terms(self) -> tuple[str, str]:
        if self.is_bound and self.is_valid():
            return self.cleaned_data["name"], self.cleaned_data["email"]
        return self.initial["name"], self.initial["email"]


class RecordsForm(forms.Form):
    """Which of the records found are the person's: one checkbox per record."""

    records = forms.MultipleChoiceField(
        label=_("Records of the person"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, matches: list[Match], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["records"].choices = [(match.ref, match.ref) for match in matches]


class CloseForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (DataSubjectRequest.Status.DONE, _("answered")),
            (DataSubjectRequest.Status.REFUSED, _("refused")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was sent to the person, or why the request was refused."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == DataSubjectRequest.Status.REFUSED and not cleaned.get("note"):
            self.add_error(
                "note",
                forms.ValidationError(
                    _("Say why the request was refused: the person must be told (Art. 12(4))."),
                    code="reason",
                ),
            )
        return cleaned
