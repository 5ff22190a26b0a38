"""Character classes the rules share: Chinese characters, full-width punctuation, URLs."""

from __future__ import annotations

import re

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
"""A Chinese character (CJK unified ideographs, extension A, compatibility ideographs)."""

FULL_PUNCT = frozenset("，。、；：？！“”‘’（）《》〈〉【】…—·「」『』〔〕")
"""Full-width (Chinese) punctuation."""

URL = re.compile(r"(?:https?://|www\.)[\w\-./?%&=#:~+@]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.ASCII)
"""A web address or an e-mail address (its marks are not punctuation of the sentence)."""

CHINESE_DIGITS = "〇零一二三四五六七八九十"
"""Chinese numerals."""


def is_han(ch: str) -> bool:
    """Whether ``ch`` is a Chinese character."""
    return bool(ch) and HAN.match(ch) is not None


def is_chinese(ch: str) -> bool:
    """Whether ``ch`` belongs to Chinese text: a Chinese character or full-width punctuation."""
    return bool(ch) and (ch in FULL_PUNCT or HAN.match(ch) is not None)


def url_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every web or e-mail address in ``text``."""
    return [m.span() for m in URL.finditer(text)]


def inside(spans: list[tuple[int, int]], at: int) -> bool:
    """Whether offset ``at`` falls in one of ``spans``."""
    return any(start <= at < end for start, end in spans)


def neighbour(text: str, at: int, step: int) -> str:
    """The nearest character before (``step`` -1) or after (+1) offset ``at`` that is not a space, or ''."""
    i = at + step
    while 0 <= i < len(text) and text[i] in " \u3000\t":
        i += step
    return text[i] if 0 <= i < len(text) else ""
