"""The database reads behind the social report: one aggregate or list query each, whatever the
amount of data, so that the whole report costs a fixed number of queries (content.py).

Every read is of one agency and the reporting period (days, both included; monthly rows with
integer year and month count for every month the period touches, as funding.indicators does).
Archived records and the records of archived initiatives do not count. Nothing personal is
read: no names of residents, founders, job holders or staff, no contact data, no notes."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum

from kiezwerk.accounts.enums import STAFF_ROLES, Role
from kiezwerk.agencies.models import Agency, Membership, Neighbourhood
from kiezwerk.funding.models import BudgetLine, CoFinancing, Grant, Indicator, Spending, Target
from kiezwerk.funding.queries import cents
from kiezwerk.needs.enums import NeedStatus
from kiezwerk.needs.models import Need
from kiezwerk.network.enums import ReferralStatus
from kiezwerk.network.models import Delivery, Offer, Partner, Partnership, Referral

ZERO = Decimal("0.00")


def months(start: dt.date, end: dt.date, prefix: str = "") -> Q:
    """Rows with integer `year` and `month` in a month that the period touches."""
    year, month = f"{prefix}year", f"{prefix}month"
    from_start = Q(**{f"{year}__gt": start.year}) | Q(
        **{year: start.year, f"{month}__gte": start.month}
    )
    to_end = Q(**{f"{year}__lt": end.year}) | Q(**{year: end.year, f"{month}__lte": end.month})
    return from_start & to_end


def previous_period(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The period of equal length just before: whole months move by their number of months
    (2004 → 2003, a quarter → the quarter before), other periods by their number of days."""
    after_end = end + dt.timedelta(days=1)
    if start.day == 1 and after_end.day == 1:
        count = (after_end.year - start.year) * 12 + after_end.month - start.month
        index = start.year * 12 + start.month - 1 - count
        return dt.date(index // 12, index % 12 + 1, 1), start - dt.timedelta(days=1)
    length = after_end - start
    return start - length, start - dt.timedelta(days=1)


# ------------------------------------------------------------------------------------------
# The agency and its people (counted, never named)


@dataclass(frozen=True)
class Hood:
    name: str
    district: str
    kind: str
    advisors: int  # advisors in the neighbourhood's team


def neighbourhoods(agency: Agency) -> list[Hood]:
    """The active neighbourhoods with their district and the size of their advisors' team."""
    advisors = Q(team__role=Role.ADVISOR, team__archived_at__isnull=True)
    rows = (
        Neighbourhood.objects.active()
        .filter(agency=agency)
        .select_related("district")
        .annotate(advisors=Count("team", filter=advisors, distinct=True))
        .order_by("name", "pk")
    )
    return [Hood(row.name, row.district.name, row.get_kind_display(), row.advisors) for row in rows]


def staff_by_role(agency: Agency) -> dict[str, int]:
    """{role: people} of the agency's own team (management, advisors, evaluation)."""
    rows = (
        Membership.objects.active()
        .filter(agency=agency, role__in=STAFF_ROLES)
        .order_by()
        .values_list("role")
        .annotate(people=Count("pk"))
    )
    return dict(rows)


# ------------------------------------------------------------------------------------------
# Needs


def needs_by_category(agency: Agency, start: dt.date, end: dt.date) -> list[tuple[str, int, int]]:
    """(category, raised, met) in the period, as the indicators `needs_raised` and
    `needs_met` count them (merged duplicates once)."""
    raised = Q(raised_on__range=(start, end))
    met = Q(status=NeedStatus.MET, closed_on__range=(start, end))
    rows = (
        Need.objects.filter(
            raised | met, agency=agency, archived_at__isnull=True, merged_into__isnull=True
        )
        .order_by("category__name")
        .values_list("category__name")
        .annotate(raised=Count("pk", filter=raised), met=Count("pk", filter=met))
    )
    return list(rows)


# ------------------------------------------------------------------------------------------
# Grants and money


def grants(agency: Agency, start: dt.date, end: dt.date) -> list[Grant]:
    """The active grants whose period overlaps the reporting period, with their programme and
    `spent` (spending in the months of the period)."""
    rows = (
        Grant.objects.active()
        .filter(agency=agency, start_date__lte=end, end_date__gte=start)
        .select_related("programme")
        .annotate(spent=Sum("spending__amount", filter=months(start, end, "spending__")))
        .order_by("start_date", "title", "pk")
    )
    found = list(rows)
    for grant in found:
        grant.spent = cents(grant.spent or ZERO)
    return found


def co_financing(grant_ids: list[int]) -> dict[int, list[CoFinancing]]:
    found: dict[int, list[CoFinancing]] = {pk: [] for pk in grant_ids}
    for row in CoFinancing.objects.filter(grant_id__in=grant_ids):
        found[row.grant_id].append(row)
    return found


@dataclass(frozen=True)
class CostRow:
    category: str
    planned: Decimal  # over the grants' whole periods
    spent: Decimal  # in the months of the reporting period


def budget(grant_ids: list[int], start: dt.date, end: dt.date) -> dict[str, CostRow]:
    """{cost category: planned and spent} over the given grants: two queries."""
    planned = dict(
        BudgetLine.objects.filter(grant_id__in=grant_ids)
        .order_by()
        .values_list("category")
        .annotate(total=Sum("planned"))
    )
    spent = dict(
        Spending.objects.filter(months(start, end), grant_id__in=grant_ids)
        .order_by()
        .values_list("category")
        .annotate(total=Sum("amount"))
    )
    return {
        category: CostRow(
            category, cents(planned.get(category) or ZERO), cents(spent.get(category) or ZERO)
        )
        for category in planned.keys() | spent.keys()
    }


# ------------------------------------------------------------------------------------------
# Indicators and targets


def catalogue() -> list[Indicator]:
    return list(Indicator.objects.active().order_by("level", "code"))


def targets_in(grant_ids: list[int], year: int) -> list[Target]:
    """The targets of the given grants for `year`, with indicator and grant."""
    rows = (
        Target.objects.filter(grant_id__in=grant_ids, year=year)
        .select_related("indicator", "grant")
        .order_by("grant__start_date", "grant__title", "indicator__level", "indicator__code")
    )
    return list(rows)


# ------------------------------------------------------------------------------------------
# The partner network


def partner_counts(agency: Agency) -> dict[str, int]:
    """Active partner organisations and, of them, members of the network."""
    return (
        Partner.objects.active()
        .filter(agency=agency)
        .aggregate(total=Count("pk"), members=Count("pk", filter=Q(is_network_member=True)))
    )


def offers_by_kind(agency: Agency, start: dt.date, end: dt.date) -> dict[str, int]:
    """{kind: offers} of the active offers valid on some day of the period."""
    rows = (
        Offer.objects.active()
        .filter(agency=agency, partner__archived_at__isnull=True)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=end))
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=start))
        .order_by()
        .values_list("kind")
        .annotate(offers=Count("pk"))
    )
    return dict(rows)


