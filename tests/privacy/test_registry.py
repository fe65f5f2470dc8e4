"""The registry of personal data classifies every field of every Kiezwerk model, and its read
helpers answer what export, erasure and the Art. 30 record ask."""

import pytest
from django.apps import apps
from django.utils import translation

from kiezwerk.privacy import registry
from kiezwerk.privacy.registry import (
    OUR_APPS,
    REGISTRY,
    Basis,
    Category,
    Entry,
    Personal,
    Purpose,
    Retention,
    Subject,
    check,
    entry,
    export_fields,
    identifying_fields,
    model_field_names,
    person_labels,
    retention_of,
    rights_text,
)

OUR_MODELS = [model for model in apps.get_models() if model._meta.app_label in OUR_APPS]
THIRD_PARTY = [label for label in REGISTRY if label.split(".")[0] not in OUR_APPS]
COUNSELLING = Personal(
    Category.COUNSELLING, Purpose.COUNSELLING, Basis.CONSENT, Retention.COUNSELLING
)
PERSON_MODELS = [
    "accounts.User",
    "initiatives.ContactPerson",
    "forums.Attendee",
    "jobs.Holder",
    "needs.DemandRequest",
    "appointments.AppointmentRequest",
    "portal.AccessibilityFeedback",
]


def fake(**kwargs) -> Entry:
    return Entry(subjects=(Subject.FOUNDERS,), **kwargs)


# ------------------------------------------------------------------------------------------
# Completeness


def test_every_model_of_our_apps_has_an_entry():
    missing = [m._meta.label for m in OUR_MODELS if m._meta.label not in REGISTRY]

    assert missing == []


@pytest.mark.parametrize("model", OUR_MODELS, ids=lambda model: model._meta.label)
def test_every_field_of_our_models_is_classified_once(model):
    label = model._meta.label

    assert check(label, REGISTRY[label], model_field_names(model)) == []


@pytest.mark.parametrize("label", THIRD_PARTY)
def test_third_party_entries_name_only_real_fields(label):
    model = apps.get_model(label)

    assert check(label, REGISTRY[label], model_field_names(model)) == []


def test_third_party_tables_with_personal_data_are_listed():
    expected = {
        "auditlog.LogEntry",
        "axes.AccessAttempt",
        "axes.AccessLog",
        "account.EmailAddress",
        "mfa.Authenticator",
        "sessions.Session",
    }

    assert expected <= set(THIRD_PARTY)


def test_field_names_include_id_and_many_to_many():
    names = model_field_names(apps.get_model("agencies.Membership"))

    assert names[0] == "id"
    assert "neighbourhoods" in names


# ------------------------------------------------------------------------------------------
# The check itself, on made-up fields


def test_check_finds_a_new_unclassified_field():
    item = fake(fields={"notes": COUNSELLING}, not_personal=("id",))

    problems = check("demo.Case", item, ["id", "notes", "shoe_size"])

    assert problems == ["demo.Case.shoe_size: not classified"]


def test_check_finds_a_field_classified_twice():
    item = fake(fields={"notes": COUNSELLING}, not_personal=("id", "notes"))

    problems = check("demo.Case", item, ["id", "notes"])

    assert problems == ["demo.Case.notes: both personal and not"]


def test_check_finds_a_stale_name():
    item = fake(fields={"notes": COUNSELLING}, not_personal=("id", "removed_field"))

    problems = check("demo.Case", item, ["id", "notes"])

    assert problems == ["demo.Case.removed_field: no such field"]


def test_check_finds_values_that_are_not_choices():
    wrong = Personal("biometrics", Purpose.COUNSELLING, "because", Retention.COUNSELLING)
    item = fake(fields={"notes": wrong}, not_personal=("id",))

    problems = check("demo.Case", item, ["id", "notes"])

    assert problems == [
        "demo.Case.notes: 'biometrics' is not a Category",
        "demo.Case.notes: 'because' is not a Basis",
    ]


def test_check_finds_an_unknown_subject_and_a_field_about_nobody():
    about_aliens = Entry(subjects=("aliens",), fields={}, not_personal=("id",))
    about_nobody = Entry(fields={"notes": COUNSELLING}, not_personal=("id",))

    assert check("demo.A", about_aliens, ["id"]) == ["demo.A: unknown subject 'aliens'"]
    assert check("demo.B", about_nobody, ["id", "notes"]) == [
        "demo.B.notes: no category of data subjects"
    ]


