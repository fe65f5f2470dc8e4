from django.db import models
from django.utils.translation import gettext_lazy as _


class ForumKind(models.TextChoices):
    FORUM = "forum", _("Neighbourhood forum")
    WORKSHOP = "workshop", _("Workshop")
    NETWORK = "network", _("Network meeting")
    INFORMATION = "information", _("Information event")


class AttendeeGroup(models.TextChoices):
    RESIDENTS = "residents", _("Residents")
    INITIATIVES = "initiatives", _("Initiatives")
    PARTNERS = "partners", _("Partners")
    PUBLIC = "public", _("Public bodies")
