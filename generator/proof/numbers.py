"""Number rules (GB/T 15835-2011 出版物上数字用法), read from each printed unit.

- ``num-fullwidth``: full-width digits and Latin letters (２０２３, ＧＤＰ): Arabic digits and
  Latin letters are half-width (5.1.8).
- ``num-mixed``: one number written in two numeral systems: Chinese numerals with Arabic digits
  or a Latin O (二0二三年, 二O二三年), 百分之 with Arabic digits (百分之5 → 5%), and 零 in a
  year written in Chinese numerals (二零二三年 → 二〇二三年). Arabic digits with 万 or 亿
  (3万6千, 9818.3万元) are one system with units, not mixed.
- ``num-percent-range``: a percentage range whose first number lost its % (5—6% → 5%—6%).
- ``num-estimate``: a 顿号 between two neighbouring Chinese numerals used as an estimate before a
  measure word (三、四个 → 三四个); not ordinals (第一、二, 一、二季度, 一、二年级).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.proof.core import Finding, ProofText, Rule, Unit, finding_in

FAMILY = "numbers"

RULES: list[Rule] = [
    Rule("num-fullwidth", FAMILY, "全角数字或拉丁字母（２０２３ ＧＤＰ）",
         "full-width digits or Latin letters (２０２３, ＧＤＰ)", "GB/T 15835-2011 5.1.8"),
    Rule("num-mixed", FAMILY, "同一个数混用汉字数字与阿拉伯数字（二0二三年 百分之5 二零二三年）",
         "one number in mixed numeral forms (二0二三年, 百分之5, 二零二三年)", "GB/T 15835-2011 5.2.5, 5.3"),
    Rule("num-percent-range", FAMILY, "百分数范围省略了前一个百分号（5—6%）",
         "a percentage range without its first % (5—6%)", "GB/T 15835-2011 5.1.3"),
    Rule("num-estimate", FAMILY, "相邻数字表示概数时用了顿号（三、四个）",
         "a 顿号 between neighbouring numerals of an estimate (三、四个)",
         "GB/T 15835-2011 5.2.1; GB/T 15834-2011 4.5"),
]  # fmt: skip

FULLWIDTH = re.compile(r"[０-９Ａ-Ｚａ-ｚ](?:[０-９Ａ-Ｚａ-ｚ．]*[０-９Ａ-Ｚａ-ｚ])?")
CN = "〇零一二三四五六七八九"
NUMERAL_RUN = re.compile(rf"[{CN}0-9OoＯ]+")
PERCENT_WORDS = re.compile(r"百分之[ ]*[0-9０-９]+(?:\.[0-9]+)?")
CN_YEAR_ZERO = re.compile(r"[一二三四五六七八九〇零]{4}(?=年)")
PERCENT_RANGE = re.compile(r"(?<![\d.%])(\d+(?:\.\d+)?)[ ]*([—～~\-－–至到])[ ]*(\d+(?:\.\d+)?)[ ]*%")
ESTIMATE = re.compile(
    r"(?<![第初])([一二三四五六七八九两])、([二三四五六七八九十])"
    r"(?=(?:个|名|人|次|天|倍|项|家|条|种|位|批|块|所|座|辆|台|万|千|百|十|岁|周|年(?!级)|小时|分钟|公里|米))"
)
ORDER = "一二三四五六七八九十"


def check(text: ProofText) -> Iterator[Finding]:
    """Every number finding of ``text``."""
    for unit in text.units:
        yield from fullwidth(unit)
        yield from mixed(unit)
        yield from percent_ranges(unit)
        yield from estimates(unit)


def to_halfwidth(text: str) -> str:
    """Full-width ASCII forms (U+FF01–U+FF5E) → their half-width characters."""
    return "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else c for c in text)


def fullwidth(unit: Unit) -> Iterator[Finding]:
    """``num-fullwidth``: runs of full-width digits and Latin letters."""
    for m in FULLWIDTH.finditer(unit.text):
        yield finding_in("num-fullwidth", unit, m.start(), m.end(), f"全角数字或字母“{m.group()}”",
                       f"full-width digits or letters '{m.group()}'", to_halfwidth(m.group()))  # fmt: skip


def mixed(unit: Unit) -> Iterator[Finding]:
    """``num-mixed``: Chinese numerals mixed with Arabic digits, 百分之 with digits, 零 in a year."""
    text = unit.text
    for m in NUMERAL_RUN.finditer(text):
        run = m.group()
        if _mixed_run(run, text[m.end() : m.end() + 1]):
            yield finding_in("num-mixed", unit, m.start(), m.end(), f"“{run}”混用了汉字数字和阿拉伯数字",
                           f"'{run}' mixes Chinese numerals and Arabic digits", "")  # fmt: skip
    for m in PERCENT_WORDS.finditer(text):
        number = m.group()[3:].strip()
        yield finding_in("num-mixed", unit, m.start(), m.end(), f"“{m.group()}”混用了汉字和阿拉伯数字",
                       f"'{m.group()}' mixes words and digits", f"{number}%")  # fmt: skip
    for m in CN_YEAR_ZERO.finditer(text):
        if "零" in m.group():
            yield finding_in("num-mixed", unit, m.start(), m.end(), f"年份“{m.group()}年”中的“零”应为“〇”",
                           f"in the year '{m.group()}年' write 〇, not 零", m.group().replace("零", "〇"))  # fmt: skip


def _mixed_run(run: str, after: str) -> bool:
    """Whether a run of numeral characters mixes systems (a Latin O counts as a digit among Chinese numerals)."""
    chinese = sum(1 for c in run if c in CN)
    digits = sum(1 for c in run if c.isdigit() or c in "OoＯ")
    arabic = sum(1 for c in run if c.isdigit())
    if not chinese or not digits:
        return False
    if "O" in run or "o" in run or "Ｏ" in run:
        return chinese >= 2 and not any(c.isdigit() for c in run) or arabic > 0
    return chinese >= 2 or any(c in "〇零" for c in run) or (after == "年" and len(run) >= 4)


def percent_ranges(unit: Unit) -> Iterator[Finding]:
    """``num-percent-range``: 5—6% (the first number without its %)."""
    text = unit.text
    for m in PERCENT_RANGE.finditer(text):
        first, mark, second = m.group(1), m.group(2), m.group(3)
        yield finding_in("num-percent-range", unit, m.start(), m.end(), f"百分数范围“{m.group()}”省略了前一个“%”",
                       f"percentage range '{m.group()}' drops the first %", f"{first}%{mark}{second}%")  # fmt: skip


def estimates(unit: Unit) -> Iterator[Finding]:
    """``num-estimate``: 三、四个 (neighbouring numerals of an estimate, with a 顿号 between)."""
    for m in ESTIMATE.finditer(unit.text):
        a, b = m.group(1), m.group(2)
        first = 2 if a == "两" else ORDER.index(a) + 1
        if ORDER.index(b) + 1 != first + 1:
            continue
        yield finding_in("num-estimate", unit, m.start(), m.end(), f"概数“{m.group()}”中间不用顿号",
                       f"no 顿号 inside the estimate '{m.group()}'", a + b)  # fmt: skip
