"""The deck's design in one place: 16:9 slide, colours, layouts and their placeholders.

``scripts/make_pptx_template.py`` writes ``assets/pptx/template.pptx`` (slide master and
named layouts) from these definitions; the planner fits text into the same boxes. Units:
inches for geometry, points for type.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.palette import DARK_RED, GOLD, PALE_GOLD, RED, TEXT  # noqa: F401  (the deck's colours)

SLIDE_WIDTH = 40 / 3
SLIDE_HEIGHT = 7.5
EMU_PER_INCH = 914400

INSET_X = 0.1
"""Left and right text inset of every text box (inches), as written in the XML."""
INSET_Y = 0.05
"""Top and bottom text inset (inches)."""
LINE_SPACING = 1.2
"""Line height as a multiple of the type size (written as exact points)."""


@dataclass(frozen=True)
class Box:
    """A placeholder: OOXML type and idx, position and size (inches), type size, alignment."""

    name: str
    ph_type: str
    idx: int
    x: float
    y: float
    w: float
    h: float
    size: float = 20.0
    align: str = "l"
    anchor: str = "t"
    bold: bool = False
    color: str = TEXT
    role: str = "slide_text"
    bullets: bool = False

    @property
    def text_width(self) -> float:
        """Width available to text, in points."""
        return (self.w - 2 * INSET_X) * 72

    @property
    def text_height(self) -> float:
        """Height available to text, in points."""
        return (self.h - 2 * INSET_Y) * 72


def _title(y: float = 0.45, h: float = 0.95, size: float = 32) -> Box:
    return Box("标题", "title", 0, 0.6, y, 12.13, h, size, "l", "ctr", True, RED, "slide_title")


SLIDE_NUMBER = Box("页码", "sldNum", 12, 11.73, 6.95, 1.0, 0.4, 14, "r", "ctr", False, DARK_RED)
"""The slide number under the master's gold rule (6.9–6.92 in), on layouts that show the master's bands."""
BOTTOM_BAND = 0.3
"""Height of the red band along the foot of the title-like layouts (section, closing), in inches."""
SLIDE_NUMBER_ABOVE_BAND = Box("页码", "sldNum", 12, 11.73, 6.7, 1.0, 0.4, 14, "r", "ctr", False, DARK_RED)
"""The slide number on the title-like layouts: above their bottom band (7.2 in), clear of it."""

TILE_AREA = (0.8, 1.75, 11.73, 4.7)
"""Where the key-figure tiles stand (x, y, w, h in inches): below the title, above the foot."""
TILE_GAP = 0.4
"""Gap between two tiles (inches)."""
MAX_TILES = 4
"""Tiles on one key-figures slide at most (a 2 × 2 grid)."""


def tile_grid(count: int) -> tuple[tuple[float, float, float, float], ...]:
    """The (x, y, w, h) of each of ``count`` tiles: one row of up to three, else two rows of two."""
    x0, y0, width, height = TILE_AREA
    columns = count if count <= 3 else 2
    rows = 1 if count <= 3 else 2
    w = (width - (columns - 1) * TILE_GAP) / columns
    h = 2.6 if rows == 1 else 2.2
    top = y0 + (height - h) / 2 if rows == 1 else y0
    row_step = height - h
    return tuple((x0 + (i % columns) * (w + TILE_GAP), top + (i // columns) * row_step, w, h) for i in range(count))


def _tile_boxes(count: int) -> tuple[Box, ...]:
    """The number and label placeholders of ``count`` tiles (numbers idx 21…, labels idx 25…)."""
    grid = tile_grid(count)
    numbers = tuple(
        Box(f"数字{i + 1}", "body", 21 + i, x + 0.1, y + 0.2, w - 0.2, 1.15, 44, "ctr", "ctr", True, RED, "slide_title")
        for i, (x, y, w, h) in enumerate(grid)
    )
    labels = tuple(
        Box(f"说明{i + 1}", "body", 25 + i, x + 0.1, y + 1.4, w - 0.2, h - 1.55, 20, "ctr", "t", False, TEXT)
        for i, (x, y, w, h) in enumerate(grid)
    )
    return numbers + labels


@dataclass(frozen=True)
class Layout:
    """A named slide layout and its placeholders."""

    key: str
    name: str
    boxes: tuple[Box, ...]
    numbered: bool = True
    band: bool = True
    tiles: int = 0
    """Key-figure tiles the layout draws (their boxes from :func:`tile_grid`)."""

    def box(self, idx: int) -> Box:
        """The placeholder with ``idx``."""
        return next(b for b in self.boxes if b.idx == idx)


LAYOUTS: dict[str, Layout] = {
    "title": Layout(
        "title",
        "标题页",
        (
            Box("标题", "ctrTitle", 0, 1.0, 1.55, 11.33, 1.3, 54, "ctr", "ctr", True, RED, "slide_title"),
            Box("状态", "subTitle", 1, 1.0, 2.9, 11.33, 0.7, 28, "ctr", "ctr", False, DARK_RED),
            Box("会议", "body", 10, 1.0, 3.95, 11.33, 1.1, 22, "ctr", "t", False, TEXT),
            Box("报告人", "body", 11, 1.0, 5.3, 11.33, 0.6, 22, "ctr", "ctr", False, TEXT),
        ),
        numbered=False,
        band=False,
    ),
    "agenda": Layout(
        "agenda",
        "目录",
        (
            _title(),
            Box("目录", "body", 1, 1.6, 1.9, 10.1, 4.5, 28, "l", "t", False, TEXT),
            Box("说明", "body", 10, 1.6, 6.45, 10.1, 0.45, 14, "l", "ctr", False, DARK_RED),
            SLIDE_NUMBER,
        ),
    ),
    "section": Layout(
        "section",
        "章节页",
        (
            Box("序号", "body", 1, 1.0, 2.0, 11.33, 0.8, 28, "ctr", "b", False, GOLD),
            Box("标题", "title", 0, 1.0, 2.95, 11.33, 1.4, 44, "ctr", "t", True, RED, "slide_title"),
            SLIDE_NUMBER_ABOVE_BAND,
        ),
        band=False,
    ),
    "content": Layout(
        "content",
        "内容",
        (_title(), Box("要点", "body", 1, 0.8, 1.7, 11.73, 5.1, 28, "l", "t", False, TEXT, bullets=True), SLIDE_NUMBER),
    ),
    **{
        f"figures{n}": Layout(f"figures{n}", f"要点数据{n}", (_title(), *_tile_boxes(n), SLIDE_NUMBER), tiles=n)
        for n in range(1, MAX_TILES + 1)
    },
    "chart": Layout(
        "chart",
        "图表",
        (
            _title(),
            Box("图表", "chart", 1, 0.8, 1.55, 11.73, 4.85, 14, "l", "t", False, TEXT),
            Box("注释", "body", 10, 0.8, 6.45, 10.8, 0.45, 14, "l", "ctr", False, DARK_RED),
            SLIDE_NUMBER,
        ),
    ),
    "closing": Layout(
        "closing",
        "结束页",
        (
            Box("结束语", "title", 0, 1.0, 2.2, 11.33, 2.2, 36, "ctr", "ctr", True, RED, "slide_title"),
            Box("落款", "body", 1, 1.0, 4.7, 11.33, 1.0, 22, "ctr", "t", False, TEXT),
            SLIDE_NUMBER_ABOVE_BAND,
        ),
        band=False,
    ),
}
"""Every layout of the template, in master order."""

MIN_BULLET_SIZE = 24.0
"""The smallest size a bullet is written in (legible in a hall)."""
MAX_BULLET_SIZE = 32.0
"""The largest size bullets grow to when few of them stand on a slide (no larger than a title)."""
MIN_TITLE_SIZE = 32.0
"""The smallest size a slide title is written in; a longer title is shortened with …."""
