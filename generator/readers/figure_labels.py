"""Labels proposed for imported figures: what was measured, as a whole word group of the sentence.

The rules read the shape of the language only (punctuation, numbers, function words and word
lists kept as data beside this module: ``figure_verbs.txt``, ``figure_fillers.txt``,
``figure_words.txt``); they know no report and use no segmenter.

1. **The clause.** A label is taken from the clause before the number: back to the last clause
   mark (，。；：、！？ brackets, dashes) or to the end of the quantity before it (a per-unit tail
   such as ``/亩`` counts with that quantity). Quotes and spaces do not end a clause (“三品一标”50个);
   a quotation opened and not closed before the number is the name the number belongs to
   (出台“中小企业26条” → 中小企业). A full stop between digits (2.0版) is not a clause mark. Both ends
   of a label are thus a clause mark, a number or a word of the lists: never a random character.
2. **Trimming.** Fillers (我们, 全市, 其中, 同比, 分别…) and the verbs
   that only state a quantity (达到, 实现, 完成, 累计, 控制在…) are dropped
   where they open or close the label; a date at either end too
   (2016年末…, …2015年为). A verb with 至/到 goes whole (增至, 提高到:
   the number is the level reached, 森林覆盖率提高到55% → 森林覆盖率).
   What follows 由/从 is dropped (补贴标准由每人每月 → 补贴标准: the
   range's ends are numbers of their own); 分别/同比/比上年 between a
   subject and its verb of change are dropped (利润总额分别同比增长 →
   利润总额增长). A one-character word is dropped at the end only when,
   with the character before it, it makes no word of ``figure_words.txt``
   (人均, 占比, 公共 stay whole). A label longer than :data:`LONGEST`
   characters keeps what follows its last 的 (the head of the noun
   phrase); without one it is kept whole, never cut at a character count.
3. **Bare labels.** A label made only of listed verbs and fillers (增长, 实施, 我们遭遇, 年均增长)
   names nothing, and is completed:

   a. a count followed by what it counts (建设5家省实验室、9家高水平医院) takes that noun phrase
      (up to a clause mark, a number, 和/及/与/的/等, or, past twelve characters, a listed verb or
      function word), after the bare action verb when there is one: 建设省实验室, 高水平医院. A
      count right after another quantity (8家县级医院和5家康复医院) takes its own noun so too;
   b. else the subject is carried over from the last labelled figure of the sentence, without its
      verb of change (一般公共预算收入275.8亿元、增长9.8% → 一般公共预算收入增长); with only fillers
      left (和9.2%) that figure's label is repeated;
   c. else, for a verb of change, a clause cut by a bracket (煤改气（电）完成) or a 分别, the
      subject is the clause before, up to its first verb that states or changes a quantity
      (进出口总额突破百亿美元大关、增长12.6% → 进出口总额增长);
   d. else, for an amount or ratio, what stands after it (设立200亿元产业扶持资金 → 设立产业扶持资金).

4. **Nothing names it.** A quantity whose label none of these completes is not proposed as a
   figure (40年来…): a label is a proposal a person keeps, and 增长 or 数据 proposes nothing.

Tables: a cell's figure is labelled with its row's first text cell (whole, line breaks
removed) and the column's header in brackets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from generator.datafiles import data_lines

LONGEST = 16
"""Labels longer than this keep only the head after their last 的 (when there is one)."""
CLAUSE_MARKS = set("，。；：、！？（）()【】,;:!?…—–-·|+＋\t\n")
"""Marks that end a clause; quotes and spaces do not (“三品一标”50个, 示范小区 20个)."""
OPENING_QUOTES, CLOSING_QUOTES = "“‘「《", "”’」》"
SENTENCE_MARKS = "。！？；;!?"
_DIGIT = re.compile(r"[0-9０-９]")
CHANGE_VERBS = (
    "增长",
    "增加",
    "提高",
    "提升",
    "上升",
    "上涨",
    "下降",
    "降低",
    "减少",
    "扩大",
    "缩小",
    "缩短",
    "回升",
    "回落",
)
"""Verbs of change: kept after a carried-over subject (地区生产总值增长), dropped from the subject itself."""
STATING_VERBS = (
    "达到",
    "实现",
    "完成",
    "累计",
    "共计",
    "合计",
    "总计",
    "控制在",
    "稳定在",
    "保持在",
    "超过",
    "突破",
    "可达",
    "达",
)
"""Verbs that only state a quantity: dropped where they open or close a label."""
BETWEEN = ("分别", "同比", "比上年", "较上年", "比去年", "较去年")
"""Fillers dropped between a subject and its verb of change."""
FRONT_SINGLES = set("共并和及与已还也又均都再")
"""One-character fillers dropped where they open a label (共吸引球队, 并稳步推进)."""
AFTER_STOPS = set("和及与的等")
"""One-character words that end the noun phrase after a count."""
PHRASE_BREAKS = set("被将已均都也获在为是从由向对")
"""One-character words that end a long noun phrase after a count (not as its first two characters)."""
BOUND_TO_NUMBER = set("级型式倍期批届号余多以左上下内次")
"""Characters that bind to the number before them (5万吨级, 20万元以上): no noun after the count starts so."""
_AFTER_HEDGE = re.compile(r"(?:及以上|及以下|以上|以下|左右)")
"""A hedge after a count, before what it counts (80周岁及以上老年人)."""
_CJK = re.compile(r"[\u4e00-\u9fff]")
_TIME = re.compile(r"^(?:截至|截止|到|至|在)?\d{4}年(?:末|底|初|内|度|前|以来)?")
"""A date that opens a label (2016年末银行业…): dropped."""
_ASPECT = re.compile(r"了(?!解)")
"""The aspect mark after a verb (not 了解; 为了, 除了 are words of ``figure_words.txt``)."""
_PER_END = re.compile(r"(?:每[\u4e00-\u9fff]{1,2}?){1,2}$")
"""A per-unit phrase closing a label (护理补贴分别达到每人每月): it belongs to the number, dropped."""
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]{1,3}是|第[一二三四五六七八九十]{1,3}[，、]|首先|其次|再次|最后)")
"""An enumeration mark opening a label (七是免费实施…; 第一， but not 第一产业): dropped."""
_TIME_END = re.compile(r"(?:在|到|至)?\d{4}年(?:末|底|初|内|度)?$")
"""A date that closes a label (地区生产总值2015年为…): dropped; a label that is only a date is none."""


@cache
def _word_list(name: str) -> frozenset[str]:
    """The words of a data file beside this module (one a line, ``#`` comments)."""
    return frozenset(data_lines("generator.readers", name))


def verbs() -> frozenset[str]:
    """Verbs that alone name no quantity (``figure_verbs.txt``)."""
    return _word_list("figure_verbs.txt")


def fillers() -> frozenset[str]:
    """Words that name nothing measured (``figure_fillers.txt``)."""
    return _word_list("figure_fillers.txt")


def compounds() -> frozenset[str]:
    """Two-character words whose last character is also a function word (``figure_words.txt``)."""
    return _word_list("figure_words.txt")


def _made_of(label: str, words: frozenset[str]) -> bool:
    """True when ``label`` is a concatenation of ``words`` (the empty label included)."""
    longest = max(map(len, words), default=0)
    reach = [True] + [False] * len(label)
    for i in range(len(label)):
        if reach[i]:
            for j in range(i + 1, min(len(label), i + longest) + 1):
                if label[i:j] in words:
                    reach[j] = True
    return reach[-1]


@cache
def _quiet() -> frozenset[str]:
    """Fillers and stating verbs: words that never name what was measured nor act on it."""
    return fillers() | frozenset(STATING_VERBS)


@cache
def _longest_first(kind: str) -> tuple[str, ...]:
    """Word lists as the strip rules try them, longest first (``front``, ``end``, ``verbs``, ``verbs2``)."""
    pools = {
        "front": [w for w in _quiet() if len(w) >= 2],
        "end": list(_quiet()),
        "verbs": list(verbs()),
        "verbs2": [w for w in verbs() if len(w) >= 2],
        "breaks": list(verbs() | _quiet()),
    }
    return tuple(sorted(pools[kind], key=lambda w: (-len(w), w)))


@cache
def _listed() -> frozenset[str]:
    return verbs() | fillers()


def is_bare(label: str) -> bool:
    """True when ``label`` is only verbs and fillers of the documented lists (增长, 我们遭遇, 年均增长)."""
    return _made_of(label, _listed())


def is_filler(label: str) -> bool:
    """True when ``label`` is only fillers (和, 分别, 其中): nothing of its own to add to a subject."""
    return _made_of(label, fillers())


@dataclass
class Sentence:
    """What the labels of one sentence share: the last label that named something."""

    index: int = -1
    begin: int = 0
    subject: str = ""
    last: str = ""


def clause_start(text: str, start: int, floor: int) -> int:
    """Where the clause before ``start`` begins: after the last clause mark, or at ``floor``."""
    i = start
    while i > floor and not _is_mark(text, i - 1):
        i -= 1
    return i


def _is_mark(text: str, i: int) -> bool:
    """True when ``text[i]`` ends a clause (a full stop between digits does not)."""
    ch = text[i]
    if ch in ".．" and 0 < i < len(text) - 1 and _DIGIT.match(text[i - 1]) and _DIGIT.match(text[i + 1]):
        return False
    return ch in CLAUSE_MARKS or ch in ".．"


def after_unit(text: str, end: int, units: tuple[str, ...]) -> int:
    """The end of a quantity with its per-unit tail (元/亩, 元/人·月) when it has one."""
    if end < len(text) and text[end] in "/／":
        for unit in units:
            if text.startswith(unit, end + 1):
                return end + 1 + len(unit)
        return min(len(text), end + 2)
    return end


def _strip_front(label: str) -> str:
    """Drop fillers and stating verbs that open the label.

    One-character words only from :data:`FRONT_SINGLES`, and only where they make no word of
    ``figure_words.txt`` with the character after them (共吸引 → 吸引; 共享 stays whole).
    """
    words = _longest_first("front")
    changed = True
    while changed:
        changed = False
        for word in words:
            if label.startswith(word) and len(label) > len(word):
                label, changed = label[len(word) :], True
        if label[:1] in FRONT_SINGLES and len(label) > 2 and label[:2] not in compounds():
            label, changed = label[1:], True
    return label


def _strip_end(label: str) -> str:
    """Drop fillers and stating verbs that close the label (one character only where no word is cut).

    A verb with 至/到 (增至, 压减至, 提高到) goes whole: the number after it is the level reached.
    """
    words = _longest_first("end")
    changed = True
    while changed:
        changed = False
        if label[-1:] in ("至", "到"):
            head = label[:-1]
            verb = next((v for v in _longest_first("verbs") if head.endswith(v)), "")
            if verb:  # 增至, 提高到: the number is the level reached, not the change
                label, changed = head[: -len(verb)], True
                continue
        for word in words:
            if not label.endswith(word) or len(label) <= len(word):
                continue
            if len(word) == 1 and label[-2:] in compounds():
                continue
            label, changed = label[: -len(word)], True
            break
    return label


def _strip_between(label: str) -> str:
    """Drop 分别/同比/比上年 inside a label: they distribute or compare, and name nothing (X分别年均增长)."""
    for word in BETWEEN:
        at = label.find(word, 1)
        while at > 0:
            label = label[:at] + label[at + len(word) :]
            at = label.find(word, 1)
    return label


def _balanced(label: str, inner: bool = False) -> str:
    """The label without a quotation mark it opens or closes but does not hold whole.

    ``inner``: a quotation opened and not closed keeps what it holds and drops what stands
    before it (出台“中小企业 → 中小企业: the number belongs to the quoted name).
    """
    depth, start = 0, 0
    for i, ch in enumerate(label):
        if ch in OPENING_QUOTES:
            depth += 1
        elif ch in CLOSING_QUOTES:
            if depth == 0:
                start = i + 1
            else:
                depth -= 1
    label = label[start:]
    while depth > 0:
        at = max(label.rfind(q) for q in OPENING_QUOTES)
        inside = label[at + 1 :]
        label, depth = (inside, 0) if inner and len(inside) >= 2 else (label[:at], depth - 1)
    return label


def _before_from(label: str) -> str:
    """What stands before 由/从 opening a range (标准由每人每月…提高到 → 标准), when that is two characters or more."""
    for at in range(len(label) - 1, 1, -1):
        if label[at] in "由从" and label[at - 1 : at + 1] not in compounds() and label[at : at + 2] not in compounds():
            return label[:at]
    return label


def _head(label: str) -> str:
    """A long label's head: what follows its last 的, when that leaves two characters or more."""
    if len(label) <= LONGEST:
        return label
    at = label.rfind("的")
    return label[at + 1 :] if 0 <= at < len(label) - 2 else label


def trim(phrase: str) -> str:
    """A clause before a number, trimmed to what it names (rules 2)."""
    label = _before_from(_balanced(phrase.replace(" ", "").replace("\u3000", ""), inner=True))
    previous = None
    while label != previous:
        previous = label
        label = _TIME_END.sub("", _TIME.sub("", _strip_end(_strip_front(label)), count=1), count=1)
        label = _PER_END.sub("", _ORDINAL.sub("", label, count=1), count=1) or label
    return _head(_strip_between(label))


def subject_of(label: str) -> str:
    """A label without its closing verb of change or fillers (地区生产总值增长 → 地区生产总值)."""
    for verb in CHANGE_VERBS:
        if label.endswith(verb) and len(label) > len(verb):
            return _strip_end(_strip_between(label)[: -len(verb)])
    return label


def counted_noun(text: str, quote: str, end: int) -> str:
    """The noun phrase right after a count (9家高水平医院 → 高水平医院), or "" (rule 3a)."""
    hedge = _AFTER_HEDGE.match(text, end)
    begin = hedge.end() if hedge else end
    if text[begin : begin + 1] in CLOSING_QUOTES:
        begin += 1
    i = begin
    while i < len(text) and not _is_mark(text, i) and not _DIGIT.match(text[i]) and text[i] not in AFTER_STOPS:
        i += 1
    phrase = text[begin:i]
    if not phrase or (begin == end and (phrase[0] in BOUND_TO_NUMBER or quote[-1:] + phrase[:1] in compounds())):
        return ""
    if len(phrase) > LONGEST - 4:
        phrase = phrase[: _first_break(phrase)]
    aspect = _ASPECT.search(phrase)
    if aspect and phrase[aspect.start() - 1 : aspect.end()] not in compounds():
        cut = _first_break(phrase[: aspect.start()])  # 226家企业实施了错峰生产: the listed verb ends it
        phrase = phrase[:cut] if cut < aspect.start() else ""  # a verb not listed: its length is unknown
    phrase = _balanced(_strip_end(_strip_verbs_at_end(phrase)))
    if len(phrase) < 2 or len(phrase) > LONGEST - 4 or is_bare(phrase):
        return ""
    return phrase


def _strip_verbs_at_end(phrase: str) -> str:
    """A noun phrase after a count without the listed verbs (two characters or more) closing it (康复医院建设)."""
    words = _longest_first("verbs2")
    changed = True
    while changed:
        changed = False
        for word in words:
            if phrase.endswith(word) and len(phrase) > len(word) + 1:
                phrase, changed = phrase[: -len(word)], True
                break
    return phrase


def _first_break(phrase: str, words: frozenset[str] | None = None) -> int:
    """Where a phrase stops naming: its first listed verb or function word (not at 0–1), or of ``words``."""
    cut = len(phrase)
    for word in words if words is not None else _longest_first("breaks"):
        at = phrase.find(word, 2)
        while 0 <= at < cut and len(word) == 1 and phrase[at - 1 : at + 1] in compounds():
            at = phrase.find(word, at + 1)  # 相对: not the function word 对
        if 2 <= at < cut and (len(word) >= 2 or word in PHRASE_BREAKS):
            cut = at
    return cut


def label_for(text: str, start: int, end: int, floor: int, count: bool, sentence: Sentence) -> str:
    """The label of the quantity ``text[start:end]`` (rules 1–4), "" when nothing names it.

    ``count`` is true when its unit counts things (not an amount of money or a ratio).
    """
    begin = clause_start(text, start, floor)
    label = trim(text[begin:start])
    if not _CJK.search(label):
        label = ""
    if begin == floor > 0 and count:
        label = counted_noun(text, text[start:end], end) or label  # 8家县级医院和5家康复医院
    if is_bare(label) or len(label) < 2:
        label = _completed(text, start, end, begin, label, count, sentence)
    if label and not is_bare(label):
        sentence.subject, sentence.last = subject_of(label), label
        return label
    return ""


def _completed(text: str, start: int, end: int, begin: int, bare: str, count: bool, sentence: Sentence) -> str:
    """A bare label completed by what the count counts, or by the sentence's subject (rule 3)."""
    noun = counted_noun(text, text[start:end], end)
    if count and noun:
        return _verb_and(noun, text[begin:start])
    own = _strip_front(_strip_between(bare)) if bare else ""
    if not own or is_filler(own):
        if sentence.last:
            return sentence.last
        if "分别" in bare:  # 补贴标准，分别从每人每月175元: what is distributed was named before
            return previous_subject(text, begin, sentence.begin)
        return noun if noun and not own else ""
    subject = sentence.subject
    interrupted = text[begin - 1 : begin] in "）)" and begin > 0
    if not subject and (interrupted or any(verb in own for verb in CHANGE_VERBS)):
        subject = previous_subject(text, begin, sentence.begin)
    if subject:
        return subject + _strip_between(own)
    return _verb_and(noun, text[begin:start]) if noun else ""


def _verb_and(noun: str, clause: str) -> str:
    """What a number counts, after the bare verb before it when that is an action (建设 + 省实验室)."""
    verb = _strip_end(_balanced(clause.strip()))
    verb = verb if is_bare(verb) and len(verb) <= 6 and not _made_of(verb, _quiet()) else ""
    return verb + noun if len(verb + noun) <= LONGEST else noun


def previous_subject(text: str, begin: int, floor: int) -> str:
    """The subject of the clause before ``begin`` in the same sentence (进出口总额突破百亿美元大关、增长 → 进出口总额).

    A bracketed aside just before is skipped (居民收入（扣除物价因素）分别增长); the clause is cut
    before its first verb that states or changes a quantity (突破, 达到, 增长…).
    """
    if begin <= floor or not (_is_mark(text, begin - 1) or text[begin - 1] in "）)"):
        return ""  # the clause starts at a number: what stands before belongs to that number
    i = begin - 1
    while i > floor and text[i] in "）)":
        depth = 0
        while i > floor:
            depth += text[i] in "）)"
            depth -= text[i] in "（("
            i -= 1
            if depth == 0:
                break
    if i <= floor:
        return ""
    if _is_mark(text, i):
        i -= 1
    clause = text[clause_start(text, i + 1, floor) : i + 1]
    predicates = frozenset(STATING_VERBS) | frozenset(CHANGE_VERBS)
    clause = clause[: _first_break(clause, predicates)] if len(clause) > 2 else clause
    label = trim(clause)
    return label if 2 <= len(label) <= LONGEST and not is_bare(label) and _CJK.search(label) else ""


def table_label(row_label: str, header: str) -> str:
    """A table cell's label: its row's first text cell, whole, and the column's header in brackets."""
    row = re.sub(r"\s+", "", row_label)
    column = re.sub(r"\s+", "", header)
    if row and column:
        return f"{row}（{column}）"
    return row or column or "数据"
