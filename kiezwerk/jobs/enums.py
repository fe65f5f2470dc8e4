"""Choices of the jobs app: contract types and subsidy instruments, and what ESF participant
reporting asks about the person in a position (prior labour-market status, age band,
gender)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContractType(models.TextChoices):
    FULL_TIME = "full_time", _("full-time")
    PART_TIME = "part_time", _("part-time")
    MARGINAL = "marginal", _("marginal employment (mini-job)")
    APPRENTICESHIP = "apprenticeship", _("apprenticeship")
    SUBSIDISED = "subsidised", _("subsidised employment")


class Instrument(models.TextChoices):
    """Labour-market instruments that pay for subsidised employment (SGB II / SGB III)."""

    ABM = "abm", _("job creation scheme (ABM)")
    SAM = "sam", _("structural adjustment measure (SAM)")
    AGH = "agh", _("work opportunity with additional-expense allowance (AGH-MAE)")
    EGZ = "egz", _("integration subsidy (EGZ)")
    BEZ = "bez", _("employment subsidy (§ 16e SGB II)")
    OTHER = "other", _("other instrument")


class Origin(models.TextChoices):
    CREATED = "created", _("created during support")
    MAINTAINED = "maintained", _("already existed (maintained)")


class PriorStatus(models.TextChoices):
    """The holder's labour-market status before taking the position (ESF common indicators)."""

    UNEMPLOYED = "unemployed", _("unemployed")
    LONG_TERM_UNEMPLOYED = "long_term", _("long-term unemployed")
    INACTIVE = "inactive", _("inactive")
    EMPLOYED = "employed", _("employed")
    IN_TRAINING = "training", _("in education or training")
    UNKNOWN = "unknown", _("not known")


class AgeBand(models.TextChoices):
    UNDER_25 = "under_25", _("under 25")
    MIDDLE = "25_54", _("25 to 54")
    OVER_54 = "over_54", _("55 and older")
    UNKNOWN = "unknown", _("not known")


class Gender(models.TextChoices):
    FEMALE = "female", _("female")
    MALE = "male", _("male")
    DIVERSE = "diverse", _("diverse")
    NOT_STATED = "not_stated", _("not stated")


class LegalBasis(models.TextChoices):
    """Why the agency may hold what it knows about a holder (Art. 6 GDPR)."""

    CONSENT = "consent", _("consent of the person (Art. 6 (1) (a) GDPR)")
    FUNDING_LAW = (
        "funding_law",
        _("reporting duty of the funding programme (Art. 6 (1) (c) GDPR, ESF regulation)"),
    )


class Residence(models.TextChoices):
    """Where the holder lives, seen from the enterprise's neighbourhood: the leakage of the
    additionality worksheet comes from it."""

    INSIDE = "inside", _("in the neighbourhood")
    OUTSIDE = "outside", _("outside the neighbourhood")
    UNKNOWN = "unknown", _("not known")
