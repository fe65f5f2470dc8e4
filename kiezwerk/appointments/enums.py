from django.db import models
from django.utils.translation import gettext_lazy as _


class Mode(models.TextChoices):
    """How a consultation takes place."""

    PHONE = "phone", _("by phone")
    IN_PERSON = "in_person", _("in person")


class Status(models.TextChoices):
    """Where an appointment request stands."""

    REQUESTED = "requested", _("requested")
    ACCEPTED = "accepted", _("accepted")
    PROPOSED = "proposed", _("other time proposed")
    DECLINED = "declined", _("declined")
    CANCELLED = "cancelled", _("cancelled")
    DONE = "done", _("taken in")


# Requests that hold their time: nobody else may book it.
HOLDING = (Status.REQUESTED, Status.ACCEPTED, Status.PROPOSED)
# Requests that wait for an answer of the agency.
OPEN = (Status.REQUESTED, Status.PROPOSED)
# Requests that can still be answered (accepted, moved, declined).
ANSWERABLE = (Status.REQUESTED, Status.PROPOSED, Status.ACCEPTED)
WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]
