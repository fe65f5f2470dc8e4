"""The cells of a file of monthly figures: numbers in German or plain notation, yes and no,
years, months and business-line names, each read or refused with a reason."""

import re
from decimal import Decimal

from django.utils.translation import gettext as _

from kiezwerk.core.tables import (  # noqa: F401 (moved to core; still imported from here)
    BLANKS,
    ESCAPED,
    CellProblem,
    cell_text,
    heading_key,
    spellings,
)
from kiezwerk.economy.services import FIRST_YEAR, LAST_YEAR

YES = {"yes", "y", "ja", "j", "x", "1", "true", "wahr"}
NO = {"no", "n", "nein", "0", "false", "falsch", ""}
# "1.234,50", "1234,5", ",5" (German) and "1234.50", "1,234.50", "12" (plain or English).
GERMAN_NUMBER = re.compile(r"\d{1,3}(\.\d{3})+(,\d+)?|\d*,\d+")
PLAIN_NUMBER = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?|\d*\.\d+|\d+")
CENT = Decimal("0.01")
QUARTER = Decimal("0.25")
ZERO = Decimal("0")


def _number(value) -> Decimal:
    """A cell as a number: XLSX numbers, "1.234,50" (German) or "1234.50" (plain)."""
    if isinstance(value, bool):
        raise CellProblem(_not_a_number(value))
    if isinstance(value, int | float):
        number = Decimal(str(value))  # str() gives the shortest form of a float: 0.1, not 0.1000…
        if not number.is_finite():
            raise CellProblem(_not_a_number(value))
        return number
    text = BLANKS.sub("", str(value)).removesuffix("€")
    sign = -1 if text[:1] in ("-", "\u2212") else 1
    text = text.lstrip("-\u2212")
    if GERMAN_NUMBER.fullmatch(text):
        text = text.replace(".", "").replace(",", ".")
    elif PLAIN_NUMBER.fullmatch(text):
        text = text.replace(",", "")
    else:
        raise CellProblem(_not_a_number(value))
    return sign * Decimal(text)


def _not_a_number(value) -> str:
    shown = cell_text(value)
    shown = shown if len(shown) <= 40 else shown[:39] + "…"
    return _("“%(value)s” is not a number. Please write numbers like 1234,50 or 1.234,50.") % {
        "value": shown
    }


def _decimal(value, *, digits: int) -> Decimal:
    """A non-negative amount with at most two decimal places and `digits` digits in all."""
    if cell_text(value) == "":
        return ZERO
    number = _number(value)
    if number < 0:
        raise CellProblem(_("The value cannot be negative."))
    if number >= 10 ** (digits - 2):
        raise CellProblem(_("This number is too large."))
    if number != number.quantize(CENT):
        raise CellProblem(_("Please give at most two decimal places."))
    return number.quantize(CENT)


def _whole(value, low: int, high: int, problem: str) -> int:
    try:
        number = _number(value)
    except CellProblem:
        raise CellProblem(problem) from None
    if number != number.to_integral_value() or not low <= number <= high:
        raise CellProblem(problem)
    return int(number)


def parse_money(value) -> Decimal:
    return _decimal(value, digits=14)


def parse_hours(value) -> Decimal:
    hours = _decimal(value, digits=10)
    if hours % QUARTER:
        raise CellProblem(
            _("Please give volunteer hours in quarter hours, for example 2.25 or 2.5.")
        )
    return hours


def parse_count(value) -> int:
    if cell_text(value) == "":
        return 0
    problem = _("Please give the number of volunteers as a whole number, for example 3.")
    return _whole(value, 0, 2_147_483_647, problem)


def parse_flag(value) -> bool:
    if isinstance(value, bool):
        return value
    text = heading_key(value)
    if text in YES or text == heading_key(_("yes")):
        return True
    if text in NO or text == heading_key(_("no")):
        return False
    raise CellProblem(_("Please write “%(yes)s” or “%(no)s”.") % {"yes": _("yes"), "no": _("no")})


def parse_year(value) -> int:
    problem = _("Please give a year between %(first)s and %(last)s.")
    return _whole(value, FIRST_YEAR, LAST_YEAR, problem % {"first": FIRST_YEAR, "last": LAST_YEAR})


def parse_month(value) -> int:
    return _whole(value, 1, 12, _("Please give the month as a number from 1 to 12."))


def parse_line(value) -> str:
    name = ESCAPED.sub("", cell_text(value), count=1)
    if not name:
        raise CellProblem(_("Please name the business line."))
    return name


PARSERS = {
    "line": parse_line,
    "year": parse_year,
    "month": parse_month,
    "money": parse_money,
    "hours": parse_hours,
    "count": parse_count,
    "flag": parse_flag,
}
