from django.db import models
from django.utils.translation import gettext_lazy as _


class NeedStatus(models.TextChoices):
    REPORTED = "reported", _("reported")
    CONFIRMED = "confirmed", _("confirmed")
    ADDRESSED = "addressed", _("being addressed")
    MET = "met", _("met")
    REJECTED = "rejected", _("rejected")
