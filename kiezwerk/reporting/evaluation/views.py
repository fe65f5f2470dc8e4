"""The evaluation dashboard: indicators over time, the impact chain, financing mix, resources
and social capital of the agency or one neighbourhood; its charts; and the records behind each
number. Management and evaluation of the agency only (rules.py)."""

from csp.decorators import csp_replace
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kiezwerk.agencies.models import Agency
from kiezwerk.agencies.views import get_agency_for
from kiezwerk.economy.charts import financing_mix_svg
from kiezwerk.funding.indicators import QUERIES
from kiezwerk.reporting import presenters
from kiezwerk.reporting.neighbourhood_views import SVG_CSP

from . import charts, queries, records
from . import rules as _rules  # noqa: F401  (registers reporting.view_evaluation)
from .forms import EvaluationForm

PERMISSION = "reporting.view_evaluation"
PAGE_SIZE = 50
CHARTS = ("indicators", "funnel", "mix")


def _selection(
    request: HttpRequest, agency: Agency
) -> tuple[EvaluationForm, queries.Selection | None]:
    """The form of the request and, when it is valid, what it selects."""
    form = EvaluationForm(
        request.GET, agency=agency, default=lambda hood: queries.data_years(agency.pk, hood)
    )
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    form.data = form.data.copy()
    form.data["from"], form.data["to"] = data["from"], data["to"]
    return form, queries.Selection(agency, data["neighbourhood"], data["from"], data["to"])


@login_required
@require_GET
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    agency = get_agency_for(request, slug, PERMISSION)
    form, selection = _selection(request, agency)
    context = {"agency": agency, "form": form, "selection": selection}
    if selection is None:
        return render(request, "reporting/evaluation/dashboard.html", context, status=400)
    found = queries.figures(selection)
    values = found.years
    found_mix = queries.mix(selection)
    context |= {
        "groups": queries.indicator_groups(selection, values),
        "funnel": queries.funnel(selection, found.whole),
        "mix_rows": queries.mix_rows(selection, found_mix),
        "has_mix": bool(found_mix.years),
        "economy_url": _economy_url(selection),
        "resources": queries.resource_rows(selection, values),
        **_capital(selection),
    }
    return render(request, "reporting/evaluation/dashboard.html", context)


def _economy_url(selection: queries.Selection) -> str:
    slug = selection.agency.slug
    if selection.neighbourhood is None:
        return reverse("economy:agency", kwargs={"slug": slug})
    hood = selection.neighbourhood.slug
    return reverse("economy:neighbourhood", kwargs={"slug": slug, "neighbourhood": hood})


def _capital(selection: queries.Selection) -> dict:
    if selection.neighbourhood is None:
        return {"capital_by_hood": queries.capital_by_neighbourhood(selection)}
    capital = queries.capital_of_neighbourhood(selection)
    return {"capital": presenters.capital_rows(capital), "capital_years": selection.years}


@login_required
@require_GET
def records_list(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    agency = get_agency_for(request, slug, PERMISSION)
    if key not in QUERIES:
        raise Http404
    form, selection = _selection(request, agency)
    context = {"agency": agency, "form": form, "selection": selection, "query": QUERIES[key]}
    if selection is None:
        return render(request, "reporting/evaluation/records.html", context, status=400)
    found = records.listing(key, selection.span())
    page = Paginator(found.rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context |= {
        "key": key,
        "kind": found.kind,
        "page": page,
        "total": queries.shown(key, found.total(found.rows)),
        "page_query": selection.query(),
    }
    return render(request, "reporting/evaluation/records.html", context)


@login_required
@require_GET
@never_cache
@csp_replace(SVG_CSP)
def chart(request: HttpRequest, slug: str, chart: str) -> HttpResponse:
    """One chart of the dashboard as SVG (404 for an unknown chart or a mix without figures)."""
    agency = get_agency_for(request, slug, PERMISSION)
    if chart not in CHARTS:
        raise Http404
    _form, selection = _selection(request, agency)
    if selection is None:
        return HttpResponse(status=400)
    svg = _draw(chart, selection)
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


def _draw(chart: str, selection: queries.Selection) -> bytes:
    subject = selection.neighbourhood.name if selection.neighbourhood else selection.agency.name
    title = (
        charts.chart_title(chart, subject, selection.first, selection.last)
        if chart != "mix"
        else ""
    )
    if chart == "funnel":
        steps = [(step.label, step.value) for step in queries.funnel(selection)]
        return charts.funnel_svg(title, steps)
    if chart == "mix":
        years = queries.mix(selection).years
        if not years:
            raise Http404
        return financing_mix_svg(subject, years)
    values = queries.yearly_values(selection)
    series = [
        (str(QUERIES[key].label), [values[year][key] for year in selection.years])
        for key in queries.HEADLINES
    ]
    return charts.indicators_svg(title, selection.years, series)
