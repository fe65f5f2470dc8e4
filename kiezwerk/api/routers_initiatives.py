"""Initiatives (with stage history and the latest criteria check) and consultations.

Lists are for case staff (management, evaluation, advisors of the neighbourhood), as the
pipeline is; one initiative also for its own founders, without the internal parts."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema

from kiezwerk.agencies.views import get_agency_for
from kiezwerk.api.errors import READ_ERRORS
from kiezwerk.api.pagination import Pages, paginate
from kiezwerk.api.types import Id, SearchText
from kiezwerk.initiatives.enums import CRITERIA, Stage, Topic
from kiezwerk.initiatives.models import Consultation, CriteriaAssessment, Initiative, StageChange

router = Router(tags=["initiatives"])


class InitiativeOut(Schema):
    id: int
    name: str
    stage: str
    stage_changed_at: dt.datetime
    neighbourhood_id: int
    neighbourhood: str
    legal_form: str
    founded_on: dt.date | None
    last_contact_on: dt.date | None

    @staticmethod
    def resolve_neighbourhood(obj: Initiative) -> str:
        return obj.neighbourhood.name


class StageChangeOut(Schema):
    from_stage: str
    to_stage: str
    changed_at: dt.datetime


class CriterionOut(Schema):
    rating: str
    evidence: str


class CriteriaCheckOut(Schema):
    assessed_on: dt.date
    needs: CriterionOut
    goals: CriterionOut
    profit: CriterionOut
    financing: CriterionOut
    met_count: int


class InitiativeDetailOut(InitiativeOut):
    idea: str
    registry_number: str
    stage_history: list[StageChangeOut]
    criteria_check: CriteriaCheckOut | None = None


class ConsultationOut(Schema):
    id: int
    initiative_id: int
    held_on: dt.date
    duration_minutes: int
    topic: str
    notes: str
    follow_up_on: dt.date | None


class InitiativeFilters(Schema):
    stage: Stage | None = None
    neighbourhood: Id | None = None
    q: SearchText | None = None


class ConsultationFilters(Schema):
    initiative: Id | None = None
    topic: Topic | None = None
    held_from: dt.date | None = None
    held_to: dt.date | None = None


def _staff_cases(request, agency):
    return Initiative.objects.visible_to_staff(request.user).active().filter(agency=agency)


@router.get("/agencies/{slug}/initiatives", response={200: list[InitiativeOut], **READ_ERRORS})
@paginate(Pages)
def list_initiatives(request, slug: str, filters: Query[InitiativeFilters]):
    """The agency's cases the user works on, by name."""
    agency = get_agency_for(request, slug, "initiatives.list_initiatives")
    cases = _staff_cases(request, agency).select_related("neighbourhood")
    if filters.stage is not None:
        cases = cases.filter(stage=filters.stage)
    if filters.neighbourhood is not None:
        cases = cases.filter(neighbourhood_id=filters.neighbourhood)
    if filters.q:
        cases = cases.search(filters.q)
    return cases.order_by("name", "pk")


@router.get(
    "/agencies/{slug}/initiatives/{int:initiative_id}",
    response={200: InitiativeDetailOut, **READ_ERRORS},
)
def get_initiative(request, slug: str, initiative_id: Id):
    """One case with its stage history; the latest criteria check for case staff only."""
    agency = get_agency_for(request, slug, "agencies.view_agency")
    history = Prefetch("stage_changes", queryset=StageChange.objects.order_by("changed_at", "pk"))
    cases = Initiative.objects.visible_to(request.user).active().filter(agency=agency)
    initiative = get_object_or_404(
        cases.select_related("neighbourhood").prefetch_related(history), pk=initiative_id
    )
    if not request.user.has_perm("initiatives.view_initiative", initiative):
        raise PermissionDenied
    initiative.stage_history = list(initiative.stage_changes.all())
    initiative.criteria_check = None
    if request.user.has_perm("initiatives.view_internal", initiative):
        initiative.criteria_check = _criteria(initiative)
    return initiative


def _criteria(initiative: Initiative) -> dict | None:
    latest = CriteriaAssessment.objects.filter(
        agency_id=initiative.agency_id, initiative=initiative
    ).first()
    if latest is None:
        return None
    criteria = {
        key: {
            "rating": getattr(latest, f"{key}_rating"),
            "evidence": getattr(latest, f"{key}_evidence"),
        }
        for key, _question in CRITERIA
    }
    return {"assessed_on": latest.assessed_on, "met_count": latest.met_count, **criteria}


@router.get("/agencies/{slug}/consultations", response={200: list[ConsultationOut], **READ_ERRORS})
@paginate(Pages)
def list_consultations(request, slug: str, filters: Query[ConsultationFilters]):
    """Consultations of the cases the user works on, newest first (case staff only)."""
    agency = get_agency_for(request, slug, "initiatives.list_initiatives")
    rows = Consultation.objects.filter(agency=agency, initiative__in=_staff_cases(request, agency))
    if filters.initiative is not None:
        rows = rows.filter(initiative_id=filters.initiative)
    if filters.topic is not None:
        rows = rows.filter(topic=filters.topic)
    if filters.held_from is not None:
        rows = rows.filter(held_on__gte=filters.held_from)
    if filters.held_to is not None:
        rows = rows.filter(held_on__lte=filters.held_to)
    return rows.order_by("-held_on", "-pk")


@router.get(
    "/agencies/{slug}/consultations/{int:consultation_id}",
    response={200: ConsultationOut, **READ_ERRORS},
)
def get_consultation(request, slug: str, consultation_id: Id):
    agency = get_agency_for(request, slug, "initiatives.list_initiatives")
    rows = Consultation.objects.filter(agency=agency, initiative__in=_staff_cases(request, agency))
    return get_object_or_404(rows, pk=consultation_id)
