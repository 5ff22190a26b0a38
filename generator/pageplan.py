"""The page plan: one page model of the formal report, every glyph placed, for every fixed-layout writer.

Pure data, no I/O. Built from the DOCX's paragraph plan and its pagination
(:func:`generator.renderers.docx.plan.plan_document`, the same layout whose glossary page
references the DOCX stores), so the archival PDF, the OFD and the DOCX agree page for page
and line for line.

Units and origin: points (1/72 in); the origin is the page's **top-left** corner, x to the
right, y **downwards**; a line's ``baseline`` is the y of its glyphs' baseline. A writer
whose origin is bottom-left (PDF) draws at ``height - y``; OFD (millimetres, top-left)
multiplies by 25.4/72.

Rules (as the DOCX sets them, and as LibreOffice renders it):

- grid row ``r`` (1-based) of a page spans ``top + (r-1)·pitch`` to ``top + r·pitch``; the
  text of a grid line is centred in it as LibreOffice centres it: the line's tallest face
  (``hhea`` ascent + line gap over descent) centred in the pitch, then
  :data:`GRID_BASELINE_SHIFT` lower (within 0.1 pt of LibreOffice 7.4's baselines on the seed);
  the footer, off the grid, has its baseline at 80 % of its fixed line height;
- a glyph's advance is the face's advance at the run's size plus its character spacing,
  plus the Asian/Latin autospace gap after it (:func:`generator.linebreak.set_advances`);
- a justified paragraph (``both``) spreads the room left on a line evenly between its
  characters, except on its last line and before a forced line break; hanging closing
  marks (:data:`generator.linebreak.HANGING`) stand past the right margin and are not
  stretched; centred and right-aligned styles place the line's natural width;
- tables: centred on the text block, each row as many grid lines as its tallest cell, rules
  ½ pt round every cell, header rows repeated (and bold) on every page, cell lines centred;
- folios "— N —" (4号), odd pages right, even pages left, one character in, in the footer
  25 mm above the page's foot;
- bold is a role's weight or a bold character style (lead-in, emphasis, glossary term,
  point heading); the free faces have no bold cut, so writers embolden (stroke) the glyphs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from generator.fonts import ROLES, metrics, role_file, set_text
from generator.linebreak import HANGING, Block, Run, set_advances
from generator.model import Report
from generator.renderers.docx.pagination import Line
from generator.renderers.docx.plan import (
    BODY_SIZE,
    BORDER_TWIPS,
    FOOTER_SIZE,
    GEOMETRY,
    LINE_PITCH_TWIPS,
    PAGE,
    TABLE_SIZE,
    DocumentPlan,
    GlossaryRef,
    PlannedParagraph,
    PlannedTable,
    cell_pieces,
    mm_twips,
    plan_document,
)

PITCH = LINE_PITCH_TWIPS / 20
"""The grid's line pitch in points (exact line spacing)."""
ASCENT_SHARE = 0.8
"""Where the baseline stands in a fixed-height line off the grid (the footer), as a share of its height."""
GRID_BASELINE_SHIFT = 0.25
"""Points LibreOffice 7.4 sets a grid line's text below its centred position (measured on its PDFs)."""
RULE_WIDTH = 0.5
"""Width of a table's rules (pt)."""
FOOTER_FROM_BOTTOM_MM = 25.0
"""The footer's distance from the page's foot (``w:footer``)."""

ALIGNMENT: dict[str, str] = {
    "ReportTitle": "center",
    "MeetingLine": "center",
    "AppendixTitle": "center",
    "TableCaption": "center",
    "TableText": "center",
    "TableUnit": "right",
}
"""Paragraph style → alignment; every other style is justified (``both``)."""

BOLD_CHAR_STYLES = frozenset({"LeadIn", "Emphasis", "GlossaryTerm", "PointHeading"})
"""Character styles that set their text bold."""

OUTLINE_LEVELS: dict[str, int] = {"Heading1": 1, "Heading2": 2, "AppendixLabel": 1, "AppendixTitle": 1}
"""Paragraph style → outline level (parts and appendices 1, sections 2); run-in sections are level 2."""


