"""Plan the DOCX draft: the report as styled paragraphs, laid out by the pagination model.

The plan is plain data (no python-docx): every paragraph with its style, runs, bookmarks
and fields, the page of every line (from :mod:`.pagination`), and the glossary's
page references computed from it. :mod:`.emit` only serialises it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.fonts import GB2312_FACES, ROLES, metrics, outside_gb2312
from generator.linebreak import Block, Run, break_lines, line_width
from generator.model import Appendix, ListItem, Node, Paragraph, Report, Table
from generator.renderers.docx.pagination import Layout, PageGeometry, paginate
from generator.terms import locate_all
from generator.titles import break_title

MM = 72 / 25.4
"""Points per millimetre."""

PAGE = {"width": 210.0, "height": 297.0, "top": 37.0, "bottom": 35.0, "left": 28.0, "right": 26.0}
"""A4 page and GB/T 9704 margins, in millimetres."""

LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
BODY_SIZE = 16.0
"""3号: the body size in points."""
TITLE_SIZE = 22.0
"""2号: the title size in points."""
TABLE_SIZE = 14.0
"""4号: the size of table text (pt); each line of a cell takes one grid line."""
CELL_MARGIN = 4.0
"""Left and right margin inside a table cell (pt)."""
FOOTER_SIZE = 14.0
"""4号: the page-number size in points."""
LINE_PITCH_TWIPS = 579
"""Exact line spacing: 225 mm / 22 lines ≈ 28.95 pt."""
TRACKING = -0.25
"""Character spacing of 3号 text (pt), so that 28 characters fill 156 mm."""
INDENT = 2 * BODY_SIZE
"""First-line indent: two characters of body text (pt)."""


def twips(points: float) -> int:
    """Points → twentieths of a point, as the DOCX stores a length."""
    return round(points * 20)


BORDER_TWIPS = 10
"""Width of the table's rules: ½ pt (``w:sz`` counts eighths of a point)."""

SEPARATOR_UNITS = 10_000
"""The scale of LibreOffice's table column separators (its ``TableColumnRelativeSum``)."""


def mm_twips(mm: float) -> int:
    """Millimetres → whole twips, as the DOCX stores every length."""
    return round(mm * MM * 20)


TEXT_WIDTH = (mm_twips(PAGE["width"]) - mm_twips(PAGE["left"]) - mm_twips(PAGE["right"])) / 20
"""The text block's width in points as the DOCX gives it (page and margins each rounded to twips): 442.25."""
GEOMETRY = PageGeometry(line_width=TEXT_WIDTH, lines_per_page=LINES_PER_PAGE)

STYLE_ROLES: dict[str, str] = {
    "Normal": "body",
    "ReportTitle": "title",
    "MeetingLine": "meeting",
    "Salutation": "body",
    "Heading1": "heading1",
    "Heading2": "heading2",
    "Heading3": "heading3",
    "AppendixLabel": "heading1",
    "AppendixTitle": "title",
    "GlossaryEntry": "body",
    "GlossaryMore": "body",
    "TableCaption": "heading1",
    "TableText": "body",
    "TableUnit": "body",
    "TableNote": "body",
}
"""Paragraph style → the font role of its text."""

CHAR_STYLE_ROLES: dict[str, str] = {"RunInHeading": "heading2", "PointHeading": "heading3"}
"""Character styles that change the face (others only change weight)."""

INDENTED_STYLES = frozenset({"Normal", "Heading1", "Heading2", "Heading3", "GlossaryEntry", "GlossaryMore"})
KEEP_WITH_NEXT_STYLES = frozenset(
    {
        "Heading1",
        "Heading2",
        "Heading3",
        "ReportTitle",
        "MeetingLine",
        "AppendixLabel",
        "AppendixTitle",
        "TableCaption",
        "TableUnit",
    }
)


@dataclass(frozen=True)
class Segment:
    """A run of a planned paragraph: text, character style, and a PAGEREF target if a field."""

    text: str
    char_style: str | None = None
    pageref: str | None = None


@dataclass(frozen=True)
class Mark:
    """A bookmark over characters [start, end) of a paragraph's text."""

    name: str
    start: int
    end: int


