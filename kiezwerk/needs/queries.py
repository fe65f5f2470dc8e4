"""Reads of the needs register: its order, the category × status summary, how long needs have
been open, and a need's history including the needs merged into it."""

import datetime as dt
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import (
    Case,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    Min,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import ngettext

from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.needs.enums import CLOSED_STATUSES, OPEN_STATUSES, PUBLIC_STATUSES, NeedStatus
from kiezwerk.needs.models import Need

# The register's groups: unaddressed needs first, then those being addressed, met, rejected.
STATUS_GROUPS = {
    **dict.fromkeys(OPEN_STATUSES, 0),
    NeedStatus.ADDRESSED: 1,
    NeedStatus.MET: 2,
    NeedStatus.REJECTED: 3,
}
REGISTER_FIELDS = (
    "agency_id",
    "title",
    "status",
    "raised_on",
    "closed_on",
    "supporters",
    "from_portal",
    "neighbourhood__name",
    "category__name",
)


def in_register(needs: QuerySet) -> QuerySet:
    """Needs still in the register: not archived, not merged into another one."""
    return needs.filter(archived_at__isnull=True, merged_into__isnull=True)


def register_order(needs: QuerySet) -> QuerySet:
    """Grouped by status (unaddressed first); in a group, the longest open first: for open
    needs the earliest raised, for closed ones the longest time from raised to closed."""
    group = Case(
        *(When(status=status, then=Value(rank)) for status, rank in STATUS_GROUPS.items()),
        default=Value(len(STATUS_GROUPS)),
        output_field=IntegerField(),
    )
    open_for = Case(
        When(
            status__in=CLOSED_STATUSES,
            then=ExpressionWrapper(F("closed_on") - F("raised_on"), output_field=DurationField()),
        ),
        default=None,
        output_field=DurationField(),
    )
    return needs.alias(group=group, closed_after=open_for).order_by(
        "group", F("closed_after").desc(nulls_last=True), "raised_on", "pk"
    )


@dataclass(frozen=True)
class OpenFor:
    days: int
    label: str


def open_for(
    raised_on: dt.date, closed_on: dt.date | None, today: dt.date | None = None
) -> OpenFor:
    """How long a need has been (or was) open, in days, months or years as fits."""
    end = closed_on or today or timezone.localdate()
    days = max((end - raised_on).days, 0)
    months = (end.year - raised_on.year) * 12 + end.month - raised_on.month
    months -= end.day < raised_on.day
    label = _ongoing(days, months) if closed_on is None else _closed(days, months)
    return OpenFor(days, label)


def _ongoing(days: int, months: int) -> str:
    if days < 60:
        return ngettext("for %(count)d day", "for %(count)d days", days) % {"count": days}
    if months < 24:
        return ngettext("for %(count)d month", "for %(count)d months", months) % {"count": months}
    years = months // 12
    return ngettext("for %(count)d year", "for %(count)d years", years) % {"count": years}


def _closed(days: int, months: int) -> str:
    if days < 60:
        return ngettext("was open %(count)d day", "was open %(count)d days", days) % {"count": days}
    if months < 24:
        return ngettext("was open %(count)d month", "was open %(count)d months", months) % {
            "count": months
        }
    years = months // 12
    return ngettext("was open %(count)d year", "was open %(count)d years", years) % {"count": years}


@dataclass
class Summary:
    """Counts of needs by category (rows) and status (columns), with totals."""

    statuses: list[tuple[str, str]]
    rows: list[tuple[str, list[int], int]]
    totals: list[int]
    total: int


def summary(needs: QuerySet) -> Summary:
    """One aggregate query: needs by category and status."""
    counts = needs.order_by().values_list("category__name", "status").annotate(n=Count("pk"))
    statuses = NeedStatus.choices
    by_category: dict[str, dict[str, int]] = {}
    for category, status, n in counts:
        by_category.setdefault(category, {})[status] = n
    rows = []
    for category in sorted(by_category):
        cells = [by_category[category].get(status, 0) for status, _label in statuses]
        rows.append((category, cells, sum(cells)))
    totals = [sum(row[1][index] for row in rows) for index in range(len(statuses))]
    return Summary(statuses, rows, totals, sum(totals))


@dataclass(frozen=True)
class HistoryItem:
    when: dt.datetime
    label: str
    detail: str
    actor: object
    merged_from: str  # the title of the merged need the entry belongs to, or ""


def history(need: Need, merged: list[Need], limit: int = 100) -> list[HistoryItem]:
    """The activity-log entries of the need and of the needs merged into it, newest first
    (one query)."""
    titles = {str(other.pk): other.title for other in merged}
    content_type = ContentType.objects.get_for_model(Need)
    entries = (
        ActivityLogEntry.objects.filter(
            content_type=content_type, object_id__in=[str(need.pk), *titles]
        )
        .select_related("actor")
        .order_by("-created_at", "-pk")[:limit]
    )
    return [
        HistoryItem(e.created_at, e.label, describe(e), e.actor, titles.get(e.object_id, ""))
        for e in entries
        if not _logged_twice(e, need)
    ]


def _logged_twice(entry: ActivityLogEntry, need: Need) -> bool:
    """A merge is logged on both needs; a merged need's own copy of its merge is left out."""
    return (
        entry.verb == "needs.need_merged"
        and entry.object_id != str(need.pk)
        and str(entry.data.get("source")) == entry.object_id
    )


STATUS_LABELS = dict(NeedStatus.choices)


def describe(entry: ActivityLogEntry) -> str:
    """What changed, in a few words, from an entry's data."""
    data = entry.data or {}
    if entry.verb == "needs.status_changed":
        parts = [
            f"{STATUS_LABELS.get(data.get('from'), data.get('from'))} → "
            f"{STATUS_LABELS.get(data.get('to'), data.get('to'))}"
        ]
        if data.get("reason"):
            parts.append(str(data["reason"]))
        return ": ".join(parts)
    if entry.verb == "needs.need_merged":
        return f"{data.get('source_title', '')} → {data.get('into_title', '')}"
    if entry.verb == "needs.need_created":
        return str(data.get("title", ""))
    return ", ".join(sorted(_field_label(key) for key in data))


def _field_label(name: str) -> str:
    try:
        return str(Need._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


@dataclass
class MergePreview:
    """What merging `source` into `into` would move."""

    supporters: int
    supporters_after: int
    initiatives: list
    forums: list
    consultations: int
    history: int


def merge_preview(source: Need, into: Need) -> MergePreview:
    """The links of the source that the target does not have yet, and the source's history
    (reverse relations of the higher apps; five queries)."""
    merged_ids = [str(pk) for pk in source.merged_needs.values_list("pk", flat=True)]
    entries = ActivityLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Need),
        object_id__in=[str(source.pk), *merged_ids],
    )
    return MergePreview(
        supporters=source.supporters,
        supporters_after=source.supporters + into.supporters,
        initiatives=list(
            source.initiatives.exclude(pk__in=into.initiatives.values("pk")).order_by("name")
        ),
        forums=list(source.forums.exclude(pk__in=into.forums.values("pk")).order_by("starts_at")),
        consultations=source.consultations.exclude(pk__in=into.consultations.values("pk")).count(),
        history=entries.count(),
    )


