"""The agency's pipeline: board, list with filters and search, opening a case, stage report."""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.forms import ChoiceField
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kiezwerk.accounts.enums import Role
from kiezwerk.agencies.models import Agency, Neighbourhood
from kiezwerk.agencies.rules import role_in
from kiezwerk.agencies.views import get_agency_for
from kiezwerk.core.htmx import render_page_or_partial
from kiezwerk.initiatives import queries, services
from kiezwerk.initiatives.enums import PIPELINE_STAGES, SIDE_STAGES, LegalForm, Stage
from kiezwerk.initiatives.filters import InitiativeFilter
from kiezwerk.initiatives.forms.case import InitiativeOpenForm
from kiezwerk.initiatives.models import Initiative
from kiezwerk.initiatives.rules import works_on_case
from kiezwerk.initiatives.views import board_cards, select_options

PAGE_SIZE = 25
# The columns of the list; loading only these keeps long lists fast.
LIST_FIELDS = (
    "agency_id",
    "name",
    "stage",
    "legal_form",
    "last_contact_on",
    "neighbourhood__name",
    "advisor__name",
    "advisor__email",
)


def _cases(request: HttpRequest, agency: Agency):
    return Initiative.objects.visible_to_staff(request.user).active().filter(agency=agency)


def board_context(request: HttpRequest, agency: Agency) -> dict:
    """The board of the agency, narrowed to one neighbourhood or the user's own cases. After a
    move from the board (a POST), the board keeps the filters it was shown with."""
    params = (
        request.GET if request.method == "GET" else QueryDict(request.POST.get("board_query", ""))
    )
    cases = _cases(request, agency)
    hoods = Neighbourhood.objects.visible_to(request.user).active().filter(agency=agency)
    hood = params.get("neighbourhood", "")
    if hood.isdigit():
        cases = cases.filter(neighbourhood_id=int(hood))
    mine = params.get("mine") == "1"
    if mine:
        cases = cases.filter(advisor=request.user)
    columns = queries.board(cases)
    case_prefix = reverse("initiatives:list", kwargs={"slug": agency.slug})
    board_query = params.urlencode()
    _prepare_cards(request, agency, columns, case_prefix, board_query)
    return {
        "agency": agency,
        "columns": columns,
        "case_prefix": case_prefix,
        "board_query": board_query,
        "neighbourhoods": hoods,
        "selected_neighbourhood": int(hood) if hood.isdigit() else None,
        "mine": mine,
    }


def _prepare_cards(
    request: HttpRequest, agency: Agency, columns: list, case_prefix: str, board_query: str
) -> None:
    """The markup of each column's cards (board_cards), worked out once per board: whether the
    user may move a card, its stage options (rendered once per stage and language) and its
    address. Keeps a board of seventy cards fast."""
    user = request.user
    moves_all = user.is_superuser or role_in(user, agency) == Role.MANAGER
    shared = board_cards.move_form_parts(request, board_query)
    language = get_language()
    for column in columns:
        column.cards_html = board_cards.cards_html(
            [
                board_cards.card_html(
                    card,
                    url=f"{case_prefix}{card.pk}/",
                    can_move=moves_all or works_on_case(user, card),
                    options=_stage_options(language, card.stage),
                    shared=shared,
                )
                for card in column.cards
            ]
        )


@functools.cache
def _stage_options(language: str, current: str) -> str:
    context = {"current": current, "STAGE_CHOICES": Stage.choices}
    return render_to_string("initiatives/partials/stage_options.html", context)


@login_required
@require_GET
def board(request: HttpRequest, slug: str) -> HttpResponse:
    agency = get_agency_for(request, slug, "initiatives.list_initiatives")
    context = board_context(request, agency)
    return render_page_or_partial(request, "initiatives/board.html", context, "board")


@login_required
@require_GET
def initiative_list(request: HttpRequest, slug: str) -> HttpResponse:
    agency = get_agency_for(request, slug, "initiatives.list_initiatives")
    cases = _cases(request, agency).select_related("neighbourhood", "advisor").only(*LIST_FIELDS)
    filters = InitiativeFilter(
        request.GET, queryset=cases.order_by("name", "pk"), agency=agency, user=request.user
    )
    rows = filters.qs if filters.is_valid() else cases.none()
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = _with_labels(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    for field in filters.form.visible_fields():
        if isinstance(field.field, ChoiceField):
            field.options_html = select_options.options_html(field)
    context = {
        "agency": agency,
        "filter": filters,
        "page": page,
        "query": query.urlencode(),
        "case_prefix": reverse("initiatives:list", kwargs={"slug": agency.slug}),
        "can_add": request.user.has_perm("initiatives.add_initiative", agency),
    }
    return render_page_or_partial(request, "initiatives/initiative_list.html", context, "results")


def _with_labels(rows) -> list[Initiative]:
    """The page's rows with the labels of their stage and legal form, looked up in one dict
    each (get_FOO_display rebuilds its choices on every call)."""
    stages, forms = dict(Stage.choices), dict(LegalForm.choices)
    rows = list(rows)
    for row in rows:
        row.stage_label = stages.get(row.stage, row.stage)
        row.legal_form_label = forms.get(row.legal_form, row.legal_form)
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest, slug: str) -> HttpResponse:
    agency = get_agency_for(request, slug, "initiatives.add_initiative")
    form = InitiativeOpenForm(
        request.POST if request.method == "POST" else None, agency=agency, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        initiative = services.open_initiative(
            agency,
            actor=request.user,
            name=data["name"],
            neighbourhood=data["neighbourhood"],
            idea=data["idea"],
            advisor=data["advisor"],
            contact=form.contact(),
            needs=data["needs"],
        )
        messages.success(request, _("The initiative has been opened."))
        return redirect("initiatives:detail", slug=agency.slug, pk=initiative.pk)
    status = 400 if form.errors else 200
    return render(
        request, "initiatives/initiative_form.html", {"agency": agency, "form": form}, status=status
    )


@login_required
@require_GET
def stage_report(request: HttpRequest, slug: str) -> HttpResponse:
    """How long initiatives stay in each stage, and which stall."""
    agency = get_agency_for(request, slug, "initiatives.view_stage_report")
    cases = _cases(request, agency)
    durations = queries.stage_durations(agency.pk)
    now = queries.current_stays(cases)
    rows = [
        {
            "stage": stage,
            "now": now.get(stage, {}).get("now", 0),
            "stalled": now.get(stage, {}).get("stalled", 0),
            "stays": durations.get(stage, {}).get("stays", 0),
            "average_days": _days(durations.get(stage, {}).get("average")),
        }
        for stage in (*PIPELINE_STAGES, *SIDE_STAGES)
    ]
    context = {
        "agency": agency,
        "rows": rows,
        "stalled": queries.stalled(cases),
        "stall_days": queries.STALL_AFTER_DAYS,
    }
    return render(request, "initiatives/stage_report.html", context)


def _days(duration) -> int | None:
    return None if duration is None else round(duration.total_seconds() / 86400)
