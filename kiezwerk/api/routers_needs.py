"""The needs register of an agency (staff: management, evaluation, advisors)."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema

from kiezwerk.agencies.views import get_agency_for
from kiezwerk.api.errors import READ_ERRORS
from kiezwerk.api.pagination import Pages, paginate
from kiezwerk.api.types import Id
from kiezwerk.needs import queries
from kiezwerk.needs.enums import NeedStatus
from kiezwerk.needs.models import Need

router = Router(tags=["needs"])


class NeedOut(Schema):
    id: int
    title: str
    description: str
    affected: str
    neighbourhood_id: int
    neighbourhood: str
    category_id: int
    category: str
    source: str
    status: str
    status_reason: str
    raised_on: dt.date
    closed_on: dt.date | None
    supporters: int
    is_public: bool
    merged_into_id: int | None

    @staticmethod
    def resolve_neighbourhood(obj: Need) -> str:
        return obj.neighbourhood.name

    @staticmethod
    def resolve_category(obj: Need) -> str:
        return obj.category.name


class NeedFilters(Schema):
    neighbourhood: Id | None = None
    category: Id | None = None
    status: NeedStatus | None = None


def _needs(agency):
    return Need.objects.filter(agency=agency).select_related("neighbourhood", "category")


@router.get("/agencies/{slug}/needs", response={200: list[NeedOut], **READ_ERRORS})
@paginate(Pages)
def list_needs(request, slug: str, filters: Query[NeedFilters]):
    """The needs in the register (not merged, not archived), unaddressed first."""
    agency = get_agency_for(request, slug, "needs.list_needs")
    needs = queries.in_register(_needs(agency))
    if filters.neighbourhood is not None:
        needs = needs.filter(neighbourhood_id=filters.neighbourhood)
    if filters.category is not None:
        needs = needs.filter(category_id=filters.category)
    if filters.status is not None:
        needs = needs.filter(status=filters.status)
    return queries.register_order(needs)


@router.get("/agencies/{slug}/needs/{int:need_id}", response={200: NeedOut, **READ_ERRORS})
def get_need(request, slug: str, need_id: Id):
    agency = get_agency_for(request, slug, "needs.list_needs")
    need = get_object_or_404(_needs(agency), pk=need_id)
    if not request.user.has_perm("needs.view_need", need):
        raise PermissionDenied
    return need