def _points(mm: float) -> float:
    """Millimetres → points, rounded to whole twips as the DOCX stores every length."""
    return mm_twips(mm) / 20


@dataclass(frozen=True)
class PlacedRun:
    """Glyphs in one face, size and weight: where the first stands and how far each advances (pt)."""

    text: str
    role: str
    """The font role (:data:`generator.fonts.ROLES`): the face is ``role_file(role)``."""
    size: float
    bold: bool
    x: float
    """The x of the first glyph's origin."""
    advances: tuple[float, ...]
    """Each character's advance: the pen moves by it to the next glyph (spacing and justification included)."""
    pageref: str | None = None
    """For a page reference (a glossary entry's page number): the bookmark it points to."""

    @property
    def xs(self) -> list[float]:
        """The x of every glyph's origin."""
        out, x = [], self.x
        for advance in self.advances:
            out.append(x)
            x += advance
        return out

    @property
    def end(self) -> float:
        """The x after the last glyph."""
        return self.x + sum(self.advances)


@dataclass(frozen=True)
class PlacedLine:
    """One printed line: its runs on a baseline, the plan item and character range it shows."""

    baseline: float
    runs: tuple[PlacedRun, ...]
    style: str
    """The paragraph style (``Heading1``, ``GlossaryEntry``, ``TableText``, ``Footer`` …)."""
    item: int
    """Index of the item in :attr:`DocumentPlan.paragraphs` (-1 for a folio)."""
    start: int = 0
    end: int = 0
    """Character range of the item's text (of the cell's text for a table line)."""
    row: int = 0
    """Grid row on the page (1-based; 0 for a folio)."""

    @property
    def text(self) -> str:
        """The line's printed text."""
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Rule:
    """A straight rule from (x0, y0) to (x1, y1), ``width`` points wide (a table border)."""

    x0: float
    y0: float
    x1: float
    y1: float
    width: float = RULE_WIDTH


@dataclass(frozen=True)
class OutlineEntry:
    """A bookmark: level (1 parts and appendices, 2 sections), title, page and the y of its line's top."""

    level: int
    title: str
    page: int
    y: float


@dataclass
class PlacedPage:
    """One page: its number, lines in reading order, rules, and its folio."""

    number: int
    lines: list[PlacedLine] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    folio: PlacedLine | None = None


@dataclass
class PagePlan:
    """The formal report as pages of placed glyphs (pt, origin top-left, y down; see the module)."""

    width: float
    height: float
    left: float
    top: float
    right: float
    bottom: float
    pitch: float
    pages: list[PlacedPage]
    outline: list[OutlineEntry]
    references: list[GlossaryRef]
    """The glossary's computed references (the same objects the DOCX writes)."""
    anchors: dict[str, tuple[int, float]]
    """Bookmark of every cited term occurrence → (page, y of its line's top)."""
    document: DocumentPlan
    report: Report

    @property
    def title_block(self) -> list[PlacedLine]:
        """The lines of the title block (title, status, meeting and speaker lines) on the first page."""
        return [line for line in self.pages[0].lines if line.style in ("ReportTitle", "MeetingLine")]

    @property
    def glossary_lines(self) -> list[PlacedLine]:
        """The lines of the glossary appendix's entries, in order."""
        return [line for page in self.pages for line in page.lines if line.style == "GlossaryEntry"]

    def roles(self) -> dict[str, str]:
        """Every role used → the text set in it (for subsetting the faces)."""
        out: dict[str, list[str]] = {}
        for page in self.pages:
            for line in [*page.lines, *([page.folio] if page.folio else [])]:
                for run in line.runs:
                    out.setdefault(run.role, []).append(run.text)
        return {role: "".join(texts) for role, texts in out.items()}


@cache
def vertical_metrics(role: str) -> tuple[float, float, float]:
    """Ascent, descent and line gap of a role's face, in em (``hhea``, as LibreOffice reads them)."""
    from fontTools.ttLib import TTFont

    face = role_file(role)
    font = TTFont(str(face.path), fontNumber=face.index, lazy=True)
    units = font["head"].unitsPerEm
    hhea = font["hhea"]
    return hhea.ascent / units, -hhea.descent / units, hhea.lineGap / units