@dataclass
class PlannedParagraph:
    """A paragraph of the draft: style, segments, bookmarks, page break before."""

    style: str
    segments: list[Segment]
    marks: list[Mark] = field(default_factory=list)
    page_break_before: bool = False
    in_body: bool = True

    @property
    def text(self) -> str:
        """The paragraph's text."""
        return "".join(s.text for s in self.segments)

    def runs(self) -> list[tuple[Segment, str]]:
        """The runs as written: each segment cut where a bookmark starts or ends."""
        cuts = sorted({m.start for m in self.marks} | {m.end for m in self.marks})
        out: list[tuple[Segment, str]] = []
        offset = 0
        for segment in self.segments:
            if segment.pageref:
                out.append((segment, segment.text))
            else:
                inner = [c - offset for c in cuts if offset < c < offset + len(segment.text)]
                bounds = [0, *inner, len(segment.text)]
                out.extend((segment, segment.text[a:b]) for a, b in zip(bounds, bounds[1:], strict=False))
            offset += len(segment.text)
        return out

    def block(self) -> Block:
        """The paragraph as the pagination model sees it."""
        role = STYLE_ROLES[self.style]
        size = TITLE_SIZE if role == "title" else BODY_SIZE
        tracking = 0.0 if role == "title" else TRACKING
        runs = tuple(
            Run(text, CHAR_STYLE_ROLES.get(style or "", role), size, tracking, field)
            for (style, field), text in _portions(self.runs(), {x for m in self.marks for x in (m.start, m.end)})
        )
        return Block(
            runs=runs,
            first_indent=INDENT if self.style in INDENTED_STYLES else 0.0,
            keep_with_next=self.style in KEEP_WITH_NEXT_STYLES,
            page_break_before=self.page_break_before,
        )

    def lines(self, block: Block) -> list[tuple[int, int]]:
        """The paragraph's lines, as (start, end) character ranges."""
        return break_lines(block, GEOMETRY.line_width)


def _portions(runs: list[tuple[Segment, str]], cuts: set[int]) -> list[tuple[tuple[str | None, bool], str]]:
    """The text portions LibreOffice sets (character spacing is dropped at a portion's end).

    Adjacent runs of one character style merge, except where a bookmark starts or ends
    (``cuts``); a field's result stands alone.
    """
    out: list[tuple[tuple[str | None, bool], str]] = []
    offset = 0
    for segment, text in runs:
        key = (segment.char_style, bool(segment.pageref))
        if out and out[-1][0] == key and not key[1] and offset not in cuts:
            out[-1] = (key, out[-1][1] + text)
        elif text:
            out.append((key, text))
        offset += len(text)
    return out


@dataclass(frozen=True)
class PlannedCell:
    """A cell of a planned table: its lines (as laid out), spans, and grid column."""

    text: str
    column: int
    colspan: int = 1
    rowspan: int = 1
    merged: bool = False
    """A continuation of the cell above (``w:vMerge``), holding no text."""


