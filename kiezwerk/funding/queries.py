"""The figures of the agency's grants, computed in the database: what each grant has spent and
has left, its financing plan in euros, its budget by cost category, its spending per year and
its drawdowns. Each function costs a fixed number of queries, however many rows there are."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import DecimalField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from kiezwerk.agencies.rules import role_in
from kiezwerk.funding.enums import CostCategory
from kiezwerk.funding.models import BudgetLine, CoFinancing, Drawdown, Grant, Spending
from kiezwerk.funding.rules import STAFF_READERS, read_grant_ids

ZERO = Decimal("0.00")
HUNDRED = Decimal(100)
CENT = Decimal("0.01")
MONEY = DecimalField(max_digits=14, decimal_places=2)


def cents(value: Decimal) -> Decimal:
    """A sum from the database in cents: SQLite adds decimals as floats (0.1 + 0.2 gives
    0.30000000000000004), so every sum is rounded back to the cents it must be."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def readable_grants(user, agency) -> QuerySet[Grant]:
    """The agency's active grants the user reads: all of them for management and evaluation,
    the grants a funder is a reader of, none for anyone else."""
    grants = Grant.objects.active().filter(agency=agency)
    if user.is_superuser or role_in(user, agency) in STAFF_READERS:
        return grants
    return grants.filter(pk__in=list(read_grant_ids(user)))


def _sum_of(model, column: str) -> Coalesce:
    """The sum of `column` over the grant's rows of `model`, as a subquery (0 without rows)."""
    rows = (
        model.objects.filter(grant=OuterRef("pk"))
        .order_by()
        .values("grant")
        .annotate(total=Sum(column))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=MONEY), Value(ZERO), output_field=MONEY)


def with_totals(grants: QuerySet[Grant]) -> QuerySet[Grant]:
    """`spent` (all spending so far) and `planned` (the budget lines) on each grant."""
    return grants.annotate(
        spent=_sum_of(Spending, "amount"), planned=_sum_of(BudgetLine, "planned")
    )


def grant_list(user, agency) -> list[Grant]:
    """The grants the user reads, with programme, co-financing, spent and remaining: three
    queries."""
    grants = list(
        with_totals(readable_grants(user, agency))
        .select_related("programme")
        .prefetch_related("co_financing")
        .order_by("-start_date", "title")
    )
    for grant in grants:
        grant.spent, grant.planned = cents(grant.spent), cents(grant.planned)
        grant.remaining = grant.amount - grant.spent
        grant.eu_amount = part_of(grant.amount, grant.eu_share)
    return grants


