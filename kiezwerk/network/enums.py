from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerKind(models.TextChoices):
    UNION = "union", _("Trade union")
    RESEARCH = "research", _("University or research institute")
    FORUM = "forum", _("Local forum")
    EMPLOYMENT = "employment", _("Employment or training organisation")
    ASSOCIATION = "association", _("Association or network")
    PUBLIC = "public", _("Public body")
    BUSINESS = "business", _("Business")
    OTHER = "other", _("Other")
