"""Public pages: the directory of social enterprises and the forum calendar of an agency.

Who is in the directory: initiatives that opted in on their case's edit form
(`Initiative.is_public`), from the founding stage on (they are social enterprises then; paused
and given-up ones are not shown), not archived, in an active neighbourhood of an active agency
(`Initiative.objects.in_directory()`). Pages show only the public profile (description, opening
hours, address, phone, e-mail, website), the legal form, the founding date, the neighbourhoods
and what it offers; never contact persons, notes or figures.

What it offers: the advisor chooses one need category for the directory
(`Initiative.directory_category`). Deriving it from the needs an enterprise addresses was not
reliable: many enterprises have no need on record, some address needs of several categories,
and needs may be internal (not on the public needs board).

Nothing here is personal, so every page may be cached by anyone for five minutes; the queries
per page are the same for 2 or 2,000 enterprises (see tests/portal/test_directory.py and
bench/portal_directory.py).
"""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from kiezwerk.agencies.models import Agency, Neighbourhood
from kiezwerk.forums import ics
from kiezwerk.forums.models import Forum
from kiezwerk.forums.views.feeds import PUBLIC_CACHE
from kiezwerk.initiatives.models import Initiative, ServedNeighbourhood
from kiezwerk.needs.models import NeedCategory
from kiezwerk.portal.directory_jsonld import script_content

PAGE_SIZE = 30
# Public pages: shared caches and browsers may keep them for five minutes.
cacheable = cache_control(public=True, max_age=300)
# Only the public profile, never the case (idea, notes, contacts, figures).
ENTRY_FIELDS = (
    "name",
    "stage",
    "legal_form",
    "founded_on",
    "public_description",
    "opening_hours",
    "public_address",
    "public_phone",
    "public_email",
    "website",
    "agency__name",
    "agency__short_name",
    "agency__slug",
    "neighbourhood__name",
    "neighbourhood__slug",
    "directory_category__name",
)
FORUM_FIELDS = (
    "agency_id",
    "kind",
    "title",
    "starts_at",
    "ends_at",
    "place",
    "agenda",
    "updated_at",
    "neighbourhood__name",
)


# The directory offers every neighbourhood up to this many, else the chosen agency's.
ALL_NEIGHBOURHOODS_UP_TO = 60


