from django.db import models
from django.utils.translation import gettext_lazy as _


class NeighbourhoodKind(models.TextChoices):
    QM = "qm", _("Neighbourhood management area")
    DISTRICT = "district", _("Whole district")
    OTHER = "other", _("Other area")
