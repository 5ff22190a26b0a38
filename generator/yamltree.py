"""YAML text → a tree of plain values that knows where each one stands (the loader's input).

libyaml parses (through PyYAML's C binding; PyYAML's own Python parser where the binding is
missing); this module turns its events into dicts and lists that carry every key's, value's
and item's position, as ruamel's round-trip loader did, about twenty times faster. Scalars
follow YAML 1.2's core schema: ``yes``/``on`` are text, ``true``/``false`` booleans,
``2020-08-20`` a date. Floats come back as exact :class:`~decimal.Decimal` (``1e7000000``
is not ``inf``); a date that does not exist, or an integer longer than Python reads from
text, comes back as :class:`BadScalar` text for the loader to report.

Safe by construction: aliases, merge keys and tags other than YAML's standard ones are
refused at their position, so nothing expands or executes; nesting is bounded.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

STANDARD_TAGS = frozenset("tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "map", "seq"))
"""The only explicit tags a source may carry (``!`` alone, meaning text, too)."""

MAX_NUMBER_DIGITS = 4300
"""Python reads integers of at most this many digits from text; longer ones are refused."""


class YamlProblem(Exception):
    """Something the reader refuses, at a 1-based line and column: a message key and its fields."""

    def __init__(self, what: str, line: int, column: int, **fields: object) -> None:
        super().__init__(what)
        self.key, self.line, self.column, self.fields = what, line, column, fields


class BadScalar(str):
    """A scalar YAML resolves to a type it cannot be (2020-02-30, an int of 5,000 digits), kept as text.

    A text field takes it as written; any other field reports ``key`` with ``fields`` at its position.
    """

    key: str
    fields: dict[str, object]


def _bad(value: str, key: str, **fields: object) -> BadScalar:
    bad = BadScalar(value)
    bad.key, bad.fields = key, fields
    return bad


class MapLines:
    """Where a mapping's keys and values stand: 0-based (line, column) pairs, as ruamel's ``lc``."""

    __slots__ = ("keys", "values")

    def __init__(self) -> None:
        self.keys: dict[object, tuple[int, int]] = {}
        self.values: dict[object, tuple[int, int]] = {}

    def key(self, key: object) -> tuple[int, int]:
        """The position of ``key`` itself."""
        return self.keys[key]

    def value(self, key: object) -> tuple[int, int]:
        """The position of the value under ``key``."""
        return self.values[key]


class SeqLines:
    """Where a sequence's items stand: 0-based (line, column) pairs, as ruamel's ``lc``."""

    __slots__ = ("items",)

    def __init__(self) -> None:
        self.items: list[tuple[int, int]] = []

    def item(self, index: int) -> tuple[int, int]:
        """The position of item ``index``."""
        return self.items[index]


class YamlMap(dict):
    """A mapping of the source, in written order, with :class:`MapLines` as ``lc``."""

    __slots__ = ("lc",)

    def __init__(self) -> None:
        super().__init__()
        self.lc = MapLines()


class YamlSeq(list):
    """A sequence of the source with :class:`SeqLines` as ``lc``."""

    __slots__ = ("lc",)

    def __init__(self) -> None:
        super().__init__()
        self.lc = SeqLines()


def parse_yaml(text: str, max_depth: int) -> object:
    """The single document of ``text`` as a tree of :class:`YamlMap`, :class:`YamlSeq` and scalars.

    ``None`` for an empty stream. Raises :class:`YamlProblem`: ``alias``, ``merge_key``,
    ``tag``, ``duplicate_key``, ``too_deep`` (more than ``max_depth`` nested collections)
    or ``yaml_syntax``.
    """
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        return _Builder(loader, max_depth).document()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = str(error.problem or error.context or "").strip()
        raise YamlProblem("yaml_syntax", line, column, problem=problem) from None
    finally:
        loader.dispose()


_NO_KEY = object()


class _Builder:
    """Events → tree: one pass, an explicit stack (no recursion, however deep the input)."""

    def __init__(self, loader: object, max_depth: int) -> None:
        self.loader = loader
        self.max_depth = max_depth

    def document(self) -> object:
        from yaml import events as ev

        get = self.loader.get_event  # type: ignore[attr-defined]
        get()  # stream start
        first = get()
        if isinstance(first, ev.StreamEndEvent):
            return None
        root: list[object] = []
        stack: list[list] = []  # [container, pending key, key position]
        while True:
            event = get()
            kind = type(event)
            mark = event.start_mark
            position = (mark.line, mark.column)
            if kind is ev.ScalarEvent:
                self._check_tag(event)
                value = _scalar(event)
                if stack and isinstance(stack[-1][0], YamlMap) and stack[-1][1] is _NO_KEY:
                    if event.value == "<<" and event.implicit[0]:
                        raise YamlProblem("merge_key", mark.line + 1, mark.column + 1)
                    _take_key(stack[-1], value, position)
                    continue
                _place(root, stack, value, position)
            elif kind is ev.MappingStartEvent or kind is ev.SequenceStartEvent:
                self._check_tag(event)
                if len(stack) + 1 > self.max_depth:
                    raise YamlProblem("too_deep", mark.line + 1, mark.column + 1, limit=self.max_depth)
                if stack and isinstance(stack[-1][0], YamlMap) and stack[-1][1] is _NO_KEY:
                    raise YamlProblem("yaml_syntax", mark.line + 1, mark.column + 1, problem="a key must be a scalar")
                node = YamlMap() if kind is ev.MappingStartEvent else YamlSeq()
                _place(root, stack, node, position)
                stack.append([node, _NO_KEY, None])
            elif kind is ev.MappingEndEvent or kind is ev.SequenceEndEvent:
                stack.pop()
            elif kind is ev.AliasEvent:
                raise YamlProblem("alias", mark.line + 1, mark.column + 1, name=event.anchor)
            elif kind is ev.DocumentEndEvent:
                following = get()
                if not isinstance(following, ev.StreamEndEvent):
                    at = following.start_mark
                    problem = "expected a single document in the stream"
                    raise YamlProblem("yaml_syntax", at.line + 1, at.column + 1, problem=problem)
                return root[0] if root else None

    @staticmethod
    def _check_tag(event: object) -> None:
        tag = event.tag  # type: ignore[attr-defined]
        if tag is not None and tag not in STANDARD_TAGS and tag != "!":
            mark = event.start_mark  # type: ignore[attr-defined]
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise YamlProblem("tag", mark.line + 1, mark.column + 1, tag=shown)


def _take_key(frame: list, key: object, position: tuple[int, int]) -> None:
    """Remember ``key`` as the pending key of the mapping in ``frame``; a repeated key is refused."""
    mapping: YamlMap = frame[0]
    if key in mapping:  # every scalar the reader makes is hashable
        raise YamlProblem("duplicate_key", position[0] + 1, position[1] + 1, key=str(key))
    frame[1], frame[2] = key, position


def _place(root: list, stack: list[list], value: object, position: tuple[int, int]) -> None:
    """Put ``value`` (at ``position``) into the innermost open collection, or make it the root."""
    if not stack:
        root.append(value)
        return
    frame = stack[-1]
    container = frame[0]
    if isinstance(container, YamlSeq):
        container.append(value)
        container.lc.items.append(position)
    else:
        key = frame[1]
        container[key] = value
        container.lc.keys[key] = frame[2]
        container.lc.values[key] = position
        frame[1] = _NO_KEY


_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULL = frozenset(("", "~", "null", "Null", "NULL"))
_FLOAT = re.compile(
    r"""[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN)""",
    re.X,
)
_INT = re.compile(r"[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+")
_TIMESTAMP = re.compile(
    r"""(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})
    (?:(?:[Tt]|[ \t]+)(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2}):(?P<second>[0-9]{2})
    (?:\.(?P<fraction>[0-9]*))?
    (?:[ \t]*(?P<tz>Z|(?P<tz_sign>[-+])(?P<tz_hour>[0-9]{1,2})(?::(?P<tz_minute>[0-9]{2}))?))?)?""",
    re.X,
)
_DATE_ONLY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _scalar(event: object) -> object:
    """A scalar event's value: plain scalars resolved by YAML 1.2's core schema, others as tagged."""
    value: str = event.value  # type: ignore[attr-defined]
    tag = event.tag  # type: ignore[attr-defined]
    if tag is None:
        return _resolve_plain(value) if event.implicit[0] else value  # type: ignore[attr-defined]
    suffix = tag.removeprefix("tag:yaml.org,2002:")
    if suffix == "int":
        return _int(value)
    if suffix == "float":
        return _float(value)
    if suffix == "bool":
        return _BOOL.get(value, value)
    if suffix == "null":
        return None
    return value


def _resolve_plain(value: str) -> object:
    """A plain scalar's value: null, bool, float, int, date/timestamp, or the text itself."""
    if value in _NULL:
        return None
    first = value[0]
    if first in "tTfF":
        return _BOOL.get(value, value)
    if first not in "-+0123456789.":
        return value
    if _FLOAT.fullmatch(value):
        return _float(value)
    if _INT.fullmatch(value):
        return _int(value)
    if first.isdigit():
        found = _TIMESTAMP.fullmatch(value)
        if found and (found["hour"] is not None or _DATE_ONLY.fullmatch(value)):
            return _timestamp(value, found)
    return value


