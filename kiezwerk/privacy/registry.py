"""The registry of personal data: for every field of every Kiezwerk model, whether it holds
personal data and, if so, its category, purpose, legal basis, retention class and whether it
belongs in an access export. Export (Art. 15), erasure (Art. 17), retention and the record of
processing activities (Art. 30) all read it; `tests/privacy/test_registry.py` fails when a
model gains a field that is not classified here.

A model is listed by its label. `person` says the model's rows are about one person each (they
can be found by name or e-mail: `identifies`); `fields` are the personal fields; `not_personal`
names every other field, so that a new field must be classified by someone.
"""

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    IDENTITY = "identity", _("identification data (name)")
    CONTACT = "contact", _("contact data (e-mail, phone)")
    ACCOUNT = "account", _("user account and log-in data")
    COUNSELLING = "counselling", _("counselling and case data")
    EMPLOYMENT = "employment", _("employment and labour-market data")
    SPECIAL = "special", _("special categories (Art. 9 GDPR): health, origin")
    PARTICIPATION = "participation", _("participation in events")
    REQUEST = "request", _("requests and messages from the public")
    USAGE = "usage", _("usage and log data")


class Basis(models.TextChoices):
    CONSENT = "consent", _("consent, Art. 6(1)(a) GDPR")
    CONTRACT = "contract", _("contract or pre-contractual steps, Art. 6(1)(b) GDPR")
    LEGAL = "legal", _("legal obligation, Art. 6(1)(c) GDPR (funding law)")
    PUBLIC_TASK = "public_task", _("task in the public interest, Art. 6(1)(e) GDPR")
    LEGITIMATE = "legitimate", _("legitimate interest, Art. 6(1)(f) GDPR")
    SPECIAL_CONSENT = "special_consent", _("explicit consent, Art. 9(2)(a) GDPR")


class Retention(models.TextChoices):
    """How long a record is kept; `privacy.retention` computes the day for each record."""

    COUNSELLING = "counselling", _("3 years after the end of counselling")
    FUNDING = (
        "funding",
        _("until 5 years after 31 December of the year of the funder's last payment"),
    )
    ACCOUNT = "account", _("while the account is active, then 1 year")
    REQUEST = "request", _("1 year after the request was handled")
    EVENT = "event", _("2 years after the event")
    PARTNER = "partner", _("while the partner is in the network, then 1 year")
    LOG = "log", _("3 years (activity log)")


class Purpose(models.TextChoices):
    COUNSELLING = "counselling", _("founding counselling of initiatives")
    FUNDING_EVIDENCE = "funding_evidence", _("evidence for funders (ESF+, ERDF, the city)")
    ACCOUNTS = "accounts", _("log-in and rights in Kiezwerk")
    PORTAL = "portal", _("public pages of the agency")
    EVENTS = "events", _("local forums and events")
    APPOINTMENTS = "appointments", _("appointments for consultations")
    DEMAND = "demand", _("planning the rollout to new neighbourhoods")
    ACCESSIBILITY = "accessibility", _("answering accessibility feedback")
    NETWORK = "network", _("the partner network")
    SECURITY = "security", _("security and traceability of changes")


@dataclass(frozen=True)
class Personal:
    """A field that holds personal data."""

    category: str
    purpose: str
    basis: str
    retention: str
    export: bool = True  # shown in the access export (Art. 15)
    identifies: bool = False  # a person can be found by it (name, e-mail)


@dataclass(frozen=True)
class Entry:
    """One model: its personal fields and every other field, named."""

    fields: dict[str, Personal]
    not_personal: tuple[str, ...] = ()
    person: bool = False  # each row is about one person
    source: str = ""  # where the data comes from (Art. 14(2)(f)), for the access export
    recipients: tuple[str, ...] = field(default_factory=tuple)  # who receives it (Art. 15(1)(c))


C, P, B, R = Category, Purpose, Basis, Retention
_TIMES = ("created_at", "updated_at")
_PERSONAL_RECORD = ("restricted_at", "anonymised_at")

