"""The agency's jobs: created, maintained and total jobs and FTE per year, broken down by
neighbourhood, contract type and the holders' prior status, and the additionality worksheets
that turn gross jobs into net additional jobs. Aggregates only: no position and no holder is
named, so funders read these pages too."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from kiezwerk.agencies.views import get_agency_for
from kiezwerk.core.formats import DASH, count, number, percent
from kiezwerk.economy.queries import Scope
from kiezwerk.jobs import queries, services
from kiezwerk.jobs.enums import ContractType, PriorStatus
from kiezwerk.jobs.forms_agency import FIRST_YEAR, LAST_YEAR, MAX_YEARS, WorksheetForm, YearsForm
from kiezwerk.jobs.models import AdditionalityWorksheet
from kiezwerk.jobs.queries import JobFigures

BREAKDOWNS = (
    ("neighbourhood", gettext_lazy("By neighbourhood")),
    ("contract_type", gettext_lazy("By contract type")),
    ("prior_status", gettext_lazy("By the holder's status before the job")),
)


@dataclass
class Row:
    label: str
    cells: list[str]
    total: bool = False


@login_required
@require_GET
def figures(request: HttpRequest, slug: str) -> HttpResponse:
    agency = get_agency_for(request, slug, "jobs.view_figures")
    scope = Scope.of_agency(agency)
    found = queries.year_range(scope)
    form = YearsForm(request.GET or None)
    years = _years(form, found)
    by_year = queries.jobs_by_year(scope, years)
    sheets = _latest_sheets(agency, years)
    chosen = _chosen(form, years)
    context = {
        "agency": agency,
        "form": form,
        "years": [str(year) for year in years],
        "rows": year_rows(by_year, sheets),
        "chosen": chosen,
        "breakdowns": _breakdowns(scope, chosen, by_year),
        "sheet": sheets.get(chosen),
        "sheet_rows": assumption_rows(sheets.get(chosen)),
        "sheet_links": [(year, sheets.get(year)) for year in years],
        "can_assess": request.user.has_perm("jobs.assess_additionality", agency),
    }
    return render(request, "jobs/agency.html", context)


def _years(form: YearsForm, found: tuple[int, int] | None) -> list[int]:
    """The years asked for, or the last (at most MAX_YEARS) years with positions."""
    if form.is_bound and form.is_valid():
        return list(range(form.cleaned_data["first"], form.cleaned_data["last"] + 1))
    if found is None:
        return []
    first, last = found
    first = max(first, last - MAX_YEARS + 1)
    if not form.is_bound:
        form.initial = {"first": first, "last": last}
    return list(range(first, last + 1))


def _chosen(form: YearsForm, years: list[int]) -> int | None:
    """The year broken down: the one asked for, else the last year shown."""
    if not years:
        return None
    asked = form.cleaned_data.get("year") if form.is_bound and form.is_valid() else None
    return asked or years[-1]


def _latest_sheets(agency, years: list[int]) -> dict[int, AdditionalityWorksheet]:
    """The latest worksheet version of each year: one query."""
    if not years:
        return {}
    latest = AdditionalityWorksheet.objects.filter(agency=agency, year=OuterRef("year"))
    sheets = AdditionalityWorksheet.objects.filter(
        agency=agency,
        year__in=years,
        version=Subquery(latest.order_by("-version").values("version")[:1]),
    ).select_related("created_by")
    return {sheet.year: sheet for sheet in sheets}


def year_rows(by_year: list[JobFigures], sheets: dict) -> list[Row]:
    def jobs(name):
        return [count(getattr(figures, name)) for figures in by_year]

    def fte(name):
        return [number(getattr(figures, name), 2) for figures in by_year]

    return [
        Row(_("Jobs created"), jobs("created")),
        Row(_("Jobs maintained"), jobs("maintained")),
        Row(_("Jobs in total"), jobs("total"), total=True),
        Row(_("FTE created"), fte("created_fte")),
        Row(_("FTE maintained"), fte("maintained_fte")),
        Row(_("FTE in total"), fte("total_fte"), total=True),
        Row(_("of the jobs: marked additional"), jobs("additional")),
        Row(
            _("Net additional jobs (worksheet)"),
            [number(sheets[f.year].net_jobs, 2) if f.year in sheets else DASH for f in by_year],
            total=True,
        ),
    ]


def _breakdowns(scope: Scope, year: int | None, by_year: list[JobFigures]) -> list[dict]:
    """Each breakdown of `year` (one of the years of `by_year`): its groups add up to the
    year's figures, which are its total."""
    if year is None:
        return []
    total = next(figures for figures in by_year if figures.year == year)
    found = []
    for dimension, title in BREAKDOWNS:
        groups = queries.jobs_by(scope, dimension, year)
        found.append(
            {
                "id": dimension,
                "title": title,
                "rows": [_group_row(dimension, figures) for figures in groups],
                "total": total,
            }
        )
    return found


