"""The network-wide overview: key figures of every active agency and each of its neighbourhoods
for one calendar year, for the city department that plans the rollout. Aggregates only: no
person, no initiative and no record is named.

The figures follow the definitions of the indicator registry (`funding.indicators`: which
records count, which neighbourhood a record belongs to, what "in the year" means), so that an
agency's row here equals what its own indicators say. Instead of the registry's one query per
agency, each table is read once, grouped by agency and neighbourhood: eight queries in all,
whatever the number of agencies and neighbourhoods. An agency's figures are the sum of its
neighbourhoods' (every record counted here has exactly one neighbourhood).
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Max, Min, OuterRef, Q, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kiezwerk.agencies.models import Agency, Neighbourhood
from kiezwerk.forums.models import Forum
from kiezwerk.funding.indicators import CENT, ZERO, Span
from kiezwerk.initiatives.enums import ENTERPRISE_STAGES, PIPELINE_STAGES
from kiezwerk.initiatives.models import Consultation, Initiative
from kiezwerk.jobs.enums import Origin
from kiezwerk.jobs.models import Position
from kiezwerk.needs.enums import NeedStatus
from kiezwerk.needs.models import Need
from kiezwerk.network.models import Delivery

# Active pipeline stages before the founding day (the rest of the pipeline is founded).
BEFORE_FOUNDING = tuple(stage for stage in PIPELINE_STAGES if stage not in ENTERPRISE_STAGES)

# The key figures of both tables, in their order: (key, column heading). The keys that are
# also keys of the indicator registry mean the same.
FIGURES = (
    ("before_founding", _("Initiatives before founding (today)")),
    ("founded", _("Founded enterprises in the pipeline (today)")),
    ("enterprises_founded", _("Enterprises founded in the year")),
    ("enterprises_total", _("Enterprises founded up to the year's end")),
    ("consultations_held", _("Consultations held")),
    ("jobs_total", _("Jobs in total")),
    ("jobs_created", _("Jobs created")),
    ("needs_raised", _("Needs raised")),
    ("needs_met", _("Needs met")),
    ("forums_held", _("Forums and events held")),
    ("forum_attendance", _("Attendance at forums and events")),
    ("resource_value", _("Value of partner resources received (€)")),
)
KEYS = tuple(key for key, _label in FIGURES)
MONEY = frozenset({"resource_value"})
HOOD = "neighbourhood_id"


def blank() -> dict[str, int | Decimal]:
    return {key: (ZERO if key in MONEY else 0) for key in KEYS}


@dataclass
class AgencyRow:
    agency: Agency
    neighbourhoods: int  # active neighbourhoods served
    figures: dict = field(default_factory=blank)


@dataclass
class HoodRow:
    neighbourhood: Neighbourhood
    agency: Agency
    figures: dict = field(default_factory=blank)


@dataclass
class NetworkOverview:
    year: int
    agencies: list[AgencyRow]
    total: AgencyRow  # all agencies together (its `agency` is None)
    neighbourhoods: list[HoodRow]


# ------------------------------------------------------------------------------------------
# Which years have data


def _bound(queryset, function, expression) -> Subquery:
    grouped = queryset.order_by().values("agency_id").annotate(value=function(expression))
    return Subquery(grouped.filter(agency_id=OuterRef("pk")).values("value"))


def year_range() -> tuple[int, int] | None:
    """The first and last year with figures of an active agency (one query; a row per agency),
    never after this year; None without any."""
    this_year = timezone.localdate().year
    sources = (
        (Consultation.objects.all(), "held_on"),
        (Initiative.objects.filter(founded_on__isnull=False), "founded_on"),
        (Position.objects.all(), "start_date"),
        (Forum.objects.filter(starts_at__lte=timezone.now()), "year"),
        (Need.objects.all(), "raised_on"),
        (Delivery.objects.all(), "year"),
    )
    bounds = {}
    for number, (queryset, column) in enumerate(sources):
        bounds[f"first{number}"] = _bound(queryset, Min, column)
        bounds[f"last{number}"] = _bound(queryset, Max, column)
    years = [
        value if isinstance(value, int) else value.year
        for row in Agency.objects.active().values(**bounds)
        for value in row.values()
        if value is not None
    ]
    years = [year for year in years if year <= this_year]
    return (min(years), max(years)) if years else None


# ------------------------------------------------------------------------------------------
# The grouped figures: {(agency_id, neighbourhood_id): {key: value}} per table


def _grouped(queryset, hood: str = HOOD, **aggregates) -> list[dict]:
    return list(
        queryset.order_by()
        .values("agency_id", hood_id=F(hood))
        .annotate(**aggregates)
        .values("agency_id", "hood_id", *aggregates)
    )


def initiatives(agency_ids: list[int], span: Span) -> list[dict]:
    """The pipeline today by broad stage (active initiatives, neither paused nor given up),
    and foundings as `funding.indicators.foundings` counts them: in the year and up to its
    end, by the initiative's neighbourhood."""
    return _grouped(
        Initiative.objects.filter(agency_id__in=agency_ids, archived_at__isnull=True),
        before_founding=Count("pk", filter=Q(stage__in=BEFORE_FOUNDING)),
        founded=Count("pk", filter=Q(stage__in=ENTERPRISE_STAGES)),
        enterprises_founded=Count("pk", filter=Q(founded_on__range=span.days())),
        enterprises_total=Count("pk", filter=Q(founded_on__lte=span.end)),
    )


