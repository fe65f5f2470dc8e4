"""Jobs figures, computed in the database: per year the jobs and FTE created, maintained and in
total (IRIS+ PI3687 created, PI5691 maintained, PI4874 total: created + maintained = total),
broken down by neighbourhood, contract type and the holders' prior status; and the inputs of
the additionality worksheet.

A position counts in a year when it existed on some day of it (started by 31 December, not
ended before 1 January) and is not archived. It counts as *created* in the year it started
when it was created during support; in every other year it existed it counts as *maintained*.
One query per table, whatever the number of positions or years: each year is a filtered
aggregate of the same scan.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Case, Count, F, Max, Min, Q, Sum, When

from kiezwerk.economy.models import MonthFigures
from kiezwerk.economy.queries import Scope
from kiezwerk.jobs.enums import Origin, Residence
from kiezwerk.jobs.models import Position

ZERO = Decimal("0")
HUNDRED = Decimal("100")
NET_JOBS = Decimal("0.01")
NET_FTE = Decimal("0.001")
# The breakdowns of the jobs figures: name -> the column grouped by.
# A holder whose processing is restricted (Art. 18 GDPR) counts like one without data.
UNRESTRICTED = Q(holder__restricted_at__isnull=True)
DIMENSIONS = {
    "neighbourhood": F("neighbourhood__name"),
    "contract_type": F("contract_type"),
    "prior_status": Case(When(UNRESTRICTED, then=F("holder__prior_status"))),
}


@dataclass
class JobFigures:
    """Jobs and FTE of one year (or one group of a breakdown in a year)."""

    year: int
    key: str | None = None  # the group of a breakdown; None for the whole scope
    created: int = 0
    total: int = 0
    additional: int = 0
    created_fte: Decimal = ZERO
    total_fte: Decimal = ZERO
    additional_fte: Decimal = ZERO

    @property
    def maintained(self) -> int:
        return self.total - self.created

    @property
    def maintained_fte(self) -> Decimal:
        return self.total_fte - self.created_fte


def _active(year: int) -> Q:
    return Q(start_date__lte=dt.date(year, 12, 31)) & (
        Q(end_date__isnull=True) | Q(end_date__gte=dt.date(year, 1, 1))
    )


def _created(year: int) -> Q:
    return _active(year) & Q(origin=Origin.CREATED, start_date__gte=dt.date(year, 1, 1))


def _aggregates(year: int, *, only_active: bool = False) -> dict:
    """Counts and FTE of the positions created in, active in and additional in `year`. With
    `only_active` the rows are already those active in the year, so the filters skip that."""
    active, created = _active(year), _created(year)
    if only_active:
        active, created = None, Q(origin=Origin.CREATED, start_date__gte=dt.date(year, 1, 1))
    additional = Q(additional=True) if active is None else active & Q(additional=True)
    return {
        f"created_{year}": Count("pk", filter=created),
        f"total_{year}": Count("pk", filter=active),
        f"additional_{year}": Count("pk", filter=additional),
        f"created_fte_{year}": Sum("fte", filter=created),
        f"total_fte_{year}": Sum("fte", filter=active),
        f"additional_fte_{year}": Sum("fte", filter=additional),
    }


def _positions(scope: Scope):
    return Position.objects.filter(scope.filters(), archived_at__isnull=True)


def _figures(row: dict, year: int, key: str | None = None) -> JobFigures:
    fte = lambda name: Decimal(row[f"{name}_{year}"] or ZERO).quantize(NET_FTE)  # noqa: E731
    return JobFigures(
        year=year,
        key=key,
        created=row[f"created_{year}"],
        total=row[f"total_{year}"],
        additional=row[f"additional_{year}"],
        created_fte=fte("created_fte"),
        total_fte=fte("total_fte"),
        additional_fte=fte("additional_fte"),
    )


def year_range(scope: Scope) -> tuple[int, int] | None:
    """(first, last) year with data: from the first position's start to the last year in
    which a position started or ended or the scope's enterprises reported monthly figures
    (positions still filled count there too). None without positions. Two queries."""
    found = _positions(scope).aggregate(
        first=Min("start_date"), last_start=Max("start_date"), last_end=Max("end_date")
    )
    if found["first"] is None:
        return None
    reported = MonthFigures.objects.filter(scope.filters()).aggregate(last=Max("year"))["last"]
    last = max(found["last_start"].year, found["last_end"].year if found["last_end"] else 0)
    return found["first"].year, max(last, reported or 0)


def jobs_by_year(scope: Scope, years: list[int]) -> list[JobFigures]:
    """The scope's jobs in each of `years`: one query."""
    if not years:
        return []
    aggregates = {}
    for year in years:
        aggregates.update(_aggregates(year))
    row = _positions(scope).aggregate(**aggregates)
    return [_figures(row, year) for year in years]