def grid_baseline(runs: tuple[PlacedRun, ...] | list[tuple[str, float]]) -> float:
    """Where the baseline of a grid line stands below the line's top (pt), for its runs' faces and sizes."""
    faces = [(r.role, r.size) if isinstance(r, PlacedRun) else r for r in runs] or [("body", BODY_SIZE)]
    above = max((vertical_metrics(role)[0] + vertical_metrics(role)[2]) * size for role, size in faces)
    below = max(vertical_metrics(role)[1] * size for role, size in faces)
    return (PITCH - above - below) / 2 + above + GRID_BASELINE_SHIFT


FALLBACK_ROLES = ("pdf_body", "pdf_heading", "pdf_accent")
"""Roles whose faces a character its run's face lacks tries, in order (the embedded faces of the PDFs)."""


@cache
def fallback_roles(role: str) -> tuple[str, ...]:
    """The roles a run of ``role`` is drawn in: its own face, then the fallbacks (one role per face)."""
    roles: list[str] = []
    seen: set[str] = set()
    for candidate in (role, *FALLBACK_ROLES):
        family = metrics(candidate).family
        if family not in seen:
            seen.add(family)
            roles.append(candidate)
    return tuple(roles)


def face_runs(run: PlacedRun) -> tuple[list[tuple[str, str]], tuple[str, ...]]:
    """``run`` split by the face each character is drawn in, and the characters no face has.

    Pieces are (role, text) in order; a writer refuses the missing characters (PDF/A and OFD
    readers have no glyph to draw for them).
    """
    if not _lacking(run.role, run.text):
        return [(run.role, run.text)], ()
    roles = fallback_roles(run.role)
    setting = set_text(run.text, [metrics(role) for role in roles])
    return [(roles[index], text) for index, text in setting.runs], setting.missing


_COVERED: dict[str, set[str]] = {}
_LACKING: dict[str, set[str]] = {}


def _lacking(role: str, text: str) -> set[str]:
    """The characters of ``text`` the face of ``role`` lacks (whitespace never lacks), remembered per role."""
    chars = set(text)
    covered = _COVERED.setdefault(role, set())
    lacking = _LACKING.setdefault(role, set())
    face = metrics(role)
    for ch in chars - covered - lacking:
        (covered if ch.isspace() or face.covers(ch) else lacking).add(ch)
    return chars & lacking


_FLOATS: dict[float, float] = {}


def _shared(value: float) -> float:
    """One float object per value: a long report's millions of advances share a few thousand objects."""
    return _FLOATS.setdefault(value, value)


def _row_top(top: float, row: int) -> float:
    """The y of the top of grid row ``row`` (1-based)."""
    return top + (row - 1) * PITCH


def _char_styles(paragraph: PlannedParagraph) -> tuple[list[str | None], list[str | None]]:
    """Each character's character style and page-reference bookmark."""
    styles: list[str | None] = []
    refs: list[str | None] = []
    for segment in paragraph.segments:
        styles += [segment.char_style] * len(segment.text)
        refs += [segment.pageref] * len(segment.text)
    return styles, refs


def _char_faces(block: Block) -> tuple[list[str], list[float]]:
    roles: list[str] = []
    sizes: list[float] = []
    for run in block.runs:
        roles += [run.role] * len(run.text)
        sizes += [run.size] * len(run.text)
    return roles, sizes


def _visible_end(text: str, start: int, end: int) -> int:
    """The end of a line's printed characters: a forced line break (newline) is not printed."""
    return end - 1 if end > start and text[end - 1] == "\n" else end


def _fitting_count(widths: list[float], available: float) -> int:
    """How many leading characters fit in ``available`` (the rest hang past the margin)."""
    used = 0.0
    for i, width in enumerate(widths):
        used += width
        if used > available + 1e-6:
            return i
    return len(widths)


