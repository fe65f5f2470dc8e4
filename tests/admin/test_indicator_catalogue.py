"""The indicator catalogue is reference data in the admin: German, every change logged, the
query chosen from the registry, archived instead of deleted."""

import pytest
from django.urls import reverse

from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.funding.indicators import QUERIES
from kiezwerk.funding.models import Indicator
from tests.conftest import client_for
from tests.factories import UserFactory


@pytest.fixture
def operator(db):
    return UserFactory(is_staff=True, is_superuser=True, email="admin@kiez.test")


def _indicator(**fields) -> dict:
    return {
        "code": "OWN-99",
        "name": "Beratene Personen",
        "definition": "Zahl der Personen, die im Berichtszeitraum beraten wurden.",
        "unit": "Personen",
        "standard": "own",
        "level": "2_reach",
        "query": "initiatives_supported",
        **fields,
    }


def test_catalogue_is_listed_in_german(operator):
    page = client_for(operator).get(reverse("admin:funding_indicator_changelist"))

    content = page.content.decode()
    assert page.status_code == 200
    assert "Indikatoren" in content
    assert "Durchgeführte Beratungen" in content
    assert "eigener Indikator" in content


def test_query_is_chosen_from_the_registry(operator):
    page = client_for(operator).get(reverse("admin:funding_indicator_add"))

    content = page.content.decode()
    assert all(f'value="{key}"' in content for key in QUERIES)


def test_adding_an_indicator_is_logged(operator):
    response = client_for(operator).post(reverse("admin:funding_indicator_add"), _indicator())

    assert response.status_code == 302
    indicator = Indicator.objects.get(code="OWN-99")
    entry = ActivityLogEntry.objects.for_object(indicator).get()
    assert (entry.verb, entry.actor, entry.agency_id) == ("created", operator, None)


def test_a_query_outside_the_registry_is_refused(operator):
    url = reverse("admin:funding_indicator_add")

    response = client_for(operator).post(url, _indicator(query="happiness"))

    assert response.status_code == 200
    assert "happiness ist keine gültige Auswahl" in response.content.decode()
    assert not Indicator.objects.filter(code="OWN-99").exists()
    assert not ActivityLogEntry.objects.exists()


def test_an_indicator_cannot_be_deleted(operator):
    indicator = Indicator.objects.get(code="OWN-01")
    url = reverse("admin:funding_indicator_delete", args=[indicator.pk])

    response = client_for(operator).post(url, {"post": "yes"})

    assert response.status_code == 403
    assert Indicator.objects.filter(pk=indicator.pk).exists()


def test_archiving_an_indicator_is_logged(operator):
    indicator = Indicator.objects.get(code="OWN-01")

    client_for(operator).post(
        reverse("admin:funding_indicator_changelist"),
        {"action": "archive_selected", "_selected_action": [indicator.pk]},
    )

    indicator.refresh_from_db()
    assert indicator.is_archived
    assert ActivityLogEntry.objects.for_object(indicator).get().verb == "archived"
