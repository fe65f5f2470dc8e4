from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerKind(models.TextChoices):
    UNION = "union", _("Trade union")
    RESEARCH = "research", _("University or research institute")
    FORUM = "forum", _("Local forum")
    EMPLOYMENT = "employment", _("Association of employment companies")
    TRAINING = "training", _("Training provider")
    TECHNOLOGY = "technology", _("Technology network")
    ASSOCIATION = "association", _("Association or network")
    PUBLIC = "public", _("Public body")
    BANK = "bank", _("Bank or funder")
    BUSINESS = "business", _("Enterprise")
    OTHER = "other", _("Other")


class OfferKind(models.TextChoices):
    ADVICE = "advice", _("Advice")
    ROOMS = "rooms", _("Rooms")
    TRAINING = "training", _("Training places")
    MONEY = "money", _("Money")
    EQUIPMENT = "equipment", _("Equipment")
    VOLUNTEERS = "volunteers", _("Volunteers")
    CONTACTS = "contacts", _("Contacts to public clients")


class ReferralStatus(models.TextChoices):
    REFERRED = "referred", _("referred")
    DELIVERED = "delivered", _("delivered")
    DECLINED = "declined", _("declined")


class PartnershipStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    ACTIVE = "active", _("active")
    ENDED = "ended", _("ended")
