"""The registry of personal data: for every field of every Kiezwerk model, whether it holds
personal data and, if so, its category, purpose, legal basis, retention class and whether it
belongs in an access export. Export (Art. 15), erasure (Art. 17), retention and the record of
processing activities (Art. 30) all read it; `tests/privacy/test_registry.py` fails when a
model gains a field that is not classified here.

A model is listed by its label. `person` says the model's rows are about one person each (they
can be found by name or e-mail: `identifies`); `fields` are the personal fields; `not_personal`
names every other field, so that a new field must be classified by someone.
"""

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _

from kiezwerk.privacy.registry_entries import OURS
from kiezwerk.privacy.registry_third_party import THIRD_PARTY
from kiezwerk.privacy.registry_types import (
    RETENTION_SENTENCES,
    Basis,
    Category,
    Entry,
    Personal,
    Purpose,
    Retention,
    Subject,
)

__all__ = [
    "OUR_APPS",
    "PERSONS",
    "REGISTRY",
    "RETENTION_SENTENCES",
    "Basis",
    "Category",
    "Entry",
    "Personal",
    "Purpose",
    "Retention",
    "Subject",
    "check",
    "entry",
    "export_fields",
    "identifying_fields",
    "model_field_names",
    "person_labels",
    "retention_of",
    "retention_sentence",
    "rights_text",
]

# The apps whose every model the registry must classify (tests/privacy/test_registry.py).
OUR_APPS = frozenset(
    {
        "core",
        "accounts",
        "agencies",
        "needs",
        "initiatives",
        "network",
        "forums",
        "economy",
        "jobs",
        "appointments",
        "funding",
        "reporting",
        "portal",
        "privacy",
        "api",
    }
)

C, P, B, R, S = Category, Purpose, Basis, Retention, Subject
_TIMES = ("created_at", "updated_at")
_PERSONAL_RECORD = ("restricted_at", "anonymised_at")

# The models whose rows are each about one person: found by name or e-mail (privacy.subjects),
# erased or anonymised (privacy.erasure). Links to the staff who handled such a record are
# named in `not_personal` here (see registry_entries).
PERSONS: dict[str, Entry] = {
    "accounts.User": Entry(
        person=True,
        subjects=(S.STAFF,),
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
        subjects=(S.FOUNDERS,),
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
            "external_ref",
            *_PERSONAL_RECORD,
        ),
    ),
    "forums.Attendee": Entry(
        person=True,
        subjects=(S.ATTENDEES,),
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
        pseudonymised=True,
        subjects=(S.JOB_HOLDERS,),
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
        subjects=(S.RESIDENTS,),
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
        subjects=(S.RESIDENTS,),
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
        subjects=(S.RESIDENTS,),
        source=_("from the person, through the accessibility feedback form"),
        fields={
            "name": Personal(C.IDENTITY, P.ACCESSIBILITY, B.CONSENT, R.REQUEST, identifies=True),
            "email": Personal(C.CONTACT, P.ACCESSIBILITY, B.CONSENT, R.REQUEST, identifies=True),
            "message": Personal(C.REQUEST, P.ACCESSIBILITY, B.CONSENT, R.REQUEST),
            "consent_at": Personal(C.REQUEST, P.ACCESSIBILITY, B.LEGAL, R.REQUEST),
            # How the feedback was answered: part of the person's request.
            "answer_note": Personal(C.REQUEST, P.ACCESSIBILITY, B.LEGAL, R.REQUEST),
        },
        not_personal=(
            "id",
            *_TIMES,
            "archived_at",
            "agency",
            "page_address",
            "answered_at",
            "answered_by",
            *_PERSONAL_RECORD,
        ),
    ),
}

REGISTRY: dict[str, Entry] = {**PERSONS, **OURS, **THIRD_PARTY}


def entry(label: str) -> Entry:
    """The entry of a model by its label ("initiatives.ContactPerson"); KeyError if none."""
    return REGISTRY[label]


def person_labels() -> list[str]:
    """The models whose rows are each about one person, in the registry's order."""
    return [label for label, item in REGISTRY.items() if item.person]