def referral_counts(agency: Agency, start: dt.date, end: dt.date) -> dict[str, int]:
    """Referrals made in the period, by their status today."""
    return Referral.objects.filter(
        agency=agency, referred_on__range=(start, end), initiative__archived_at__isnull=True
    ).aggregate(
        total=Count("pk"),
        delivered=Count("pk", filter=Q(status=ReferralStatus.DELIVERED)),
        declined=Count("pk", filter=Q(status=ReferralStatus.DECLINED)),
        open=Count("pk", filter=Q(status=ReferralStatus.REFERRED)),
    )


@dataclass(frozen=True)
class Delivered:
    deliveries: int
    hours: Decimal
    value: Decimal


def deliveries_by_kind(agency: Agency, start: dt.date, end: dt.date) -> dict[str, Delivered]:
    """{kind: deliveries, hours, euros} delivered in the period (as `resource_value` and
    `resource_hours` count them)."""
    rows = (
        Delivery.objects.filter(
            agency=agency,
            year__range=(start.year, end.year),
            delivered_on__range=(start, end),
            referral__initiative__archived_at__isnull=True,
        )
        .order_by()
        .values_list("kind")
        .annotate(count=Count("pk"), hours=Sum("hours"), value=Sum("value"))
    )
    return {
        kind: Delivered(count, cents(hours or ZERO), cents(value or ZERO))
        for kind, count, hours, value in rows
    }


@dataclass(frozen=True)
class PartnershipRow:
    title: str
    neighbourhood: str
    status: str
    partners: int
    initiatives: int


def partnerships(agency: Agency, start: dt.date, end: dt.date) -> list[PartnershipRow]:
    """Active local partnerships that ran on some day of the period (agreed by its end, not
    ended before its start), with the number of their partners and initiatives."""
    rows = (
        Partnership.objects.active()
        .filter(agency=agency, agreed_on__lte=end)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=start))
        .select_related("neighbourhood")
        .annotate(
            partner_count=Count("partners", distinct=True),
            initiative_count=Count("initiatives", distinct=True),
        )
        .order_by("agreed_on", "title", "pk")
    )
    return [
        PartnershipRow(
            row.title,
            row.neighbourhood.name,
            row.get_status_display(),
            row.partner_count,
            row.initiative_count,
        )
        for row in rows
    ]
