from django.db import models
from django.utils.translation import gettext_lazy as _


class Fund(models.TextChoices):
    ESF = "esf", _("European Social Fund (ESF)")
    ERDF = "erdf", _("European Regional Development Fund (ERDF)")
    NATIONAL = "national", _("Federal funds")
    LAND = "land", _("State (Land) funds")
    DISTRICT = "district", _("District funds")
    OTHER = "other", _("Other")


class CostCategory(models.TextChoices):
    """Cost categories of a grant's budget, as ESF and ERDF budgets group them."""

    STAFF = "staff", _("Staff")
    MATERIAL = "material", _("Material and equipment")
    SERVICES = "services", _("External services")
    TRAVEL = "travel", _("Travel")
    PREMISES = "premises", _("Premises")
    OVERHEADS = "overheads", _("Overheads (flat rate)")
    OTHER = "other", _("Other costs")


class Standard(models.TextChoices):
    """Where an indicator's definition comes from."""

    OWN = "own", _("own indicator")
    ESF = "esf", _("ESF common indicator")
    ERDF = "erdf", _("ERDF common indicator")
    IRIS = "iris", _("IRIS+ (GIIN)")


class ImpactLevel(models.TextChoices):
    """The steps of the impact ladder (PHINEO, Social Reporting Standard)."""

    ACTIVITIES = "1_activities", _("1 Activities take place")
    REACH = "2_reach", _("2 Target groups are reached")
    ACCEPTANCE = "3_acceptance", _("3 Target groups accept the offers")
    KNOWLEDGE = "4_knowledge", _("4 Target groups change awareness or skills")
    BEHAVIOUR = "5_behaviour", _("5 Target groups change their actions")
    LIVING = "6_living", _("6 The living situation of target groups changes")
    SOCIETY = "7_society", _("7 Society changes")
