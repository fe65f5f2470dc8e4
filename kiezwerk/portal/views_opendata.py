"""Open data: the public directory of social enterprises and the agencies' indicator figures as
files, for the city's open-data portal and for maps of the social and solidarity economy.

- **Licence**: everything here is published under Creative Commons Attribution 4.0 (CC BY 4.0).
  It is understood by open-data portals in Germany (GovData lists it) and by the international
  maps of the solidarity economy alike. Each file states it: the JSON-LD and JSON in the data
  (`license`, `creditText`), every file in a `Link: <…>; rel="license"` header; the page
  "Open data" explains it with the attribution to give.
- **The directory** (JSON-LD: a schema.org ItemList of Organization/LocalBusiness entries, the
  same entries as the enterprise pages; CSV) holds exactly what the public directory shows:
  enterprises that opted in, their public profile only (`views_directory.directory_entries`).
- **The figures** of an agency: the actual values of the indicator catalogue (aggregates only,
  `funding.indicators.actuals`) for a calendar year or a quarter of it (`?year=&quarter=`),
  public for every active agency. There is no opt-in flag: the values are counts and sums the
  agency reports to its funders anyway, nothing about a person or a single enterprise's books.
- Column and key names are fixed English names (schema.org's where there is one), not
  translated, so that an importer does not break with the reader's language.
- Nothing is personal, so every file may be cached by anyone for five minutes and read by a
  page of another site (`Access-Control-Allow-Origin: *`); the queries per file are the same
  for 1 or 1,000 enterprises.
"""

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from kiezwerk.agencies.models import Agency
from kiezwerk.core.exporters import Exporter
from kiezwerk.funding.indicators import QUERIES, actuals
from kiezwerk.funding.models import Indicator
from kiezwerk.portal.directory_jsonld import entry
from kiezwerk.portal.views_directory import cacheable, directory_entries

LICENCE_NAME = "Creative Commons Attribution 4.0 International (CC BY 4.0)"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
JSONLD_TYPE = "application/ld+json; charset=utf-8"
FIRST_YEAR = 2000
QUARTERS = [("", "–"), *((str(number), str(number)) for number in range(1, 5))]


def attribution(agency: Agency | None) -> str:
    """The credit a reuser gives: the agency, or Kiezwerk and the agencies named in the data."""
    if agency is None:
        return "Kiezwerk – " + gettext("the agencies named in the data")
    return f"{agency.name} (Kiezwerk)"


def _open(response: HttpResponse) -> HttpResponse:
    """The licence, and no restriction for pages of other sites (nothing here is personal)."""
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'
    response["Access-Control-Allow-Origin"] = "*"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _agency(slug: str) -> Agency:
    return get_object_or_404(Agency.objects.active(), slug=slug)


def _entries(agency: Agency | None):
    entries = directory_entries().order_by("name", "pk")
    return entries if agency is None else entries.filter(agency=agency)


# ------------------------------------------------------------------------------------------
# The page


@require_GET
@cacheable
def page(request: HttpRequest) -> HttpResponse:
    """What is published, under which licence, and the links to every file."""
    agencies = list(Agency.objects.active().only("name", "short_name", "slug"))
    context = {
        "agencies": agencies,
        "portal_agency": agencies[0] if agencies else None,
        "licence_name": LICENCE_NAME,
        "licence_url": LICENCE_URL,
        "year": timezone.localdate().year - 1,
    }
    return render(request, "portal/opendata/page.html", context)


# ------------------------------------------------------------------------------------------
# The directory


