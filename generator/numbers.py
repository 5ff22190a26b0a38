"""Number forms of Chinese reports: 1亿元, 9818.3万元, 3万6千余人, 近400篇, 200余次, 540余万元.

Pure functions: :func:`parse_quantity` reads a quoted figure, :func:`unit_scale`
splits a unit into magnitude and base unit, :func:`chinese_numeral` writes 一, 二….
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

MAGNITUDES: dict[str, Decimal] = {
    "十": Decimal(10),
    "百": Decimal(100),
    "千": Decimal(1000),
    "万": Decimal(10_000),
    "亿": Decimal(100_000_000),
}
"""Magnitude characters that may follow a number inside a figure."""

UNIT_PREFIXES: dict[str, Decimal] = {"万": MAGNITUDES["万"], "亿": MAGNITUDES["亿"]}
"""Magnitude prefixes a declared unit may carry (万元, 亿元, 万人)."""

PREFIX_QUALIFIERS = ("超过", "近", "约", "超", "逾", "达")
SUFFIX_QUALIFIERS = ("余", "多")

_NUMBER = r"\d+(?:\.\d+)?"
_TERM = re.compile(rf"({_NUMBER})\s*([十百千万亿]?)")


@dataclass(frozen=True)
class Quantity:
    """A parsed figure: value in ``unit``, qualifier (余, 近 …) and the number as written."""

    value: Decimal
    unit: str
    qualifier: str
    number_text: str


class QuantityError(ValueError):
    """The text is not a figure this module understands."""


def parse_quantity(text: str) -> Quantity:
    """Parse a quoted figure such as ``3万6千余人`` into a :class:`Quantity` (value in base unit).

    Whitespace is ignored. The value is expressed in the base unit (``万`` and ``亿`` folded
    in): 9818.3万元 → 98183000 元; 540余万元 → 5400000 元 with qualifier 余.
    """
    s = re.sub(r"\s+", "", text)
    qualifier = ""
    for q in PREFIX_QUALIFIERS:
        if s.startswith(q):
            qualifier, s = q, s[len(q) :]
            break
    total = Decimal(0)
    pos = 0
    number_start = 0
    last_magnitude: Decimal | None = None
    while True:
        m = _TERM.match(s, pos)
        if not m:
            break
        value = Decimal(m.group(1))
        magnitude = MAGNITUDES.get(m.group(2), Decimal(1))
        if last_magnitude is not None and magnitude >= last_magnitude:
            break
        total += value * magnitude
        pos = m.end()
        last_magnitude = magnitude if m.group(2) else Decimal(1)
        if not m.group(2):
            break
    if pos == number_start:
        raise QuantityError(text)
    number_text = s[:pos]
    rest = s[pos:]
    for q in SUFFIX_QUALIFIERS:
        if rest.startswith(q):
            if qualifier:
                raise QuantityError(text)
            qualifier, rest = q, rest[len(q) :]
            break
    scale, base = unit_scale(rest)
    if scale != 1:
        number_text += rest[0]
    if not base:
        raise QuantityError(text)
    return Quantity(total * scale, base, qualifier, number_text)


def unit_scale(unit: str) -> tuple[Decimal, str]:
    """Split a unit into magnitude and base unit: 万元 → (10000, 元); 人 → (1, 人)."""
    if len(unit) > 1 and unit[0] in UNIT_PREFIXES:
        return UNIT_PREFIXES[unit[0]], unit[1:]
    return Decimal(1), unit


_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """Write 1 … 99 in Chinese numerals: 1 → 一, 10 → 十, 12 → 十二, 20 → 二十."""
    if not 0 < n < 100:
        raise ValueError(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def format_decimal(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros: 10000, 9818.3."""
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def find_quote(quote: str, text: str) -> list[int]:
    """Start offsets of ``quote`` in ``text`` on number boundaries (2.8% never inside 12.8%)."""
    out = []
    start = text.find(quote)
    while start >= 0:
        end = start + len(quote)
        before_ok = not (quote[:1].isdigit() and start > 0 and (text[start - 1].isdigit() or text[start - 1] == "."))
        after_ok = not (quote[-1:].isdigit() and end < len(text) and (text[end].isdigit() or text[end] == "."))
        if before_ok and after_ok:
            out.append(start)
        start = text.find(quote, start + 1)
    return out
