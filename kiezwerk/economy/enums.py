from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    """Where a business line's revenue comes from. Public contracts and market sales are two of
    the seed's three sources (the third is voluntary reciprocal work, valued in hours); grants
    and donations are kept apart."""

    PUBLIC = "public", _("Public contracts")
    MARKET = "market", _("Market sales")
    GRANTS = "grants", _("Grants and subsidies")
    DONATIONS = "donations", _("Donations")


# Revenue that is one of the three sources of criterion 4 (volunteer work is the third).
MIX_SOURCES = (Source.PUBLIC, Source.MARKET)
# Revenue kept apart from the mix.
OTHER_SOURCES = (Source.GRANTS, Source.DONATIONS)


class RateMethod(models.TextChoices):
    """How an hour of volunteer work is valued."""

    MINIMUM_WAGE = "minimum_wage", _("Statutory minimum wage")
    SECTOR_WAGE = "sector_wage", _("Sector wage")
    AGENCY = "agency", _("Rate set by the agency")
