"""Planters of the numbers family (see tests/proofplants/__init__.py for the shape)."""

from __future__ import annotations

import random

from proofplants import Planter, insert_between_han, replace_one

CN = "〇一二三四五六七八九"


def fullwidth_digits(line: str, rng: random.Random) -> str | None:
    """A run of Arabic digits written full-width (2023 → ２０２３)."""
    return replace_one(line, rng, r"\d{2,}", lambda m: "".join(chr(ord(c) + 0xFEE0) for c in m.group()))


def fullwidth_letters(line: str, rng: random.Random) -> str | None:
    """A Latin abbreviation written full-width, put between Chinese characters (ＧＤＰ)."""
    word = rng.choice(["ＧＤＰ", "ＰＰＰ", "５Ｇ", "ＣＰＩ"])
    return insert_between_han(line, rng, word)


def mixed_year(line: str, rng: random.Random) -> str | None:
    """A year written with Chinese numerals and a 0 (2023年 → 二0二三年)."""

    def mix(m) -> str:
        digits = m.group(1)
        return "".join("0" if c == "0" else CN[int(c)] for c in digits) + "年"

    return replace_one(line, rng, r"(?<!\d)(20[0-2]\d)年", mix)


def year_with_ling(line: str, rng: random.Random) -> str | None:
    """A year written in Chinese numerals with 零 for 〇 (2023年 → 二零二三年)."""
    digits = "零一二三四五六七八九"
    return replace_one(line, rng, r"(?<!\d)(20[0-2]\d)年", lambda m: "".join(digits[int(c)] for c in m.group(1)) + "年")


def percent_in_words(line: str, rng: random.Random) -> str | None:
    """A percentage written 百分之 with Arabic digits (5% → 百分之5)."""
    return replace_one(line, rng, r"(?<![\d.])(\d{1,2})%", lambda m: f"百分之{m.group(1)}")


def percent_range(line: str, rng: random.Random) -> str | None:
    """A percentage becomes a range without its first % (5% → 5—6%)."""
    return replace_one(
        line, rng, r"(?<![\d.])(\d{1,2})%", lambda m: f"{m.group(1)}{rng.choice('—～')}{int(m.group(1)) + 1}%"
    )


def estimate_with_dunhao(line: str, rng: random.Random) -> str | None:
    """An estimate of two neighbouring numerals written with a 顿号 before a measure word (三、四个)."""
    a = rng.randrange(1, 8)
    word = rng.choice(["个", "项", "家", "次", "天"])
    return insert_between_han(line, rng, f"{CN[a]}、{CN[a + 1]}{word}")


PLANTS: list[tuple[str, Planter]] = [
    ("num-fullwidth", fullwidth_digits),
    ("num-fullwidth", fullwidth_letters),
    ("num-mixed", mixed_year),
    ("num-mixed", percent_in_words),
    ("num-mixed", year_with_ling),
    ("num-percent-range", percent_range),
    ("num-estimate", estimate_with_dunhao),
]
