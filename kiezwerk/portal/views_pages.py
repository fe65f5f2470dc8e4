"""The agency's public pages: its page, the editable pages (imprint, privacy notice, ...) and
the accessibility feedback form. No login; the pages are cached, the form is not."""

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_http_methods

from kiezwerk.agencies.models import Agency
from kiezwerk.core.public_forms import TOO_MANY, record_submission, within_limit
from kiezwerk.portal import queries
from kiezwerk.portal.enums import PageKind
from kiezwerk.portal.forms import AccessibilityFeedbackForm
from kiezwerk.portal.services import receive_feedback

PUBLIC = cache_control(public=True, max_age=300)
FEEDBACK_PER_HOUR = 5


def _public_agency(slug: str) -> Agency:
    return get_object_or_404(Agency.objects.active(), slug=slug)


@require_GET
@PUBLIC
def agency(request: HttpRequest, slug: str) -> HttpResponse:
    """What the agency does, where, who works there, who funds it, how to reach it."""
    agency = _public_agency(slug)
    neighbourhoods = queries.served_neighbourhoods(agency)
    context = {
        "agency": agency,
        "portal_agency": agency,
        "about": queries.shown_page(agency, PageKind.ABOUT, neighbourhoods),
        "appointments": queries.shown_page(agency, PageKind.APPOINTMENTS_INFO, neighbourhoods),
        "neighbourhoods": neighbourhoods,
        "team": queries.listed_team(agency),
        "funders": queries.funder_names(agency),
    }
    return render(request, "portal/agency.html", context)


@require_GET
@PUBLIC
def page(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    """One of the agency's editable pages: the published text or the generated default."""
    agency = _public_agency(slug)
    neighbourhoods = queries.served_neighbourhoods(agency)
    context = {
        "agency": agency,
        "portal_agency": agency,
        "page": queries.shown_page(agency, kind, neighbourhoods),
    }
    return render(request, "portal/page.html", context)


@require_http_methods(["GET", "POST"])
@never_cache
def accessibility_feedback(request: HttpRequest, slug: str) -> HttpResponse:
    """Report a barrier. Stored and e-mailed to the agency, which answers within a month."""
    agency = _public_agency(slug)
    form = AccessibilityFeedbackForm(request.POST or None)
    context = {"agency": agency, "portal_agency": agency, "form": form}
    if request.method == "POST":
        if not within_limit(request, "accessibility_feedback", per_hour=FEEDBACK_PER_HOUR):
            context["too_many"] = TOO_MANY
            return render(request, "portal/feedback_form.html", context, status=429)
        if not form.is_valid():
            return render(request, "portal/feedback_form.html", context, status=400)
        with transaction.atomic():
            receive_feedback(agency, form=form)
            record_submission(request, "accessibility_feedback")
        return redirect(reverse("portal:accessibility_feedback", kwargs={"slug": slug}) + "?sent")
    context["sent"] = "sent" in request.GET
    return render(request, "portal/feedback_form.html", context)
