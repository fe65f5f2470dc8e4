from django import forms
from django.utils.translation import gettext_lazy as _

from kiezwerk.agencies.models import Membership
from kiezwerk.core.consent_forms import channel_field
from kiezwerk.core.public_forms import HONEYPOT, HoneypotModelForm
from kiezwerk.portal.consents import FEEDBACK_TEXT
from kiezwerk.portal.models import AccessibilityFeedback, PortalPage


class AccessibilityFeedbackForm(HoneypotModelForm):
    """A barrier on the portal, reported by anyone; contact details only if they want an
    answer, consent always (the message itself may say who they are)."""

    consent = forms.BooleanField(
        label=FEEDBACK_TEXT,
        error_messages={"required": _("Please agree so that we may store your message.")},
    )

    class Meta:
        model = AccessibilityFeedback
        fields = ["message", "page_address", "name", "email"]
        labels = {
            "message": _("What did not work?"),
            "page_address": _("On which page? (optional)"),
            "name": _("Your name (optional)"),
            "email": _("Your e-mail address, if you want an answer (optional)"),
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}

    field_order = ["message", "page_address", "name", "email", "consent", HONEYPOT]


class PageForm(forms.ModelForm):
    """A public page in Markdown. `version` is the version the editor started from: a save
    over a newer version is refused, not silently overwritten."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = PortalPage
        fields = ["title", "body_markdown", "published"]
        widgets = {"body_markdown": forms.Textarea(attrs={"rows": 20})}
        help_texts = {
            "body_markdown": _(
                "Markdown: a blank line starts a paragraph, ## a heading, - a list item, "
                "**bold**, [link text](https://example.org). Images and other HTML are removed."
            ),
            "published": _("Unpublished pages show the generated default text instead."),
        }


class FeedbackAnswerForm(forms.Form):
    answer_note = forms.CharField(
        label=_("How was the feedback answered?"),
        max_length=AccessibilityFeedback._meta.get_field("answer_note").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ListingForm(forms.ModelForm):
    """Management lists a team member on the public page only with a note of their consent."""

    channel = channel_field(_("How the person agreed or withdrew"))

    class Meta:
        model = Membership
        fields = ["listed_publicly", "listing_consent", "channel"]

    def clean(self) -> dict:
        data = super().clean()
        if data.get("listed_publicly") and not data.get("listing_consent", "").strip():
            self.add_error(
                "listing_consent", _("Please note how and when the person agreed to be listed.")
            )
        return data


class OwnListingForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["listed_publicly"]
        labels = {"listed_publicly": _("Show my name and job title on the public page")}
