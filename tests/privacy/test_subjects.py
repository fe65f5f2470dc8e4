"""Finding a person's records (privacy.subjects): by e-mail exactly, by part of the name,
within the agency only, without anonymised records; and loading confirmed refs back, never
another agency's record."""

import pytest
from django.utils import timezone

from kiezwerk.privacy import subjects
from tests.conftest import count_queries
from tests.factories import ContactPersonFactory
from tests.privacy.requests_world import EMAIL, lena, namesake_elsewhere

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(agency, neighbourhoods, founder, initiative):
    return lena(agency, neighbourhoods, founder, initiative)


def refs(matches) -> set[str]:
    return {match.ref for match in matches}


def test_find_by_email_finds_every_kind_of_record_case_insensitively(agency, founder, records):
    found = subjects.find(agency, email=EMAIL.title())

    assert refs(found) == {
        f"accounts.User:{founder.pk}",
        f"initiatives.ContactPerson:{records['contact'].pk}",
        f"forums.Attendee:{records['attendee'].pk}",
        f"appointments.AppointmentRequest:{records['appointment'].pk}",
    }


def test_find_by_part_of_the_name(agency, founder, records):
    found = subjects.find(agency, name="schubert")

    assert refs(found) == {
        f"accounts.User:{founder.pk}",
        f"initiatives.ContactPerson:{records['contact'].pk}",
        f"forums.Attendee:{records['attendee'].pk}",
        f"appointments.AppointmentRequest:{records['appointment'].pk}",
    }


def test_find_email_is_exact_not_a_part(agency, records):
    assert subjects.find(agency, email="gruenderin@kiez") == []


def test_find_needs_three_letters_of_a_name(agency, records):
    assert subjects.find(agency, name="Le") == []
    assert subjects.find(agency, name="  ") == []


def test_find_never_finds_another_agencys_records(agency, other_agency, outsider, records):
    elsewhere = namesake_elsewhere(other_agency)

    found = subjects.find(agency, name="Lena Schubert", email=EMAIL)

    assert f"initiatives.ContactPerson:{elsewhere.pk}" not in refs(found)
    assert subjects.find(other_agency, email=EMAIL)[0].ref == (
        f"initiatives.ContactPerson:{elsewhere.pk}"
    )
    assert subjects.find(agency, email=outsider.email) == []


def test_find_leaves_anonymised_records_out(agency, records):
    contact = records["contact"]
    contact.anonymised_at = timezone.now()
    contact.save()

    assert f"initiatives.ContactPerson:{contact.pk}" not in refs(subjects.find(agency, email=EMAIL))


def test_find_describes_the_record_with_its_context_and_page(agency, records, initiative):
    found = {match.ref: match for match in subjects.find(agency, email=EMAIL)}

    contact = found[f"initiatives.ContactPerson:{records['contact'].pk}"]
    assert (contact.name, contact.context) == ("Lena Schubert", initiative.name)
    assert contact.url == f"/backoffice/kiez/initiatives/{initiative.pk}/"
    attendee = found[f"forums.Attendee:{records['attendee'].pk}"]
    assert attendee.context.startswith("Kiezforum Boxhagen")


def test_find_runs_one_query_per_model_whatever_it_finds(agency, initiative, records):
    few = count_queries(lambda: subjects.find(agency, name="Lena", email=EMAIL))
    ContactPersonFactory.create_batch(5, initiative=initiative, name="Lena Neu")

    many = count_queries(lambda: subjects.find(agency, name="Lena", email=EMAIL))

    assert few == many


def test_load_keeps_the_agencys_records_in_order(agency, founder, records):
    wanted = [
        f"forums.Attendee:{records['attendee'].pk}",
        f"accounts.User:{founder.pk}",
        f"initiatives.ContactPerson:{records['contact'].pk}",
    ]

    assert [subjects.ref_of(record) for record in subjects.load(agency, wanted)] == wanted


def test_load_drops_other_agencies_records_and_anything_unknown(
    agency, other_agency, outsider, records
):
    elsewhere = namesake_elsewhere(other_agency)
    wanted = [
        f"initiatives.ContactPerson:{elsewhere.pk}",
        f"accounts.User:{outsider.pk}",
        "initiatives.ContactPerson:999999",
        "agencies.Agency:1",
        "initiatives.Initiative:1",
        "nonsense",
        f"initiatives.ContactPerson:{records['contact'].pk}",
    ]

    loaded = subjects.load(agency, wanted)

    assert [subjects.ref_of(record) for record in loaded] == [
        f"initiatives.ContactPerson:{records['contact'].pk}"
    ]


def test_find_a_job_holder_by_the_exact_code(agency, manager, initiative):
    from tests.jobs.positions import holder, position

    found = position(initiative, manager, start="2026-01-01", holder=holder("K-0815")).holder

    assert refs(subjects.find(agency, name="k-0815")) == {f"jobs.Holder:{found.pk}"}
    assert subjects.find(agency, name="0815") == []