@require_GET
@cacheable
def enterprises_jsonld(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    """The directory (of one agency) as a schema.org ItemList."""
    agency = _agency(slug) if slug else None
    prefix = request.build_absolute_uri(reverse("portal:directory"))
    items = [_item(position, initiative, prefix) for position, initiative in _numbered(agency)]
    data = {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "@id": request.build_absolute_uri(),
        "name": _list_name(agency),
        "license": LICENCE_URL,
        "creditText": attribution(agency),
        "numberOfItems": len(items),
        "itemListElement": items,
    }
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return _open(HttpResponse(text, content_type=JSONLD_TYPE))


def _numbered(agency: Agency | None):
    return enumerate(_entries(agency).iterator(chunk_size=500), start=1)


def _item(position: int, initiative, prefix: str) -> dict:
    found = entry(initiative, url=f"{prefix}{initiative.pk}/")
    del found["@context"]  # the list's context holds for its items
    return {"@type": "ListItem", "position": position, "item": found}


def _list_name(agency: Agency | None) -> str:
    if agency is None:
        return gettext("Social enterprises in the Kiezwerk directory")
    return gettext("Social enterprises in the directory of %(agency)s") % {"agency": agency.name}


class DirectoryExporter(Exporter):
    """One row per enterprise, its public profile only."""

    filename = "kiezwerk-enterprises"
    columns = [
        (key, key)
        for key in (
            "id",
            "url",
            "name",
            "legal_form",
            "legal_form_label",
            "foundingDate",
            "description",
            "openingHours",
            "address",
            "telephone",
            "email",
            "website",
            "category",
            "neighbourhood",
            "agency",
            "agency_slug",
            "license",
        )
    ]

    def __init__(self, entries, *, prefix: str) -> None:
        self.entries, self.prefix = entries, prefix

    def rows(self) -> Iterator[dict[str, Any]]:
        for initiative in self.entries.iterator(chunk_size=500):
            yield self.row(initiative)

    def row(self, initiative) -> dict[str, Any]:
        category = initiative.directory_category
        return {
            "id": initiative.pk,
            "url": f"{self.prefix}{initiative.pk}/",
            "name": initiative.name,
            "legal_form": initiative.legal_form,
            "legal_form_label": initiative.get_legal_form_display(),
            "foundingDate": initiative.founded_on.isoformat() if initiative.founded_on else "",
            "description": initiative.public_description,
            "openingHours": initiative.opening_hours,
            "address": initiative.public_address,
            "telephone": initiative.public_phone,
            "email": initiative.public_email,
            "website": initiative.website,
            "category": category.name if category else "",
            "neighbourhood": initiative.neighbourhood.name,
            "agency": initiative.agency.name,
            "agency_slug": initiative.agency.slug,
            "license": LICENCE_URL,
        }


@require_GET
@cacheable
def enterprises_csv(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    """The directory (of one agency) as CSV."""
    agency = _agency(slug) if slug else None
    prefix = request.build_absolute_uri(reverse("portal:directory"))
    exporter = DirectoryExporter(_entries(agency), prefix=prefix)
    if agency is not None:
        exporter.filename = f"{agency.slug}-enterprises"
    return _open(exporter.csv_response())


# ------------------------------------------------------------------------------------------
# The figures


class PeriodForm(forms.Form):
    """A calendar year (by default the last one) or a quarter of it, not in the future."""

    year = forms.IntegerField(label=_("Year"), required=False, min_value=FIRST_YEAR)
    quarter = forms.TypedChoiceField(
        label=_("Quarter"), required=False, choices=QUARTERS, coerce=int, empty_value=None
    )

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        today = timezone.localdate()
        if year is None:
            return today.year - 1
        if year > today.year:
            raise forms.ValidationError(
                _("There are no figures for a year that has not begun."), code="future"
            )
        return year

    def clean(self) -> dict:
        data = super().clean()
        if self.errors:
            return data
        start, _end = self.days()
        if start > timezone.localdate():
            self.add_error(
                "quarter", forms.ValidationError(_("This quarter has not begun."), code="future")
            )
        return data

    def days(self) -> tuple[dt.date, dt.date]:
        year, quarter = self.cleaned_data["year"], self.cleaned_data["quarter"]
        if quarter is None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        start = dt.date(year, 3 * quarter - 2, 1)
        after = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
        return start, after - dt.timedelta(days=1)


def agency_figures(agency: Agency, form: PeriodForm) -> list[dict[str, Any]]:
    """The catalogue's indicators with their actual values for the agency and the period: one
    query for the catalogue, one per reader (funding.indicators)."""
    catalogue = list(
        Indicator.objects.active()
        .filter(query__in=list(QUERIES))
        .values("code", "name", "unit", "query")
    )
    start, end = form.days()
    values = actuals({row["query"] for row in catalogue}, agency.pk, start, end)
    return [
        {
            "code": row["code"],
            "name": row["name"],
            "unit": row["unit"],
            "value": values[row["query"]],
        }
        for row in catalogue
    ]


def _period(form: PeriodForm) -> dict[str, Any]:
    start, end = form.days()
    data = form.cleaned_data
    return {"year": data["year"], "quarter": data["quarter"], "start": start, "end": end}


def _refused(form: PeriodForm, *, as_json: bool) -> HttpResponse:
    """400 with the translated reasons, as JSON or as plain text."""
    errors = [
        {"field": field, "code": error.code or "invalid", "message": message}
        for field, found in form.errors.as_data().items()
        for error in found
        for message in error.messages
    ]
    if as_json:
        body = {"code": "invalid_period", "message": gettext("Not a period."), "errors": errors}
        response: HttpResponse = JsonResponse(
            body, status=400, json_dumps_params={"ensure_ascii": False}
        )
    else:
        text = "\n".join(f"{error['field']}: {error['message']}" for error in errors)
        response = HttpResponse(text + "\n", status=400, content_type="text/plain; charset=utf-8")
    return _open(response)


@require_GET
@cacheable
def figures_json(request: HttpRequest, slug: str) -> HttpResponse:
    """The agency's indicator figures of a period as JSON (values as decimal strings)."""
    agency = _agency(slug)
    form = PeriodForm(request.GET)
    if not form.is_valid():
        return _refused(form, as_json=True)
    period = _period(form)
    body = {
        "agency": {"slug": agency.slug, "name": agency.name},
        "period": {
            **period,
            "start": period["start"].isoformat(),
            "end": period["end"].isoformat(),
        },
        "license": LICENCE_URL,
        "creditText": attribution(agency),
        "indicators": [{**row, "value": str(row["value"])} for row in agency_figures(agency, form)],
    }
    return _open(JsonResponse(body, json_dumps_params={"ensure_ascii": False, "indent": 1}))


class FiguresExporter(Exporter):
    columns = [
        (key, key)
        for key in (
            "agency",
            "agency_slug",
            "year",
            "quarter",
            "start",
            "end",
            "code",
            "indicator",
            "unit",
            "value",
            "license",
        )
    ]

    def __init__(self, agency: Agency, form: PeriodForm) -> None:
        self.agency, self.form = agency, form
        period = _period(form)
        self.filename = f"{agency.slug}-figures-{period['year']}" + (
            f"-q{period['quarter']}" if period["quarter"] else ""
        )

    def rows(self) -> Iterator[dict[str, Any]]:
        period = _period(self.form)
        for row in agency_figures(self.agency, self.form):
            yield {
                "agency": self.agency.name,
                "agency_slug": self.agency.slug,
                **period,
                "start": period["start"].isoformat(),
                "end": period["end"].isoformat(),
                "code": row["code"],
                "indicator": row["name"],
                "unit": row["unit"],
                "value": row["value"],
                "license": LICENCE_URL,
            }


@require_GET
@cacheable
def figures_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """The agency's indicator figures of a period as CSV."""
    agency = _agency(slug)
    form = PeriodForm(request.GET)
    if not form.is_valid():
        return _refused(form, as_json=False)
    return _open(FiguresExporter(agency, form).csv_response())
