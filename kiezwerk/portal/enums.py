from django.db import models
from django.utils.translation import gettext_lazy as _


class PageKind(models.TextChoices):
    """The editable public pages every agency has; each exists once per agency."""

    ABOUT = "about", _("About us")
    PLAIN_LANGUAGE = "plain_language", _("Easy-to-read language")
    IMPRINT = "imprint", _("Imprint")
    PRIVACY = "privacy", _("Privacy notice")
    ACCESSIBILITY = "accessibility", _("Accessibility statement")
    APPOINTMENTS_INFO = "appointments_info", _("How to get an appointment")