# ------------------------------------------------------------------------------------------
# Person models


def test_person_models_are_the_seven_records_about_one_person():
    assert person_labels() == PERSON_MODELS


@pytest.mark.parametrize("label", PERSON_MODELS)
def test_every_person_model_is_found_by_name_or_email_or_is_pseudonymised(label):
    item = entry(label)

    assert bool(identifying_fields(label)) != item.pseudonymised


def test_only_job_holders_are_pseudonymised_and_found_by_their_pseudonym():
    pseudonymised = [label for label in person_labels() if entry(label).pseudonymised]

    assert pseudonymised == ["jobs.Holder"]
    assert identifying_fields("jobs.Holder") == []
    assert "pseudonym" in entry("jobs.Holder").fields


# ------------------------------------------------------------------------------------------
# How fields are classified


@pytest.mark.parametrize(
    ("label", "name"),
    [
        ("initiatives.Consultation", "notes"),
        ("initiatives.StageChange", "note"),
        ("network.Referral", "note"),
        ("initiatives.Document", "file"),
        ("forums.Attendee", "name"),
        ("forums.Forum", "minutes"),
        ("privacy.DataSubjectRequest", "subject_name"),
        ("privacy.DataSubjectRequest", "subject_email"),
        ("privacy.DataSubjectRequest", "note"),
        ("core.Consent", "object_id"),
        ("core.ActivityLogEntry", "actor"),
        ("core.ActivityLogEntry", "object_repr"),
        ("core.ActivityLogEntry", "data"),
        ("agencies.Membership", "title"),
        ("agencies.Membership", "listed_publicly"),
        ("agencies.Membership", "listing_consent"),
        ("portal.AccessibilityFeedback", "answer_note"),
    ],
)
def test_free_text_and_links_about_people_are_personal(label, name):
    assert name in entry(label).fields


def test_public_submissions_keep_the_hashed_address_one_day():
    assert retention_of("core.PublicSubmission") == {Retention.DAY}
    assert entry("core.PublicSubmission").fields["address_hash"].export is False


def test_partner_contact_identifies_a_person_in_an_organisations_row():
    partner = entry("network.Partner")

    assert partner.person is False
    assert identifying_fields("network.Partner") == ["contact_name", "email"]
    assert partner.fields["phone"].category == Category.CONTACT


def test_links_to_staff_on_case_records_are_staff_data():
    """Every link to a user on a record that is not itself about one person."""
    found = {}
    for model in OUR_MODELS:
        item = REGISTRY[model._meta.label]
        for field in model._meta.concrete_fields:
            is_user = field.is_relation and field.related_model._meta.label == "accounts.User"
            if is_user and not item.person:
                personal = item.fields.get(field.name)
                found[f"{model._meta.label}.{field.name}"] = personal and personal.category

    assert found["initiatives.Initiative.advisor"] == Category.STAFF
    assert set(found.values()) <= {Category.STAFF, Category.ACCOUNT}


# ------------------------------------------------------------------------------------------
# Read helpers


def test_export_fields_come_in_model_order_without_the_password():
    assert export_fields("accounts.User") == ["last_login", "email", "name", "date_joined"]


def test_export_fields_of_a_contact_person():
    assert export_fields("initiatives.ContactPerson") == [
        "name",
        "role",
        "phone",
        "email",
        "consent_given_at",
    ]


def test_retention_of_a_model_is_the_set_of_its_classes():
    assert retention_of("jobs.Holder") == {Retention.FUNDING}
    assert retention_of("initiatives.Consultation") == {Retention.COUNSELLING}


def test_entry_of_an_unknown_model_is_a_key_error():
    with pytest.raises(KeyError):
        entry("demo.Nothing")


def test_every_retention_class_has_a_sentence():
    assert set(registry.RETENTION_SENTENCES) == set(Retention)


def test_rights_name_articles_15_to_21_and_the_berlin_authority():
    with translation.override("en"):
        text = " ".join(rights_text())

    for article in ("15", "16", "17", "18", "19", "20", "21", "77"):
        assert f"Art. {article} GDPR" in text
    assert "Berliner Beauftragte für Datenschutz und Informationsfreiheit" in text
    assert all(isinstance(paragraph, str) for paragraph in rights_text())