# ------------------------------------------------------------------------------------------
# The public needs board and the demand register


def on_board(agency_id: int) -> QuerySet:
    """The needs of an agency that staff marked public, as the needs board shows them: still in
    the register, not rejected; by neighbourhood, most supported first."""
    return (
        in_register(Need.objects.filter(agency_id=agency_id, is_public=True))
        .filter(status__in=PUBLIC_STATUSES, neighbourhood__archived_at__isnull=True)
        .select_related("neighbourhood", "category")
        .order_by("neighbourhood__name", "-supporters", "title", "pk")
    )


def awaiting_moderation(needs: QuerySet) -> QuerySet:
    """Residents' reports from the needs board that staff have not published or rejected."""
    return needs.filter(from_portal=True, status=NeedStatus.REPORTED, is_public=False)


@dataclass(frozen=True)
class DemandSummary:
    total: int
    by_place: list[tuple[str, str, int]]  # district, neighbourhood or postcode, count
    by_category: list[tuple[str, int]]
    by_quarter: list[tuple[int, int, int]]  # year, quarter, count


def demand_summary(requests: QuerySet) -> DemandSummary:
    """The demand register in figures, grouped in the database: by district and neighbourhood
    (or postcode where no neighbourhood was named), by need category, and by quarter (stored
    as integers). Three queries."""
    requests = requests.filter(archived_at__isnull=True).order_by()
    places = (
        requests.values("district__name", "neighbourhood_key", "postcode")
        .annotate(count=Count("pk"), name=Min("neighbourhood_name"))
        .order_by("district__name", "neighbourhood_key", "postcode")
    )
    by_place = _merge_places(places)
    categories = (
        requests.values("category__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "category__name")
    )
    quarters = (
        requests.values("year", "quarter").annotate(count=Count("pk")).order_by("year", "quarter")
    )
    return DemandSummary(
        total=sum(count for _district, _place, count in by_place),
        by_place=by_place,
        by_category=[(row["category__name"], row["count"]) for row in categories],
        by_quarter=[(row["year"], row["quarter"], row["count"]) for row in quarters],
    )


def _merge_places(rows) -> list[tuple[str, str, int]]:
    """One row per district and neighbourhood; requests that named only a postcode count under
    their postcode."""
    merged: dict[tuple[str, str], int] = {}
    for row in rows:
        place = row["name"] if row["neighbourhood_key"] else row["postcode"]
        key = (row["district__name"], place)
        merged[key] = merged.get(key, 0) + row["count"]
    return [(district, place, count) for (district, place), count in merged.items()]


def demand_list(requests: QuerySet) -> QuerySet:
    return requests.select_related("district", "category", "agency").order_by("-created_at", "-pk")
