"""Planters of the structure family (see tests/proofplants/__init__.py for the shape).

Numbering: one number of a sequence made one more than it should be (a gap: 二是 → 三是,
第二， → 第三，, （二） → （三）, 二、 → 三、, 2. → 3.), in running text or on a heading or
numbered line. Figures: a figure of the review stated again later in the report with a
different value (FILE_PLANTS).
"""

from __future__ import annotations

import random
import re

from generator.numbers import chinese_numeral, find_quantities
from generator.proof.structure import MANY_YEARS, STATEMENT_END, specific_label
from generator.readers.figures import _label as figure_label
from proofplants import FilePlanter, Planter

CN = "一二三四五六七八九十"
RUNNING = re.compile(
    rf"(?:^|(?<=[。；：，*]))(?:([{CN}]{{1,2}})是(?=[，、：]?[\u4e00-\u9fff“])|第([{CN}]{{1,2}})(?=，))"
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


def plant_running_repeat(line: str, rng: random.Random) -> str | None:
    """An enumerator written as the one before it: 三是 → 二是 (from 三 on: 一是 starts a sequence anew)."""
    places = [m for m in RUNNING.finditer(line) if (_value(m.group(1) or m.group(2)) or 0) >= 3]
    if not places:
        return None
    m = rng.choice(places)
    group = 1 if m.group(1) else 2
    value = _value(m.group(group))
    return line[: m.start(group)] + chinese_numeral(value - 1) + line[m.end(group) :]


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


HEADING_LINE = re.compile(rf"^(#|\*\*[{CN}]{{1,2}}、|[{CN}]{{1,2}}、|[（(][{CN}]{{1,2}}[）)])")
FIGURE_REACH = 12
"""How many lines after a figure its restatement is planted (within the same part, before the closing)."""


def _restatable(sentence: str) -> list[tuple[int, int]]:
    """The figures of a sentence that state a specific indicator named right before them (地区生产总值增长7.5%，)."""
    if "分别" in sentence or MANY_YEARS.search(sentence):
        return []
    out = []
    for found in find_quantities(sentence):
        if found.quantity.prefix or sentence[found.end : found.end + 1] not in STATEMENT_END:
            continue
        if specific_label(figure_label(sentence, found.start)):
            out.append((found.start, found.end))
    return out


def _changed(quote: str) -> str:
    """The quote with its number half as large again and one (7.5% → 12.3%, 1244万人 → 1867万人)."""
    m = re.search(r"\d+(?:\.\d+)?", quote)
    number = m.group()
    decimals = len(number.split(".")[1]) if "." in number else 0
    new = f"{float(number) * 1.5 + 1:.{decimals}f}"
    return quote[: m.start()] + new + quote[m.end() :]


def plant_figure_restated(lines: list[str], rng: random.Random) -> tuple[list[str], int] | None:
    """A sentence with a figure of a specific indicator stated again a few paragraphs later with another value."""
    sources = []
    for i, line in enumerate(lines):
        if HEADING_LINE.match(line) or line.startswith(("|", "——", "**")) or len(line) < 30:
            continue
        for sentence in re.findall(r"[^。！？]+。", line):
            sentence = sentence.lstrip("*")
            sources += [(i, sentence, span) for span in _restatable(sentence)]
    rng.shuffle(sources)
    for i, sentence, (start, end) in sources:
        for j in range(i + 1, min(len(lines), i + FIGURE_REACH)):
            if HEADING_LINE.match(lines[j]) or lines[j].lstrip("*#　 ").startswith(("附件", "附录", "各位代表")):
                break
            target = lines[j]
            if len(target) > 30 and target.endswith("。") and not target.startswith(("|", "——", "#", "各位代表")):
                restated = sentence[:start] + _changed(sentence[start:end]) + sentence[end:]
                out = list(lines)
                out[j] = target + restated
                return out, j
    return None


GLOSSARY_TITLE = re.compile(
    r"^[#*\s]*(?:附件\s*\d*\s*[：:]?\s*)?(?:主要)?(?:名词解释|词语解释|名词注释|注释|术语解释)[*\s]*$"
)
APPENDIX_LINE = re.compile(r"^[#*\s]*附\s*[件录]")
ENTRY = re.compile(r"^(\*\*)?(\d{1,3}[.、．]\s*|\[\d{1,3}\]\s*)?([^：:。]{2,30})[：:](.+)$")


def _glossary_start(lines: list[str]) -> int | None:
    return next((i for i, line in enumerate(lines) if GLOSSARY_TITLE.match(line.strip())), None)


def _term_key(term: str) -> str:
    return term.replace("“", "").replace("”", "").replace("*", "").strip()


def plant_figure_restated_in_paragraph(line: str, rng: random.Random) -> str | None:
    """A sentence of a paragraph with a figure of a specific indicator, said again at its end with another value."""
    if line.startswith(("|", "——", "#")) or not line.endswith("。"):
        return None
    sentences = [s for s in re.findall(r"[^。！？]+。", line) if "*" not in s]
    sources = [(sentence, span) for sentence in sentences for span in _restatable(sentence)]
    if not sources:
        return None
    sentence, (start, end) = rng.choice(sources)
    return line + sentence[:start] + _changed(sentence[start:end]) + sentence[end:]


def plant_glossary_swap(lines: list[str], rng: random.Random) -> tuple[list[str], int] | None:
    """Two neighbouring glossary entries listed the other way round (numbers kept where they stand)."""
    top = _glossary_start(lines)
    if top is None:
        return None
    body = "\n".join(lines[:top])
    entries = [(i, ENTRY.match(line)) for i, line in enumerate(lines[top + 1 :], top + 1) if ENTRY.match(line)]
    places = []
    for (i, a), (j, b) in zip(entries, entries[1:], strict=False):
        first_a, first_b = body.find(_term_key(a.group(3))), body.find(_term_key(b.group(3)))
        if j == i + 2 - (lines[i + 1] != "") and 0 <= first_a < first_b:
            places.append((i, a, j, b))
    if not places:
        return None
    i, a, j, b = rng.choice(places)
    out = list(lines)
    prefix_a, prefix_b = (a.group(1) or "") + (a.group(2) or ""), (b.group(1) or "") + (b.group(2) or "")
    out[i] = prefix_a + lines[j][len(prefix_b) :]
    out[j] = prefix_b + lines[i][len(prefix_a) :]
    return out, j


def plant_explained_term(lines: list[str], rng: random.Random) -> tuple[list[str], int] | None:
    """A body paragraph that explains one of its quoted terms (“…”是指…) the glossary has no entry for.

    Only in a report whose glossary the importer reads as one (a title ending in 名词解释, 注释 …).
    """
    top = _glossary_start(lines)
    if top is None:
        return None
    glossary = "\n".join(lines[top:])
    end = next((i for i, line in enumerate(lines) if APPENDIX_LINE.match(line)), top)
    places = []
    for i, line in enumerate(lines[:end]):
        if len(line) < 40 or not line.endswith("。") or line.startswith(("#", "|", "——", "各位代表")):
            continue
        quoted = [q for q in re.findall(r"“([\u4e00-\u9fff]{2,8})”", line) if q not in glossary]
        if quoted:
            places.append((i, quoted[0]))
    if not places:
        return None
    i, term = rng.choice(places)
    out = list(lines)
    out[i] = lines[i] + f"“{term}”是指围绕{term}开展的各项工作。"
    return out, i


PLANTS: list[tuple[str, Planter]] = [
    ("struct-numbering", plant_running_gap),
    ("struct-numbering", plant_running_repeat),
    ("struct-figure-mismatch", plant_figure_restated_in_paragraph),
]
FILE_PLANTS: list[tuple[str, FilePlanter]] = [
    ("struct-numbering", plant_line_number_gap),
    ("struct-figure-mismatch", plant_figure_restated),
    ("struct-glossary-order", plant_glossary_swap),
    ("struct-undefined-term", plant_explained_term),
]
