"""Rows for the tables of the neighbourhood overview: labels, explanations and numbers formatted
for the reader's language (the template only prints them)."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from kiezwerk.core.formats import count, euros
from kiezwerk.reporting.overview import Resources, Yearly

# The social-capital figures: label, and one plain sentence saying what it means.
CAPITAL_FIGURES = (
    (
        "actors",
        _("Organisations involved"),
        _(
            "How many organisations took part in the neighbourhood's network in the year: "
            "initiatives, partner organisations and public bodies."
        ),
    ),
    (
        "ties",
        _("Ties"),
        _(
            "How many pairs of organisations had at least one contact with each other: at a "
            "forum, through a referral, a delivery or a local partnership."
        ),
    ),
    (
        "contacts",
        _("Contacts"),
        _(
            "How often these organisations met or worked together; a pair that met three "
            "times counts three times."
        ),
    ),
    (
        "density",
        _("Density"),
        _(
            "How many of all possible pairs are actually tied: 100 % would mean that every "
            "organisation knows every other."
        ),
    ),
    (
        "bonding",
        _("Bonding ties"),
        _(
            "Ties within one group, for example between two initiatives of the neighbourhood: "
            "they hold the group together."
        ),
    ),
    (
        "bridging",
        _("Bridging ties"),
        _(
            "Ties between different groups or to other neighbourhoods: they bring in new ideas "
            "and resources."
        ),
    ),
    (
        "linking",
        _("Linking ties"),
        _(
            "Ties to institutions with power, such as public bodies, banks and universities: "
            "they open the way to money and decisions."
        ),
    ),
)
BROKERS_EXPLAINED = _(
    "The organisations that most often connect others who have no tie of their own: without "
    "them the network would fall apart."
)


@dataclass
class Row:
    label: str
    cells: list[str]
    explanation: str = ""
    pk: int | None = None  # of the record the row is about, for a link


def _decimal(value: float, places: int) -> str:
    """Rounded, not cut off (number_format cuts floats off)."""
    return number_format(round(value, places), decimal_pos=places)


def _hours(value: Decimal) -> str:
    return number_format(value.normalize() if value else 0, force_grouping=True)


def summary_rows(yearly: Yearly) -> list[Row]:
    """Per year: needs raised and met, forums, attendance, referrals, partnerships agreed,
    resources received."""
    counts = (
        ("needs_raised", _("Needs raised")),
        ("needs_met", _("Needs met")),
        ("forums", _("Forums and events")),
        ("attendance", _("People at forums and events")),
        ("referrals", _("Referrals to partners")),
        ("partnerships_agreed", _("Local partnerships agreed")),
    )
    rows = [Row(label, [count(value) for value in yearly.row(name)]) for name, label in counts]
    cells = yearly.resources.cells(yearly.years)
    rows.append(Row(_("Hours of support received"), [_hours(hours) for hours, _v in cells]))
    rows.append(Row(_("Value of resources received"), [euros(value) for _h, value in cells]))
    return rows


def resource_rows(grouped: list[tuple[str, Resources, int | None]], years: list[int]) -> list[Row]:
    """One row per kind or partner: per year and in total "hours / euros"."""
    rows = []
    for label, resources, pk in grouped:
        cells = [_resource_cell(hours, value) for hours, value in resources.cells(years)]
        cells.append(_resource_cell(resources.total_hours, resources.total_value))
        rows.append(Row(label or _("All other partners"), cells, pk=pk))
    return rows


def _resource_cell(hours: Decimal, value: Decimal) -> str:
    if not hours and not value:
        return "–"
    return _("%(hours)s h, %(value)s") % {"hours": _hours(hours), "value": euros(value)}


def capital_rows(capital: list[dict]) -> list[Row]:
    """One row per social-capital figure: per year the value and its change since the year
    before in the table."""
    rows = []
    for name, label, explanation in CAPITAL_FIGURES:
        cells = [_capital_cell(name, row, capital[index - 1]) for index, row in enumerate(capital)]
        rows.append(Row(label, cells, explanation))
    return rows


def _capital_cell(name: str, row: dict, before: dict) -> dict:
    value, change = row["figures"][name], row["changes"][name]
    if name == "density":
        value, change = value * 100, None if change is None else change * 100
        shown = _decimal(value, 1) + "\N{NO-BREAK SPACE}%"
    else:
        shown = count(value)
    if change is None:
        return {"value": shown, "change": ""}
    sign = "+" if change > 0 else "±" if change == 0 else "−"
    amount = _decimal(abs(change), 1) if name == "density" else count(abs(change))
    return {"value": shown, "change": f"{sign}{amount}", "since": before["year"]}


def broker_rows(capital: list[dict], names: dict[str, str]) -> list[dict]:
    """Per year the brokers, highest betweenness first, with their scores."""
    return [
        {
            "year": row["year"],
            "exact": row["figures"].get("brokers_exact", True),
            "brokers": [
                {"name": names.get(key, "–"), "score": _decimal(score, 3)}
                for key, score in row["figures"].get("brokers", ())
            ],
        }
        for row in capital
    ]