def consultations(agency_ids: list[int], span: Span) -> list[dict]:
    """`consultations_held` of `funding.indicators.consultations`."""
    held = Consultation.objects.filter(
        agency_id__in=agency_ids,
        held_on__range=span.days(),
        initiative__archived_at__isnull=True,
    )
    return _grouped(held, "initiative__neighbourhood_id", consultations_held=Count("pk"))


def jobs(agency_ids: list[int], span: Span) -> list[dict]:
    """`jobs_total` and `jobs_created` of `funding.indicators.jobs`."""
    existing = Position.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=span.start),
        agency_id__in=agency_ids,
        start_date__lte=span.end,
        archived_at__isnull=True,
        initiative__archived_at__isnull=True,
    )
    created = Q(origin=Origin.CREATED, start_date__gte=span.start)
    return _grouped(existing, jobs_total=Count("pk"), jobs_created=Count("pk", filter=created))


def forums(agency_ids: list[int], span: Span) -> list[dict]:
    """`forums_held` and `forum_attendance` of `funding.indicators.forums`."""
    since, until = span.moments()
    held = Forum.objects.filter(
        agency_id__in=agency_ids,
        archived_at__isnull=True,
        starts_at__gte=since,
        starts_at__lt=min(until, timezone.now()),
    )
    head_count = (
        F("residents_count")
        + F("initiatives_count")
        + F("partners_count")
        + F("public_bodies_count")
    )
    return _grouped(held, forums_held=Count("pk"), forum_attendance=Sum(head_count, default=0))


def needs(agency_ids: list[int], span: Span) -> list[dict]:
    """`needs_raised` and `needs_met` of `funding.indicators.needs`."""
    raised = Q(raised_on__range=span.days())
    met = Q(status=NeedStatus.MET, closed_on__range=span.days())
    counted = Need.objects.filter(
        raised | met,
        agency_id__in=agency_ids,
        archived_at__isnull=True,
        merged_into__isnull=True,
    )
    return _grouped(
        counted, needs_raised=Count("pk", filter=raised), needs_met=Count("pk", filter=met)
    )


def resources(agency_ids: list[int], span: Span) -> list[dict]:
    """`resource_value` of `funding.indicators.resources`."""
    delivered = Delivery.objects.filter(
        agency_id__in=agency_ids,
        year=span.start.year,
        delivered_on__range=span.days(),
        referral__initiative__archived_at__isnull=True,
    )
    return _grouped(delivered, resource_value=Sum("value", default=ZERO))


READERS = (initiatives, consultations, jobs, forums, needs, resources)


def hood_figures(agency_ids: list[int], year: int) -> dict[tuple[int, int], dict]:
    """{(agency_id, neighbourhood_id): figures} of the year: one query per reader."""
    span = Span(0, dt.date(year, 1, 1), dt.date(year, 12, 31))
    found: dict[tuple[int, int], dict] = defaultdict(blank)
    for reader in READERS:
        for row in reader(agency_ids, span):
            figures = found[(row.pop("agency_id"), row.pop("hood_id"))]
            for key, value in row.items():
                figures[key] = _value(key, value)
    return found


def _value(key: str, value) -> int | Decimal:
    """Counts as int; euros as Decimal with cents (SQLite sums decimals as floats)."""
    if key in MONEY:
        return Decimal(str(value or 0)).quantize(CENT)
    return int(value or 0)


# ------------------------------------------------------------------------------------------
# Both tables


def network_overview(year: int) -> NetworkOverview:
    """The figures of `year` per active agency, in total and per neighbourhood: eight queries.

    The neighbourhood table lists every active neighbourhood and an archived one only where it
    has figures in the year; agencies' rows add up all their neighbourhoods' figures."""
    agencies = list(Agency.objects.active())
    by_id = {agency.pk: agency for agency in agencies}
    figures = hood_figures(list(by_id), year)
    hoods = list(Neighbourhood.objects.filter(agency_id__in=list(by_id)).select_related("district"))
    hood_rows = [
        HoodRow(hood, by_id[hood.agency_id], figures.get((hood.agency_id, hood.pk), blank()))
        for hood in hoods
        if hood.archived_at is None or (hood.agency_id, hood.pk) in figures
    ]
    agency_rows = {agency.pk: AgencyRow(agency, 0) for agency in agencies}
    for hood in hoods:
        agency_rows[hood.agency_id].neighbourhoods += hood.archived_at is None
    for (agency_id, _hood_id), values in figures.items():
        _add(agency_rows[agency_id], values)
    total = AgencyRow(None, sum(row.neighbourhoods for row in agency_rows.values()))
    for row in agency_rows.values():
        _add(total, row.figures)
    return NetworkOverview(year, list(agency_rows.values()), total, hood_rows)


def _add(row: AgencyRow, values: dict) -> None:
    for key in KEYS:
        row.figures[key] += values[key]
