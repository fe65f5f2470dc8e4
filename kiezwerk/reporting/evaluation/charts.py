"""Server-rendered SVG charts of the evaluation dashboard (matplotlib, imported only when
drawing): headline indicators over the years, and the impact chain as a funnel. Lines differ by
marker and line style, not by colour alone; the numbers are in the tables beside the charts."""

import io
from decimal import Decimal

from django.utils.translation import gettext as _

from kiezwerk.initiatives.charts import BRAND, INK, MUTED, SVG_RC, _with_title

# (line style, marker, colour) of the lines in turn.
LINE_STYLES = (
    ("-", "o", BRAND),
    ("--", "s", "#8a5a00"),
    (":", "^", MUTED),
    ("-.", "D", "#7a1f5c"),
    ("-", "v", INK),
)


def _figure(width: float, height: float):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height))
    FigureCanvasSVG(figure)
    return figure


def _svg(figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def indicators_svg(title: str, years: list[int], series: list[tuple[str, list[Decimal]]]) -> bytes:
    """One line per indicator of `series` [(label, value per year)] over `years`."""
    import matplotlib
    from matplotlib.ticker import MaxNLocator

    with matplotlib.rc_context(SVG_RC):
        figure = _figure(8, 5)
        axes = figure.subplots()
        highest = 0.0
        for (label, values), (style, marker, colour) in zip(series, LINE_STYLES, strict=False):
            numbers = [float(value) for value in values]
            highest = max(highest, *numbers)
            axes.plot(years, numbers, linestyle=style, marker=marker, color=colour, label=label)
        axes.set_xticks(years)
        axes.set_xticklabels([str(year) for year in years])
        axes.set_ylim(0, max(highest, 1) * 1.35)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.grid(axis="y", color="#d0d7de")
        axes.legend(loc="upper left", frameon=False, ncol=2)
        figure.subplots_adjust(left=0.08, right=0.98, top=0.95, bottom=0.08)
        svg = _svg(figure)
    return _with_title(svg, title, _series_description(years, series))


def _series_description(years: list[int], series: list[tuple[str, list[Decimal]]]) -> str:
    parts = []
    for label, values in series:
        pairs = ", ".join(
            f"{year}: {value.normalize():f}" for year, value in zip(years, values, strict=True)
        )
        parts.append(f"{label} ({pairs}).")
    return " ".join(parts)


def funnel_svg(title: str, steps: list[tuple[str, Decimal]]) -> bytes:
    """The steps of the impact chain as horizontal bars, the first on top, each labelled with
    its name and number."""
    import matplotlib

    labels = [label for label, _value in steps]
    values = [float(value) for _label, value in steps]
    with matplotlib.rc_context(SVG_RC):
        figure = _figure(8, 4)
        axes = figure.subplots()
        positions = list(range(len(steps)))[::-1]
        widest = max([*values, 1.0])
        axes.barh(
            positions, values, color=BRAND, height=0.6, left=[(widest - v) / 2 for v in values]
        )
        for position, label, value in zip(positions, labels, steps, strict=True):
            text = f"{label}: {value[1].normalize():f}"
            axes.text(widest / 2, position + 0.38, text, ha="center", va="bottom", color=INK)
        axes.set_xlim(0, widest)
        axes.set_ylim(-0.5, len(steps) - 0.1)
        axes.axis("off")
        figure.subplots_adjust(left=0.02, right=0.98, top=0.98, bottom=0.02)
        svg = _svg(figure)
    description = " → ".join(f"{label}: {value.normalize():f}" for label, value in steps)
    return _with_title(svg, title, description)


def chart_title(kind: str, subject: str, first: int, last: int) -> str:
    names = {
        "indicators": _("Headline indicators of %(subject)s, %(first)s to %(last)s"),
        "funnel": _("Impact chain of %(subject)s, %(first)s to %(last)s"),
    }
    return names[kind] % {"subject": subject, "first": first, "last": last}
