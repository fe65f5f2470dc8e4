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
