from django.db import models
from django.utils.translation import gettext_lazy as _


class Fund(models.TextChoices):
    ESF = "esf", _("European Social Fund (ESF)")
    ERDF = "erdf", _("European Regional Development Fund (ERDF)")
    NATIONAL = "national", _("Federal funds")
    LAND = "land", _("State (Land) funds")
    DISTRICT = "district", _("District funds")
    OTHER = "other", _("Other")
