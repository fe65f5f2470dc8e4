from django.db import models
from django.utils.translation import gettext_lazy as _


class NeedStatus(models.TextChoices):
    REPORTED = "reported", _("reported")
    CONFIRMED = "confirmed", _("confirmed")
    ADDRESSED = "addressed", _("being addressed")
    MET = "met", _("met")
    REJECTED = "rejected", _("rejected")


# Still waiting for someone to meet them: listed first in the register.
OPEN_STATUSES = (NeedStatus.REPORTED, NeedStatus.CONFIRMED)
# No longer open: met, or rejected with a reason.
CLOSED_STATUSES = (NeedStatus.MET, NeedStatus.REJECTED)


class EvidenceSource(models.TextChoices):
    FORUM = "forum", _("Local forum or event")
    CONSULTATION = "consultation", _("Consultation")
    SURVEY = "survey", _("Survey")
    RESIDENT = "resident", _("Report by a resident")
    STATISTICS = "statistics", _("Statistics")


# Needs that the public needs board shows (when staff marked them public).
PUBLIC_STATUSES = (NeedStatus.REPORTED, NeedStatus.CONFIRMED, NeedStatus.ADDRESSED, NeedStatus.MET)


class RequesterKind(models.TextChoices):
    """Who asks for an agency in a neighbourhood that none serves yet."""

    INITIATIVE = "initiative", _("An initiative or association")
    RESIDENT = "resident", _("A resident")
    PUBLIC_BODY = "public_body", _("A public body (district office, school, ...)")


class DemandStatus(models.TextChoices):
    """Where a request from another neighbourhood stands."""

    NEW = "new", _("new")
    FORWARDED = "forwarded", _("forwarded")
    WAITING = "waiting", _("waiting")
    SERVED = "served", _("served")


# Requests still looking for an agency: handed over when one takes up their neighbourhood.
UNSERVED_DEMAND = (DemandStatus.NEW, DemandStatus.WAITING)
