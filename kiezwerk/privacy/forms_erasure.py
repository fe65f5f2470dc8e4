"""The confirmation asked before erasing a person's records."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ErasureForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I have checked the plan above: anonymise and restrict the records now."),
        required=True,
        error_messages={
            "required": _(
                "Please confirm that you have checked the plan: erasure cannot be undone."
            )
        },
    )