REGISTRY: dict[str, Entry] = {
    "accounts.User": Entry(
        person=True,
        source=_("from the person or the agency's management when the account was created"),
        fields={
            "email": Personal(C.CONTACT, P.ACCOUNTS, B.CONTRACT, R.ACCOUNT, identifies=True),
            "name": Personal(C.IDENTITY, P.ACCOUNTS, B.CONTRACT, R.ACCOUNT, identifies=True),
            "last_login": Personal(C.USAGE, P.SECURITY, B.LEGITIMATE, R.ACCOUNT),
            "date_joined": Personal(C.ACCOUNT, P.ACCOUNTS, B.CONTRACT, R.ACCOUNT),
            "password": Personal(C.ACCOUNT, P.SECURITY, B.CONTRACT, R.ACCOUNT, export=False),
        },
        not_personal=(
            "id",
            "is_superuser",
            "is_active",
            "is_staff",
            "groups",
            "user_permissions",
            *_PERSONAL_RECORD,
        ),
    ),
    "initiatives.ContactPerson": Entry(
        person=True,
        source=_("from the person, in counselling"),
        fields={
            "name": Personal(C.IDENTITY, P.COUNSELLING, B.CONSENT, R.COUNSELLING, identifies=True),
            "email": Personal(C.CONTACT, P.COUNSELLING, B.CONSENT, R.COUNSELLING, identifies=True),
            "phone": Personal(C.CONTACT, P.COUNSELLING, B.CONSENT, R.COUNSELLING),
            "role": Personal(C.COUNSELLING, P.COUNSELLING, B.CONSENT, R.COUNSELLING),
            "consent_given_at": Personal(C.COUNSELLING, P.COUNSELLING, B.LEGAL, R.COUNSELLING),
        },
        not_personal=(
            "id",
            *_TIMES,
            "archived_at",
            "agency",
            "initiative",
            "user",
            "consent_recorded_by",
            *_PERSONAL_RECORD,
        ),
    ),
    "forums.Attendee": Entry(
        person=True,
        source=_("from the person, when registering for a forum or event"),
        fields={
            "name": Personal(C.IDENTITY, P.EVENTS, B.CONSENT, R.EVENT, identifies=True),
            "email": Personal(C.CONTACT, P.EVENTS, B.CONSENT, R.EVENT, identifies=True),
            "consent_given": Personal(C.PARTICIPATION, P.EVENTS, B.LEGAL, R.EVENT),
        },
        not_personal=(
            "id",
            *_TIMES,
            "agency",
            "forum",
            "group",
            "partner",
            "initiative",
            "recorded_by",
            *_PERSONAL_RECORD,
        ),
    ),
    "jobs.Holder": Entry(
        person=True,
        source=_("from the enterprise that employs the person (ESF participant data)"),
        recipients=(_("the funder, as aggregate figures only"),),
        fields={
            "pseudonym": Personal(C.EMPLOYMENT, P.FUNDING_EVIDENCE, B.LEGAL, R.FUNDING),
            "prior_status": Personal(C.EMPLOYMENT, P.FUNDING_EVIDENCE, B.LEGAL, R.FUNDING),
            "age_band": Personal(C.EMPLOYMENT, P.FUNDING_EVIDENCE, B.LEGAL, R.FUNDING),
            "gender": Personal(C.EMPLOYMENT, P.FUNDING_EVIDENCE, B.LEGAL, R.FUNDING),
            "residence": Personal(C.EMPLOYMENT, P.FUNDING_EVIDENCE, B.LEGAL, R.FUNDING),
            "disability": Personal(C.SPECIAL, P.FUNDING_EVIDENCE, B.SPECIAL_CONSENT, R.FUNDING),
            "migrant_background": Personal(
                C.SPECIAL, P.FUNDING_EVIDENCE, B.SPECIAL_CONSENT, R.FUNDING
            ),
            "homeless": Personal(C.EMPLOYMENT, P.FUNDING_EVIDENCE, B.LEGAL, R.FUNDING),
            "jobless_household": Personal(C.EMPLOYMENT, P.FUNDING_EVIDENCE, B.LEGAL, R.FUNDING),
            "single_parent": Personal(C.EMPLOYMENT, P.FUNDING_EVIDENCE, B.LEGAL, R.FUNDING),
            "low_education": Personal(C.EMPLOYMENT, P.FUNDING_EVIDENCE, B.LEGAL, R.FUNDING),
            "legal_basis": Personal(C.EMPLOYMENT, P.FUNDING_EVIDENCE, B.LEGAL, R.FUNDING),
        },
        not_personal=("id", *_TIMES, "agency", "position", *_PERSONAL_RECORD),
    ),
    "needs.DemandRequest": Entry(
        person=True,
        source=_("from the person, through the public form"),
        recipients=(_("the city department that plans the rollout"),),
        fields={
            "name": Personal(C.IDENTITY, P.DEMAND, B.CONSENT, R.REQUEST, identifies=True),
            "email": Personal(C.CONTACT, P.DEMAND, B.CONSENT, R.REQUEST, identifies=True),
            "phone": Personal(C.CONTACT, P.DEMAND, B.CONSENT, R.REQUEST),
            "description": Personal(C.REQUEST, P.DEMAND, B.CONSENT, R.REQUEST),
            "consent_at": Personal(C.REQUEST, P.DEMAND, B.LEGAL, R.REQUEST),
            "notes": Personal(C.REQUEST, P.DEMAND, B.PUBLIC_TASK, R.REQUEST),
        },
        not_personal=(
            "id",
            *_TIMES,
            "archived_at",
            "district",
            "neighbourhood_name",
            "neighbourhood_key",
            "postcode",
            "category",
            "requester_kind",
            "year",
            "quarter",
            "status",
            "agency",
            "handed_over_at",
            *_PERSONAL_RECORD,
        ),
    ),
    "appointments.AppointmentRequest": Entry(
        person=True,
        source=_("from the person, through the public appointment form"),
        fields={
            "name": Personal(C.IDENTITY, P.APPOINTMENTS, B.CONSENT, R.REQUEST, identifies=True),
            "email": Personal(C.CONTACT, P.APPOINTMENTS, B.CONSENT, R.REQUEST, identifies=True),
            "phone": Personal(C.CONTACT, P.APPOINTMENTS, B.CONSENT, R.REQUEST),
            "description": Personal(C.REQUEST, P.APPOINTMENTS, B.CONSENT, R.REQUEST),
            "callback_note": Personal(C.REQUEST, P.APPOINTMENTS, B.CONSENT, R.REQUEST),
            "message": Personal(C.REQUEST, P.APPOINTMENTS, B.CONSENT, R.REQUEST),
            "consent_at": Personal(C.REQUEST, P.APPOINTMENTS, B.LEGAL, R.REQUEST),
        },
        not_personal=(
            "id",
            *_TIMES,
            "archived_at",
            "agency",
            "neighbourhood",
            "slot",
            "starts_at",
            "status",
            "proposed_at",
            "handled_by",
            "handled_at",
            "initiative",
            "reminder_sent_at",
            "version",
            *_PERSONAL_RECORD,
        ),
    ),
    "portal.AccessibilityFeedback": Entry(
        person=True,
        source=_("from the person, through the accessibility feedback form"),
        fields={
            "name": Personal(C.IDENTITY, P.ACCESSIBILITY, B.CONSENT, R.REQUEST, identifies=True),
            "email": Personal(C.CONTACT, P.ACCESSIBILITY, B.CONSENT, R.REQUEST, identifies=True),
            "message": Personal(C.REQUEST, P.ACCESSIBILITY, B.CONSENT, R.REQUEST),
            "consent_at": Personal(C.REQUEST, P.ACCESSIBILITY, B.LEGAL, R.REQUEST),
        },
        not_personal=(
            "id",
            *_TIMES,
            "archived_at",
            "agency",
            "page_address",
            "answered_at",
            "answered_by",
            "answer_note",
            *_PERSONAL_RECORD,
        ),
    ),
}
