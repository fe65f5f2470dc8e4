"""The tables of a financing mix, shared by the pages of an enterprise, a neighbourhood and the
agency: one row per figure, one cell per year (or quarter), formatted for the reader's
language; the choice of a year to show by quarter."""

from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from kiezwerk.core.formats import DASH, euros, number, percent
from kiezwerk.economy.queries import Mix, Period
from kiezwerk.economy.warnings import index

CONCENTRATION = (
    (
        _("Concentration of the three sources"),
        _(
            "The Herfindahl index adds up the squared shares of public contracts, market sales "
            "and volunteer work: 0.33 means all three bring in the same, 1 means everything "
            "comes from one source."
        ),
    ),
    (
        _("Concentration over single payers"),
        _(
            "The same index with each public client counted on its own beside market sales and "
            "volunteer work: the nearer to 1, the more the enterprise depends on one payer."
        ),
    ),
)


class YearForm(forms.Form):
    """Which year to show by quarter."""

    year = forms.TypedChoiceField(
        label=_("Show one year by quarter"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, data, years: list[int]) -> None:
        super().__init__(data)
        self.fields["year"].choices = [("", _("No year")), *((y, str(y)) for y in years)]


@dataclass
class Row:
    label: str
    cells: list[str] = field(default_factory=list)
    total: bool = False  # a sum: shown in bold


def mix_context(mix: Mix, data) -> dict:
    """What `economy/partials/mix_years.html` and the public clients' table show of `mix`:
    the years, the mix and money tables, and the year chosen in `data` (GET) by quarter."""
    form = YearForm(data or None, [period.year for period in mix.years])
    chosen = form.cleaned_data["year"] if form.is_valid() else None
    return {
        "years": [str(period.year) for period in mix.years],
        "mix_rows": mix_rows(mix.years),
        "money_rows": money_rows(mix.years),
        "year_form": form,
        "chosen": chosen,
        "quarters": quarter_rows(mix, chosen),
        "clients": client_rows(mix),
        "concentration": CONCENTRATION,
    }


def quarter_rows(mix: Mix, year: int | None) -> dict | None:
    if year is None:
        return None
    quarters = mix.quarters[year]
    return {
        "columns": [_("Quarter %(quarter)s") % {"quarter": q.quarter} for q in quarters],
        "mix_rows": mix_rows(quarters),
        "money_rows": money_rows(quarters),
    }


def mix_rows(periods: list[Period]) -> list[Row]:
    shares = [period.shares() for period in periods]
    rows = [
        _money(_("Public contracts"), periods, "public"),
        _money(_("Market sales"), periods, "market"),
        _money(_("Volunteer work (valued)"), periods, "volunteer"),
        _money(_("Three sources together"), periods, "mix_total", total=True),
    ]
    for position, label in enumerate(
        (_("Share of public contracts"), _("Share of market sales"), _("Share of volunteer work"))
    ):
        cells = [percent(found[position], 0) if found else DASH for found in shares]
        rows.append(Row(str(label), cells))
    rows.append(Row(str(CONCENTRATION[0][0]), [index(p.herfindahl_sources()) for p in periods]))
    rows.append(Row(str(CONCENTRATION[1][0]), [index(p.herfindahl_payers()) for p in periods]))
    return rows


def money_rows(periods: list[Period]) -> list[Row]:
    return [
        _money(_("Public contracts and market sales"), periods, "sales"),
        _money(_("Grants and subsidies"), periods, "grants"),
        _money(_("Donations"), periods, "donations"),
        _money(_("Revenue"), periods, "revenue", total=True),
        _money(_("Costs"), periods, "costs"),
        _money(_("Result (revenue minus costs)"), periods, "result", total=True),
        Row(str(_("Volunteer hours")), [number(p.hours) for p in periods]),
        Row(str(_("of which not valued (no rate)")), [number(p.unvalued_hours) for p in periods]),
    ]


def client_rows(mix: Mix) -> list[Row]:
    """Per public client and year: the amount and its share of the year's mix."""
    rows = []
    for client, name in mix.clients_by_amount():
        cells = []
        for period in mix.years:
            amount, share = period.clients.get(client), period.client_share(client)
            found = amount is not None and share is not None
            cells.append(f"{euros(amount)} ({percent(share)})" if found else DASH)
        rows.append(Row(name, cells))
    return rows


def signed(value: Decimal) -> str:
    """ "+1.234,00 €", "−567,00 €" or "0,00 €": the sign carries the meaning, not a colour."""
    sign = "+" if value > 0 else "\N{MINUS SIGN}" if value < 0 else ""
    return sign + euros(abs(value))


def _money(label, periods: list[Period], name: str, *, total: bool = False) -> Row:
    return Row(str(label), [euros(getattr(period, name)) for period in periods], total)
