"""Titles, subtitles and mottos broken at phrase boundaries, in balanced lines.

GB/T 9704 asks of a title that it be 词意完整，排列对称，长短适宜: a line never ends inside a
word or a name, no line is shorter than three characters, and the lines are as even as the
width allows. A full word segmenter was measured and rejected (jieba: 0.6–0.7 s to load,
about 90 MB, and it still splits names of places and meetings); this module knows the few
boundaries titles need instead:

- after punctuation (，、：；！？ and a closing quote or bracket), never before it;
- before 在 and 关于, and after 的、和、与、及、暨、之 when they join two phrases;
- at the end of a name of a place, a body or a meeting (…市, …区, …县, …乡, …镇, …港, …省,
  …州, …旗, …盟; …人民代表大会, …委员会, …人民政府, …政府; …第X届, …第X次; …会议, …会议上);
- after a date part (2020年|上半年); never inside a run of digits and letters, never after ——.

:func:`break_title` chooses, among the allowed boundaries, the lines that fit ``width`` and
are the most even (least squared slack); when no boundary allows it, it falls back to the
shared line breaker so that nothing overflows. Pure: the width of a text is a function given
by the caller (the renderer's own font metrics).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

LONGEST = 200
"""Longer texts are not titles: they are returned whole, for the renderer's own wrapping."""

MIN_LINE = 3
"""No line of a broken title has fewer characters than this."""

PUNCTUATION_AFTER = frozenset("，、：；！？。”’）》」』】")
"""A title may break after these (they end a phrase)."""

BEFORE_WORDS = ("在", "关于")
"""A title may break before these words (they open a phrase)."""

AFTER_WORDS = ("的", "和", "与", "及", "暨", "之")
"""A title may break after these function words."""

NAME_ENDS = (
    "人民代表大会",
    "代表大会",
    "委员会",
    "人民政府",
    "政府",
    "会议上",
    "会议",
    "市",
    "区",
    "县",
    "乡",
    "镇",
    "港",
    "省",
    "州",
    "旗",
    "盟",
)
"""Ends of names of places, bodies and meetings: a title may break after them."""

_ORDINAL = re.compile(r"第[一二三四五六七八九十百〇零两\d]+[届次]")
_DATE_PART = re.compile(r"\d+[年月日]")
_NUMBER = re.compile(r"[0-9A-Za-z.%％]+")


def _blocked(text: str) -> set[int]:
    """Offsets where a title never breaks: inside numbers and Latin words, after ——, around punctuation."""
    blocked = {m.start() + k for m in _NUMBER.finditer(text) for k in range(1, len(m.group()))}
    blocked |= {i for i in range(1, len(text)) if text[i - 1] == "—" or text[i] in PUNCTUATION_AFTER}
    blocked |= {i for i in range(1, len(text)) if text[i - 1] in "“‘（《「『【"}
    return blocked


def boundaries(text: str) -> list[int]:
    """Every phrase boundary of ``text`` (0 < offset < len(text)) where a title may break, in order."""
    allowed: set[int] = set()
    for i, ch in enumerate(text[:-1], start=1):
        if ch in PUNCTUATION_AFTER:
            allowed.add(i)
    for words, after in ((BEFORE_WORDS, False), (AFTER_WORDS, True), (NAME_ENDS, True)):
        for word in words:
            start = text.find(word)
            while start >= 0:
                allowed.add(start + len(word) if after else start)
                start = text.find(word, start + 1)
    for match in _ORDINAL.finditer(text):
        allowed.add(match.start())
        allowed.add(match.end())
    allowed |= {match.end() for match in _DATE_PART.finditer(text)}
    blocked = _blocked(text)
    return sorted(i for i in allowed if 0 < i < len(text) and i not in blocked)


OFF_PHRASE = 0.5
"""Cost of a break that is not a phrase boundary (taken only when no phrase boundary gives lines that fit)."""


def break_title(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """``text`` as lines no wider than ``width`` (``measure`` gives a text's width), broken at phrase boundaries.

    The fewest lines win, then the most even ones (least squared slack: with the total width
    fixed, that is the most even set); lines have at least :data:`MIN_LINE` characters. A break
    that is not a phrase boundary costs :data:`OFF_PHRASE` and is taken only where phrases
    cannot make lines that fit (never inside a number or after ——).
    """
    if len(text) > LONGEST or measure(text) <= width:
        return [text]  # fits, or is no title (a 40 KB heading is wrapped and shortened by its renderer)
    phrases = set(boundaries(text))
    blocked = _blocked(text)
    cuts = [i for i in range(1, len(text) + 1) if i not in blocked or i == len(text)]
    for shortest in (MIN_LINE, 1):
        found = _best(text, width, measure, cuts, phrases, shortest)
        if found is not None:
            return found
    return [text]  # a single character wider than the box: nothing to break


def _best(
    text: str, width: float, measure: Callable[[str], float], cuts: list[int], phrases: set[int], shortest: int
) -> list[str] | None:
    """The least-cost lines of ``text`` by dynamic programming over the cut offsets (None if none fit)."""

    @cache
    def best(start: int) -> tuple[float, tuple[int, ...]] | None:
        if start == len(text):
            return 0.0, ()
        found: tuple[float, tuple[int, ...]] | None = None
        for end in cuts:
            if end <= start:
                continue
            used = measure(text[start:end])
            if used > width:
                break
            if end - start < shortest:
                continue
            rest = best(end)
            if rest is None:
                continue
            slack = (width - used) / width
            cost = rest[0] + 1.0 + slack * slack + (0.0 if end in phrases or end == len(text) else OFF_PHRASE)
            if found is None or cost < found[0]:
                found = (cost, (end, *rest[1]))
        return found

    result = best(0)
    if result is None:
        return None
    lines, start = [], 0
    for end in result[1]:
        lines.append(text[start:end])
        start = end
    return lines
