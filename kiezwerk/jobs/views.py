"""An enterprise's jobs: its positions (current and ended, with the holder's pseudonym and prior
status) and its jobs per year; recording, changing and archiving positions. Founders use these
pages for their own enterprise, as the case's staff do."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kiezwerk.core.formats import count, number
from kiezwerk.core.reads import log_reads
from kiezwerk.economy.queries import Scope
from kiezwerk.initiatives.models import Initiative
from kiezwerk.initiatives.views.base import get_initiative_for
from kiezwerk.jobs import services
from kiezwerk.jobs.forms import HolderForm, PositionForm
from kiezwerk.jobs.models import Holder, Position
from kiezwerk.jobs.queries import JobFigures, jobs_by_year, year_range

FORM_TEMPLATE = "jobs/position_form.html"


def get_position_for(request: HttpRequest, slug: str, pk: int, position: int) -> Position:
    """A position of the enterprise that the user may record positions of (else 404 or 403);
    404 for another enterprise's position and for an archived one."""
    initiative = get_initiative_for(request, slug, pk, "jobs.record_positions")
    positions = _positions_of(initiative).select_related("holder")
    found = get_object_or_404(positions, pk=position)
    found.initiative = initiative
    return found


def _positions_of(initiative: Initiative):
    positions = Position.objects.active().filter(
        agency_id=initiative.agency_id, initiative=initiative
    )
    return positions.select_related("line")


def _list_page(initiative: Initiative) -> HttpResponse:
    return redirect("jobs:positions", slug=initiative.agency.slug, pk=initiative.pk)


def _posted(request: HttpRequest):
    return request.POST if request.method == "POST" else None


# ------------------------------------------------------------------------------------------
# The list: positions and the jobs per year


@dataclass
class PositionRow:
    position: Position
    holder: Holder | None
    hours: str
    fte: str

    @classmethod
    def of(cls, position: Position) -> "PositionRow":
        holder = getattr(position, "holder", None)
        return cls(position, holder, number(position.weekly_hours), number(position.fte))


@dataclass
class YearRow:
    year: int
    cells: list[str]


def year_rows(figures: list[JobFigures]) -> list[YearRow]:
    """Per year: created, maintained and all jobs, each as jobs and FTE, then those of them
    that are additional."""
    return [
        YearRow(
            f.year,
            [
                count(f.created),
                number(f.created_fte),
                count(f.maintained),
                number(f.maintained_fte),
                count(f.total),
                number(f.total_fte),
                count(f.additional),
                number(f.additional_fte),
            ],
        )
        for f in figures
    ]


@login_required
@require_GET
def positions(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = get_initiative_for(request, slug, pk, "jobs.view_positions")
    found = _positions_of(initiative).select_related("holder").order_by("start_date", "pk")
    today = timezone.localdate()
    rows = [PositionRow.of(position) for position in found]
    log_reads(request, [row.holder for row in rows if row.holder is not None])
    scope = Scope.of_enterprise(initiative)
    years = year_range(scope)
    figures = jobs_by_year(scope, list(range(years[0], years[1] + 1))) if years else []
    context = {
        "agency": initiative.agency,
        "initiative": initiative,
        "current": [row for row in rows if not _ended(row.position, today)],
        "ended": [row for row in rows if _ended(row.position, today)],
        "years": year_rows(figures),
        "can_record": request.user.has_perm("jobs.record_positions", initiative),
    }
    return render(request, "jobs/position_list.html", context)


def _ended(position: Position, today) -> bool:
    return position.end_date is not None and position.end_date < today


# ------------------------------------------------------------------------------------------
# Recording, changing, archiving


@login_required
@require_http_methods(["GET", "POST"])
def position_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = get_initiative_for(request, slug, pk, "jobs.record_positions")
    form = PositionForm(_posted(request), initiative=initiative)
    holder_form = HolderForm(_posted(request), agency_id=initiative.agency_id, prefix="holder")
    if request.method == "POST" and _saved(request, form, holder_form, initiative=initiative):
        messages.success(request, _("The position has been recorded."))
        return _list_page(initiative)
    return _form_page(request, initiative, form, holder_form)


@login_required
@require_http_methods(["GET", "POST"])
def position_edit(request: HttpRequest, slug: str, pk: int, position: int) -> HttpResponse:
    found = get_position_for(request, slug, pk, position)
    initiative = found.initiative
    form = PositionForm(_posted(request), instance=found, initiative=initiative)
    holder = getattr(found, "holder", None)
    holder_form = HolderForm(
        _posted(request), instance=holder, agency_id=initiative.agency_id, prefix="holder"
    )
    if request.method == "POST":
        # The forms change `found` as they validate: the service and the page get a fresh copy.
        found = get_object_or_404(_positions_of(initiative), pk=found.pk)
        found.initiative = initiative
        if _saved(request, form, holder_form, position=found):
            messages.success(request, _("Your changes to the position have been saved."))
            return _list_page(initiative)
    if holder is not None:
        log_reads(request, [holder])
    return _form_page(request, initiative, form, holder_form, found)


def _saved(request: HttpRequest, form, holder_form, *, initiative=None, position=None) -> bool:
    """Record (with `initiative`) or change (`position`) from valid forms; False with the
    errors on the forms."""
    if not (form.is_valid() & holder_form.is_valid()):  # both: every error shows at once
        return False
    fields, holder = form.position_fields(), holder_form.holder_values()
    try:
        if position is None:
            services.record_position(initiative, actor=request.user, holder=holder, **fields)
        else:
            services.update_position(position, actor=request.user, holder=holder, **fields)
    except ValidationError as error:
        _add_errors(error, form, holder_form)
        return False
    return True


def _add_errors(error: ValidationError, form, holder_form) -> None:
    """A service's errors on the form that has the field, else above the form."""
    problems = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
    for name, found in problems.items():
        target = holder_form if name in holder_form.fields else form
        target.add_error(name if name in target.fields else None, found)


def _form_page(request, initiative, form, holder_form, position=None) -> HttpResponse:
    status = 400 if form.errors or holder_form.errors else 200
    context = {
        "agency": initiative.agency,
        "initiative": initiative,
        "form": form,
        "holder_form": holder_form,
        "position": position,
    }
    return render(request, FORM_TEMPLATE, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def position_archive(request: HttpRequest, slug: str, pk: int, position: int) -> HttpResponse:
    """GET asks for confirmation; POST archives."""
    found = get_position_for(request, slug, pk, position)
    if request.method == "POST":
        services.archive_position(found, actor=request.user)
        messages.success(
            request,
            _("The position “%(title)s” has been archived. It no longer counts in any figure.")
            % {"title": found.title},
        )
        return _list_page(found.initiative)
    context = {"agency": found.initiative.agency, "initiative": found.initiative, "position": found}
    return render(request, "jobs/position_archive.html", context)
