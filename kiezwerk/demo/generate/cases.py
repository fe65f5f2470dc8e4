"""Initiatives of one agency: their life planned first (stages with dates, consultations),
then written: the initiatives, their stage history and their consultations.

Most stall early (inquiry, orientation, given up), about a third become enterprises; the
stage history walks the pipeline step by step and ends in the current stage. Pauses that
were resumed fill the history up to the requested number of stage changes.
"""

import datetime as dt
import random
from dataclasses import dataclass, field

from kiezwerk.core.bulk import Writer
from kiezwerk.demo.generate.rows import allocate, stamp

START, END = dt.date(2010, 1, 1), dt.date(2024, 12, 31)
PIPELINE = ("inquiry", "orientation", "concept", "founding", "startup", "consolidation")
PIPELINE += ("self_sustaining",)
OUTCOMES = {  # current stage: share of initiatives
    "inquiry": 14,
    "orientation": 13,
    "concept": 8,
    "given_up": 24,
    "paused": 5,
    "founding": 5,
    "startup": 9,
    "consolidation": 11,
    "self_sustaining": 11,
}
STEP_DAYS = (  # days from each pipeline stage to the next
    (20, 120),
    (60, 240),
    (90, 360),
    (120, 300),
    (360, 900),
    (540, 1_260),
)
EARLY_TOPICS = ("idea", "concept", "business_plan", "legal_form", "financing_mix")
LATER_TOPICS = ("financing_mix", "public_contracts", "marketing", "staff", "volunteers")
LATER_TOPICS += ("premises", "business_plan")
NAMES = (  # (template, index of the need category in agency.CATEGORIES)
    ("Stadtteilladen {s}", 0),
    ("Kinderladen {n}", 1),
    ("Senioren-Service {n}", 2),
    ("Reparaturcafé {s}", 3),
    ("Nachbarschaftswerkstatt {s}", 3),
    ("Lernwerkstatt {n}", 4),
    ("Hausaufgabenhilfe {s}", 4),
    ("Kulturladen {s}", 5),
    ("Kiezküche {n}", 6),
    ("Mittagstisch {s}", 6),
    ("Fahrradwerkstatt {s}", 7),
    ("Kiezgarten {s}", 8),
    ("Hausmeisterdienst {n} & Partner", 9),
)
FORMS = ("ev", "ggmbh", "eg", "gmbh", "ug")


@dataclass(slots=True)
class Case:
    """The planned life of one initiative."""

    hood: int
    name: str
    category: int
    stage: str
    changes: list[tuple[str, str, dt.date]]
    end: dt.date
    founded_on: dt.date | None
    grows: bool
    dependent: bool = False
    listed: bool = False
    consultations: int = 0
    pk: int = 0
    lines: list = field(default_factory=list)

    @property
    def start(self) -> dt.date:
        return self.changes[0][2]


def plan(rng: random.Random, count: int, hoods: int, pools, changes: int, talks: int) -> list:
    """`count` cases over `hoods` neighbourhoods with `changes` stage changes (±1) and
    `talks` consultations in all."""
    busy = [0.3 + rng.random() for _ in range(hoods)]
    cases = [_case(rng, rng.choices(range(hoods), busy)[0], pools) for _ in range(count)]
    _fill_with_pauses(rng, cases, changes - sum(len(case.changes) for case in cases))
    weights = [
        max(1, (case.end - case.start).days / 30) + (6 if case.founded_on else 0) for case in cases
    ]
    for case, number in zip(cases, allocate(talks, weights), strict=True):
        case.consultations = number
    return cases


