"""Upload a document to an initiative."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from kiezwerk.initiatives.documents import allowed_endings, check_upload
from kiezwerk.initiatives.enums import DocumentKind


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of document"), choices=DocumentKind.choices)
    file = forms.FileField(label=_("File"))
    shared_with_founders = forms.BooleanField(
        label=_("Visible to the founders"),
        required=False,
        help_text=_("Founders of this initiative may then download it."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("%(kinds)s, at most %(max)s.") % {
            "kinds": allowed_endings(),
            "max": filesizeformat(settings.UPLOAD_MAX_BYTES),
        }
        self.fields["file"].widget.attrs["accept"] = ",".join(settings.UPLOAD_TYPES)

    def clean_file(self):
        file = self.cleaned_data["file"]
        check_upload(file)
        return file
