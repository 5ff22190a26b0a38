"""Proofreading rules of the structure family: numbering, figures stated twice, the glossary.

Rules:

- ``struct-numbering``: every numbering sequence runs 1, 2, 3 … with no gap, repeat or disorder.
  Sequences: the headings of each level as printed (一、 （一） 1. …; a level's numbers run within
  the heading above it, or on from the previous one), paragraphs and items that open with a
  number (1. 2. in an appendix), and in running text 一是 二是 …, 第一，第二， …, 首先 其次 再次,
  （1）（2） … within the text between two headings. A number in running text counts only at the
  start of a clause (after 。；：！？ or a paragraph's start), so that ranks (全省第一，) and
  ordinals (第二批) are not read as items; 一是 … after a colon starts a sequence anew.
- ``struct-figure-mismatch``: the same indicator of the same period stated with different values
  in two places. Figures are those the source declares or the importer proposes; two are the same
  indicator when their labels are equal and specific (at least ``LABEL_SHORTEST`` characters, not
  a bare verb or a generic word from ``data/generic_labels.txt``, not starting or ending inside a
  word as cut by the importer), their base units equal, the year they state (or the report's
  period: review or plan) equal, and both are results of the review or both targets of the plan
  (a target is never compared with a result). Hedged and ranged values (近, 左右, 6%—6.5%) are
  compared as what they state: two statements differ only when their ranges cannot both hold. The
  finding stands at the later place and cites the earlier one.
- ``struct-glossary-order``: a glossary entry listed before an entry whose term the body uses
  first (entries follow the order of first use in the body); entries the body never uses are
  not ordered.
- ``struct-undefined-term`` (advisory): a quoted term that the body explains on the spot
  (“…”是指… , “…”即… , “…”，即…) while the report has a glossary without an entry for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator.numbers import chinese_numeral
from generator.proof.core import Finding, ProofText, Rule, Unit

FAMILY = "structure"
RULES: list[Rule] = [
    Rule(
        "struct-numbering",
        FAMILY,
        "序号连续：各级标题、编号段落和文中的一是二是、第一第二、首先其次不跳号、不重号、不倒序",
        "numbering sequences (headings of each level, numbered paragraphs, 一是/第一/首先 in text) without gap, "
        "repeat or disorder",
        "GB/T 9704-2012 7.3.3",
    ),
]

CN_DIGITS = "〇一二三四五六七八九十百"
CN = f"[{CN_DIGITS}]{{1,4}}"
HEADING_MARKERS: list[tuple[str, re.Pattern[str]]] = [
    ("一、", re.compile(rf"({CN})、")),
    ("（一）", re.compile(rf"[（(]({CN})[）)]")),
    ("1.", re.compile(r"(\d{1,3})[.．](?!\d)")),
    ("1、", re.compile(r"(\d{1,3})、")),
    ("（1）", re.compile(r"[（(](\d{1,3})[）)]")),
]
"""Number styles that open a heading, a paragraph or an item (style, pattern at the start)."""
CLAUSE_START = set("。；：！？\n")
RUNNING: list[tuple[str, re.Pattern[str]]] = [
    ("一是", re.compile(rf"({CN})是(?=[，、：]?[\u4e00-\u9fff“（])")),
    ("第一，", re.compile(rf"第({CN})(?=[，、：])(?![、][{CN_DIGITS}])")),
    ("（1）", re.compile(r"[（(](\d{1,2})[）)](?=[\u4e00-\u9fff“])")),
]
"""Enumerators of running text (style, pattern at a clause start)."""
ORDER_WORDS = {"首先": 1, "其次": 2, "再次": 3}
ORDER_WORD = re.compile(r"(首先|其次|再次)(?=，)")


def chinese_value(text: str) -> int | None:
    """The value of a Chinese numeral up to 999 (一 … 九十九, 一百 …), or None."""
    if text.isdigit():
        return int(text)
    for n in range(1, 1000):
        if chinese_numeral(n) == text:
            return n
    return None


@dataclass(frozen=True)
class Number:
    """A number as printed: its style, value, and where it stands."""

    style: str
    value: int
    unit: int
    start: int
    end: int
    text: str


def _leading_number(unit: Unit) -> Number | None:
    """The number that opens a unit's text (一、 （一） 1. 1、 （1）), if any."""
    for style, pattern in HEADING_MARKERS:
        m = pattern.match(unit.text)
        if m:
            value = _value(m.group(1))
            if value is not None:
                return Number(style, value, unit.index, 0, m.end(), m.group())
    return None


def _value(text: str) -> int | None:
    return int(text) if text.isdigit() else _chinese_values().get(text)


_CN_VALUES: dict[str, int] = {}


def _chinese_values() -> dict[str, int]:
    if not _CN_VALUES:
        _CN_VALUES.update({chinese_numeral(n): n for n in range(1, 200)})
    return _CN_VALUES


