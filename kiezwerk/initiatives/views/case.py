"""One initiative: its page with the whole history, and the work done on it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kiezwerk.core.activity import changed_fields, log_action
from kiezwerk.core.htmx import render_page_or_partial
from kiezwerk.core.reads import log_reads
from kiezwerk.initiatives import queries, services
from kiezwerk.initiatives.documents import documents_for
from kiezwerk.initiatives.forms.case import (
    ConsultationForm,
    ContactForm,
    InitiativeEditForm,
    MilestoneForm,
    ReassignForm,
    StageChangeForm,
)
from kiezwerk.initiatives.models import Initiative, InitiativeNeed, Milestone, ServedNeighbourhood
from kiezwerk.initiatives.views.base import get_initiative_for
from kiezwerk.initiatives.views.pipeline import board_context


def _detail_url(initiative: Initiative) -> str:
    from django.urls import reverse

    return reverse(
        "initiatives:detail", kwargs={"slug": initiative.agency.slug, "pk": initiative.pk}
    )


@login_required
@require_GET
def detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = get_initiative_for(request, slug, pk, "initiatives.view_initiative")
    user = request.user
    internal = user.has_perm("initiatives.view_internal", initiative)
    can_change = user.has_perm("initiatives.change_initiative", initiative)
    context = {
        "agency": initiative.agency,
        "initiative": initiative,
        "can_see_internal": internal,
        "can_change": can_change,
        "can_reassign": user.has_perm("initiatives.reassign_initiative", initiative),
        "needs": initiative.needs.select_related("category"),
        "served": initiative.served_neighbourhoods.all(),
        "milestones": initiative.milestones.all(),
        "documents": documents_for(initiative, user),
        "timeline": queries.timeline(initiative, internal=internal),
        "stage_form": StageChangeForm(
            initial={"to_stage": initiative.stage, "version": initiative.stage_version}
        ),
    }
    if internal:
        context |= _internal_context(initiative, can_change)
        log_reads(request, _records_shown(context))
    return render(request, "initiatives/initiative_detail.html", context)


def _records_shown(context: dict) -> list:
    """The contact persons and the consultations whose notes the page shows (in the table
    and in the timeline), each once."""
    notes = [item.record for item in context["timeline"] if item.kind == "consultation"]
    consultations = {c.pk: c for c in [*context["consultations"], *notes]}
    return [*context["contacts"], *consultations.values()]


def _internal_context(initiative: Initiative, can_change: bool) -> dict:
    return {
        "contacts": list(initiative.contacts.active()),
        "consultations": list(
            initiative.consultations.select_related("advisor").prefetch_related("needs_raised")[:20]
        ),
        **queries.assessments_of(initiative),
        "reassign_form": ReassignForm(
            agency=initiative.agency, initial={"advisor": initiative.advisor_id}
        ),
        "milestone_form": MilestoneForm() if can_change else None,
        # Referrals to network partners, with what was delivered (one query, through the
        # reverse relation: the initiatives app does not import the network app).
        "referrals": list(
            initiative.referrals.select_related("partner", "offer")
            .with_delivered()
            .order_by("-referred_on", "-pk")
        ),
    }


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = get_initiative_for(request, slug, pk, "initiatives.change_initiative")
    form = InitiativeEditForm(
        request.POST if request.method == "POST" else None, instance=initiative
    )
    if request.method == "POST" and form.is_valid():
        _save_edit(request, form)
        messages.success(request, _("Your changes have been saved."))
        return redirect(_detail_url(initiative))
    status = 400 if form.errors else 200
    return render(
        request,
        "initiatives/initiative_edit.html",
        {"initiative": initiative, "form": form},
        status=status,
    )


@transaction.atomic
def _save_edit(request: HttpRequest, form: InitiativeEditForm) -> None:
    initiative = form.save()
    links = {
        "needs": (InitiativeNeed, "need"),
        "served_neighbourhoods": (ServedNeighbourhood, "neighbourhood"),
    }
    for field, (model, key) in links.items():
        if field in form.changed_data:
            _replace_links(
                initiative, model, key, form.fields[field].queryset, form.cleaned_data[field]
            )
    if form.changed_data:
        log_action(request.user, "changed", initiative, {"fields": changed_fields(form)})


def _replace_links(initiative: Initiative, model, key: str, offered, chosen) -> None:
    """Add the chosen links and drop the offered ones not chosen. Links to records the form
    did not offer (an archived or merged need) stay: the form could not have kept them."""
    rows = model.objects.filter(initiative=initiative)
    chosen_ids = {obj.pk for obj in chosen}
    rows.filter(**{f"{key}__in": offered}).exclude(**{f"{key}__in": chosen_ids}).delete()
    existing = set(rows.values_list(f"{key}_id", flat=True))
    model.objects.bulk_create(
        model(agency_id=initiative.agency_id, initiative=initiative, **{key: obj})
        for obj in chosen
        if obj.pk not in existing
    )


@login_required
@require_POST
def change_stage(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = get_initiative_for(request, slug, pk, "initiatives.change_initiative")
    form = StageChangeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose a stage."))
    else:
        _move(request, initiative, form.cleaned_data)
    if request.POST.get("from") == "board":
        if request.htmx:
            context = board_context(request, initiative.agency)
            return render_page_or_partial(request, "initiatives/board.html", context, "board")
        return redirect(_board_url(request, initiative))
    return redirect(_detail_url(initiative))


def _move(request: HttpRequest, initiative: Initiative, data: dict) -> None:
    try:
        services.change_stage(
            initiative,
            actor=request.user,
            to_stage=data["to_stage"],
            note=data["note"],
            version=data["version"],
        )
    except services.StaleStageError:
        messages.error(
            request,
            _(
                "%(name)s was moved by someone else in the meantime. Nothing was changed; "
                "please check its stage and try again."
            )
            % {"name": initiative.name},
        )
    except ValidationError:
        messages.error(request, _("Please give a reason when pausing or giving up an initiative."))
    else:
        messages.success(
            request,
            _("%(name)s is now in the stage “%(stage)s”.")
            % {"name": initiative.name, "stage": initiative.get_stage_display()},
        )


def _board_url(request: HttpRequest, initiative: Initiative) -> str:
    url = reverse("initiatives:board", kwargs={"slug": initiative.agency.slug})
    query = request.POST.get("board_query", "")
    candidate = f"{url}?{query}" if query else url
    return candidate if url_has_allowed_host_and_scheme(candidate, allowed_hosts=None) else url


@login_required
@require_POST
def reassign(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = get_initiative_for(request, slug, pk, "initiatives.reassign_initiative")
    form = ReassignForm(request.POST, agency=initiative.agency)
    if form.is_valid():
        services.reassign(initiative, actor=request.user, advisor=form.cleaned_data["advisor"])
        messages.success(request, _("The advisor has been changed."))
    else:
        messages.error(request, _("Please choose a person from the list."))
    return redirect(_detail_url(initiative))


@login_required
@require_http_methods(["GET", "POST"])
def add_consultation(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = get_initiative_for(request, slug, pk, "initiatives.change_initiative")
    form = ConsultationForm(
        request.POST if request.method == "POST" else None, initiative=initiative
    )
    if request.method == "POST" and form.is_valid():
        services.record_consultation(initiative, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The consultation has been recorded."))
        return redirect(_detail_url(initiative))
    status = 400 if form.errors else 200
    context = {"initiative": initiative, "form": form}
    return render(request, "initiatives/consultation_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def add_contact(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = get_initiative_for(request, slug, pk, "initiatives.change_initiative")
    form = ContactForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.add_contact(initiative, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The contact person has been added."))
        return redirect(_detail_url(initiative))
    status = 400 if form.errors else 200
    return render(
        request,
        "initiatives/contact_form.html",
        {"initiative": initiative, "form": form},
        status=status,
    )


@login_required
@require_POST
def add_milestone(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = get_initiative_for(request, slug, pk, "initiatives.change_initiative")
    form = MilestoneForm(request.POST)
    if form.is_valid():
        services.add_milestone(initiative, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The milestone has been added."))
        return redirect(_detail_url(initiative) + "#milestones")
    context = {"initiative": initiative, "form": form}
    return render(request, "initiatives/milestone_form.html", context, status=400)


@login_required
@require_POST
def toggle_milestone(request: HttpRequest, slug: str, pk: int, milestone: int) -> HttpResponse:
    initiative = get_initiative_for(request, slug, pk, "initiatives.change_initiative")
    target = get_object_or_404(Milestone, pk=milestone, initiative=initiative)
    services.set_milestone_done(target, actor=request.user, done=request.POST.get("done") == "1")
    return redirect(_detail_url(initiative) + "#milestones")
