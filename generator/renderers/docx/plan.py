"""Plan the DOCX draft: the report as styled paragraphs, laid out by the pagination model.

The plan is plain data (no python-docx): every paragraph with its style, runs, bookmarks
and fields, the page of every line (from :mod:`generator.pagination`), and the glossary's
page references computed from it. :mod:`.emit` only serialises it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.fonts import GB2312_FACES, ROLES, outside_gb2312
from generator.model import Paragraph, Report, Section
from generator.pagination import Block, Layout, PageGeometry, Run, break_lines, paginate
from generator.terms import find_term

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
FOOTER_SIZE = 14.0
"""4号: the page-number size in points."""
LINE_PITCH_TWIPS = 579
"""Exact line spacing: 225 mm / 22 lines ≈ 28.95 pt."""
TRACKING = -0.25
"""Character spacing of 3号 text (pt), so that 28 characters fill 156 mm."""
INDENT = 2 * BODY_SIZE
"""First-line indent: two characters of body text (pt)."""

TEXT_WIDTH = (PAGE["width"] - PAGE["left"] - PAGE["right"]) * MM
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
}
"""Paragraph style → the font role of its text."""

CHAR_STYLE_ROLES: dict[str, str] = {"RunInHeading": "heading2", "PointHeading": "heading3"}
"""Character styles that change the face (others only change weight)."""

INDENTED_STYLES = frozenset({"Normal", "Heading1", "Heading2", "Heading3", "GlossaryEntry"})
KEEP_WITH_NEXT_STYLES = frozenset(
    {"Heading1", "Heading2", "Heading3", "ReportTitle", "MeetingLine", "AppendixLabel", "AppendixTitle"}
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
            Run(text, CHAR_STYLE_ROLES.get(segment.char_style or "", role), size, tracking, bool(segment.pageref))
            for segment, text in self.runs()
        )
        return Block(
            runs=runs,
            first_indent=INDENT if self.style in INDENTED_STYLES else 0.0,
            keep_with_next=self.style in KEEP_WITH_NEXT_STYLES,
            page_break_before=self.page_break_before,
        )


@dataclass
class GlossaryRef:
    """A glossary entry's computed page references: pages in order and their bookmarks."""

    term: str
    pages: list[int]
    bookmarks: list[str]


@dataclass
class DocumentPlan:
    """The whole draft: paragraphs, their layout, glossary references, metadata."""

    paragraphs: list[PlannedParagraph]
    layout: Layout
    references: list[GlossaryRef]
    report: Report

    def faces_missing(self) -> dict[str, list[str]]:
        """For each *_GB2312 face the draft names, the characters set in it that it lacks."""
        text_by_face: dict[str, list[str]] = {}
        for paragraph in self.paragraphs:
            for run in paragraph.block().runs:
                text_by_face.setdefault(ROLES[run.role].office, []).append(run.text)
        missing = {face: outside_gb2312("".join(texts)) for face, texts in text_by_face.items() if face in GB2312_FACES}
        return {face: chars for face, chars in missing.items() if chars}

    def page_of_paragraph(self, index: int) -> int:
        """The page on which paragraph ``index`` starts."""
        return self.layout.page_of(index, 0)


def _spans_segments(paragraph: Paragraph) -> list[Segment]:
    segments = [Segment(paragraph.numbered_point, "PointHeading")] if paragraph.point and paragraph.run_in else []
    segments += [Segment(paragraph.lead, "LeadIn")] if paragraph.lead else []
    segments += [Segment(s.text, "Emphasis" if s.emphasis else None) for s in paragraph.spans]
    return segments


def _body(report: Report) -> list[PlannedParagraph]:
    meta = report.meta
    out = [
        PlannedParagraph("ReportTitle", [Segment(meta.title)], in_body=False),
        PlannedParagraph("MeetingLine", [Segment(meta.status_line)], in_body=False),
        PlannedParagraph("Normal", [], in_body=False),
        PlannedParagraph("MeetingLine", [Segment(meta.meeting_line)], in_body=False),
        PlannedParagraph("MeetingLine", [Segment(meta.speaker_line)], in_body=False),
        PlannedParagraph("Normal", [], in_body=False),
        PlannedParagraph("Salutation", [Segment(report.salutation)]),
    ]
    out += [planned for p in report.opening for planned in _paragraph(p)]
    for part in report.parts:
        out.append(PlannedParagraph("Heading1", [Segment(part.numbered_heading)]))
        for item in part.content:
            out.extend(_content(item))
    out += [planned for p in report.closing for planned in _paragraph(p)]
    return out


