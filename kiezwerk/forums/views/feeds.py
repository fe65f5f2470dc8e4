"""The public calendar feeds (ICS) of an agency and of each of its neighbourhoods.

Anyone may subscribe without an account: they carry only public events, and of those only
what a poster on the door would say."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from kiezwerk.agencies.models import Agency, Neighbourhood
from kiezwerk.forums import ics, queries

# Shared caches may keep a feed for 15 minutes; calendar apps poll far less often.
PUBLIC_CACHE = "public, max-age=900"


@require_GET
def agency_feed(request: HttpRequest, slug: str) -> HttpResponse:
    agency = get_object_or_404(Agency.objects.active(), slug=slug)
    content = ics.calendar(
        queries.public_calendar(agency), name=agency.name, agency_slug=agency.slug, key="forums"
    )
    return ics.response(content, filename=f"{agency.slug}.ics", cache_control=PUBLIC_CACHE)


@require_GET
def neighbourhood_feed(request: HttpRequest, slug: str, neighbourhood: str) -> HttpResponse:
    agency = get_object_or_404(Agency.objects.active(), slug=slug)
    hood = get_object_or_404(Neighbourhood.objects.active(), agency=agency, slug=neighbourhood)
    content = ics.calendar(
        queries.public_calendar(agency, hood),
        name=f"{hood.name} – {agency.short_name or agency.name}",
        agency_slug=agency.slug,
        key=f"forums-{hood.slug}",
    )
    filename = f"{agency.slug}-{hood.slug}.ics"
    return ics.response(content, filename=filename, cache_control=PUBLIC_CACHE)
