"""Read the lines of a PDF back with pdfplumber: text, page, position of each line."""

from __future__ import annotations

from dataclasses import dataclass


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


def read_lines(path: str, tolerance: float = 3.0) -> list[PdfLine]:
    """Every text line of the PDF, page by page, top to bottom."""
    import pdfplumber

    lines: list[PdfLine] = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            chars = sorted((c for c in page.chars if c["text"].strip()), key=lambda c: (round(c["top"]), c["x0"]))
            page_lines: list[PdfLine] = []
            for char in chars:
                if page_lines and abs(page_lines[-1].top - char["top"]) <= tolerance:
                    page_lines[-1].chars.append(char)
                else:
                    page_lines.append(PdfLine(number, char["top"], [char]))
            for line in page_lines:
                line.chars.sort(key=lambda c: c["x0"])
            lines.extend(page_lines)
    return lines
