"""The agency's forums and events: the list with filters and feeds, and planning a new one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kiezwerk.agencies.models import Agency, Neighbourhood
from kiezwerk.agencies.views import get_agency_for
from kiezwerk.core.htmx import render_page_or_partial
from kiezwerk.forums import queries, services
from kiezwerk.forums.filters import ForumFilter
from kiezwerk.forums.forms import ForumForm
from kiezwerk.forums.models import Forum
from kiezwerk.forums.views.base import form_data, run_service

PAGE_SIZE = 25


@login_required
@require_GET
def forum_list(request: HttpRequest, slug: str) -> HttpResponse:
    agency = get_agency_for(request, slug, "forums.list_forums")
    forums = queries.forum_list(agency)
    filters = ForumFilter(request.GET, queryset=forums, agency=agency)
    rows = filters.qs if filters.is_valid() else forums.none()
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "agency": agency,
        "filter": filters,
        "page": page,
        "upcoming": [forum for forum in page.object_list if not forum.is_past],
        "past": [forum for forum in page.object_list if forum.is_past],
        "query": query.urlencode(),
        "forum_prefix": reverse("forums:list", kwargs={"slug": agency.slug}),
        "feeds": _feeds(request, agency),
    }
    return render_page_or_partial(request, "forums/forum_list.html", context, "results")


def _feeds(request: HttpRequest, agency: Agency) -> list[tuple[str, str]]:
    """The public calendar feeds: the agency's, then one per neighbourhood (full addresses,
    to paste into a calendar app)."""
    feeds = [(_("All neighbourhoods"), reverse("forums:agency_feed", kwargs={"slug": agency.slug}))]
    for hood in Neighbourhood.objects.active().filter(agency=agency).only("name", "slug"):
        url = reverse(
            "forums:neighbourhood_feed", kwargs={"slug": agency.slug, "neighbourhood": hood.slug}
        )
        feeds.append((hood.name, url))
    return [(name, request.build_absolute_uri(url)) for name, url in feeds]


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest, slug: str) -> HttpResponse:
    agency = get_agency_for(request, slug, "forums.add_forum")
    hood = request.GET.get("neighbourhood", "")
    form = ForumForm(
        form_data(request),
        instance=Forum(agency=agency),
        user=request.user,
        agency=agency,
        initial={"neighbourhood": int(hood)} if hood.isdigit() else {},
    )
    if request.method == "POST" and form.is_valid():
        forum = run_service(
            form,
            lambda: services.create_forum(agency, actor=request.user, **form.cleaned_data),
        )
        if forum is not None:
            messages.success(request, _("The event has been planned."))
            return redirect("forums:detail", slug=agency.slug, pk=forum.pk)
    status = 400 if form.errors else 200
    context = {"agency": agency, "form": form}
    return render(request, "forums/forum_form.html", context, status=status)
