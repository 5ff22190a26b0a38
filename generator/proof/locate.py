r"""Where a unit's character stands in the file the user opens: 1-based line and column.

The units are the model's printed text; the file holds the same characters with others around
them: YAML quoting, escapes, indentation and folded lines; Markdown marks (``**``, ``#``, ``|``,
``\\``) and hard-wrapped lines; a DOCX's paragraphs without their automatic numbers. Both sides
are *squeezed* (ASCII spaces, line breaks and those marks left out) and the unit is found in the
file's squeezed text: as a whole when it can, else in short chunks, each searched a little ahead
of the previous one. A character the file does not hold (a generated number, a squeezed mark)
takes the place after the previous character found (or the first character found, at the start).

For a DOCX the "file" is its body paragraphs (``w:p``, table cells included, in document
order), one per line, so that line is the paragraph's number and column the character in it.
"""

from __future__ import annotations

import bisect

SQUEEZED = frozenset(" \t\r\n\f\v*_\\#|\"'>`")
"""Characters left out on both sides before matching (marks and spacing the file adds or drops)."""

CHUNK = 6
"""Characters matched at a time when a unit is not found whole."""

LOOKAHEAD = 400
"""How far past the previous match a chunk is searched for (file characters, squeezed)."""

SINGLE_LOOKAHEAD = 4
"""How far past the previous match a chunk of one or two characters is searched for."""

ANYWHERE_LENGTH = 8
"""Shortest text looked for in the whole file when it is not found ahead (shorter ones recur too often)."""


class FileText:
    """A file's text as lines, with its squeezed form and the way back to lines and columns."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.starts: list[int] = []
        at = 0
        for line in lines:
            self.starts.append(at)
            at += len(line) + 1
        text = "\n".join(lines)
        self.index = [i for i, ch in enumerate(text) if ch not in SQUEEZED]
        self.squeezed = "".join(text[i] for i in self.index)
        self.length = len(text)

    @classmethod
    def of(cls, text: str) -> FileText:
        """The file text split at its line breaks (CRLF, CR or LF)."""
        return cls(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))

    def line_column(self, index: int) -> tuple[int, int]:
        """1-based (line, column) of the file character at ``index``."""
        line = bisect.bisect_right(self.starts, index) - 1
        return line + 1, index - self.starts[line] + 1

    def index_of(self, line: int, column: int) -> int:
        """The file index of 1-based (line, column)."""
        line = min(max(line, 1), len(self.lines))
        return self.starts[line - 1] + max(column - 1, 0)

    def squeezed_at(self, index: int) -> int:
        """The first squeezed position at or after file index ``index``."""
        return bisect.bisect_left(self.index, index)

    def align(
        self, text: str, start: int = 0, reach: int | None = None, anywhere: bool = False
    ) -> tuple[list[int], int]:
        """The file index of each character of ``text``, searched from squeezed position ``start``.

        ``reach`` bounds how far ahead the whole text may be found (None: anywhere after
        ``start``); with ``anywhere``, a text of :data:`ANYWHERE_LENGTH` characters or more not
        found ahead is looked for from the file's start (a draft's line the importer moved).
        Returns the indexes and the squeezed position after the last character found ahead.
        """
        kept = [k for k, ch in enumerate(text) if ch not in SQUEEZED]
        needle = "".join(text[k] for k in kept)
        if not needle:
            return self._fill(len(text), {}, start), start
        at = self.squeezed.find(needle, start, None if reach is None else start + reach + len(needle))
        if at >= 0:
            return self._fill(len(text), {k: self.index[at + j] for j, k in enumerate(kept)}, start), at + len(needle)
        if anywhere and len(needle) >= ANYWHERE_LENGTH:
            at = self.squeezed.find(needle)
            if at >= 0:
                return self._fill(len(text), {k: self.index[at + j] for j, k in enumerate(kept)}, start), start
        found: dict[int, int] = {}
        cursor = self._chunks(needle, kept, 0, len(needle), start, CHUNK, found)
        if 2 * len(found) < len(needle):  # mostly not in the file (a generated line): stay where we were
            return self._fill(len(text), {}, start), start
        return self._fill(len(text), found, start), cursor

    def _chunks(self, needle: str, kept: list[int], begin: int, end: int, cursor: int, size: int, found: dict) -> int:
        """Match ``needle[begin:end]`` in chunks of ``size`` ahead of ``cursor``; a chunk missed is tried smaller."""
        for first in range(begin, end, size):
            chunk = needle[first : min(first + size, end)]
            window = LOOKAHEAD if len(chunk) >= 3 else SINGLE_LOOKAHEAD
            at = self.squeezed.find(chunk, cursor, cursor + window + len(chunk))
            if at < 0:
                if size > 1:
                    cursor = self._chunks(needle, kept, first, min(first + size, end), cursor, size // 2, found)
                continue
            for j in range(len(chunk)):
                found[kept[first + j]] = self.index[at + j]
            cursor = at + len(chunk)
        return cursor

    def _fill(self, length: int, found: dict[int, int], start: int) -> list[int]:
        """Indexes for every offset: found ones as found, the others after the previous one found."""
        if not found:
            base = self.index[start] if start < len(self.index) else max(self.length - 1, 0)
            return [base] * length
        out: list[int] = []
        first = found[min(found)]
        previous: int | None = None
        for k in range(length):
            if k in found:
                previous = found[k]
                out.append(previous)
            elif previous is None:
                out.append(first)
            else:
                out.append(min(previous + 1, max(self.length - 1, 0)))
                previous = out[-1]
        return out