def _paragraph(paragraph: Paragraph) -> list[PlannedParagraph]:
    """A body paragraph, after its level-3 heading when the point stands on its own line."""
    out = []
    if paragraph.point and not paragraph.run_in:
        out.append(PlannedParagraph("Heading3", [Segment(paragraph.numbered_point or "")]))
    return [*out, PlannedParagraph("Normal", _spans_segments(paragraph))]


def _content(item: Paragraph | Section) -> list[PlannedParagraph]:
    if isinstance(item, Paragraph):
        return _paragraph(item)
    rest = list(item.paragraphs)
    if item.run_in:
        first = _paragraph(rest.pop(0))
        first[0].segments.insert(0, Segment(item.numbered_heading, "RunInHeading"))
        out = first
    else:
        out = [PlannedParagraph("Heading2", [Segment(item.numbered_heading)])]
    return out + [planned for p in rest for planned in _paragraph(p)]


def _appendix_head(report: Report) -> list[PlannedParagraph]:
    glossary = report.glossary
    return [
        PlannedParagraph("AppendixLabel", [Segment(glossary.label)], page_break_before=True, in_body=False),
        PlannedParagraph("Normal", [], in_body=False),
        PlannedParagraph("AppendixTitle", [Segment(glossary.title)], in_body=False),
        PlannedParagraph("Normal", [], in_body=False),
    ]


def _mark_terms(report: Report, body: list[PlannedParagraph]) -> list[list[tuple[int, Mark]]]:
    """Bookmark every body occurrence of every glossary term; returns (paragraph, mark) per term."""
    found: list[list[tuple[int, Mark]]] = []
    for e, entry in enumerate(report.glossary.entries):
        marks: list[tuple[int, Mark]] = []
        for index, paragraph in enumerate(body):
            if not paragraph.in_body:
                continue
            for start, end in find_term(entry.term, paragraph.text):
                if entry.cite == "first" and marks:
                    break
                mark = Mark(f"_Ref_g{e + 1:02d}_{len(marks) + 1:02d}", start, end)
                paragraph.marks.append(mark)
                marks.append((index, mark))
        found.append(marks)
    return found


def _entry(term: str, definition: str, ref: GlossaryRef) -> PlannedParagraph:
    segments = [Segment(term, "GlossaryTerm"), Segment("（《报告》第")]
    for i, (page, bookmark) in enumerate(zip(ref.pages, ref.bookmarks, strict=True)):
        if i:
            segments.append(Segment("、"))
        segments.append(Segment(str(page), pageref=bookmark))
    segments.append(Segment("页）："))
    segments.append(Segment(definition))
    return PlannedParagraph("GlossaryEntry", segments, in_body=False)


def plan_document(report: Report) -> DocumentPlan:
    """Plan the whole draft: body, its layout, and the appendix with computed page references."""
    body = _body(report)
    occurrences = _mark_terms(report, body)
    paragraphs = body + (_appendix_head(report) if report.glossary.entries else [])
    # The appendix starts on a new page, so the body's layout does not depend on the
    # appendix: compute the references from the body, then lay out everything.
    body_blocks = [p.block() for p in body]
    body_breaks = [break_lines(b, GEOMETRY.line_width) for b in body_blocks]
    body_layout = paginate(body_blocks, GEOMETRY, body_breaks)
    references: list[GlossaryRef] = []
    for entry, marks in zip(report.glossary.entries, occurrences, strict=True):
        pages: list[int] = []
        bookmarks: list[str] = []
        for index, mark in marks:
            page = body_layout.page_of(index, mark.start)
            if page not in pages:
                pages.append(page)
                bookmarks.append(mark.name)
        ref = GlossaryRef(entry.term, pages, bookmarks)
        references.append(ref)
        paragraphs.append(_entry(entry.term, entry.definition, ref))
    tail = [p.block() for p in paragraphs[len(body) :]]
    breaks = body_breaks + [break_lines(b, GEOMETRY.line_width) for b in tail]
    layout = paginate(body_blocks + tail, GEOMETRY, breaks)
    return DocumentPlan(paragraphs, layout, references, report)
