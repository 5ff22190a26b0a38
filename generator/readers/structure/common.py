"""What every structure rule shares: the reader's units, the model's markup, the numbering patterns, the word lists.

- A reader gives :class:`Piece` items (a paragraph or heading line in the model's ``**`` markup,
  or a table), each with its input line number (a DOCX: its paragraph number).
- Numbering as printed: parts ``一、``, sections ``（一）``/``(一)``, points ``1.``/``1、``/``1．``
  (not ``1.5``); bullets open with ``——`` or ``──``.
- A text *ends closed* when its last character (before closing quotes or brackets) is one of
  ``。！？；：…``.
- Word lists are data: ``generator/readers/data/NAME.txt``, one entry a line, ``#`` comments
  (see :func:`words`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from generator.datafiles import data_lines


@dataclass
class Piece:
    """One unit a reader gives: a paragraph or heading line (``line``) or a table (``table``)."""

    kind: str
    line: int
    text: str = ""
    heading: int = 0
    rows: list[list[str]] | None = None
    header_rows: int = 0
    cells: list[list[tuple[str, int, int]]] | None = None
    """A table's cells with their spans, (text, colspan, rowspan), when the reader knows them (DOCX)."""


@dataclass
class Source:
    """What a reader found: the pieces in order and the front matter (key → value)."""

    pieces: list[Piece]
    front: dict[str, str] = field(default_factory=dict)
    notes: list[tuple[int, str, dict]] = field(default_factory=list)
    """What the reader left out or changed, reported as warnings: (line, message key, fields)."""


@dataclass
class Warning_:
    """A warning about the input, at its line number: a message key and its fields."""

    line: int
    key: str
    fields: dict[str, object] = field(default_factory=dict)


Warn = Callable[..., None]
"""``warn(line, key, **fields)``: report a warning about the input."""


@dataclass
class Para:
    """A body paragraph on its way to the model, with the point (``1.``) it carries, if any."""

    line: int
    markup: str
    point: str | None = None
    point_number: str = ""
    point_run_in: bool = False

    @property
    def text(self) -> str:
        """The paragraph without marks."""
        return plain(self.markup)


@cache
def words(name: str) -> tuple[str, ...]:
    """The word list ``generator/readers/data/<name>.txt``: its lines, without ``#`` comments and blanks."""
    return tuple(data_lines("generator.readers", f"data/{name}.txt"))


def alternatives(name: str) -> str:
    """The word list ``name`` as a regular-expression alternation (each entry literal)."""
    return "|".join(re.escape(w) for w in words(name))


CN = "一二三四五六七八九十"
PART_RE = re.compile(rf"^([{CN}]{{1,3}})、(.+)$")
SECTION_RE = re.compile(rf"^[（(]([{CN}]{{1,3}})[）)](.*)$")
POINT_RE = re.compile(r"^(\d{1,2})([.、．])(?![\d.])(.+)$")
BULLETS = ("——", "──")
SENTENCE_PUNCT = set("，。；：！？、,;!?")
CLOSED_END = set("。！？；：…!?;:")
CLOSERS = set("”’」』）)》】")
LEAD_MAX = 50
"""Longest lead-in taken from unmarked text (一是…。, a bullet's first sentence)."""


def plain(markup: str) -> str:
    """Model markup without marks."""
    return markup.replace("\\*", "\0").replace("**", "").replace("\0", "*")


def whole_bold(markup: str) -> str | None:
    """The inner markup when the whole text is one bold span (``**…**``), else None."""
    if markup.startswith("**") and markup.endswith("**") and len(markup) > 4 and "**" not in markup[2:-2]:
        return markup[2:-2]
    return None


def leading_bold(markup: str) -> tuple[str, str] | None:
    """(bold opening, rest) when the text opens with a bold span followed by more text."""
    if not markup.startswith("**"):
        return None
    end = markup.find("**", 2)
    if end <= 2 or end + 2 >= len(markup):
        return None
    return markup[2:end], markup[end + 2 :]


def ends_closed(text: str) -> bool:
    """Whether a text ends a sentence: 。！？；：… or a closing quote/bracket right after one."""
    t = plain(text).rstrip()
    if not t:
        return True
    if t[-1] in CLOSED_END:
        return True
    i = len(t) - 1
    while i >= 0 and t[i] in CLOSERS:
        i -= 1
    return i < len(t) - 1 and i >= 0 and t[i] in CLOSED_END


def short_plain_heading(text: str, limit: int = 24) -> bool:
    """Whether a text is short (at most ``limit`` characters) and holds no sentence punctuation."""
    t = plain(text).strip()
    return 0 < len(t) <= limit and not any(ch in SENTENCE_PUNCT for ch in t)


def escape(text: str) -> str:
    """Plain text as model markup (a literal ``*`` escaped)."""
    return text.replace("*", "\\*")
