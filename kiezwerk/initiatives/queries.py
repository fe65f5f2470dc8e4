"""Reads of the case work that span rows: the board, the stage report, the timeline."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import (
    Avg,
    CharField,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone

from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.initiatives.enums import PIPELINE_STAGES, SIDE_STAGES, Stage
from kiezwerk.initiatives.models import (
    Consultation,
    CriteriaAssessment,
    Document,
    EmesProfile,
    Initiative,
    Milestone,
    StageChange,
)

BOARD_CARDS_PER_STAGE = 8
# What a card shows and needs for its permission check, in the order of BoardCard's fields.
BOARD_CARD_FIELDS = (
    "pk",
    "agency_id",
    "neighbourhood_id",
    "advisor_id",
    "name",
    "stage",
    "stage_version",
    "neighbourhood_name",
    "advisor_name",
    "stage_changed_at",
)
STALL_AFTER_DAYS = 90


@dataclass
class BoardCard:
    """One initiative on the board: plain values read in one pass, no model instance (building
    a model per card costs more than the query). Enough for works_on_case (agency and
    neighbourhood) and for the card; the view adds what the card template shows."""

    pk: int
    agency_id: int
    neighbourhood_id: int
    advisor_id: int | None
    name: str
    stage: str
    stage_version: int
    neighbourhood_name: str
    advisor_name: str | None
    stage_changed_at: Any = None


@dataclass
class BoardColumn:
    stage: Stage
    total: int
    cards: list[BoardCard]
    cards_html: str = ""  # the cards' markup, filled in by the view

    @property
    def hidden(self) -> int:
        return self.total - len(self.cards)


def board(initiatives) -> list[BoardColumn]:
    """One column per stage: its count and its most recently moved cards (two queries)."""
    totals = dict(
        initiatives.order_by()
        .values_list("stage")
        .annotate(n=Count("pk"))
        .values_list("stage", "n")
    )
    cards: dict[str, list[BoardCard]] = {stage: [] for stage in Stage.values}
    for card in _newest_cards(initiatives):
        cards[card.stage].append(card)
    return [
        BoardColumn(Stage(stage), totals.get(stage, 0), cards[stage])
        for stage in (*PIPELINE_STAGES, *SIDE_STAGES)
    ]


def _newest_cards(initiatives) -> list[BoardCard]:
    """The newest cards of every stage, newest first, in one query: a UNION ALL of one short
    range scan of the (agency, stage, -stage_changed_at, -id) index per stage. The part is
    compiled once with a placeholder stage and repeated with each stage as its parameter,
    because building a queryset per stage costs more than running it. Each card carries the
    names of its neighbourhood and advisor (joined by primary key)."""
    part = (
        initiatives.annotate(
            neighbourhood_name=F("neighbourhood__name"),
            advisor_name=Coalesce(
                NullIf(F("advisor__name"), Value("")),
                F("advisor__email"),
                output_field=CharField(),
            ),
        )
        .filter(stage=_ANY_STAGE)
        .order_by("-stage_changed_at", "-pk")
        .values_list(*BOARD_CARD_FIELDS)[:BOARD_CARDS_PER_STAGE]
    )
    sql, params = part.query.get_compiler(using=part.db).as_sql()
    slot = list(params).index(_ANY_STAGE)
    stages = Stage.values
    # The SQL is Django's own compiled query; every value stays a parameter.
    parts = (f"SELECT * FROM ({sql}) AS stage_{number}" for number in range(len(stages)))  # noqa: S608  # nosec B608 - Django compiled it, values stay parameters
    newest = BOARD_CARD_FIELDS.index("stage_changed_at") + 1
    compound = f"{' UNION ALL '.join(parts)} ORDER BY {newest} DESC, 1 DESC"
    values: list = []
    for stage in stages:
        values += [stage if index == slot else value for index, value in enumerate(params)]
    with connections[part.db].cursor() as cursor:
        cursor.execute(compound, values)
        return [BoardCard(*row) for row in cursor.fetchall()]


# Stands for the stage in the compiled card query; never a stored value.
_ANY_STAGE = "\x00stage"


def stage_durations(agency_id: int) -> dict[str, Any]:
    """Per stage: how long completed stays lasted (average days), from the stage history."""
    next_change = (
        StageChange.objects.filter(
            agency_id=agency_id,
            initiative=OuterRef("initiative"),
            changed_at__gt=OuterRef("changed_at"),
        )
        .order_by("changed_at", "pk")
        .values("changed_at")[:1]
    )
    stays = (
        StageChange.objects.filter(agency_id=agency_id)
        .annotate(left_at=Subquery(next_change))
        .filter(left_at__isnull=False)
        .annotate(
            stay=ExpressionWrapper(F("left_at") - F("changed_at"), output_field=DurationField())
        )
        .values("to_stage")
        .annotate(stays=Count("pk"), average=Avg("stay"))
        .order_by()
    )
    return {row["to_stage"]: row for row in stays}


def current_stays(initiatives) -> dict[str, Any]:
    """Per stage: initiatives in it now, and how many stall (no move for STALL_AFTER_DAYS)."""
    stall_before = timezone.now() - dt.timedelta(days=STALL_AFTER_DAYS)
    rows = (
        initiatives.order_by()
        .values("stage")
        .annotate(now=Count("pk"), stalled=Count("pk", filter=Q(stage_changed_at__lt=stall_before)))
    )
    return {row["stage"]: row for row in rows}


def stalled(initiatives, limit: int = 20) -> list[Initiative]:
    stall_before = timezone.now() - dt.timedelta(days=STALL_AFTER_DAYS)
    return list(
        initiatives.filter(stage__in=PIPELINE_STAGES[:-1], stage_changed_at__lt=stall_before)
        .select_related("neighbourhood", "advisor")
        .order_by("stage_changed_at")[:limit]
    )


@dataclass
class TimelineItem:
    when: dt.datetime
    kind: str
    title: str
    detail: str = ""
    actor: Any = None
    record: Any = None  # the consultation whose notes the item shows (its read is logged)


def _at_noon(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def timeline(initiative: Initiative, *, internal: bool, limit: int = 60) -> list[TimelineItem]:
    """Consultations, stage changes, milestones, documents and edits, newest first (5 queries)."""
    items = [
        TimelineItem(c.changed_at, "stage", c.get_to_stage_display(), c.note, c.changed_by)
        for c in initiative.stage_changes.select_related("changed_by").order_by("-changed_at")[
            :limit
        ]
    ]
    items += [
        TimelineItem(m.created_at, "milestone", m.title, m.due_on.isoformat())
        for m in Milestone.objects.filter(initiative=initiative).order_by("-created_at")[:limit]
    ]
    documents = Document.objects.active().filter(initiative=initiative)
    if not internal:
        documents = documents.filter(shared_with_founders=True)
    items += [
        TimelineItem(d.created_at, "document", d.title, d.get_kind_display(), d.uploaded_by)
        for d in documents.select_related("uploaded_by").order_by("-created_at")[:limit]
    ]
    if internal:
        items += [
            TimelineItem(
                _at_noon(c.held_on), "consultation", c.get_topic_display(), c.notes, c.advisor, c
            )
            for c in Consultation.objects.filter(initiative=initiative)
            .select_related("advisor")
            .order_by("-held_on")[:limit]
        ]
        items += [
            TimelineItem(e.created_at, "edit", e.label, _describe(e.data), e.actor)
            for e in ActivityLogEntry.objects.for_object(initiative)
            .filter(verb__in=EDIT_VERBS)
            .select_related("actor")
            .order_by("-created_at")[:limit]
        ]
    return sorted(items, key=lambda item: item.when, reverse=True)[:limit]


# Log entries that the timeline shows as edits (the others it shows from their own tables).
EDIT_VERBS = (
    "changed",
    "initiatives.reassigned",
    "initiatives.contact_added",
    "initiatives.milestone_done",
)


def _describe(data: dict) -> str:
    fields = data.get("fields")
    if isinstance(fields, dict):
        return ", ".join(sorted(fields))
    return ", ".join(
        f"{value}" for key, value in data.items() if key in ("to", "contact", "milestone")
    )


def assessments_of(initiative: Initiative) -> dict[str, list]:
    """The criteria checks and EMES profiles for the detail page, newest first (2 queries)."""
    return {
        "criteria": list(criteria_of(initiative).select_related("assessed_by")),
        "emes_profiles": list(profiles_of(initiative).select_related("assessed_by")),
    }


def criteria_of(initiative: Initiative):
    return CriteriaAssessment.objects.filter(agency_id=initiative.agency_id, initiative=initiative)


def profiles_of(initiative: Initiative):
    return EmesProfile.objects.filter(agency_id=initiative.agency_id, initiative=initiative)
