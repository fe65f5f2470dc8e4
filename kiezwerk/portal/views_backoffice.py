"""The portal in the back office: management edits the public pages, answers accessibility
feedback and lists team members who agreed; each team member decides about their own name."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kiezwerk.accounts.enums import STAFF_ROLES
from kiezwerk.agencies.models import Membership
from kiezwerk.agencies.views import get_agency_for
from kiezwerk.core.models import Consent
from kiezwerk.core.reads import log_reads
from kiezwerk.portal import queries
from kiezwerk.portal.defaults import default_page
from kiezwerk.portal.enums import PageKind
from kiezwerk.portal.forms import FeedbackAnswerForm, ListingForm, OwnListingForm, PageForm
from kiezwerk.portal.models import AccessibilityFeedback, PortalPage
from kiezwerk.portal.services import StalePage, answer_feedback, change_listing, save_page

FORM_METHODS = ["GET", "POST"]


@login_required
@require_GET
def pages(request: HttpRequest, slug: str) -> HttpResponse:
    """Every page kind: written or default text, published or not, last change."""
    agency = get_agency_for(request, slug, "portal.edit_pages")
    written = {page.kind: page for page in agency.portal_pages.select_related("updated_by")}
    rows = [(kind, label, written.get(kind)) for kind, label in PageKind.choices]
    open_feedback = AccessibilityFeedback.objects.active().open().filter(agency=agency).count()
    context = {"agency": agency, "rows": rows, "open_feedback": open_feedback}
    return render(request, "portal/backoffice/pages.html", context)


@login_required
@require_http_methods(FORM_METHODS)
def page_edit(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    """Edit one page; while it is not written, the form starts from the generated default."""
    agency = get_agency_for(request, slug, "portal.edit_pages")
    page = PortalPage.objects.filter(agency=agency, kind=kind).first()
    form = PageForm(request.POST or None, instance=page, initial=_initial(agency, kind, page))
    if request.method == "POST" and form.is_valid():
        try:
            save_page(agency, kind, form=form, user=request.user)
        except StalePage:
            form.add_error(
                None,
                _(
                    "Someone else saved this page meanwhile. Copy your text, "
                    "reload the page and apply your changes again."
                ),
            )
        else:
            messages.success(request, _("The page has been saved."))
            return redirect("portal_admin:pages", slug=agency.slug)
    status = 400 if form.errors else 200
    context = {"agency": agency, "form": form, "page": page, "kind": PageKind(kind)}
    return render(request, "portal/backoffice/page_form.html", context, status=status)


def _initial(agency, kind: str, page: PortalPage | None) -> dict:
    if page is not None:
        return {"version": page.version}
    title, body = default_page(agency, kind, queries.served_neighbourhoods(agency))
    return {"version": 0, "title": title, "body_markdown": body, "published": True}


@login_required
@require_GET
def feedback_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Accessibility feedback, open first: received, due a month later, overdue marked."""
    agency = get_agency_for(request, slug, "portal.answer_feedback")
    feedback = AccessibilityFeedback.objects.active().filter(agency=agency)
    context = {
        "agency": agency,
        "open": list(feedback.open().order_by("created_at")),
        "answered": list(
            feedback.filter(answered_at__isnull=False)
            .select_related("answered_by")
            .order_by("-answered_at")[:50]
        ),
    }
    log_reads(request, [*context["open"], *context["answered"]])
    return render(request, "portal/backoffice/feedback_list.html", context)


@login_required
@require_http_methods(FORM_METHODS)
def feedback_answer(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    agency = get_agency_for(request, slug, "portal.answer_feedback")
    feedback = get_object_or_404(AccessibilityFeedback.objects.active(), agency=agency, pk=pk)
    if feedback.answered_at is not None:
        messages.info(request, _("This feedback has already been answered."))
        return redirect("portal_admin:feedback", slug=agency.slug)
    form = FeedbackAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        answer_feedback(feedback, note=form.cleaned_data["answer_note"], user=request.user)
        messages.success(request, _("The feedback is marked as answered."))
        return redirect("portal_admin:feedback", slug=agency.slug)
    status = 400 if form.errors else 200
    log_reads(request, [feedback])
    context = {"agency": agency, "feedback": feedback, "form": form}
    return render(request, "portal/backoffice/feedback_answer.html", context, status=status)


@login_required
@require_GET
def team(request: HttpRequest, slug: str) -> HttpResponse:
    """The agency's own team and whether each is named on the public page."""
    agency = get_agency_for(request, slug, "portal.manage_listing")
    members = Membership.objects.active().filter(agency=agency, role__in=STAFF_ROLES)
    context = {"agency": agency, "members": members.select_related("user")}
    return render(request, "portal/backoffice/team.html", context)


@login_required
@require_http_methods(FORM_METHODS)
def team_listing(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Management lists or unlists a team member, noting how the person agreed."""
    agency = get_agency_for(request, slug, "portal.manage_listing")
    membership = get_object_or_404(
        Membership.objects.active().select_related("user"),
        agency=agency,
        role__in=STAFF_ROLES,
        pk=pk,
    )
    form = ListingForm(request.POST or None, instance=membership)
    if request.method == "POST" and form.is_valid():
        channel = form.cleaned_data["channel"]
        change_listing(membership, form=form, user=request.user, channel=channel)
        messages.success(request, _("The public listing has been saved."))
        return redirect("portal_admin:team", slug=agency.slug)
    status = 400 if form.errors else 200
    context = {"agency": agency, "membership": membership, "form": form}
    return render(request, "portal/backoffice/team_listing.html", context, status=status)


@login_required
@require_http_methods(FORM_METHODS)
def my_listing(request: HttpRequest, slug: str) -> HttpResponse:
    """A team member decides whether their own name is shown on the public page."""
    agency = get_agency_for(request, slug, "portal.edit_own_listing")
    membership = Membership.objects.active().filter(agency=agency, user=request.user).first()
    if membership is None:  # a superuser who is not a member of the agency
        raise Http404
    form = OwnListingForm(request.POST or None, instance=membership)
    if request.method == "POST" and form.is_valid():
        change_listing(membership, form=form, user=request.user, channel=Consent.Channel.ONLINE)
        messages.success(request, _("Your choice has been saved."))
        return redirect("backoffice:agency", slug=agency.slug)
    context = {"agency": agency, "form": form}
    return render(request, "portal/backoffice/my_listing.html", context)
