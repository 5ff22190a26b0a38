"""Punctuation rules (GB/T 15834-2011 标点符号用法), read from each printed unit.

- ``punct-pair``: paired marks (“” ‘’ （） 《》 〈〉 【】) balanced and nested within a unit. A
  quotation over several paragraphs opens at each and closes at the last (4.8): a “ left open
  is silent when the next paragraph opens with “. A list number such as ``1）`` opening a unit
  is not a lone bracket, nor is one inside the text after a clause mark (``：1）…；2）…``); an
  ASCII ``)`` closing a ``（`` counts as its pair (``punct-halfwidth``
  reports its width).
- ``punct-halfwidth``: a half-width , . ; : ? ! ( ) with Chinese text on either side. Not a
  finding between digits (1,000 3.5 10:30), after a number opening a list (``1.``), inside a
  web or e-mail address, or amid Latin words and digits (``5G``, ``(GDP)`` in Latin text).
- ``punct-doubled``: two marks of ``，、；：。？！`` side by side (。。 ，， 、。 ，；), save ？！ and !？.
- ``punct-ellipsis``: an ellipsis written … alone, ``...`` or ``。。。`` or ``···`` (→ ……).
- ``punct-dash``: a dash written ``--``, ``－－`` or ``──`` (→ ——). A single — joining two
  years or places (2021—2025年, 西安—咸阳) is a connecting mark (4.13) and is right.
- ``punct-range-hyphen``: a range of numbers joined by an ASCII or full-width hyphen (5%-6%,
  2021-2025年 → —). Not dates (2020-08-20), telephone numbers (0731-88665566) or codes after a
  Latin letter or a slash (GB/T 9704-2012).
- ``punct-space``: a space between two Chinese characters or beside full-width punctuation.
  Not in the title block (the byline puts a space between office and name, and inside a
  two-character name: ``市长 王 明``), not in table cells (aligned with spaces), not in a
  short title spaced out (``附 录``), and not at a unit's start or end.
- ``punct-heading-end``: a heading whose end mark (。；：，！？ or none) differs from most of its
  siblings (same level under the same parent; at least three siblings, a strict majority).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from generator.proof.chars import FULL_PUNCT, inside, is_chinese, is_han, neighbour, url_spans
from generator.proof.core import Finding, ProofText, Rule, Unit, finding_in

FAMILY = "punctuation"

RULES: list[Rule] = [
    Rule("punct-pair", FAMILY, "成对标点（“” ‘’ （） 《》 〈〉 【】）在段内配对、嵌套正确",
         "paired marks (“” ‘’ （） 《》 〈〉 【】) balanced and nested within a paragraph",
         "GB/T 15834-2011 4.8, 4.9, 4.15"),
    Rule("punct-halfwidth", FAMILY, "中文里的半角标点 , . ; : ? ! ( )",
         "half-width , . ; : ? ! ( ) in Chinese text", "GB/T 15834-2011 5.1"),
    Rule("punct-doubled", FAMILY, "标点重复或连用冲突（。。 ，， 、。 ，；）",
         "doubled or clashing marks (。。 ，， 、。 ，；)", "GB/T 15834-2011 4.1–4.7"),
    Rule("punct-ellipsis", FAMILY, "省略号写法（… ... 。。。 应为 ……）",
         "ellipsis form (… ... 。。。 for ……)", "GB/T 15834-2011 4.11"),
    Rule("punct-dash", FAMILY, "破折号写法（-- －－ ── 应为 ——）",
         "dash form (-- －－ ── for ——)", "GB/T 15834-2011 4.10"),
    Rule("punct-range-hyphen", FAMILY, "数值或年份范围用了连字符（5%-6% 2021-2025年）",
         "a range written with a hyphen (5%-6%, 2021-2025年)", "GB/T 15834-2011 4.13; GB/T 15835-2011 5.1.3"),
    Rule("punct-space", FAMILY, "汉字之间或全角标点旁的空格",
         "a space between Chinese characters or beside full-width punctuation", "GB/T 15834-2011 5.1"),
    Rule("punct-heading-end", FAMILY, "标题末尾标点与同级标题不一致",
         "a heading's end punctuation differs from its siblings at the same level", ""),
]  # fmt: skip

OPENERS = {"“": "”", "‘": "’", "（": "）", "(": ")", "《": "》", "〈": "〉", "【": "】"}
CLOSERS = {"”": "“", "’": "‘", "）": "（", ")": "(", "》": "《", "〉": "〈", "】": "【"}
SAME_FAMILY = {"(": "（", ")": "）"}
"""ASCII parentheses pair with full-width ones (their width is ``punct-halfwidth``'s finding)."""
INLINE_NUMBER = re.compile(r"(?:^|[：；，。、 \u3000])[0-9a-zA-Z一二三四五六七八九十]{1,2}[)）]$")
"""A list number with only its closing bracket inside a text (…：1）…；2）…), up to the bracket."""
LIST_NUMBER = re.compile(r"^[ \u3000]*[（(]?[0-9０-９a-zA-Z一二三四五六七八九十]{1,3}[)）]")

HALF_TO_FULL = {",": "，", ".": "。", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
SEPARATORS = "，、；：。？！"
STRENGTH = {m: i for i, m in enumerate("、，；：？！。")}
ALLOWED_PAIRS = {"？！", "！？"}
SENTENCE_ENDS = "。；：，！？"

ELLIPSIS = re.compile(r"(?<!…)…(?!…)|\.{3,}|。{3,}|[·・]{3,}")
DASH = re.compile(r"-{2,}|－{2,}|─{2,}|—(?:-|－)|(?:-|－)—")
RANGE = re.compile(r"(\d+(?:\.\d+)?)(%?)[ ]*[-－–][ ]*(\d+(?:\.\d+)?)(%?)")
SPACED_TITLE = re.compile(r"^[\u4e00-\u9fff](?:[ \u3000]+[\u4e00-\u9fff]){1,4}$")
DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


def check(text: ProofText) -> Iterator[Finding]:
    """Every punctuation finding of ``text``."""
    units = text.units
    for unit in units:
        following = units[unit.index + 1] if unit.index + 1 < len(units) else None
        yield from pairs(unit, following)
        yield from halfwidth(unit)
        yield from doubled(unit)
        yield from forms(unit)
        yield from ranges(unit)
        yield from spaces(unit)
    yield from heading_ends(units)


def pairs(unit: Unit, following: Unit | None) -> Iterator[Finding]:
    """``punct-pair``: marks that open and never close, close what was not opened, or cross."""
    text = unit.text
    listed = LIST_NUMBER.match(text)
    skip = listed.end() if listed else 0
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        if i < skip:
            continue  # a list number: 1） （一） (1)
        if ch in OPENERS:
            stack.append((SAME_FAMILY.get(ch, ch), i))
        elif ch in CLOSERS:
            opener = SAME_FAMILY.get(CLOSERS[ch], CLOSERS[ch])
            if stack and stack[-1][0] == opener:
                stack.pop()
            elif any(o == opener for o, _ in stack):
                inner, at = stack.pop()
                yield finding_in(
                    "punct-pair", unit, at, i + 1,
                    f"“{inner}”与“{ch}”交叉嵌套（应先闭合“{inner}”）",
                    f"'{inner}' crosses '{ch}' (close '{inner}' first)", OPENERS[inner],
                )  # fmt: skip
                while stack and stack[-1][0] != opener:
                    stack.pop()
                if stack:
                    stack.pop()
            elif ch in ")）" and INLINE_NUMBER.search(text, 0, i + 1):
                continue  # 1） 2） a list number inside the text: a closer alone is its form
            else:
                yield finding_in(
                    "punct-pair", unit, i, i + 1, f"“{ch}”没有对应的“{opener}”",
                    f"'{ch}' has no matching '{opener}'", "",
                )  # fmt: skip
    continued = following is not None and following.kind == unit.kind and following.text.lstrip(" \u3000")[:1] == "“"
    for opener, at in stack:
        if opener == "“" and continued:
            continue  # a quotation running over several paragraphs: each opens, the last closes
        closer = OPENERS[opener]
        yield finding_in("punct-pair", unit, at, at + 1, f"“{opener}”没有闭合（缺“{closer}”）",
                       f"'{opener}' is never closed (missing '{closer}')", closer)  # fmt: skip


def halfwidth(unit: Unit) -> Iterator[Finding]:
    """``punct-halfwidth``: half-width sentence marks and brackets in Chinese text."""
    text = unit.text
    if not any(ch in HALF_TO_FULL for ch in text):
        return
    urls = url_spans(text)
    listed = LIST_NUMBER.match(text)
    for i, ch in enumerate(text):
        if ch not in HALF_TO_FULL or inside(urls, i):
            continue
        before, after = neighbour(text, i, -1), neighbour(text, i, 1)
        if not _halfwidth_here(text, i, ch, before, after, listed is not None and i < listed.end()):
            continue
        full = HALF_TO_FULL[ch]
        zh, en = f"中文里用了半角“{ch}”", f"half-width '{ch}' in Chinese text"
        yield finding_in("punct-halfwidth", unit, i, i + 1, zh, en, full)


def _halfwidth_here(text: str, i: int, ch: str, before: str, after: str, in_list_number: bool) -> bool:
    """Whether the half-width mark ``ch`` at ``i`` stands in Chinese text (and is not a number's part)."""
    if not (is_chinese(before) or is_chinese(after)):
        return False
    if before.isdigit() and after.isdigit() and ch in ",.:":
        return False  # 1,000  3.5  10:30
    if ch == ".":
        if text[i - 1 : i] == "." or text[i + 1 : i + 2] == ".":
            return False  # ... is the ellipsis rule's
        if before.isascii() and before.isalnum() or after.isascii() and after.isalpha():
            return False  # 1.加强 (a list number), 5G. ; 报告.doc (a file name)
    if ch in "()" and in_list_number:
        return True
    return True


def doubled(unit: Unit) -> Iterator[Finding]:
    """``punct-doubled``: two separators side by side."""
    text = unit.text
    for i in range(len(text) - 1):
        pair = text[i : i + 2]
        if pair[0] in SEPARATORS and pair[1] in SEPARATORS and pair not in ALLOWED_PAIRS:
            if pair == "。。" and ("。" in text[i + 2 : i + 3] or text[i - 1 : i] == "。"):
                continue  # 。。。 is an ellipsis written wrong: the ellipsis rule's
            keep = max(pair, key=lambda m: STRENGTH.get(m, 0))
            zh, en = f"标点“{pair}”重复或冲突", f"doubled marks '{pair}'"
            yield finding_in("punct-doubled", unit, i, i + 2, zh, en, keep)


def forms(unit: Unit) -> Iterator[Finding]:
    """``punct-ellipsis`` and ``punct-dash``: the forms of the ellipsis and the dash."""
    text = unit.text
    for m in ELLIPSIS.finditer(text):
        yield finding_in("punct-ellipsis", unit, m.start(), m.end(), f"省略号写成了“{m.group()}”",
                       f"ellipsis written '{m.group()}'", "……")  # fmt: skip
    urls = url_spans(text)
    for m in DASH.finditer(text):
        if inside(urls, m.start()) or not _beside_chinese(text, m.start(), m.end()):
            continue
        yield finding_in("punct-dash", unit, m.start(), m.end(), f"破折号写成了“{m.group()}”",
                       f"dash written '{m.group()}'", "——")  # fmt: skip


def _beside_chinese(text: str, start: int, end: int) -> bool:
    return is_chinese(neighbour(text, start, -1)) or is_chinese(neighbour(text, end - 1, 1)) or start == 0


def ranges(unit: Unit) -> Iterator[Finding]:
    """``punct-range-hyphen``: a hyphen between the two ends of a range of numbers."""
    text = unit.text
    urls = url_spans(text)
    for m in RANGE.finditer(text):
        start, end = m.span()
        before = neighbour(text, start, -1)
        if inside(urls, start) or before.isascii() and (before.isalnum() or before in "/.-_"):
            continue  # GB/T 9704-2012, a code, a decimal's tail
        if DATE.match(text, start) or text[end : end + 1] in ("-", "－"):
            continue  # 2020-08-20, a longer code
        first, second = m.group(1), m.group(3)
        if first.startswith("0") and len(first) >= 3 and len(second) >= 7:
            continue  # a telephone number
        after = text[end : end + 1]
        if not (m.group(2) or m.group(4) or is_han(after) or after in FULL_PUNCT):
            continue
        hyphen = start + len(first) + len(m.group(2))
        while text[hyphen] not in "-－–":
            hyphen += 1
        yield finding_in("punct-range-hyphen", unit, hyphen, hyphen + 1, f"范围“{m.group()}”用了连字符",
                       f"range '{m.group()}' written with a hyphen", "—")  # fmt: skip


def spaces(unit: Unit) -> Iterator[Finding]:
    """``punct-space``: spaces between Chinese characters or beside full-width punctuation."""
    if unit.zone == "title" or unit.kind in ("byline", "title", "subtitle", "cell"):
        return  # the title block's spaced names; a table aligns with spaces
    text = unit.text
    if SPACED_TITLE.match(text):
        return  # 附 录, 目　录: a short title spaced out
    for m in re.finditer(r"[ \u3000]+", text):
        start, end = m.span()
        if start == 0 or end == len(text):
            continue
        before, after = text[start - 1], text[end]
        if (is_han(before) and is_han(after)) or before in FULL_PUNCT or after in FULL_PUNCT:
            yield finding_in("punct-space", unit, start, end, "汉字之间或全角标点旁有空格",
                           "a space between Chinese characters or beside full-width punctuation", "")  # fmt: skip


def heading_ends(units: list[Unit]) -> Iterator[Finding]:
    """``punct-heading-end``: a heading ending otherwise than most headings at its level and place."""
    groups: dict[tuple, list[Unit]] = {}
    for unit in units:
        if unit.kind == "heading" and unit.node is not None:
            groups.setdefault(_parent(unit), []).append(unit)
    for siblings in groups.values():
        if len(siblings) < 3:
            continue
        ends = [_end(u.text) for u in siblings]
        common, count = Counter(ends).most_common(1)[0]
        if 2 * count <= len(siblings):
            continue
        for unit, end in zip(siblings, ends, strict=True):
            if end != common:
                yield _heading_finding(unit, end, common)


def _parent(unit: Unit) -> tuple:
    node = unit.node
    assert node is not None
    if unit.level == 1:
        return (1, node.zone)
    if unit.level == 2:
        return (2, node.part_index)
    return (3, node.zone, node.part_index, node.section_index)


def _end(text: str) -> str:
    last = text.rstrip(" \u3000")[-1:]
    return last if last in SENTENCE_ENDS else ""


def _heading_finding(unit: Unit, end: str, common: str) -> Finding:
    text = unit.text.rstrip(" \u3000")
    zh_end, en_end = (f"为“{end}”", repr(end)) if end else ("无标点", "no mark")
    zh_common, en_common = (f"“{common}”", repr(common)) if common else ("无标点", "no mark")
    return finding_in(
        "punct-heading-end", unit, max(len(text) - 1, 0), len(text),
        f"标题末尾{zh_end}，同级标题多为{zh_common}", f"heading ends with {en_end}, its siblings with {en_common}",
        common,
    )  # fmt: skip
