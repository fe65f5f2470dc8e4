"""One forum: its page, editing it, who came, what came of it, its calendar entry."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kiezwerk.core.reads import log_reads
from kiezwerk.forums import ics, queries, services
from kiezwerk.forums.forms import AttendeeForm, ForumEditForm, OutcomesForm, RaiseNeedForm
from kiezwerk.forums.models import Forum
from kiezwerk.forums.views.base import form_data, get_forum_for, run_service

VIEW, CHANGE = "forums.view_forum", "forums.change_forum"


def _detail_url(forum: Forum, anchor: str = "") -> str:
    url = reverse("forums:detail", kwargs={"slug": forum.agency.slug, "pk": forum.pk})
    return f"{url}#{anchor}" if anchor else url


@login_required
@require_GET
def detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    forum = get_forum_for(request, slug, pk, VIEW)
    user = request.user
    initiatives = list(forum.initiatives_sparked.order_by("name", "pk"))
    attendees = list(forum.attendees.select_related("partner", "initiative"))
    log_reads(request, [attendee for attendee in attendees if attendee.name])  # persons
    for initiative in initiatives:
        initiative.can_view = user.has_perm("initiatives.view_initiative", initiative)
    context = {
        "agency": forum.agency,
        "forum": forum,
        "can_change": user.has_perm(CHANGE, forum),
        "attendance": queries.attendance(forum),
        "attendees": attendees,
        "needs": forum.needs_raised.select_related("category").order_by("title", "pk"),
        "initiatives": initiatives,
        "partnerships": forum.partnerships_agreed.order_by("title", "pk"),
        "history": queries.history(forum),
    }
    return render(request, "forums/forum_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    forum = get_forum_for(request, slug, pk, CHANGE)
    form = ForumEditForm(
        form_data(request), instance=copy.copy(forum), user=request.user, agency=forum.agency
    )
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in ForumEditForm.Meta.fields}
        saved = run_service(
            form, lambda: services.update_forum(forum, actor=request.user, **fields)
        )
        if saved is not None:
            messages.success(request, _("Your changes have been saved."))
            return redirect(_detail_url(forum))
    return _form_page(request, forum, form, "forums/forum_edit.html")


@login_required
@require_http_methods(["GET", "POST"])
def add_attendee(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    forum = get_forum_for(request, slug, pk, CHANGE)
    form = AttendeeForm(form_data(request), forum=forum)
    if request.method == "POST" and form.is_valid():
        attendee = run_service(
            form, lambda: services.add_attendee(forum, actor=request.user, **form.cleaned_data)
        )
        if attendee is not None:
            messages.success(request, _("The attendee has been registered."))
            return redirect(_detail_url(forum, "attendees"))
    return _form_page(request, forum, form, "forums/attendee_form.html")


@login_required
@require_http_methods(["GET", "POST"])
def raise_need(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    forum = get_forum_for(request, slug, pk, CHANGE)
    form = RaiseNeedForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        need = run_service(
            form,
            lambda: services.raise_need_at_forum(forum, actor=request.user, **form.cleaned_data),
        )
        if need is not None:
            messages.success(request, _("The need has been recorded."))
            return redirect(_detail_url(forum, "outcomes"))
    return _form_page(request, forum, form, "forums/need_form.html")


@login_required
@require_http_methods(["GET", "POST"])
def outcomes(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    forum = get_forum_for(request, slug, pk, CHANGE)
    form = OutcomesForm(form_data(request), forum=forum)
    if request.method == "POST" and form.is_valid():
        changes = run_service(
            form, lambda: services.set_outcomes(forum, actor=request.user, **form.cleaned_data)
        )
        if changes is not None:
            messages.success(request, _("The outcomes have been saved."))
            return redirect(_detail_url(forum, "outcomes"))
    return _form_page(request, forum, form, "forums/outcomes_form.html")


def _form_page(request: HttpRequest, forum: Forum, form, template: str) -> HttpResponse:
    status = 400 if form.errors else 200
    context = {"agency": forum.agency, "forum": forum, "form": form}
    return render(request, template, context, status=status)


@login_required
@require_GET
def event_ics(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The forum as a calendar entry to download (also when it is not public)."""
    forum = get_forum_for(request, slug, pk, VIEW)
    content = ics.calendar(
        [forum], name=forum.title, agency_slug=forum.agency.slug, key=f"forum-{forum.pk}"
    )
    return ics.response(
        content, filename=f"forum-{forum.pk}.ics", cache_control="private, no-cache"
    )
