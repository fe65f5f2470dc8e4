"""The figures of one neighbourhood per year: needs, forums, resources from the network,
partnerships. Every function is a fixed number of queries, whatever the amount of data.

Years come from date ranges and the stored integer years, never from Extract/Trunc (slow on
SQLite, see DESIGN.md): per-year counts are conditional aggregates over year ranges.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Count,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber

from kiezwerk.agencies.models import Neighbourhood
from kiezwerk.forums.models import Forum
from kiezwerk.initiatives.models import InitiativeNeed
from kiezwerk.needs.enums import CLOSED_STATUSES, NeedStatus
from kiezwerk.needs.models import Need
from kiezwerk.network.enums import OfferKind
from kiezwerk.network.models import (
    Delivery,
    Partnership,
    PartnershipInitiative,
    PartnershipPartner,
    Referral,
)

# At most this many years, the latest ones: the page stays one screen wide.
MAX_YEARS = 12
# Per category of open needs, the ones open longest; the register lists all.
NEEDS_PER_CATEGORY = 5
# Partners with the most resources delivered; the others are summed in one row.
TOP_PARTNERS = 20
ZERO = Decimal("0")


def _needs(neighbourhood: Neighbourhood):
    """The neighbourhood's needs that count: not archived, not merged into another."""
    return Need.objects.filter(
        agency_id=neighbourhood.agency_id,
        neighbourhood=neighbourhood,
        archived_at__isnull=True,
        merged_into__isnull=True,
    )


def _forums(neighbourhood: Neighbourhood):
    return Forum.objects.active().filter(
        agency_id=neighbourhood.agency_id, neighbourhood=neighbourhood
    )


def _in_hood(model, neighbourhood: Neighbourhood):
    return model.objects.filter(agency_id=neighbourhood.agency_id, neighbourhood=neighbourhood)