def place_characters(
    text: str,
    advances: list[float],
    gaps: list[float],
    start: int,
    end: int,
    available: float,
    justify: bool,
) -> tuple[list[float], int]:
    """The advance of each character of ``text[start:end]`` as set on its line, and how many count.

    The gap after the line's last character vanishes; a justified line spreads the room left
    between its fitting characters; trailing hanging marks past ``available`` keep their width.
    The count leaves out hanging marks and trailing spaces, which LibreOffice does not align
    (a centred cell line "5.8　　" is centred as "5.8").
    """
    widths = [advances[i] + gaps[i] for i in range(start, end)]
    if widths:
        widths[-1] = advances[end - 1]
    fitting = _fitting_count(widths, available)
    if fitting < len(widths) and not all(text[i] in HANGING for i in range(start + fitting, end)):
        fitting = len(widths)  # not a hanging mark: a too-wide character overflows as it is
    counted = fitting
    while counted > 0 and text[start + counted - 1].isspace():
        counted -= 1
    if justify and counted > 1:
        room = available - sum(widths[:counted])
        if room > 0:
            share = room / (counted - 1)
            for i in range(counted - 1):
                widths[i] += share
        if fitting < len(widths):  # the last fitting character's gap before the hanging mark
            widths[fitting - 1] += gaps[start + fitting - 1]
    return widths, counted


def _runs(
    chars: range,
    text: str,
    widths: list[float],
    x: float,
    faces: tuple[list[str], list[float]],
    bold: list[bool],
    refs: list[str | None],
) -> tuple[PlacedRun, ...]:
    """Characters grouped into runs of one face, size, weight and reference."""
    roles, sizes = faces
    out: list[PlacedRun] = []
    current: list[int] = []

    def flush(at: float) -> float:
        if not current:
            return at
        i = current[0]
        advances = tuple(_shared(widths[k - chars.start]) for k in current)
        out.append(PlacedRun("".join(text[k] for k in current), roles[i], sizes[i], bold[i], at, advances, refs[i]))
        return at + sum(advances)

    for k in chars:
        if current:
            i = current[0]
            if (roles[i], sizes[i], bold[i], refs[i]) != (roles[k], sizes[k], bold[k], refs[k]):
                x = flush(x)
                current = []
        current.append(k)
    flush(x)
    return tuple(out)


@dataclass(frozen=True)
class _Frame:
    """The text block of a page (pt)."""

    left: float
    top: float
    width: float


def _paragraph_lines(
    index: int, paragraph: PlannedParagraph, lines: list[Line], frame: _Frame
) -> list[tuple[int, PlacedLine]]:
    """The placed lines of one paragraph: (page, line)."""
    block = paragraph.block()
    text = block.text
    advances, gaps = set_advances(block)
    styles, refs = _char_styles(paragraph)
    faces = _char_faces(block)
    bold = [ROLES[role].bold or (style in BOLD_CHAR_STYLES) for role, style in zip(faces[0], styles, strict=True)]
    align = ALIGNMENT.get(paragraph.style, "both")
    out: list[tuple[int, PlacedLine]] = []
    for n, line in enumerate(lines):
        indent = block.first_indent if n == 0 else 0.0
        stop = _visible_end(text, line.start, line.end)
        last = n == len(lines) - 1 or stop < line.end
        available = frame.width - indent
        widths, counted = place_characters(
            text, advances, gaps, line.start, stop, available, align == "both" and not last
        )
        natural = sum(widths[:counted])
        if align == "center":
            x = frame.left + (frame.width - natural) / 2
        elif align == "right":
            x = frame.left + frame.width - natural
        else:
            x = frame.left + indent
        runs = _runs(range(line.start, stop), text, widths, x, faces, bold, refs)
        baseline = _row_top(frame.top, line.row) + grid_baseline(runs)
        out.append((line.page, PlacedLine(baseline, runs, paragraph.style, index, line.start, line.end, line.row)))
    return out


def _table_rows(lines: list[Line], table: PlannedTable) -> list[tuple[int, int, int]]:
    """Every placed row of a table: (table row, page, first grid row), header repeats included.

    Follows :func:`generator.renderers.docx.pagination.paginate`: each row takes its grid lines
    whole, in order; a repeated header's lines come first on a new page.
    """
    heights = table.row_lines()
    header = table.header_rows
    out: list[tuple[int, int, int]] = []
    k = 0
    for r, height in enumerate(heights):
        if r >= header > 0 and k > 0 and lines[k].page != lines[k - 1].page:
            for h in range(header):
                out.append((h, lines[k].page, lines[k].row))
                k += heights[h]
        out.append((r, lines[k].page, lines[k].row))
        k += height
    return out


