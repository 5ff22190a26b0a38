"""Proofreading rules of the structure family: numbering, figures stated twice, the glossary.

Rules:

- ``struct-numbering``: every numbering sequence runs 1, 2, 3 … with no gap, repeat or disorder.
  Sequences: the headings of each level as printed (一、 （一） 1. …; a level's numbers run within
  the heading above it, or on from the previous one), paragraphs and items that open with a
  number (1. 2. in an appendix), and in running text 一是 二是 …, 第一，第二， …, 首先 其次 再次,
  （1）（2） … within the text between two headings. A number in running text counts only at the
  start of a clause (after 。；：！？， or a paragraph's start), so that ranks (全省第一，) and
  ordinals (第二批) are not read as items; 一是 … after a colon starts a sequence anew.
- ``struct-figure-mismatch``: the same indicator of the same period stated with different values
  in two places (conservative: a pair it cannot tell apart is not compared). Figures are those the
  source declares or the importer proposes, in the body (tables and appendices aside). Two are
  the same indicator when their labels are equal and specific (:func:`specific_label`: between
  ``LABEL_SHORTEST`` characters and the importer's cut ``LABEL_CUT``, not a generic word, not
  opened by a verb or a comparison, no word of a cut phrase such as 分别 or 等, and ending with an
  indicator's head noun such as 总值, 收入, …率, optionally followed by 增长/下降), their base units
  are equal, the year their sentence states before them (else the period's year) and the part of
  the year it names (上半年, 一季度, 年底) are equal (a sentence that names no year takes the time its
  paragraph or an earlier one opens with: 2020年是…, or a stretch of years, “十三五”时期…, 五年来…,
  whose figures are compared with each other only: :func:`time_frames`), and
  their period is the same: a result of the review or a target of the plan, told by the
  sentence's words (去年, 过去一年 …; 目标, 预期, 力争, 今年 …) or else by the part's heading (its
  year before the report's, or 回顾/成就 against 安排/目标); a part that tells neither is a period
  of its own. Not compared: a figure that qualifies the noun after it (8亿元以上工业企业),
  sentences with 分别 or spanning years (年均, 累计, “十四五”), and two figures of one sentence.
  Hedged and ranged values are compared as what they state: with the same hedge (two 以上, two
  左右) their numbers must agree as rounded; otherwise what they allow must overlap (超过126万亿元
  agrees with 126.06万亿元; two exact values allow what rounds to them, so 1亿元 and 2亿元 do not
  agree). A figure is placed at its quote after its label, else (a label the importer composed,
  建筑业总产值 … 增长11.3%) after the figure before it in its paragraph. The finding stands at the
  later place and cites the earlier one.
- ``struct-glossary-order``: a glossary entry listed after one that the body uses later (entries
  follow the order of first use in the body). Read only when the glossary follows that order
  (at least ``ORDERED_SHARE`` of neighbouring entries do; another order, by field or stroke, is
  the report's own convention); entries the body never uses are not ordered. An entry is first
  used where its term stands, or the coined name quoted in it (“健康四川”行动 at “健康四川”建设).
- ``struct-undefined-term`` (advisory): a quoted term that the body explains on the spot
  (“…”是指… , “…”即… , “…”，即…) while the report has a glossary without an entry for it (a
  report without a glossary explains its terms in the text, and is not advised).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from generator.datafiles import data_text
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
    Rule(
        "struct-figure-mismatch",
        FAMILY,
        "同一指标同一时期在两处数值不一致（按具体名称、单位、年份比较；回顾的结果不与计划的目标比较）",
        "the same indicator of the same period stated with different values in two places",
        "",
    ),
    Rule(
        "struct-glossary-order",
        FAMILY,
        "名词解释的条目按正文中首次出现的顺序排列",
        "glossary entries in the order of their first use in the body",
        "",
    ),
    Rule(
        "struct-undefined-term",
        FAMILY,
        "正文用“即……”“……是指”解释的引号术语在名词解释中没有条目（建议）",
        "a quoted term the body explains (即…, 是指…) has no glossary entry (advisory)",
        "",
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
CLAUSE_START = set("。；：！？，\n")
RUNNING: list[tuple[str, re.Pattern[str]]] = [
    ("一是", re.compile(rf"({CN})是(?=[，、：]?[\u4e00-\u9fff“（])")),
    ("第一，", re.compile(rf"第({CN})(?=[，、：])(?![、][{CN_DIGITS}])")),
    ("（1）", re.compile(r"[（(](\d{1,2})[）)](?=[\u4e00-\u9fff“])")),
]
"""Enumerators of running text (style, pattern at a clause start)."""
ORDER_WORDS = {"首先": 1, "其次": 2, "再次": 3}
ORDER_WORD = re.compile(r"(首先|其次|再次)(?=，)")


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


@lru_cache(maxsize=1)
def _chinese_values() -> dict[str, int]:
    """Chinese numerals as sequences write them (一 … 一百九十九) → their values."""
    return {chinese_numeral(n): n for n in range(1, 200)}


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


LABEL_SHORTEST = 4
"""A label shorter than this names no one indicator (税收, 投资额)."""
LABEL_CUT = 12
"""The importer keeps at most this many characters of a label: a label this long may be cut inside a word."""
REVIEW_HEADING = re.compile(r"回顾|过去|成就|总结|进展|工作情况")
PLAN_HEADING = re.compile(r"安排|目标|任务|计划|部署|展望|今后|建议|要求|取向|(?<!主要)工作重点|重点工作")
TARGET_WORDS = re.compile(r"目标|预期|力争|确保|争取|计划|拟|今年|明年")
RESULT_WORDS = re.compile(r"去年|(?<!比)上年|过去一年|过去五年|增长了|提高了|下降了|完成了|实现了|达到了")
MANY_YEARS = re.compile(r"年均|累计|五年|十三五|十四五|十二五|以来|期间|[0-9]{4}[—\-－~～至到][0-9]{4}|近[两三四五]年")
YEAR = re.compile(r"([12][0-9]{3})年")
PART_OF_YEAR = re.compile(
    r"[一二三四1-4]季度|前三季度|上半年|下半年|[0-9一二三四五六七八九十]{1,3}月|年初|年末|年底|月末|月底"
)
"""A part of the year a sentence names before its figure (上半年，地区生产总值增长5%): compared only with the same."""
UNDATED_YEAR = 1970
ONE_YEAR_BACK = re.compile(r"过去一年|一年来|去年|上一年")
"""An opening that turns to the year under review (过去一年，…), after a stretch of several years."""
OPENING_CLAUSE = re.compile(r"[^，。；：！？]*")
"""The importer dates a draft that names no date 1970-01-01."""
SENTENCE_END = "。！？"
STATEMENT_END = "，。；：、！？）”"
"""What follows a figure that states an indicator's value (增长5.2%，), not one that qualifies a noun."""
UP_HEDGES = ("超过", "以上", "突破", "逾", "超", "余", "多", "不少于", "不低于", "至少", "高于", "多达", "高达")
DOWN_HEDGES = ("近", "接近", "将近", "不到", "不足", "以下", "以内", "不超过", "不高于", "低于")
ABOUT_HEDGES = ("左右", "约", "大约", "上下")
ABOUT = Decimal("0.1")
"""How far 左右/约 reach either side, as a share of the value (5%左右 is 4.5%–5.5%)."""


