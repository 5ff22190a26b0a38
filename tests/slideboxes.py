"""Every character of a rendered deck inside its own box, no two lines overlapping.

Shared by the seed's and the corpus's tests.
"""

from __future__ import annotations

from conftest import squeeze
from pptx.util import Emu


def boxes(slide) -> list[tuple[float, float, float, float, str | None]]:
    """Each shape's box in points (x0, top, x1, bottom) and its text (``None`` for a chart, whose text is its own)."""
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


def assert_every_character_inside_its_box(deck, rendered) -> int:
    """Check the LibreOffice rendering ``rendered`` (a PDF) of ``deck`` slide by slide; the number of slides checked."""
    import pdfplumber

    with pdfplumber.open(rendered) as pdf:
        assert len(pdf.pages) == len(deck.slides)
        for number, (slide, page) in enumerate(zip(deck.slides, pdf.pages, strict=True), start=1):
            shapes = boxes(slide)
            inside = {i: [] for i in range(len(shapes))}
            for char in page.chars:
                if not char["text"].strip():
                    continue
                hits = [
                    i
                    for i, (x0, y0, x1, y1, _) in enumerate(shapes)
                    if char["x0"] >= x0 - 1
                    and char["x1"] <= x1 + 1
                    and char["top"] >= y0 - 1
                    and char["bottom"] <= y1 + 1
                ]
                assert hits, (
                    f"slide {number}: {char['text']!r} at ({char['x0']:.0f}, {char['top']:.0f}) is outside every box"
                )
                inside[hits[0]].append(char)
            for i, (*_, text) in enumerate(shapes):
                if text is not None and not text.strip().isdigit():
                    got = "".join(c["text"] for c in sorted(inside[i], key=lambda c: (round(c["top"]), c["x0"])))
                    got = got.replace("●", "")  # the bullets the layout draws
                    if _is_table(slide, i):  # cells side by side: the same characters, read row by row
                        got, text = "".join(sorted(squeeze(got))), "".join(sorted(squeeze(text)))
                    assert squeeze(got) == squeeze(text), f"slide {number}: {text!r} drawn as {got!r}"
            _assert_no_overlap(number, [inside[i] for i, box in enumerate(shapes) if box[4] is not None])
        return len(deck.slides)


def _is_table(slide, index: int) -> bool:
    return list(slide.shapes)[index].has_table


def _lines(chars: list[dict]) -> list[tuple[float, float, float, float]]:
    """Group one box's characters into lines: (x0, top, x1, bottom)."""
    lines: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if lines and abs(lines[-1][0]["top"] - char["top"]) < 2:
            lines[-1].append(char)
        else:
            lines.append([char])
    return [
        (
            min(c["x0"] for c in line),
            min(c["top"] for c in line),
            max(c["x1"] for c in line),
            max(c["bottom"] for c in line),
        )
        for line in lines
    ]


def _assert_no_overlap(number: int, groups: list[list[dict]]) -> None:
    lines = [line for chars in groups for line in _lines(chars)]
    for i, a in enumerate(lines):
        for b in lines[i + 1 :]:
            overlap_x = min(a[2], b[2]) - max(a[0], b[0])
            overlap_y = min(a[3], b[3]) - max(a[1], b[1])
            assert not (overlap_x > 1 and overlap_y > 1), f"slide {number}: lines at {a} and {b} overlap"
