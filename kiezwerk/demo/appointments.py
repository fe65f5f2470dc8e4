"""Demo consultation hours and a few pending appointment requests.

Every advisor holds two weekly phone hours in each neighbourhood of their team, and the
Boxhagener Platz team one in person. The requests wait in the advisors' calendars at the next
free times from today on (the demo is set in 2002–2007, but residents book the future), plus
call-back wishes. Idempotent: hours are found by (neighbourhood, weekday, time), requests by
(agency, name); requests come only once.
"""

import datetime as dt

from django.utils import timezone

from kiezwerk.accounts.enums import Role
from kiezwerk.agencies.models import Agency, TeamAssignment
from kiezwerk.appointments.enums import Mode
from kiezwerk.appointments.models import AppointmentRequest, ConsultationSlot
from kiezwerk.appointments.queries import free_openings
from kiezwerk.demo.common import log_created

VALID_FROM = dt.date(2003, 1, 6)
# (weekday, time, mode) per neighbourhood, spread so that teams of two areas do not collide.
HOURS = [(1, dt.time(10, 0), Mode.PHONE), (3, dt.time(14, 30), Mode.PHONE)]
IN_PERSON = {"boxhagener-platz": (2, dt.time(16, 0), Mode.IN_PERSON)}
# (agency, name, neighbourhood slug, phone, e-mail, description); None: a call-back wish.
REQUESTS = [
    (
        "best",
        "Miriam Roth",
        "boxhagener-platz",
        "030 2934 1177",
        "miriam.roth@example.org",
        "Wir sind drei Mütter und möchten eine Kinderbetreuung am Nachmittag gründen.",
        True,
    ),
    (
        "best",
        "Hakan Yıldız",
        "helmholtzplatz",
        "0176 5512 8890",
        "",
        "Ich repariere Fahrräder und möchte daraus eine Werkstatt mit Jugendlichen machen.",
        True,
    ),
    (
        "best",
        "Elke Baumann",
        "falkplatz",
        "",
        "elke.baumann@example.org",
        "Unser Mieterverein sucht einen Weg, einen Mittagstisch für Ältere zu betreiben.",
        False,
    ),
    (
        "best-pankow",
        "Sven Kruse",
        "bezirk-pankow",
        "030 4471 2036",
        "sven.kruse@example.org",
        "Wir planen einen Hofladen mit Lieferdienst und wüssten gern, ob das "
        "ein Soziales Unternehmen sein kann.",
        True,
    ),
]


def load_appointments(agencies: dict[str, Agency]) -> bool:
    created = False
    for agency in agencies.values():
        created |= _hours(agency)
    created |= _requests(agencies)
    return created


def _hours(agency: Agency) -> bool:
    assignments = TeamAssignment.objects.filter(
        agency=agency,
        membership__role=Role.ADVISOR,
        membership__archived_at__isnull=True,
        neighbourhood__archived_at__isnull=True,
    ).select_related("membership", "neighbourhood")
    new = []
    for number, assignment in enumerate(assignments):
        neighbourhood = assignment.neighbourhood
        hours = [
            *HOURS,
            *([IN_PERSON[neighbourhood.slug]] if neighbourhood.slug in IN_PERSON else []),
        ]
        for weekday, start, mode in hours:
            slot, made = ConsultationSlot.objects.get_or_create(
                agency=agency,
                neighbourhood=neighbourhood,
                weekday=weekday,
                start_time=_later(start, number),
                defaults={
                    "advisor": assignment.membership.user,
                    "mode": mode,
                    "duration_minutes": 30,
                    "valid_from": VALID_FROM,
                },
            )
            if made:
                new.append(slot)
    log_created(new)
    return bool(new)


def _later(start: dt.time, steps: int) -> dt.time:
    """Each further team area of an advisor an hour later, so that their hours never overlap."""
    return dt.time((start.hour + steps) % 24, start.minute)


def _requests(agencies: dict[str, Agency]) -> bool:
    new = []
    for slug, name, area, phone, email, description, booked in REQUESTS:
        agency = agencies[slug]
        if AppointmentRequest.objects.filter(agency=agency, name=name).exists():
            continue
        neighbourhood = agency.neighbourhoods.get(slug=area)
        opening = _first_free(agency, neighbourhood) if booked else None
        new.append(
            AppointmentRequest.objects.create(
                agency=agency,
                neighbourhood=neighbourhood,
                slot=opening.slot if opening else None,
                starts_at=opening.starts_at if opening else None,
                callback_note="" if opening else "vormittags",
                name=name,
                phone=phone,
                email=email,
                description=description,
                consent_at=timezone.now(),
            )
        )
    log_created(new)
    return bool(new)


def _first_free(agency: Agency, neighbourhood):
    openings = [o for o in free_openings(agency) if o.slot.neighbourhood_id == neighbourhood.pk]
    return openings[0] if openings else None
