"""The demo world has a consent record for every record that was stored with a consent."""

from django.contrib.contenttypes.models import ContentType

from kiezwerk.core.consent import purposes
from kiezwerk.core.models import Consent
from kiezwerk.demo.consents import load_consents
from kiezwerk.demo.world import load_world
from kiezwerk.initiatives.models import ContactPerson


def test_demo_world_records_every_consent_once(db):
    load_world()

    by_purpose = {key: Consent.objects.filter(purpose=key).count() for key in purposes()}
    contacts = ContactPerson.objects.filter(consent_given_at__isnull=False).count()
    assert by_purpose["initiatives.contact_details"] == contacts
    assert all(by_purpose.values()), by_purpose
    assert (
        Consent.objects.filter(agency__isnull=True)
        .exclude(content_type=ContentType.objects.get(app_label="needs", model="demandrequest"))
        .count()
        == 0
    )
    assert load_consents() is False