@dataclass(frozen=True)
class Statement:
    """A figure as a statement: indicator key, what values it allows, and where it stands."""

    key: tuple[str, str, str, str]
    sentence: tuple[int, int]
    hedge: str
    low: Decimal | None
    high: Decimal | None
    quote: str
    unit: int
    start: int


@dataclass(frozen=True)
class LabelWords:
    """The word lists that tell a specific figure label (data/generic_labels.txt)."""

    generic: frozenset[str]
    openers: tuple[str, ...]
    cut_marks: tuple[str, ...]
    heads: tuple[str, ...]
    changes: tuple[str, ...]


@lru_cache(maxsize=1)
def label_words() -> LabelWords:
    """The word lists of data/generic_labels.txt, by the mark that opens their lines."""
    lists: dict[str, list[str]] = {"": [], "@": [], "%": [], "^": [], "~": []}
    data = data_text("generator.proof", "data/generic_labels.txt")
    for line in data.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        mark = line[0] if line[0] in "@%^~" else ""
        lists[mark] += line[len(mark) :].split()
    longest = lambda words: tuple(sorted(words, key=len, reverse=True))  # noqa: E731
    return LabelWords(
        frozenset(lists[""]), longest(lists["@"]), tuple(lists["%"]), longest(lists["^"]), longest(lists["~"])
    )


