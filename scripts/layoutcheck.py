"""Rendered products read back: PDF text lines, and a deck's characters against its shapes' boxes.

One checker for the tests (``tests/pdflines.py`` and ``tests/slideboxes.py`` re-export it)
and for ``scripts/layout_audit.py``. The checkers return findings (one string each) rather
than assert, so that the audit can count them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def squeeze(text: str) -> str:
    """Text without any whitespace."""
    return re.sub(r"\s+", "", text)


@dataclass
class PdfLine:
    """One line of text on a PDF page, with its character boxes."""

    page: int
    top: float
    chars: list[dict]

    @property
    def text(self) -> str:
        """The line's text, in reading order."""
        return "".join(c["text"] for c in self.chars)

    @property
    def x0(self) -> float:
        """Left edge of the first character."""
        return min(c["x0"] for c in self.chars)

    @property
    def x1(self) -> float:
        """Right edge of the last character."""
        return max(c["x1"] for c in self.chars)

    @property
    def bottom(self) -> float:
        """Bottom edge of the lowest character."""
        return max(c["bottom"] for c in self.chars)


def page_lines(page_chars: list[dict], number: int, tolerance: float = 3.0) -> list[PdfLine]:
    """The text lines of one page's characters, top to bottom, each left to right."""
    chars = sorted((c for c in page_chars if c["text"].strip()), key=lambda c: (round(c["top"]), c["x0"]))
    lines: list[PdfLine] = []
    for char in chars:
        if lines and abs(lines[-1].top - char["top"]) <= tolerance:
            lines[-1].chars.append(char)
        else:
            lines.append(PdfLine(number, char["top"], [char]))
    for line in lines:
        line.chars.sort(key=lambda c: c["x0"])
    return lines


def read_lines(path: str, tolerance: float = 3.0) -> list[PdfLine]:
    """Every text line of the PDF, page by page, top to bottom."""
    import pdfplumber

    lines: list[PdfLine] = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            lines.extend(page_lines(page.chars, number, tolerance))
    return lines


# --- a deck against its rendering -------------------------------------------------------------

Box = tuple[float, float, float, float, "str | None"]


def boxes(slide) -> list[Box]:
    """Each shape's box in points (x0, top, x1, bottom) and its text (``None`` for a chart, whose text is its own)."""
    from pptx.util import Emu

    out = []
    for shape in slide.shapes:
        text = shape.text_frame.text if shape.has_text_frame else ""
        if shape.has_table:
            text = "".join(cell.text for row in shape.table.rows for cell in row.cells)
        out.append(
            (
                Emu(shape.left).pt,
                Emu(shape.top).pt,
                Emu(shape.left + shape.width).pt,
                Emu(shape.top + shape.height).pt,
                text if not shape.has_chart else None,
            )
        )
    return out


def inside(char: dict, box: Box, slack: float = 1.0) -> bool:
    """Whether a rendered character lies within ``box`` (``slack`` points of tolerance)."""
    x0, y0, x1, y1, _ = box
    horizontal = char["x0"] >= x0 - slack and char["x1"] <= x1 + slack
    return horizontal and char["top"] >= y0 - slack and char["bottom"] <= y1 + slack


def box_findings(deck, rendered) -> list[str]:
    """Where LibreOffice's rendering ``rendered`` (a PDF) of ``deck`` draws text out of place.

    One finding per character drawn outside every shape's box, per shape whose box does not
    hold exactly its own text, and per pair of overlapping lines; empty when every character
    is inside its own box and no two lines overlap.
    """
    import pdfplumber

    findings: list[str] = []
    with pdfplumber.open(rendered) as pdf:
        if len(pdf.pages) != len(deck.slides):
            return [f"{len(deck.slides)} slides rendered as {len(pdf.pages)} pages"]
        for number, (slide, page) in enumerate(zip(deck.slides, pdf.pages, strict=True), start=1):
            shapes = boxes(slide)
            held: dict[int, list[dict]] = {i: [] for i in range(len(shapes))}
            for char in page.chars:
                if not char["text"].strip():
                    continue
                hits = [i for i, box in enumerate(shapes) if inside(char, box)]
                if not hits:
                    where = f"({char['x0']:.0f}, {char['top']:.0f})"
                    findings.append(f"slide {number}: {char['text']!r} at {where} is outside every box")
                    continue
                held[hits[0]].append(char)
            table = [shape.has_table for shape in slide.shapes]
            for i, (*_, text) in enumerate(shapes):
                if text is not None and not text.strip().isdigit():
                    got = "".join(c["text"] for c in sorted(held[i], key=lambda c: (round(c["top"]), c["x0"])))
                    got = got.replace("●", "")  # the bullets the layout draws
                    if table[i]:  # cells side by side: the same characters, read row by row
                        got, text = "".join(sorted(squeeze(got))), "".join(sorted(squeeze(text)))
                    if squeeze(got) != squeeze(text):
                        findings.append(f"slide {number}: {text!r} drawn as {got!r}")
            groups = [held[i] for i, box in enumerate(shapes) if box[4] is not None]
            findings += _overlaps(number, groups)
    return findings


def char_lines(chars: list[dict]) -> list[list[dict]]:
    """Group one box's characters into lines (tops within 2 pt), top to bottom, each left to right."""
    lines: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if lines and abs(lines[-1][0]["top"] - char["top"]) < 2:
            lines[-1].append(char)
        else:
            lines.append([char])
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]


def _extent(line: list[dict]) -> tuple[float, float, float, float]:
    return (
        min(c["x0"] for c in line),
        min(c["top"] for c in line),
        max(c["x1"] for c in line),
        max(c["bottom"] for c in line),
    )


def _overlaps(number: int, groups: list[list[dict]]) -> list[str]:
    lines = [_extent(line) for chars in groups for line in char_lines(chars)]
    out = []
    for i, a in enumerate(lines):
        for b in lines[i + 1 :]:
            overlap_x = min(a[2], b[2]) - max(a[0], b[0])
            overlap_y = min(a[3], b[3]) - max(a[1], b[1])
            if overlap_x > 1 and overlap_y > 1:
                out.append(f"slide {number}: lines at {_rounded(a)} and {_rounded(b)} overlap")
    return out


def _rounded(extent: tuple[float, ...]) -> tuple[int, ...]:
    return tuple(round(v) for v in extent)
