r"""Plain text (copied out of a PDF or a web page) → :class:`~generator.readers.structure.Piece` list.

The extraction artefacts are undone by these rules, in this order:

1. **Page furniture.** A line that is only a page number (``— 3 —``, ``- 3 -``, ``－3－``,
   ``第 3 页``, or bare digits) is dropped, and so is a form feed. A short line standing next to
   a page number (before or after it, blank lines aside) that occurs at least twice in the file
   is a running head (or foot) and is dropped too.
2. **Paragraphs.** A blank line ends a paragraph; so does an indented line (two spaces or an
   ideographic space) when the file indents its paragraphs. A paragraph cut at a line or page
   end is joined with what follows: a block that does not end with closing punctuation
   (。！？；：… or a closing quote or bracket after one of them) continues in the next block,
   unless it is a heading (``#``, wholly bold, numbered 一、/（一）, a short line without
   sentence punctuation, the ——date subtitle) or the next block is one. In text that does not
   wrap its paragraphs (nine blocks in ten are one line: a web page's copy), a line numbered
   一、/（一）/第一， that ends no sentence is a heading at any length up to 80 characters. Lines are joined with
   nothing between them, or one space between two Latin letters or digits.
3. **Spaces.** A space (U+0020) that extraction put between a Chinese character (ideographs,
   CJK and full-width punctuation) and a digit or Latin letter, on either side, is removed:
   ``196 名`` → ``196名``, ``北辰 V 中心`` → ``北辰V中心``, ``“18 条措施”`` → ``“18条措施”``. A space
   between two Latin words (or digits) is text and stays; so does the ideographic space.
4. **The draft mark** written with ASCII parentheses, ``(草案)``, is the status (the report prints
   it full-width, （草案）).

Text that also carries Markdown marks (``#`` headings, ``**`` emphasis, pipe tables), as
extractions into "Markdown-like" text do, has them read as Markdown
(:mod:`generator.readers.markdown`). Columns aligned with two or more spaces on at least two
consecutive lines (three or more columns) are a table.
"""

from __future__ import annotations

import re
from collections import Counter

from generator.readers.markdown import cell_text, is_table_row, join_lines, pieces_from_lines
from generator.readers.structure import (
    Piece,
    Source,
    ends_closed,
    is_heading_like,
    is_structural,
)
from generator.readers.structure.headings import is_numbered_heading_text
from generator.readers.structure.leftovers import strip_web_markup

_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–－─]+\s*\d{1,4}\s*[-—–－─]+|第\s*\d{1,4}\s*页|\d{1,4})\s*$")
_CJK = r"\u2e80-\u9fff\u3000-\u303f\uff00-\uffef\u2018-\u201d\u2014\u2026\uf900-\ufaff"
_SPACE_AFTER_CJK = re.compile(rf"(?<=[{_CJK}]) +(?=[0-9A-Za-z])")
_SPACE_BEFORE_CJK = re.compile(rf"(?<=[0-9A-Za-z]) +(?=[{_CJK}])")
_MARKDOWN_HINT = re.compile(r"^\s{0,3}#{1,6}\s|\*\*|^\s*\|.*\|\s*$", re.M)
_COLUMNS = re.compile(r"\s{2,}|\t+")


def squeeze_spaces(text: str) -> str:
    """Rule 3: remove the spaces extraction puts between Chinese and digits or Latin letters."""
    return _SPACE_BEFORE_CJK.sub("", _SPACE_AFTER_CJK.sub("", text))