@dataclass
class PlannedTable:
    """A native table: rows of cells, header rows (repeated on every page), column widths in points."""

    rows: list[list[PlannedCell]]
    header_rows: int
    widths: list[float]
    in_body: bool = True
    marks: list[Mark] = field(default_factory=list)
    page_break_before: bool = False
    style: str = "Table"

    @property
    def text(self) -> str:
        """The cells' text in reading order."""
        return "".join(cell.text for row in self.rows for cell in row)

    def cell_width(self, cell: PlannedCell) -> float:
        """The width of ``cell`` (its spanned columns) in points, as the DOCX states it."""
        return sum(self.widths[cell.column : cell.column + cell.colspan])

    def column_edges(self) -> list[float]:
        """Where LibreOffice puts the column edges, in points from the table's left edge.

        Its DOCX import turns the grid into column separators in 1/10,000 of the grid's sum
        (:data:`SEPARATOR_UNITS`, rounded) and lays each separator out at that share of the
        table's width, cut to whole twips: a 720-twip first column of an 8,845-twip table
        becomes 719 twips (a cell line that fills 720 exactly breaks there and nowhere else).
        """
        grid = [twips(w) for w in self.widths]
        table, total = twips(sum(self.widths)), sum(grid)
        edges, reached = [0.0], 0
        for width in grid:
            reached += width
            share = (reached * SEPARATOR_UNITS * 2 + total) // (2 * total)  # rounded half up
            edges.append(share * table // SEPARATOR_UNITS / 20)
        return edges

    def laid_width(self, cell: PlannedCell) -> float:
        """The width LibreOffice gives ``cell`` (see :meth:`column_edges`), in points."""
        edges = self.column_edges()
        return edges[cell.column + cell.colspan] - edges[cell.column]

    def row_lines(self) -> list[int]:
        """Grid lines each row takes: its tallest cell (a cell spanning rows counts in its first)."""
        return [
            max([1, *(len(cell_lines(c.text, self.laid_width(c))) for c in row if not c.merged and c.rowspan == 1)])
            for row in self.rows
        ]

    def block(self) -> Block:
        """The table as the pagination model sees it: rows of whole lines, header repeated."""
        return Block(runs=(), table_rows=tuple(self.row_lines()), header_rows=self.header_rows)

    def lines(self, block: Block) -> list[tuple[int, int]]:
        """One empty range per grid line (tables hold no glossary bookmarks)."""
        return [(0, 0)] * sum(block.table_rows)


PlannedItem = PlannedParagraph | PlannedTable


def cell_lines(text: str, width: float) -> list[str]:
    """The lines of a cell's text at :data:`TABLE_SIZE` in a cell ``width`` points wide."""
    return [block.text[a:b] for block, a, b, _ in cell_pieces(text, width)]


def cell_pieces(text: str, width: float) -> list[tuple[Block, int, int, int]]:
    """A cell's lines as (block, start, end, offset of the block in ``text``), each paragraph broken in the cell."""
    out: list[tuple[Block, int, int, int]] = []
    offset = 0
    for line in text.split("\n"):
        block = Block((Run(line, "body", TABLE_SIZE),))
        out += [(block, a, b, offset) for a, b in break_lines(block, max(width - 2 * CELL_MARGIN, TABLE_SIZE))]
        offset += len(line) + 1
    return out


def _grid(table: Table) -> list[list[PlannedCell]]:
    """The table's rows on a column grid: spans placed, rows covered by a rowspan get merged cells."""
    covered: dict[tuple[int, int], tuple[int, int]] = {}  # (row, column) → (colspan, first row)
    out: list[list[PlannedCell]] = []
    for r, row in enumerate([*table.header, *table.rows]):
        cells: list[PlannedCell] = []
        column = 0
        pending = iter(row)
        cell = next(pending, None)
        while cell is not None or (r, column) in covered:
            if (r, column) in covered:
                span = covered[(r, column)][0]
                cells.append(PlannedCell("", column, span, merged=True))
                column += span
                continue
            assert cell is not None
            cells.append(PlannedCell(cell.text, column, cell.colspan, cell.rowspan))
            for below in range(1, cell.rowspan):
                covered[(r + below, column)] = (cell.colspan, r)
            column += cell.colspan
            cell = next(pending, None)
        out.append(cells)
    return out


def _widths(rows: list[list[PlannedCell]], columns: int) -> list[float]:
    """Column widths filling the text block, as a browser sizes a table's columns.

    Each column wants its widest line (its natural width) and needs at least its widest
    unbreakable word (a number, a Latin word; at least two characters). When the natural
    widths do not fit, every column gets its minimum and the rest of the block is shared in
    proportion to what each still wants, so numbers are not cut while text columns wrap.
    """
    margins = 2 * CELL_MARGIN
    natural = [2 * TABLE_SIZE + margins] * columns
    least = list(natural)
    face = metrics("body")
    for row in rows:
        for cell in row:
            if cell.colspan == 1 and not cell.merged:
                for line in cell.text.split("\n"):
                    natural[cell.column] = max(natural[cell.column], face.width(line, TABLE_SIZE) + margins)
                    for word in _UNBREAKABLE.findall(line):
                        least[cell.column] = max(least[cell.column], face.width(word, TABLE_SIZE) + margins)
    natural = [max(n, m) for n, m in zip(natural, least, strict=True)]
    if sum(natural) <= TEXT_WIDTH:
        extra = (TEXT_WIDTH - sum(natural)) / columns
        return [w + extra for w in natural]
    if sum(least) >= TEXT_WIDTH:
        return [w * TEXT_WIDTH / sum(least) for w in least]
    room = TEXT_WIDTH - sum(least)
    wanted = sum(n - m for n, m in zip(natural, least, strict=True))
    return [m + (n - m) * room / wanted for n, m in zip(natural, least, strict=True)]


_UNBREAKABLE = re.compile(r"[!-~]+")
"""A run of printable ASCII: a number, a Latin word, a unit such as km2."""


def plan_table(table: Table, in_body: bool) -> PlannedTable:
    """A table fitted to the text block: grid, spans, column widths, header rows."""
    rows = _grid(table)
    columns = max(cell.column + cell.colspan for row in rows for cell in row)
    return PlannedTable(rows, len(table.header), _widths(rows, columns), in_body)


@dataclass
class GlossaryRef:
    """A glossary entry's computed references: pages in order, the row on each, and their bookmarks."""

    term: str
    pages: list[int]
    bookmarks: list[str]
    rows: list[int] = field(default_factory=list)


@dataclass
class DocumentPlan:
    """The whole draft: paragraphs, their layout, glossary references, metadata."""

    paragraphs: list[PlannedItem]
    layout: Layout
    references: list[GlossaryRef]
    report: Report

    def faces_missing(self) -> dict[str, list[str]]:
        """For each *_GB2312 face the draft names, the characters set in it that it lacks."""
        text_by_face: dict[str, list[str]] = {}
        for paragraph in self.paragraphs:
            if isinstance(paragraph, PlannedTable):
                text_by_face.setdefault(ROLES["body"].office, []).append(paragraph.text)
                continue
            for run in paragraph.block().runs:
                text_by_face.setdefault(ROLES[run.role].office, []).append(run.text)
        missing = {face: outside_gb2312("".join(texts)) for face, texts in text_by_face.items() if face in GB2312_FACES}
        return {face: chars for face, chars in missing.items() if chars}

    def page_of_paragraph(self, index: int) -> int:
        """The page on which paragraph ``index`` starts."""
        return self.layout.page_of(index, 0)


def _styled(spans: list[tuple[str, str | None]], leads: list[tuple[int, int]]) -> list[Segment]:
    """Segments of styled text with the ranges ``leads`` set as lead-ins (bold), text unchanged."""
    bounds = sorted({0, *(x for r in leads for x in r), sum(len(t) for t, _ in spans)})
    out: list[Segment] = []
    offset = 0
    for text, style in spans:
        cuts = [b - offset for b in bounds if offset < b < offset + len(text)]
        for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True):
            start = offset + a
            inside = any(x <= start < y for x, y in leads)
            out.append(Segment(text[a:b], "LeadIn" if inside else style))
        offset += len(text)
    return [s for s in out if s.text]