def jobs_by(scope: Scope, dimension: str, year: int) -> list[JobFigures]:
    """The scope's jobs in `year` per group of `dimension` (a key of DIMENSIONS), groups with
    jobs in the year only, largest first: one query. Positions without holder data fall in
    the group None, and so do those whose holder's processing is restricted."""
    rows = (
        _positions(scope)
        .filter(_active(year))
        .annotate(group=DIMENSIONS[dimension])
        .values("group")
        .annotate(**_aggregates(year, only_active=True))
        .order_by()
    )
    found = [_figures(row, year, row["group"]) for row in rows]
    return sorted(found, key=lambda f: (-f.total, str(f.key)))


# ------------------------------------------------------------------------------------------
# Additionality


@dataclass(frozen=True)
class AdditionalityInputs:
    """What the data say for the worksheet of a year: the gross jobs (created in the year) and
    the leakage (the share of their holders who live outside the neighbourhood, of those
    whose residence is known)."""

    year: int
    gross_jobs: int
    gross_fte: Decimal
    claimed_additional: int
    residence_known: int
    residence_outside: int

    @property
    def leakage(self) -> Decimal:
        if not self.residence_known:
            return ZERO
        share = Decimal(self.residence_outside) * HUNDRED / self.residence_known
        return share.quantize(NET_JOBS, rounding=ROUND_HALF_UP)


def additionality_inputs(agency_id: int, year: int) -> AdditionalityInputs:
    """One query over the agency's positions created in `year`."""
    known = Q(holder__residence__in=[Residence.INSIDE, Residence.OUTSIDE]) & UNRESTRICTED
    row = (
        _positions(Scope(agency_id))
        .filter(_created(year))
        .aggregate(
            jobs=Count("pk"),
            fte=Sum("fte", default=ZERO),
            claimed=Count("pk", filter=Q(additional=True)),
            known=Count("pk", filter=known),
            outside=Count("pk", filter=Q(holder__residence=Residence.OUTSIDE) & UNRESTRICTED),
        )
    )
    return AdditionalityInputs(
        year=year,
        gross_jobs=row["jobs"],
        gross_fte=Decimal(row["fte"]).quantize(NET_FTE),
        claimed_additional=row["claimed"],
        residence_known=row["known"],
        residence_outside=row["outside"],
    )


def net_factor(
    leakage: Decimal,
    deadweight: Decimal,
    displacement: Decimal,
    substitution: Decimal,
    multiplier: Decimal,
) -> Decimal:
    """What remains of one gross job: each rate (percent) taken off in turn, as the
    Additionality Guide does, then the multiplier for the jobs the spending creates
    elsewhere in the neighbourhood."""
    factor = Decimal("1")
    for rate in (leakage, deadweight, displacement, substitution):
        factor *= 1 - rate / HUNDRED
    return factor * multiplier


def net_additional(
    inputs: AdditionalityInputs,
    *,
    deadweight: Decimal,
    displacement: Decimal,
    substitution: Decimal,
    multiplier: Decimal,
) -> tuple[Decimal, Decimal]:
    """(net additional jobs, net additional FTE), rounded half up to 2 and 3 places."""
    factor = net_factor(inputs.leakage, deadweight, displacement, substitution, multiplier)
    jobs = (inputs.gross_jobs * factor).quantize(NET_JOBS, rounding=ROUND_HALF_UP)
    fte = (inputs.gross_fte * factor).quantize(NET_FTE, rounding=ROUND_HALF_UP)
    return jobs, fte
