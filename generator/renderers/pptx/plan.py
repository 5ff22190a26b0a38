"""Plan the deck: the report as plain slides (layout, texts fitted to their boxes, notes, charts).

Like Pandoc's ``Presentation.hs``: no python-pptx here. Every text is measured with the
fonts' real metrics (:mod:`generator.fonts` through :mod:`generator.linebreak`) and given
the largest size that fits its placeholder; bullets never go below
:data:`~.design.MIN_BULLET_SIZE` and continue on a next slide instead. Notes carry the
speech: read in slide order they hold the body from the salutation to the closing, once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from generator.charts import ChartPlan, plan_charts
from generator.linebreak import Block, Run, break_lines, line_width
from generator.model import Node, Report, Table
from generator.numbers import chinese_numeral
from generator.renderers.pptx.design import LAYOUTS, LINE_SPACING, MIN_BULLET_SIZE, Box
from generator.titles import break_title

BULLET_MARGIN = 0.45 * 72
"""Left margin of bulleted text (points), as the template's body style sets it."""
SAFETY = 0.96
"""Share of a box's width the planner fills, for renderers that measure slightly wider."""


@dataclass(frozen=True)
class Frame:
    """Text for one placeholder: its idx, paragraphs and the size they are written in."""

    idx: int
    paragraphs: tuple[str, ...]
    size: float


@dataclass(frozen=True)
class TableSlice:
    """Rows of a table shown on one slide: the header rows, then a run of body rows, at a type size."""

    rows: tuple[tuple[str, ...], ...]
    header_rows: int
    size: float
    heights: tuple[float, ...] = ()
    """Each row's height in points (its tallest cell's lines and the cell margins), as planned."""


@dataclass
class Slide:
    """A slide: layout key, placeholder texts, speaker notes, an optional chart or table."""

    layout: str
    frames: list[Frame]
    notes: list[str] = field(default_factory=list)
    chart: ChartPlan | None = None
    table: TableSlice | None = None

    def frame(self, idx: int) -> Frame:
        """The frame for placeholder ``idx``."""
        return next(f for f in self.frames if f.idx == idx)


class FitError(ValueError):
    """A text that fits its box at no allowed size."""


@lru_cache(maxsize=65536)
def line_count(text: str, role: str, size: float, width: float) -> int:
    """Lines ``text`` takes at ``size`` in a box ``width`` points wide (cached: fitting asks again and again)."""
    return len(break_lines(Block((Run(text, role, size),)), width * SAFETY))


def fits(texts: tuple[str, ...], box: Box, size: float, indent: float = 0.0) -> bool:
    """Whether the paragraphs fit ``box`` at ``size`` (exact line height)."""
    lines = sum(line_count(t, box.role, size, box.text_width - indent) for t in texts)
    return lines * size * LINE_SPACING <= box.text_height + 0.01


def fit_size(texts: tuple[str, ...], box: Box, smallest: float, indent: float = 0.0) -> float:
    """The largest size from the box's own down to ``smallest`` (in 2 pt steps) that fits."""
    size = box.size
    while size >= smallest:
        if fits(texts, box, size, indent):
            return size
        size -= 2
    raise FitError(" / ".join(texts))


def shorten(text: str, box: Box, size: float, indent: float = 0.0) -> str:
    """``text`` cut at the end, with an ellipsis, to the longest prefix that fits ``box`` at ``size``.

    Binary search over the prefix length (fitting is monotonic in it): O(n log n), not O(n²).
    """
    if fits((text,), box, size, indent):
        return text
    low, high = 1, len(text) - 1  # text[:low] + "…" is kept; text[:high + 1] + "…" does not fit
    while low < high:
        middle = (low + high + 1) // 2
        if fits((text[:middle] + "…",), box, size, indent):
            low = middle
        else:
            high = middle - 1
    return text[:low] + "…"


