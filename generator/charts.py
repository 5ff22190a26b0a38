"""Charts in one place: the data of every declared chart, and its drawing with matplotlib.

:func:`plan_charts` turns the source's chart declarations into plain :class:`ChartPlan`
data (values converted to the chart's unit straight from the figures), which the PDF
draws through :func:`chart_svg` and the PPTX writes as native charts: both show the same
numbers. matplotlib is imported only when a chart is drawn, and never through pyplot.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache

from generator.fonts import fallback_families, font_file, metrics
from generator.linebreak import Block, Run, break_lines
from generator.model import Figure as ModelFigure
from generator.model import Report
from generator.numbers import PREFIX_QUALIFIERS, QuantityError, format_decimal
from generator.palette import GRID, SERIES, css

PALETTE = tuple(css(colour) for colour in SERIES)
"""Deep red and gold, shared by the PDF and the PPTX."""


@dataclass(frozen=True)
class Bar:
    """One bar: its category label, value in the chart's unit, and the value as printed (with hedge)."""

    label: str
    value: float
    text: str


@dataclass(frozen=True)
class SeriesPlan:
    """A series: its name (empty for a chart of one series) and one bar per category."""

    name: str
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class ChartPlan:
    """A chart as data: title, kind, unit, axis label, source note, categories and series.

    One colour per series (never per bar); a legend only with two or more series.
    """

    id: str
    title: str
    kind: str
    unit: str
    axis_label: str
    note: str
    categories: tuple[str, ...]
    series: tuple[SeriesPlan, ...]

    @property
    def bars(self) -> tuple[Bar, ...]:
        """Every bar, series after series."""
        return tuple(bar for series in self.series for bar in series.bars)

    @property
    def legend(self) -> bool:
        """Whether the chart needs a legend (two or more series)."""
        return len(self.series) > 1


def _bar(figure: ModelFigure, unit: str) -> Bar:
    """A figure as a bar in ``unit``, its printed value keeping the hedge and range as the text states them."""
    value = figure.value_in(unit)
    scale = figure.value_in(unit) / figure.value if figure.value else 1
    text = format_decimal(value)
    if figure.upper is not None:
        text += "—" + format_decimal(figure.upper * scale)
    try:
        quantity = figure.quantity
    except QuantityError:  # a bare number in a table cell: no hedge
        quantity = None
    prefix = getattr(quantity, "prefix", None)
    suffix = getattr(quantity, "suffix", None)
    if prefix is None:  # a hedge given in the source, or one from the quote
        qualifier = figure.qualifier or (quantity.qualifier if quantity else "")
        prefix = qualifier if qualifier in PREFIX_QUALIFIERS else ""
        suffix = "" if prefix else qualifier
    return Bar(figure.label, float(value), f"{prefix}{text}{suffix}")


def plan_charts(report: Report) -> list[ChartPlan]:
    """Every chart the source declares, with values converted into each chart's unit."""
    figures = report.figures()
    plans = []
    for chart in report.charts:
        if chart.series:
            series = tuple(
                SeriesPlan(s.name, tuple(_bar(figures[f], chart.unit) for f in s.figures)) for s in chart.series
            )
            categories = tuple(chart.categories) or tuple(bar.label for bar in series[0].bars)
        else:
            bars = tuple(_bar(figures[f], chart.unit) for f in chart.figures)
            series = (SeriesPlan("", bars),)
            categories = tuple(bar.label for bar in bars)
        plans.append(
            ChartPlan(
                chart.id,
                chart.title,
                chart.kind,
                chart.unit,
                report.chart_axis_label(chart),
                report.chart_note(chart),
                categories,
                series,
            )
        )
    return plans


@cache
def _matplotlib_fonts() -> list[str]:
    """Register the chart face and its fallbacks with matplotlib (once); their family names.

    The chart face comes first; a character it lacks is measured in the first other face the
    PDF embeds that has it (matplotlib's per-character fallback), and the PDF sets it in that
    face when it converts the SVG (:mod:`generator.renderers.pdf.emit`).
    """
    from matplotlib import font_manager

    families = fallback_families("figure")
    for family in families:
        font_manager.fontManager.addfont(str(font_file(family).path))
    return families


LABEL_SIZE = 12.0
"""Type size of tick and bar labels (pt): never smaller, in the PDF or on a slide."""
LABEL_LINES = 3
"""Lines a column's category label may take; more, and the chart is drawn with horizontal bars."""
PLOT_MARGIN = 76.0
"""Width beside a column chart's plot (value axis, its title and labels), in points."""


def wrap_label(text: str, width: float, lines: int = LABEL_LINES, size: float = LABEL_SIZE) -> str:
    """``text`` broken into lines no wider than ``width`` points (at most ``lines``, else cut with …).

    The shared line breaker (:mod:`generator.linebreak`) breaks it: never rotated, never smaller.
    """
    block = Block((Run(text, "figure", size),))
    ranges = break_lines(block, width)
    parts = [text[a:b] for a, b in ranges]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][:-1] + "…"
    return "\n".join(parts)