def _int(text: str) -> object:
    """An integer from YAML text (underscores, 0b/0o/0x prefixes); too long stays :class:`BadScalar`."""
    digits = text.replace("_", "")
    sign = -1 if digits.startswith("-") else 1
    digits = digits.lstrip("+-")
    base = {"0b": 2, "0o": 8, "0x": 16}.get(digits[:2], 10)
    try:
        return sign * int(digits[2:] if base != 10 else digits, base)
    except ValueError:
        if digits.isdigit():
            count = sum(c.isdigit() for c in text)
            return _bad(text, "number_too_long", digits=count, limit=MAX_NUMBER_DIGITS)
        return text


def _float(text: str) -> object:
    """A float as an exact decimal from its text."""
    plain = text.replace("_", "").lower()
    special = {".inf": "Infinity", "+.inf": "Infinity", "-.inf": "-Infinity", ".nan": "NaN"}
    try:
        return Decimal(special.get(plain, plain))
    except InvalidOperation:
        return text


def _timestamp(text: str, found: re.Match[str]) -> object:
    """A date (``2020-08-20``) or a datetime; one that does not exist stays :class:`BadScalar`."""
    try:
        day = dt.date(int(found["year"]), int(found["month"]), int(found["day"]))
        if found["hour"] is None:
            return day
        fraction = int((found["fraction"] or "0")[:6].ljust(6, "0"))
        zone = None
        if found["tz"] == "Z":
            zone = dt.UTC
        elif found["tz_sign"]:
            offset = dt.timedelta(hours=int(found["tz_hour"]), minutes=int(found["tz_minute"] or 0))
            zone = dt.timezone(-offset if found["tz_sign"] == "-" else offset)
        time = dt.time(int(found["hour"]), int(found["minute"]), int(found["second"]), fraction, zone)
        return dt.datetime.combine(day, time)
    except (ValueError, OverflowError):
        return _bad(text, "bad_date", text=text)
