"""Planters for the recall harness (tests/test_proof_recall.py).

Each family's module here (punctuation.py, numbers.py, words.py, structure.py) exports

    PLANTS: list[tuple[str, Planter]]

where ``Planter = Callable[[str, random.Random], str | None]``: given the text of ONE body line
of a report file (a paragraph as the file holds it, Markdown marks included), it returns that
line with one error of the rule planted, or None when the line offers no place for it (the
harness then tries another line). Errors that need the whole file (a numbering gap across
headings) go in

    FILE_PLANTS: list[tuple[str, FilePlanter]]

where ``FilePlanter = Callable[[list[str], random.Random], tuple[list[str], int] | None]`` returns
the file's new lines (as many as before) and the 0-based index of the line that now carries the
error.

The harness chooses the lines (seeded rng), plants several errors per copy of a report on
distinct lines far apart, proofreads the copy and counts a plant as found when the copy has more
findings of that rule on that line than the report as published.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

Planter = Callable[[str, random.Random], str | None]
FilePlanter = Callable[[list[str], random.Random], tuple[list[str], int] | None]

HAN = re.compile(r"[\u4e00-\u9fff]")


def han_pairs(line: str) -> list[int]:
    """Offsets i where line[i-1] and line[i] are both Chinese characters (a place to put something between)."""
    return [i for i in range(1, len(line)) if HAN.match(line[i - 1]) and HAN.match(line[i])]


def insert_between_han(line: str, rng: random.Random, what: str) -> str | None:
    """``line`` with ``what`` inserted between two Chinese characters chosen by ``rng``."""
    places = han_pairs(line)
    if not places:
        return None
    at = rng.choice(places)
    return line[:at] + what + line[at:]


def replace_one(line: str, rng: random.Random, pattern: str, replacement: Callable[[re.Match[str]], str]) -> str | None:
    """``line`` with one match of ``pattern`` (chosen by ``rng``) replaced; None when it has none."""
    matches = list(re.finditer(pattern, line))
    if not matches:
        return None
    m = rng.choice(matches)
    return line[: m.start()] + replacement(m) + line[m.end() :]


BODY_LINE = re.compile(r"^(?![ \t]*(?:#|\||---|- |\* |[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]))")


def body_lines(lines: list[str]) -> list[int]:
    """Indexes of the lines a planter may take: body paragraphs of at least 30 Chinese characters.

    Not front matter, headings (``#``, 一、, （一）), table rows or list markers, and nothing before
    the salutation (the title block) or from the first appendix (附件, 附录) on.
    """
    start = next((i for i, line in enumerate(lines) if re.match(r"^\**各位代表[^，。]{0,6}：", line.strip())), 0) + 1
    end = next(
        (i for i, line in enumerate(lines) if i > start and re.match(r"^[#*\s]*附\s*[件录]", line.strip())), len(lines)
    )
    return [
        i
        for i in range(start, end)
        if BODY_LINE.match(lines[i]) and len(HAN.findall(lines[i])) >= 30 and not lines[i].startswith("\u3000\u3000附")
    ]
