"""Records with consents for the consents tests and the permission matrix."""

from kiezwerk.core.consent import record_consent
from kiezwerk.core.models import Consent
from kiezwerk.initiatives.consents import CONTACT


def contact_with_consent(initiative, *, user=None, name="Jana Kurz", **fields):
    """A contact person of `initiative` with phone, e-mail and the consent recorded."""
    from tests.factories import ContactPersonFactory

    contact = ContactPersonFactory(
        initiative=initiative,
        user=user,
        name=name,
        phone="030 111 22 33",
        email=f"{name.split()[0].lower()}@kontakt.test",
        **fields,
    )
    contact.consent_given_at = contact.created_at
    contact.save(update_fields=["consent_given_at"])
    consent = record_consent(contact, CONTACT, channel=Consent.Channel.IN_PERSON)
    return contact, consent
