"""The named queries behind the indicator catalogue: each computes an indicator's actual value
for one agency, a period and optionally one neighbourhood, in the database.

A catalogue row (`models.Indicator.query`) names one key of `QUERIES`. `actual()` computes one
key, `actuals()` several; both answer with Decimals.

Rules every query follows (the definitions of single keys are in the readers' docstrings):

- **Period**: `start` and `end` are days, both included. Dated records count when their date
  lies in the period. Monthly figures (economy: integer `year` and `month`, never
  Trunc/Extract) count for every month that overlaps the period, so a period that starts or
  ends inside a month takes that whole month.
- **Archived records do not count**: archived initiatives and everything recorded on them
  (consultations, positions, deliveries, monthly figures), archived positions, forums and
  needs. A need merged into another one is archived: the need it was merged into counts once.
- **Neighbourhood**: a record's own neighbourhood where it stores one (positions, deliveries,
  monthly figures keep the neighbourhood they were recorded in; forums, needs); consultations
  and founding dates by the initiative's neighbourhood.
- **Cost**: the keys that read the same table share one reader, one aggregate query; `actuals`
  runs each reader once, so all keys together take one query per reader (seven), whatever the
  amount of data.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kiezwerk.economy.enums import Source
from kiezwerk.economy.models import MonthFigures, Revenue
from kiezwerk.economy.queries import VALUE, Scope
from kiezwerk.forums.models import Forum
from kiezwerk.initiatives.models import Consultation, Initiative
from kiezwerk.jobs.enums import Origin
from kiezwerk.jobs.models import Position
from kiezwerk.needs.enums import NeedStatus
from kiezwerk.needs.models import Need
from kiezwerk.network.models import Delivery

ZERO = Decimal("0")
HUNDRED = Decimal("100")
CENT = Decimal("0.01")
FOUR_PLACES = Decimal("0.0001")
FTE_PLACES = Decimal("0.001")
SUMMED = DecimalField(max_digits=20, decimal_places=2)


@dataclass(frozen=True)
class Span:
    """Whose figures and when: one agency, the days `start` to `end` (both included), and
    within the agency one neighbourhood or (None) all of it."""

    agency_id: int
    start: dt.date
    end: dt.date
    neighbourhood_id: int | None = None

    def scope(self) -> Scope:
        return Scope(self.agency_id, neighbourhood_id=self.neighbourhood_id)

    def in_hood(self, path: str = "neighbourhood_id") -> Q:
        return Q() if self.neighbourhood_id is None else Q(**{path: self.neighbourhood_id})

    def days(self) -> tuple[dt.date, dt.date]:
        return self.start, self.end

    def months(self) -> Q:
        """Rows with integer year and month in a month that overlaps the period."""
        first, last = self.start, self.end
        from_first = Q(year__gt=first.year) | Q(year=first.year, month__gte=first.month)
        to_last = Q(year__lt=last.year) | Q(year=last.year, month__lte=last.month)
        return self.scope().filters(first.year, last.year) & from_first & to_last

    def moments(self) -> tuple[dt.datetime, dt.datetime]:
        """From midnight at the start to midnight after the end, in Berlin time."""
        berlin = timezone.get_default_timezone()
        after_end = self.end + dt.timedelta(days=1)
        return (
            timezone.make_aware(dt.datetime.combine(self.start, dt.time.min), berlin),
            timezone.make_aware(dt.datetime.combine(after_end, dt.time.min), berlin),
        )


Reader = Callable[[Span], dict[str, Decimal]]


def _decimals(row: dict, places: Decimal | None = None, *sums: str) -> dict[str, Decimal]:
    """Aggregates as Decimals. The `sums` are quantized to `places`: SQLite adds decimals as
    floats (15 significant digits kept)."""
    values = {key: Decimal(value or 0) for key, value in row.items()}
    for key in sums:
        values[key] = values[key].quantize(places)
    return values


# ------------------------------------------------------------------------------------------
# Readers: one aggregate query each


def consultations(span: Span) -> dict[str, Decimal]:
    """Case work with initiatives, from the consultations held in the period.

    - `consultations_held`: consultations held on a day of the period (`held_on`), each one.
    - `initiatives_supported`: distinct initiatives with at least one consultation in the
      period; an initiative counts once, whatever the number of its consultations or of its
      contact persons.
    - `enterprises_supported`: of these, the initiatives with at least one consultation in the
      period held on or after their founding day (`founded_on`): support received as an
      enterprise. Initiatives not founded (yet) do not count.
    """
    row = consultation_rows(span).aggregate(
        consultations_held=Count("pk"),
        initiatives_supported=Count("initiative_id", distinct=True),
        enterprises_supported=Count(
            "initiative_id",
            distinct=True,
            filter=AS_ENTERPRISE,
        ),
    )
    return _decimals(row)


# A consultation held on or after its initiative's founding day: support as an enterprise.
AS_ENTERPRISE = Q(initiative__founded_on__lte=F("held_on"))


def consultation_rows(span: Span) -> QuerySet[Consultation]:
    """The consultations that `consultations` counts (also the records behind its keys)."""
    return Consultation.objects.filter(
        span.in_hood("initiative__neighbourhood_id"),
        agency_id=span.agency_id,
        held_on__range=span.days(),
        initiative__archived_at__isnull=True,
    )


def foundings(span: Span) -> dict[str, Decimal]:
    """`enterprises_founded`: initiatives whose founding day (`founded_on`, the day the social
    enterprise became a legal entity) lies in the period, whatever their stage today."""
    row = founding_rows(span).aggregate(enterprises_founded=Count("pk"))
    return _decimals(row)


def founding_rows(span: Span) -> QuerySet[Initiative]:
    """The initiatives that `foundings` counts."""
    return Initiative.objects.filter(
        span.in_hood(),
        agency_id=span.agency_id,
        archived_at__isnull=True,
        founded_on__range=span.days(),
    )


def jobs(span: Span) -> dict[str, Decimal]:
    """Positions in the supported enterprises, by the jobs app's rules (jobs.queries) for a
    period instead of a calendar year; archived positions do not count.

    - `jobs_total` (IRIS+ PI4874): positions that existed on some day of the period (started
      by its last day, not ended before its first).
    - `jobs_created` (PI3687): of these, positions created during support that started in the
      period.
    - `jobs_maintained` (PI5691): total minus created, so created + maintained = total.
    - `jobs_additional`: positions of the total marked additional (with a justification).
    - `fte_created`: the full-time equivalents of the created positions (weekly hours ÷ the
      enterprise's full-time hours, at most 1 each, as stored with the position).
    """
    created = created_in(span)
    row = position_rows(span).aggregate(
        jobs_total=Count("pk"),
        jobs_created=Count("pk", filter=created),
        jobs_additional=Count("pk", filter=Q(additional=True)),
        fte_created=Sum("fte", filter=created, default=ZERO),
    )
    values = _decimals(row, FTE_PLACES, "fte_created")
    values["jobs_maintained"] = values["jobs_total"] - values["jobs_created"]
    return values


def created_in(span: Span) -> Q:
    """Positions created during support that started in the period."""
    return Q(origin=Origin.CREATED, start_date__gte=span.start)


def position_rows(span: Span) -> QuerySet[Position]:
    """The positions that `jobs` counts: those that existed on some day of the period."""
    return Position.objects.filter(
        span.scope().filters(),
        Q(end_date__isnull=True) | Q(end_date__gte=span.start),
        start_date__lte=span.end,
        archived_at__isnull=True,
        initiative__archived_at__isnull=True,
    )


def forums(span: Span) -> dict[str, Decimal]:
    """Local forums and other events (every kind) that started in the period and have started
    by now: a planned event is not held yet.

    - `forums_held`: their number.
    - `forum_attendance`: the sum of their head counts (residents, initiatives, partners,
      public bodies); registered attendees are part of the head count. Someone who comes to
      two forums counts at both.
    """
    row = forum_rows(span).aggregate(
        forums_held=Count("pk"), forum_attendance=Sum(HEAD_COUNT, default=0)
    )
    return _decimals(row)


# Everyone at a forum or event, by group.
HEAD_COUNT = (
    F("residents_count") + F("initiatives_count") + F("partners_count") + F("public_bodies_count")
)


def forum_rows(span: Span) -> QuerySet[Forum]:
    """The forums and events that `forums` counts: started in the period, and by now."""
    since, until = span.moments()
    return Forum.objects.filter(
        span.in_hood(),
        agency_id=span.agency_id,
        archived_at__isnull=True,
        starts_at__gte=since,
        starts_at__lt=min(until, timezone.now()),
    )


def needs(span: Span) -> dict[str, Decimal]:
    """The needs register, as the neighbourhood overview counts it (reporting.overview).

    - `needs_raised`: needs raised on a day of the period (`raised_on`).
    - `needs_met`: needs whose status is "met" and that were closed in the period
      (`closed_on`, set by needs.services.change_status on the day a need is met; each change
      is also in the activity log). A need met and later reopened counts no more.
    """
    raised, met = raised_in(span), met_in(span)
    row = need_rows(span).aggregate(
        needs_raised=Count("pk", filter=raised), needs_met=Count("pk", filter=met)
    )
    return _decimals(row)


def raised_in(span: Span) -> Q:
    return Q(raised_on__range=span.days())


def met_in(span: Span) -> Q:
    return Q(status=NeedStatus.MET, closed_on__range=span.days())


def need_rows(span: Span) -> QuerySet[Need]:
    """The needs that `needs` reads: raised or met in the period, neither archived nor merged."""
    return Need.objects.filter(
        raised_in(span) | met_in(span),
        span.in_hood(),
        agency_id=span.agency_id,
        archived_at__isnull=True,
        merged_into__isnull=True,
    )


def resources(span: Span) -> dict[str, Decimal]:
    """Resources of the partner network that reached initiatives: the deliveries recorded on
    referrals, delivered on a day of the period.

    - `resources_received`: referrals with at least one delivery in the period; a referral
      delivered in several parts counts once.
    - `resource_value`: the euros of those deliveries.
    - `resource_hours`: their hours.
    """
    row = delivery_rows(span).aggregate(
        resources_received=Count("referral_id", distinct=True),
        resource_value=Sum("value", default=ZERO),
        resource_hours=Sum("hours", default=ZERO),
    )
    return _decimals(row, CENT, "resource_value", "resource_hours")


def delivery_rows(span: Span) -> QuerySet[Delivery]:
    """The deliveries that `resources` counts: delivered in the period."""
    year_range = span.scope().filters(span.start.year, span.end.year)
    return Delivery.objects.filter(
        year_range,
        delivered_on__range=span.days(),
        referral__initiative__archived_at__isnull=True,
    )


def economy(span: Span) -> dict[str, Decimal]:
    """The enterprises' monthly figures in the months of the period, pooled over all
    enterprises of the scope: one query, the union of one grouped read of the revenue rows and
    one of the monthly figures (each table read once).

    - `volunteer_hours`: all volunteer hours, valued or not.
    - `share_public`, `share_market`, `share_volunteer`: the three sources of the financing
      mix (criterion 4) as exact percentages of their sum: public contracts, market sales, and
      volunteer work valued at the rate stored with each month (hours without a rate are not
      valued). Grants and donations are not part of the mix. All three are 0 when the mix is
      empty; otherwise they add up to 100 (rounding is for display).
    """
    names = ("public", "market", "volunteer", "hours")
    sums = dict.fromkeys(names, ZERO)
    for found in economy_rows(month_rows(span)):
        for name, value in zip(names, found, strict=True):
            sums[name] += Decimal(value or 0).quantize(FOUR_PLACES)
    mix = {source: sums[source] for source in ("public", "market", "volunteer")}
    total = sum(mix.values(), ZERO)
    shares = {
        f"share_{source}": (amount * HUNDRED / total if total > 0 else ZERO)
        for source, amount in mix.items()
    }
    return {"volunteer_hours": sums["hours"].quantize(CENT), **shares}


def economy_rows(rows: Q, key: str = "agency_id", *, keyed: bool = False):
    """One query, the union of a grouped read of the revenue rows (public contracts, market
    sales) and one of the monthly figures (valued volunteer work, hours), each by `key`: rows of
    (public, market, volunteer, hours), led by the key's value when `keyed`."""
    nothing = Value(ZERO, output_field=VALUE)

    def grouped(model, where: Q, **sums):
        found = model.objects.filter(where).order_by().values(key).annotate(**sums)
        return found.values_list(*((key,) if keyed else ()), *sums)

    money = grouped(
        Revenue,
        rows & Q(source__in=(Source.PUBLIC, Source.MARKET)),
        public=Sum("amount", filter=Q(source=Source.PUBLIC), output_field=VALUE),
        market=Sum("amount", filter=Q(source=Source.MARKET), output_field=VALUE),
        volunteer=nothing,
        hours=nothing,
    )
    work = grouped(
        MonthFigures,
        rows,
        public=nothing,
        market=nothing,
        volunteer=Sum(ExpressionWrapper(F("volunteer_hours") * F("hour_rate"), VALUE)),
        hours=Sum("volunteer_hours", output_field=VALUE),
    )
    return money.union(work, all=True)


def month_rows(span: Span) -> Q:
    """The monthly figures and revenue rows that `economy` pools: months of the period, of
    initiatives not archived."""
    return span.months() & Q(initiative__archived_at__isnull=True)


# ------------------------------------------------------------------------------------------
# The registry


@dataclass(frozen=True)
class IndicatorQuery:
    """A named query: its key (stored in `Indicator.query`), label, unit and reader. A `flow`
    counts what happened in a period, so its values (and targets) of several years add up to
    one of the whole period; stocks (jobs in total, distinct initiatives) and shares do not."""

    key: str
    label: Promise
    unit: Promise
    reader: Reader
    flow: bool = False

    def compute(
        self, agency_id: int, start: dt.date, end: dt.date, neighbourhood_id: int | None = None
    ) -> Decimal:
        return self.reader(_span(agency_id, start, end, neighbourhood_id))[self.key]


def _registry(*queries: IndicatorQuery) -> dict[str, IndicatorQuery]:
    return {query.key: query for query in queries}


QUERIES: dict[str, IndicatorQuery] = _registry(
    IndicatorQuery(
        "consultations_held", _("Consultations held"), _("consultations"), consultations, flow=True
    ),
    IndicatorQuery(
        "initiatives_supported", _("Initiatives supported"), _("initiatives"), consultations
    ),
    IndicatorQuery(
        "enterprises_supported",
        _("Enterprises supported (consulted after founding)"),
        _("enterprises"),
        consultations,
    ),
    IndicatorQuery(
        "enterprises_founded", _("Enterprises founded"), _("enterprises"), foundings, flow=True
    ),
    IndicatorQuery("jobs_created", _("Jobs created"), _("jobs"), jobs, flow=True),
    IndicatorQuery("jobs_maintained", _("Jobs maintained"), _("jobs"), jobs),
    IndicatorQuery("jobs_total", _("Jobs in total"), _("jobs"), jobs),
    IndicatorQuery("jobs_additional", _("Additional jobs"), _("jobs"), jobs),
    IndicatorQuery("fte_created", _("Full-time equivalents created"), _("FTE"), jobs, flow=True),
    IndicatorQuery("forums_held", _("Forums and events held"), _("events"), forums, flow=True),
    IndicatorQuery(
        "forum_attendance", _("Attendance at forums and events"), _("people"), forums, flow=True
    ),
    IndicatorQuery("needs_raised", _("Needs raised"), _("needs"), needs, flow=True),
    IndicatorQuery("needs_met", _("Needs met"), _("needs"), needs, flow=True),
    IndicatorQuery(
        "resources_received", _("Partner resources received"), _("referrals"), resources
    ),
    IndicatorQuery(
        "resource_value", _("Value of partner resources received"), _("euros"), resources, flow=True
    ),
    IndicatorQuery(
        "resource_hours", _("Hours of partner resources received"), _("hours"), resources, flow=True
    ),
    IndicatorQuery("volunteer_hours", _("Volunteer hours"), _("hours"), economy, flow=True),
    IndicatorQuery(
        "share_public", _("Share of public contracts in the financing mix"), _("percent"), economy
    ),
    IndicatorQuery(
        "share_market", _("Share of market sales in the financing mix"), _("percent"), economy
    ),
    IndicatorQuery(
        "share_volunteer",
        _("Share of valued volunteer work in the financing mix"),
        _("percent"),
        economy,
    ),
)

# For forms: the choices of `Indicator.query`.
QUERY_CHOICES: list[tuple[str, Promise]] = [(key, query.label) for key, query in QUERIES.items()]


def _span(agency_id: int, start: dt.date, end: dt.date, neighbourhood_id: int | None) -> Span:
    if end < start:
        raise ValueError(f"The period ends ({end}) before it starts ({start}).")
    return Span(agency_id, start, end, neighbourhood_id)


def actual(
    key: str, agency_id: int, start: dt.date, end: dt.date, neighbourhood_id: int | None = None
) -> Decimal:
    """The value of the named query `key` (KeyError when there is none): one query."""
    return QUERIES[key].compute(agency_id, start, end, neighbourhood_id)


def actuals(
    keys: Iterable[str],
    agency_id: int,
    start: dt.date,
    end: dt.date,
    neighbourhood_id: int | None = None,
) -> dict[str, Decimal]:
    """The values of several named queries, {key: value}: each reader runs once, so at most
    one query per key and never more than the number of readers."""
    span = _span(agency_id, start, end, neighbourhood_id)
    read: dict[Reader, dict[str, Decimal]] = {}
    values = {}
    for key in keys:
        reader = QUERIES[key].reader
        if reader not in read:
            read[reader] = reader(span)
        values[key] = read[reader][key]
    return values
