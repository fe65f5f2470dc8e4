"""Server-rendered SVG chart of an enterprise's financing mix over the years (matplotlib,
imported only when drawing). The three sources are stacked in one bar per year; grants stand
apart in a thinner bar beside it. Bars differ by hatching as well as colour; the same numbers
are in the table below the chart."""

import io

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from kiezwerk.core.formats import euros
from kiezwerk.economy.queries import Period
from kiezwerk.initiatives.charts import BRAND, INK, MUTED, SVG_RC, _with_title

# (figure, colour, hatch): the stack from the bottom up.
STACK = (
    ("public", BRAND, ""),
    ("market", "#8a5a00", "//"),
    ("volunteer", MUTED, ".."),
)
GRANTS_COLOUR = "#7a1f5c"
WIDTH = 0.55


def labels() -> dict[str, str]:
    return {
        "public": _("Public contracts"),
        "market": _("Market sales"),
        "volunteer": _("Volunteer work (valued)"),
        "grants": _("Grants (not in the mix)"),
    }


def financing_mix_svg(name: str, years: list[Period]) -> bytes:
    """The mix of each year of `years` as a stacked bar, grants beside it."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    with matplotlib.rc_context(SVG_RC):
        figure = Figure(figsize=(8, 5))
        FigureCanvasSVG(figure)
        axes = figure.subplots()
        highest = _draw(axes, years)
        _axes_style(axes, [period.year for period in years], highest)
        figure.subplots_adjust(left=0.12, right=0.98, top=0.92, bottom=0.08)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    title = _("Financing mix of %(enterprise)s") % {"enterprise": name}
    return _with_title(buffer.getvalue(), title, _description(years))


def _draw(axes, years: list[Period]) -> float:
    """The bars; the highest of them in euros."""
    names = labels()
    positions = [period.year for period in years]
    bottoms = [0.0] * len(years)
    for source, colour, hatch in STACK:
        values = [float(getattr(period, source)) for period in years]
        axes.bar(
            [position - WIDTH / 6 for position in positions],
            values,
            width=WIDTH * 2 / 3,
            bottom=bottoms,
            color="white" if hatch else colour,
            edgecolor=colour,
            hatch=hatch,
            linewidth=1.5,
            label=names[source],
        )
        bottoms = [bottom + value for bottom, value in zip(bottoms, values, strict=True)]
    grants = [float(period.grants) for period in years]
    axes.bar(
        [position + WIDTH / 2 - 0.02 for position in positions],
        grants,
        width=WIDTH / 3,
        color="white",
        edgecolor=GRANTS_COLOUR,
        hatch="xx",
        linewidth=1.5,
        label=names["grants"],
    )
    return max([*bottoms, *grants, 0.0])


def _axes_style(axes, years: list[int], highest: float) -> None:
    from matplotlib.ticker import FuncFormatter

    axes.set_xticks(years)
    axes.set_xticklabels([str(year) for year in years])
    axes.set_ylim(0, max(highest, 1.0) * 1.35)  # room above the bars for the legend
    axes.yaxis.set_major_formatter(FuncFormatter(_euro_tick))
    axes.grid(axis="y", color="#d0d7de")
    axes.set_axisbelow(True)
    axes.set_title(_("Financing mix per year, in euros"), color=INK, loc="left")
    axes.legend(loc="upper left", frameon=False, ncol=2)


def _euro_tick(value: float, _position) -> str:
    return number_format(round(value), force_grouping=True) + "\N{NO-BREAK SPACE}€"


def _description(years: list[Period]) -> str:
    parts = [
        _(
            "%(year)s: public contracts %(public)s, market sales %(market)s, volunteer work "
            "%(volunteer)s; grants %(grants)s."
        )
        % {
            "year": period.year,
            "public": euros(period.public),
            "market": euros(period.market),
            "volunteer": euros(period.volunteer),
            "grants": euros(period.grants),
        }
        for period in years
    ]
    return " ".join(parts)