def _frame(layout: str, idx: int, texts: tuple[str, ...], smallest: float | None = None) -> Frame:
    """Texts for a placeholder at the largest size that fits; shortened by design when none does."""
    box = LAYOUTS[layout].box(idx)
    smallest = smallest or box.size * 0.6
    try:
        return Frame(idx, texts, fit_size(texts, box, smallest))
    except FitError:
        return Frame(idx, tuple(shorten(t, box, smallest) for t in texts), smallest)


def _phrased_frame(
    layout: str, idx: int, text: str, tail: tuple[str, ...] = (), smallest: float | None = None
) -> Frame:
    """A title, subtitle or motto (then ``tail`` lines) at the largest size whose phrase-broken lines fit.

    The lines come from :mod:`generator.titles`: broken at phrase boundaries, even, none shorter than
    three characters; each is a paragraph of the placeholder.
    """
    box = LAYOUTS[layout].box(idx)
    smallest = smallest or box.size * 0.6
    size = box.size
    while size >= smallest:
        measure = lambda part, s=size: line_width(Block((Run(part, box.role, s),)))  # noqa: E731
        lines = (*break_title(text, box.text_width * SAFETY, measure), *tail)
        if fits(lines, box, size):
            return Frame(idx, lines, size)
        size -= 2
    return _frame(layout, idx, (text, *tail), smallest)


def _bullet_slides(title: str, bullets: list[str], notes: list[list[str]]) -> list[Slide]:
    """Content slides for ``bullets`` (notes aligned with bullets); continue when they do not fit."""
    box = LAYOUTS["content"].box(1)
    slides: list[Slide] = []
    start = 0
    room = box.text_height + 0.01
    while start < len(bullets):
        if not fits((bullets[start],), box, MIN_BULLET_SIZE, BULLET_MARGIN):
            bullets[start] = shorten(bullets[start], box, MIN_BULLET_SIZE, BULLET_MARGIN)  # the notes keep it whole
        end, used = start, 0.0
        while end < len(bullets):  # as many whole bullets as fit at the smallest size: linear, not quadratic
            lines = line_count(bullets[end], box.role, MIN_BULLET_SIZE, box.text_width - BULLET_MARGIN)
            height = lines * MIN_BULLET_SIZE * LINE_SPACING
            if end > start and used + height > room:
                break
            used += height
            end += 1
        chunk = tuple(bullets[start:end])
        size = fit_size(chunk, box, MIN_BULLET_SIZE, BULLET_MARGIN)
        heading = title if not slides else f"{title}（续）"
        slide = Slide("content", [_frame("content", 0, (heading,), 24), Frame(1, chunk, size)])
        slide.notes = [text for group in notes[start:end] for text in group]
        slides.append(slide)
        start = end
    return slides


TABLE_SIZE = 14.0
"""Type size of table text on a slide (pt)."""
TABLE_ROW_HEIGHT = TABLE_SIZE * LINE_SPACING + 0.1 * 72
"""Height of a one-line table row: a line and the cell's top and bottom margins (pt)."""


def _shown(node: Node) -> list[str]:
    """The bullets a node shows: its points' texts (without a final 。)."""
    return [point.text.rstrip("。") for point in node.points() if point.text]


def _groups(nodes: list[Node]) -> list[tuple[str, list[Node]]]:
    """A part's nodes cut into slide groups: each section, runs of run-in sections, runs of loose blocks."""
    groups: list[tuple[str, list[Node]]] = []
    for node in nodes:
        if node.kind == "section":
            kind = "run_in" if node.item.run_in else "section"  # type: ignore[attr-defined]
            if kind == "run_in" and groups and groups[-1][0] == "run_in":
                groups[-1][1].append(node)
            else:
                groups.append((kind, [node]))
        elif node.section_index is None and (not groups or groups[-1][0] != "loose"):
            groups.append(("loose", [node]))
        else:
            groups[-1][1].append(node)
    return groups


