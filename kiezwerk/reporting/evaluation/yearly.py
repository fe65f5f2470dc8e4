"""The named queries of funding.indicators for every calendar year of a range at once.

`indicators.actuals` answers one period with one query per reader; the dashboard shows up to
twelve years, which would be a query per reader and year. Here each reader's table is read
once for the whole range: the rows the reader counts for the whole range (its own `*_rows`
queryset, so the rules stay the reader's), aggregated per year with a filter of that year,
or grouped by the integer `year` column of the monthly figures. Every value equals
`indicators.actuals(keys, agency, 1 January, 31 December, neighbourhood)` of its year (a test
compares them); `whole` holds the values of the whole range that the impact chain shows.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from kiezwerk.funding import indicators as ind
from kiezwerk.funding.indicators import Span

ZERO = Decimal("0")


@dataclass
class Found:
    """{year: {key: value}} of every named query, and the impact chain's values of the whole
    range ({key: value} of `FUNNEL_KEYS`)."""

    years: dict[int, dict[str, Decimal]]
    whole: dict[str, Decimal] = field(default_factory=dict)


def read(whole: Span, years: list[int]) -> Found:
    """Every named query for each of `years` (calendar years inside `whole`): seven queries."""
    spans = {year: _year(whole, year) for year in years}
    found = Found({year: {} for year in years})
    for reader in (_consultations, _foundings, _jobs, _forums, _needs, _resources, _economy):
        reader(whole, spans, found)
    return found


def _year(whole: Span, year: int) -> Span:
    return Span(
        whole.agency_id,
        whole.start.replace(year=year, month=1, day=1),
        whole.end.replace(year=year, month=12, day=31),
        whole.neighbourhood_id,
    )


def _aggregate(rows, spans: dict[int, Span], make, **whole) -> dict:
    """One aggregate query: `make(span)` ({name: aggregate}) for the span of every year, and
    the aggregates `whole` of all rows."""
    aggregates = dict(whole)
    for year, span in spans.items():
        aggregates |= {f"{name}_{year}": value for name, value in make(span).items()}
    return rows.aggregate(**aggregates)


def _put(found: Found, row: dict, names: tuple[str, ...], places=None, sums=()) -> None:
    for year, values in found.years.items():
        for name in names:
            value = Decimal(row[f"{name}_{year}"] or 0)
            values[name] = value.quantize(places) if name in sums else value


def _consultations(whole: Span, spans: dict[int, Span], found: Found) -> None:
    def make(span: Span) -> dict:
        held = Q(held_on__range=span.days())
        return {
            "consultations_held": Count("pk", filter=held),
            "initiatives_supported": Count("initiative_id", distinct=True, filter=held),
            "enterprises_supported": Count(
                "initiative_id", distinct=True, filter=held & ind.AS_ENTERPRISE
            ),
        }

    supported = Count("initiative_id", distinct=True)
    row = _aggregate(ind.consultation_rows(whole), spans, make, whole_supported=supported)
    _put(found, row, ("consultations_held", "initiatives_supported", "enterprises_supported"))
    found.whole["initiatives_supported"] = Decimal(row["whole_supported"] or 0)


def _foundings(whole: Span, spans: dict[int, Span], found: Found) -> None:
    def make(span: Span) -> dict:
        return {"enterprises_founded": Count("pk", filter=Q(founded_on__range=span.days()))}

    row = _aggregate(ind.founding_rows(whole), spans, make)
    _put(found, row, ("enterprises_founded",))
    found.whole["enterprises_founded"] = sum(
        (values["enterprises_founded"] for values in found.years.values()), ZERO
    )


def _jobs(whole: Span, spans: dict[int, Span], found: Found) -> None:
    def existed(span: Span) -> Q:
        ended = Q(end_date__isnull=True) | Q(end_date__gte=span.start)
        return ended & Q(start_date__lte=span.end)

    def make(span: Span) -> dict:
        there, created = existed(span), existed(span) & ind.created_in(span)
        return {
            "jobs_total": Count("pk", filter=there),
            "jobs_created": Count("pk", filter=created),
            "jobs_additional": Count("pk", filter=there & Q(additional=True)),
            "fte_created": Sum("fte", filter=created, default=ZERO),
        }

    created = Count("pk", filter=ind.created_in(whole))
    row = _aggregate(ind.position_rows(whole), spans, make, whole_created=created)
    names = ("jobs_total", "jobs_created", "jobs_additional", "fte_created")
    _put(found, row, names, ind.FTE_PLACES, ("fte_created",))
    for values in found.years.values():
        values["jobs_maintained"] = values["jobs_total"] - values["jobs_created"]
    found.whole["jobs_created"] = Decimal(row["whole_created"])


def _forums(whole: Span, spans: dict[int, Span], found: Found) -> None:
    now = timezone.now()

    def make(span: Span) -> dict:
        since, until = span.moments()
        started = Q(starts_at__gte=since, starts_at__lt=min(until, now))
        return {
            "forums_held": Count("pk", filter=started),
            "forum_attendance": Sum(ind.HEAD_COUNT, filter=started, default=0),
        }

    row = _aggregate(ind.forum_rows(whole), spans, make)
    _put(found, row, ("forums_held", "forum_attendance"))


def _needs(whole: Span, spans: dict[int, Span], found: Found) -> None:
    def make(span: Span) -> dict:
        return {
            "needs_raised": Count("pk", filter=ind.raised_in(span)),
            "needs_met": Count("pk", filter=ind.met_in(span)),
        }

    row = _aggregate(ind.need_rows(whole), spans, make)
    _put(found, row, ("needs_raised", "needs_met"))
    found.whole["needs_raised"] = sum(
        (values["needs_raised"] for values in found.years.values()), ZERO
    )


def _resources(whole: Span, spans: dict[int, Span], found: Found) -> None:
    def make(span: Span) -> dict:
        delivered = Q(delivered_on__range=span.days())
        return {
            "resources_received": Count("referral_id", distinct=True, filter=delivered),
            "resource_value": Sum("value", filter=delivered, default=ZERO),
            "resource_hours": Sum("hours", filter=delivered, default=ZERO),
        }

    row = _aggregate(ind.delivery_rows(whole), spans, make)
    names = ("resources_received", "resource_value", "resource_hours")
    _put(found, row, names, ind.CENT, ("resource_value", "resource_hours"))


def _economy(whole: Span, spans: dict[int, Span], found: Found) -> None:
    """One query: the revenue rows and the monthly figures, each grouped by their integer year
    (a calendar year is all twelve months of it, as `indicators.economy` reads it)."""
    names = ("public", "market", "volunteer", "hours")
    sums = {year: dict.fromkeys(names, ZERO) for year in spans}
    for year, *values in ind.economy_rows(ind.month_rows(whole), "year", keyed=True):
        for name, value in zip(names, values, strict=True):
            sums[year][name] += Decimal(value or 0).quantize(ind.FOUR_PLACES)
    for year, values in found.years.items():
        mix = {source: sums[year][source] for source in ("public", "market", "volunteer")}
        total = sum(mix.values(), ZERO)
        values["volunteer_hours"] = sums[year]["hours"].quantize(ind.CENT)
        for source, amount in mix.items():
            values[f"share_{source}"] = amount * ind.HUNDRED / total if total > 0 else ZERO