def _texted_segments(texted: Paragraph | ListItem, marker: str = "") -> list[Segment]:
    """A paragraph's or list item's segments: marker, run-in point, lead-in, text with emphasis and inner leads."""
    segments = [Segment(marker)] if marker else []
    if isinstance(texted, Paragraph) and texted.point and texted.run_in:
        segments.append(Segment(texted.numbered_point or "", "PointHeading"))
    spans = [(texted.lead, "LeadIn")] if texted.lead else []
    spans += [(s.text, "Emphasis" if s.emphasis else None) for s in texted.spans]
    leads = texted.lead_offsets() if isinstance(texted, Paragraph) else []
    return segments + _styled(spans, leads)


def _phrased(text: str, role: str, size: float, tracking: float) -> str:
    """A title-block line broken at its phrase boundaries into even lines (newlines), as GB/T 9704 asks."""

    def measure(part: str) -> float:
        return line_width(Block((Run(part, role, size, tracking),)))

    return "\n".join(break_title(text, GEOMETRY.line_width - 1.0, measure))


def _title_block(report: Report) -> list[PlannedItem]:
    """Title, status, meeting line and speaker line; title and meeting line broken at phrases (词意完整，排列对称)."""
    meta = report.meta
    title = _phrased(meta.title, "title", TITLE_SIZE, 0.0)
    out: list[PlannedItem] = [PlannedParagraph("ReportTitle", [Segment(title)], in_body=False)]
    if meta.status_line:
        out.append(PlannedParagraph("MeetingLine", [Segment(meta.status_line)], in_body=False))
    return out + [
        PlannedParagraph("Normal", [], in_body=False),
        PlannedParagraph(
            "MeetingLine", [Segment(_phrased(meta.meeting_line, "meeting", BODY_SIZE, TRACKING))], in_body=False
        ),
        PlannedParagraph("MeetingLine", [Segment(meta.speaker_line)], in_body=False),
        PlannedParagraph("Normal", [], in_body=False),
        PlannedParagraph("Salutation", [Segment(report.salutation)]),
    ]


