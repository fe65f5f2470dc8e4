from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Stage(models.TextChoices):
    """Where a founding initiative stands; the first seven are the pipeline's columns."""

    INQUIRY = "inquiry", _("Inquiry")
    ORIENTATION = "orientation", _("Orientation")
    CONCEPT = "concept", _("Concept")
    FOUNDING = "founding", _("Founding")
    STARTUP = "startup", _("Start-up")
    CONSOLIDATION = "consolidation", _("Consolidation")
    SELF_SUSTAINING = "self_sustaining", _("Self-sustaining")
    PAUSED = "paused", _("Paused")
    GIVEN_UP = "given_up", _("Given up")


PIPELINE_STAGES = (
    Stage.INQUIRY,
    Stage.ORIENTATION,
    Stage.CONCEPT,
    Stage.FOUNDING,
    Stage.STARTUP,
    Stage.CONSOLIDATION,
    Stage.SELF_SUSTAINING,
)
SIDE_STAGES = (Stage.PAUSED, Stage.GIVEN_UP)
# From founding on, the initiative is a social enterprise.
ENTERPRISE_STAGES = (Stage.FOUNDING, Stage.STARTUP, Stage.CONSOLIDATION, Stage.SELF_SUSTAINING)
# Moving here needs a note that says why.
STAGES_NEEDING_A_REASON = (Stage.PAUSED, Stage.GIVEN_UP)


class LegalForm(models.TextChoices):
    NONE = "none", _("not yet founded")
    EV = "ev", _("registered association (e.V.)")
    GGMBH = "ggmbh", _("non-profit limited company (gGmbH)")
    EG = "eg", _("cooperative (eG)")
    GMBH = "gmbh", _("limited company (GmbH)")
    UG = "ug", _("entrepreneurial company (UG)")
    GBR = "gbr", _("civil-law partnership (GbR)")


class Topic(models.TextChoices):
    """The catalogue of consultation topics."""

    IDEA = "idea", pgettext_lazy("consultation topic", "Idea")
    CONCEPT = "concept", pgettext_lazy("consultation topic", "Concept")
    BUSINESS_PLAN = "business_plan", _("Business plan")
    FINANCING_MIX = "financing_mix", _("Financing mix")
    LEGAL_FORM = "legal_form", _("Legal form")
    PUBLIC_CONTRACTS = "public_contracts", _("Public contracts")
    MARKETING = "marketing", _("Marketing")
    STAFF = "staff", _("Staff")
    VOLUNTEERS = "volunteers", _("Volunteers")
    PREMISES = "premises", _("Premises")


class DocumentKind(models.TextChoices):
    BUSINESS_PLAN = "business_plan", _("Business plan")
    STATUTES = "statutes", _("Statutes")
    CONTRACT = "contract", _("Contract")
    OTHER = "other", _("Other document")


class Rating(models.TextChoices):
    MET = "met", _("met")
    PARTLY = "partly", _("partly met")
    NOT_MET = "not_met", _("not met")
    UNKNOWN = "unknown", _("unknown")


# The seed's four criteria of a social enterprise: (field prefix, question).
CRITERIA = (
    ("needs", _("Meets un(der)served needs in the neighbourhood through citizens' self-help")),
    ("goals", _("Pursues social or community goals (local services, jobs)")),
    ("profit", _("Does not distribute profit privately; surplus is reinvested")),
    ("financing", _("Financed by public contracts, market sales and reciprocal voluntary work")),
)

# The nine EMES indicators of the ideal-typical social enterprise (field, label).
EMES_INDICATORS = (
    ("continuous_activity", _("Continuous activity producing goods or services")),
    ("economic_risk", _("Significant level of economic risk")),
    ("paid_work", _("Minimum amount of paid work")),
    ("explicit_aim", _("Explicit aim to benefit the community")),
    ("citizen_initiative", _("Initiative launched by a group of citizens")),
    ("limited_profit", _("Limited profit distribution")),
    ("autonomy", _("High degree of autonomy")),
    ("not_capital_based", _("Decision-making power not based on capital ownership")),
    ("participation", _("Participatory nature involving those affected")),
)
