"""Forms of the consents pages: filtering the agency's consents, recording a withdrawal."""

from django import forms
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from kiezwerk.core.consent import purposes
from kiezwerk.core.models import Consent

IN_FORCE, WITHDRAWN = "in_force", "withdrawn"


class ConsentFilterForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), required=False)
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("All")), (IN_FORCE, _("in force")), (WITHDRAWN, _("withdrawn"))],
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        labels = sorted((str(p.label), key) for key, p in purposes().items())
        self.fields["purpose"].choices = [("", _("All")), *((k, lb) for lb, k in labels)]

    def filter(self, consents):
        """The consents narrowed by the valid choices (invalid ones are ignored)."""
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("purpose"):
            consents = consents.filter(purpose=data["purpose"])
        if data.get("state") == IN_FORCE:
            consents = consents.filter(withdrawn_at__isnull=True)
        elif data.get("state") == WITHDRAWN:
            consents = consents.filter(withdrawn_at__isnull=False)
        return consents

    def query(self) -> str:
        """The filter as a query string for the page links."""
        data = self.cleaned_data if self.is_valid() else {}
        return urlencode({name: data[name] for name in ("purpose", "state") if data.get(name)})


class WithdrawForm(forms.Form):
    """Staff record a withdrawal the person asked for, with the channel they used."""

    channel = forms.ChoiceField(
        label=_("How the person withdrew"),
        choices=Consent.Channel.choices,
        initial=Consent.Channel.IN_PERSON,
    )
