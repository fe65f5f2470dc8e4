"""The records behind each number of the evaluation dashboard (the drill-down): for a named
indicator query and a Span, the rows it counts or sums, and their total, which equals the
indicator's value.

The rows come from the same base querysets as the readers of funding.indicators (one filter
per reader, shared), narrowed by the key's own condition. Each listing is one page query plus
one for its total and one for its count, whatever the number of records.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from kiezwerk.economy.enums import Source
from kiezwerk.economy.models import MonthFigures, Revenue
from kiezwerk.economy.queries import VALUE
from kiezwerk.funding.indicators import (
    AS_ENTERPRISE,
    CENT,
    FOUR_PLACES,
    FTE_PLACES,
    HEAD_COUNT,
    HUNDRED,
    SUMMED,
    ZERO,
    Span,
    consultation_rows,
    created_in,
    delivery_rows,
    forum_rows,
    founding_rows,
    met_in,
    month_rows,
    need_rows,
    position_rows,
    raised_in,
)
from kiezwerk.initiatives.models import Initiative
from kiezwerk.network.models import Referral


@dataclass(frozen=True)
class Listing:
    """What a records page shows: which kind of records (the template's table), the rows
    (ordered) and the total that equals the dashboard's number."""

    kind: str
    rows: QuerySet
    total: Callable[[QuerySet], Decimal]


def _count(rows: QuerySet) -> Decimal:
    return Decimal(rows.count())


def _sum(expression, places: Decimal | None = None) -> Callable[[QuerySet], Decimal]:
    def total(rows: QuerySet) -> Decimal:
        value = Decimal(rows.aggregate(total=Sum(expression))["total"] or 0)
        return value.quantize(places) if places else value

    return total


# ------------------------------------------------------------------------------------------
# One function per reader


def consultations(span: Span, key: str) -> Listing:
    """Each consultation held, with its initiative and advisor."""
    rows = consultation_rows(span).select_related("initiative", "advisor")
    return Listing("consultations", rows.order_by("held_on", "pk"), _count)


def initiatives(span: Span, key: str) -> Listing:
    """Initiatives with a consultation in the period (as an enterprise: on or after founding)."""
    held = consultation_rows(span)
    if key == "enterprises_supported":
        held = held.filter(AS_ENTERPRISE)
    rows = Initiative.objects.filter(agency_id=span.agency_id, pk__in=held.values("initiative_id"))
    return Listing("initiatives", _initiative_order(rows), _count)


def foundings(span: Span, key: str) -> Listing:
    return Listing("initiatives", _initiative_order(founding_rows(span)), _count)


def _initiative_order(rows: QuerySet) -> QuerySet:
    return rows.select_related("neighbourhood").order_by("name", "pk")


def positions(span: Span, key: str) -> Listing:
    """Positions of the period: all of them, the created, maintained or additional ones."""
    rows = position_rows(span)
    if key in ("jobs_created", "fte_created"):
        rows = rows.filter(created_in(span))
    elif key == "jobs_maintained":
        rows = rows.exclude(created_in(span))
    elif key == "jobs_additional":
        rows = rows.filter(additional=True)
    total = _sum("fte", FTE_PLACES) if key == "fte_created" else _count
    rows = rows.select_related("initiative").order_by("start_date", "pk")
    return Listing("positions", rows, total)


def forums(span: Span, key: str) -> Listing:
    rows = forum_rows(span).select_related("neighbourhood").annotate(head_count=HEAD_COUNT)
    total = _sum(HEAD_COUNT) if key == "forum_attendance" else _count
    return Listing("forums", rows.order_by("starts_at", "pk"), total)


def needs(span: Span, key: str) -> Listing:
    condition = raised_in(span) if key == "needs_raised" else met_in(span)
    rows = need_rows(span).filter(condition).select_related("category", "neighbourhood")
    return Listing("needs", rows.order_by("raised_on", "pk"), _count)


def resources(span: Span, key: str) -> Listing:
    """Referrals delivered in the period, or for euros and hours each delivery."""
    if key == "resources_received":
        rows = Referral.objects.filter(
            agency_id=span.agency_id, pk__in=delivery_rows(span).values("referral_id")
        ).select_related("initiative", "partner")
        return Listing("referrals", rows.order_by("referred_on", "pk"), _count)
    field = "value" if key == "resource_value" else "hours"
    rows = delivery_rows(span).select_related("referral__initiative", "partner")
    return Listing("deliveries", rows.order_by("delivered_on", "pk"), _sum(field, CENT))


def economy(span: Span, key: str) -> Listing:
    """Per enterprise its monthly figures of the period pooled: volunteer hours, and the
    three sources of the financing mix in euros."""
    months = month_rows(span)
    mix_sources = months & Q(source__in=(Source.PUBLIC, Source.MARKET))
    rows = Initiative.objects.filter(
        Q(pk__in=MonthFigures.objects.filter(months).values("initiative_id"))
        | Q(pk__in=Revenue.objects.filter(mix_sources).values("initiative_id")),
        agency_id=span.agency_id,
    ).annotate(
        public=_per_enterprise(Revenue, months & Q(source=Source.PUBLIC), F("amount")),
        market=_per_enterprise(Revenue, months & Q(source=Source.MARKET), F("amount")),
        volunteer=_per_enterprise(
            MonthFigures, months, F("volunteer_hours") * F("hour_rate"), VALUE
        ),
        hours=_per_enterprise(MonthFigures, months, F("volunteer_hours")),
    )
    total = _hours(months) if key == "volunteer_hours" else _share(months, key[len("share_") :])
    return Listing("enterprises", _initiative_order(rows), total)


def _per_enterprise(model, rows: Q, expression, output_field=SUMMED):
    found = (
        model.objects.filter(rows, initiative_id=OuterRef("pk"))
        .order_by()
        .values("initiative_id")
        .annotate(total=Sum(expression, output_field=output_field))
        .values("total")
    )
    return Coalesce(
        Subquery(found, output_field=output_field), Value(ZERO), output_field=output_field
    )


def _hours(months: Q) -> Callable[[QuerySet], Decimal]:
    """The volunteer hours of the listed enterprises in the months."""

    def total(rows: QuerySet) -> Decimal:
        listed = MonthFigures.objects.filter(months, initiative_id__in=rows.values("pk"))
        hours = listed.aggregate(total=Sum("volunteer_hours"))["total"]
        return Decimal(hours or 0).quantize(CENT)

    return total


def _share(months: Q, source: str) -> Callable[[QuerySet], Decimal]:
    """The source's percentage of the three sources, summed over the listed enterprises."""

    def total(rows: QuerySet) -> Decimal:
        listed = Q(initiative_id__in=rows.values("pk")) & months
        money = Revenue.objects.filter(listed).aggregate(
            public=Sum("amount", filter=Q(source=Source.PUBLIC)),
            market=Sum("amount", filter=Q(source=Source.MARKET)),
        )
        work = MonthFigures.objects.filter(listed).aggregate(
            volunteer=Sum(F("volunteer_hours") * F("hour_rate"), output_field=VALUE)
        )
        amounts = {
            name: Decimal(value or 0).quantize(FOUR_PLACES)
            for name, value in (money | work).items()
        }
        whole = sum(amounts.values(), ZERO)
        return amounts[source] * HUNDRED / whole if whole > 0 else ZERO

    return total


READERS = {
    "consultations_held": consultations,
    "initiatives_supported": initiatives,
    "enterprises_supported": initiatives,
    "enterprises_founded": foundings,
    "jobs_created": positions,
    "jobs_maintained": positions,
    "jobs_total": positions,
    "jobs_additional": positions,
    "fte_created": positions,
    "forums_held": forums,
    "forum_attendance": forums,
    "needs_raised": needs,
    "needs_met": needs,
    "resources_received": resources,
    "resource_value": resources,
    "resource_hours": resources,
    "volunteer_hours": economy,
    "share_public": economy,
    "share_market": economy,
    "share_volunteer": economy,
}


def listing(key: str, span: Span) -> Listing:
    """The records behind the named query `key` (KeyError when there is none)."""
    return READERS[key](span, key)
