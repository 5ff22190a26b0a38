"""Proofreading rules of the words family: doubled characters or words, common wrong forms.

Rules (each reads every unit of the printed text):

- ``word-doubled``: a character or a word written twice by a slip of the keyboard (的的, 推进进,
  推进推进). Not a finding:

  * a reduplication listed in ``data/reduplications.txt`` (常常, 人人, 家家户户, 不了了之, 目的的),
    standing in the text as listed;
  * a doubled classifier after 一 (一个个, 一项项) and 一X一X (一步一步);
  * a doubled character across two words (财政政策 = 财政 + 政策, 农民工工资 = 农民工 + 工资): the
    character is not a function word (``data/function_characters.txt``) and a word of
    ``data/word_heads.txt`` (common words of official writing that often follow a word ending in
    their first character: 政策, 工资, 水源, 省长 …) starts at its second half.

  The speaker line is not read for doublings (a given name may double a character: 王丽丽).
  A function character doubled (的的, 和和) is a finding unless a listed word covers it; three of a
  kind (进进进) always are. A doubled word (推进推进) is a finding when the report writes the word
  elsewhere too (else it is two words meeting: 退税、缓税、缓费 reads 税缓税缓).
- ``word-wrong-form``: a wrong form from ``data/wrong_forms.tsv`` (at least 200 common 错别字 of
  official writing: 布署 → 部署, 再接再励 → 再接再厉, 按排 → 安排), unless one of the entry's
  exceptions covers it there (按排放, 以德报怨) or its condition does not hold (截止 → 截至 only
  before a date or a time: 截止2023年底, not 截止日期 or 截止到). A short quoted name (“…” of
  at most ``QUOTED_NAME`` characters) is a coinage as the report means it (“智惠导服”) and is not
  read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from generator.datafiles import data_text, data_words
from generator.proof.core import Finding, ProofText, Rule, Unit

FAMILY = "words"
RULES: list[Rule] = [
    Rule(
        "word-doubled",
        FAMILY,
        "字或词误重复（的的、推进进），叠字叠词除外",
        "a character or word written twice by mistake (reduplications excepted)",
        "",
    ),
    Rule(
        "word-wrong-form",
        FAMILY,
        "常见错别字（布署→部署、再接再励→再接再厉、日期前的截止→截至）",
        "a common wrong form of official writing (布署 → 部署; 截止 before a date → 截至)",
        "",
    ),
]

HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
DOUBLED_CHAR = re.compile(rf"([{HAN}])\1+")
DOUBLED_WORD = re.compile(rf"([{HAN}]{{2,4}})\1")
NAME_UNITS = ("byline",)
"""Units that name a person (市长　王丽丽): a doubled character there is a name, not a slip."""
QUOTED = re.compile(r"“([^“”]*)”")
QUOTED_NAME = 10
"""A quoted text this short is a name (a coinage such as “智惠导服”): wrong forms are not read in it."""
DATE_AFTER = re.compile(
    r"\s*(?:[0-9０-９]|[〇零一二三四五六七八九十]{2,4}年|目前|今年|去年|上年|本年|当年|年底|年末|年初|月底|月末|"
    r"当前|现在|今天|昨日|昨天|本月|上月|发稿|[上下]半年|本季度|[一二三四]季度末)"
)
"""What follows 截止 when it is used before a date or time (then 截至 is right)."""
CONDITIONS = {"": None, "date": DATE_AFTER}


@dataclass(frozen=True)
class WrongForm:
    """An entry of the wrong-forms table."""

    wrong: str
    right: str
    exceptions: tuple[str, ...]
    condition: str


def _data(name: str) -> str:
    return data_text("generator.proof", f"data/{name}")


def _words(name: str) -> list[str]:
    """The whitespace-separated entries of a data file, comments left out."""
    return data_words("generator.proof", f"data/{name}")


@lru_cache(maxsize=1)
def wrong_forms() -> dict[str, WrongForm]:
    """The wrong-forms table, by wrong form."""
    out: dict[str, WrongForm] = {}
    for line in _data("wrong_forms.tsv").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        wrong, right, exceptions, condition = (line.split("\t") + ["", ""])[:4]
        kept = tuple(e for e in exceptions.split("、") if e)
        out[wrong] = WrongForm(wrong, right, kept, condition)
    return out


@lru_cache(maxsize=1)
def _wrong_pattern() -> re.Pattern[str]:
    forms = sorted(wrong_forms(), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, forms)))


@lru_cache(maxsize=1)
def reduplications() -> frozenset[str]:
    """Legitimate reduplications and words with a doubled character inside."""
    return frozenset(_words("reduplications.txt"))


@lru_cache(maxsize=1)
def word_heads() -> dict[str, tuple[str, ...]]:
    """Words that often follow a word ending in their first character, by that character."""
    out: dict[str, list[str]] = {}
    for word in _words("word_heads.txt"):
        out.setdefault(word[0], []).append(word)
    return {ch: tuple(words) for ch, words in out.items()}


@lru_cache(maxsize=1)
def function_characters() -> frozenset[str]:
    """Function characters: doubled, a slip unless a listed word covers them."""
    return frozenset(_words("function_characters.txt"))


def covered(text: str, start: int, end: int, words: frozenset[str] | tuple[str, ...], core: str) -> bool:
    """Whether one of ``words`` (each containing ``core``) stands in ``text`` over ``text[start:end]``."""
    for word in words:
        at = word.find(core)
        while at >= 0:
            begin = start - at
            if begin >= 0 and text[begin : begin + len(word)] == word and begin + len(word) >= end:
                return True
            at = word.find(core, at + 1)
    return False


class Vocabulary:
    """The report's own text, to tell the words it writes (a piece it uses elsewhere too)."""

    def __init__(self, texts: list[str]) -> None:
        self.joined = "\n".join(texts)

    def used_elsewhere(self, piece: str, here: int = 1) -> bool:
        """Whether the report writes ``piece`` more often than the ``here`` times it stands at the place checked."""
        return self.joined.count(piece) > here


