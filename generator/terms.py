"""Where a glossary term is used: matching with whitespace and quotation marks ignored.

“18 条措施” matches “18条措施”; 清河行动“四乱”自查 matches 清河行动四乱自查. Pure functions,
shared by the loader (a term that never occurs is an error) and the DOCX renderer
(bookmarks and page references).
"""

from __future__ import annotations

from functools import lru_cache

IGNORED = frozenset(" \t\r\n\u3000\u00a0“”‘’\"'「」『』")
"""Characters ignored on both sides when a term is looked up."""


def _fold(text: str) -> tuple[str, list[int]]:
    """The text without ignored characters, and the original index of each kept character."""
    kept: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch not in IGNORED:
            kept.append(ch)
            index.append(i)
    return "".join(kept), index


_DELETE = str.maketrans("", "", "".join(IGNORED))


def term_key(term: str) -> str:
    """The term as compared: whitespace and quotation marks removed."""
    return term.translate(_DELETE)


@lru_cache(maxsize=8192)
def _folded_text(text: str) -> str:
    """``text`` without ignored characters (each text is folded once, however many terms look)."""
    return text.translate(_DELETE)


def find_term(term: str, text: str) -> list[tuple[int, int]]:
    """Every (start, end) span of ``text`` where ``term`` stands, in order, without overlaps."""
    key = term_key(term)
    if not key or key not in _folded_text(text):
        return []  # the common case, decided at C speed
    folded, index = _fold(text)
    spans: list[tuple[int, int]] = []
    start = folded.find(key)
    while start >= 0:
        end = start + len(key) - 1
        spans.append((index[start], index[end] + 1))
        start = folded.find(key, start + len(key))
    return spans


OPENING_QUOTES = frozenset("“‘「『\"'")
CLOSING_QUOTES = frozenset("”’」』\"'")


def is_quoted(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands directly inside quotation marks (“六稳”)."""
    return start > 0 and end < len(text) and text[start - 1] in OPENING_QUOTES and text[end] in CLOSING_QUOTES


def locate(match: str, texts: list[str]) -> list[tuple[int, int, int]]:
    """Every (text index, start, end) where ``match`` is used in ``texts``, in order.

    Where the term stands in quotation marks anywhere, only its quoted occurrences count (an
    unquoted use is the word in another sense, not a citation); otherwise every occurrence.
    """
    found = [(i, start, end) for i, text in enumerate(texts) for start, end in find_term(match, text)]
    quoted = [(i, start, end) for i, start, end in found if is_quoted(texts[i], start, end)]
    return quoted or found


def locate_all(matches: list[str], texts: list[str]) -> list[tuple[int, int, int]]:
    """The occurrences of any of ``matches`` (an entry naming several terms), in reading order."""
    return sorted({hit for match in matches for hit in locate(match, texts)})