def identifying_fields(label: str) -> list[str]:
    """The fields a person is found by (name, e-mail); none for a pseudonymised model."""
    return [name for name, item in REGISTRY[label].fields.items() if item.identifies]


def export_fields(label: str) -> list[str]:
    """The personal fields shown in an access export, in the model's field order."""
    fields = REGISTRY[label].fields
    return [
        name
        for name in model_field_names(apps.get_model(label))
        if name in fields and fields[name].export
    ]


def retention_of(label: str) -> set[str]:
    """The retention classes of a model's personal fields."""
    return {item.retention for item in REGISTRY[label].fields.values()}


def model_field_names(model: type[models.Model]) -> list[str]:
    """Every field that stores something: columns (with `id`) and many-to-many relations."""
    meta = model._meta
    return [field.name for field in (*meta.concrete_fields, *meta.many_to_many)]


def check(label: str, item: Entry, field_names: list[str]) -> list[str]:
    """What is wrong with an entry against its model's fields: unclassified, classified twice,
    or named but gone (stale), and values that are not valid choices."""
    personal, other = set(item.fields), set(item.not_personal)
    problems = [
        f"{label}.{name}: not classified"
        for name in field_names
        if name not in personal and name not in other
    ]
    problems += [f"{label}.{name}: both personal and not" for name in sorted(personal & other)]
    problems += [
        f"{label}.{name}: no such field" for name in sorted((personal | other) - set(field_names))
    ]
    return problems + _invalid_values(label, item)


def _invalid_values(label: str, item: Entry) -> list[str]:
    problems = [f"{label}: unknown subject {value!r}" for value in item.subjects if value not in S]
    for name, field in item.fields.items():
        for choices, value in (
            (C, field.category),
            (P, field.purpose),
            (B, field.basis),
            (R, field.retention),
            *((S, subject) for subject in item.subjects_of(name)),
        ):
            if value not in choices.values:
                problems.append(f"{label}.{name}: {value!r} is not a {choices.__name__}")
        if not item.subjects_of(name):
            problems.append(f"{label}.{name}: no category of data subjects")
    return problems


RIGHTS = (
    _(
        "Access (Art. 15 GDPR): you may ask what data we hold about you, why, where it comes "
        "from, who receives it and how long we keep it, and receive a copy."
    ),
    _("Rectification (Art. 16 GDPR): you may have incorrect or incomplete data corrected."),
    _(
        "Erasure (Art. 17 GDPR): you may have your data erased when it is no longer needed, you "
        "withdraw your consent or it was processed unlawfully, unless the law (such as funding "
        "law) requires us to keep it."
    ),
    _(
        "Restriction (Art. 18 GDPR): you may have the processing restricted, for example while "
        "the correctness of your data is checked; the data is then kept but not used."
    ),
    _(
        "Notification (Art. 19 GDPR): we tell everyone who received your data about a "
        "rectification, erasure or restriction, and on request tell you who they are."
    ),
    _(
        "Data portability (Art. 20 GDPR): you may receive the data you gave us, on the basis "
        "of your consent or a contract, in a structured, common, machine-readable format."
    ),
    _(
        "Objection (Art. 21 GDPR): you may object at any time to processing based on a task "
        "in the public interest or a legitimate interest, for reasons arising from your "
        "particular situation."
    ),
    _(
        "Withdrawing consent (Art. 7(3) GDPR): you may withdraw a consent at any time, as "
        "easily as you gave it; this does not affect what was done before."
    ),
    _(
        "Complaint (Art. 77 GDPR): you may complain to a supervisory authority, in Berlin the "
        "Berliner Beauftragte für Datenschutz und Informationsfreiheit, Alt-Moabit 59–61, "
        "10555 Berlin, mailbox@datenschutz-berlin.de."
    ),
)


def rights_text() -> list[str]:
    """The data subject's rights (Art. 15–21, 7(3) and 77 GDPR), one paragraph each, in the
    active language."""
    return [str(right) for right in RIGHTS]


def retention_sentence(retention: str) -> str:
    """The retention class as a sentence, in the active language."""
    return str(RETENTION_SENTENCES[Retention(retention)])