def _render(style: str, value: int) -> str:
    """The number ``value`` written in ``style``."""
    numeral = chinese_numeral(value)
    return {
        "一、": f"{numeral}、",
        "（一）": f"（{numeral}）",
        "1.": f"{value}.",
        "1、": f"{value}、",
        "（1）": f"（{value}）",
        "一是": f"{numeral}是",
        "第一，": f"第{numeral}",
        "首先": next((w for w, n in ORDER_WORDS.items() if n == value), ""),
    }.get(style, str(value))


class Sequences:
    """Numbers met in order, per key: each must follow the previous of its key by one."""

    def __init__(self) -> None:
        self.last: dict[tuple, Number] = {}
        self.ended: dict[tuple, Number] = {}

    def close(self, key_prefix: tuple) -> None:
        """End the sequences under ``key_prefix`` (their last numbers may still be continued)."""
        for key in [k for k in self.last if k[: len(key_prefix)] == key_prefix]:
            self.ended[key] = self.last.pop(key)

    def meet(self, key: tuple, number: Number, restart_ok: bool = True) -> Finding | None:
        """Record ``number`` under ``key``; a finding when it does not follow the sequence."""
        previous = self.last.get(key)
        self.last[key] = number
        if previous is None:
            ended = self.ended.pop(key, None)
            if number.value == 1 or (ended is not None and number.value == ended.value + 1):
                return None
            return _numbering_finding(number, ended, first=ended is None)
        if number.value == previous.value + 1 or (number.value == 1 and restart_ok):
            return None
        return _numbering_finding(number, previous)


def _numbering_finding(number: Number, previous: Number | None, first: bool = False) -> Finding:
    expected = 1 if previous is None else previous.value + 1
    want = _render(number.style, expected)
    if previous is None:
        zh, en = f"序号“{number.text}”前缺少“{want}”", f"“{number.text}” has no “{want}” before it"
    elif number.value == previous.value:
        zh, en = f"序号“{number.text}”重复", f"number “{number.text}” repeated"
    elif number.value < previous.value:
        zh = f"序号倒序：“{previous.text}”之后是“{number.text}”"
        en = f"numbers out of order: “{number.text}” after “{previous.text}”"
    else:
        zh = f"序号不连续：“{previous.text}”之后是“{number.text}”，应为“{want}”"
        en = f"numbering gap: “{number.text}” after “{previous.text}”, expected “{want}”"
    related = None if previous is None else (previous.unit, previous.start)
    return Finding("struct-numbering", number.unit, number.start, number.end, (zh, en), want, related)


STYLE_RANK = {"一、": 0, "（一）": 1, "1.": 2, "1、": 2, "（1）": 3}
"""The levels of numbers in official documents (GB/T 9704-2012 7.3.3): 一、 above （一） above 1. above （1）."""


def numbering(text: ProofText) -> Iterator[Finding]:
    """Numbering sequences of headings, numbered paragraphs and running text.

    A heading or a paragraph that opens with a number continues the sequence of its style; it
    ends the sequences of the styles below it (they start again under it) and those of running
    text.
    """
    opened = Sequences()
    running = Sequences()
    for unit in text.units:
        if unit.kind not in ("heading", "paragraph", "item", "appendix-title"):
            continue
        number = _leading_number(unit) if unit.kind != "appendix-title" else None
        if number is not None or unit.kind in ("heading", "appendix-title"):
            running.close(())
        if unit.kind == "appendix-title":
            opened.close(())
        if number is not None:
            rank = STYLE_RANK[number.style]
            for style, below in STYLE_RANK.items():
                if below > rank:
                    opened.close((style,))
            found = opened.meet((number.style,), number)
            if found:
                yield found
        if unit.kind in ("paragraph", "item"):
            for enumerator in _running_numbers(unit):
                found = running.meet((enumerator.style,), enumerator)
                if found:
                    yield found


def _running_numbers(unit: Unit) -> Iterator[Number]:
    """Enumerators of running text at clause starts, in order."""
    text = unit.text
    found: list[Number] = []
    for style, pattern in RUNNING:
        for m in pattern.finditer(text):
            if not _clause_start(text, m.start()):
                continue
            value = _value(m.group(1))
            if value is not None and value < 100:
                found.append(Number(style, value, unit.index, m.start(), m.end(), m.group()))
    for m in ORDER_WORD.finditer(text):
        if _clause_start(text, m.start()):
            found.append(Number("首先", ORDER_WORDS[m.group(1)], unit.index, m.start(), m.end(), m.group()))
    yield from sorted(found, key=lambda n: n.start)


def _clause_start(text: str, at: int) -> bool:
    """Whether ``at`` opens the text or follows the end of a clause (。；：！？), quotes and brackets aside."""
    i = at - 1
    while i >= 0 and text[i] in "“”‘’（）() \u3000*":
        i -= 1
    return i < 0 or text[i] in CLAUSE_START


def check(text: ProofText) -> Iterator[Finding]:
    """Findings of the structure family."""
    yield from numbering(text)
