"""Consent records for the consents the apps stored before `core.Consent` existed: a listed
team member, a contact person's consent time, a named forum attendee and the consent box of
the three public forms. Text version "2026-01" (the wording in use); channel "online" for the
public forms, else as the listing note tells (e-mail, phone) or "paper". Running it again adds
nothing."""

from django.db import migrations

VERSION = "2026-01"
CHUNK = 1000


def _channel(note: str) -> str:
    note = note.casefold()
    if "mail" in note:
        return "email"
    if "phone" in note or "telefon" in note:
        return "phone"
    if "person" in note or "persönlich" in note:
        return "in_person"
    return "paper"


def _sources(apps):
    """(model, purpose, records, how a record becomes the consent's fields)."""
    Membership = apps.get_model("agencies", "Membership")
    ContactPerson = apps.get_model("initiatives", "ContactPerson")
    Attendee = apps.get_model("forums", "Attendee")
    AppointmentRequest = apps.get_model("appointments", "AppointmentRequest")
    DemandRequest = apps.get_model("needs", "DemandRequest")
    Feedback = apps.get_model("portal", "AccessibilityFeedback")

    def online(record):
        return {"given_at": record.consent_at, "channel": "online", "recorded_by_id": None}

    return [
        (
            Membership,
            "portal.team_listing",
            Membership.objects.filter(listed_publicly=True),
            lambda m: {
                "given_at": m.updated_at,
                "channel": _channel(m.listing_consent),
                "recorded_by_id": None,
            },
        ),
        (
            ContactPerson,
            "initiatives.contact_details",
            ContactPerson.objects.filter(consent_given_at__isnull=False),
            lambda c: {
                "given_at": c.consent_given_at,
                "channel": "paper",
                "recorded_by_id": c.consent_recorded_by_id,
            },
        ),
        (
            Attendee,
            "forums.named_attendee",
            Attendee.objects.filter(consent_given=True).exclude(name=""),
            lambda a: {
                "given_at": a.created_at,
                "channel": "paper",
                "recorded_by_id": a.recorded_by_id,
            },
        ),
        (AppointmentRequest, "appointments.request", AppointmentRequest.objects.all(), online),
        (DemandRequest, "needs.demand_request", DemandRequest.objects.all(), online),
        (Feedback, "portal.accessibility_feedback", Feedback.objects.all(), online),
    ]


def backfill(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Consent = apps.get_model("core", "Consent")
    for model, purpose, records, fields in _sources(apps):
        content_type, _created = ContentType.objects.get_or_create(
            app_label=model._meta.app_label, model=model._meta.model_name
        )
        done = set(
            Consent.objects.filter(content_type=content_type, purpose=purpose).values_list(
                "object_id", flat=True
            )
        )
        new = [
            Consent(
                agency_id=record.agency_id,
                content_type=content_type,
                object_id=str(record.pk),
                purpose=purpose,
                text_version=VERSION,
                **fields(record),
            )
            for record in records.order_by("pk").iterator(chunk_size=CHUNK)
            if str(record.pk) not in done
        ]
        Consent.objects.bulk_create(new, batch_size=CHUNK)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0003_consent"),
        ("privacy", "0001_data_subject_requests"),
        ("agencies", "0002_membership_public_listing"),
        ("initiatives", "0006_restricted_and_anonymised"),
        ("forums", "0002_restricted_and_anonymised"),
        ("appointments", "0002_restricted_and_anonymised"),
        ("needs", "0004_restricted_and_anonymised"),
        ("portal", "0002_restricted_and_anonymised"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
