"""The figures saved for an enterprise's months, as a file of the import holds them: the
template is filled with them, and the reader leaves a row that holds them unchanged."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from kiezwerk.economy.models import MonthFigures, Revenue
from kiezwerk.economy.services import MONTH_FIELDS, MonthValues
from kiezwerk.initiatives.models import Initiative

ZERO = Decimal("0")


@dataclass
class SavedMonth:
    """One saved month of a business line: its figures, its revenue by (source, public client
    id or None), and its version (for services.save_month's guard against stale saves); the
    ids of its row and of its revenue rows, for an import that updates them in bulk."""

    version: int
    costs: Decimal
    volunteer_hours: Decimal
    volunteers: int
    reciprocal: bool
    pk: int | None = None
    revenue: dict[tuple[str, int | None], Decimal] = field(default_factory=dict)
    revenue_ids: dict[tuple[str, int | None], int] = field(default_factory=dict)

    def holds(self, values: MonthValues) -> bool:
        """True when saving `values` would change nothing, compared as services.save_month
        compares: the month's fields, and the revenue the values name (missing is zero)."""
        if any(getattr(self, name) != getattr(values, name) for name in MONTH_FIELDS):
            return False
        return all(self.revenue.get(key, ZERO) == amount for key, amount in values.revenue.items())


def saved_months(
    enterprise: Initiative, years: Iterable[int], *, lock: bool = False
) -> dict[tuple[int, int, int], SavedMonth]:
    """{(line id, year, month): saved month} of the enterprise's months with figures in
    `years`, of every business line: two queries. `lock`: the months' rows stay locked until
    the transaction ends (an import writing them), as services.save_month locks its month."""
    scope = {
        "agency_id": enterprise.agency_id,
        "initiative_id": enterprise.pk,
        "year__in": sorted(set(years)),
    }
    figures = MonthFigures.objects.filter(**scope).order_by()
    if lock:
        figures = figures.select_for_update()
    months = {
        (line, year, month): SavedMonth(
            version, pk=pk, **dict(zip(MONTH_FIELDS, values, strict=True))
        )
        for pk, line, year, month, version, *values in figures.values_list(
            "pk", "line_id", "year", "month", "version", *MONTH_FIELDS
        )
    }
    revenue = Revenue.objects.filter(**scope).order_by()
    for pk, line, year, month, source, client, amount in revenue.values_list(
        "pk", "line_id", "year", "month", "source", "client_id", "amount"
    ):
        saved = months.get((line, year, month))
        if saved is not None:  # revenue comes with its month's figures (services.save_month)
            saved.revenue[(source, client)] = amount
            saved.revenue_ids[(source, client)] = pk
    return months


def figure_years(enterprise: Initiative) -> list[int]:
    """The years in which an active business line of the enterprise has figures: one query."""
    figures = MonthFigures.objects.filter(
        agency_id=enterprise.agency_id, initiative=enterprise, line__archived_at__isnull=True
    )
    return list(figures.order_by("year").values_list("year", flat=True).distinct())
