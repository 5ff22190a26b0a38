"""The DOCX page model: lines and pages of a fixed-pitch Chinese page (GB/T 9704's 22 × 28).

Pure: blocks (from :mod:`generator.linebreak`) broken into lines by the shared line breaker,
then laid on pages of a fixed number of grid lines. Headings keep with the next block; widow
and orphan control is off (the DOCX says so too); a table's rows are kept whole and its
header repeats on every page. The glossary's page references come from here; a full-text
PDF paginated like the DOCX can reuse it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from generator.linebreak import Block, break_lines


@dataclass(frozen=True)
class PageGeometry:
    """The text block: line width in points and lines per page."""

    line_width: float
    lines_per_page: int


@dataclass(frozen=True)
class Line:
    """One laid-out line: its block, the character range it holds, its page and row (1-based)."""

    block: int
    start: int
    end: int
    page: int
    row: int


@dataclass
class Layout:
    """The result of :func:`paginate`: every line, and page look-ups by block and offset."""

    lines: list[Line] = field(default_factory=list)

    @property
    def page_count(self) -> int:
        """Number of pages."""
        return self.lines[-1].page if self.lines else 0

    def block_lines(self, block: int) -> list[Line]:
        """The lines of one block, in order."""
        return [line for line in self.lines if line.block == block]

    def line_at(self, block: int, offset: int = 0) -> Line:
        """The line on which character ``offset`` of ``block`` stands."""
        lines = self.block_lines(block)
        for line in lines:
            if offset < line.end:
                return line
        return lines[-1]

    def page_of(self, block: int, offset: int = 0) -> int:
        """The page on which character ``offset`` of ``block`` stands."""
        return self.line_at(block, offset).page


def paginate(
    blocks: Sequence[Block],
    geometry: PageGeometry,
    broken: Sequence[list[tuple[int, int]]] | None = None,
) -> Layout:
    """Lay ``blocks`` out into lines and pages (keep-with-next, page breaks, no widow control).

    ``broken`` may give the blocks' line breaks (from :func:`break_lines`) when already known.
    """
    if broken is None:
        broken = [break_lines(b, geometry.line_width) for b in blocks]
    layout = Layout()
    page, row = 1, 0
    for index, block in enumerate(blocks):
        if block.page_break_before and row > 0:
            page, row = page + 1, 0
        elif row > 0 and _must_move(blocks, broken, index, row, geometry.lines_per_page):
            page, row = page + 1, 0
        if block.table_rows:
            page, row = _place_table(layout, index, block, page, row, geometry.lines_per_page)
            continue
        for start, end in broken[index]:
            if row == geometry.lines_per_page:
                page, row = page + 1, 0
            row += 1
            layout.lines.append(Line(index, start, end, page, row))
    return layout


def _place_table(layout: Layout, index: int, block: Block, page: int, row: int, per_page: int) -> tuple[int, int]:
    """Lay a table's rows out whole: a row that does not fit starts a new page, under a repeated header."""
    header = block.table_rows[: block.header_rows]
    for r, lines in enumerate(block.table_rows):
        if row > 0 and row + lines > per_page:
            page, row = page + 1, 0
            if r >= block.header_rows:
                for _ in range(sum(header)):
                    row += 1
                    layout.lines.append(Line(index, 0, 0, page, row))
        for _ in range(lines):
            if row == per_page:
                page, row = page + 1, 0
            row += 1
            layout.lines.append(Line(index, 0, 0, page, row))
    return page, row


def _must_move(
    blocks: Sequence[Block], broken: Sequence[list[tuple[int, int]]], index: int, row: int, per_page: int
) -> bool:
    """Whether a keep-with-next chain starting at ``index`` must start on the next page."""
    needed = 0
    i = index
    while i < len(blocks) and blocks[i].keep_with_next:
        needed += len(broken[i])
        i += 1
    if needed == 0:
        return False
    if i < len(blocks):
        needed += 1  # the first line of the block kept with
    return row + needed > per_page and needed <= per_page
