"""Assessments of an initiative: the criteria check and the EMES profile, each kept as history."""

from csp.constants import NONE, UNSAFE_INLINE
from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from kiezwerk.initiatives import queries, services
from kiezwerk.initiatives.charts import emes_radar_svg
from kiezwerk.initiatives.forms.assessments import CriteriaForm, EmesForm
from kiezwerk.initiatives.views.base import get_initiative_for

# The chart is an image: matplotlib styles its shapes inline, and it needs nothing else.
SVG_CSP = {"default-src": [NONE], "style-src": [UNSAFE_INLINE], "script-src": [NONE]}


def _posted(request: HttpRequest):
    return request.POST if request.method == "POST" else None


@login_required
@require_http_methods(["GET", "POST"])
def assess_criteria(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = get_initiative_for(request, slug, pk, "initiatives.change_initiative")
    latest = queries.criteria_of(initiative).first()
    form = CriteriaForm(_posted(request), initial=CriteriaForm.initial_from(latest))
    if request.method == "POST" and form.is_valid():
        services.record_criteria_check(initiative, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The criteria check has been saved."))
        return redirect("initiatives:detail", slug=slug, pk=pk)
    context = {"initiative": initiative, "form": form, "latest": latest}
    status = 400 if form.errors else 200
    return render(request, "initiatives/criteria_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def record_emes(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = get_initiative_for(request, slug, pk, "initiatives.change_initiative")
    latest = queries.profiles_of(initiative).first()
    form = EmesForm(_posted(request), initial=EmesForm.initial_from(latest))
    if request.method == "POST" and form.is_valid():
        services.record_emes_profile(initiative, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The EMES profile has been saved."))
        return redirect("initiatives:detail", slug=slug, pk=pk)
    context = {"initiative": initiative, "form": form, "latest": latest}
    status = 400 if form.errors else 200
    return render(request, "initiatives/emes_form.html", context, status=status)


@login_required
@require_GET
@never_cache
@csp_replace(SVG_CSP)
def emes_chart(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The latest EMES profile as a radar chart (SVG), with the previous one for comparison."""
    initiative = get_initiative_for(request, slug, pk, "initiatives.view_internal")
    profiles = list(queries.profiles_of(initiative)[:2])
    if not profiles:
        raise Http404
    svg = emes_radar_svg(profiles[0], profiles[1] if len(profiles) > 1 else None)
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
