"""Numbers for the reader's language: euros, percentages and counts as every page shows them.
Rounded half up (Django's number_format cuts digits off)."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format

NBSP = "\N{NO-BREAK SPACE}"


# What a table shows where there is no value.
DASH = "–"


def _rounded(value, places: int) -> Decimal:
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def euros(value: Decimal) -> str:
    """1.234,50 € (German) or 1,234.50 € (English)."""
    return number_format(_rounded(value, 2), decimal_pos=2, force_grouping=True) + NBSP + "€"


def percent(value: Decimal | int, places: int = 1) -> str:
    return number_format(_rounded(value, places), decimal_pos=places) + NBSP + "%"


def count(value: int) -> str:
    return number_format(value, force_grouping=True)


def number(value: Decimal | int, places: int = 2, *, grouping: bool = True) -> str:
    """A plain number with `places` decimals and grouping: 1.234,5 FTE, 12,75 hours
    (1234,5 without grouping, as spreadsheet files want it)."""
    return number_format(_rounded(value, places), decimal_pos=places, force_grouping=grouping)