class DirectoryFilterForm(forms.Form):
    """The directory's filters; each offers only what exists, so any other value is an error
    tied to its field (a hand-edited address), never a 500."""

    agency = forms.ChoiceField(label=_("Agency"), required=False)
    neighbourhood = forms.ChoiceField(label=_("Neighbourhood"), required=False)
    category = forms.TypedChoiceField(
        label=_("What it offers"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, data) -> None:
        super().__init__(data)
        agencies = Agency.objects.active().values_list("slug", "short_name", "name")
        hoods = Neighbourhood.objects.active().filter(agency__archived_at__isnull=True)
        listed = Initiative.objects.in_directory().filter(directory_category=OuterRef("pk"))
        categories = NeedCategory.objects.filter(Exists(listed)).values_list("pk", "name")
        self.fields["agency"].choices = [
            ("", _("All agencies")),
            *((slug, short or name) for slug, short, name in agencies),
        ]
        self.fields["neighbourhood"].choices = [
            ("", _("All neighbourhoods")),
            *self._offered(hoods),
        ]
        self.fields["category"].choices = [("", _("All kinds")), *categories]

    def _offered(self, hoods) -> list[tuple[str, str]]:
        """Every neighbourhood while there are few; beyond that (542 in Berlin, thousands in
        a country: a list that long helps nobody) those of the chosen agency, and the one in
        the address, which stays valid alone."""

        def choices(found, limit=None) -> list[tuple[str, str]]:
            ordered = found.order_by("name", "slug").values_list("slug", "name").distinct()
            return list(ordered[:limit] if limit else ordered)

        every = choices(hoods, ALL_NEIGHBOURHOODS_UP_TO + 1)
        if len(every) <= ALL_NEIGHBOURHOODS_UP_TO:
            return every
        self.fields["neighbourhood"].help_text = _(
            "Choose an agency first, then one of its neighbourhoods."
        )
        agency, chosen = self.data.get("agency") or "", self.data.get("neighbourhood") or ""
        offered = hoods.filter(agency__slug=agency) if agency else hoods.none()
        return choices(offered | hoods.filter(slug=chosen) if chosen else offered)

    def filter(self, entries):
        """The entries that match; a neighbourhood matches where they are and where they
        serve (the same place may be served by two agencies)."""
        data = self.cleaned_data
        if data["agency"]:
            entries = entries.filter(agency__slug=data["agency"])
        if data["neighbourhood"]:
            served = ServedNeighbourhood.objects.filter(neighbourhood__slug=data["neighbourhood"])
            entries = entries.filter(
                Q(neighbourhood__slug=data["neighbourhood"])
                | Q(pk__in=served.values("initiative_id"))
            )
        if data["category"]:
            entries = entries.filter(directory_category_id=data["category"])
        return entries


def directory_entries():
    return (
        Initiative.objects.in_directory()
        .select_related("agency", "neighbourhood", "directory_category")
        .only(*ENTRY_FIELDS)
    )


@require_GET
@cacheable
def directory(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET)
    entries = form.filter(directory_entries()) if form.is_valid() else Initiative.objects.none()
    page = Paginator(entries.order_by("name", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        # One reverse for the page, not one per entry (a fifth of the page's time).
        "entry_prefix": reverse("portal:directory"),
    }
    return render(
        request, "portal/directory/directory.html", context, status=400 if form.errors else 200
    )


@require_GET
@cacheable
def enterprise(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(directory_entries(), pk=pk)
    served = (
        Neighbourhood.objects.active()
        .filter(pk__in=ServedNeighbourhood.objects.filter(initiative=entry).values("neighbourhood"))
        .exclude(pk=entry.neighbourhood_id)
        .order_by("name")
        .values_list("name", flat=True)
    )
    url = request.build_absolute_uri(reverse("portal:enterprise", kwargs={"pk": entry.pk}))
    context = {"entry": entry, "served": list(served), "jsonld": script_content(entry, url=url)}
    return render(request, "portal/directory/enterprise.html", context)


def public_forums(agency: Agency):
    """The agency's forums and events that may be public, in active neighbourhoods."""
    return Forum.objects.active().filter(
        agency=agency, is_public=True, neighbourhood__archived_at__isnull=True
    )


@require_GET
@cacheable
def calendar(request: HttpRequest, slug: str) -> HttpResponse:
    """Upcoming public forums and events (also those under way), soonest first, with the
    links to download each and to subscribe to the agency's or a neighbourhood's feed."""
    agency = get_object_or_404(Agency.objects.active(), slug=slug)
    now = timezone.now()
    upcoming = (
        public_forums(agency)
        .filter(Q(starts_at__gte=now) | Q(ends_at__gte=now))
        .select_related("neighbourhood")
        .only(*FORUM_FIELDS)
        .order_by("starts_at", "pk")
    )
    page = Paginator(upcoming, PAGE_SIZE).get_page(request.GET.get("page"))
    feed = reverse("forums:agency_feed", kwargs={"slug": agency.slug})
    context = {
        "agency": agency,
        "page": page,
        "feed": feed,
        "subscribe": webcal(request, feed),
        "neighbourhood_feeds": neighbourhood_feeds(request, agency),
    }
    return render(request, "portal/calendar/calendar.html", context)


def neighbourhood_feeds(request: HttpRequest, agency: Agency) -> list[dict]:
    feeds = []
    hoods = Neighbourhood.objects.active().filter(agency=agency).order_by("name")
    for name, slug in hoods.values_list("name", "slug"):
        kwargs = {"slug": agency.slug, "neighbourhood": slug}
        path = reverse("forums:neighbourhood_feed", kwargs=kwargs)
        feeds.append({"name": name, "feed": path, "subscribe": webcal(request, path)})
    return feeds


def webcal(request: HttpRequest, path: str) -> str:
    """The feed's address for "subscribe": calendar apps open webcal:// links themselves."""
    return "webcal://" + request.build_absolute_uri(path).split("://", 1)[1]


@require_GET
def calendar_event(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """One public forum or event as a calendar entry to download."""
    agency = get_object_or_404(Agency.objects.active(), slug=slug)
    forum = get_object_or_404(public_forums(agency).only(*FORUM_FIELDS[:-1]), pk=pk)
    content = ics.calendar([forum], name=forum.title, agency_slug=agency.slug, key=f"forum-{pk}")
    return ics.response(content, filename=f"forum-{pk}.ics", cache_control=PUBLIC_CACHE)
