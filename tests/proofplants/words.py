"""Planters of the words family (see tests/proofplants/__init__.py for the shape).

Each planter makes one error of the kind its rule is for, the way a slip of the keyboard or a
wrong character makes it: a function character typed twice (的的), the last character of a
common verb typed twice before the next word (推进进改革), a two-character verb typed twice
(推进推进) or its first character typed twice (推推进), a right form replaced by the wrong form
of the table (部署 → 布署, 一如既往 → 一如继往). A place where the
planted text would still be right (目的的, 推动动力: 推动 + 动力) is not chosen.
"""

from __future__ import annotations

import random
import re

from generator.proof.words import function_characters, reduplications, word_heads, wrong_forms
from proofplants import HAN, Planter

DOUBLED_FUNCTION = "的和在是对把将与了被"
"""Function characters typed twice in the plants (all in data/function_characters.txt)."""
VERBS = (
    "推进 加强 实施 完善 提升 促进 深化 推动 落实 加快 坚持 支持 强化 优化 提高 扩大 打造 培育 健全 构建 "
    "巩固 统筹 保障 加大 开展 鼓励 引导 规范 创新 稳定"
).split()
"""Common verbs of work reports, whose last character a slip types twice."""


def _covered(line: str, at: int, ch: str) -> bool:
    """Whether doubling ``line[at]`` would make a listed reduplication or a word of its own (目的的, 推动动力)."""
    planted = line[: at + 1] + ch + line[at + 1 :]
    for word in reduplications():
        k = word.find(ch + ch)
        if k >= 0 and planted[at - k : at - k + len(word)] == word:
            return True
    if at and line[at - 1] == "一":
        return True
    return any(planted.startswith(w, at + 1) for w in word_heads().get(ch, ()))


def plant_doubled_function(line: str, rng: random.Random) -> str | None:
    """A function character typed twice between two Chinese characters (发展的的成果)."""
    places = [
        i
        for i, ch in enumerate(line)
        if ch in DOUBLED_FUNCTION
        and 0 < i < len(line) - 1
        and HAN.match(line[i - 1])
        and HAN.match(line[i + 1])
        and line[i - 1] != ch
        and line[i + 1] != ch
        and not _covered(line, i, ch)
    ]
    assert set(DOUBLED_FUNCTION) <= function_characters()
    if not places:
        return None
    at = rng.choice(places)
    return line[: at + 1] + line[at] + line[at + 1 :]


def _verb_places(line: str) -> list[tuple[int, str]]:
    out = []
    for verb in VERBS:
        for m in re.finditer(verb, line):
            end = m.end()
            before = line[m.start() - 1 : m.start()]
            if end < len(line) and HAN.match(line[end]) and verb[-1] not in (line[end], before):
                out.append((m.start(), verb))
    return sorted(out)


def plant_doubled_verb_end(line: str, rng: random.Random) -> str | None:
    """The last character of a verb typed twice before the next word (推进进改革)."""
    places = [(s, v) for s, v in _verb_places(line) if not _covered(line, s + len(v) - 1, v[-1])]
    if not places:
        return None
    start, verb = rng.choice(places)
    at = start + len(verb)
    return line[:at] + verb[-1] + line[at:]


def plant_doubled_verb_start(line: str, rng: random.Random) -> str | None:
    """The first character of a verb typed twice (加快推推进)."""
    places = [(s, v) for s, v in _verb_places(line) if s and HAN.match(line[s - 1]) and not _covered(line, s, v[0])]
    if not places:
        return None
    start, verb = rng.choice(places)
    return line[:start] + verb[0] + line[start:]


def plant_doubled_verb(line: str, rng: random.Random) -> str | None:
    """A two-character verb typed twice (推进推进改革)."""
    places = _verb_places(line)
    if not places:
        return None
    start, verb = rng.choice(places)
    return line[:start] + verb + line[start:]


def _replacements(line: str, phrases: bool) -> list[tuple[int, str, str]]:
    """Places where a right form of the table stands: two-character words, or longer phrases (idioms)."""
    out = []
    for form in wrong_forms().values():
        if form.condition or form.right in form.wrong or len(form.right) != len(form.wrong):
            continue
        if (len(form.right) > 2) != phrases:
            continue
        for m in re.finditer(re.escape(form.right), line):
            planted = line[: m.start()] + form.wrong + line[m.end() :]
            if any(planted.find(e, max(0, m.start() - len(e))) >= 0 for e in form.exceptions):
                continue
            out.append((m.start(), form.right, form.wrong))
    return sorted(out)


def _plant_replacement(line: str, rng: random.Random, phrases: bool) -> str | None:
    places = [p for p in _replacements(line, phrases) if not _in_short_quote(line, p[0])]
    if not places:
        return None
    start, right, wrong = rng.choice(places)
    return line[:start] + wrong + line[start + len(right) :]


def plant_wrong_form(line: str, rng: random.Random) -> str | None:
    """A two-character word of the table written in its wrong form (部署 → 布署, 安排 → 按排)."""
    return _plant_replacement(line, rng, phrases=False)


def plant_wrong_phrase(line: str, rng: random.Random) -> str | None:
    """A set phrase of the table written in its wrong form (一如既往 → 一如继往, 因地制宜 → 因地治宜)."""
    return _plant_replacement(line, rng, phrases=True)


def plant_date_cutoff(line: str, rng: random.Random) -> str | None:
    """截至 before a date written 截止 (截止2023年底)."""
    matches = list(re.finditer(r"截至(?=\d|目前|今年|年底)", line))
    if not matches:
        return None
    m = rng.choice(matches)
    return line[: m.start()] + "截止" + line[m.end() :]


def _in_short_quote(line: str, at: int) -> bool:
    opened = line.rfind("“", 0, at)
    closed = line.find("”", at)
    return opened >= 0 and closed >= 0 and "”" not in line[opened:at] and closed - opened <= 11


PLANTS: list[tuple[str, Planter]] = [
    ("word-doubled", plant_doubled_function),
    ("word-doubled", plant_doubled_verb_end),
    ("word-doubled", plant_doubled_verb),
    ("word-doubled", plant_doubled_verb_start),
    ("word-wrong-form", plant_wrong_form),
    ("word-wrong-form", plant_wrong_phrase),
    ("word-wrong-form", plant_date_cutoff),
]
