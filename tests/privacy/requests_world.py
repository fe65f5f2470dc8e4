"""A person with records in several places of the agency, for the request register and the
access export: the founder Lena Schubert (user account, contact person of an initiative with
consultations, attendee of a forum, an appointment request), another person of the same agency
(Olga Andere, with her own consultation) and a namesake of Lena in another agency."""

import datetime as dt

from django.utils import timezone

from kiezwerk.privacy.models import DataSubjectRequest
from tests.appointments.world import appointment_request
from tests.factories import (
    AttendeeFactory,
    ConsultationFactory,
    ContactPersonFactory,
    ForumFactory,
    InitiativeFactory,
)

NAME = "Lena Schubert"
EMAIL = "gruenderin@kiez.test"
NOTE = "Businessplan besprochen: Mietvertrag fehlt noch"
OTHER_NOTE = "Olgas Schulden beim Finanzamt"


def lena(agency, neighbourhoods, founder, initiative) -> dict:
    """Lena's records in the agency (the `founder` persona is her account)."""
    contact = ContactPersonFactory(
        initiative=initiative, user=founder, name=NAME, email=EMAIL.upper(), phone="030 111"
    )
    ConsultationFactory(
        initiative=initiative, advisor=None, notes=NOTE, held_on=dt.date(2026, 1, 5)
    )
    forum = ForumFactory(agency=agency, neighbourhood=neighbourhoods[0], title="Kiezforum Boxhagen")
    attendee = AttendeeFactory(
        forum=forum,
        group="residents",
        partner=None,
        name="Lena Schubert-Maier",
        email=EMAIL,
        consent_given=True,
    )
    appointment = appointment_request(agency, neighbourhoods[0], name="L. Schubert", email=EMAIL)
    return {"contact": contact, "attendee": attendee, "appointment": appointment}


def olga(agency, neighbourhoods):
    """Another person of the agency, with a consultation of her own initiative."""
    other = InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[1], name="Reparaturcafé")
    contact = ContactPersonFactory(initiative=other, name="Olga Andere", email="olga@example.org")
    ConsultationFactory(initiative=other, notes=OTHER_NOTE)
    return contact


def namesake_elsewhere(other_agency):
    """Lena's namesake, with her address, in another agency: never found from `agency`."""
    other = InitiativeFactory(agency=other_agency, name="Anderswo e. V.")
    return ContactPersonFactory(initiative=other, name=NAME, email=EMAIL)


def access_request(agency, manager, **fields) -> DataSubjectRequest:
    values = {
        "kind": DataSubjectRequest.Kind.ACCESS,
        "subject_name": NAME,
        "subject_email": EMAIL,
        "received_on": timezone.localdate(),
        "created_by": manager,
    }
    return DataSubjectRequest.objects.create(agency=agency, **(values | fields))
