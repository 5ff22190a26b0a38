r"""Markdown → :class:`~generator.readers.structure.Piece` list (the syntax only; no report structure).

Markdown marks are syntax, not text, and are removed here: YAML front matter (read as
metadata), ``#`` heading marks, emphasis delimiters (``**…**`` and ``__…__`` become the
model's ``**…**``; a paired ``*…*`` or ``_…_`` loses its marks), backslash escapes
(``\*`` is a literal asterisk), table pipes and separator rows, ``<br>`` (a line break
inside a table cell, nothing elsewhere), HTML comments ``<!-- … -->`` and images (reported), and
link addresses (a link is its text; see :mod:`generator.readers.structure.leftovers`).
Everything else arrives as written: punctuation, width and a lone ``*`` are text. Lines of one
paragraph (no blank line between them) are joined, with a space only between two Latin letters
or digits.
"""

from __future__ import annotations

import re

from generator.readers.structure import Piece, Source, is_heading_like, is_structural
from generator.readers.structure.leftovers import strip_web_markup

_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SEPARATOR_CELL = re.compile(r"^:?-{1,}:?$")
_BR = re.compile(r"<br\s*/?>", re.I)
_ASCII_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def read_markdown(text: str) -> Source:
    """The pieces (paragraphs, headings, tables) of a Markdown text, with their line numbers."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    text, notes = strip_web_markup(text)
    front: dict[str, str] = {}
    offset = 0
    found = _FRONT.match(text)
    if found:
        front = _front_matter(found.group(1))
        offset = found.group(0).count("\n")
        text = text[found.end() :]
    lines = text.split("\n")
    return Source(pieces_from_lines([(offset + i + 1, line) for i, line in enumerate(lines)]), front, notes)


def _front_matter(block: str) -> dict[str, str]:
    """Simple ``key: value`` front matter (what these files carry); other YAML is ignored."""
    out: dict[str, str] = {}
    for line in block.split("\n"):
        m = re.match(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$", line)
        if m:
            value = m.group(2)
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            out[m.group(1).lower()] = value
    return out


def is_table_row(line: str) -> bool:
    """Whether a line is a Markdown pipe-table row."""
    s = line.strip()
    return s.startswith("|") and s.endswith("|") and len(s) >= 2


def split_row(line: str) -> list[str]:
    """The raw cells of a pipe-table row (escaped pipes kept inside cells)."""
    s = line.strip()[1:-1]
    cells, current, i = [], [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s) and s[i + 1] == "|":
            current.append("|")
            i += 2
            continue
        if s[i] == "|":
            cells.append("".join(current))
            current = []
        else:
            current.append(s[i])
        i += 1
    cells.append("".join(current))
    return [c.strip() for c in cells]


def _is_separator(cells: list[str]) -> bool:
    return bool(cells) and all(_SEPARATOR_CELL.match(c.replace(" ", "")) for c in cells if c) and any(cells)


def pieces_from_lines(numbered: list[tuple[int, str]]) -> list[Piece]:
    """Paragraphs (blank-line separated), headings and pipe tables of Markdown lines."""
    pieces: list[Piece] = []
    paragraph: list[tuple[int, str]] = []

    def flush() -> None:
        if paragraph:
            joined = join_lines([t.strip() for _, t in paragraph])
            pieces.append(Piece("line", paragraph[0][0], inline(joined)))
            paragraph.clear()

    i = 0
    while i < len(numbered):
        number, line = numbered[i]
        if not line.strip():
            flush()
            i += 1
            continue
        heading = _HEADING.match(line)
        if heading:
            flush()
            pieces.append(Piece("line", number, inline(heading.group(2).strip()), heading=len(heading.group(1))))
            i += 1
            continue
        if is_table_row(line):
            flush()
            rows: list[list[str]] = []
            header = 0
            start = number
            while i < len(numbered) and is_table_row(numbered[i][1]):
                cells = split_row(numbered[i][1])
                if _is_separator(cells) and rows and not header:
                    header = len(rows)
                else:
                    rows.append([cell_text(c) for c in cells])
                i += 1
            pieces.append(Piece("table", start, rows=rows, header_rows=header))
            continue
        if paragraph and (is_structural(line, True) or is_heading_like(paragraph[-1][1], True)):
            flush()  # a heading or title line joined to its neighbour by a single newline
        paragraph.append((number, line))
        i += 1
    flush()
    return pieces


def join_lines(lines: list[str]) -> str:
    """Lines of one paragraph as one text: a space only between two Latin letters or digits."""
    out = ""
    for line in lines:
        if out and line and out[-1].isascii() and out[-1].isalnum() and line[0].isascii() and line[0].isalnum():
            out += " "
        out += line
    return out


def cell_text(raw: str) -> str:
    """A table cell's text: escapes resolved, emphasis marks removed, ``<br>`` a line break."""
    return plain(inline(_BR.sub("\n", raw)))


def plain(markup: str) -> str:
    r"""Model markup without its marks: ``**`` removed, ``\*`` a literal asterisk."""
    return markup.replace("\\*", "\0").replace("**", "").replace("\0", "*")


def inline(text: str) -> str:
    r"""Markdown inline text → the model's markup (``**bold**``; a literal ``*`` written ``\*``)."""
    text = _BR.sub("", text) if "\n" not in text else text
    tokens: list[tuple[str, str]] = []  # (kind, text): kind "t" text, or a delimiter run "**", "__", "*", "_"
    i = 0
    buffer: list[str] = []
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] in _ASCII_PUNCT:
            buffer.append("\0" if text[i + 1] == "*" else text[i + 1])
            i += 2
            continue
        if ch in "*_":
            run = 1
            while i + run < len(text) and text[i + run] == ch:
                run += 1
            if buffer:
                tokens.append(("t", "".join(buffer)))
                buffer = []
            tokens.append((ch * run, ch * run))
            i += run
            continue
        buffer.append(ch)
        i += 1
    if buffer:
        tokens.append(("t", "".join(buffer)))
    return _resolve(tokens)


def _resolve(tokens: list[tuple[str, str]]) -> str:
    """Pair delimiter runs: ``**``/``__`` pairs → bold, ``*``/``_`` pairs → dropped, the rest literal."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        kind, value = tokens[i]
        if kind == "t":
            out.append(value)
            i += 1
            continue
        close = _closing(tokens, i)
        if close is None:
            out.append(_literal(value))
            i += 1
            continue
        inner = _resolve(tokens[i + 1 : close])
        if kind in ("**", "__"):
            out.append(f"**{inner}**" if inner else "")
        else:
            out.append(inner)
        i = close + 1
    return "".join(out).replace("\0", "\\*")


def _closing(tokens: list[tuple[str, str]], start: int) -> int | None:
    kind = tokens[start][0]
    if kind not in ("**", "__", "*", "_"):
        return None
    if start + 1 < len(tokens) and tokens[start + 1][0] == "t" and tokens[start + 1][1][:1].isspace():
        return None  # a delimiter followed by a space opens nothing
    if kind == "_" or kind == "__":
        before = tokens[start - 1][1][-1:] if start > 0 and tokens[start - 1][0] == "t" else ""
        if before.isascii() and before.isalnum():
            return None  # snake_case is text
    for j in range(start + 1, len(tokens)):
        if tokens[j][0] == kind:
            prev = tokens[j - 1][1] if tokens[j - 1][0] == "t" else ""
            if j == start + 1 or prev[-1:].isspace():
                return None
            return j
    return None


def _literal(value: str) -> str:
    return value.replace("*", "\\*")
