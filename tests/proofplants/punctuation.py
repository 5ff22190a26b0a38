"""Planters of the punctuation family (see tests/proofplants/__init__.py for the shape)."""

from __future__ import annotations

import random
import re

from proofplants import HAN, FilePlanter, Planter, body_lines, insert_between_han, replace_one

HAN_CLASS = r"[\u4e00-\u9fff]"


def drop_closing_quote(line: str, rng: random.Random) -> str | None:
    """A “…” pair loses its ”."""
    return replace_one(line, rng, r"“[^“”]{1,20}”", lambda m: m.group()[:-1])


def drop_closing_bracket(line: str, rng: random.Random) -> str | None:
    """A （…） or 《…》 pair loses its closer."""
    return replace_one(line, rng, r"（[^（）]{2,20}）|《[^《》]{2,20}》", lambda m: m.group()[:-1])


def stray_opener(line: str, rng: random.Random) -> str | None:
    """An opening mark with no closer, between two Chinese characters."""
    return insert_between_han(line, rng, rng.choice("“（《"))


def crossed_marks(line: str, rng: random.Random) -> str | None:
    """A bracket opened inside a quotation and closed after it: “…（…”…）."""
    return replace_one(line, rng, r"“([^“”（）]{2,20})”", lambda m: f"“{m.group(1)[:1]}（{m.group(1)[1:]}”）")


def halfwidth_question(line: str, rng: random.Random) -> str | None:
    """A half-width ? or ! between Chinese characters."""
    return insert_between_han(line, rng, rng.choice("?!"))


def halfwidth_comma(line: str, rng: random.Random) -> str | None:
    """A ， between Chinese characters written half-width."""
    half = {"，": ",", "；": ";", "：": ":"}
    return replace_one(line, rng, rf"(?<={HAN_CLASS})[，；：](?={HAN_CLASS})", lambda m: half[m.group()])


def halfwidth_period(line: str, rng: random.Random) -> str | None:
    """A 。 after a Chinese character written as a half-width full stop."""
    return replace_one(line, rng, rf"(?<={HAN_CLASS})。", lambda m: ".")


def halfwidth_brackets(line: str, rng: random.Random) -> str | None:
    """Chinese words put in half-width parentheses."""
    places = [m.start() for m in re.finditer(rf"{HAN_CLASS}{{4}}", line)]
    if not places:
        return None
    at = rng.choice(places)
    return line[:at] + "(" + line[at : at + 4] + ")" + line[at + 4 :]


def doubled_mark(line: str, rng: random.Random) -> str | None:
    """A ， or 。 doubled, or a 、 before a 。."""
    kind = rng.choice(["，，", "。。", "、。", "，；"])
    mark = kind[-1] if kind != "，，" else "，"
    return replace_one(line, rng, rf"(?<={HAN_CLASS}){mark}(?={HAN_CLASS})", lambda m: kind)


def wrong_ellipsis(line: str, rng: random.Random) -> str | None:
    """An ellipsis written ..., 。。。 or a single …, after a Chinese character."""
    return replace_one(line, rng, rf"(?<={HAN_CLASS})。", lambda m: rng.choice(["...", "。。。", "…"]) + "。")


def wrong_dash(line: str, rng: random.Random) -> str | None:
    """A dash written -- or －－ between Chinese characters."""
    return insert_between_han(line, rng, rng.choice(["--", "－－"]))


def hyphen_range(line: str, rng: random.Random) -> str | None:
    """A number followed by Chinese gets a hyphenated range: 5个 → 5-6个, 3% → 3%-4%."""

    def widen(m: re.Match[str]) -> str:
        number, percent = m.group(1), m.group(2)
        upper = str(int(number) + 1)
        return f"{number}{percent}-{upper}{percent}"

    return replace_one(line, rng, r"(?<![\d.]|[A-Za-z])(\d{1,3})(%?)(?=[\u4e00-\u9fff])", widen)


def box_dash(line: str, rng: random.Random) -> str | None:
    """A dash written with box-drawing lines ── between Chinese characters."""
    return insert_between_han(line, rng, "──")


def space_beside_mark(line: str, rng: random.Random) -> str | None:
    """A space after a full-width comma or full stop followed by Chinese text."""
    return replace_one(line, rng, rf"[，。；](?={HAN_CLASS})", lambda m: m.group() + " ")


def space_between(line: str, rng: random.Random) -> str | None:
    """A space (ASCII or ideographic) between two Chinese characters."""
    return insert_between_han(line, rng, rng.choice([" ", "\u3000"]))


HEADINGS = {
    "section": re.compile(r"^(\s*(?:#+\s*)?(?:\*\*)?)([（(]([一二三四五六七八九十]+)[）)][^*]{2,40}?)(\*\*)?\s*$"),
    "part": re.compile(r"^(\s*(?:#+\s*)?(?:\*\*)?)(([一二三四五六七八九十]+)、[^*]{2,40}?)(\*\*)?\s*$"),
}
ENDS = "。；：，！？"


def heading_with_stop(lines: list[str], rng: random.Random) -> tuple[list[str], int] | None:
    """One of three or more sibling headings (一、… or （一）…, none with an end mark) gets a 。."""
    indexes = body_lines(lines)
    if not indexes:
        return None
    first, last = indexes[0], indexes[-1]
    groups: list[list[int]] = []
    for pattern in HEADINGS.values():
        run: list[int] = []
        for i in range(first, last + 1):
            m = pattern.match(lines[i])
            if not m or m.group(2)[-1] in ENDS:
                continue
            if m.group(3) == "一" and run:
                groups.append(run)
                run = []
            run.append(i)
        groups.append(run)
    groups = [g for g in groups if len(g) >= 3]
    if not groups:
        return None
    index = rng.choice(rng.choice(groups))
    m = next(p.match(lines[index]) for p in HEADINGS.values() if p.match(lines[index]))
    new = list(lines)
    new[index] = m.group(1) + m.group(2) + "。" + (m.group(4) or "")
    return new, index


PLANTS: list[tuple[str, Planter]] = [
    ("punct-pair", drop_closing_quote),
    ("punct-pair", drop_closing_bracket),
    ("punct-pair", stray_opener),
    ("punct-pair", crossed_marks),
    ("punct-halfwidth", halfwidth_comma),
    ("punct-halfwidth", halfwidth_period),
    ("punct-halfwidth", halfwidth_brackets),
    ("punct-halfwidth", halfwidth_question),
    ("punct-doubled", doubled_mark),
    ("punct-ellipsis", wrong_ellipsis),
    ("punct-dash", wrong_dash),
    ("punct-dash", box_dash),
    ("punct-range-hyphen", hyphen_range),
    ("punct-space", space_between),
    ("punct-space", space_beside_mark),
]

FILE_PLANTS: list[tuple[str, FilePlanter]] = [("punct-heading-end", heading_with_stop)]

__all__ = ["HAN", "PLANTS", "FILE_PLANTS"]
