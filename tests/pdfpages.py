"""Count the layout faults of a PDF summary, read back from the file (pdfplumber).

Three counts, per issue 10: lines that start or end with a mark the Chinese line-breaking
rules forbid there; headings that are the last line of their page; pages more than half
empty that do not end a part (the next page does not open with a part or chapter heading).
A heading at the foot of a page followed, on the next page, by a heading of its rank or higher
has nothing under it (a section with no points at the end of the summary): it is not counted.
A page that holds nothing but headings is counted as half empty wherever it stands.

Lines are split where the gap between two characters is wider than :data:`CELL_GAP` (table
cells and chart labels side by side are separate lines) and after a bullet mark. The running
header and the page number are left out; so is the cover (page 1).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pdflines import PdfLine, read_lines

from generator.linebreak import NO_LINE_END, NO_LINE_START

CELL_GAP = 9.0
"""A gap between two characters of one line wider than this (pt) separates two texts."""

BULLETS = frozenset("●•")

HEADER_BOTTOM = 50.0
"""Text whose top lies above this (pt from the top) is the running header."""
FOOTER_TOP = 790.0
"""Text whose top lies below this (pt from the top) is the page number."""
FRAME_TOP = 79.4
"""Top of the text frame (pt from the top of an A4 page): 26 mm."""
FRAME_BOTTOM = 773.8
"""Bottom of the text frame (pt from the top): 24 mm above the page's foot."""


def is_heading(line: PdfLine) -> bool:
    """A chapter or part heading (黑体, 15 pt and over) or a section heading or caption (楷体 13 pt)."""
    heading = 0
    for char in line.chars:
        size = round(char["size"], 1)
        font = char["fontname"]
        if ("ZenHei" in font and size >= 15) or ("UKai" in font and size == 13):
            heading += 1
    return heading * 2 > len(line.chars)


def _size(line: PdfLine) -> float:
    """The largest type size of a line."""
    return max(c["size"] for c in line.chars)


def is_part_opening(line: PdfLine) -> bool:
    """A chapter or part heading (黑体, 15 pt and over): what ends the part before it."""
    return all("ZenHei" in c["fontname"] and c["size"] >= 14.9 for c in line.chars)


def segments(line: PdfLine) -> list[str]:
    """The separate texts of a line: split at wide gaps and after bullet marks."""
    out: list[str] = []
    current = ""
    previous = None
    for char in line.chars:
        if previous is not None and (char["x0"] - previous["x1"] > CELL_GAP or previous["text"] in BULLETS):
            out.append(current)
            current = ""
        current += char["text"]
        previous = char
    out.append(current)
    return [s for s in (piece.strip().lstrip("".join(BULLETS)) for piece in out) if s]


@dataclass
class Faults:
    """The layout faults of one PDF, each with examples."""

    bad_starts: list[str] = field(default_factory=list)
    bad_ends: list[str] = field(default_factory=list)
    headings_at_foot: list[str] = field(default_factory=list)
    half_empty: list[int] = field(default_factory=list)
    pages: int = 0

    def counts(self) -> dict[str, int]:
        """The number of each fault."""
        return {
            "bad_start": len(self.bad_starts),
            "bad_end": len(self.bad_ends),
            "heading_at_foot": len(self.headings_at_foot),
            "half_empty": len(self.half_empty),
            "pages": self.pages,
        }


def _content_bottoms(path: str) -> dict[int, float]:
    """The lowest point of anything drawn in the text frame (text, rules, chart shapes), per page."""
    import pdfplumber

    out: dict[int, float] = {}
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            bottoms = [
                obj["bottom"]
                for kind in ("chars", "rects", "lines", "curves")
                for obj in getattr(page, kind)
                if HEADER_BOTTOM + 10 < obj["top"] < FOOTER_TOP
            ]
            out[number] = max(bottoms, default=0.0)
    return out


def summary_faults(path: str) -> Faults:
    """The layout faults of the PDF summary at ``path``."""
    lines = []
    for line in read_lines(path):
        if line.page > 1 and HEADER_BOTTOM <= line.top <= FOOTER_TOP:  # cover, running header, page number
            line.chars = [c for c in line.chars if c.get("upright", True)]  # a rotated axis title: a char a line
            if line.chars:
                lines.append(line)
    faults = Faults()
    by_page: dict[int, list[PdfLine]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
        for text in segments(line):
            if text[0] in NO_LINE_START:
                faults.bad_starts.append(f"p{line.page}: {text}")
            if text[-1] in NO_LINE_END:
                faults.bad_ends.append(f"p{line.page}: {text}")
    bottoms = _content_bottoms(path)
    faults.pages = max(bottoms, default=0)
    half = (FRAME_TOP + FRAME_BOTTOM) / 2
    for number in range(2, faults.pages + 1):
        page_lines = by_page.get(number, [])
        following = by_page.get(number + 1, [])
        if page_lines and is_heading(page_lines[-1]) and number < faults.pages:
            if not (following and is_heading(following[0]) and _size(following[0]) >= _size(page_lines[-1])):
                faults.headings_at_foot.append(f"p{number}: {page_lines[-1].text}")  # (else nothing is under it)
        ends_part = number == faults.pages or not following or is_part_opening(following[0])
        only_headings = bool(page_lines) and all(is_heading(line) for line in page_lines)
        if bottoms[number] < half and (not ends_part or only_headings):
            faults.half_empty.append(number)
    return faults
