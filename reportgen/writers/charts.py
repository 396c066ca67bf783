"""Charts drawn: a resolved :class:`~reportgen.document.Chart` as SVG (HTML) or PNG (Word).

Resolve decided everything a chart shows (its categories, its series with their values and
printed forms, its colours, font and alt text); this module only draws it, with matplotlib's
object API (no pyplot, no global figure state), imported when the first chart is drawn so that
a report without one never loads it. The output is the same bytes for the same chart: a fixed
hash salt for the SVG's ids, no date in its metadata, a fixed size and resolution, and the
profile's font when the machine has it, else DejaVu Sans, which matplotlib bundles.
"""

from __future__ import annotations

import functools
import io
from typing import TYPE_CHECKING, Any, Literal

from reportgen.document import Chart

if TYPE_CHECKING:
    from matplotlib.axes import Axes

DEFAULT_WIDTH_CM = 16.0
"""A chart's width when its author gives none: the text's width on A4."""
PNG_DPI = 200
"""The resolution of a chart drawn for Word: sharp when printed."""
FALLBACK_FONT = "DejaVu Sans"
"""The font matplotlib bundles, used when the profile's is not on the machine."""
_SALT = "reportgen"


@functools.cache
def _font(wanted: str | None) -> str:
    """``wanted`` if the machine has it, else :data:`FALLBACK_FONT` (found once a process)."""
    if not wanted:
        return FALLBACK_FONT
    from matplotlib import font_manager

    try:
        font_manager.findfont(font_manager.FontProperties(family=wanted), fallback_to_default=False)
    except ValueError:
        return FALLBACK_FONT
    return wanted


def size_cm(chart: Chart) -> tuple[float, float]:
    """The chart's width and height in centimetres."""
    width = chart.width_cm or DEFAULT_WIDTH_CM
    return width, width * (0.75 if chart.kind == "pie" else 0.6)


def draw(chart: Chart, form: Literal["svg", "png"]) -> bytes:
    """``chart`` drawn as an SVG or PNG file, the same bytes every time."""
    import matplotlib
    from matplotlib.figure import Figure

    width, height = size_cm(chart)
    settings: Any = {
        "svg.hashsalt": _SALT,
        "svg.fonttype": "none",  # text stays text: searchable, and read as the page's font
        "font.family": [_font(chart.font), FALLBACK_FONT],
        "font.size": 9,
        "text.color": chart.text_colour,
        "axes.edgecolor": "#595959",
        "axes.labelcolor": chart.text_colour,
        "xtick.color": "#333333",
        "ytick.color": "#333333",
    }
    with matplotlib.rc_context(settings):
        figure = Figure(figsize=(width / 2.54, height / 2.54), layout="constrained")
        axes = figure.add_subplot()
        _plot(axes, chart)
        if chart.title:
            axes.set_title(chart.title, loc="left", fontweight="bold", color=chart.text_colour)
        out = io.BytesIO()
        if form == "svg":
            figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
        else:
            figure.savefig(out, format="png", dpi=PNG_DPI, metadata={"Software": None})
    return out.getvalue()


def _plot(axes: Axes, chart: Chart) -> None:
    labels = list(chart.categories)
    series = chart.series
    if chart.kind == "pie":
        only = series[0]
        colours = only.colour.split(",")
        axes.pie(
            [float(v) for v in only.values],
            labels=[f"{label}\n{shown}" for label, shown in zip(labels, only.shown, strict=True)],
            colors=colours,
            startangle=90,
            counterclock=False,
            wedgeprops={"linewidth": 1, "edgecolor": "white"},
        )
        axes.set_aspect("equal")
        return
    positions = list(range(len(labels)))
    horizontal = chart.kind != "line" and any(len(label) > 12 for label in labels)
    _frame(axes)
    if chart.kind == "line":
        for one in series:
            values = [float(v) for v in one.values]
            axes.plot(positions, values, marker="o", color=one.colour, label=one.name)
        axes.set_xticks(positions, labels)
    else:
        count = len(series)
        stacked = chart.kind == "stacked-bar"
        thickness = 0.7 if stacked else 0.8 / count
        base = [0.0] * len(labels)
        for i, one in enumerate(series):
            values = [float(v) for v in one.values]
            offset = 0.0 if stacked else (i - (count - 1) / 2) * thickness
            where = [p + offset for p in positions]
            draw_bars: Any = axes.barh if horizontal else axes.bar
            start = {("left" if horizontal else "bottom"): base if stacked else None}
            bars = draw_bars(where, values, thickness, color=one.colour, label=one.name, **start)
            if not stacked:
                axes.bar_label(bars, labels=list(one.shown), padding=2, fontsize=8)
            base = [b + v for b, v in zip(base, values, strict=True)]
        if horizontal:
            axes.set_yticks(positions, labels)
            axes.invert_yaxis()  # the table's first row at the top
            axes.axvline(0, color="#595959", linewidth=0.8)
            axes.set_xlabel(chart.y_label)
        else:
            axes.set_xticks(positions, labels)
            axes.axhline(0, color="#595959", linewidth=0.8)
            axes.set_ylabel(chart.y_label)
    from matplotlib.ticker import StrMethodFormatter

    scale = axes.xaxis if horizontal else axes.yaxis
    scale.set_major_formatter(StrMethodFormatter("{x:,.0f}"))  # 1,000 as the tables print it
    if len(series) > 1:
        axes.legend(frameon=False)
    axes.margins(x=0.15 if horizontal else 0.05, y=0.1)


def _frame(axes: Axes) -> None:
    """Only the axes that carry scales, and light grid lines."""
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.grid(True, axis="both", color="#D9D9D9", linewidth=0.5)
    axes.set_axisbelow(True)
