"""The agencies compared on three headline figures of a year, as a server-rendered SVG
(matplotlib, imported only when drawing): one panel per figure, so each keeps its own scale,
with the value written at every bar. The agency table beside the chart holds the same numbers."""

import io

from django.utils.translation import gettext as _

from kiezwerk.initiatives.charts import BRAND, INK, SVG_RC, _with_title
from kiezwerk.reporting.network_overview.queries import FIGURES, AgencyRow

HEADLINE = ("jobs_total", "enterprises_total", "consultations_held")
LABELS = dict(FIGURES)
WIDTH = 9  # inches; a page shows the chart at 100 pixels per inch


def height(agencies: int) -> float:
    """Inches: room for the titles, and a bar's height per agency."""
    return 1.2 + 0.45 * agencies


def size_in_pixels(agencies: int) -> tuple[int, int]:
    return WIDTH * 100, round(height(agencies) * 100)


def agencies_svg(year: int, rows: list[AgencyRow]) -> bytes:
    """Horizontal bars per agency (short names, in the order of the table)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    names = [_wrapped(str(row.agency), 20) for row in rows]
    with matplotlib.rc_context(SVG_RC):
        figure = Figure(figsize=(WIDTH, height(len(rows))))
        FigureCanvasSVG(figure)
        panels = figure.subplots(1, len(HEADLINE), sharey=True)
        for axes, key in zip(panels, HEADLINE, strict=True):
            _draw(axes, names, [int(row.figures[key]) for row in rows], _wrapped(LABELS[key]))
        figure.subplots_adjust(left=0.2, right=0.97, top=0.8, bottom=0.05, wspace=0.35)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    title = _("Agencies compared, %(year)s") % {"year": year}
    return _with_title(buffer.getvalue(), title, _description(rows))


def _draw(axes, names: list[str], values: list[int], label: str) -> None:
    positions = list(range(len(names)))
    axes.barh(positions, values, color=BRAND)
    axes.set_yticks(positions)
    axes.set_yticklabels(names, color=INK)
    axes.invert_yaxis()
    axes.set_title(label, color=INK, loc="left", fontsize=10)
    axes.set_xlim(0, max(*values, 1) * 1.25)
    axes.set_xticks([])  # the values are written at the bars
    for side in ("top", "right", "bottom"):
        axes.spines[side].set_visible(False)
    for position, value in zip(positions, values, strict=True):
        axes.text(value, position, f" {value}", va="center", color=INK)


def _wrapped(label, width: int = 26) -> str:
    import textwrap

    return textwrap.fill(str(label), width)


def _description(rows: list[AgencyRow]) -> str:
    parts = []
    for row in rows:
        values = ", ".join(f"{LABELS[key]}: {row.figures[key]}" for key in HEADLINE)
        parts.append(f"{row.agency}: {values}.")
    return " ".join(parts)
