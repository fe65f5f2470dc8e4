"""Entering an enterprise's figures: its business lines, the year table of a line (one form per
month), closing months, and recording profit distributions."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.dates import MONTHS
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kiezwerk.core.formats import euros
from kiezwerk.economy import services
from kiezwerk.economy.forms import DistributionForm, LineForm, MonthForm
from kiezwerk.economy.models import BusinessLine, ClosedMonth, LineClient, MonthFigures, Revenue
from kiezwerk.economy.services import FIRST_YEAR, LAST_YEAR
from kiezwerk.economy.views.base import get_enterprise_for, get_line_for
from kiezwerk.initiatives.models import Initiative
from kiezwerk.network.models import Partner

YEAR_TEMPLATE = "economy/year_table.html"


def _enterprise_page(initiative: Initiative) -> HttpResponse:
    return redirect("economy:enterprise", slug=initiative.agency.slug, pk=initiative.pk)


def _year_url(line: BusinessLine, year: int, month: int | None = None) -> str:
    kwargs = {"slug": line.initiative.agency.slug, "pk": line.initiative_id, "line": line.pk}
    url = reverse("economy:year", kwargs=kwargs | {"year": year})
    return f"{url}#month-row-{month}" if month else url


def _posted(request: HttpRequest):
    return request.POST if request.method == "POST" else None


# ------------------------------------------------------------------------------------------
# Business lines


@login_required
@require_http_methods(["GET", "POST"])
def line_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    enterprise = get_enterprise_for(request, slug, pk, "economy.enter_figures")
    form = LineForm(_posted(request), initiative=enterprise)
    if request.method == "POST" and form.is_valid():
        line = services.add_line(enterprise, actor=request.user, **form.line_fields())
        messages.success(request, _("The business line has been added."))
        return redirect(_year_url(line, timezone.localdate().year))
    status = 400 if form.errors else 200
    context = {"initiative": enterprise, "form": form, "line": None}
    return render(request, "economy/line_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def line_edit(request: HttpRequest, slug: str, pk: int, line: int) -> HttpResponse:
    found = get_line_for(request, slug, pk, line, "economy.enter_figures")
    form = LineForm(_posted(request), instance=found, initiative=found.initiative)
    if request.method == "POST" and form.is_valid():
        fresh = BusinessLine.objects.get(pk=found.pk)
        fresh.initiative = found.initiative
        services.update_line(fresh, actor=request.user, **form.line_fields())
        messages.success(request, _("Your changes have been saved."))
        return redirect(_year_url(found, timezone.localdate().year))
    status = 400 if form.errors else 200
    context = {"initiative": found.initiative, "form": form, "line": found}
    return render(request, "economy/line_form.html", context, status=status)


@login_required
@require_POST
def line_archive(request: HttpRequest, slug: str, pk: int, line: int) -> HttpResponse:
    found = get_line_for(request, slug, pk, line, "economy.enter_figures")
    services.archive_line(found, actor=request.user)
    messages.success(
        request,
        _("The business line “%(name)s” has been archived. Its figures stay in the reports.")
        % {"name": found.name},
    )
    return _enterprise_page(found.initiative)


# ------------------------------------------------------------------------------------------
# The year table: one row per month, built from one query each for the line's public clients
# and the year's figures, revenue and closed months.


@dataclass
class Column:
    name: str  # the MonthForm field
    label: str
    kind: str  # "money", "hours", "count" or "flag"


@dataclass
class Cell:
    """One input of a month's row (or its value, where the row is read-only)."""

    column: Column
    id: str
    label: str  # names column and month: the input's accessible name
    value: object = ""  # what the input holds; True or False for a checkbox
    shown: str = ""
    errors: list = field(default_factory=list)


@dataclass
class MonthRow:
    month: int
    name: str
    version: int
    cells: list[Cell]
    closed: bool
    editable: bool
    closable: bool
    rate: str
    reason: Cell | None = None
    status: str = ""
    errors: list = field(default_factory=list)

    @property
    def form_id(self) -> str:
        return f"month-{self.month}"

    @property
    def invalid(self) -> str:
        """The id of the first input with an error (focused after an htmx save)."""
        cells = [*self.cells, self.reason] if self.reason else self.cells
        return next((cell.id for cell in cells if cell.errors), "")


def _kind(name: str) -> str:
    kinds = {"volunteer_hours": "hours", "volunteers": "count", "reciprocal": "flag"}
    return kinds.get(name, "money")


def _input(value) -> object:
    if isinstance(value, bool) or value is None:
        return value or ""
    return formats.localize_input(value)


def _shown(value, kind: str) -> str:
    if value is None or value == "":
        return "–"
    if kind == "flag":
        return _("yes") if value else _("no")
    if kind in ("money", "hours"):
        return formats.number_format(value, 2, use_l10n=True, force_grouping=True)
    return str(value)