def orientation(plan: ChartPlan, width: float, size: float = LABEL_SIZE) -> str:
    """How ``plan`` is drawn ``width`` points wide: ``column`` or ``bar`` (horizontal bars, labels beside).

    Columns while every category label, wrapped into its column, takes at most
    :data:`LABEL_LINES` lines at ``size``; a chart with more categories than fit has bars.
    """
    if plan.kind == "bar":
        return "bar"
    slot = (width - PLOT_MARGIN) / max(1, len(plan.categories)) * 0.92
    face = metrics("figure")
    for category in plan.categories:
        ranges = break_lines(Block((Run(category, "figure", size),)), slot)
        if len(ranges) > LABEL_LINES or any(face.width(category[a:b], size) > slot for a, b in ranges):
            return "bar"
    return "column"


TITLE_SIZE = 13.0
"""Type size of a chart's own title (pt)."""


def _labels_and_margins(plan: ChartPlan, width: float, height: float) -> tuple[list[str], str, str, dict[str, float]]:
    """Category labels, the value axis title and the chart title wrapped to their room, and subplot margins.

    Sizes in points. The titles are wrapped to the plot's extent along their axis, so that,
    centred on the plot, they never reach past the figure.
    """
    face = metrics("figure")
    top, right = 34.0, 14.0
    if orientation(plan, width) == "bar":
        labels = [wrap_label(c, width * 0.28, 2) for c in plan.categories]
        widest = max(face.width(line, LABEL_SIZE) for label in labels for line in label.split("\n"))
        left = widest + 14.0
        axis_label = wrap_label(plan.axis_label, (width - left - right) * 0.96, 2) if plan.axis_label else ""
        bottom = 28.0 + (axis_label.count("\n") + 1) * LABEL_SIZE * 1.25
    else:
        slot = (width - PLOT_MARGIN) / max(1, len(plan.categories))
        labels = [wrap_label(c, slot * 0.92) for c in plan.categories]
        lines = max(label.count("\n") + 1 for label in labels)
        left, bottom = 62.0, lines * LABEL_SIZE * 1.25 + 10.0
        axis_label = wrap_label(plan.axis_label, (height - top - bottom) * 0.96, 2) if plan.axis_label else ""
    title = wrap_label(plan.title, (width - left - right) * 0.96, 2, TITLE_SIZE)
    top += title.count("\n") * TITLE_SIZE * 1.25
    return (
        labels,
        axis_label,
        title,
        {
            "left": left / width,
            "right": 1 - right / width,
            "top": 1 - top / height,
            "bottom": bottom / height,
        },
    )


def _draw_series(axes, plan: ChartPlan, labels: list[str], axis_label: str, kind: str) -> None:
    """Bars of every series side by side in each category, one colour per series, values printed."""
    count = len(plan.series)
    band = 0.7
    width = band / count
    positions = list(range(len(plan.categories)))
    for s, series in enumerate(plan.series):
        offset = (s - (count - 1) / 2) * width
        where = [p + offset for p in positions]
        values = [bar.value for bar in series.bars]
        colour = PALETTE[s % len(PALETTE)]
        name = series.name or None
        if kind == "bar":
            drawn = axes.barh(where, values, height=width * 0.9, color=colour, label=name)
        else:
            drawn = axes.bar(where, values, width=width * 0.9, color=colour, label=name)
        axes.bar_label(drawn, labels=[bar.text for bar in series.bars], padding=3)
    if kind == "bar":
        axes.set_yticks(positions, labels)
        axes.invert_yaxis()
        axes.set_xlabel(axis_label)
        axes.margins(x=0.18)
    else:
        axes.set_xticks(positions, labels)
        axes.set_ylabel(axis_label)
        axes.margins(y=0.15)
    if plan.legend:
        axes.legend(frameon=False, fontsize=LABEL_SIZE, loc="upper right")


def chart_svg(plan: ChartPlan, width: float, height: float) -> bytes:
    """Draw ``plan`` as an SVG (inches), text kept as text so that it stays extractable."""
    import logging

    import matplotlib

    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    matplotlib.use("svg", force=False)
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    families = _matplotlib_fonts()
    with matplotlib.rc_context(
        {
            "svg.fonttype": "none",
            "svg.hashsalt": plan.id,
            "font.family": families,
            "font.weight": 500,  # the face's own weight: no fallback search, no warning
            "font.size": LABEL_SIZE,
            "axes.unicode_minus": False,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    ):
        figure = Figure(figsize=(width, height))
        axes = figure.add_subplot()
        labels, axis_label, title, margins = _labels_and_margins(plan, width * 72, height * 72)
        figure.subplots_adjust(**margins)  # measured, not tight_layout: no second drawing pass
        kind = orientation(plan, width * 72)
        _draw_series(axes, plan, labels, axis_label, kind)
        axes.set_title(title, fontsize=TITLE_SIZE, color=PALETTE[2], pad=10)
        axes.grid(axis="x" if kind == "bar" else "y", color=css(GRID), linewidth=0.6)
        axes.set_axisbelow(True)
        buffer = io.BytesIO()
        FigureCanvasSVG(figure).print_svg(buffer, metadata={"Date": None, "Creator": None})
    return buffer.getvalue()
