from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a person does for an agency; one role per person and agency."""

    MANAGER = "manager", _("Management")
    ADVISOR = "advisor", _("Advisor")
    EVALUATOR = "evaluator", _("Evaluator")
    FUNDER = "funder", _("Funder")
    FOUNDER = "founder", _("Founder")
    PARTNER = "partner", _("Network partner")


# The agency's own team: these roles must use two-factor authentication in production.
STAFF_ROLES = (Role.MANAGER, Role.ADVISOR, Role.EVALUATOR)
# Roles that see every neighbourhood of their agency (advisors see their own).
AGENCY_WIDE_ROLES = (Role.MANAGER, Role.EVALUATOR, Role.FUNDER, Role.FOUNDER, Role.PARTNER)
