"""The network-wide overview for the city department that plans the rollout: key figures of a
year per agency and per neighbourhood, a chart comparing the agencies, and both tables as
files. Readers hold `reporting.view_network_overview` (granted in the admin; superusers hold
it anyway) and need no membership; everyone else gets 403. Aggregates only."""

from urllib.parse import urlencode

from csp.decorators import csp_replace
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kiezwerk.core import formats
from kiezwerk.needs.models import DemandRequest
from kiezwerk.needs.queries import demand_summary
from kiezwerk.reporting.neighbourhood_views import SVG_CSP
from kiezwerk.reporting.network_overview import charts, queries
from kiezwerk.reporting.network_overview.exporters import (
    AgencyTableExporter,
    HoodTableExporter,
    hood_name,
)
from kiezwerk.reporting.network_overview.forms import BY_DISTRICT, OverviewForm
from kiezwerk.reporting.network_overview.queries import FIGURES, KEYS, MONEY, HoodRow

PERMISSION = "reporting.view_network_overview"
TEMPLATE = "reporting/network_overview/overview.html"


def _authorised_form(request: HttpRequest) -> OverviewForm:
    """403 without the permission; else the form of the year and order asked for, its years
    those with figures (this year alone when there are none)."""
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    found = queries.year_range()
    first, last = found or (timezone.localdate().year,) * 2
    return OverviewForm(request.GET, years=list(range(first, last + 1)))


def _refused(request: HttpRequest, form: OverviewForm) -> HttpResponse:
    return render(request, TEMPLATE, {"form": form}, status=400)


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    form = _authorised_form(request)
    if not form.is_valid():
        return _refused(request, form)
    year, sort = form.chosen_year(), form.chosen_sort()
    found = queries.network_overview(year)
    width, height = charts.size_in_pixels(len(found.agencies))
    context = {
        "form": form,
        "year": str(year),  # as it is written, without a thousands separator
        "figures": [label for _key, label in FIGURES],
        "agencies": [_agency_row(row) for row in found.agencies],
        "total": _cells(found.total.figures),
        "total_neighbourhoods": formats.count(found.total.neighbourhoods),
        "neighbourhoods": [_hood_row(row) for row in sorted_hoods(found.neighbourhoods, sort)],
        "query": urlencode({"year": year, "sort": sort}),
        "chart_width": width,
        "chart_height": height,
        "demand": demand_summary(DemandRequest.objects.all()),
    }
    return render(request, TEMPLATE, context)


@login_required
@require_GET
def export(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    """One of the two tables of the year as CSV or XLSX, in the order of the page."""
    form = _authorised_form(request)
    if not form.is_valid():
        return _refused(request, form)
    year = form.chosen_year()
    found = queries.network_overview(year)
    as_csv = fmt == "csv"
    if table == "agencies":
        exporter = AgencyTableExporter(year, [*found.agencies, found.total], numbers_as_text=as_csv)
    else:
        rows = sorted_hoods(found.neighbourhoods, form.chosen_sort())
        exporter = HoodTableExporter(year, rows, numbers_as_text=as_csv)
    return exporter.csv_response() if as_csv else exporter.xlsx_response()


@login_required
@require_GET
@never_cache
@csp_replace(SVG_CSP)
def chart(request: HttpRequest) -> HttpResponse:
    """The agencies compared on three headline figures of the year (404 without agencies)."""
    form = _authorised_form(request)
    if not form.is_valid():
        return _refused(request, form)
    year = form.chosen_year()
    found = queries.network_overview(year)
    if not found.agencies:
        raise Http404
    svg = charts.agencies_svg(year, found.agencies)
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


# ------------------------------------------------------------------------------------------
# Presenting


def sorted_hoods(rows: list[HoodRow], sort: str) -> list[HoodRow]:
    """By district and neighbourhood, by agency, or by one figure (highest first); ties in
    the order of district, neighbourhood and agency."""

    def place(row: HoodRow) -> tuple:
        return (row.neighbourhood.district.name, row.neighbourhood.name, row.agency.name)

    if sort == BY_DISTRICT:
        return sorted(rows, key=place)
    if sort == "agency":
        return sorted(rows, key=lambda row: (row.agency.name, *place(row)))
    return sorted(rows, key=lambda row: (-row.figures[sort], *place(row)))


def _cells(figures: dict) -> list[str]:
    return [
        formats.number(figures[key], 2) if key in MONEY else formats.count(figures[key])
        for key in KEYS
    ]


def _agency_row(row: queries.AgencyRow) -> dict:
    return {
        "name": row.agency.name,
        "neighbourhoods": formats.count(row.neighbourhoods),
        "cells": _cells(row.figures),
    }


def _hood_row(row: HoodRow) -> dict:
    return {
        "district": row.neighbourhood.district.name,
        "name": hood_name(row),
        "agency": row.agency.name,
        "cells": _cells(row.figures),
    }