def _group_row(dimension: str, figures: JobFigures) -> dict:
    return {"label": _group_label(dimension, figures.key), "figures": figures}


def _group_label(dimension: str, key) -> str:
    if dimension == "contract_type":
        return str(ContractType(key).label)
    if dimension == "prior_status":
        return str(PriorStatus(key).label) if key else _("no holder data recorded")
    return key


def assumption_rows(sheet: AdditionalityWorksheet | None) -> list[Row]:
    """The steps from gross to net jobs of a worksheet, each with its value and reason."""
    if sheet is None:
        return []
    return [
        Row(_("Gross jobs created"), [count(sheet.gross_jobs), number(sheet.gross_fte, 2), ""]),
        Row(
            _("Leakage"),
            [
                percent(sheet.leakage, 2),
                "",
                _(
                    "From the data: holders living outside the neighbourhood, of %(known)s "
                    "holders whose residence is known."
                )
                % {"known": count(sheet.leakage_known)},
            ],
        ),
        Row(_("Deadweight"), [percent(sheet.deadweight, 2), "", sheet.deadweight_reason]),
        Row(_("Displacement"), [percent(sheet.displacement, 2), "", sheet.displacement_reason]),
        Row(_("Substitution"), [percent(sheet.substitution, 2), "", sheet.substitution_reason]),
        Row(_("Multiplier"), [number(sheet.multiplier, 2), "", sheet.multiplier_reason]),
        Row(
            _("Net additional jobs"),
            [number(sheet.net_jobs, 2), number(sheet.net_fte, 2), ""],
            total=True,
        ),
    ]


# ------------------------------------------------------------------------------------------
# The additionality worksheet of a year


@login_required
@require_http_methods(["GET", "POST"])
def worksheet(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    agency = get_agency_for(request, slug, "jobs.view_figures")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    can_assess = request.user.has_perm("jobs.assess_additionality", agency)
    if request.method == "POST" and not can_assess:
        raise PermissionDenied
    versions = list(
        AdditionalityWorksheet.objects.filter(agency=agency, year=year).select_related("created_by")
    )
    latest = versions[0] if versions else None
    form = WorksheetForm(request.POST or None, initial=_initial(latest))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.save_worksheet(agency, year, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The worksheet has been saved as a new version."))
                return redirect("jobs:worksheet", slug=agency.slug, year=year)
        status = 400
    inputs = queries.additionality_inputs(agency.pk, year)
    context = {
        "agency": agency,
        "year": year,
        "inputs": inputs,
        "leakage": percent(inputs.leakage, 2),
        "gross_fte": number(inputs.gross_fte, 2),
        "latest": latest,
        "latest_rows": assumption_rows(latest),
        "versions": versions,
        "form": form if can_assess else None,
    }
    return render(request, "jobs/worksheet.html", context, status=status)


def _initial(sheet: AdditionalityWorksheet | None) -> dict:
    if sheet is None:
        return {"deadweight": 0, "displacement": 0, "substitution": 0, "multiplier": 1}
    return {name: getattr(sheet, name) for pair in WorksheetForm.GROUPS for name in pair}
