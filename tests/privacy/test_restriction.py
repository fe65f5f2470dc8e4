"""Restriction of processing (Art. 18 GDPR): restricting and lifting a person's records, each
logged once, through the service and the request's pages."""

import pytest
from django.urls import reverse

from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.initiatives.models import ContactPerson
from kiezwerk.privacy import erasure
from tests.conftest import client_for
from tests.factories import ContactPersonFactory
from tests.privacy.erasure_world import erasure_request


@pytest.fixture
def contact(initiative):
    return ContactPersonFactory(initiative=initiative, name="Lena Schubert")


def verbs() -> list[str]:
    return list(ActivityLogEntry.objects.order_by("pk").values_list("verb", flat=True))


def test_restrict_marks_records_and_logs_each_once(manager, contact, founder):
    first = erasure.restrict([contact, founder], by=manager)
    again = erasure.restrict([contact, founder], by=manager)

    contact.refresh_from_db()
    founder.refresh_from_db()
    assert (first, again) == (2, 0)
    assert contact.is_restricted and founder.is_restricted
    assert verbs().count("privacy.restricted") == 2


def test_lift_clears_the_restriction_and_logs_it(manager, contact):
    erasure.restrict([contact], by=manager)

    lifted = erasure.lift([contact], by=manager)

    contact.refresh_from_db()
    assert (lifted, contact.restricted_at) == (1, None)
    [entry] = ActivityLogEntry.objects.filter(verb="privacy.restriction_lifted")
    assert (entry.target, entry.actor) == (contact, manager)


def test_restriction_pages_act_on_the_requests_records(agency, manager, contact):
    request = erasure_request(agency, manager, contact)
    kwargs = {"slug": "kiez", "pk": request.pk}
    client = client_for(manager)

    restricted = client.post(reverse("erasure:restrict", kwargs=kwargs))
    state = ContactPerson.objects.get(pk=contact.pk).restricted_at
    lifted = client.post(reverse("erasure:lift", kwargs=kwargs))

    assert restricted.status_code == lifted.status_code == 302
    assert restricted["Location"] == reverse("erasure:preview", kwargs=kwargs)
    assert state is not None
    assert ContactPerson.objects.get(pk=contact.pk).restricted_at is None
    entry = ActivityLogEntry.objects.get(verb="privacy.restricted")
    assert entry.data == {"request": request.pk}


def test_records_of_another_agency_are_never_restricted(agency, other_agency, manager):
    elsewhere = ContactPersonFactory(initiative__agency=other_agency, name="Lena Schubert")
    request = erasure_request(agency, manager, elsewhere)

    client_for(manager).post(reverse("erasure:restrict", kwargs={"slug": "kiez", "pk": request.pk}))

    assert ContactPerson.objects.get(pk=elsewhere.pk).restricted_at is None


def test_outsider_cannot_restrict(agency, manager, outsider, contact):
    request = erasure_request(agency, manager, contact)

    response = client_for(outsider).post(
        reverse("erasure:restrict", kwargs={"slug": "kiez", "pk": request.pk})
    )

    assert response.status_code == 404
    assert ContactPerson.objects.get(pk=contact.pk).restricted_at is None
