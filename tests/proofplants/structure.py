"""Planters of the structure family (see tests/proofplants/__init__.py for the shape).

Numbering: one number of a sequence made one more than it should be (a gap: 二是 → 三是,
第二， → 第三，, （二） → （三）, 二、 → 三、, 2. → 3.), in running text or on a heading or
numbered line. Figures: a figure of the review stated again later in the report with a
different value (FILE_PLANTS).
"""

from __future__ import annotations

import random
import re

from generator.numbers import chinese_numeral
from proofplants import FilePlanter, Planter

CN = "一二三四五六七八九十"
RUNNING = re.compile(
    rf"(?<=[。；：])([{CN}]{{1,2}})是(?=[，、：]?[\u4e00-\u9fff“])|(?<=[。；：])第([{CN}]{{1,2}})(?=，)"
)
LINE_NUMBER = re.compile(rf"^(#+\s*|\*\*)?(?:([{CN}]{{1,2}})、|[（(]([{CN}]{{1,2}})[）)]|(\d{{1,2}})[.、．](?!\d))")

GLOSSARY_ENTRY = re.compile(r"^\d{1,3}[.、．]\s*[^：:。]{1,40}[：:]")
"""A numbered glossary entry (1.term：…): the importer numbers entries itself, so a gap there is not printed."""


def _value(numeral: str) -> int | None:
    return next((n for n in range(1, 100) if chinese_numeral(n) == numeral), None)


def plant_running_gap(line: str, rng: random.Random) -> str | None:
    """An enumerator of running text (二是, 第三，) written one too high: 二是 → 三是."""
    places = [m for m in RUNNING.finditer(line) if (_value(m.group(1) or m.group(2)) or 0) >= 2]
    if not places:
        return None
    m = rng.choice(places)
    group = 1 if m.group(1) else 2
    value = _value(m.group(group))
    return line[: m.start(group)] + chinese_numeral(value + 1) + line[m.end(group) :]


def plant_line_number_gap(lines: list[str], rng: random.Random) -> tuple[list[str], int] | None:
    """A heading or numbered line whose number (2 or more) is one too high: （二） → （三）, 二、 → 三、, 2. → 3."""
    places = []
    for i, line in enumerate(lines):
        m = LINE_NUMBER.match(line)
        if not m or GLOSSARY_ENTRY.match(line):
            continue
        numeral = m.group(2) or m.group(3) or m.group(4)
        value = int(numeral) if numeral.isdigit() else _value(numeral)
        if value and value >= 2:
            places.append((i, m, numeral, value))
    if not places:
        return None
    i, m, numeral, value = rng.choice(places)
    new = str(value + 1) if numeral.isdigit() else chinese_numeral(value + 1)
    group = 2 if m.group(2) else 3 if m.group(3) else 4
    line = lines[i]
    out = list(lines)
    out[i] = line[: m.start(group)] + new + line[m.end(group) :]
    return out, i


PLANTS: list[tuple[str, Planter]] = [("struct-numbering", plant_running_gap)]
FILE_PLANTS: list[tuple[str, FilePlanter]] = [("struct-numbering", plant_line_number_gap)]
