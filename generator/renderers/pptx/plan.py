"""Plan the deck: the report as plain slides (layout, texts fitted to their boxes, notes, charts).

Like Pandoc's ``Presentation.hs``: no python-pptx here. Every text is measured with the
fonts' real metrics (:mod:`generator.fonts` through :mod:`generator.linebreak`), Latin
letters and digits at the widest face LibreOffice falls back to (a machine without the
project's font aliases), and given the largest size that fits its placeholder; bullets never
go below :data:`~.design.MIN_BULLET_SIZE`, titles never below :data:`~.design.MIN_TITLE_SIZE`.

Notes carry the speech: read in slide order they hold the body from the salutation to the
closing, once. Each slide's notes are the speech of what it shows, at most
:data:`NOTES_LIMIT` characters: the speech of a part, section or run of blocks is cut into
*passages* (at lines that carry a lead-in, then at sentence ends), and passages are packed
greedily onto slides. A passage shows its lead-ins (bold or implied, :mod:`generator.leadins`);
one without any shows its first sentences whole, or their opening clauses, never text cut with
…; a slide that continues another holds at least two bullets, table rows or agenda entries.
"""

from __future__ import annotations

import math
import subprocess
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from pathlib import Path

from generator.charts import ChartPlan, plan_charts
from generator.fonts import FontFile, FontMetrics, metrics
from generator.leadins import clause_ends, whole_opening
from generator.linebreak import Block, Run, break_lines, line_width
from generator.model import Glossary, Node, Report, Table
from generator.numbers import chinese_numeral
from generator.renderers.pptx.design import (
    LAYOUTS,
    LINE_SPACING,
    MAX_BULLET_SIZE,
    MAX_TILES,
    MIN_BULLET_SIZE,
    MIN_TITLE_SIZE,
    Box,
)
from generator.titles import break_title

BULLET_MARGIN = 0.45 * 72
"""Left margin of bulleted text (points), as the template's body style sets it."""
SAFETY = 0.96
"""Share of a box's width the planner fills, for renderers that measure slightly wider."""
NOTES_LIMIT = 1500
"""Most characters of speech in one slide's notes (about six minutes at :data:`SPEAKING_RATE`)."""
SPEAKING_RATE = 250
"""Characters spoken a minute, for the agenda's time estimates (printed on the agenda)."""
OPENING_CHARS = 30
"""A passage without lead-ins shows first sentences of at most this many characters (else their opening clauses)."""
OPENINGS = 3
"""At most this many first sentences shown for a passage without lead-ins."""
SENTENCE_MARKS = "。；！？"
"""Marks a bullet leaves off at its end (a bullet is not a sentence)."""
SENTENCE_ENDS = frozenset("。！？")
"""Marks that end a sentence: a long passage is cut after one (and the closing quotes after it)."""
CLOSING_MARKS = frozenset("”’」』）》")
"""Closing quotes and brackets that stay with the sentence end before them."""
FEWEST_ENTRIES = 2
"""A continuation slide holds at least this many bullets, table rows or agenda entries (when the content has them)."""
CONTINUED = "（续）"
"""Ending of the title of a slide that continues the previous one."""
FALLBACK_LATIN = "DejaVu Sans:bold"
"""The face LibreOffice takes Latin letters and digits from when the Office faces are missing (widest weight)."""


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
    widths: tuple[float, ...] = ()
    """Each column's share of the table's width (empty: equal columns)."""


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


