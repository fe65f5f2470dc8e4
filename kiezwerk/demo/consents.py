"""The consents of the demo world: every record that was stored with a consent gets its
consent record (`core.Consent`), as the forms record them today. Contact persons agreed in
person at the first talk, named forum attendees on the sign-in sheet (paper), listed team
members as their listing note tells, the public forms online. Records that have one already
are left alone, so loading again adds nothing."""

from django.contrib.contenttypes.models import ContentType

from kiezwerk.agencies.models import Membership
from kiezwerk.appointments.consents import REQUEST
from kiezwerk.appointments.models import AppointmentRequest
from kiezwerk.core.consent import purpose
from kiezwerk.core.models import Consent
from kiezwerk.forums.consents import NAMED
from kiezwerk.forums.models import Attendee
from kiezwerk.initiatives.consents import CONTACT
from kiezwerk.initiatives.models import ContactPerson
from kiezwerk.needs.consents import DEMAND
from kiezwerk.needs.models import DemandRequest
from kiezwerk.portal.consents import FEEDBACK, LISTING
from kiezwerk.portal.models import AccessibilityFeedback

Channel = Consent.Channel


def _online(record) -> dict:
    return {"given_at": record.consent_at, "channel": Channel.ONLINE}


def _listing(membership: Membership) -> dict:
    by_mail = "mail" in membership.listing_consent.casefold()
    return {
        "given_at": membership.updated_at,
        "channel": Channel.EMAIL if by_mail else Channel.PAPER,
    }


SOURCES = (
    (
        LISTING,
        Membership.objects.filter(listed_publicly=True),
        _listing,
    ),
    (
        CONTACT,
        ContactPerson.objects.filter(consent_given_at__isnull=False),
        lambda c: {
            "given_at": c.consent_given_at,
            "channel": Channel.IN_PERSON,
            "recorded_by_id": c.consent_recorded_by_id,
        },
    ),
    (
        NAMED,
        Attendee.objects.filter(consent_given=True).exclude(name=""),
        lambda a: {
            "given_at": a.created_at,
            "channel": Channel.PAPER,
            "recorded_by_id": a.recorded_by_id,
        },
    ),
    (REQUEST, AppointmentRequest.objects.all(), _online),
    (DEMAND, DemandRequest.objects.all(), _online),
    (FEEDBACK, AccessibilityFeedback.objects.all(), _online),
)


def load_consents() -> bool:
    """Consent records for the demo's records that lack one; True when any was created."""
    created = 0
    for key, records, fields in SOURCES:
        content_type = ContentType.objects.get_for_model(records.model)
        done = set(
            Consent.objects.filter(content_type=content_type, purpose=key).values_list(
                "object_id", flat=True
            )
        )
        version = purpose(key).text_version
        new = [
            Consent(
                agency_id=record.agency_id,
                content_type=content_type,
                object_id=str(record.pk),
                purpose=key,
                text_version=version,
                **fields(record),
            )
            for record in records.all().order_by("pk")
            if str(record.pk) not in done
        ]
        created += len(Consent.objects.bulk_create(new, batch_size=1000))
    return created > 0
