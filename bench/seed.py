"""Bulk-create benchmark initiatives in one agency, with a history like the demo's.

Each has one or two contact persons, its stage changes from the first inquiry on, and one
consultation. Rows are marked by their idea text, so a second run only tops up to the size.
"""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from kiezwerk.accounts.enums import Role
from kiezwerk.agencies.models import Agency, TeamAssignment
from kiezwerk.initiatives.enums import PIPELINE_STAGES, Stage, Topic
from kiezwerk.initiatives.models import Consultation, ContactPerson, Initiative, StageChange

MARK = "Benchmark-Datensatz: eine Gründungsinitiative wie viele im Kiez."
BATCH = 1000
# Share of the initiatives in each stage (per cent).
STAGE_SHARES = {
    Stage.INQUIRY: 15,
    Stage.ORIENTATION: 15,
    Stage.CONCEPT: 15,
    Stage.FOUNDING: 10,
    Stage.STARTUP: 15,
    Stage.CONSOLIDATION: 12,
    Stage.SELF_SUSTAINING: 8,
    Stage.PAUSED: 5,
    Stage.GIVEN_UP: 5,
}
KINDS = (
    "Nachbarschaftscafé",
    "Reparaturwerkstatt",
    "Kinderbetreuung",
    "Seniorenbegleitdienst",
    "Stadtteilzeitung",
    "Fahrradwerkstatt",
    "Mittagstisch",
    "Hausaufgabenhilfe",
    "Nähatelier",
    "Kiezladen",
    "Umzugshilfe",
    "Mieterberatung",
)
STREETS = (
    "Gärtnerstraße",
    "Simon-Dach-Straße",
    "Wühlischstraße",
    "Krossener Straße",
    "Lychener Straße",
    "Dunckerstraße",
    "Stargarder Straße",
    "Gleimstraße",
    "Kopenhagener Straße",
    "Schwedter Straße",
)
SIDE = (Stage.PAUSED, Stage.GIVEN_UP)
REASON = "Die Gruppe macht vorerst nicht weiter."
NAMES = ("Anja Becker", "Cem Kaya", "Mai Nguyen", "Jan Lehmann", "Olga Kowalski", "Uwe Pohl")


@transaction.atomic
def seed(agency_slug: str, size: int) -> int:
    """Top the agency up to `size` benchmark initiatives; returns how many were created."""
    agency = Agency.objects.get(slug=agency_slug)
    existing = Initiative.objects.filter(agency=agency, idea=MARK).count()
    rng = random.Random(f"bench:{existing}")
    advisors = _advisors(agency)
    hoods = list(agency.neighbourhoods.order_by("slug"))
    initiatives, rows = [], []
    for number in range(existing + 1, size + 1):
        hood = hoods[number % len(hoods)]
        initiative, history = _initiative(rng, agency, hood, advisors.get(hood.pk), number)
        initiatives.append(initiative)
        rows += history
    Initiative.objects.bulk_create(initiatives, batch_size=BATCH)
    for model in (StageChange, Consultation, ContactPerson):
        model.objects.bulk_create([r for r in rows if type(r) is model], batch_size=BATCH)
    return len(initiatives)


def _advisors(agency: Agency) -> dict:
    assignments = TeamAssignment.objects.filter(agency=agency, membership__role=Role.ADVISOR)
    return {
        a.neighbourhood_id: a.membership.user
        for a in assignments.select_related("membership__user")
    }


def _path(stage: str) -> list[str]:
    if stage in SIDE:
        return [Stage.INQUIRY, Stage.ORIENTATION, stage]
    return list(PIPELINE_STAGES[: PIPELINE_STAGES.index(stage) + 1])


def _initiative(rng: random.Random, agency, hood, advisor, number: int):
    stage = rng.choices(list(STAGE_SHARES), weights=list(STAGE_SHARES.values()))[0]
    path = _path(stage)
    day = dt.date(2003, 1, 1) + dt.timedelta(days=rng.randint(0, 1400))
    moments = []
    for _ in path:
        moments.append(timezone.make_aware(dt.datetime.combine(day, dt.time(10))))
        day += dt.timedelta(days=rng.randint(30, 120))
    held_on = moments[-1].date() + dt.timedelta(days=rng.randint(0, 60))
    name = f"{rng.choice(KINDS)} {rng.choice(STREETS)} {number}"
    initiative = Initiative(
        agency=agency,
        neighbourhood=hood,
        name=name,
        idea=MARK,
        advisor=advisor,
        stage=stage,
        stage_changed_at=moments[-1],
        stage_version=len(path) - 1,
        last_contact_on=held_on,
        created_at=moments[0],
    )
    common = {"agency": agency, "initiative": initiative}
    history = [
        StageChange(
            **common,
            from_stage=path[i - 1] if i else "",
            to_stage=to_stage,
            changed_at=moments[i],
            note=REASON if to_stage in SIDE else "",
        )
        for i, to_stage in enumerate(path)
    ]
    history.append(
        Consultation(
            **common,
            advisor=advisor,
            held_on=held_on,
            duration_minutes=rng.choice((30, 45, 60, 90)),
            topic=rng.choice(Topic.values),
            notes="Gespräch zum Stand der Gründung.",
        )
    )
    history += [
        ContactPerson(**common, name=person, consent_given_at=moments[0], role="Ansprechperson")
        for person in rng.sample(NAMES, rng.randint(1, 2))
    ]
    return initiative, history