@cache
def _fallback_latin() -> FontMetrics | None:
    """Metrics of :data:`FALLBACK_LATIN` (None where fontconfig does not have it)."""
    try:
        path = subprocess.run(
            ["fc-match", "-f", "%{file}", FALLBACK_LATIN], capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return FontMetrics(FontFile(Path(path), 0, FALLBACK_LATIN)) if path and Path(path).is_file() else None


def latin_excess(text: str, role: str) -> float:
    """How much wider (in em) the ASCII characters of ``text`` may be drawn in the fallback face than in ``role``'s."""
    fallback = _fallback_latin()
    if fallback is None:
        return 0.0
    face = metrics(role)
    return sum(max(0.0, fallback.advance(ch) - face.advance(ch)) for ch in text if ch.isascii() and not ch.isspace())


@lru_cache(maxsize=65536)
def line_count(text: str, role: str, size: float, width: float) -> int:
    """Lines ``text`` takes at ``size`` in a box ``width`` points wide (cached: fitting asks again and again).

    The width is reduced by what the text's Latin letters and digits may take more in the
    fallback face (at most a quarter of it), so that the lines hold without the font aliases.
    """
    room = width * SAFETY - min(latin_excess(text, role) * size, width / 4)
    return len(break_lines(Block((Run(text, role, size),)), room))


def fits(texts: tuple[str, ...], box: Box, size: float, indent: float = 0.0) -> bool:
    """Whether the paragraphs fit ``box`` at ``size`` (exact line height)."""
    lines = sum(line_count(t, box.role, size, box.text_width - indent) for t in texts)
    return lines * size * LINE_SPACING <= box.text_height + 0.01


def fit_size(
    texts: tuple[str, ...], box: Box, smallest: float, indent: float = 0.0, largest: float | None = None
) -> float:
    """The largest size from ``largest`` (else the box's own) down to ``smallest`` (in 2 pt steps) that fits."""
    size = largest or box.size
    while size >= smallest:
        if fits(texts, box, size, indent):
            return size
        size -= 2
    raise FitError(" / ".join(texts))


def shorten(text: str, box: Box, size: float, indent: float = 0.0, suffix: str = "") -> str:
    """``text`` (then ``suffix``) cut at the end, with an ellipsis, to the longest prefix that fits ``box`` at ``size``.

    Binary search over the prefix length (fitting is monotonic in it): O(n log n), not O(n²).
    """
    if fits((text + suffix,), box, size, indent):
        return text + suffix
    low, high = 1, len(text) - 1  # text[:low] + "…" is kept; text[:high + 1] + "…" does not fit
    while low < high:
        middle = (low + high + 1) // 2
        if fits((text[:middle] + "…" + suffix,), box, size, indent):
            low = middle
        else:
            high = middle - 1
    return text[:low] + "…" + suffix


def _frame(layout: str, idx: int, texts: tuple[str, ...], smallest: float | None = None) -> Frame:
    """Texts for a placeholder at the largest size that fits; shortened by design when none does."""
    box = LAYOUTS[layout].box(idx)
    smallest = smallest or box.size * 0.6
    try:
        return Frame(idx, texts, fit_size(texts, box, smallest))
    except FitError:
        return Frame(idx, tuple(shorten(t, box, smallest) for t in texts), smallest)


def _title_frame(layout: str, text: str, continued: bool = False) -> Frame:
    """A slide title on one line at :data:`MIN_TITLE_SIZE` or more; shortened with … (before （续）) when too long."""
    box = LAYOUTS[layout].box(0)
    suffix = CONTINUED if continued else ""
    try:
        return Frame(0, (text + suffix,), fit_size((text + suffix,), box, MIN_TITLE_SIZE))
    except FitError:
        return Frame(0, (shorten(text, box, MIN_TITLE_SIZE, suffix=suffix),), MIN_TITLE_SIZE)


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
        room = box.text_width * SAFETY - min(latin_excess(text, box.role) * size, box.text_width / 4)
        measure = lambda part, s=size: line_width(Block((Run(part, box.role, s),)))  # noqa: E731
        lines = (*break_title(text, room, measure), *tail)
        if fits(lines, box, size):
            return Frame(idx, lines, size)
        size -= 2
    return _frame(layout, idx, (text, *tail), smallest)


TABLE_SIZE = 14.0
"""Type size of table text on a slide (pt)."""
TABLE_ROW_HEIGHT = TABLE_SIZE * LINE_SPACING + 0.1 * 72
"""Height of a one-line table row: a line and the cell's top and bottom margins (pt)."""


def _shown(node: Node) -> list[str]:
    """The bullets a node shows: its points' texts (without a final 。)."""
    return [point.text.rstrip("。") for point in node.points() if point.text]


@dataclass(frozen=True)
class Script:
    """The speech of a run of nodes as lines, with where each bullet it shows stands in it.

    ``anchors`` are (offset in the joined lines, bullet) in order; ``headings`` are the lines
    that are headings (the slide's title says them; a passage never shows them as a bullet).
    """

    lines: tuple[str, ...]
    anchors: tuple[tuple[int, str], ...]
    headings: frozenset[str] = frozenset()

    @property
    def text(self) -> str:
        """The lines joined."""
        return "".join(self.lines)

    def line_starts(self) -> list[int]:
        """The offset where each line starts, then the end (computed once)."""
        return list(self._starts)

    @cached_property
    def _starts(self) -> tuple[int, ...]:
        starts = [0]
        for line in self.lines:
            starts.append(starts[-1] + len(line))
        return tuple(starts)

    def notes(self, start: int, end: int) -> list[str]:
        """The lines (or their parts) between offsets ``start`` and ``end``."""
        starts = self.line_starts()
        out = []
        for line, a, b in zip(self.lines, starts, starts[1:], strict=False):
            piece = line[max(start, a) - a : min(end, b) - a]
            if piece and a < end and b > start:
                out.append(piece)
        return out


def script_of(nodes: list[Node]) -> Script:
    """The speech of ``nodes`` with its anchors: each shown point where its text stands in the speech.

    A section's heading is the slide's title, not a bullet (a run-in one opens its first
    block's line); a point not found in the speech stands where its block starts.
    """
    lines: list[str] = []
    anchors: list[tuple[int, str]] = []
    headings: set[str] = set()
    offset = 0
    for node in nodes:
        speech = node.speech()
        shown: list[str] = []
        if node.kind == "section":
            headings.add(node.item.numbered_heading)  # type: ignore[attr-defined]
        else:
            shown = _shown(node)
        text = "".join(speech)
        position = 0
        for bullet in shown:
            found = text.find(bullet.removesuffix("…"), position)
            if found >= 0:
                position = found
            anchors.append((offset + position, bullet))
        lines += speech
        offset += len(text)
    return Script(tuple(lines), tuple(anchors), frozenset(headings))


@dataclass(frozen=True)
class Passage:
    """A stretch of a script (offsets ``start``–``end``) and the bullets it shows."""

    start: int
    end: int
    bullets: tuple[tuple[int, str], ...]
    """(offset, text) of each bullet: an anchor, or where a first sentence stands."""

    @property
    def chars(self) -> int:
        """Characters of speech in the passage."""
        return self.end - self.start


def sentence_cuts(text: str, start: int, end: int) -> list[int]:
    """Offsets in ``start``–``end`` right after a sentence end (its closing quotes included)."""
    cuts = []
    i = start
    while i < end:
        if text[i] in SENTENCE_ENDS:
            j = i + 1
            while j < end and (text[j] in CLOSING_MARKS or text[j] in SENTENCE_ENDS):
                j += 1
            cuts.append(j)
            i = j
        else:
            i += 1
    return cuts


def split_long(text: str, start: int, end: int, breaks: list[int], limit: int = NOTES_LIMIT) -> list[int]:
    """Cut offsets that split ``start``–``end`` into stretches of at most ``limit`` characters.

    ``breaks`` are the allowed cuts (sentence ends and line ends), in order; a stretch ends at
    the farthest one within the limit, or at the nearest one past it (a sentence longer than
    the limit stays whole).
    """
    cuts = []
    position = start
    allowed = breaks[bisect_right(breaks, start) : bisect_left(breaks, end)]
    while end - position > limit:
        within = [b for b in allowed if position < b <= position + limit]
        beyond = [b for b in allowed if b > position + limit]
        cut = within[-1] if within else (beyond[0] if beyond else end)
        if cut >= end:
            break
        cuts.append(cut)
        position = cut
    return cuts


def opening(text: str) -> str:
    """The first sentence of ``text`` whole, without its end mark, if it has at most :data:`OPENING_CHARS` characters.

    Else the longest run of its opening clauses that has (a whole phrase); else '' (nothing is cut
    with …: :func:`generator.leadins.whole_opening`).
    """
    return (whole_opening(text, OPENING_CHARS) or "").rstrip(SENTENCE_MARKS)


def _same(a: str, b: str) -> bool:
    """Whether two bullets say the same (one holds the other, markers and ellipses aside)."""
    a, b = a.strip("—…"), b.strip("—…")
    return a in b or b in a


def sentences(text: str) -> list[str]:
    """``text`` cut after each 。；！？ (the marks kept)."""
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch in "。；！？":
            out.append(text[start : i + 1])
            start = i + 1
    return out + ([text[start:]] if text[start:].strip() else [])


def openings(script: Script, start: int, end: int, most: int = OPENINGS) -> tuple[tuple[int, str], ...]:
    """What a passage without lead-ins shows: its first sentences whole, or their opening clauses (at most ``most``).

    The first sentence of each paragraph in the passage, then their next ones, in turn; as
    (offset, text) pairs in reading order. Heading lines are skipped and a run-in heading
    opening a line is left out.
    """
    starts = script.line_starts()
    text = script.text
    lines: list[list[tuple[int, str]]] = []
    for line, a, b in zip(script.lines, starts, starts[1:], strict=False):
        if b <= start or a >= end or line in script.headings:
            continue
        where = max(a, start)
        piece = text[where : min(b, end)]
        for heading in script.headings:
            if where == a and piece.startswith(heading):
                where, piece = where + len(heading), piece[len(heading) :]
        found = []
        for sentence in sentences(piece):
            found.append((where, sentence))
            where += len(sentence)
        lines.append(found)
    out: list[tuple[int, str]] = []
    for turn in range(max(map(len, lines), default=0)):
        for found in lines:
            if turn < len(found) and len(out) < most:
                where, sentence = found[turn]
                first = opening(sentence)
                if first and not any(_same(first, t) for _, t in out):
                    out.append((where, first))
    return tuple(sorted(out))


def passages(script: Script, limit: int = NOTES_LIMIT) -> list[Passage]:
    """``script`` cut into passages: at the lines that carry a bullet, then long ones at sentence ends.

    A passage shows the bullets anchored in it, else its first sentences (:func:`openings`).
    """
    text = script.text
    starts = script.line_starts()
    if not text:
        return [Passage(0, 0, script.anchors)] if script.anchors else []
    line_of = {o: starts[bisect_right(starts, o, 0, len(starts) - 1) - 1] for o, _ in script.anchors}
    first_line = line_of[script.anchors[0][0]] if script.anchors else 0
    cuts = sorted(c for c in set(line_of.values()) if first_line < c < len(text))
    bounds = [0, *cuts, len(text)]
    after_heading = {b for line, b in zip(script.lines, starts[1:], strict=False) if line in script.headings}
    breaks = sorted({*sentence_cuts(text, 0, len(text)), *starts} - after_heading)  # a heading stays with its text
    pieces: list[tuple[int, int]] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        inner = [a, *split_long(text, a, b, breaks, limit), b]
        pieces += list(zip(inner, inner[1:], strict=False))
    out = []
    offsets = [o for o, _ in script.anchors]  # in order (Script's invariant)
    for n, (a, b) in enumerate(pieces):
        last = n == len(pieces) - 1
        shown = script.anchors[bisect_left(offsets, a) : len(offsets) if last else bisect_left(offsets, b)]
        out.append(Passage(a, b, shown or openings(script, a, b)))
    return out


def _bullet_height(bullet: str, box: Box) -> float:
    """Height of one bullet at the smallest size, in points."""
    lines = line_count(bullet, box.role, MIN_BULLET_SIZE, box.text_width - BULLET_MARGIN)
    return lines * MIN_BULLET_SIZE * LINE_SPACING


def whole_bullet(text: str, box: Box) -> str | None:
    """``text`` if it fits the box alone at the smallest size, else its longest opening phrase that does, else None.

    A phrase is a run of whole clauses (cut before ，；：, :func:`generator.leadins.clause_ends`):
    a bullet is never cut inside a clause nor ended with …. Binary search over the phrase ends
    (fitting is monotonic in the length).
    """
    if fits((text,), box, MIN_BULLET_SIZE, BULLET_MARGIN):
        return text
    ends = clause_ends(text)
    low, high = 0, len(ends)  # ends[:low] fit; ends[high:] do not
    while low < high:
        middle = (low + high) // 2
        if fits((text[: ends[middle]],), box, MIN_BULLET_SIZE, BULLET_MARGIN):
            low = middle + 1
        else:
            high = middle
    return text[: ends[low - 1]] if low else None


def _fitting(bullets: tuple[tuple[int, str], ...], box: Box) -> tuple[tuple[int, str], ...]:
    """Bullets that fit the box alone at the smallest size: whole, else a whole opening phrase, else left out."""
    kept = ((o, whole_bullet(b, box)) for o, b in bullets)
    return tuple((o, b) for o, b in kept if b)


def balanced(chunks: list[list], holds: Callable[[list], bool]) -> list[list]:
    """``chunks`` (slides' entries, in order) with the last given entries of the one before until it has two.

    A continuation slide never shows a single entry: entries move from the previous slide while
    that one keeps :data:`FEWEST_ENTRIES` (one, if it is the first) and the last still ``holds`` them.
    """
    chunks = [list(c) for c in chunks]
    while len(chunks) > 1 and len(chunks[-1]) < FEWEST_ENTRIES:
        previous = chunks[-2]
        keeps = 1 if len(chunks) == 2 else FEWEST_ENTRIES
        moved = [previous[-1], *chunks[-1]]
        if len(previous) <= keeps or not holds(moved):
            break
        chunks[-2], chunks[-1] = previous[:-1], moved
    return chunks


def _split_bullets(item: Passage, box: Box) -> list[Passage]:
    """A passage whose bullets a slide cannot hold, cut into several: the first keeps its speech.

    (Bullets that stand at one place: a glossary's terms, or points not found in the speech.)
    """
    chunks: list[list[tuple[int, str]]] = [[]]
    height = 0.0
    for bullet in item.bullets:
        needed = _bullet_height(bullet[1], box)
        if chunks[-1] and height + needed > box.text_height + 0.01:
            chunks.append([])
            height = 0.0
        chunks[-1].append(bullet)
        height += needed
    holds = lambda chunk: sum(_bullet_height(b, box) for _, b in chunk) <= box.text_height + 0.01  # noqa: E731
    chunks = balanced(chunks, holds)
    return [
        Passage(item.start, item.end, tuple(chunk)) if n == 0 else Passage(item.end, item.end, tuple(chunk))
        for n, chunk in enumerate(chunks)
    ]


def pack(items: list[Passage], box: Box, limit: int = NOTES_LIMIT) -> list[list[Passage]]:
    """Passages grouped into slides greedily: a slide takes the next one while its notes and bullets fit."""
    slides: list[list[Passage]] = []
    current: list[Passage] = []
    chars, height = 0, 0.0
    room = box.text_height + 0.01
    for item in items:
        needed = sum(_bullet_height(b, box) for _, b in item.bullets)
        if current and (chars + item.chars > limit or height + needed > room):
            slides.append(current)
            current, chars, height = [], 0, 0.0
        current.append(item)
        chars += item.chars
        height += needed
    if current:
        slides.append(current)
    return slides


def _filled(group: list[Passage], script: Script, box: Box) -> tuple[str, ...]:
    """A slide's bullets: its passages' own, then whole first sentences (or phrases) of paragraphs that show nothing.

    Those are added (in reading order) while the body is less than half full, or holds fewer than
    :data:`FEWEST_ENTRIES` bullets and the next one still fits.
    """
    shown = [b for p in group for b in p.bullets]
    room = box.text_height / 2
    used = sum(_bullet_height(b, box) for _, b in shown)
    line_starts = set(script.line_starts()[:-1])
    anchored = {o for o, _ in shown if o in line_starts}
    start, end = group[0].start, group[-1].end
    for where, text in openings(script, start, end, most=len(script.text[start:end])):
        if used >= room and len(shown) >= FEWEST_ENTRIES:
            break
        if where in anchored or any(_same(text, t) for _, t in shown):
            continue
        (text,) = (t for _, t in _fitting(((where, text),), box))
        if used + _bullet_height(text, box) > box.text_height:
            break
        shown.append((where, text))
        used += _bullet_height(text, box)
    return tuple(t for _, t in sorted(shown, key=lambda pair: pair[0]))


def _content_slides(title: str, script: Script, continued: bool, spoken: bool = True) -> list[Slide]:
    """Bullet slides for ``script``, its speech in their notes (unless not ``spoken``: appendices)."""
    box = LAYOUTS["content"].box(1)
    items = [
        part
        for p in passages(script)
        for part in _split_bullets(Passage(p.start, p.end, _fitting(p.bullets, box)), box)
    ]
    slides = []
    for n, group in enumerate(pack(items, box, NOTES_LIMIT if spoken else math.inf)):  # type: ignore[arg-type]
        bullets = list(_filled(group, script, box) if spoken else (b for p in group for _, b in p.bullets))
        while len(bullets) > 1 and not fits(tuple(bullets), box, MIN_BULLET_SIZE, BULLET_MARGIN):
            bullets.pop()  # a passage with more bullets than a slide holds (only ever coincident anchors)
        frames = [_title_frame("content", title, continued or n > 0)]
        if bullets:
            size = fit_size(tuple(bullets), box, MIN_BULLET_SIZE, BULLET_MARGIN, MAX_BULLET_SIZE)
            frames.append(Frame(1, tuple(bullets), size))
        notes = script.notes(group[0].start, group[-1].end) if spoken else []
        slides.append(Slide("content", frames, notes=notes))
    return slides


def _run_slides(title: str, nodes: list[Node], spoken: bool = True) -> list[Slide]:
    """Slides for a run of nodes under ``title``: bullet slides, and table slides where tables stand."""
    slides: list[Slide] = []
    run: list[Node] = []
    for node in [*nodes, None]:
        if node is None or node.kind == "table":
            script = script_of(run)
            if script.lines or script.anchors:
                slides += _content_slides(title, script, bool(slides), spoken)
            run = []
            if node is not None:
                slides += _table_slides(node.item.table or title, node.item)  # type: ignore[attr-defined]
        else:
            run.append(node)
    return slides


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

    return _row_slides(title, header, body, height)


def _row_slides(
    title: str,
    header: list[tuple[str, ...]],
    body: list[tuple[str, ...]],
    height: Callable[[tuple[str, ...]], float],
    widths: tuple[float, ...] = (),
) -> list[Slide]:
    """Table slides: the header rows, then as many body rows as fit, continued on further slides."""
    box = LAYOUTS["content"].box(1)
    room = box.text_height - sum(height(r) for r in header)
    chunks: list[list[tuple[str, ...]]] = [[]]
    used = 0.0
    for row in body:
        if chunks[-1] and used + height(row) > room:
            chunks.append([])
            used = 0.0
        chunks[-1].append(row)
        used += height(row)
    chunks = balanced(chunks, lambda chunk: sum(map(height, chunk)) <= room)
    slides: list[Slide] = []
    for chunk in chunks:
        rows_shown = tuple(header + chunk)
        slides.append(
            Slide(
                "content",
                [_title_frame("content", title, continued=bool(slides))],
                table=TableSlice(rows_shown, len(header), TABLE_SIZE, tuple(height(r) for r in rows_shown), widths),
            )
        )
    return slides


def _groups(nodes: list[Node]) -> list[tuple[str, list[Node]]]:
    """A part's nodes cut into slide groups: each section (run-in ones too), runs of loose blocks."""
    groups: list[tuple[str, list[Node]]] = []
    for node in nodes:
        if node.kind == "section":
            groups.append(("section", [node]))
        elif node.section_index is None and (not groups or groups[-1][0] != "loose"):
            groups.append(("loose", [node]))
        else:
            groups[-1][1].append(node)
    return groups


def _take_quiet(nodes: list[Node], room: int) -> list[str]:
    """Speech of the leading nodes that show nothing (no point, no table), while it stays within ``room`` characters.

    The nodes taken are removed from ``nodes``.
    """
    taken: list[str] = []
    while nodes and nodes[0].kind not in ("section", "table") and not _shown(nodes[0]):
        speech = nodes[0].speech()
        if sum(map(len, taken)) + sum(map(len, speech)) > room:
            break
        taken += speech
        nodes.pop(0)
    return taken


def _part_slides(report: Report, index: int, nodes: list[Node]) -> list[Slide]:
    """A section slide for the part (its heading and a short intro in the notes), then slides for its content."""
    part = report.parts[index]
    section = Slide(
        "section",
        [
            _frame("section", 1, (f"第{chinese_numeral(index + 1)}部分",)),
            _phrased_frame("section", 0, part.heading, smallest=MIN_TITLE_SIZE),
        ],
        notes=[part.numbered_heading],
    )
    content = list(nodes)
    quiet = _take_quiet(content, NOTES_LIMIT - len(part.numbered_heading))
    if content:  # a part that shows nothing keeps its speech for content slides (never a bare divider)
        section.notes += quiet
    else:
        content = list(nodes)
    slides = [section]
    for kind, group in _groups(content):
        title = group[0].item.numbered_heading.rstrip("。") if kind == "section" else (part.digest or part.heading)  # type: ignore[attr-defined]
        slides += _run_slides(title, group)
    return slides


def _appendix_slides(report: Report) -> list[Slide]:
    """Slides for each appendix (not spoken: no notes): its points or first sentences, tables, glossary terms."""
    slides: list[Slide] = []
    nodes = [node for node in report.walk() if node.zone == "appendix"]
    for n, node in enumerate(nodes):
        if node.kind != "appendix":
            continue
        title = f"{node.item.label}　{node.item.title}".strip("　")  # type: ignore[attr-defined]
        content = []
        for inner in nodes[n + 1 :]:
            if inner.kind == "appendix":
                break
            content.append(inner)
        shown = _run_slides(title, content, spoken=False) if content else []
        if node.item.glossary is not None and node.item.entries:  # type: ignore[attr-defined]
            shown += _glossary_slides(title, node.item.glossary, bool(shown))  # type: ignore[attr-defined]
        slides += shown or [Slide("content", [_title_frame("content", title)])]
    return slides


GLOSSARY_HEADER = ("名词", "解释")
"""The header row of the glossary's table on the slides."""
GLOSSARY_WIDTHS = (0.28, 0.72)
"""Shares of the width the glossary's columns take: the term, its explanation."""


def _glossary_slides(title: str, glossary: Glossary, continued: bool) -> list[Slide]:
    """The glossary as a table (term, explanation), every explanation paragraph whole, continued on further slides.

    An entry is a row: its term, its paragraphs one a line. An entry taller than a slide holds
    (or than half of one, where a further slide would otherwise hold a single row) takes several
    rows, cut between paragraphs, a paragraph between sentences, a sentence between clauses (after
    ；, then ，、): nothing is shortened. A slide that opens inside an entry repeats
    its term with （续）. The rows are cut into as few slides as hold them, so that no further slide
    holds a single row where other cuts avoid it, the fullest slide as little full as can be.
    """
    box = LAYOUTS["content"].box(1)
    widths = tuple(box.text_width * share for share in GLOSSARY_WIDTHS)

    def height(row: tuple[str, ...]) -> float:
        lines = max(_cell_lines(text, box.role, width - 14) for text, width in zip(row, widths, strict=True))
        return lines * TABLE_SIZE * LINE_SPACING + 0.1 * 72

    room = box.text_height - height(GLOSSARY_HEADER)
    for row_room in (room, room / 2):  # entries cut finer only where a further slide would hold one row
        rows: list[tuple[str, str]] = []  # (term cell, explanation cell); the term only on an entry's first row
        owners: list[str] = []  # the term of each row's entry
        for i, entry in enumerate(glossary.entries):
            term = glossary.entry_label(i) + entry.term
            fits = lambda text, t=term, r=row_room: height((t + CONTINUED, text)) <= r  # noqa: E731
            cells = _explanation_cells(entry.paragraphs, fits)
            rows += [(term if k == 0 else "", text) for k, text in enumerate(cells)]
            owners += [term] * len(cells)
        opening = [(term or owner + CONTINUED, text) for (term, text), owner in zip(rows, owners, strict=True)]
        cuts = _balanced_cuts([height(row) for row in opening], room)
        if all(end - start > 1 for start, end in cuts[1:]):
            break
    slides: list[Slide] = []
    for start, end in cuts:
        shown = (GLOSSARY_HEADER, opening[start], *rows[start + 1 : end])
        slides.append(
            Slide(
                "content",
                [_title_frame("content", title, continued or bool(slides))],
                table=TableSlice(shown, 1, TABLE_SIZE, tuple(height(r) for r in shown), GLOSSARY_WIDTHS),
            )
        )
    return slides


def _balanced_cuts(heights: list[float], room: float) -> list[tuple[int, int]]:
    """Runs of rows, one a slide, each within ``room`` (a row taller alone stands alone).

    As few slides as hold the rows (or one more, when that spares a further slide of a single
    row); among those, fewest further slides of a single row, then the lowest fullest slide,
    then earlier slides fuller.
    """
    count = len(heights)
    if not count:
        return []
    starts = [0.0]
    for h in heights:
        starts.append(starts[-1] + h)

    def fill(a: int, b: int) -> float:
        return starts[b] - starts[a]

    fewest = 0
    at = 0
    while at < count:
        end = at + 1
        while end < count and fill(at, end + 1) <= room + 0.01:
            end += 1
        fewest, at = fewest + 1, end
    choices = []
    for slides in (fewest, fewest + 1):
        if slides > count:
            continue
        # best[j][i]: (single-row further slides, fullest slide, cuts) placing rows[:i] on j slides
        best: list[dict[int, tuple[int, float, tuple[int, ...]]]] = [{0: (0, 0.0, ())}]
        for j in range(1, slides + 1):
            layer: dict[int, tuple[int, float, tuple[int, ...]]] = {}
            for a, (single, fullest, cuts) in best[j - 1].items():
                for b in range(a + 1, count + 1):
                    if b > a + 1 and fill(a, b) > room + 0.01:
                        break
                    cost = (single + (j > 1 and b == a + 1), max(fullest, fill(a, b)), (*cuts, b))
                    if b not in layer or _cut_key(cost) < _cut_key(layer[b]):
                        layer[b] = cost
            best.append(layer)
        if count in best[slides]:
            single, fullest, cuts = best[slides][count]
            choices.append((single, slides, fullest, cuts))
    single, _slides, _fullest, cuts = min(choices, key=lambda c: (c[0], c[1], c[2], tuple(-x for x in c[3])))
    bounds = (0, *cuts)
    return list(zip(bounds, bounds[1:], strict=False))


def _cut_key(cost: tuple[int, float, tuple[int, ...]]) -> tuple:
    """Order of cuts: fewer single-row further slides, a lower fullest slide, then earlier slides fuller."""
    single, fullest, cuts = cost
    return (single, fullest, tuple(-x for x in cuts))


def _cell_lines(text: str, role: str, width: float) -> int:
    """Lines a table cell's text takes at :data:`TABLE_SIZE` (each of its lines a paragraph)."""
    return sum(line_count(line or " ", role, TABLE_SIZE, width) for line in text.split("\n"))


CLAUSE_ENDS = (SENTENCE_ENDS, frozenset("；;"), frozenset("，、,"))
"""Where a paragraph too tall for a slide is cut, coarsest first: sentences, then clauses."""


def _explanation_cells(paragraphs: list[str], fits_row: Callable[[str], bool]) -> list[str]:
    """An entry's paragraphs in as few cells as fit a row (one a line), cut between paragraphs, sentences, clauses."""
    cells: list[str] = []
    for paragraph in paragraphs:
        for k, piece in enumerate(_pieces(paragraph, fits_row)):
            joined = (cells[-1] + piece if k else f"{cells[-1]}\n{piece}") if cells else ""
            if joined and fits_row(joined):
                cells[-1] = joined
            else:
                cells.append(piece)
    return cells


def _pieces(text: str, fits_row: Callable[[str], bool], level: int = 0) -> list[str]:
    """``text`` whole if it fits a row, else cut after the marks of :data:`CLAUSE_ENDS` ``level``, finer as needed."""
    if fits_row(text) or level == len(CLAUSE_ENDS):
        return [text]
    marks = CLAUSE_ENDS[level]
    parts: list[str] = []
    start = i = 0
    while i < len(text):
        i += 1
        if text[i - 1] in marks:
            while i < len(text) and text[i] in CLOSING_MARKS:
                i += 1
            parts.append(text[start:i])
            start = i
    if start < len(text):
        parts.append(text[start:])
    return [piece for part in parts for piece in _pieces(part, fits_row, level + 1)]


def speaking_minutes(chars: int) -> int:
    """Minutes ``chars`` characters of speech take at :data:`SPEAKING_RATE` (at least one)."""
    return max(1, round(chars / SPEAKING_RATE))


def _agenda_slides(report: Report) -> list[Slide]:
    """The agenda: each part's heading and its estimated speaking time, continued when they do not fit."""
    box = LAYOUTS["agenda"].box(1)
    nodes = list(report.walk(appendices=False))
    chars = [
        sum(len(line) for n in nodes if n.zone == "body" and n.part_index == i for line in n.speech())
        for i in range(len(report.parts))
    ]
    entries = [
        shorten(f"{p.numbered_heading}　约{speaking_minutes(c)}分钟", box, MIN_BULLET_SIZE)
        for p, c in zip(report.parts, chars, strict=True)
    ]
    total = sum(len(line) for line in report.speech())
    note = f"讲话时间按每分钟{SPEAKING_RATE}字估算，全文约{speaking_minutes(total)}分钟"
    chunks: list[list[str]] = []
    start = 0
    while start < len(entries):
        end = len(entries)
        while end > start + 1 and not fits(tuple(entries[start:end]), box, MIN_BULLET_SIZE):
            end -= 1
        chunks.append(entries[start:end])
        start = end
    slides = []
    for chunk in balanced(chunks, lambda chunk: fits(tuple(chunk), box, MIN_BULLET_SIZE)):
        frames = [
            _title_frame("agenda", "目录", continued=bool(slides)),
            _frame("agenda", 1, tuple(chunk), MIN_BULLET_SIZE),
            _frame("agenda", 10, (note,), 12),
        ]
        slides.append(Slide("agenda", frames))
    return slides


def tile_counts(count: int) -> list[int]:
    """Tiles on each key-figures slide: as few slides as hold ``count`` tiles, as evenly filled as possible."""
    if count <= 0:
        return []
    slides = math.ceil(count / MAX_TILES)
    base, extra = divmod(count, slides)
    return [base + 1 if i < extra else base for i in range(slides)]


def _figure_slides(report: Report) -> list[Slide]:
    """Key-figures slides: a grid of as many tiles as the slide shows (never an empty box)."""
    figures = report.figures()
    slides = []
    start = 0
    for count in tile_counts(len(report.tiles)):
        layout = f"figures{count}"
        frames = [_title_frame(layout, "要点数据", continued=bool(slides))]
        for i, tile in enumerate(report.tiles[start : start + count]):
            figure = figures[tile.figure]
            frames.append(_frame(layout, 21 + i, (figure.quote,), 24))
            frames.append(_frame(layout, 25 + i, (tile.label or figure.label,), 14))
        slides.append(Slide(layout, frames))
        start += count
    return slides


def _chart_slide(chart: ChartPlan) -> Slide:
    return Slide(
        "chart",
        [_title_frame("chart", chart.title), _frame("chart", 10, (chart.note,), 10)],
        chart=chart,
    )


def _part_of(report: Report, figure_id: str) -> int:
    """The part a figure stands in (0 for the opening, the last part for the closing and appendices)."""
    node = report.node_of(figure_id)
    if node.zone == "opening":
        return 0
    return node.part_index if node.zone == "body" else len(report.parts) - 1


def _take_quiet_tail(nodes: list[Node], room: int) -> list[str]:
    """Speech of the trailing nodes that show nothing, within ``room`` characters (removed from ``nodes``)."""
    taken: list[str] = []
    while nodes and nodes[-1].kind != "table" and not _shown(nodes[-1]):
        speech = nodes[-1].speech()
        if sum(map(len, taken)) + sum(map(len, speech)) > room:
            break
        taken = speech + taken
        nodes.pop()
    return taken


def plan_deck(report: Report) -> list[Slide]:
    """Plan every slide of the deck, in order."""
    meta = report.meta
    nodes = list(report.walk(appendices=False))
    opening = [node for node in nodes if node.zone == "opening"]
    title = Slide(
        "title",
        [
            _phrased_frame("title", 0, meta.title, smallest=MIN_TITLE_SIZE),
            *([_frame("title", 1, (meta.status_line,))] if meta.status_line else []),
            _phrased_frame("title", 10, meta.session, (meta.date_text,)),
            _frame("title", 11, (meta.speaker_line,)),
        ],
        notes=[report.salutation],
    )
    title.notes += _take_quiet(opening, NOTES_LIMIT - len(report.salutation))
    slides = [title, *_agenda_slides(report), *_run_slides(meta.title, opening)]
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
    closing_nodes = [node for node in nodes if node.zone == "closing"]
    closing_texts = [line for node in closing_nodes for line in node.speech()]
    closing_line = meta.motto or (closing_texts[-1].split("，")[-1] if closing_texts else meta.title)
    tail = _take_quiet_tail(closing_nodes, NOTES_LIMIT)
    closing = Slide(
        "closing",
        [
            _phrased_frame("closing", 0, closing_line, smallest=MIN_TITLE_SIZE),
            _frame("closing", 1, (meta.issuer, meta.date_text)),
        ],
        notes=tail,
    )
    return [*slides, *_appendix_slides(report), *_run_slides(meta.title, closing_nodes), closing]
