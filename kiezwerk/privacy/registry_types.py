"""The vocabulary of the registry of personal data (`kiezwerk.privacy.registry`): categories of
data and of data subjects, purposes, legal bases, retention classes, and the two records that
describe a model (`Entry`) and one of its personal fields (`Personal`). `registry` re-exports
every name here; import them from there."""

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
    STAFF = "staff", _("work data of staff (who advised, recorded or handled what)")
    CONSENT = "consent", _("consents and their withdrawal")


class Subject(models.TextChoices):
    """Categories of data subjects (Art. 30(1)(c) GDPR)."""

    RESIDENTS = "residents", _("residents and other members of the public")
    FOUNDERS = "founders", _("founders and contact persons of initiatives")
    STAFF = "staff", _("staff and account holders")
    JOB_HOLDERS = "job_holders", _("holders of jobs in the supported enterprises")
    ATTENDEES = "attendees", _("attendees of forums and events")
    PARTNER_CONTACTS = "partner_contacts", _("contact persons of partner organisations")


class Basis(models.TextChoices):
    CONSENT = "consent", _("consent, Art. 6(1)(a) GDPR")
    CONTRACT = "contract", _("contract or pre-contractual steps, Art. 6(1)(b) GDPR")
    LEGAL = "legal", _("legal obligation, Art. 6(1)(c) GDPR (funding law)")
    PUBLIC_TASK = "public_task", _("task in the public interest, Art. 6(1)(e) GDPR")
    LEGITIMATE = "legitimate", _("legitimate interest, Art. 6(1)(f) GDPR")
    SPECIAL_CONSENT = "special_consent", _("explicit consent, Art. 9(2)(a) GDPR")
    ACCOUNTABILITY = (
        "accountability",
        _(
            "legal obligation, Art. 6(1)(c) GDPR (proof of consents and answering requests, "
            "Art. 5(2), 7(1), 12 GDPR; the imprint, § 5 DDG)"
        ),
    )


class Retention(models.TextChoices):
    """How long a record is kept; `privacy.retention` computes the day for each record of a
    person model. `RETENTION_SENTENCES` says the same as a sentence for the Art. 30 record."""

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
    DAY = "day", _("1 day")
    SESSION = "session", _("until the log-in session ends")
    LOGIN = "login", _("90 days (log-in attempts and access log)")
    PROOF = "proof", _("3 years after the consent ended or the request was answered (proof)")


RETENTION_SENTENCES = {
    Retention.COUNSELLING: _(
        "Case data are erased or anonymised 3 years after the end of counselling, unless "
        "funding law requires keeping them longer."
    ),
    Retention.FUNDING: _(
        "Kept as funding law requires: until 5 years after 31 December of the year of the "
        "funder's last payment; then erased or anonymised."
    ),
    Retention.ACCOUNT: _(
        "Kept while the account is active; erased or anonymised 1 year after it was closed."
    ),
    Retention.REQUEST: _("Erased or anonymised 1 year after the request was handled."),
    Retention.EVENT: _("Erased or anonymised 2 years after the forum or event."),
    Retention.PARTNER: _(
        "Kept while the partner belongs to the network; erased 1 year after it left."
    ),
    Retention.LOG: _("Activity and change logs are kept for 3 years, then erased or scrubbed."),
    Retention.DAY: _("Kept for one day, then deleted."),
    Retention.SESSION: _("Kept until the person logs out or the session expires."),
    Retention.LOGIN: _("Log-in attempts and the access log are kept for 90 days."),
    Retention.PROOF: _(
        "Kept as proof for 3 years after the consent was withdrawn or the request was "
        "answered (Art. 5(2) GDPR)."
    ),
}


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
    DATA_PROTECTION = (
        "data_protection",
        _("answering data protection requests and keeping proof of consents"),
    )


@dataclass(frozen=True)
class Personal:
    """A field that holds personal data. `subjects` (categories of data subjects) and
    `recipients` default to its entry's."""

    category: str
    purpose: str
    basis: str
    retention: str
    export: bool = True  # shown in the access export (Art. 15)
    identifies: bool = False  # a person can be found by it (name, e-mail)
    subjects: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()  # who receives this field, if not the entry's recipients


@dataclass(frozen=True)
class Entry:
    """One model: its personal fields and every other field, named."""

    fields: dict[str, Personal]
    not_personal: tuple[str, ...] = ()
    person: bool = False  # each row is about one person
    source: str = ""  # where the data comes from (Art. 14(2)(f)), for the access export
    recipients: tuple[str, ...] = field(default_factory=tuple)  # who receives it (Art. 15(1)(c))
    subjects: tuple[str, ...] = ()  # whom its personal fields are about (Art. 30(1)(c))
    # A person model without a name or e-mail: its rows are found by their pseudonym, which
    # only the enterprise can link to a person (jobs.Holder).
    pseudonymised: bool = False

    def subjects_of(self, name: str) -> tuple[str, ...]:
        return self.fields[name].subjects or self.subjects

    def recipients_of(self, name: str) -> tuple[str, ...]:
        return self.fields[name].recipients or self.recipients
