"""Number forms of Chinese reports: 1亿元, 9818.3万元, 3万6千余人, 近400篇, 20万人以上, 6%—6.5%.

Pure functions, no I/O:

- :func:`parse_quantity` reads a quoted figure (the ``quote`` of a declared figure) into a
  :class:`Quantity`, or raises :class:`QuantityError` with a ``kind`` saying what it could not read;
- :func:`find_quantities` scans a sentence for every quantity these rules read (for the importer);
- :func:`split_quote` cuts a quote into prefix hedge, number and the rest (近|400|篇) for display;
- :func:`find_quote` finds a quote in a text on number boundaries (``2.8%`` is not in ``12.8%``);
- :func:`unit_scale` splits a unit into magnitude and base unit (万亿元 → 10¹², 元);
- :func:`chinese_numeral` / :func:`parse_chinese_numeral` write and read 一 … 九千九百九十九;
- :func:`format_decimal` and :func:`check_value` print and bound decimals.

The grammar of a quantity (whitespace is ignored in a quote; the scanner reads the text as it is)::

    quantity := [prefix hedge] number [unit] [post-unit hedge]
              | [prefix hedge] number [unit] separator number unit-or-magnitude [post-unit hedge]
    number   := term {term} [余|多] [magnitude]     (terms with strictly decreasing magnitudes)
    term     := digits[.digits] [magnitude]          (3万6千 = two terms; 540余万 = 540, 余, 万)

- Digits are ASCII or full-width (０-９), the decimal point ``.`` or ``．``; at most
  :data:`MAX_DIGITS` digits per term. Chinese-numeral quantities (三个, 两万) are not read.
  Exponent notation (``1e7000000``) is refused as ``too_long``: no report writes a figure so, and
  it is how an out-of-bounds value is spelt. Thousands separators (``1,000``) are not read.
- A **magnitude** (:data:`MAGNITUDES`: 十 百 千 万 亿 and the compounds 十万 百万 千万 十亿 百亿 千亿
  万亿, longest first) folds into the value: 9818.3万元 → 98183000 元. An accepted unit that begins
  with a magnitude character is read as the unit first: 6千瓦 is 6 千瓦, 30万千瓦 is 30 万 × 千瓦,
  2个百分点 is 2 个百分点.
- A **unit** is one of :data:`ACCEPTED_UNITS` (a closed list grouped in :data:`UNITS`, built
  from what the corpus of work reports writes after numbers), longest match first (人次 before 人).
  ``％`` and ``%`` are one unit: the base unit is ``%``, :attr:`Quantity.unit_text` keeps what
  the text says. Rates such as 元/吨 are not read.
- A **counted noun**: where a magnitude stands before a word that is not a unit
  (3.5万农村人口), the quantity is a count (unit ``""``), the word is :attr:`Quantity.noun`
  (in a quote only: the scanner cannot tell where the word ends, so it returns ``3.5万``).
  A number with neither unit nor magnitude is not a quantity (``unknown_unit``).
- **Hedges** (closed lists): one :data:`PREFIX_HEDGES` before the number (近, 约, 超过 …), and
  after it :data:`IN_NUMBER_HEDGES` (余, 多: before the unit, 540余万元, 200余次) and/or one
  :data:`POST_UNIT_HEDGES` (左右, 以上 … after the unit, 20万人以上). A quote may carry a prefix
  and a suffix hedge at once (力争7%以上: prefix 力争, suffix 以上); :attr:`Quantity.qualifier`
  is prefix + suffix as written.
- A **range** (6%—6.5%, 5%-6%, 5%到6%, 5%至6%, 5—6%, 5—6万元) joins two numbers with one of
  :data:`RANGE_SEPARATORS`; the lower bound may omit the unit (it takes the upper's) and, when its
  number is below the upper's coefficient, the magnitude too (5—6万元 = 5万 … 6万元; 5000—1万 =
  5000 … 10000). The lower bound must be below the upper one and carry no 余/多. :attr:`Quantity.value`
  is the lower bound, :attr:`Quantity.upper` the upper one, both in the base unit.

The scanner's extra rules (what is *not* a quantity) are documented at :func:`find_quantities`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Context, Decimal, localcontext

MAX_DIGITS = 30
"""Most digits one number term may have; more is ``QuantityError(kind="too_long")``."""

MAX_QUOTE_LENGTH = 120
"""Most characters a quote may have (counted nouns included); more is ``too_long``."""

_CONTEXT = Context(prec=120, Emax=10_000, Emin=-10_000)
_ONE = Decimal(1)
"""Arithmetic context: exact for every value the bounds allow (≤ 30 digits × 10¹²)."""

MAGNITUDES: dict[str, Decimal] = {
    "十": Decimal(10),
    "百": Decimal(100),
    "千": Decimal(1000),
    "万": Decimal(10_000),
    "十万": Decimal(10**5),
    "百万": Decimal(10**6),
    "千万": Decimal(10**7),
    "亿": Decimal(10**8),
    "十亿": Decimal(10**9),
    "百亿": Decimal(10**10),
    "千亿": Decimal(10**11),
    "万亿": Decimal(10**12),
}
"""Magnitude words that may follow a number (3万6千) or stand before a unit (万亿元), longest first."""

UNIT_PREFIXES: dict[str, Decimal] = MAGNITUDES
"""Magnitude prefixes a declared unit may carry (万元, 亿元, 万亿元, 万千瓦, 万人次)."""

UNITS: dict[str, tuple[str, ...]] = {
    "percent": ("%", "％", "‰", "个百分点", "百分点"),
    "multiple": ("倍",),
    "money": ("元", "美元", "欧元", "港元"),
    "people": ("人", "人次", "名", "位", "户", "户次", "岁", "周岁"),
    "units and places": ("个", "家", "家次", "所", "处", "座", "栋", "间", "张", "床", "张床"),
    "things": tuple("件 项 套 台 台套 辆 部 条 块 支 只 头 株 棵 包 份 篇 批 批次 起 封 类 宗 根 册 枚".split()),
    "events": ("次", "场", "场次", "轮", "例"),
    "time": ("年", "天", "个月", "小时", "分钟", "秒", "个工作日", "工作日"),
    "length, area, volume": ("米", "公里", "千米", "平方米", "平方公里", "公顷", "亩", "立方米"),
    "mass": ("吨", "公斤", "千克", "克", "斤"),
    "energy and freight": ("瓦", "千瓦", "千瓦时", "兆瓦", "千伏", "千伏安", "标箱", "标准箱"),
}
"""The accepted units and measure words, by kind. Not units on purpose: 月 and 日 (dates),
号 and 级 (numbering, grades), 期 and 届 (ordinals: 3期 is phase 3), 周 (70周年), 度 and 分
(ambiguous), 成 (8.成功 is a list number), 首 (1首位, 首台套), 本 (本科, 本地)."""

ACCEPTED_UNITS: tuple[str, ...] = tuple(sorted({u for group in UNITS.values() for u in group}, key=lambda u: -len(u)))
"""Every accepted unit, longest first (the order in which they are tried)."""

PERCENT_UNITS: dict[str, str] = {"％": "%"}
"""Units written in more than one way: written form → base unit."""

PREFIX_HEDGES: tuple[str, ...] = tuple(
    (
        "不低于 不少于 不超过 不高于 超过 接近 将近 大约 突破 达到 多达 高达 力争 高于 低于 至少 不到 不足 "
        "近 约 超 逾 达"
    ).split()
)
"""Hedges written before the number (近400篇, 超过5%, 力争7%以上), longest first."""

IN_NUMBER_HEDGES: tuple[str, ...] = ("余", "多")
"""Hedges written right after the number, before the unit or magnitude (200余次, 540余万元, 5.2万余人)."""

POST_UNIT_HEDGES: tuple[str, ...] = ("左右", "以上", "以下", "以内", "上下")
"""Hedges written after the unit (8%左右, 20万人以上, 5%以内)."""

SUFFIX_HEDGES: tuple[str, ...] = IN_NUMBER_HEDGES + POST_UNIT_HEDGES
"""Every hedge written after the number."""

PREFIX_QUALIFIERS = PREFIX_HEDGES
"""Former name of :data:`PREFIX_HEDGES`."""

SUFFIX_QUALIFIERS = SUFFIX_HEDGES
"""Former name of :data:`SUFFIX_HEDGES`."""

RANGE_SEPARATORS: tuple[str, ...] = ("——", "—", "–", "－", "-", "～", "~", "至", "到")
"""What joins the bounds of a range (6%—6.5%, 5%-6%, 5%到6%), longest first."""

HEDGE_BLOCKERS: dict[str, str] = {
    "约": "节制预签合公条契缔违履",
    "近": "最附邻靠亲贴",
    "达": "到抵通发下表传直送转畅",
    "超": "赶高",
}
"""Scanner only: a one-character prefix hedge is not one after these characters, with which it
makes another word (节约, 最近, 下达, 赶超)."""

ERROR_KINDS: tuple[str, ...] = ("no_number", "unknown_unit", "unknown_hedge", "bad_range", "too_long")
"""The kinds of :class:`QuantityError`."""

_DIGIT_CHARS = "0123456789０１２３４５６７８９"
_TO_ASCII = str.maketrans("０１２３４５６７８９．", "0123456789.")
_NUMBER = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")
_DIGIT_RUN = re.compile(r"[0-9０-９]+")
_EXPONENT = re.compile(r"[eE][+-]?[0-9]")
_MAGNITUDE_WORDS = tuple(sorted(MAGNITUDES, key=lambda w: -len(w)))
_MAGNITUDE_CHARS = frozenset("".join(MAGNITUDES))
_SYMBOL_UNITS = frozenset({"%", "％", "‰"})
_HEDGE_START = frozenset(h[0] for h in POST_UNIT_HEDGES + IN_NUMBER_HEDGES) | {"以", "之"}
_GLUE = frozenset(".．,:：/-－_–")
_MINUS = frozenset("-－−")


def _by_first_char(words: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for w in sorted(words, key=lambda w: -len(w)):
        table.setdefault(w[0], []).append(w)
    return {k: tuple(v) for k, v in table.items()}


_UNITS_AT = _by_first_char(ACCEPTED_UNITS)
_UNIT_LAST_CHARS = frozenset(u[-1] for u in ACCEPTED_UNITS)
_UNIT_SET = frozenset(ACCEPTED_UNITS)
_UNIT_LONGEST = max(len(u) for u in ACCEPTED_UNITS)
_MAGNITUDES_AT = _by_first_char(_MAGNITUDE_WORDS)
_POST_HEDGES_AT = _by_first_char(POST_UNIT_HEDGES)
_SEPARATORS_AT = _by_first_char(RANGE_SEPARATORS)
_PREFIX_HEDGE_LONGEST = max(len(h) for h in PREFIX_HEDGES)


@dataclass(frozen=True)
class Quantity:
    """A parsed figure, its value in the base unit.

    ``value`` is the number (the lower bound of a range) in ``unit``, the base unit (元 for
    9818.3万元; ``%`` for ``％``; ``""`` for a count such as 3.5万 or 3.5万农村人口); ``upper`` the
    upper bound of a range, else None. ``prefix`` and ``suffix`` are the hedges as written
    (suffix = 余/多 then 左右/以上…), ``qualifier`` their concatenation. ``number_text`` is the
    number as written without hedges or final unit (3万6千, 540万 for 540余万元, 6%—6.5 for a
    range). ``magnitude`` is the magnitude word written once before the unit (万 in 9818.3万元,
    in 5—6万元 and in 3.5万; ``""`` for 3万6千 or a plain number), ``unit_text`` the unit as
    written (％ stays ％), ``noun`` the counted noun (农村人口) or ``""``.
    """

    value: Decimal
    unit: str
    qualifier: str
    number_text: str
    prefix: str = ""
    suffix: str = ""
    upper: Decimal | None = None
    noun: str = ""
    magnitude: str = ""
    unit_text: str = ""

    @property
    def scale(self) -> Decimal:
        """The factor of :attr:`magnitude` (10000 for 万, 1 without one)."""
        return MAGNITUDES.get(self.magnitude, Decimal(1))

    @property
    def declared_unit(self) -> str:
        """The unit a figure declares for this quote: 万元 for 9818.3万元, 人 for 3万6千余人, 万 for 3.5万."""
        return self.magnitude + self.unit

    @property
    def declared_value(self) -> Decimal:
        """The value in :attr:`declared_unit`: 9818.3 for 9818.3万元."""
        return _normal(self.value, self.scale)

    @property
    def declared_upper(self) -> Decimal | None:
        """The upper bound in :attr:`declared_unit`, or None."""
        return None if self.upper is None else _normal(self.upper, self.scale)


class QuantityError(ValueError):
    """The text is not a figure this module reads.

    ``kind`` is one of :data:`ERROR_KINDS`: ``no_number`` (no digit), ``unknown_unit`` (``text``
    is not in :data:`ACCEPTED_UNITS`, or the number has no unit), ``unknown_hedge`` (``text`` is
    not in :data:`PREFIX_HEDGES` / :data:`SUFFIX_HEDGES`), ``bad_range`` (bounds in different
    units, or the lower not below the upper), ``too_long`` (more than :data:`MAX_DIGITS` digits,
    exponent notation, a quote over :data:`MAX_QUOTE_LENGTH` characters). ``accepted`` names the
    list the message can cite.
    """

    def __init__(self, kind: str, text: str = "", quote: str = "") -> None:
        super().__init__(f"{kind}: {text!r} in {quote!r}")
        self.kind = kind
        self.text = text
        self.quote = quote

    @property
    def accepted(self) -> tuple[str, ...]:
        """The accepted list for this kind of error (units, hedges, separators), else ()."""
        if self.kind == "unknown_unit":
            return ACCEPTED_UNITS
        if self.kind == "unknown_hedge":
            return PREFIX_HEDGES + SUFFIX_HEDGES
        if self.kind == "bad_range":
            return RANGE_SEPARATORS
        return ()


@dataclass(frozen=True)
class Found:
    """A quantity found in a text: ``text[start:end] == quote``, read as ``quantity``."""

    start: int
    end: int
    quote: str
    quantity: Quantity


# --- reading ------------------------------------------------------------------------------------


def _normal(value: Decimal, divisor: Decimal | None = None) -> Decimal:
    return value if divisor is None else _CONTEXT.divide(value, divisor)


def _longest(table: dict[str, tuple[str, ...]], s: str, i: int) -> str:
    """The longest word of ``table`` that ``s`` holds at ``i``, or ``""``."""
    if i >= len(s):
        return ""
    for word in table.get(s[i], ()):
        if s.startswith(word, i):
            return word
    return ""


def _is_digit(s: str, i: int) -> bool:
    return 0 <= i < len(s) and s[i] in _DIGIT_CHARS


@dataclass
class _Number:
    start: int
    end: int
    value: Decimal
    text: str  # digits and magnitudes as written, hedge left out
    hedge: str  # 余 or 多, or ""
    magnitude: str  # the magnitude word when the number is one term (9818.3万, 540余万), else ""
    coefficient: Decimal  # the written number of a one-term number (9818.3)
    terms: int
    ends_in_magnitude: bool


def _read_number(s: str, i: int, quote: str) -> _Number | None:
    """Read ``term {term} [余|多] [magnitude]`` at ``i``; None without a digit there."""
    start = i
    total = Decimal(0)
    text = ""
    terms = 0
    last: Decimal | None = None
    word = ""
    coefficient = Decimal(0)
    while True:
        m = _NUMBER.match(s, i)
        if not m:
            break
        digits = m.group()
        if sum(c in _DIGIT_CHARS for c in digits) > MAX_DIGITS:
            raise QuantityError("too_long", digits, quote)
        if _EXPONENT.match(s, m.end()):
            raise QuantityError("too_long", s[m.start() :], quote)
        j = m.end()
        next_word = "" if _longest(_UNITS_AT, s, j) else _longest(_MAGNITUDES_AT, s, j)
        if terms and (not next_word or MAGNITUDES[next_word] >= last):  # type: ignore[operator]
            break
        coefficient = Decimal(digits.translate(_TO_ASCII))
        total = _CONTEXT.add(total, _CONTEXT.multiply(coefficient, MAGNITUDES.get(next_word, _ONE)))
        text += s[i : j + len(next_word)]
        terms += 1
        word = next_word
        i = j + len(next_word)
        if not next_word:
            break
        last = MAGNITUDES[next_word]
    if not terms:
        return None
    hedge = ""
    if i < len(s) and s[i] in IN_NUMBER_HEDGES:
        hedge = s[i]
        i += 1
        if terms == 1 and not word:
            trailing = "" if _longest(_UNITS_AT, s, i) else _longest(_MAGNITUDES_AT, s, i)
            if trailing:
                total = _CONTEXT.multiply(total, MAGNITUDES[trailing])
                text += trailing
                word = trailing
                i += len(trailing)
    return _Number(
        start=start,
        end=i,
        value=total,
        text=text,
        hedge=hedge,
        magnitude=word if terms == 1 else "",
        coefficient=coefficient,
        terms=terms,
        ends_in_magnitude=bool(word),
    )


def _base(unit: str) -> str:
    return PERCENT_UNITS.get(unit, unit)


@dataclass
class _Read:
    end: int
    quantity: Quantity
    lower_text: str  # the lower bound's number as written (years are found by it)
    upper_text: str
    number_end: int  # where the number (range and 余/多 included) ends


def _read(s: str, i: int, *, strict: bool, quote: str = "") -> _Read | None:
    """Read a quantity (without prefix hedge) at ``i``.

    Strict (a quote): the whole of ``s[i:]`` must be read, counted nouns allowed, errors raised.
    Not strict (the scanner): read what the rules allow, None when it is not a quantity.
    """
    low = _read_number(s, i, quote)
    if low is None:
        if strict:
            raise QuantityError("no_number", s[i:], quote)
        return None
    unit = _longest(_UNITS_AT, s, low.end)
    end = low.end + len(unit)
    upper: _Number | None = None
    lower_value, magnitude = low.value, low.magnitude
    number_text = low.text
    lower_unit = unit
    sep = "" if low.hedge else _longest(_SEPARATORS_AT, s, end)
    if sep and _is_digit(s, end + len(sep)):
        up = _read_number(s, end + len(sep), quote)
        assert up is not None
        up_unit = _longest(_UNITS_AT, s, up.end)
        problem = ""
        if not up_unit and not up.ends_in_magnitude:
            problem = "unknown_unit"
        elif lower_unit and _base(lower_unit) != _base(up_unit):
            problem = "bad_range"
        else:
            lv, lmag = low.value, low.magnitude
            if not lower_unit and not low.ends_in_magnitude and up.magnitude and low.coefficient < up.coefficient:
                lv, lmag = _CONTEXT.multiply(low.value, MAGNITUDES[up.magnitude]), up.magnitude
            if lv >= up.value:
                problem = "bad_range"
        if not problem:
            lower_value = lv
            magnitude = up.magnitude if lmag == up.magnitude else ""
            number_text = s[low.start : end + len(sep)] + up.text
            upper, unit, end = up, up_unit, up.end + len(up_unit)
        elif strict:
            text = (
                s[up.end :] if problem == "unknown_unit" and up.end < len(s) else s[low.start : up.end + len(up_unit)]
            )
            raise QuantityError(problem, text, quote)
    last = upper or low
    in_hedge = last.hedge
    post = _longest(_POST_HEDGES_AT, s, end) if (unit or last.ends_in_magnitude) else ""
    if post == "上下" and not strict and end + 2 < len(s) and _is_ideograph(s[end + 2]):
        post = ""  # 上下游, 上下班
    noun = ""
    rest = s[end + len(post) :]
    if strict and rest:
        # A word that is not a unit after a magnitude: a counted noun (3.5万农村人口, 3.5万人口).
        tail = s[last.end :]
        body = tail[: -len(post_tail)] if (post_tail := _post_suffix(tail)) else tail
        noun_like = body and all(_is_ideograph(c) for c in body) and not any(h in body for h in POST_UNIT_HEDGES)
        if last.ends_in_magnitude and noun_like:
            unit, noun, post = "", body, post_tail
            rest = ""
        elif post:
            raise QuantityError("unknown_hedge", post + rest, quote)
        elif unit:
            kind = "unknown_hedge" if unit in _SYMBOL_UNITS or rest[0] in _HEDGE_START else "unknown_unit"
            raise QuantityError(kind, rest if kind == "unknown_hedge" else unit + rest, quote)
        else:
            raise QuantityError("unknown_unit", rest, quote)
    if not unit and not last.ends_in_magnitude:
        if strict:
            raise QuantityError("unknown_unit", rest, quote)
        return None
    end += len(post)
    if noun:
        end = len(s)
    quantity = Quantity(
        value=_normal(lower_value),
        unit=_base(unit),
        qualifier=in_hedge + post,
        number_text=number_text,
        suffix=in_hedge + post,
        upper=None if upper is None else _normal(upper.value),
        noun=noun,
        magnitude=magnitude,
        unit_text=unit,
    )
    upper_text = "" if upper is None else s[upper.start : upper.end]
    lower_text = s[low.start : low.end]
    return _Read(end, quantity, lower_text=lower_text, upper_text=upper_text, number_end=last.end)


def _post_suffix(text: str) -> str:
    return next((h for h in POST_UNIT_HEDGES if text.endswith(h) and len(text) > len(h)), "")


def _is_ideograph(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf"


def _with_prefix(q: Quantity, prefix: str) -> Quantity:
    return Quantity(
        value=q.value,
        unit=q.unit,
        qualifier=prefix + q.suffix,
        number_text=q.number_text,
        prefix=prefix,
        suffix=q.suffix,
        upper=q.upper,
        noun=q.noun,
        magnitude=q.magnitude,
        unit_text=q.unit_text,
    )


def parse_quantity(text: str) -> Quantity:
    """Parse a quoted figure such as ``3万6千余人`` into a :class:`Quantity` (value in base unit).

    Whitespace is ignored. 9818.3万元 → 98183000 元; 540余万元 → 5400000 元, suffix 余;
    力争7%以上 → 7 %, prefix 力争, suffix 以上; 6%—6.5% → 6 … 6.5 %; 3.5万农村人口 → 35000,
    unit ``""``, noun 农村人口. Raises :class:`QuantityError` (with its ``kind``) for anything else.
    """
    if len(text) > MAX_QUOTE_LENGTH:
        raise QuantityError("too_long", text[:MAX_QUOTE_LENGTH] + "…", text[:MAX_QUOTE_LENGTH] + "…")
    s = re.sub(r"\s+", "", text)
    first = next((k for k, c in enumerate(s) if c in _DIGIT_CHARS), None)
    if first is None:
        raise QuantityError("no_number", s, text)
    prefix = s[:first]
    if prefix and prefix not in PREFIX_HEDGES:
        raise QuantityError("unknown_hedge", prefix, text)
    read = _read(s, first, strict=True, quote=text)
    assert read is not None and read.end == len(s)
    return _with_prefix(read.quantity, prefix)


def split_quote(quote: str) -> tuple[str, str, str]:
    """Cut a quote for showing big: (prefix hedge, number, the rest) as written, whitespace removed.

    近400篇 → (近, 400, 篇); 3万6千余人 → ("", 3万6千余, 人); 20万人以上 → ("", 20万, 人以上);
    力争6%—6.5%左右 → (力争, 6%—6.5, %左右); 3.5万农村人口 → ("", 3.5万, 农村人口). The three
    parts joined give the quote. Raises :class:`QuantityError` as :func:`parse_quantity` does.
    """
    parse_quantity(quote)
    s = re.sub(r"\s+", "", quote)
    first = next(k for k, c in enumerate(s) if c in _DIGIT_CHARS)
    read = _read(s, first, strict=True, quote=quote)
    assert read is not None
    return s[:first], s[first : read.number_end], s[read.number_end :]


# --- scanning -----------------------------------------------------------------------------------

_YEAR = re.compile(r"[0-9０-９]{4}")


def _is_year(read: _Read) -> bool:
    q = read.quantity
    if q.unit != "年" or q.suffix:
        return False
    return any(_YEAR.fullmatch(t) is not None for t in (read.lower_text, read.upper_text) if t)


def _prefix_hedge(text: str, i: int, floor: int) -> str:
    """The longest prefix hedge that ends at ``i`` and starts at or after ``floor``, or ``""``."""
    for n in range(min(_PREFIX_HEDGE_LONGEST, i - floor), 0, -1):
        h = text[i - n : i]
        if h in PREFIX_HEDGES:
            if n == 1 and i - 2 >= 0 and text[i - 2] in HEDGE_BLOCKERS.get(h, ""):
                return ""
            return h
    return ""


def _is_ascii_alnum(c: str) -> bool:
    return c.isascii() and c.isalnum()


def find_quantities(text: str) -> list[Found]:
    """Every quantity in ``text`` that the figure rules read, hedges and range included in its span.

    The span is what a figure's ``quote`` would be: 20万人以上, 6%—6.5%, 近400篇, 3万6千余人.
    Counted nouns end at the magnitude (3.5万, not 3.5万农村人口). Not quantities:

    - a number without unit or magnitude (12345热线, 10号线, 1月8日, list numbers 1. and 1、);
    - a year: a four-digit integer with unit 年 and no hedge (2023年, 2021—2025年; 近2000年 is one);
    - an ordinal: a number after 第 (第5);
    - a number touching a Latin letter or a digit across ``. , : / - _`` (5G, G317, 4A级, PM2.5,
      2023-01-08, 1.2.3, 1-2号, 1/3, 8:30);
    - a negative number: a minus sign before it that does not end a unit or magnitude (增长-2.1%; in
      5%-6% the ``-`` separates a range);
    - a span that :func:`find_quote` would not find where it stands: a number that goes on after
      its magnitude (3万6人: read colloquially as 36000, not read here), or a digit run that
      continues a number after its magnitude;
    - 上下 followed by a CJK character is a word (上下游), not the hedge; a one-character prefix
      hedge in a word (节约, 最近, 下达, 赶超: :data:`HEDGE_BLOCKERS`) is not a hedge.

    Runs in time linear in ``len(text)``.
    """
    found: list[Found] = []
    floor = 0
    for m in _DIGIT_RUN.finditer(text):
        i = m.start()
        if i < floor:
            continue
        before = text[i - 1] if i else ""
        if before and (_is_ascii_alnum(before) or before == "第"):
            continue
        if before in _GLUE and i >= 2 and (_is_ascii_alnum(text[i - 2]) or text[i - 2] in _DIGIT_CHARS):
            continue
        if before in _MINUS and not (i >= 2 and (text[i - 2] in _UNIT_LAST_CHARS or text[i - 2] in _MAGNITUDE_CHARS)):
            continue  # a negative number (增长-2.1%, table cells -0.7): not read
        number = _NUMBER.match(text, i)
        assert number is not None
        after = number.end()
        if after < len(text) and _is_ascii_alnum(text[after]):
            continue
        try:
            read = _read(text, i, strict=False)
        except QuantityError:
            floor = _skip_digits(text, after)
            continue
        glued = after < len(text) and text[after] in _GLUE and _is_digit(text, after + 1)
        prefix = _prefix_hedge(text, i, floor)
        if read is None or (glued and read.quantity.upper is None) or (not prefix and _is_year(read)):
            floor = _skip_digits(text, after)
            continue
        start = i - len(prefix)
        quote = text[start : read.end]
        if not _quote_fits(quote, text, start, _final_unit(quote), prefix):
            floor = _skip_digits(text, after)  # 3万6人, 2十2: a number that does not end where it stops
            continue
        found.append(Found(start, read.end, quote, _with_prefix(read.quantity, prefix)))
        floor = read.end
    return found


def _skip_digits(text: str, i: int) -> int:
    """Past the digits and glue that continue a rejected number at ``i`` (1.2.3, 2023-01-08)."""
    while i < len(text) and (text[i] in _DIGIT_CHARS or (text[i] in _GLUE and _is_digit(text, i + 1))):
        i += 1
    return i


def find_quote(quote: str, text: str) -> list[int]:
    """Start offsets where ``quote`` stands in ``text`` on number boundaries.

    ``2.8%`` is not in ``12.8%`` nor in ``2.85%``; ``100人`` is not in ``1100人`` nor in
    ``100人次`` (a longer unit); ``5万`` is not in ``5万亿元`` nor in ``5万余``; ``6千余人`` is not
    in ``3万6千余人``; ``近400篇`` is not in ``将近400篇``. A bound of a range is found on its own
    (``6.5%`` in ``6%—6.5%``).
    """
    if not quote:
        return []
    starts: list[int] = []
    unit = _final_unit(quote)
    prefix = next((h for h in PREFIX_HEDGES if quote.startswith(h)), "")
    k = text.find(quote)
    while k != -1:
        if _quote_fits(quote, text, k, unit, prefix):
            starts.append(k)
        k = text.find(quote, k + 1)
    return starts


def _final_unit(quote: str) -> str:
    """The accepted unit that ends ``quote`` right after a number, or ``""``."""
    for n in range(min(_UNIT_LONGEST, len(quote) - 1), 0, -1):
        unit = quote[-n:]
        if unit in _UNIT_SET:
            head = quote[-n - 1]
            if head in _DIGIT_CHARS or head in _MAGNITUDE_CHARS or head in IN_NUMBER_HEDGES:
                return unit
    return ""


def _quote_fits(quote: str, text: str, k: int, unit: str, prefix: str) -> bool:
    end = k + len(quote)
    if quote[0] in _DIGIT_CHARS and k > 0:
        before = text[k - 1]
        if before in _DIGIT_CHARS or (before in ".．" and _is_digit(text, k - 2)):
            return False
        if before in _MAGNITUDE_CHARS and _is_digit(text, k - 2):
            return False  # a later term of a longer number (6千余人 in 3万6千余人)
    if prefix and _prefix_hedge_any(text, k + len(prefix)) != prefix:
        return False
    if end < len(text):
        after = text[end]
        last = quote[-1]
        in_number = last in _DIGIT_CHARS or last in _MAGNITUDE_CHARS
        if in_number and (after in _DIGIT_CHARS or (after in ".．" and _is_digit(text, end + 1))):
            return False
        if (last in _DIGIT_CHARS or last in _MAGNITUDE_CHARS or last in IN_NUMBER_HEDGES) and (
            after in _MAGNITUDE_CHARS or after in IN_NUMBER_HEDGES
        ):
            return False
        if unit and _longest(_UNITS_AT, text, end - len(unit)) != unit:
            return False
    return True


def _prefix_hedge_any(text: str, i: int) -> str:
    for n in range(min(_PREFIX_HEDGE_LONGEST, i), 0, -1):
        if text[i - n : i] in PREFIX_HEDGES:
            return text[i - n : i]
    return ""


# --- units, numerals, decimals ------------------------------------------------------------------


def unit_scale(unit: str) -> tuple[Decimal, str]:
    """Split a unit into magnitude and base unit.

    万元 → (10000, 元); 万亿元 → (10¹², 元); 万千瓦 → (10000, 千瓦); 千瓦 → (1, 千瓦);
    ％ → (1, %); 万 → (10000, "") (a count); 人 → (1, 人). An accepted unit is never split
    (千瓦, 百分点); an unknown one loses a leading magnitude word (万篇 → (10000, 篇)).
    """
    if unit in ACCEPTED_UNITS:
        return Decimal(1), _base(unit)
    for word in _MAGNITUDE_WORDS:
        if unit.startswith(word):
            rest = unit[len(word) :]
            if rest in ACCEPTED_UNITS or not rest:
                return MAGNITUDES[word], _base(rest)
    for word in _MAGNITUDE_WORDS:
        if unit.startswith(word) and len(unit) > len(word):
            return MAGNITUDES[word], unit[len(word) :]
    return Decimal(1), unit


_DIGITS = "零一二三四五六七八九"
_PLACES = (("千", 1000), ("百", 100), ("十", 10))


def chinese_numeral(n: int) -> str:
    """Write 1 … 9999 in Chinese numerals: 一, 十, 十二, 二十, 一百, 一百零一, 一百一十, 一千零一十."""
    if not 0 < n < 10_000:
        raise ValueError(n)
    parts: list[str] = []
    gap = False
    for name, place in (*_PLACES, ("", 1)):
        digit = n // place % 10
        if digit == 0:
            gap = bool(parts)
            continue
        if gap:
            parts.append("零")
            gap = False
        parts.append(_DIGITS[digit] + name)
    text = "".join(parts)
    return text[1:] if 10 <= n < 20 else text


def parse_chinese_numeral(text: str) -> int:
    """Read a Chinese numeral of 1 … 9999: 十二 → 12, 一百零一 → 101, 两千 → 2000.

    Accepts what :func:`chinese_numeral` writes, plus 两 for 二, 〇 for 零 and 一十 for 十.
    Raises ValueError for anything else (empty, 十十, 一百零, 二二).
    """
    values = {c: k for k, c in enumerate(_DIGITS)} | {"两": 2, "〇": 0}
    places = dict(_PLACES)
    total = 0
    digit: int | None = None
    last_place = 10_000  # the place written last (a place must be lower than the one before it)
    zero_after = 0  # the place a 零 follows (it stands for at least one skipped place), else 0
    for k, c in enumerate(text):
        if c in values and values[c]:
            if digit is not None:
                raise ValueError(text)
            digit = values[c]
        elif c in values:
            if digit is not None or zero_after or last_place == 10_000:
                raise ValueError(text)
            zero_after = last_place
        elif c in places:
            place = places[c]
            if digit is None and not (k == 0 and c == "十"):
                raise ValueError(text)
            expected = last_place // 10 if last_place < 10_000 else place
            if (
                place >= last_place
                or (zero_after and place * 10 >= zero_after)
                or (not zero_after and place != expected)
            ):
                raise ValueError(text)
            total += (digit or 1) * place
            last_place, digit, zero_after = place, None, 0
        else:
            raise ValueError(text)
    if digit is None:
        if zero_after:
            raise ValueError(text)
    elif last_place in (10, 10_000) or zero_after >= 100:
        total += digit
    else:
        raise ValueError(text)  # 一百二 (colloquial 120) is not read
    if not 0 < total < 10_000:
        raise ValueError(text)
    return total


def check_value(value: Decimal) -> Decimal:
    """Return ``value`` if this module can compute with it, else ``QuantityError(kind="too_long")``.

    A declared value (``value: 1e7000000`` in YAML) must be finite, with at most
    :data:`MAX_DIGITS` digits before and after the point plus a magnitude of 10¹².
    """
    if not value.is_finite() or abs(value.adjusted()) > MAX_DIGITS + 12:
        raise QuantityError("too_long", str(value)[:40])
    if len(value.as_tuple().digits) > 2 * MAX_DIGITS + 12:
        raise QuantityError("too_long", str(value)[:40])
    return value


def format_decimal(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros: 10000, 9818.3 (out-of-bounds values as ``str``)."""
    try:
        check_value(value)
    except QuantityError:
        return str(value)
    with localcontext(_CONTEXT):
        text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


__all__ = [
    "ACCEPTED_UNITS",
    "ERROR_KINDS",
    "HEDGE_BLOCKERS",
    "IN_NUMBER_HEDGES",
    "MAGNITUDES",
    "MAX_DIGITS",
    "MAX_QUOTE_LENGTH",
    "PERCENT_UNITS",
    "POST_UNIT_HEDGES",
    "PREFIX_HEDGES",
    "PREFIX_QUALIFIERS",
    "RANGE_SEPARATORS",
    "SUFFIX_HEDGES",
    "SUFFIX_QUALIFIERS",
    "UNITS",
    "UNIT_PREFIXES",
    "Found",
    "Quantity",
    "QuantityError",
    "check_value",
    "chinese_numeral",
    "find_quantities",
    "find_quote",
    "format_decimal",
    "parse_chinese_numeral",
    "parse_quantity",
    "split_quote",
    "unit_scale",
]