def _year_range(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _extreme(queryset, function, expression) -> Subquery:
    grouped = queryset.order_by().values("agency_id").annotate(value=function(expression))
    return Subquery(grouped.values("value"))


# ------------------------------------------------------------------------------------------
# Which years have data


def year_span(neighbourhood: Neighbourhood) -> range:
    """The years from the first to the last record of the neighbourhood (one query), at most
    the latest MAX_YEARS."""
    needs, forums = _needs(neighbourhood), _forums(neighbourhood)
    referrals, deliveries = _in_hood(Referral, neighbourhood), _in_hood(Delivery, neighbourhood)
    partnerships = _in_hood(Partnership, neighbourhood).filter(agreed_on__isnull=False)
    bounds = {
        "need_first": _extreme(needs, Min, "raised_on"),
        "need_last": _extreme(needs, Max, "raised_on"),
        "closed_last": _extreme(needs.filter(closed_on__isnull=False), Max, "closed_on"),
        "forum_first": _extreme(forums, Min, "year"),
        "forum_last": _extreme(forums, Max, "year"),
        "referral_first": _extreme(referrals, Min, "referred_on"),
        "referral_last": _extreme(referrals, Max, "referred_on"),
        "delivery_first": _extreme(deliveries, Min, "year"),
        "delivery_last": _extreme(deliveries, Max, "year"),
        "partnership_first": _extreme(partnerships, Min, "agreed_on"),
        "partnership_last": _extreme(partnerships, Max, "agreed_on"),
    }
    row = Neighbourhood.objects.filter(pk=neighbourhood.pk).values(**bounds).get()
    years = [value if isinstance(value, int) else value.year for value in row.values() if value]
    if not years:
        return range(0)
    last = max(years)
    return range(max(min(years), last - MAX_YEARS + 1), last + 1)


# ------------------------------------------------------------------------------------------
# Per-year figures


@dataclass
class Resources:
    """Hours and euros delivered, per year and in total."""

    hours: dict[int, Decimal] = field(default_factory=lambda: defaultdict(lambda: ZERO))
    value: dict[int, Decimal] = field(default_factory=lambda: defaultdict(lambda: ZERO))

    def add(self, year: int, hours: Decimal, value: Decimal) -> None:
        self.hours[year] += hours
        self.value[year] += value

    @property
    def total_hours(self) -> Decimal:
        return sum(self.hours.values(), ZERO)

    @property
    def total_value(self) -> Decimal:
        return sum(self.value.values(), ZERO)

    def cells(self, years) -> list[tuple[Decimal, Decimal]]:
        return [(self.hours.get(year, ZERO), self.value.get(year, ZERO)) for year in years]


@dataclass
class Yearly:
    """The neighbourhood's figures for each year in `years` (ascending)."""

    years: list[int]
    needs_raised: dict[int, int]
    needs_met: dict[int, int]
    forums: dict[int, int]
    attendance: dict[int, int]
    referrals: dict[int, int]
    partnerships_agreed: dict[int, int]
    resources: Resources
    by_kind: list[tuple[str, Resources, None]]
    by_partner: list[tuple[str, Resources, int | None]]

    def row(self, name: str) -> list:
        values = getattr(self, name)
        return [values.get(year, 0) for year in self.years]


def _per_year(queryset, years, conditions: dict) -> dict[str, dict[int, int]]:
    """Conditional aggregates: {name: {year: value}} for `conditions` {name: (aggregate class,
    expression, year -> Q)}, in one query."""
    aggregates = {
        f"{name}_{year}": function(expression, filter=condition(year))
        for name, (function, expression, condition) in conditions.items()
        for year in years
    }
    row = queryset.aggregate(**aggregates) if aggregates else {}
    return {name: {year: row[f"{name}_{year}"] or 0 for year in years} for name in conditions}


def yearly(neighbourhood: Neighbourhood) -> Yearly:
    """Needs raised and met, forums and attendance, referrals, partnerships agreed and
    resources delivered per year, for the years with data; six queries."""
    span = list(year_span(neighbourhood))
    needs = _per_year(
        _needs(neighbourhood),
        span,
        {
            "raised": (Count, "pk", lambda y: Q(raised_on__range=_year_range(y))),
            "met": (
                Count,
                "pk",
                lambda y: Q(status=NeedStatus.MET, closed_on__range=_year_range(y)),
            ),
        },
    )
    head_count = (
        F("residents_count")
        + F("initiatives_count")
        + F("partners_count")
        + F("public_bodies_count")
    )
    forums = _per_year(
        _forums(neighbourhood),
        span,
        {
            "held": (Count, "pk", lambda y: Q(year=y)),
            "attendance": (Sum, head_count, lambda y: Q(year=y)),
        },
    )
    referrals = _per_year(
        _in_hood(Referral, neighbourhood),
        span,
        {"made": (Count, "pk", lambda y: Q(referred_on__range=_year_range(y)))},
    )
    agreed = _per_year(
        _in_hood(Partnership, neighbourhood).filter(archived_at__isnull=True),
        span,
        {"agreed": (Count, "pk", lambda y: Q(agreed_on__range=_year_range(y)))},
    )
    resources, by_kind, by_partner = _resources(neighbourhood, span)
    figures = {
        "needs_raised": needs["raised"],
        "needs_met": needs["met"],
        "forums": forums["held"],
        "attendance": forums["attendance"],
        "referrals": referrals["made"],
        "partnerships_agreed": agreed["agreed"],
    }
    years = [
        y
        for y in span
        if resources.hours.get(y)
        or resources.value.get(y)
        or any(values[y] for values in figures.values())
    ]
    return Yearly(years, **figures, resources=resources, by_kind=by_kind, by_partner=by_partner)


def _resources(neighbourhood: Neighbourhood, span: list[int]):
    """Delivered hours and euros: in all, by kind and by partner (the TOP_PARTNERS with the
    most euros; the rest as one row named "" without a partner id), from one grouped query.
    Grouped rows are (label, Resources, partner id or None)."""
    total, kinds, partners = Resources(), defaultdict(Resources), defaultdict(Resources)
    if not span:
        return total, [], []
    rows = (
        _in_hood(Delivery, neighbourhood)
        .filter(year__range=(span[0], span[-1]))
        .values("year", "kind", "partner_id", "partner__name")
        .annotate(hours=Sum("hours"), value=Sum("value"))
        .order_by()
    )
    for row in rows:
        partner = (row["partner__name"], row["partner_id"])
        for resources in (total, kinds[row["kind"]], partners[partner]):
            resources.add(row["year"], row["hours"], row["value"])
    by_kind = [(label, kinds[kind], None) for kind, label in OfferKind.choices if kind in kinds]
    ranked = sorted(partners.items(), key=lambda item: (-item[1].total_value, item[0]))
    by_partner = [(name, resources, pk) for (name, pk), resources in ranked[:TOP_PARTNERS]]
    if len(ranked) > TOP_PARTNERS:
        others = Resources()
        for _partner, resources in ranked[TOP_PARTNERS:]:
            for year in span:
                others.add(year, resources.hours.get(year, ZERO), resources.value.get(year, ZERO))
        by_partner.append(("", others, None))
    return total, by_kind, by_partner


# ------------------------------------------------------------------------------------------
# Open needs and partnerships


def open_needs(neighbourhood: Neighbourhood) -> list[Need]:
    """Per category the NEEDS_PER_CATEGORY needs open longest, each with `in_category` (how
    many are open in its category) and `working_on` (initiatives addressing it); one query."""
    by_category = {"partition_by": [F("category_id")]}
    working_on = (
        InitiativeNeed.objects.filter(need=OuterRef("pk"))
        .order_by()
        .values("need")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return list(
        _needs(neighbourhood)
        .exclude(status__in=CLOSED_STATUSES)
        .select_related("category")
        .annotate(
            place=Window(RowNumber(), order_by=[F("raised_on"), F("pk")], **by_category),
            in_category=Window(Count("pk"), **by_category),
            working_on=Coalesce(Subquery(working_on, output_field=IntegerField()), 0),
        )
        .filter(place__lte=NEEDS_PER_CATEGORY)
        .order_by("category__name", "raised_on", "pk")
    )


def partnerships(neighbourhood: Neighbourhood):
    """The neighbourhood's local partnerships with their numbers of partner organisations
    (public bodies included) and initiatives; one query."""

    def parties(model) -> Coalesce:
        rows = (
            model.objects.filter(partnership=OuterRef("pk"))
            .order_by()
            .values("partnership")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Coalesce(Subquery(rows, output_field=IntegerField()), 0)

    return (
        _in_hood(Partnership, neighbourhood)
        .filter(archived_at__isnull=True)
        .annotate(
            partner_count=parties(PartnershipPartner),
            initiative_count=parties(PartnershipInitiative),
        )
        .order_by(F("agreed_on").desc(nulls_last=True), "title")
    )