def _collect(nodes: list[Node], pending: list[str]) -> tuple[list[str], list[list[str]]]:
    """Bullets of a group and, aligned with them, the speech each bullet carries in the notes.

    Texts read before a bullet's block (headings, blocks with nothing to show) go with that
    bullet, so the notes keep the order of the speech. A run-in section shows its heading.
    """
    bullets: list[str] = []
    notes: list[list[str]] = []

    def point(texts: list[str], shown: list[str]) -> None:
        pending.extend(texts)
        if shown:
            bullets.extend(shown)
            notes.append(pending.copy())
            notes.extend([] for _ in shown[1:])
            pending.clear()

    run_in: int | None = None  # the run-in section being read: its blocks speak under its heading
    for node in nodes:
        if node.kind == "section":
            run_in = node.section_index if node.item.run_in else None  # type: ignore[attr-defined]
            if run_in is None:
                pending.extend(node.speech())
                continue
            bullets.append(node.item.numbered_heading.rstrip("。"))  # type: ignore[attr-defined]
            notes.append(pending.copy())
            pending.clear()
        elif run_in is not None and node.section_index == run_in:
            notes[-1].extend(node.speech())
        else:
            point(node.speech(), _shown(node))
    return bullets, notes


def _table_slides(title: str, table: Table) -> list[Slide]:
    """A native table, continued with its header on further slides when its rows do not fit."""
    box = LAYOUTS["content"].box(1)
    rows = [tuple(cell.text for cell in row) for row in [*table.header, *table.rows]]
    header, body = rows[: len(table.header)], rows[len(table.header) :]
    columns = max(len(r) for r in rows)
    width = box.text_width / columns

    def height(row: tuple[str, ...]) -> float:
        lines = max(line_count(text or " ", box.role, TABLE_SIZE, width - 14) for text in row)
        return lines * TABLE_SIZE * LINE_SPACING + 0.1 * 72

    room = box.text_height - sum(height(r) for r in header)
    slides: list[Slide] = []
    start = 0
    while start < len(body) or not slides:
        used, end = 0.0, start
        while end < len(body) and (end == start or used + height(body[end]) <= room):
            used += height(body[end])
            end += 1
        heading = title if not slides else f"{title}（续）"
        rows_shown = tuple(header + body[start:end])
        slides.append(
            Slide(
                "content",
                [_frame("content", 0, (heading,), 24)],
                table=TableSlice(rows_shown, len(header), TABLE_SIZE, tuple(height(r) for r in rows_shown)),
            )
        )
        start = end
        if not body:
            break
    return slides


def _part_slides(report: Report, index: int, nodes: list[Node]) -> list[Slide]:
    """A section slide for the part (its intro in the notes), then bullet and table slides for its content."""
    part = report.parts[index]
    section = Slide(
        "section",
        [_frame("section", 1, (f"第{chinese_numeral(index + 1)}部分",)), _phrased_frame("section", 0, part.heading)],
        notes=[part.numbered_heading],
    )
    content = list(nodes)
    while content and content[0].kind != "section" and not _shown(content[0]) and content[0].kind != "table":
        section.notes.extend(content.pop(0).speech())
    slides = [section]
    pending: list[str] = []
    for kind, group in _groups(content):
        title = group[0].item.numbered_heading if kind == "section" else (part.digest or part.heading)  # type: ignore[attr-defined]
        run: list[Node] = []
        for node in [*group, None]:
            if node is None or node.kind == "table":
                bullets, notes = _collect(run, pending)
                if bullets:
                    slides += _bullet_slides(title, bullets, notes)
                run = []
                if node is not None:
                    slides += _table_slides(node.item.table or title, node.item)  # type: ignore[attr-defined]
            else:
                run.append(node)
    slides[-1].notes += pending  # speech after the last point stays with the last slide
    return slides


def _appendix_slides(report: Report) -> list[Slide]:
    """A slide (or more) for each appendix: its points, its tables, or the glossary's terms."""
    slides: list[Slide] = []
    title = ""
    bullets: list[str] = []

    def flush() -> None:
        if bullets:
            slides.extend(_bullet_slides(title, bullets.copy(), [[] for _ in bullets]))
            bullets.clear()

    for node in report.walk():
        if node.zone != "appendix":
            continue
        if node.kind == "appendix":
            flush()
            title = f"{node.item.label}　{node.item.title}".strip("　")  # type: ignore[attr-defined]
            bullets += [entry.term for entry in node.item.entries]  # type: ignore[attr-defined]
            if not node.item.entries and not node.item.content:  # type: ignore[attr-defined]
                slides.append(Slide("content", [_frame("content", 0, (title,), 24)]))
        elif node.kind == "table":
            flush()
            slides += _table_slides(node.item.table or title, node.item)  # type: ignore[attr-defined]
        else:
            bullets += _shown(node)
    flush()
    return slides


