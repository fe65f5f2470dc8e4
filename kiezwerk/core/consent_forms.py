"""Form fields for recording consents (`kiezwerk.core.consent`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kiezwerk.core.models import Consent


def channel_field(label=None) -> forms.TypedChoiceField:
    """How the person gave (or withdrew) the consent a staff form records; in person unless
    the form says otherwise."""
    return forms.TypedChoiceField(
        label=label or _("How the consent was given"),
        choices=Consent.Channel.choices,
        initial=Consent.Channel.IN_PERSON,
        empty_value=Consent.Channel.IN_PERSON,
        required=False,
    )