def _clients(line: BusinessLine, year: int) -> tuple[list[Partner], frozenset[int]]:
    """The public clients with a column in the line's year: its clients, and the former ones
    that brought in revenue in that year (so that what they paid stays in view and can be
    corrected); the ids of the former. Two queries."""
    current = {
        link.partner_id: link.partner
        for link in LineClient.objects.filter(agency_id=line.agency_id, line=line).select_related(
            "partner"
        )
    }
    paid = Revenue.objects.filter(
        agency_id=line.agency_id, line=line, year=year, client__isnull=False
    ).exclude(client_id__in=list(current))
    former = {row.client_id: row.client for row in paid.select_related("client")}
    clients = sorted({**current, **former}.values(), key=lambda p: (p.name, p.pk))
    return clients, frozenset(former)


class YearTable:
    """A business line's year: a row per month, the totals, and what the user may do."""

    def __init__(self, request: HttpRequest, line: BusinessLine, year: int) -> None:
        self.line, self.year = line, year
        user, initiative = request.user, line.initiative
        self.can_enter = line.archived_at is None and user.has_perm(
            "economy.enter_figures", initiative
        )
        self.can_close = user.has_perm("economy.close_months", initiative)
        self.clients, self.former = _clients(line, year)
        form = MonthForm(clients=self.clients, former=self.former)
        self.columns = [
            Column(name, str(form.fields[name].label), _kind(name)) for name in form.amount_fields()
        ]
        self.load()

    def load(self) -> None:
        """(Re)read the year's figures, revenue and closed months: one query each."""
        scope = {"agency_id": self.line.agency_id, "line": self.line, "year": self.year}
        self.figures = {row.month: row for row in MonthFigures.objects.filter(**scope)}
        self.revenue: dict[int, dict] = defaultdict(dict)
        rows = Revenue.objects.filter(**scope).values_list("month", "source", "client_id", "amount")
        for month, source, client, amount in rows:
            self.revenue[month][source if client is None else f"public_{client}"] = amount
        self.closed = set(
            ClosedMonth.objects.filter(
                agency_id=self.line.agency_id, initiative_id=self.line.initiative_id, year=self.year
            ).values_list("month", flat=True)
        )
        self.rows = [self.row(month) for month in range(1, 13)]

    @staticmethod
    def month_name(month: int) -> str:
        return str(MONTHS[month])

    def saved(self, month: int) -> dict:
        values = dict(self.revenue.get(month, {}))
        figures = self.figures.get(month)
        if figures is not None:
            values |= {name: getattr(figures, name) for name in services.MONTH_FIELDS}
        return values

    def row(self, month: int, form=None, *, status: str = "", errors=()) -> MonthRow:
        """The month's row: the saved values, or what `form` (bound, with errors) holds."""
        saved, name = self.saved(month), self.month_name(month)
        problems = form.errors if form is not None else {}
        closed = month in self.closed
        editable = self.can_enter and (not closed or self.can_close)
        figures = self.figures.get(month)
        version = figures.version if figures is not None else 0
        if form is not None:  # keep the version the user loaded: a later save stays guarded
            version = getattr(form, "cleaned_data", {}).get("version", version)
        cells = [self._cell(column, month, name, saved, form, problems) for column in self.columns]
        reason = None
        if closed and editable:
            column = Column("reason", _("Reason for the correction"), "text")
            reason = self._cell(column, month, name, {}, form, problems)
        today = timezone.localdate()
        hidden = [error for key in ("month", "version") for error in problems.get(key, [])]
        return MonthRow(
            month=month,
            name=name,
            version=version,
            cells=cells,
            closed=closed,
            editable=editable,
            closable=self.can_close and not closed and (self.year, month) <= today.timetuple()[:2],
            rate=self._rate(figures),
            reason=reason,
            status=status,
            errors=[*errors, *(form.non_field_errors() if form is not None else ()), *hidden],
        )

    @staticmethod
    def _cell(column: Column, month: int, name: str, saved: dict, form, problems) -> Cell:
        value = saved.get(column.name)
        if form is not None and column.name in form.fields:
            value = form[column.name].value()
        return Cell(
            column=column,
            id=f"m{month}-{column.name}",
            label=_("%(column)s, %(month)s") % {"column": column.label, "month": name},
            value=_input(value),
            shown=_shown(saved.get(column.name), column.kind),
            errors=list(problems.get(column.name, [])),
        )

    @staticmethod
    def _rate(figures: MonthFigures | None) -> str:
        if figures is None or not figures.volunteer_hours:
            return ""
        if figures.hour_rate is None:
            return _("not valued")
        # The method (agency's rate, minimum wage, ...) is explained below the table.
        return euros(figures.hour_rate)

    def replace(self, month: int, form=None, **row) -> MonthRow:
        self.rows[month - 1] = self.row(month, form, **row)
        return self.rows[month - 1]

    def totals(self) -> list[str]:
        """Per column, the sum of the months (amounts and hours; counts and flags stay empty)."""
        months = [self.saved(month) for month in range(1, 13)]
        return [
            _shown(sum((m.get(c.name, Decimal(0)) for m in months), Decimal(0)), c.kind)
            if c.kind in ("money", "hours")
            else ""
            for c in self.columns
        ]

    def context(self) -> dict:
        initiative = self.line.initiative
        return {
            "initiative": initiative,
            "line": self.line,
            "year": self.year,
            "url": _year_url(self.line, self.year),
            "columns": self.columns,
            "rows": self.rows,
            "totals": self.totals(),
            "can_enter": self.can_enter,
            "can_close": self.can_close,
            "previous_year": self.year - 1 if self.year > FIRST_YEAR else None,
            "next_year": self.year + 1 if self.year < LAST_YEAR else None,
            "first_year": FIRST_YEAR,
            "last_year": LAST_YEAR,
        }


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def year_table(request: HttpRequest, slug: str, pk: int, line: int, year: int) -> HttpResponse:
    _check_year(year)
    if request.method == "POST":
        found = get_line_for(request, slug, pk, line, "economy.enter_figures")
        return _save_month(request, found, year)
    found = get_line_for(request, slug, pk, line, "economy.view_figures", active=False)
    chosen = request.GET.get("year", "")
    if chosen.isdigit() and FIRST_YEAR <= int(chosen) <= LAST_YEAR and int(chosen) != year:
        return redirect(_year_url(found, int(chosen)))
    return render(request, YEAR_TEMPLATE, YearTable(request, found, year).context())