def specific_label(label: str) -> bool:
    """Whether a figure label names one indicator.

    Long enough and not cut by the importer's length limit; not a generic word; not opened by a
    verb or a comparison; no word that shows a phrase cut around the number (分别, 等, 我省);
    and it ends with an indicator's head noun (总值, 收入, 产量, …率), optionally followed by a
    change word (增长, 下降).
    """
    words = label_words()
    if not LABEL_SHORTEST <= len(label) < LABEL_CUT or label in words.generic:
        return False
    if label.startswith(words.openers) or any(mark in label for mark in words.cut_marks):
        return False
    if not all(_han_or_latin(ch) for ch in label):
        return False
    stem = label
    for change in words.changes:
        if stem.endswith(change):
            stem = stem[: -len(change)]
            break
    return stem.endswith(words.heads) and len(stem) >= LABEL_SHORTEST - 1


def _han_or_latin(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or ch.isascii() and ch.isalnum()


def _sentence(text: str, start: int, end: int) -> tuple[int, str]:
    """The sentence around ``text[start:end]``: its start and its text."""
    begin = max(text.rfind(ch, 0, start) for ch in SENTENCE_END) + 1
    stops = [i for i in (text.find(ch, end) for ch in SENTENCE_END) if i >= 0]
    return begin, text[begin : min(stops) if stops else len(text)]


def _part_period(text: ProofText, part_index: int) -> str:
    """review, plan or '' for a part, by its heading.

    By the year the heading names (before the report's year: review), else by its words (回顾,
    成就 …: review; 安排, 目标 …: plan).
    """
    heading = text.report.parts[part_index].heading
    years = [int(y) for y in YEAR.findall(heading)]
    this_year = _report_year(text)
    if years and this_year:
        return "review" if max(years) < this_year else "plan"
    review, plan = REVIEW_HEADING.search(heading), PLAN_HEADING.search(heading)
    if review and not plan:
        return "review"
    if plan and not review:
        return "plan"
    return ""


def time_frames(text: ProofText) -> dict[int, str]:
    """The time each body unit speaks of, as its opening sets it: a year (``"2020"``), ``"span"`` or ``""``.

    A paragraph whose opening clause names a year (2020年是…, 2020年，…), several years
    (“十三五”时期…, 五年来，…, 过去五年) or the year under review (过去一年，…) sets the time of
    itself and of what follows, up to the next such opening or the next part; whichever the clause
    names first counts (2020年是“十三五”规划收官之年 → 2020). A heading sets it when it names
    one time only (一、“十三五”时期发展成就和2020年主要工作 names two: the time is left open).
    The figures of a stretch of several years are compared with each other only (key ``span``).
    """
    out: dict[int, str] = {}
    frame = ""
    review_year = text.report.meta.date.year - 1
    for unit in _body_units(text):
        if unit.kind == "heading" and unit.level == 1:
            frame = ""
        opening = unit.text if unit.kind == "heading" else OPENING_CLAUSE.match(unit.text).group()
        marks = [(m.start(), m.group(1)) for m in YEAR.finditer(opening)]
        marks += [(m.start(), "span") for m in MANY_YEARS.finditer(opening)]
        if review_year > UNDATED_YEAR:
            marks += [(m.start(), str(review_year)) for m in ONE_YEAR_BACK.finditer(opening)]
        if marks and unit.kind == "heading":
            frame = marks[0][1] if len({value for _, value in marks}) == 1 else ""
        elif marks:
            frame = min(marks)[1]
        out[unit.index] = frame
    return out


def _report_year(text: ProofText) -> int | None:
    """The year of the meeting, when the report says it (an imported draft without a date has none)."""
    year = text.report.meta.date.year
    return year if year > UNDATED_YEAR else None


def _hedge(figure) -> str:
    """What a figure's hedge says: range, up (以上, 超过, 余), down (近, 以内), about (左右, 约), or '' (exact)."""
    quantity = figure.quantity
    if quantity.upper is not None:
        return "range"
    hedges = [h for h in (quantity.prefix, quantity.suffix.lstrip("余多"), quantity.suffix[:1]) if h]
    for kind, words in (("up", UP_HEDGES), ("down", DOWN_HEDGES), ("about", ABOUT_HEDGES)):
        if any(h in words for h in hedges):
            return kind
    return ""


def _bounds(figure, hedge: str) -> tuple[Decimal | None, Decimal | None]:
    """The values a figure allows, in its base unit: a range, a hedge's side, or the number as rounded."""
    value = figure.quantity.value
    if hedge == "range":
        return value, figure.quantity.upper
    if hedge == "up":
        return value, None
    if hedge == "down":
        return None, value
    if hedge == "about":
        return value * (1 - ABOUT), value * (1 + ABOUT)
    half = _half_step(value)
    return value - half, value + half


def _half_step(value: Decimal) -> Decimal:
    """Half the step of the last digit written (5.2 → 0.05; 1244万 → 5000): what rounding may hide."""
    exponent = value.normalize().as_tuple().exponent
    return Decimal(5).scaleb(exponent - 1) if isinstance(exponent, int) else Decimal(0)


def statements(text: ProofText) -> list[Statement]:
    """Every figure of the body that can be compared: specific label, one period, one year, not a table's."""
    units_of: dict[tuple, list[Unit]] = {}
    for unit in text.units:
        if unit.node is not None and unit.kind in ("paragraph", "item"):
            units_of.setdefault(unit.node.path, []).append(unit)
    out: list[Statement] = []
    places = _Places()
    review_year = text.report.meta.date.year - 1
    frames = time_frames(text)
    for figure, node, _path in text.report.figure_places():
        if node.kind == "table" or node.zone == "appendix":
            continue
        place = places.find(units_of.get(node.path, []), figure)
        if place is None or not specific_label(figure.label):
            continue
        try:
            hedge = _hedge(figure)
            low, high = _bounds(figure, hedge)
            base = figure.base_unit
        except Exception:  # noqa: BLE001 — a quote the number rules cannot read is not compared
            continue
        unit, start = place
        after = unit.text[start + len(figure.quote) : start + len(figure.quote) + 1]
        if after and after not in STATEMENT_END:
            continue  # the number qualifies what follows (8亿元以上工业企业), it states no indicator
        begin, sentence = _sentence(unit.text, start, start + len(figure.quote))
        if MANY_YEARS.search(sentence) or "分别" in sentence:
            continue
        period = _period(text, node, sentence)
        if not period:
            continue
        years = [int(y) for y in YEAR.findall(unit.text[begin:start])]
        default = {"review": review_year, "plan": review_year + 1}.get(period, 0)
        year = years[-1] if years else frames.get(unit.index) or default
        within = PART_OF_YEAR.findall(unit.text[begin:start])
        key = (figure.label, base, period, f"{year}{within[-1] if within else ''}")
        out.append(Statement(key, (unit.index, begin), hedge, low, high, figure.quote, unit.index, start))
    return out


LABEL_GAP = 4
"""How many characters may stand between a figure's label and its quote (trimmed verbs: 达到, 为)."""


class _Places:
    """Where each figure stands in the units of its node, figures taken in the order the node declares them.

    A figure stands at its quote right after its label (the label written out: 地区生产总值增长7.5%);
    a label the importer composed (a subject carried over, 建筑业总产值 … 增长11.3%) is not written
    before its quote, and such a figure stands at the first occurrence of its quote after the
    figure placed before it in the node (the importer declares them in reading order), else at the
    first occurrence not taken. A quote inside a longer number (5% of 15%) is no occurrence.
    """

    def __init__(self) -> None:
        self.taken: set[tuple[int, int]] = set()
        self.after: dict[tuple, tuple[int, int]] = {}

    def find(self, units: list[Unit], figure) -> tuple[Unit, int] | None:
        """The unit and offset of ``figure`` among ``units`` (those of its node), or None."""
        if not units:
            return None
        occurrences = [(unit, at) for unit in units for at in _occurrences(unit.text, figure.quote)]
        free = [(unit, at) for unit, at in occurrences if (unit.index, at) not in self.taken]
        cursor = self.after.get(units[0].node.path, (-1, -1))
        labelled = [(unit, at) for unit, at in free if _labelled(unit.text, at, figure.label)]
        ahead = [(unit, at) for unit, at in free if (unit.index, at) >= cursor]
        place = next(iter(labelled or ahead or free), None)
        if place is None:
            return None
        unit, at = place
        self.taken.add((unit.index, at))
        self.after[units[0].node.path] = (unit.index, at + len(figure.quote))
        return place


def _occurrences(text: str, quote: str) -> list[int]:
    """Offsets of ``quote`` in ``text`` that are not part of a longer number."""
    out, at = [], text.find(quote)
    while at >= 0:
        end = at + len(quote)
        inside = quote[:1].isdigit() and at > 0 and (text[at - 1].isdigit() or text[at - 1] == ".")
        if not inside and not text[end : end + 1].isdigit():
            out.append(at)
        at = text.find(quote, at + 1)
    return out


def _labelled(text: str, at: int, label: str) -> bool:
    """Whether ``label`` is written right before offset ``at`` (within :data:`LABEL_GAP` characters)."""
    return label in text[max(0, at - len(label) - LABEL_GAP) : at]


def _period(text: ProofText, node, sentence: str) -> str:
    """Review (a result) or plan (a target) for a figure, from its sentence, else its part; '' when unsure.

    A part whose heading names neither is one period of its own (``part-N``): its figures are
    compared with each other only.
    """
    target, result = TARGET_WORDS.search(sentence), RESULT_WORDS.search(sentence)
    if target and result:
        return ""
    part = _part_period(text, node.part_index) if node.zone == "body" else ""
    if target:
        return "plan" if part != "review" else ""
    if result:
        return "review" if part != "plan" else ""
    if not part and node.zone == "body":
        return f"part-{node.part_index}"
    return part


def figures(text: ProofText) -> Iterator[Finding]:
    """The same indicator of the same period stated with values that cannot both hold."""
    first: dict[tuple, Statement] = {}
    for statement in statements(text):
        earlier = first.get(statement.key)
        if earlier is None:
            first[statement.key] = statement
            continue
        if earlier.sentence == statement.sentence or _overlap(earlier, statement):
            continue  # two values in one sentence are two subjects (省级…98.7%，政务服务…80%以上)
        label = statement.key[0]
        zh = f"“{label}”前文为“{earlier.quote}”，此处为“{statement.quote}”"
        en = f"“{label}” is stated as “{earlier.quote}” earlier and as “{statement.quote}” here"
        end = statement.start + len(statement.quote)
        related = (earlier.unit, earlier.start)
        yield Finding("struct-figure-mismatch", statement.unit, statement.start, end, (zh, en), earlier.quote, related)


def _overlap(a: Statement, b: Statement) -> bool:
    """Whether two statements of one indicator agree.

    With the same hedge they state the same kind of value (two floors, two estimates): their
    numbers must be equal as rounded. Otherwise what they allow must overlap (超过126万亿元 and
    126.06万亿元 agree). Two exact values allow what rounds to them, up to but not including the
    next half step (1亿元: from 0.5 to under 1.5亿元), so 1亿元 and 2亿元 do not agree.
    """
    if a.hedge == b.hedge and a.hedge:
        return all(_same_number(x, y) for x, y in ((a.low, b.low), (a.high, b.high)) if x is not None and y is not None)
    low = max(x for x in (a.low, b.low, Decimal("-Infinity")) if x is not None)
    high = min(x for x in (a.high, b.high, Decimal("Infinity")) if x is not None)
    if not a.hedge and not b.hedge:
        return low < high
    return low <= high


def _same_number(x: Decimal, y: Decimal) -> bool:
    return abs(x - y) <= max(_half_step(x), _half_step(y))


ORDERED_SHARE = 0.6
"""A glossary follows the order of first use when at least this share of its neighbouring entries do;
one that does not follows another order (by field, by stroke), and is not read for order."""
EXPLAINED = re.compile(r"“([^“”]{2,15})”(?:是指|即|[，,]即|（即|\(即)")
"""A quoted term the text explains on the spot: “…”是指…, “…”即…, “…”，即…."""
BODY_ZONES = ("opening", "body", "closing")


def _body_units(text: ProofText) -> list[Unit]:
    return [u for u in text.units if u.zone in BODY_ZONES and u.kind in ("paragraph", "item", "heading", "cell")]


QUOTED_NAME = re.compile(r"“([^“”]{2,})”")
"""A coined name in quotation marks inside a term (“健康四川”行动): the body may name it alone first."""


def _first_uses(text: ProofText, entries) -> list[tuple[int, int] | None]:
    """Where the body first uses each entry, or None.

    An entry is used where its match texts stand (also without their quotation marks), or where
    the coined name quoted in its term stands (“健康四川”行动 is first used as “健康四川”建设).
    """
    body = _body_units(text)
    out: list[tuple[int, int] | None] = []
    for entry in entries:
        best = None
        matches = entry.match_texts()
        names = [f"“{name}”" for name in QUOTED_NAME.findall(entry.term)]
        for match in matches + [bare for m in matches if (bare := m.strip("“”")) != m] + names:
            for unit in body:
                at = unit.text.find(match) if match else -1
                if at >= 0:
                    best = min(best, (unit.index, at)) if best else (unit.index, at)
                    break
        out.append(best)
    return out


def glossary_order(text: ProofText) -> Iterator[Finding]:
    """Glossary entries listed before an entry that the body uses earlier (when the glossary follows first use)."""
    appendix = text.report.glossary_appendix()
    if appendix is None or appendix.glossary is None:
        return
    entries = appendix.glossary.entries
    units = [u for u in text.units if u.kind == "glossary"]
    if len(units) != len(entries):
        return
    uses = _first_uses(text, entries)
    used = [(i, use) for i, use in enumerate(uses) if use is not None]
    pairs = list(zip(used, used[1:], strict=False))
    if not pairs or sum(1 for (_, a), (_, b) in pairs if a <= b) < ORDERED_SHARE * len(pairs):
        return
    for (_i, previous), (k, use) in pairs:
        if use >= previous:
            continue
        unit = units[k]
        term = entries[k].term
        start = max(unit.text.find(term), 0)
        named, before = _cite(term), _cite(entries[_i].term)
        zh = f"名词解释{named}在正文中首次出现早于上一条{before}，应排在其前"
        en = f"glossary entry {named} is used in the body before {before}, listed above it"
        yield Finding("struct-glossary-order", unit.index, start, start + len(term), (zh, en), "", use)


def _cite(text: str) -> str:
    """``text`` in quotation marks, its own double marks made single (“‘放管服’改革”)."""
    return "“" + text.replace("“", "‘").replace("”", "’") + "”"


def undefined_terms(text: ProofText) -> Iterator[Finding]:
    """Quoted terms the body explains on the spot while the glossary has no entry for them (advisory)."""
    appendix = text.report.glossary_appendix()
    if appendix is None or appendix.glossary is None:
        return
    known = " ".join(f"{e.term} {' '.join(e.match_texts())}" for e in appendix.glossary.entries)
    for unit in _body_units(text):
        for m in EXPLAINED.finditer(unit.text):
            term = m.group(1)
            if term in known:
                continue
            zh = f"正文解释了“{term}”，名词解释中没有这一条（建议）"
            en = f"the body explains “{term}” but the glossary has no entry for it (advisory)"
            yield Finding("struct-undefined-term", unit.index, m.start(1), m.end(1), (zh, en), "")


def check(text: ProofText) -> Iterator[Finding]:
    """Findings of the structure family."""
    yield from numbering(text)
    yield from figures(text)
    yield from glossary_order(text)
    yield from undefined_terms(text)