def _han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u4dbf" or "\u4e00" <= ch <= "\u9fff"


def check(text: ProofText) -> Iterator[Finding]:
    """Findings of the words family on every unit."""
    vocabulary = Vocabulary([u.text for u in text.units])
    for unit in text.units:
        if unit.kind not in NAME_UNITS:
            yield from doubled(unit, vocabulary)
        yield from wrong(unit)


def doubled(unit: Unit, vocabulary: Vocabulary) -> Iterator[Finding]:
    """Characters and words written twice by mistake."""
    text = unit.text
    for m in DOUBLED_CHAR.finditer(text):
        if _legit_doubled_char(text, m.start(), m.end(), vocabulary):
            continue
        ch = m.group(1)
        yield Finding(
            "word-doubled",
            unit.index,
            m.start(),
            m.end(),
            (f"“{ch}”重复", f"“{ch}” written {m.end() - m.start()} times"),
            ch,
        )
    for m in DOUBLED_WORD.finditer(text):
        word = m.group(1)
        if len(set(word)) == 1 or word.startswith("一") or not vocabulary.used_elsewhere(word, 2):
            continue  # 一步一步; a piece the report never writes alone is two words meeting (退税缓税缓费)
        if covered(text, m.start(), m.end(), reduplications(), m.group()):
            continue
        message = (f"“{word}”重复", f"“{word}” written twice")
        yield Finding("word-doubled", unit.index, m.start(), m.end(), message, word)


def _legit_doubled_char(text: str, start: int, end: int, vocabulary: Vocabulary) -> bool:
    """Whether the doubled character ``text[start:end]`` is a reduplication or sits across two words."""
    if end - start > 2:
        return False
    ch = text[start]
    if covered(text, start, end, reduplications(), ch + ch):
        return True
    if start and text[start - 1] == "一":
        return True
    if ch in function_characters():
        return False
    return any(text.startswith(word, start + 1) for word in word_heads().get(ch, ()))


def _quoted_names(text: str) -> list[tuple[int, int]]:
    return [(m.start(1), m.end(1)) for m in QUOTED.finditer(text) if len(m.group(1)) <= QUOTED_NAME]


def wrong(unit: Unit) -> Iterator[Finding]:
    """Wrong forms of the table, where no exception covers them and their condition holds."""
    text = unit.text
    names = None
    for m in _wrong_pattern().finditer(text):
        form = wrong_forms()[m.group()]
        if form.exceptions and covered(text, m.start(), m.end(), form.exceptions, form.wrong):
            continue
        condition = CONDITIONS.get(form.condition)
        if condition is not None and not condition.match(text, m.end()):
            continue
        names = _quoted_names(text) if names is None else names
        if any(a <= m.start() and m.end() <= b for a, b in names):
            continue
        where = "（用于日期、时间之前）" if form.condition == "date" else ""
        where_en = " (before a date or time)" if form.condition == "date" else ""
        yield Finding(
            "word-wrong-form",
            unit.index,
            m.start(),
            m.end(),
            (f"“{form.wrong}”应为“{form.right}”{where}", f"“{form.wrong}” should be “{form.right}”{where_en}"),
            form.right,
        )