def _table_lines(
    index: int, table: PlannedTable, lines: list[Line], frame: _Frame
) -> tuple[list[tuple[int, PlacedLine]], list[tuple[int, Rule]]]:
    """The placed cell lines and rules of a table: (page, line) and (page, rule)."""
    edges = table.column_edges()
    x0 = frame.left + (frame.width - edges[-1]) / 2
    lefts = [x0 + edge for edge in edges]
    heights = table.row_lines()
    placed = _table_rows(lines, table)
    out: list[tuple[int, PlacedLine]] = []
    rules: list[tuple[int, Rule]] = []
    for n, (r, page, row) in enumerate(placed):
        top = _row_top(frame.top, row)
        bottom = top + heights[r] * PITCH
        header = r < table.header_rows
        for cell in table.rows[r]:
            left, right = lefts[cell.column], lefts[cell.column + cell.colspan]
            if not cell.merged or n == 0 or placed[n - 1][1] != page:
                rules.append((page, Rule(left, top, right, top)))
            rules.append((page, Rule(left, top, left, bottom)))
            rules.append((page, Rule(right, top, right, bottom)))
            if cell.merged:
                continue
            span = [p for p in placed[n : n + cell.rowspan] if p[1] == page][: cell.rowspan]
            span_lines = sum(heights[p[0]] for p in span) if cell.rowspan > 1 else heights[r]
            cell_box = (left, top, right - left, span_lines, r == 0)
            out += _cell_lines(index, cell.text, cell_box, row, header, page)
        following = placed[n + 1] if n + 1 < len(placed) else None
        if following is None or following[1] != page:
            rules.append((page, Rule(lefts[0], bottom, lefts[-1], bottom)))
    return out, rules


def _cell_lines(
    index: int, text: str, box: tuple[float, float, float, int, bool], row: int, header: bool, page: int
) -> list[tuple[int, PlacedLine]]:
    """A cell's lines, centred across the cell and vertically in its rows.

    ``box`` is (left, top, width, grid lines, in the table's first row). As LibreOffice sets
    them: the rule under a row takes its width from the row's height, and the first row
    (whose stated height already gives up the table's top rule) starts below that rule; lines
    are centred in what is left, or start at its top when they fill it.
    """
    left, top, width, rows, first = box
    pieces = cell_pieces(text, width)
    rule = BORDER_TWIPS / 20
    area_top = top + (rule if first else 0.0)
    area = rows * PITCH - (2 * rule if first else rule)
    first_row = area_top + max(0.0, (area - len(pieces) * PITCH) / 2)
    out: list[tuple[int, PlacedLine]] = []
    for n, (block, a, b, base) in enumerate(pieces):
        advances, gaps = set_advances(block)
        widths, counted = place_characters(block.text, advances, gaps, a, b, width, False)
        x = left + (width - sum(widths[:counted])) / 2
        roles, sizes = _char_faces(block)
        count = len(block.text)
        runs = _runs(range(a, b), block.text, widths, x, (roles, sizes), [header] * count, [None] * count)
        baseline = first_row + n * PITCH + grid_baseline(runs or [("body", TABLE_SIZE)])
        out.append((page, PlacedLine(baseline, runs, "TableText", index, base + a, base + b, row + n)))
    return out