def _case(rng: random.Random, hood: int, pools) -> Case:
    stage = rng.choices(list(OUTCOMES), list(OUTCOMES.values()))[0]
    path = _path(rng, stage)
    steps = [rng.randint(*STEP_DAYS[n]) for n in range(len(path) - 1)]
    if stage in ("given_up", "paused"):
        steps[-1] = rng.randint(30, 240)
    total = sum(steps)
    room = (END - START).days - 1
    if total > room:
        steps = [max(1, step * room // total) for step in steps]
        total = sum(steps)
    if stage in ("inquiry", "orientation", "concept") and rng.random() < 0.7:
        last = END - dt.timedelta(days=rng.randint(0, min(900, room - total)))
        begin = last - dt.timedelta(days=total)
    else:
        begin = START + dt.timedelta(days=rng.randint(0, room - total))
    days = [begin]
    for step in steps:
        days.append(days[-1] + dt.timedelta(days=step))
    changes = [("", path[0], days[0])]
    changes += [(path[n - 1], path[n], days[n]) for n in range(1, len(path))]
    founded = next((day for _, to, day in changes if to == "founding"), None)
    end = END if founded else days[-1]
    if stage in ("inquiry", "orientation", "concept"):
        end = min(END, days[-1] + dt.timedelta(days=rng.randint(0, 150)))
    template, category = rng.choice(NAMES)
    name = template.format(s=rng.choice(pools.streets), n=rng.choice(pools.surnames))
    grows = founded is not None and rng.random() < 0.35
    return Case(hood, name, category, stage, changes, end, founded, grows)


def _path(rng: random.Random, stage: str) -> list[str]:
    if stage == "given_up":
        last = rng.choices(range(3), (4, 4, 2))[0]
        return [*PIPELINE[: last + 1], stage]
    if stage == "paused":
        last = rng.choices(range(1, 5), (3, 3, 1, 1))[0]
        return [*PIPELINE[: last + 1], stage]
    return list(PIPELINE[: PIPELINE.index(stage) + 1])


def _fill_with_pauses(rng: random.Random, cases: list[Case], missing: int) -> None:
    """Add `missing // 2` pauses that were resumed (two changes each) inside the cases'
    histories, where at least a week lies between two changes."""
    pairs, tries = max(missing, 0) // 2, 0
    most = 50 * (pairs + 10)
    while pairs > 0 and cases and tries < most:
        tries += 1
        case = rng.choice(cases)
        spot = rng.randrange(len(case.changes))
        stage, since = case.changes[spot][1], case.changes[spot][2]
        if stage in ("paused", "given_up"):
            continue
        until = case.changes[spot + 1][2] if spot + 1 < len(case.changes) else case.end
        gap = (until - since).days
        if gap < 7:
            continue
        paused = since + dt.timedelta(days=gap // 3)
        resumed = since + dt.timedelta(days=2 * gap // 3)
        case.changes[spot + 1 : spot + 1] = [(stage, "paused", paused), ("paused", stage, resumed)]
        pairs -= 1


def write_initiatives(found, cases: list[Case], pools, rng: random.Random) -> None:
    """Bulk-create the initiatives (public profile for about a tenth of the enterprises);
    sets each case's pk."""
    from kiezwerk.initiatives.models import Initiative

    objects = [_initiative(found, case, pools, rng) for case in cases]
    created = Initiative.objects.bulk_create(objects, batch_size=2_000)
    for case, made in zip(cases, created, strict=True):
        case.pk = made.pk


def _initiative(found, case: Case, pools, rng: random.Random):
    from kiezwerk.initiatives.models import Initiative

    last = case.changes[-1][2]
    made = Initiative(
        agency=found.agency,
        neighbourhood_id=found.hoods[case.hood].pk,
        name=case.name,
        idea=f"Eine Idee für den Kiez: {case.name}.",
        advisor_id=found.advisors[case.hood],
        stage=case.stage,
        stage_changed_at=_moment(last),
        stage_version=len(case.changes) - 1,
        last_contact_on=case.end if case.consultations else None,
        created_at=_moment(case.start),
        business_lines="\n".join(line.name for line in case.lines),
    )
    if case.founded_on:
        made.legal_form = rng.choice(FORMS)
        made.founded_on = case.founded_on
    if case.founded_on and case.stage != "paused" and rng.random() < 0.1:
        street = rng.choice(pools.streets)
        made.is_public = case.listed = True
        made.directory_category_id = pools.categories[case.category]
        made.public_description = f"{case.name}: ein Soziales Unternehmen für die Nachbarschaft."
        made.opening_hours = "Mo–Fr 10–18 Uhr"
        made.public_address = f"{street} {rng.randint(1, 90)}, {found.agency.city}"
        made.public_phone = f"030 {rng.randint(1_000_000, 9_999_999)}"
    return made


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 9, tzinfo=dt.UTC)


def write_history(found, cases: list[Case], rng: random.Random) -> tuple[int, int]:
    """Stage changes and consultations of every case; returns their counts."""
    from kiezwerk.initiatives.models import Consultation, StageChange

    changes = Writer(StageChange, _CHANGE_FIELDS)
    talks = Writer(Consultation, _TALK_FIELDS)
    agency = found.agency.pk
    for case in cases:
        advisor = found.advisors[case.hood]
        for before, after, day in case.changes:
            note = "Die Gruppe hat sich aufgelöst." if after == "given_up" else ""
            note = "Pause auf Wunsch der Gruppe." if after == "paused" else note
            changes.add((agency, case.pk, before, after, stamp(day), advisor, note))
        for day in _talk_days(rng, case):
            early = case.founded_on is None or day < case.founded_on
            topic = rng.choice(EARLY_TOPICS if early else LATER_TOPICS)
            minutes = rng.choice((30, 45, 60, 60, 90, 120))
            talks.add(
                (
                    agency,
                    case.pk,
                    advisor,
                    day.isoformat(),
                    minutes,
                    topic,
                    "",
                    None,
                    stamp(day),
                    stamp(day),
                )
            )
    changes.flush()
    talks.flush()
    return changes.count, talks.count


_CHANGE_FIELDS = ("agency", "initiative", "from_stage", "to_stage", "changed_at", "changed_by")
_CHANGE_FIELDS += ("note",)
_TALK_FIELDS = ("agency", "initiative", "advisor", "held_on", "duration_minutes", "topic")
_TALK_FIELDS += ("notes", "follow_up_on", "created_at", "updated_at")


def _talk_days(rng: random.Random, case: Case) -> list[dt.date]:
    """The days of the case's consultations: the last on its last contact, the others spread
    over its life."""
    if not case.consultations:
        return []
    span = max((case.end - case.start).days, 0)
    days = [
        case.start + dt.timedelta(days=rng.randint(0, span)) for _ in range(case.consultations - 1)
    ]
    return [*days, case.end]
