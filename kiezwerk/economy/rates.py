"""The value of an hour of volunteer work: the agency's rate for the year, else the statutory
minimum wage of that year (Germany has one since 2015), else none (the hours are not valued)."""

from decimal import Decimal

from kiezwerk.economy.enums import RateMethod

# The statutory minimum wage in euros per hour on 1 January of each year (Mindestlohngesetz and
# the Mindestlohnanpassungsverordnungen). Mid-year raises count from the next year here.
MINIMUM_WAGE = {
    2015: Decimal("8.50"),
    2016: Decimal("8.50"),
    2017: Decimal("8.84"),
    2018: Decimal("8.84"),
    2019: Decimal("9.19"),
    2020: Decimal("9.35"),
    2021: Decimal("9.50"),
    2022: Decimal("9.82"),
    2023: Decimal("12.00"),
    2024: Decimal("12.41"),
    2025: Decimal("12.82"),
    2026: Decimal("13.90"),
    2027: Decimal("14.60"),
}


def default_rate(agency_id: int, year: int) -> tuple[Decimal | None, str]:
    """(rate, method) for new figures of `year`; one query."""
    from kiezwerk.economy.models import ValuationRate

    own = ValuationRate.objects.filter(agency_id=agency_id, year=year).first()
    if own is not None:
        return own.rate, own.method
    return statutory_rate(year)


def agency_rates(agency_id: int) -> dict[int, tuple[Decimal | None, str]]:
    """{year: (rate, method)} of the agency's own rates, for many years at once; one query.
    A year without one takes `statutory_rate`."""
    from kiezwerk.economy.models import ValuationRate

    rates = ValuationRate.objects.filter(agency_id=agency_id)
    return {
        year: (rate, method) for year, rate, method in rates.values_list("year", "rate", "method")
    }


def statutory_rate(year: int) -> tuple[Decimal | None, str]:
    """(minimum wage, method) of `year`, or (None, "") before there was one."""
    latest = max(MINIMUM_WAGE)
    if year >= min(MINIMUM_WAGE):
        return MINIMUM_WAGE[min(year, latest)], RateMethod.MINIMUM_WAGE
    return None, ""