def _node_items(node: Node) -> list[PlannedItem]:
    """What one node of the report's walk becomes in the draft."""
    item = node.item
    if node.kind == "part":
        return [PlannedParagraph("Heading1", [Segment(item.numbered_heading)])]  # type: ignore[attr-defined]
    if node.kind == "section":
        return [] if item.run_in else [PlannedParagraph("Heading2", [Segment(item.numbered_heading)])]  # type: ignore[attr-defined]
    if node.kind == "appendix":
        return _appendix_head(item)  # type: ignore[arg-type]
    in_body = node.zone != "appendix"
    if node.kind == "table":
        table: Table = item  # type: ignore[assignment]
        head = [PlannedParagraph("TableCaption", [Segment(table.table)], in_body=in_body)] if table.table else []
        if table.unit:
            head.append(PlannedParagraph("TableUnit", [Segment(table.unit)], in_body=in_body))
        notes = [PlannedParagraph("TableNote", [Segment(note)], in_body=in_body) for note in table.notes]
        return [*head, plan_table(table, in_body), *notes]
    if node.kind == "list":
        out = [
            PlannedParagraph("Normal", _texted_segments(list_item, item.item_marker(i)), in_body=in_body)  # type: ignore[attr-defined]
            for i, list_item in enumerate(item.items)  # type: ignore[attr-defined]
        ]
    else:
        out = []
        if item.point and not item.run_in:  # type: ignore[attr-defined]
            out.append(PlannedParagraph("Heading3", [Segment(item.numbered_point or "")], in_body=in_body))  # type: ignore[attr-defined]
        out.append(PlannedParagraph("Normal", _texted_segments(item), in_body=in_body))  # type: ignore[arg-type]
    if node.prefix:
        first = next(p for p in out if isinstance(p, PlannedParagraph) and p.style == "Normal")
        first.segments.insert(0, Segment(node.prefix, "RunInHeading"))
    return out


def _body(report: Report) -> list[PlannedItem]:
    """The title block and the body, opening to closing."""
    out = _title_block(report)
    for node in report.walk(appendices=False):
        out += _node_items(node)
    return out


def _appendix_head(appendix: Appendix) -> list[PlannedItem]:
    """A new page: the label (附件1) top left in 黑体, the title centred in 小标宋 (either may be absent)."""
    out: list[PlannedItem] = []
    if appendix.label:
        out += [
            PlannedParagraph("AppendixLabel", [Segment(appendix.label)], in_body=False),
            PlannedParagraph("Normal", [], in_body=False),
        ]
    if appendix.title:
        out += [
            PlannedParagraph("AppendixTitle", [Segment(appendix.title)], in_body=False),
            PlannedParagraph("Normal", [], in_body=False),
        ]
    if out:
        out[0].page_break_before = True
    return out


def _mark_terms(report: Report, body: list[PlannedItem]) -> list[list[tuple[int, Mark]]]:
    """Bookmark every cited body occurrence of every glossary term; returns (paragraph, mark) per entry."""
    appendix = report.glossary_appendix()
    entries = appendix.entries if appendix else []
    indexes = [i for i, p in enumerate(body) if isinstance(p, PlannedParagraph) and p.in_body]
    texts = [body[i].text for i in indexes]
    found: list[list[tuple[int, Mark]]] = []
    for e, entry in enumerate(entries):
        marks: list[tuple[int, Mark]] = []
        for text_index, start, end in locate_all(entry.match_texts(), texts):
            if entry.cite == "first" and marks:
                break
            mark = Mark(f"_Ref_g{e + 1:02d}_{len(marks) + 1:02d}", start, end)
            paragraph = body[indexes[text_index]]
            assert isinstance(paragraph, PlannedParagraph)
            paragraph.marks.append(mark)
            marks.append((indexes[text_index], mark))
        found.append(marks)
    return found


