"""Plan the deck: the report as plain slides (layout, texts fitted to their boxes, notes, charts).

Like Pandoc's ``Presentation.hs``: no python-pptx here. Every text is measured with the
fonts' real metrics (:mod:`generator.fonts` through :mod:`generator.pagination`) and given
the largest size that fits its placeholder; bullets never go below
:data:`~.design.MIN_BULLET_SIZE` and continue on a next slide instead. Notes carry the
speech: read in slide order they hold the body from the salutation to the closing, once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.charts import ChartPlan, plan_charts
from generator.model import Paragraph, Part, Report, Section
from generator.numbers import chinese_numeral
from generator.pagination import Block, Run, break_lines
from generator.renderers.pptx.design import LAYOUTS, LINE_SPACING, MIN_BULLET_SIZE, Box

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


@dataclass
class Slide:
    """A slide: layout key, placeholder texts, speaker notes, an optional chart."""

    layout: str
    frames: list[Frame]
    notes: list[str] = field(default_factory=list)
    chart: ChartPlan | None = None

    def frame(self, idx: int) -> Frame:
        """The frame for placeholder ``idx``."""
        return next(f for f in self.frames if f.idx == idx)


class FitError(ValueError):
    """A text that fits its box at no allowed size."""


def line_count(text: str, role: str, size: float, width: float) -> int:
    """Lines ``text`` takes at ``size`` in a box ``width`` points wide."""
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
    """``text`` cut at the end, with an ellipsis, until it fits ``box`` at ``size``."""
    while len(text) > 1 and not fits((text,), box, size, indent):
        text = text[:-2] + "…"
    return text


def _frame(layout: str, idx: int, texts: tuple[str, ...], smallest: float | None = None) -> Frame:
    """Texts for a placeholder at the largest size that fits; shortened by design when none does."""
    box = LAYOUTS[layout].box(idx)
    smallest = smallest or box.size * 0.6
    try:
        return Frame(idx, texts, fit_size(texts, box, smallest))
    except FitError:
        return Frame(idx, tuple(shorten(t, box, smallest) for t in texts), smallest)


def _bullet_slides(title: str, bullets: list[str], notes: list[list[str]]) -> list[Slide]:
    """Content slides for ``bullets`` (notes aligned with bullets); continue when they do not fit."""
    box = LAYOUTS["content"].box(1)
    slides: list[Slide] = []
    start = 0
    while start < len(bullets):
        end = len(bullets)
        while end > start + 1 and not fits(tuple(bullets[start:end]), box, MIN_BULLET_SIZE, BULLET_MARGIN):
            end -= 1
        if end == start + 1 and not fits((bullets[start],), box, MIN_BULLET_SIZE, BULLET_MARGIN):
            bullets[start] = shorten(bullets[start], box, MIN_BULLET_SIZE, BULLET_MARGIN)  # the notes keep it whole
        chunk = tuple(bullets[start:end])
        size = fit_size(chunk, box, MIN_BULLET_SIZE, BULLET_MARGIN)
        heading = title if not slides else f"{title}（续）"
        slide = Slide("content", [_frame("content", 0, (heading,), 24), Frame(1, chunk, size)])
        slide.notes = [text for group in notes[start:end] for text in group]
        slides.append(slide)
        start = end
    return slides


def _points(paragraph: Paragraph) -> list[str]:
    """What a paragraph shows as bullets: its lead-in or level-3 point, else its emphasised phrases."""
    shown = paragraph.lead or paragraph.numbered_point
    if shown:
        return [shown.rstrip("。")]
    return [span.text for span in paragraph.spans if span.emphasis]


def _groups(items: list[Paragraph | Section]) -> list[tuple[str, list[Paragraph | Section]]]:
    """Content cut into slide groups: each section, runs of run-in sections, runs of paragraphs."""
    groups: list[tuple[str, list[Paragraph | Section]]] = []
    for item in items:
        if isinstance(item, Section):
            kind = "run_in" if item.run_in else "section"
        else:
            kind = "loose"
        if groups and kind != "section" and groups[-1][0] == kind:
            groups[-1][1].append(item)
        else:
            groups.append((kind, [item]))
    return groups


def _collect(items: list[Paragraph | Section], pending: list[str]) -> tuple[list[str], list[list[str]]]:
    """Bullets of a group and, aligned with them, the speech each bullet carries in the notes.

    Texts read before a bullet's paragraph (headings, paragraphs with nothing to show) go
    with that bullet, so the notes keep the order of the speech.
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

    for item in items:
        if isinstance(item, Paragraph):
            point(item.speech(), _points(item))
        elif item.run_in:
            texts = [line for p in item.paragraphs for line in p.speech()]
            point([item.numbered_heading + texts[0], *texts[1:]], [item.numbered_heading.rstrip("。")])
        else:
            pending.append(item.numbered_heading)
            for paragraph in item.paragraphs:
                point(paragraph.speech(), _points(paragraph))
    return bullets, notes


def _part_slides(part: Part, index: int) -> list[Slide]:
    """A section slide for the part (its intro in the notes), then bullet slides for its content."""
    section = Slide(
        "section",
        [_frame("section", 1, (f"第{chinese_numeral(index + 1)}部分",)), _frame("section", 0, (part.heading,))],
        notes=[part.numbered_heading],
    )
    content = list(part.content)
    while content and isinstance(content[0], Paragraph) and not _points(content[0]):
        section.notes.extend(content.pop(0).speech())
    slides = [section]
    pending: list[str] = []
    for kind, items in _groups(content):
        bullets, notes = _collect(items, pending)
        if not bullets:
            continue
        title = items[0].numbered_heading if kind == "section" else (part.digest or part.heading)
        slides += _bullet_slides(title, bullets, notes)
    slides[-1].notes += pending  # speech after the last point stays with the last slide
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


def _chart_part(report: Report, chart_index: int) -> int:
    chart = report.charts[chart_index]
    return max(report.paragraph_of(fid).part_index for fid in chart.figures)


def plan_deck(report: Report) -> list[Slide]:
    """Plan every slide of the deck, in order."""
    meta = report.meta
    title = Slide(
        "title",
        [
            _frame("title", 0, (meta.title,)),
            _frame("title", 1, (meta.status_line,)),
            _frame("title", 10, (meta.session, meta.date_text)),
            _frame("title", 11, (meta.speaker_line,)),
        ],
        notes=[report.salutation] + [line for p in report.opening for line in p.speech()],
    )
    slides = [title, *_agenda_slides(report)]
    charts = plan_charts(report)
    tile_part = report.paragraph_of(report.tiles[0].figure).part_index if report.tiles else -1
    for index, part in enumerate(report.parts):
        slides += _part_slides(part, index)
        if index == max(tile_part, 0) and report.tiles:
            slides += _figure_slides(report)
        slides += [_chart_slide(c) for i, c in enumerate(charts) if max(_chart_part(report, i), 0) == index]
    closing_line = meta.motto or (report.closing[-1].body_text.split("，")[-1] if report.closing else meta.title)
    closing = Slide(
        "closing",
        [_frame("closing", 0, (closing_line,)), _frame("closing", 1, (meta.issuer, meta.date_text))],
        notes=[line for p in report.closing for line in p.speech()],
    )
    slides.append(closing)
    return slides