def part_of(amount: Decimal, share: Decimal) -> Decimal:
    """`share` percent of `amount`, in cents (rounded half up)."""
    return (amount * share / HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


# ------------------------------------------------------------------------------------------
# The financing plan


@dataclass
class Part:
    """One party of a financing plan: the EU fund, a co-financier, or the agency's own funds
    (negative when the shares exceed 100 percent: that much is not covered)."""

    name: str
    share: Decimal
    amount: Decimal
    kind: str  # "eu", "co" or "own"


@dataclass
class FinancingPlan:
    amount: Decimal
    parts: list[Part]

    @property
    def own(self) -> Part | None:
        return next((part for part in self.parts if part.kind == "own"), None)

    @property
    def exceeded(self) -> bool:
        """The shares add up to more than 100 percent."""
        return self.own is not None and self.own.share < 0

    @property
    def total_share(self) -> Decimal:
        return sum((part.share for part in self.parts if part.kind != "own"), ZERO)


def financing_plan(grant: Grant, co_financing: list[CoFinancing], eu_name: str) -> FinancingPlan:
    """The grant's amount split by the EU share and each co-financier's share; whatever the
    shares leave is the agency's own part. The euro parts always add up to the amount: cents
    lost to rounding go to the parts with the largest remainders."""
    shares = [("eu", eu_name, grant.eu_share)] + [
        ("co", row.name, row.share) for row in co_financing
    ]
    own = HUNDRED - sum((share for *_, share in shares), ZERO)
    if own:
        shares.append(("own", "", own))
    if own < 0:  # not covered: the parties get their shares, the gap is what is missing
        amounts = [part_of(grant.amount, share) for *_, share in shares[:-1]]
        amounts.append(grant.amount - sum(amounts, ZERO))
    else:
        amounts = split(grant.amount, [share for *_, share in shares])
    parts = [
        Part(name=name, share=share, amount=amount, kind=kind)
        for (kind, name, share), amount in zip(shares, amounts, strict=True)
    ]
    return FinancingPlan(amount=grant.amount, parts=parts)


def split(amount: Decimal, shares: list[Decimal]) -> list[Decimal]:
    """`amount` split by `shares` (adding up to 100) in cents, by largest remainder."""
    units = int(amount * 100)
    exact = [units * share / HUNDRED for share in shares]
    floors = [int(value) for value in exact]
    order = sorted(range(len(shares)), key=lambda i: exact[i] - floors[i], reverse=True)
    for index in order[: units - sum(floors)]:
        floors[index] += 1
    return [Decimal(value) / 100 for value in floors]


# ------------------------------------------------------------------------------------------
# Budget and spending


@dataclass
class BudgetRow:
    category: str
    label: str
    planned: Decimal = ZERO
    spent: Decimal = ZERO
    years: dict[int, Decimal] = field(default_factory=dict)

    @property
    def remaining(self) -> Decimal:
        return self.planned - self.spent

    @property
    def used(self) -> Decimal | None:
        """Percent of the planned amount spent; None without a plan."""
        return self.spent * HUNDRED / self.planned if self.planned else None

    @property
    def over(self) -> bool:
        return self.remaining < 0


@dataclass
class Budget:
    """The budget by cost category with what was spent, in total and per year."""

    rows: list[BudgetRow]
    years: list[int]
    total: BudgetRow

    def year_totals(self) -> list[Decimal]:
        return [self.total.years.get(year, ZERO) for year in self.years]


def budget(grant: Grant) -> Budget:
    """Planned, spent and remaining per cost category (categories with a budget line or with
    spending, in the order of the catalogue), and spending per category and year: two
    queries. The years are those of the grant's period and any others with spending."""
    rows = {value: BudgetRow(value, str(label)) for value, label in CostCategory.choices}
    lines = dict(BudgetLine.objects.filter(grant=grant).values_list("category", "planned"))
    for category, planned in lines.items():
        rows[category].planned = planned
    spent = (
        Spending.objects.filter(grant=grant)
        .order_by()
        .values_list("category", "year")
        .annotate(total=Sum("amount"))
    )
    total = BudgetRow("", "")
    for category, year, summed in spent:
        amount = cents(summed)
        rows[category].years[year] = amount
        rows[category].spent += amount
        total.years[year] = total.years.get(year, ZERO) + amount
    shown = [row for row in rows.values() if row.category in lines or row.spent]
    total.planned = sum((row.planned for row in shown), ZERO)
    total.spent = sum((row.spent for row in shown), ZERO)
    period = range(grant.start_date.year, grant.end_date.year + 1)
    return Budget(rows=shown, years=sorted({*period, *total.years}), total=total)


def spending_cells(budget: Budget) -> list[tuple[BudgetRow, list[Decimal]]]:
    """Per category with spending, its amount in each year of the table."""
    return [
        (row, [row.years.get(year, ZERO) for year in budget.years])
        for row in budget.rows
        if row.spent
    ]


# ------------------------------------------------------------------------------------------
# Drawdowns


@dataclass
class DrawdownTotals:
    requested: Decimal = ZERO
    received: Decimal = ZERO

    @property
    def outstanding(self) -> Decimal:
        return self.requested - self.received


@dataclass
class Drawdowns:
    rows: list[Drawdown]
    by_source: list[tuple[str, DrawdownTotals]]
    total: DrawdownTotals


def drawdowns(grant: Grant) -> Drawdowns:
    """Every drawdown of the grant, and requested, received and outstanding per source and in
    total (summed in the database): two queries."""
    received = Sum("amount", filter=Q(received_on__isnull=False), default=ZERO)
    sums = (
        Drawdown.objects.filter(grant=grant)
        .order_by("source")
        .values_list("source")
        .annotate(requested=Sum("amount"), received=received)
    )
    by_source = [(source, DrawdownTotals(cents(req), cents(rec))) for source, req, rec in sums]
    total = DrawdownTotals(
        sum((t.requested for _, t in by_source), ZERO),
        sum((t.received for _, t in by_source), ZERO),
    )
    rows = list(Drawdown.objects.filter(grant=grant).order_by("requested_on", "pk"))
    return Drawdowns(rows=rows, by_source=by_source, total=total)
