"""Server-rendered SVG chart of a neighbourhood's social capital over the years (matplotlib,
imported only when drawing). Lines and bars differ by marker, line style and hatching, not by
colour alone; the same numbers are in the data table beside the chart."""

import io

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from kiezwerk.initiatives.charts import BRAND, INK, MUTED, SVG_RC, _with_title

TIE_STYLES = (
    # (figure, label, colour, hatch); short labels: the legend is one line in both languages.
    ("bonding", pgettext_lazy("kind of tie", "bonding"), BRAND, ""),
    ("bridging", pgettext_lazy("kind of tie", "bridging"), "#8a5a00", "//"),
    ("linking", pgettext_lazy("kind of tie", "linking"), MUTED, ".."),
)


def social_capital_svg(neighbourhood_name: str, rows: list[dict]) -> bytes:
    """Organisations and ties per year (lines, top), and the ties by kind (bars, bottom). `rows` are
    `social_capital.with_changes` rows."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    years = [row["year"] for row in rows]
    with matplotlib.rc_context(SVG_RC):
        figure = Figure(figsize=(8, 6.5))
        FigureCanvasSVG(figure)
        top, bottom = figure.subplots(2, 1, sharex=True)
        _draw_sizes(top, years, rows)
        _draw_tie_kinds(bottom, years, rows)
        figure.subplots_adjust(left=0.08, right=0.98, top=0.95, bottom=0.06, hspace=0.25)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    title = _("Social capital in %(neighbourhood)s") % {"neighbourhood": neighbourhood_name}
    return _with_title(buffer.getvalue(), title, _description(rows))


def _draw_sizes(axes, years: list[int], rows: list[dict]) -> None:
    highest = 0
    for name, label, style, marker in (
        ("actors", _("Organisations"), "-", "o"),
        ("ties", _("Ties"), "--", "s"),
    ):
        values = [row["figures"][name] for row in rows]
        highest = max(highest, *values)
        axes.plot(
            years, values, linestyle=style, marker=marker, color=BRAND, linewidth=2, label=label
        )
    axes.set_title(_("Organisations and ties"), color=INK, loc="left")
    _counts_axis(axes, highest)
    axes.legend(loc="upper left", frameon=False, ncol=2)


def _draw_tie_kinds(axes, years: list[int], rows: list[dict]) -> None:
    width, highest = 0.27, 0
    for offset, (name, label, colour, hatch) in enumerate(TIE_STYLES, start=-1):
        values = [row["figures"][name] for row in rows]
        highest = max(highest, *values)
        axes.bar(
            [year + offset * width for year in years],
            values,
            width=width,
            color="white" if hatch else colour,
            edgecolor=colour,
            hatch=hatch,
            linewidth=1.5,
            label=str(label),
        )
    axes.set_title(_("Ties by kind"), color=INK, loc="left")
    axes.set_xticks(years)
    axes.set_xticklabels([str(year) for year in years])
    _counts_axis(axes, highest)
    axes.legend(loc="upper left", frameon=False, ncol=3)


def _counts_axis(axes, highest: int) -> None:
    """Whole numbers from zero, with room above the highest value for the legend."""
    from matplotlib.ticker import MaxNLocator

    axes.set_ylim(0, max(highest, 1) * 1.3)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.grid(axis="y", color="#d0d7de")
    axes.set_axisbelow(True)


def _description(rows: list[dict]) -> str:
    parts = [
        _(
            "%(year)s: %(actors)s organisations, %(ties)s ties "
            "(%(bonding)s bonding, %(bridging)s bridging, %(linking)s linking)."
        )
        % {"year": row["year"], **row["figures"]}
        for row in rows
    ]
    return " ".join(parts)