def _entry(label: str, term: str, definition: str, ref: GlossaryRef, refs: str) -> PlannedParagraph:
    segments = [Segment(label)] if label else []
    segments.append(Segment(term, "GlossaryTerm"))
    if ref.pages and refs != "none":
        segments.append(Segment("（《报告》"))
        for i, (page, row, bookmark) in enumerate(zip(ref.pages, ref.rows, ref.bookmarks, strict=True)):
            if i and refs == "line":
                segments.append(Segment("、"))
            segments.append(Segment("第" if i == 0 or refs == "line" else "、"))
            segments.append(Segment(str(page), pageref=bookmark))
            if refs == "line":
                segments.append(Segment(f"页第{row}行"))
        segments.append(Segment("页）：" if refs == "page" else "）："))
    else:
        segments.append(Segment("："))
    segments.append(Segment(definition))
    return PlannedParagraph("GlossaryEntry", segments, in_body=False)


def _references(report: Report, occurrences: list[list[tuple[int, Mark]]], layout: Layout) -> list[GlossaryRef]:
    """Each entry's pages (and rows) from the body's layout, one per page (or line) in order."""
    appendix = report.glossary_appendix()
    if appendix is None or appendix.glossary is None:
        return []
    by_line = appendix.glossary.refs == "line"
    references = []
    for entry, marks in zip(appendix.entries, occurrences, strict=True):
        ref = GlossaryRef(entry.term, [], [])
        seen: set[tuple[int, int]] = set()
        for index, mark in marks:
            line = layout.line_at(index, mark.start)
            key = (line.page, line.row if by_line else 0)
            if key not in seen:
                seen.add(key)
                ref.pages.append(line.page)
                ref.rows.append(line.row)
                ref.bookmarks.append(mark.name)
        references.append(ref)
    return references


def _glossary_entries(report: Report, references: list[GlossaryRef]) -> list[PlannedItem]:
    appendix = report.glossary_appendix()
    if appendix is None or appendix.glossary is None:
        return []
    glossary = appendix.glossary
    out: list[PlannedItem] = []
    for i, (entry, ref) in enumerate(zip(glossary.entries, references, strict=True)):
        first, *more = entry.paragraphs
        out.append(_entry(glossary.entry_label(i), entry.term, first, ref, glossary.refs))
        out += [PlannedParagraph("GlossaryMore", [Segment(text)], in_body=False) for text in more]
    return out


def _blocks_and_breaks(items: list[PlannedItem]) -> tuple[list[Block], list[list[tuple[int, int]]]]:
    blocks = [item.block() for item in items]
    return blocks, [item.lines(block) for item, block in zip(items, blocks, strict=True)]


def plan_document(report: Report) -> DocumentPlan:
    """Plan the whole draft: body, its layout, and the appendices with computed page references."""
    body = _body(report)
    occurrences = _mark_terms(report, body)
    # The appendices start on a new page, so the body's layout does not depend on them:
    # compute the references from the body, then lay out everything.
    body_blocks, body_breaks = _blocks_and_breaks(body)
    references = _references(report, occurrences, paginate(body_blocks, GEOMETRY, body_breaks))
    glossary = report.glossary_appendix()
    tail: list[PlannedItem] = []
    for node in report.walk():
        if node.zone != "appendix":
            continue
        tail += _node_items(node)
        if node.kind == "appendix" and node.item is glossary:
            tail += _glossary_entries(report, references)
    tail_blocks, tail_breaks = _blocks_and_breaks(tail)
    layout = paginate(body_blocks + tail_blocks, GEOMETRY, body_breaks + tail_breaks)
    return DocumentPlan(body + tail, layout, references, report)