def read_text(text: str) -> tuple[Source, list[tuple[int, str, dict]]]:
    """The pieces of a plain text, and the notes (line, message key, fields) about joins made."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    text, dropped = strip_web_markup(text)
    lines = [(i + 1, line.rstrip()) for i, line in enumerate(text.replace("\f", "\n").split("\n"))]
    lines = _drop_furniture(lines)
    markdownish = bool(_MARKDOWN_HINT.search(text))
    indented = _indents_paragraphs(lines)
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for number, line in lines:
        if not line.strip():
            if current:
                blocks.append(current)
                current = []
            continue
        if not markdownish and _is_row(line):
            if current:
                blocks.append(current)
            blocks.append([(number, "\t" + line)])
            current = []
            continue
        starts = indented and line[:1] in (" ", "\u3000")
        alone = len(current) == 1 and current[0][1][:1] not in (" ", "\u3000")
        heading = alone and is_heading_like(current[0][1], markdownish)
        if current and (starts or heading or _closed_line(current[-1][1]) or is_structural(line.strip(), markdownish)):
            blocks.append(current)
            current = []
        current.append((number, line))
    if current:
        blocks.append(current)
    notes: list[tuple[int, str, dict]] = list(dropped)
    merged = _join_cut_blocks(blocks, markdownish, notes, _hard_wrapped(blocks))
    numbered: list[tuple[int, str]] = []
    for block in merged:
        if block[0][1].startswith("\t"):
            numbered.append((block[0][0], block[0][1]))
            continue
        if markdownish and any(is_table_row(t) for _, t in block):
            numbered += [(n, squeeze_spaces(t.strip())) for n, t in block]
        else:
            numbered.append((block[0][0], squeeze_spaces(join_lines([t.strip() for _, t in block]))))
        numbered.append((block[-1][0], ""))
    if markdownish:
        pieces = pieces_from_lines(numbered)
    else:
        pieces = _plain_pieces(numbered)
    return Source(_tables(pieces), {}), notes


def _drop_furniture(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Rule 1: page numbers, and running heads next to them."""
    pages = {i for i, (_, t) in enumerate(lines) if t.strip() and _PAGE_NUMBER.match(t)}
    if not pages:
        return lines
    counts = Counter(t.strip() for _, t in lines if t.strip())
    heads: set[int] = set()
    for p in pages:
        for step in (-1, 1):
            j = p + step
            while 0 <= j < len(lines) and not lines[j][1].strip():
                j += step
            if 0 <= j < len(lines) and j not in pages:
                t = lines[j][1].strip()
                if len(t) <= 30 and counts[t] >= 2:
                    heads.add(j)
    return [line for i, line in enumerate(lines) if i not in pages and i not in heads]


def _indents_paragraphs(lines: list[tuple[int, str]]) -> bool:
    texts = [t for _, t in lines if t.strip()]
    indented = sum(1 for t in texts if t[:1] in (" ", "\u3000"))
    return len(texts) > 0 and indented >= 0.2 * len(texts)


def _closed_line(line: str) -> bool:
    """A line of a block ends it when it ends closed and is not indented-paragraph style."""
    return ends_closed(line.strip())


def _hard_wrapped(blocks: list[list[tuple[int, str]]]) -> bool:
    """Whether the text wraps its paragraphs over lines (a PDF's), not one paragraph a line (a web page's)."""
    return sum(len(block) > 1 for block in blocks) > 0.1 * len(blocks)


def _join_cut_blocks(
    blocks: list[list[tuple[int, str]]], markdownish: bool, notes: list[tuple[int, str, dict]], wrapped: bool = True
) -> list[list[tuple[int, str]]]:
    """Rule 2: a block cut at a page end continues in the next one (not a numbered heading line, unwrapped text)."""
    out: list[list[tuple[int, str]]] = []
    for block in blocks:
        if out:
            last = out[-1]
            text = join_lines([t.strip() for _, t in last])
            nxt = block[0][1].strip()
            if (
                not last[0][1].startswith("\t")
                and not block[0][1].startswith("\t")
                and not ends_closed(text)
                and not is_heading_like(text, markdownish)
                and not (not wrapped and len(last) == 1 and is_numbered_heading_text(text))
                and not is_structural(nxt, markdownish)
                and not (markdownish and is_table_row(nxt))
            ):
                notes.append((last[-1][0], "import_joined", {}))
                out[-1] = last + block
                continue
        out.append(list(block))
    return out


def _plain_pieces(numbered: list[tuple[int, str]]) -> list[Piece]:
    pieces = []
    for number, text in numbered:
        if text.startswith("\t"):
            cells = [squeeze_spaces(c) for c in _COLUMNS.split(text[1:].strip())]
            pieces.append(Piece("row", number, squeeze_spaces(text[1:].strip()).replace("*", "\\*"), rows=[cells]))
        elif text.strip():
            pieces.append(Piece("line", number, text.replace("*", "\\*")))
    return pieces


def _tables(pieces: list[Piece]) -> list[Piece]:
    """Rows of columns aligned with two or more spaces → a table (two rows or more, one column count)."""
    out: list[Piece] = []
    run: list[Piece] = []

    def flush() -> None:
        if len(run) >= 2:
            rows = [[cell_text(c) for c in p.rows[0]] for p in run]  # type: ignore[index]
            out.append(Piece("table", run[0].line, rows=rows, header_rows=1))
        else:
            out.extend(Piece("line", p.line, p.text) for p in run)
        run.clear()

    for piece in pieces:
        if piece.kind == "row" and (not run or len(piece.rows[0]) == len(run[0].rows[0])):  # type: ignore[index]
            run.append(piece)
            continue
        flush()
        if piece.kind == "row":
            run.append(piece)
        else:
            out.append(piece)
    flush()
    return out


def _is_row(line: str) -> bool:
    """A line of three or more columns aligned with two or more spaces (a text table row)."""
    return len(_COLUMNS.split(line.strip())) >= 3
