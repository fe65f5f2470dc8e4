"""The agency's grants: the list, a grant's page (financing plan, budget by cost category,
spending per year, drawdowns, targets against actuals) and the management's forms for each
part. Funders read the
grants they are readers of, without the reader accounts and without anything personal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.dates import MONTHS
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from kiezwerk.agencies.views import get_agency_for
from kiezwerk.core.formats import euros
from kiezwerk.funding import forms, queries, services
from kiezwerk.funding.attainment import attainment
from kiezwerk.funding.enums import CostCategory
from kiezwerk.funding.models import Drawdown, Grant, Spending
from kiezwerk.funding.targets import TargetsForm, save_targets

VIEW, CHANGE = "funding.view_grant", "funding.change_grant"


def get_grant_for(request: HttpRequest, slug: str, pk: int, perm: str = VIEW) -> Grant:
    """The agency's active grant if the user may read it (else 404: a grant one may not read
    is not shown to exist) and holds `perm` on it (else 403)."""
    agency = get_agency_for(request, slug, "agencies.view_agency")
    grants = Grant.objects.active().filter(agency=agency).select_related("programme")
    grant = get_object_or_404(grants, pk=pk)
    grant.agency = agency
    if not request.user.has_perm(VIEW, grant):
        raise Http404
    if perm != VIEW and not request.user.has_perm(perm, grant):
        raise PermissionDenied
    return grant


def _grant_page(grant: Grant, section: str = "") -> HttpResponse:
    url = reverse("funding:grant", kwargs={"slug": grant.agency.slug, "pk": grant.pk})
    return redirect(f"{url}#{section}-title" if section else url)


def _posted(request: HttpRequest):
    return request.POST if request.method == "POST" else None


def _status(request: HttpRequest) -> int:
    return 400 if request.method == "POST" else 200


def _saved(form, save) -> bool:
    """Run `save` (a service call) for a valid form; its ValidationError goes onto the form
    (onto the field it names, if the form has it)."""
    if not form.is_valid():
        return False
    try:
        save()
    except ValidationError as error:
        known = hasattr(error, "error_dict") and set(error.error_dict) <= set(form.fields)
        form.add_error(None, error if known else error.messages)
        return False
    return True


# ------------------------------------------------------------------------------------------
# Reading


@login_required
@require_GET
def grants(request: HttpRequest, slug: str) -> HttpResponse:
    agency = get_agency_for(request, slug, "funding.list_grants")
    context = {"agency": agency, "grants": queries.grant_list(request.user, agency)}
    return render(request, "funding/grant_list.html", context)


@login_required
@require_GET
def grant(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    found = get_grant_for(request, slug, pk)
    can_change = request.user.has_perm(CHANGE, found)
    co_financing = list(found.co_financing.all())
    budget = queries.budget(found)
    context = {
        "agency": found.agency,
        "grant": found,
        "plan": queries.financing_plan(found, co_financing, found.programme.funder),
        "budget": budget,
        "spending": queries.spending_cells(budget),
        "drawdowns": queries.drawdowns(found),
        "can_change": can_change,
        "readers": _readers(found) if can_change else None,
    }
    context["spans"], context["target_rows"] = attainment(found)
    return render(request, "funding/grant_detail.html", context)


def _readers(grant: Grant) -> list:
    return list(grant.readers.select_related("user").order_by("user__name", "pk"))


# ------------------------------------------------------------------------------------------
# Management's forms


@login_required
@require_http_methods(["GET", "POST"])
def financing(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    found = get_grant_for(request, slug, pk, CHANGE)
    co_financing = list(found.co_financing.all())
    initial = {"amount": found.amount, "eu_share": found.eu_share}
    form = forms.FinancingForm(_posted(request), initial=initial)
    rows = forms.co_financing_rows(_posted(request), co_financing)

    def save():
        services.change_financing(
            found,
            actor=request.user,
            amount=form.cleaned_data["amount"],
            eu_share=form.cleaned_data["eu_share"],
            co_financiers=forms.co_financiers(rows),
        )

    if request.method == "POST" and rows.is_valid() and _saved(form, save):
        messages.success(request, _("The financing plan has been saved."))
        return _grant_page(found, "financing")
    context = {"agency": found.agency, "grant": found, "form": form, "rows": rows}
    return render(request, "funding/financing_form.html", context, status=_status(request))


@login_required
@require_http_methods(["GET", "POST"])
def budget(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    found = get_grant_for(request, slug, pk, CHANGE)
    current = queries.budget(found)
    spent = {row.category: row.spent for row in current.rows}
    initial = {row.category: row.planned for row in current.rows if row.planned}
    form = forms.BudgetForm(_posted(request), initial=initial, spent=spent)

    def save():
        services.set_budget(found, actor=request.user, planned=form.planned())

    if request.method == "POST" and _saved(form, save):
        messages.success(request, _("The budget has been saved."))
        return _grant_page(found, "budget")
    context = _form_context(found, form, _("Plan the budget"), "budget")
    context["lead"] = _(
        "The planned amount of each cost category. Together they may not exceed the grant's "
        "total amount of %(amount)s."
    ) % {"amount": euros(found.amount)}
    return render(request, "funding/grant_form.html", context, status=_status(request))


@login_required
@require_http_methods(["GET", "POST"])
def spending(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    found = get_grant_for(request, slug, pk, CHANGE)
    form = forms.SpendingForm(_posted(request), initial=_next_month(found))
    outcome = {}

    def save():
        data = form.cleaned_data
        outcome["row"], outcome["before"] = services.record_spending(
            found, actor=request.user, **data
        )

    if request.method == "POST" and _saved(form, save):
        messages.success(request, _spending_message(outcome["row"], outcome["before"]))
        return _grant_page(found, "budget")
    context = _form_context(found, form, _("Record spending"), "spending")
    context["lead"] = _(
        "What the grant spent in one cost category in one month of its period. An amount "
        "already recorded for that month and cost category is replaced."
    )
    return render(request, "funding/grant_form.html", context, status=_status(request))


def _next_month(grant: Grant) -> dict:
    """The month after the latest one with spending (within the period), else the first."""
    latest = (
        Spending.objects.filter(grant=grant)
        .order_by("-year", "-month")
        .values_list("year", "month")
        .first()
    )
    year, month = grant.start_date.year, grant.start_date.month
    if latest is not None:
        following = (latest[0] + 1, 1) if latest[1] == 12 else (latest[0], latest[1] + 1)
        year, month = following if services.in_period(grant, *following) else latest
    return {"category": CostCategory.STAFF, "year": year, "month": month}


def _spending_message(row: Spending, before) -> str:
    values = {
        "category": row.get_category_display(),
        "month": f"{MONTHS[row.month]} {row.year}",
        "amount": euros(row.amount),
    }
    if before is None:
        return _("Spending of %(month)s (%(category)s) recorded: %(amount)s.") % values
    return _("Spending of %(month)s (%(category)s) changed from %(before)s to %(amount)s.") % (
        values | {"before": euros(before)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def drawdown_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    found = get_grant_for(request, slug, pk, CHANGE)
    sources = forms.drawdown_sources(found, found.co_financing.all())
    form = forms.DrawdownForm(_posted(request), sources=sources)

    def save():
        services.record_drawdown(found, actor=request.user, **form.cleaned_data)

    if request.method == "POST" and _saved(form, save):
        messages.success(request, _("The drawdown has been recorded."))
        return _grant_page(found, "drawdowns")
    context = _form_context(found, form, _("Record a drawdown"), "drawdown")
    context["lead"] = _(
        "Money called from the EU fund or a co-financier under this grant. Record the day it "
        "arrived now or later."
    )
    return render(request, "funding/grant_form.html", context, status=_status(request))


@login_required
@require_http_methods(["GET", "POST"])
def drawdown_received(request: HttpRequest, slug: str, pk: int, drawdown: int) -> HttpResponse:
    found = get_grant_for(request, slug, pk, CHANGE)
    call = get_object_or_404(Drawdown.objects.filter(grant=found), pk=drawdown)
    call.grant = found
    form = forms.ReceivedForm(_posted(request), drawdown=call)

    def save():
        services.mark_received(call, actor=request.user, **form.cleaned_data)

    if request.method == "POST" and _saved(form, save):
        messages.success(request, _("The drawdown has been marked as received."))
        return _grant_page(found, "drawdowns")
    title = _("Mark the drawdown as received")
    context = _form_context(found, form, title, "received")
    context["lead"] = _(
        "%(amount)s from %(source)s, requested on %(requested)s. On which day did the money arrive?"
    ) % {
        "amount": euros(call.amount),
        "source": call.source,
        "requested": date_format(call.requested_on, "SHORT_DATE_FORMAT"),
    }
    return render(request, "funding/grant_form.html", context, status=_status(request))


def _form_context(grant: Grant, form, title: str, name: str) -> dict:
    return {"agency": grant.agency, "grant": grant, "form": form, "title": title, "name": name}


@login_required
@require_http_methods(["GET", "POST"])
def targets(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Management sets the grant's targets per indicator and year (funding.targets); the
    grant page shows them against the actual values (funding.attainment)."""
    found = get_grant_for(request, slug, pk, CHANGE)
    form = TargetsForm(_posted(request), grant=found)
    if form.is_valid():
        changed = save_targets(found, form.values(), actor=request.user)
        if changed:
            text = ngettext(
                "%(count)d target has been saved.", "%(count)d targets have been saved.", changed
            )
            messages.success(request, text % {"count": changed})
        else:
            messages.info(request, _("The targets have not changed."))
        return _grant_page(found, "targets")
    context = {"agency": found.agency, "grant": found, "form": form}
    return render(request, "funding/targets_form.html", context, status=_status(request))