def _agenda_slides(report: Report) -> list[Slide]:
    """The agenda: the parts' headings, continued on further slides when they do not fit."""
    box = LAYOUTS["agenda"].box(1)
    headings = [shorten(p.numbered_heading, box, MIN_BULLET_SIZE) for p in report.parts]
    slides = []
    start = 0
    while start < len(headings):
        end = len(headings)
        while end > start + 1 and not fits(tuple(headings[start:end]), box, MIN_BULLET_SIZE):
            end -= 1
        title = "目录" if not slides else "目录（续）"
        chunk = tuple(headings[start:end])
        slides.append(Slide("agenda", [_frame("agenda", 0, (title,)), _frame("agenda", 1, chunk, MIN_BULLET_SIZE)]))
        start = end
    return slides


def _figure_slides(report: Report) -> list[Slide]:
    figures = report.figures()
    slides = []
    tiles = report.tiles
    for start in range(0, len(tiles), 4):
        chunk = tiles[start : start + 4]
        frames = [_frame("figures", 0, ("要点数据" if start == 0 else "要点数据（续）",))]
        for i, tile in enumerate(chunk):
            figure = figures[tile.figure]
            frames.append(_frame("figures", 21 + i, (figure.quote,), 24))
            frames.append(_frame("figures", 25 + i, (tile.label or figure.label,), 14))
        slides.append(Slide("figures", frames))
    return slides


def _chart_slide(chart: ChartPlan) -> Slide:
    return Slide(
        "chart",
        [_frame("chart", 0, (chart.title,), 24), _frame("chart", 10, (chart.note,), 10)],
        chart=chart,
    )


def _part_of(report: Report, figure_id: str) -> int:
    """The part a figure stands in (0 for the opening, the last part for the closing and appendices)."""
    node = report.node_of(figure_id)
    if node.zone == "opening":
        return 0
    return node.part_index if node.zone == "body" else len(report.parts) - 1


def plan_deck(report: Report) -> list[Slide]:
    """Plan every slide of the deck, in order."""
    meta = report.meta
    title = Slide(
        "title",
        [
            _phrased_frame("title", 0, meta.title),
            *([_frame("title", 1, (meta.status_line,))] if meta.status_line else []),
            _phrased_frame("title", 10, meta.session, (meta.date_text,)),
            _frame("title", 11, (meta.speaker_line,)),
        ],
        notes=[report.salutation],
    )
    nodes = list(report.walk(appendices=False))
    title.notes += [line for node in nodes if node.zone == "opening" for line in node.speech()]
    slides = [title, *_agenda_slides(report)]
    charts = plan_charts(report)
    tile_part = _part_of(report, report.tiles[0].figure) if report.tiles else -1
    for index in range(len(report.parts)):
        part_nodes = [n for n in nodes if n.zone == "body" and n.part_index == index and n.kind != "part"]
        slides += _part_slides(report, index, part_nodes)
        if index == tile_part:
            slides += _figure_slides(report)
        slides += [
            _chart_slide(plan)
            for chart, plan in zip(report.charts, charts, strict=True)
            if max(_part_of(report, f) for f in chart.figure_ids()) == index
        ]
    closing_texts = [line for node in nodes if node.zone == "closing" for line in node.speech()]
    closing_line = meta.motto or (closing_texts[-1].split("，")[-1] if closing_texts else meta.title)
    closing = Slide(
        "closing",
        [_phrased_frame("closing", 0, closing_line), _frame("closing", 1, (meta.issuer, meta.date_text))],
        notes=closing_texts,
    )
    return [*slides, *_appendix_slides(report), closing]