def _save_month(request: HttpRequest, line: BusinessLine, year: int) -> HttpResponse:
    """Save one row. Without htmx: back to the page (PRG), or the page with the row's errors.
    With htmx: only the row (and the totals), saved or with its errors."""
    month = request.POST.get("month", "")
    if not month.isdigit() or not 1 <= int(month) <= 12:
        return HttpResponseBadRequest()
    month = int(month)
    table = YearTable(request, line, year)
    closed = month in table.closed
    if closed and not table.can_close:
        raise PermissionDenied
    form = MonthForm(request.POST, clients=table.clients, former=table.former, correction=closed)
    outcome = _apply(request, line, year, month, form)
    if outcome == "saved" and not request.htmx:
        name = table.month_name(month)
        messages.success(request, _("The figures of %(month)s have been saved.") % {"month": name})
        return redirect(_year_url(line, year, month))
    status = 200 if request.htmx else 400
    if outcome == "error":
        table.replace(month, form)
    else:  # saved, or someone else saved first: show what is saved now
        table.load()
        if outcome == "stale":
            table.replace(month, errors=form.non_field_errors())
            status = 200 if request.htmx else 409
        else:
            table.replace(month, status=_("Saved."))
    context = table.context() | {"row": table.rows[month - 1]}
    if request.htmx:
        return render(request, f"{YEAR_TEMPLATE}#month_update", context, status=status)
    return render(request, YEAR_TEMPLATE, context, status=status)


def _apply(request: HttpRequest, line: BusinessLine, year: int, month: int, form) -> str:
    """Save a valid form: "saved", "stale" (someone saved in between) or "error"."""
    if not form.is_valid():
        return "error"
    try:
        services.save_month(
            line,
            year,
            month,
            form.values(),
            actor=request.user,
            version=form.cleaned_data["version"],
            reason=form.cleaned_data.get("reason", ""),
        )
    except services.StaleFigures as error:
        form.add_error(None, error)
        return "stale"
    except ValidationError as error:
        _add_errors(form, error)
        return "error"
    return "saved"


def _add_errors(form, error: ValidationError) -> None:
    """A service's errors: on the form's field where it has one, else on the row."""
    if hasattr(error, "error_dict") and set(error.error_dict) <= set(form.fields):
        form.add_error(None, error)
    else:
        form.add_error(None, error.messages)


@login_required
@require_POST
def close_month(request: HttpRequest, slug: str, pk: int, year: int, month: int) -> HttpResponse:
    enterprise = get_enterprise_for(request, slug, pk, "economy.close_months")
    try:
        services.close_month(enterprise, year, month, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        name = f"{MONTHS[month]} {year}"
        messages.success(request, _("%(month)s has been closed.") % {"month": name})
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return redirect(target) if safe else _enterprise_page(enterprise)


# ------------------------------------------------------------------------------------------
# Distributions


@login_required
@require_http_methods(["GET", "POST"])
def distribution_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    enterprise = get_enterprise_for(request, slug, pk, "economy.enter_figures")
    form = DistributionForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        services.record_distribution(enterprise, actor=request.user, **form.cleaned_data)
        messages.warning(
            request,
            _(
                "The distribution has been recorded. Profit paid out to private persons flags "
                "criterion 3 of a social enterprise (surplus is reinvested)."
            ),
        )
        return _enterprise_page(enterprise)
    status = 400 if form.errors else 200
    context = {"initiative": enterprise, "form": form}
    return render(request, "economy/distribution_form.html", context, status=status)
