"""Server-rendered SVG charts of an initiative (matplotlib, imported only when drawing).

Output is deterministic (fixed hash salt, no date) and keeps text as text, so that it can be
searched, read by screen readers and translated; every chart has a data table beside it.
"""

import io
import math
import textwrap
from xml.sax.saxutils import escape  # nosec B406  # only escapes SVG text, parses no XML

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kiezwerk.initiatives.models import EmesProfile

SVG_RC = {
    "svg.hashsalt": "kiezwerk",
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.size": 11,
}
INK = "#1b1f23"
BRAND = "#1f5f4a"
MUTED = "#4a5560"


def emes_radar_svg(latest: EmesProfile, previous: EmesProfile | None = None) -> bytes:
    """The nine EMES scores (0–3) on a radar; the previous profile dashed, for comparison."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    with matplotlib.rc_context(SVG_RC):
        figure = Figure(figsize=(7.5, 6.5))
        FigureCanvasSVG(figure)
        axes = figure.add_subplot(projection="polar")
        _draw_axes(axes, [label for label, _score in latest.scores()])
        if previous is not None:
            label = _("Previous profile of %(date)s") % {"date": _date(previous)}
            _draw_profile(axes, previous, label, color=MUTED, linestyle="--", fill=False)
        label = _("Profile of %(date)s") % {"date": _date(latest)}
        _draw_profile(axes, latest, label, color=BRAND, linestyle="-", fill=True)
        axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2, frameon=False)
        figure.subplots_adjust(left=0.25, right=0.75, top=0.86, bottom=0.16)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return _with_title(buffer.getvalue(), _title(latest), _description(latest, previous))


def _angles(count: int) -> list[float]:
    return [2 * math.pi * index / count for index in range(count)]


def _draw_axes(axes, labels: list[str]) -> None:
    axes.set_theta_offset(math.pi / 2)
    axes.set_theta_direction(-1)
    axes.set_ylim(0, 3)
    axes.set_yticks([1, 2, 3])
    axes.set_yticklabels(["1", "2", "3"], color=MUTED)
    angles = _angles(len(labels))
    axes.set_xticks(angles)
    texts = axes.set_xticklabels([textwrap.fill(label, 22) for label in labels], color=INK)
    for angle, text in zip(angles, texts, strict=True):
        side = math.sin(angle)
        text.set_horizontalalignment("left" if side > 0.1 else "right" if side < -0.1 else "center")
    axes.tick_params(axis="x", pad=8)


def _draw_profile(
    axes, profile: EmesProfile, label: str, *, color: str, linestyle: str, fill: bool
) -> None:
    scores = [score for _label, score in profile.scores()]
    angles = _angles(len(scores))
    axes.plot(
        [*angles, angles[0]],
        [*scores, scores[0]],
        color=color,
        linestyle=linestyle,
        linewidth=2,
        marker="o" if fill else "s",
        label=label,
    )
    if fill:
        axes.fill([*angles, angles[0]], [*scores, scores[0]], color=color, alpha=0.2)


def _date(profile: EmesProfile) -> str:
    return date_format(profile.assessed_on, "SHORT_DATE_FORMAT")


def _title(latest: EmesProfile) -> str:
    return _("EMES profile of %(date)s") % {"date": _date(latest)}


def _description(latest: EmesProfile, previous: EmesProfile | None) -> str:
    text = _("Scores from 0 (not at all) to 3 (fully): %(scores)s.") % {"scores": _scores(latest)}
    if previous is None:
        return text
    earlier = _("Previous profile of %(date)s, as a dashed line: %(scores)s.") % {
        "date": _date(previous),
        "scores": _scores(previous),
    }
    return f"{text} {earlier}"


def _scores(profile: EmesProfile) -> str:
    return "; ".join(f"{label}: {score}" for label, score in profile.scores())


def _with_title(svg: bytes, title: str, description: str) -> bytes:
    """Give the chart an accessible name and description (first children of the root)."""
    text = svg.decode("utf-8")
    start = text.index("<svg")
    end = text.index(">", start) + 1
    opening = text[start:end].replace(
        "<svg", '<svg role="img" aria-labelledby="chart-title chart-desc"', 1
    )
    accessible = (
        f'<title id="chart-title">{escape(title)}</title>'
        f'<desc id="chart-desc">{escape(description)}</desc>'
    )
    return (text[:start] + opening + accessible + text[end:]).encode("utf-8")