def folio(number: int, width: float, right: float, left: float, height: float) -> PlacedLine:
    """The page number "— N —": odd pages right, even pages left, one character in from the margin."""
    block = Block(
        (
            Run("— ", "footer", FOOTER_SIZE),
            Run(str(number), "footer", FOOTER_SIZE, field=True),
            Run(" —", "footer", FOOTER_SIZE),
        )
    )
    advances, gaps = set_advances(block)
    text = block.text
    widths, _ = place_characters(text, advances, gaps, 0, len(text), 1e9, False)
    natural = sum(widths)
    x = width - right - FOOTER_SIZE - natural if number % 2 else left + FOOTER_SIZE
    top = height - _points(FOOTER_FROM_BOTTOM_MM) - PITCH
    roles, sizes = _char_faces(block)
    runs = _runs(range(len(text)), text, widths, x, (roles, sizes), [False] * len(text), [None] * len(text))
    return PlacedLine(top + ASCENT_SHARE * PITCH, runs, "Footer", -1)


def _outline(document: DocumentPlan, first_lines: dict[int, tuple[int, float]]) -> list[OutlineEntry]:
    """Bookmarks of parts, sections (run-in ones too) and appendices, in reading order."""
    out: list[OutlineEntry] = []
    pending_label: OutlineEntry | None = None
    for index, item in enumerate(document.paragraphs):
        if not isinstance(item, PlannedParagraph) or index not in first_lines:
            continue
        page, y = first_lines[index]
        title = item.text.replace("\n", "")
        if item.style == "AppendixLabel":
            pending_label = OutlineEntry(1, title, page, y)
            out.append(pending_label)
        elif item.style == "AppendixTitle" and pending_label is not None:
            out[-1] = OutlineEntry(1, f"{pending_label.title}　{title}", pending_label.page, pending_label.y)
            pending_label = None
        elif item.style in OUTLINE_LEVELS:
            out.append(OutlineEntry(OUTLINE_LEVELS[item.style], title, page, y))
        elif item.segments and item.segments[0].char_style == "RunInHeading":
            out.append(OutlineEntry(2, item.segments[0].text, page, y))
        if item.style not in ("AppendixLabel", "AppendixTitle") and item.text:
            pending_label = None
    return out


def _anchors(document: DocumentPlan, top: float) -> dict[str, tuple[int, float]]:
    """Where every bookmarked term occurrence stands: (page, y of its line's top)."""
    out: dict[str, tuple[int, float]] = {}
    for index, item in enumerate(document.paragraphs):
        if isinstance(item, PlannedParagraph):
            for mark in item.marks:
                line = document.layout.line_at(index, mark.start)
                out[mark.name] = (line.page, _row_top(top, line.row))
    return out


def build_page_plan(document: DocumentPlan) -> PagePlan:
    """Place every line of ``document`` (its paragraphs and layout) on its page."""
    width, height = _points(PAGE["width"]), _points(PAGE["height"])
    left, right = _points(PAGE["left"]), _points(PAGE["right"])
    top, bottom = _points(PAGE["top"]), _points(PAGE["bottom"])
    frame = _Frame(left, top, GEOMETRY.line_width)
    by_item: dict[int, list[Line]] = {}
    for line in document.layout.lines:
        by_item.setdefault(line.block, []).append(line)
    pages = [PlacedPage(n) for n in range(1, document.layout.page_count + 1)]
    first_lines: dict[int, tuple[int, float]] = {}
    for index, item in enumerate(document.paragraphs):
        lines = by_item.get(index, [])
        if not lines:
            continue
        first_lines[index] = (lines[0].page, _row_top(top, lines[0].row))
        if isinstance(item, PlannedTable):
            placed, rules = _table_lines(index, item, lines, frame)
            for page, rule in rules:
                pages[page - 1].rules.append(rule)
        else:
            placed = _paragraph_lines(index, item, lines, frame)
        for page, line in placed:
            pages[page - 1].lines.append(line)
    for page in pages:
        page.folio = folio(page.number, width, right, left, height)
    return PagePlan(
        width,
        height,
        left,
        top,
        right,
        bottom,
        PITCH,
        pages,
        _outline(document, first_lines),
        document.references,
        _anchors(document, top),
        document,
        document.report,
    )


def plan_pages(report: Report) -> PagePlan:
    """The page plan of ``report``'s formal text."""
    return build_page_plan(plan_document(report))


__all__ = [
    "OutlineEntry",
    "PagePlan",
    "PlacedLine",
    "PlacedPage",
    "PlacedRun",
    "Rule",
    "build_page_plan",
    "plan_pages",
]
