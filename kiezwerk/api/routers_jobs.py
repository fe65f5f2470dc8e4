"""Jobs: the agency's jobs per year as aggregates (created, maintained, total, additional, each
as jobs and FTE; staff and funders, as the web's jobs page), and an enterprise's jobs per year
and its positions (the case's staff and its own founders, as the web's positions page).

Positions carry no data about the people in them: the holder's pseudonym and participant data
stay on the web page, where reading them is logged."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from kiezwerk.agencies.models import Neighbourhood
from kiezwerk.agencies.views import get_agency_for
from kiezwerk.api.errors import READ_ERRORS
from kiezwerk.api.pagination import Pages, paginate
from kiezwerk.economy.queries import Scope
from kiezwerk.initiatives.views.base import get_initiative_for
from kiezwerk.jobs.forms_agency import FIRST_YEAR, LAST_YEAR, MAX_YEARS
from kiezwerk.jobs.models import Position
from kiezwerk.jobs.queries import JobFigures, jobs_by_year, year_range

router = Router(tags=["jobs"])

ENTERPRISE = "/agencies/{slug}/initiatives/{int:initiative_id}"


class JobsFilter(Schema):
    first: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR)
    last: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR)
    neighbourhood_id: int | None = Field(None, ge=1, le=2_147_483_647)


class JobYearOut(Schema):
    year: int
    created: int
    maintained: int
    total: int = Field(description="Created and maintained together.")
    additional: int
    created_fte: Decimal
    maintained_fte: Decimal
    total_fte: Decimal
    additional_fte: Decimal


class JobsOut(Schema):
    first: int | None
    last: int | None
    years: list[JobYearOut]


class PositionOut(Schema):
    id: int
    title: str
    line_id: int | None
    line: str | None
    contract_type: str
    instrument: str
    weekly_hours: Decimal
    full_time_hours: Decimal
    fte: Decimal
    start_date: dt.date
    end_date: dt.date | None
    origin: str = Field(description='"created" during support or "maintained".')
    additional: bool

    @staticmethod
    def resolve_line(obj: Position) -> str | None:
        return obj.line.name if obj.line is not None else None


@router.get("/agencies/{slug}/jobs", response={200: JobsOut, **READ_ERRORS})
def get_agency_jobs(request, slug: str, filters: Query[JobsFilter]):
    """The jobs of the agency (or of one neighbourhood) per year, aggregates only: default the
    last years with positions (at most 15). Readers: staff and funders."""
    agency = get_agency_for(request, slug, "jobs.view_figures")
    scope = Scope.of_agency(agency)
    if filters.neighbourhood_id is not None:
        # any of the agency's: the web's jobs page breaks every reader's figures down by them
        hood = get_object_or_404(
            Neighbourhood.objects.filter(agency=agency), pk=filters.neighbourhood_id
        )
        scope = Scope.of_neighbourhood(hood)
    return _jobs(scope, filters)


@router.get(ENTERPRISE + "/jobs", response={200: JobsOut, **READ_ERRORS})
def get_enterprise_jobs(request, slug: str, initiative_id: int, filters: Query[JobsFilter]):
    """One enterprise's jobs per year (`neighbourhood_id` does not apply)."""
    initiative = get_initiative_for(request, slug, initiative_id, "jobs.view_positions")
    return _jobs(Scope.of_enterprise(initiative), filters)


@router.get(ENTERPRISE + "/positions", response={200: list[PositionOut], **READ_ERRORS})
@paginate(Pages)
def list_positions(request, slug: str, initiative_id: int):
    """The enterprise's positions (not archived), current and ended, oldest first."""
    initiative = get_initiative_for(request, slug, initiative_id, "jobs.view_positions")
    positions = Position.objects.active().filter(
        agency_id=initiative.agency_id, initiative=initiative
    )
    return positions.select_related("line").order_by("start_date", "pk")


def _jobs(scope: Scope, filters: JobsFilter) -> dict:
    years = _years(scope, filters)
    return {
        "first": years[0] if years else None,
        "last": years[-1] if years else None,
        "years": [_year(figures) for figures in jobs_by_year(scope, years)],
    }


def _years(scope: Scope, filters: JobsFilter) -> list[int]:
    """The years asked for (at most 15), or the last years with positions."""
    first, last = filters.first, filters.last
    if first is None or last is None:
        found = year_range(scope)
        if found is None:
            return []
        last = last if last is not None else found[1]
        first = first if first is not None else max(found[0], last - MAX_YEARS + 1)
    if first > last:
        raise ValidationError({"last": _("The first year must not come after the last.")})
    if last - first >= MAX_YEARS:
        message = _("Please choose at most %(count)s years.") % {"count": MAX_YEARS}
        raise ValidationError({"first": message})
    return list(range(first, last + 1))


def _year(figures: JobFigures) -> dict:
    return {
        "year": figures.year,
        "created": figures.created,
        "maintained": figures.maintained,
        "total": figures.total,
        "additional": figures.additional,
        "created_fte": figures.created_fte,
        "maintained_fte": figures.maintained_fte,
        "total_fte": figures.total_fte,
        "additional_fte": figures.additional_fte,
    }
