"""Agencies and their neighbourhoods."""

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from kiezwerk.agencies.models import Agency, Neighbourhood
from kiezwerk.agencies.views import get_agency_for
from kiezwerk.api.errors import READ_ERRORS
from kiezwerk.api.pagination import Pages, paginate
from kiezwerk.api.types import Id

router = Router(tags=["agencies"])


class AgencyOut(Schema):
    slug: str
    name: str
    short_name: str
    city: str
    email: str
    phone: str


class NeighbourhoodOut(Schema):
    id: int
    slug: str
    name: str
    kind: str
    district: str

    @staticmethod
    def resolve_district(obj: Neighbourhood) -> str:
        return obj.district.name


@router.get("/agencies", response={200: list[AgencyOut], **READ_ERRORS})
@paginate(Pages)
def list_agencies(request):
    """The agencies the user is a member of (an administrator: all)."""
    return Agency.objects.visible_to(request.user).active().order_by("name", "pk")


@router.get("/agencies/{slug}", response={200: AgencyOut, **READ_ERRORS})
def get_agency(request, slug: str):
    return get_agency_for(request, slug, "agencies.view_agency")


@router.get(
    "/agencies/{slug}/neighbourhoods", response={200: list[NeighbourhoodOut], **READ_ERRORS}
)
@paginate(Pages)
def list_neighbourhoods(request, slug: str):
    agency = get_agency_for(request, slug, "agencies.view_agency")
    return (
        Neighbourhood.objects.visible_to(request.user)
        .active()
        .filter(agency=agency)
        .select_related("district")
        .order_by("name", "pk")
    )


@router.get(
    "/agencies/{slug}/neighbourhoods/{int:neighbourhood_id}",
    response={200: NeighbourhoodOut, **READ_ERRORS},
)
def get_neighbourhood(request, slug: str, neighbourhood_id: Id):
    agency = get_agency_for(request, slug, "agencies.view_agency")
    hoods = Neighbourhood.objects.visible_to(request.user).filter(agency=agency)
    return get_object_or_404(hoods.select_related("district"), pk=neighbourhood_id)
