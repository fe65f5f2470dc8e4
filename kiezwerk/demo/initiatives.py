"""Demo initiatives: the founding initiatives and social enterprises of the seed's neighbourhoods.

Each initiative walks through its stages with a dated history (stage changes, consultations,
milestones, assessments) from December 2002 on. People are fictional. Each initiative draws its
history from a random generator seeded with its agency and name, so every load builds the same
world; an initiative is created only when its (agency, name) is missing. History rows are
written directly with their historical dates; the activity log gets one entry per initiative.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from kiezwerk.accounts.enums import Role
from kiezwerk.accounts.models import User
from kiezwerk.agencies.models import Agency, Neighbourhood, TeamAssignment
from kiezwerk.core.activity import log_action
from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.demo.common import at as _at
from kiezwerk.demo.common import rng as _rng
from kiezwerk.demo.initiatives_data import (
    ASCII,
    CONTACT_ROLES,
    EMES_BY_STAGE,
    EVIDENCE,
    FALK,
    FIRST_NAMES,
    FOUNDER_EMAIL,
    FOUNDER_INITIATIVE,
    GROWTH,
    HANDED_OVER,
    HELM,
    IDEAS,
    LAST_NAMES,
    MILESTONES,
    NOTES,
    PUBLIC,
    REGISTERS,
    SIDE,
    SPECS,
    STAGE_TOPICS,
    TAKEN_OVER,
    TAKEN_OVER_NOTE,
    TWO_PROFILES,
    WINDOWS,
)
from kiezwerk.demo.needs import describe
from kiezwerk.demo.needs import history as need_history
from kiezwerk.demo.needs_data import CATEGORIES, NEEDS, OPEN_NEEDS
from kiezwerk.initiatives.enums import (
    EMES_INDICATORS,
    ENTERPRISE_STAGES,
    PIPELINE_STAGES,
    SIDE_STAGES,
    LegalForm,
    Rating,
    Stage,
)
from kiezwerk.initiatives.enums import Topic as T
from kiezwerk.initiatives.models import (
    Consultation,
    ConsultationNeed,
    ContactPerson,
    CriteriaAssessment,
    EmesProfile,
    Initiative,
    InitiativeNeed,
    Milestone,
    StageChange,
)
from kiezwerk.needs.enums import NeedStatus
from kiezwerk.needs.models import Need, NeedCategory
from kiezwerk.network.models import Partner


@dataclass
class _Context:
    agency: Agency
    hoods: dict[str, Neighbourhood]
    advisors: dict[str, User]
    partners: dict[str, Partner]
    founder: User | None
    founded: dict[str, dt.date]  # founding days by name, shared by both agencies
    raised_in: list = field(default_factory=list)  # (consultation, need) for new needs


@dataclass
class _Plan:
    """One initiative and its history, built in memory before anything is saved."""

    initiative: Initiative
    need_keys: list[str]
    days: list[dt.date]  # the day each stage of `path` began
    path: list[str]
    last_day: dt.date  # the last day of the agency's case work
    rows: list = field(default_factory=list)


def load_initiatives(agencies: dict[str, Agency]) -> bool:
    """Create the demo initiatives that are missing; True when any was created."""
    categories = {
        key: NeedCategory.objects.get_or_create(name=name)[0] for key, name in CATEGORIES.items()
    }
    founded: dict[str, dt.date] = {}
    created = False
    for slug, specs in SPECS.items():
        context = _context(agencies[slug], founded)
        plans = [_plan(context, *spec) for spec in specs]
        needs = _needs(context, plans, categories)
        existing = set(context.agency.initiatives.values_list("name", flat=True))
        missing = [plan for plan in plans if plan.initiative.name not in existing]
        _save(context, missing, needs)
        created = created or bool(missing)
    return created


def _context(agency: Agency, founded: dict[str, dt.date]) -> _Context:
    assignments = TeamAssignment.objects.filter(
        agency=agency, membership__role=Role.ADVISOR
    ).select_related("neighbourhood", "membership__user")
    return _Context(
        agency=agency,
        hoods={hood.slug: hood for hood in Neighbourhood.objects.filter(agency=agency)},
        advisors={a.neighbourhood.slug: a.membership.user for a in assignments},
        partners={partner.name: partner for partner in Partner.objects.filter(agency=agency)},
        founder=User.objects.filter(email=FOUNDER_EMAIL).first(),
        founded=founded,
    )


def _plan(context: _Context, hood: str, name: str, stage: str, legal_form: str, needs: str):
    rng = _rng(f"{context.agency.slug}:{name}")
    path = _path(context, name, Stage(stage))
    first_day, last_day = WINDOWS[context.agency.slug]
    if context.agency.slug == "best" and hood in (HELM, FALK):
        last_day = HANDED_OVER
    days = _stage_days(rng, path, first_day, last_day)
    advisor = context.advisors.get(hood)
    initiative = Initiative(
        agency=context.agency,
        neighbourhood=context.hoods[hood],
        name=name,
        idea=IDEAS[name],
        advisor=advisor,
        stage=stage,
        stage_version=len(path) - 1,
        created_at=_at(days[0], rng),
    )
    plan = _Plan(initiative, needs.split(), days, path, last_day)
    changes = _changes(context, rng, plan, advisor)
    initiative.stage_changed_at = changes[-1].changed_at
    end = min(days[-1] + dt.timedelta(days=rng.randint(30, 200)), last_day)
    if stage in GROWTH:  # enterprises stay in touch until the agency's work ends
        end = last_day - dt.timedelta(days=rng.randint(0, 90))
    consultations = _consultations(context, rng, plan, end, advisor)
    initiative.last_contact_on = max(c.held_on for c in consultations)
    plan.rows += [*changes, *consultations, *_milestones(rng, plan), *_contacts(context, plan)]
    _found(context, plan, LegalForm(legal_form))
    _publish(initiative)
    if stage in GROWTH:
        plan.rows += _assessments(rng, plan, advisor)
    return plan


def _path(context: _Context, name: str, stage: Stage) -> list[str]:
    """The stages the initiative went through, first to current."""
    if stage in SIDE_STAGES:
        return [*_path(context, name, SIDE[name][0]), stage]
    first = Stage.INQUIRY
    if context.agency.slug == "best-pankow":
        first = TAKEN_OVER.get(name, Stage.INQUIRY)
    start = PIPELINE_STAGES.index(first)
    return list(PIPELINE_STAGES[start : PIPELINE_STAGES.index(stage) + 1])


def _stage_days(rng, path, first_day: dt.date, last_day: dt.date) -> list[dt.date]:
    """The day each stage began. A case sits at most a year in an early stage; enterprises,
    paused and given-up cases longer. Taken-over cases start with the agency."""
    gaps = [rng.randint(150, 400) if s in GROWTH else rng.randint(60, 200) for s in path[1:]]
    room = (last_day - first_day).days - 60
    if sum(gaps) > room:
        gaps = [max(20, gap * room // sum(gaps)) for gap in gaps]
    slack = max(0, room - sum(gaps))
    if path[0] != Stage.INQUIRY:
        start = first_day + dt.timedelta(days=rng.randint(0, min(slack, 40)))
    else:
        settled = path[-1] in GROWTH or path[-1] in SIDE_STAGES
        start = first_day + dt.timedelta(days=slack - rng.randint(0, 900 if settled else 365))
        start = max(start, first_day + dt.timedelta(days=rng.randint(0, 60)))
    days = [start]
    for gap in gaps:
        days.append(days[-1] + dt.timedelta(days=gap))
    return days


def _changes(context: _Context, rng, plan: _Plan, advisor) -> list[StageChange]:
    changes = []
    for index, stage in enumerate(plan.path):
        note = SIDE[plan.initiative.name][1] if stage in SIDE_STAGES else ""
        if index == 0 and stage != Stage.INQUIRY:
            note = TAKEN_OVER_NOTE
        changes.append(
            StageChange(
                agency=context.agency,
                initiative=plan.initiative,
                from_stage=plan.path[index - 1] if index else "",
                to_stage=stage,
                changed_at=_at(plan.days[index], rng),
                changed_by=advisor,
                note=note,
            )
        )
    return changes


def _consultations(context, rng, plan: _Plan, end: dt.date, advisor) -> list[Consultation]:
    """Talks in each stage: one on the day the stage began, more (every few months) after."""
    rows = []
    bounds = [*plan.days[1:], end]
    for index, stage in enumerate(plan.path):
        begin = plan.days[index]
        if stage in SIDE_STAGES:
            rows.append(_consultation(context, rng, plan, begin, T.CONCEPT, advisor))
            rows[-1].notes = SIDE[plan.initiative.name][1]
            continue
        spread = max(1, (bounds[index] - begin).days - 1)
        count = 1 if stage == Stage.INQUIRY else min(6, 2 + spread // 150)
        later = sorted(begin + dt.timedelta(days=rng.randint(1, spread)) for _ in range(count - 1))
        topics = STAGE_TOPICS[stage]
        rows.append(_consultation(context, rng, plan, begin, topics[0], advisor))
        rows += [
            _consultation(context, rng, plan, day, rng.choice(topics), advisor) for day in later
        ]
    rows[0].notes = NOTES[T.IDEA][0] if plan.path[0] == Stage.INQUIRY else TAKEN_OVER_NOTE
    return rows


def _consultation(context, rng, plan: _Plan, held_on, topic, advisor) -> Consultation:
    follow_up = held_on + dt.timedelta(days=rng.randint(14, 42)) if rng.random() < 0.3 else None
    return Consultation(
        agency=context.agency,
        initiative=plan.initiative,
        advisor=advisor,
        held_on=held_on,
        duration_minutes=rng.choice((30, 45, 60, 60, 90, 120)),
        topic=topic,
        notes=rng.choice(NOTES[topic]),
        follow_up_on=follow_up,
        created_at=_at(held_on, rng),
    )


def _milestones(rng, plan: _Plan) -> list[Milestone]:
    """Milestones of the stages left for the next one are done; the others are open."""
    rows = []
    for index, stage in enumerate(plan.path):
        moved_on = index + 1 < len(plan.path) and plan.path[index + 1] not in SIDE_STAGES
        for number, title in enumerate(MILESTONES.get(stage, ())):
            if moved_on:
                done_on = plan.days[index + 1] - dt.timedelta(days=rng.randint(0, 14))
                due_on = done_on + dt.timedelta(days=rng.randint(-10, 20))
            else:
                done_on, due_on = None, plan.days[index] + dt.timedelta(days=90 * (number + 1))
            rows.append(
                Milestone(
                    agency=plan.initiative.agency,
                    initiative=plan.initiative,
                    title=title,
                    due_on=due_on,
                    done_on=done_on,
                    created_at=_at(plan.days[index], rng),
                )
            )
    return rows


def _contacts(context: _Context, plan: _Plan) -> list[ContactPerson]:
    """One to three members, who consented at the first talk; the same people in both agencies."""
    rng = _rng(f"contacts:{plan.initiative.name}")
    consent = _at(plan.days[0], rng)
    rows = []
    count = rng.randint(1, 3)
    for number, first, last in zip(
        range(count), rng.sample(FIRST_NAMES, count), rng.sample(LAST_NAMES, count), strict=True
    ):
        email = f"{first}.{last}@mail.example".translate(ASCII).lower()
        rows.append(
            ContactPerson(
                agency=context.agency,
                initiative=plan.initiative,
                name=f"{first} {last}",
                role=CONTACT_ROLES[number],
                phone=f"030 23125 {rng.randint(100, 999)}" if number == 0 else "",
                email=email if number == 0 else "",
                consent_given_at=consent,
                consent_recorded_by=plan.initiative.advisor,
                created_at=consent,
            )
        )
    founder = context.founder
    if plan.initiative.name == FOUNDER_INITIATIVE and founder is not None:
        rows[0].name, rows[0].email, rows[0].user = founder.name, founder.email, founder
    return rows


def _found(context: _Context, plan: _Plan, legal_form: LegalForm) -> None:
    """From founding on, the legal form; once registered, the day and the registry number.

    Both agencies record the same: BEST Pankow took its cases over from BEST.
    """
    initiative = plan.initiative
    if not set(plan.path) & set(ENTERPRISE_STAGES):
        return
    if Stage.FOUNDING in plan.path[:-1]:  # registered two thirds into the founding stage
        index = plan.path.index(Stage.FOUNDING)
        began, left = plan.days[index], plan.days[index + 1]
        context.founded[initiative.name] = began + (left - began) * 2 // 3
    initiative.legal_form = legal_form
    initiative.founded_on = context.founded.get(initiative.name)
    if initiative.founded_on is None:
        return
    register, low, high = REGISTERS.get(legal_form, ("HRB", 85000, 110000))
    number = _rng(f"registry:{initiative.name}").randint(low, high)
    initiative.registry_number = f"Amtsgericht Charlottenburg, {register} {number} B"


def _publish(initiative: Initiative) -> None:
    if initiative.name in PUBLIC:
        description, hours, address = PUBLIC[initiative.name]
        initiative.public_description, initiative.opening_hours = description, hours
        initiative.public_address, initiative.is_public = address, True


def _assessments(rng, plan: _Plan, advisor) -> list:
    """A criteria check and an EMES profile at the last talk; two profiles for a few."""
    initiative, last = plan.initiative, plan.initiative.last_contact_on
    common = {"agency": initiative.agency, "initiative": initiative, "assessed_by": advisor}
    founding = plan.days[plan.path.index(Stage.FOUNDING)] if Stage.FOUNDING in plan.path else None
    days = [last]
    if initiative.name in TWO_PROFILES and founding and (last - founding).days > 180:
        days.insert(0, founding + dt.timedelta(days=(last - founding).days // 3))
    rows: list = [
        EmesProfile(
            **common,
            **_emes_scores(plan, day),
            assessed_on=day,
            note="Profil im Gespräch mit dem Vorstand erhoben.",
            created_at=_at(day, rng),
        )
        for day in days
    ]
    financing = Rating.MET if initiative.stage == Stage.SELF_SUSTAINING else Rating.PARTLY
    ratings = {"needs": Rating.MET, "goals": Rating.MET, "profit": Rating.MET}
    ratings["financing"] = financing
    fields = {f"{key}_rating": rating for key, rating in ratings.items()}
    fields |= {f"{key}_evidence": EVIDENCE[(key, rating)] for key, rating in ratings.items()}
    rows.append(CriteriaAssessment(**common, **fields, assessed_on=last, created_at=_at(last, rng)))
    return rows


def _emes_scores(plan: _Plan, day: dt.date) -> dict[str, int]:
    stage = plan.path[max(i for i, began in enumerate(plan.days) if began <= day)]
    scores = EMES_BY_STAGE.get(stage, EMES_BY_STAGE[Stage.STARTUP])
    return {key: score for (key, _label), score in zip(EMES_INDICATORS, scores, strict=True)}


def _needs(context: _Context, plans: list[_Plan], categories) -> dict[tuple[str, str], Need]:
    """The needs of each neighbourhood, by (neighbourhood, key); missing ones are created."""
    linked: dict[tuple[str, str], list[_Plan]] = defaultdict(list)
    neighbours: dict[str, list[_Plan]] = defaultdict(list)
    for plan in plans:
        neighbours[plan.initiative.neighbourhood.slug].append(plan)
        for key in plan.need_keys:
            linked[(plan.initiative.neighbourhood.slug, key)].append(plan)
    for (agency_slug, hood), keys in OPEN_NEEDS.items():
        for key in keys if agency_slug == context.agency.slug else ():
            linked.setdefault((hood, key), [])
    existing = {(n.neighbourhood_id, n.title): n for n in context.agency.needs.all()}
    needs, new = {}, []
    for (hood, key), addressed_by in linked.items():
        category, title, description = NEEDS[key]
        need = existing.get((context.hoods[hood].pk, title))
        if need is None:
            need = Need(
                agency=context.agency,
                neighbourhood=context.hoods[hood],
                category=categories[category],
                title=title,
                description=description,
                status=_need_status(addressed_by),
            )
            consultation = describe(need, hood, key, addressed_by, neighbours[hood])
            if consultation is not None:
                context.raised_in.append((consultation, need))
            new.append((need, addressed_by))
        needs[(hood, key)] = need
    Need.objects.bulk_create(need for need, _plans in new)
    ActivityLogEntry.objects.bulk_create(
        entry
        for need, addressed_by in new
        for entry in need_history(need, addressed_by, context.advisors.get(need.neighbourhood.slug))
    )
    return needs


def _need_status(plans: list[_Plan]) -> str:
    stages = {plan.initiative.stage for plan in plans}
    if stages & {Stage.CONSOLIDATION, Stage.SELF_SUSTAINING}:
        return NeedStatus.MET
    if stages - set(SIDE_STAGES):
        return NeedStatus.ADDRESSED
    return NeedStatus.CONFIRMED if stages else NeedStatus.REPORTED


def _save(context: _Context, plans: list[_Plan], needs: dict) -> None:
    """Bulk-create the initiatives, then their history, one statement per table."""
    Initiative.objects.bulk_create([plan.initiative for plan in plans])
    rows = defaultdict(list)
    for plan in plans:
        initiative = plan.initiative
        for row in plan.rows:
            rows[type(row)].append(row)
        rows[InitiativeNeed] += [
            InitiativeNeed(
                agency=context.agency,
                initiative=initiative,
                need=needs[(initiative.neighbourhood.slug, key)],
            )
            for key in plan.need_keys
        ]
    for model, objects in rows.items():
        model.objects.bulk_create(objects)
    ConsultationNeed.objects.bulk_create(
        ConsultationNeed(agency=context.agency, consultation=consultation, need=need)
        for consultation, need in context.raised_in
        if consultation.pk is not None
    )
    for plan in plans:
        log_action(None, "created", plan.initiative, {"via": "demo"})
