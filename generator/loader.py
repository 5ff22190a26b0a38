"""The loader: a report YAML file → a validated :class:`~generator.model.Report`.

Safe (no tags, no aliases, bounded depth and size) and positional: every problem
is a :class:`~generator.errors.Problem` at the line and column of the YAML node
that causes it, raised together as one :class:`~generator.errors.SourceError`.

A loaded report keeps a private index ``path → (line, column)`` of every value
(:meth:`~generator.model.Report.source_position`): renderers, which know no YAML, name a
source path in a warning or refusal, and the build turns it into ``file:line:column``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import gc
import re
import typing
from collections.abc import Iterator
from decimal import Decimal, localcontext
from pathlib import Path

from pydantic import BaseModel, ValidationError

from generator.errors import Problem, SourceError
from generator.inline import InlineError, parse_inline
from generator.messages import type_name
from generator.model import (
    LIMITS,
    Appendix,
    Figure,
    ListBlock,
    ListItem,
    Paragraph,
    Report,
    Section,
    SourceBytes,
    SourcePositions,
    Table,
)
from generator.numbers import QuantityError, check_value, chinese_numeral, find_quote, format_decimal, unit_scale
from generator.terms import locate, term_key
from generator.yamltree import MAX_NUMBER_DIGITS, BadScalar, YamlMap, YamlProblem, YamlSeq, parse_yaml

MAX_BYTES = 16 * 1024 * 1024
"""Largest source file accepted (bytes)."""

MAX_DEPTH = 32
"""Deepest nesting of YAML collections accepted."""

Path_ = tuple[str | int, ...]

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def load_report(path: str | Path) -> Report:
    """Read, parse and validate a report source; raise :class:`SourceError` on any problem."""
    from generator.sourcefile import read_source  # stat first, regular files only, bounded read

    data = read_source(path, MAX_BYTES)
    try:
        report = parse_report(data, str(path), index=len(data) <= COLLECT_ABOVE)
        if len(data) > COLLECT_ABOVE:  # a large source's index is built only if a warning needs it
            report._source_positions = _PositionsOnDemand(Path(path))
        return report
    finally:
        if len(data) > COLLECT_ABOVE and not gc.isenabled():
            gc.collect()  # the round-trip tree is full of cycles: free it before renderers fork


COLLECT_ABOVE = 1024 * 1024
"""Source size (bytes) above which the parse tree is collected at once when the collector is off."""


def parse_report(data: bytes, name: str = "<source>", index: bool = True) -> Report:
    """Validate a report source given as bytes; ``name`` is used in messages.

    ``index``: keep every value's position on the report (for renderers' warnings).

    Every problem is found at once: values the model refuses are reported and set aside,
    and the cross-field checks still run on everything that could be read.
    """
    if len(data) > MAX_BYTES:
        raise SourceError(name, [Problem(1, 1, "too_large", {"size": len(data), "limit": MAX_BYTES})])
    text = _decode(data, name)
    unprintable = list(_unprintable(text))
    if unprintable:
        raise SourceError(name, unprintable)
    tree = _parse_yaml(text, name)
    # raw control characters were refused above; in YAML only a backslash escape can write one
    problems = list(_control_characters(tree)) if "\\" in text else []
    too_many = list(_counts(tree))
    if too_many:  # past the limits nothing more is checked: the work would not be bounded
        raise SourceError(name, sorted(problems + too_many, key=lambda p: (p.line, p.column)))
    report, refused = _validate(tree)
    problems += refused
    if report is not None:
        found = check_report(report)
        set_aside: set[str] = set()  # refused figures: no "unknown figure" for them
        if any(key == "unknown_figure" for _, key, _ in found):
            set_aside = _figure_ids(tree) - set(report.figures())
        problems += [
            Problem(*_position(tree, p), key, fields)
            for p, key, fields in found
            if not (key == "unknown_figure" and fields["id"] in set_aside)
        ]
    if problems:
        raise SourceError(name, _unique(problems))
    assert report is not None
    report._source_bytes = SourceBytes(data)
    if index:
        report._source_positions = SourcePositions(_position_index(tree))
    return report


class _PositionsOnDemand(SourcePositions):
    """The position index of a large source, built from the file when a warning first asks for it.

    Building it with every load costs a 20,000-paragraph source 8 MB that each forked renderer
    would carry; a build that warns of nothing never reads the file again.
    """

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.built = False

    def get(self, key, default=None):  # noqa: D102 (dict.get)
        if not self.built:
            self.built = True
            from generator.sourcefile import read_source

            try:
                data = read_source(self.path, MAX_BYTES)
                self.update(_position_index(_parse_yaml(_decode(data, str(self.path)), str(self.path))))
            except (OSError, SourceError):
                pass  # the file changed or went: warnings fall back to line 1
        return super().get(key, default)


def _unique(problems: list[Problem]) -> list[Problem]:
    """Problems without repeats (same place, same message)."""
    seen: set[tuple[int, int, str, str]] = set()
    out = []
    for problem in problems:
        key = (problem.line, problem.column, problem.key, repr(sorted(problem.fields.items())))
        if key not in seen:
            seen.add(key)
            out.append(problem)
    return out


def _decode(data: bytes, name: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
        raise SourceError(name, [Problem(line, column, "not_utf8")]) from None
    return text.removeprefix("\ufeff")


_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
"""Characters a YAML file may not hold raw (the YAML reader's rule): C0 and C1 controls, DEL, NUL,
surrogates, U+FFFE and U+FFFF. Written as escapes in a quoted string they reach :func:`_control_characters`."""

_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
"""Line breaks as the YAML reader counts them (so positions agree with its other messages)."""


def _unprintable(text: str) -> Iterator[Problem]:
    """The first unprintable character of each line, at its line and column."""
    found = _UNPRINTABLE.search(text)
    if found is None:
        return
    starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
    last_line = 0
    for match in _UNPRINTABLE.finditer(text):
        line = bisect.bisect_right(starts, match.start())
        if line != last_line:
            last_line = line
            column = match.start() - starts[line - 1] + 1
            yield Problem(line, column, "control_char", {"code": f"{ord(match.group()):04X}"})


def _parse_yaml(text: str, name: str) -> YamlMap:
    try:
        tree = parse_yaml(text, MAX_DEPTH)
    except YamlProblem as problem:
        raise SourceError(name, [Problem(problem.line, problem.column, problem.key, problem.fields)]) from None
    if tree is None:
        raise SourceError(name, [Problem(1, 1, "empty_file")])
    if not isinstance(tree, YamlMap):
        raise SourceError(name, [Problem(1, 1, "top_not_mapping")])
    return tree


def _walk(node: object, path: Path_ = ()) -> Iterator[tuple[Path_, object]]:
    """Every (path, scalar) of a source tree, keys included (as paths ending at the key)."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*path, key), key
            yield from _walk(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, (*path, index))
    else:
        yield path, node


def _control_characters(tree: YamlMap) -> Iterator[Problem]:
    for path, value in _walk(tree):
        if isinstance(value, str):
            found = _XML_ILLEGAL.search(value)
            if found:
                code = f"{ord(found.group()):04X}"
                yield Problem(*_position(tree, path), "control_char", {"code": code})


_COUNTED: dict[tuple[str, ...], str] = {
    ("parts",): "parts",
    ("parts", "*", "content"): "blocks",
    ("parts", "*", "content", "*", "paragraphs"): "blocks",
    ("appendices",): "appendices",
    ("appendices", "*", "content"): "blocks",
    ("tiles",): "tiles",
    ("charts",): "charts",
    ("charts", "*", "figures"): "chart_figures",
    ("charts", "*", "categories"): "chart_figures",
    ("charts", "*", "series"): "series",
    ("charts", "*", "series", "*", "figures"): "chart_figures",
    ("glossary", "entries"): "entries",
    ("appendices", "*", "glossary", "entries"): "entries",
}
"""Lists whose length :data:`~generator.model.LIMITS` bounds, by their path (``*`` any index);
besides these, every ``items`` (list items), ``rows`` (table rows) and ``figures`` (of a paragraph)."""


def _counts(tree: YamlMap) -> Iterator[Problem]:
    """Lists longer than the limits, each at its first item over the limit."""
    for path, seq in _lists(tree):
        shape = tuple("*" if isinstance(x, int) else x for x in path)
        what = _COUNTED.get(shape) or {"items": "items", "rows": "rows", "figures": "figures"}.get(str(shape[-1]))
        checks = [(what, len(seq))] if what else []
        if shape[-1] == "content" and shape[0] == "parts":
            sections = [i for i, item in enumerate(seq) if isinstance(item, dict) and "section" in item]
            checks.append(("sections", len(sections)))
        for kind, count in checks:
            limit, zh, en = LIMITS[kind]
            if count > limit:
                at = sections[limit] if kind == "sections" else limit
                line, column = seq.lc.item(at)
                fields = {"what": zh, "what_en": en, "count": count, "limit": limit}
                yield Problem(line + 1, column + 1, "too_many", fields)


def _lists(node: object, path: Path_ = ()) -> Iterator[tuple[Path_, YamlSeq]]:
    """Every sequence of a source tree with its path."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _lists(value, (*path, key))
    elif isinstance(node, list):
        if isinstance(node, YamlSeq) and path:
            yield path, node
        for index, value in enumerate(node):
            yield from _lists(value, (*path, index))


def _figure_ids(tree: YamlMap) -> set[str]:
    """The id of every figure written in the source, whether the model accepted it or not."""
    ids: set[str] = set()
    for path, value in _walk(tree):
        if len(path) >= 3 and path[-1] == "id" and isinstance(path[-2], int) and path[-3] == "figures":
            if isinstance(value, str):
                ids.add(value)
    return ids


class _Seq(list):
    """A list of the plain tree that remembers each item's index in the source."""

    origin: list[int]


def _plain(node: object) -> object:
    """The source tree as plain Python values, each list remembering its items' source indexes."""
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        seq = _Seq(_plain(v) for v in node)
        seq.origin = list(range(len(node)))
        return seq
    return node  # scalars are plain already: str, int, bool, None, Decimal, date, BadScalar


MAX_ROUNDS = 64
"""Most validation rounds: each sets aside what the model refused and tries again."""


def _validate(tree: YamlMap) -> tuple[Report | None, list[Problem]]:
    """The model of the tree, with what it refuses reported and set aside (None if nothing is left)."""
    plain = _plain(tree)
    problems: list[Problem] = []
    filled: set[str] = set()
    emptied: set[Path_] = set()  # lists that lost items here: their being short is not the user's problem
    for _ in range(MAX_ROUNDS):
        try:
            return Report.model_validate(plain), problems
        except ValidationError as error:
            errors = error.errors()
        located = [(e, _source_path(plain, tuple(e["loc"]))) for e in errors]
        problems += [
            _problem_from_pydantic({**e, "loc": path}, tree)
            for e, path in located
            if not (e["type"] == "too_short" and _model_path(path) in emptied)
        ]
        gone = _set_aside_all(plain, located, filled)
        if not gone:
            break
        emptied |= gone
    return None, problems


def _set_aside_all(plain: object, located: list[tuple[dict, Path_]], filled: set[str]) -> set[Path_]:
    """Set aside what every error points at, once per item; the source paths of the lists that lost items."""
    gone: set[Path_] = set()
    lists: set[Path_] = set()
    for error, source in sorted(located, key=_deepest_last):
        path = _model_path(error["loc"])
        if any(path[:n] in gone for n in range(len(path) + 1)):
            continue
        removed = _set_aside(plain, tuple(error["loc"]), error["type"], filled)
        if removed is not None:
            gone.add(removed)
            lists.add(_model_path(source)[: len(removed) - 1])
    return lists if gone else set()


def _deepest_last(item: tuple[dict, Path_]) -> tuple:
    """Sort key: later list items first, so that setting one aside moves no other."""
    return tuple(-x if isinstance(x, int) else 0 for x in item[1])


def _model_path(loc: tuple) -> Path_:
    """A pydantic location without its union tags."""
    return tuple(x for x in loc if not (isinstance(x, str) and x.startswith("~")))


def _source_path(plain: object, loc: tuple) -> Path_:
    """A pydantic location on the (pruned) plain tree → the path in the source, union tags kept."""
    node, out = plain, []
    for element in loc:
        if isinstance(element, str) and element.startswith("~"):
            out.append(element)
            continue
        if isinstance(node, _Seq) and isinstance(element, int) and 0 <= element < len(node):
            out.append(node.origin[element])
            node = node[element]
        elif isinstance(node, dict) and element in node:
            out.append(element)
            node = node[element]
        else:
            out.append(element)
            node = None
    return tuple(out)


PLACEHOLDERS: dict[str, object] = {"date": dt.date(1970, 1, 1), "version": 1, "id": "x"}
"""Stand-ins for required metadata that is missing or refused, so the other checks still run."""


def _set_aside(plain: object, loc: tuple, kind: str, filled: set[str]) -> Path_ | None:
    """Set aside what ``loc`` points at: the key, or the nearest list item holding it.

    Returns the path of what went (None if nothing could).
    """
    path = _model_path(loc)
    chain: list[object] = [plain]  # chain[d] holds path[d]
    for element in path:
        try:
            chain.append(chain[-1][element])  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            break
    if kind == "extra_forbidden" and len(chain) >= len(path) and isinstance(chain[len(path) - 1], dict):
        chain[len(path) - 1].pop(path[-1], None)  # type: ignore[union-attr]
        return path
    for depth in range(min(len(path), len(chain)) - 1, -1, -1):
        parent, key = chain[depth], path[depth]
        if depth and path[depth - 1] in _TUPLE_FIELDS:
            continue  # an element of a pair: the pair goes, not the element
        if isinstance(parent, _Seq) and isinstance(key, int) and 0 <= key < len(parent):
            del parent[key]
            del parent.origin[key]
            return path[: depth + 1]
        if not isinstance(parent, dict):
            continue
        if depth == 1 and path[0] == "report" and (kind == "missing" or _required(loc, depth)):
            if key in filled:
                return None
            filled.add(str(key))
            parent[key] = PLACEHOLDERS.get(str(key), "—")
            return path[:2]
        if kind != "missing" and key in parent and not _required(loc, depth):
            del parent[key]
            return path[: depth + 1]
    return None


_TUPLE_FIELDS = frozenset({"cell"})
"""Fields that are fixed-length lists (a pair), set aside whole."""


def _required(loc: tuple, depth: int) -> bool:
    """Whether the field at ``depth`` (counting keys and indexes, not union tags) of ``loc`` is required."""
    raw: list[object] = []
    seen = 0
    for element in loc:
        if not (isinstance(element, str) and element.startswith("~")):
            if seen == depth:
                break
            seen += 1
        raw.append(element)
    model = _model_at(tuple(raw))
    key = loc[len(raw)] if len(raw) < len(loc) else None
    if model is None or not isinstance(key, str) or key not in model.model_fields:
        return True
    return model.model_fields[key].is_required()


def _position(tree: YamlMap, path: Path_, at_key: bool = False) -> tuple[int, int]:
    """1-based (line, column) of the node at ``path``, or of the deepest ancestor found."""
    node: object = tree
    line, column = 0, 0
    for element in path:
        if isinstance(element, str) and element.startswith("~"):
            continue  # a union tag in pydantic's location, not a YAML key
        if isinstance(node, YamlMap) and element in node:
            last = element == path[-1] and at_key
            empty = node[element] is None  # a null value has no position of its own
            line, column = node.lc.key(element) if last or empty else node.lc.value(element)
            node = node[element]
        elif isinstance(node, YamlSeq) and isinstance(element, int) and 0 <= element < len(node):
            line, column = node.lc.item(element)
            node = node[element]
        else:
            break
    return line + 1, column + 1


def _position_index(tree: YamlMap) -> dict[Path_, tuple[int, int]]:
    """Every value's 1-based (line, column), by path, as :func:`_position` finds it.

    Kept on the report (``Report.source_position``) so that a renderer's warning or refusal,
    which names a source path, can be turned into ``file:line:column`` without YAML.
    """
    index: dict[Path_, tuple[int, int]] = {(): (1, 1)}
    stack: list[tuple[object, Path_]] = [(tree, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, YamlMap):
            for key, value in node.items():
                line, column = node.lc.key(key) if value is None else node.lc.value(key)
                index[(*path, key)] = (line + 1, column + 1)
                stack.append((value, (*path, key)))
        elif isinstance(node, YamlSeq):
            for i, value in enumerate(node):
                line, column = node.lc.item(i)
                index[(*path, i)] = (line + 1, column + 1)
                stack.append((value, (*path, i)))
    return index


_UNION_TAGS: dict[str, type[BaseModel]] = {
    "~paragraph": Paragraph,
    "~section": Section,
    "~list": ListBlock,
    "~table": Table,
}


def _model_at(path: Path_) -> type[BaseModel] | None:
    """The model class that the location ``path`` (pydantic style) stands in."""
    cls: object = Report
    for element in path:
        if isinstance(element, int):
            continue
        if isinstance(element, str) and element in _UNION_TAGS:
            cls = _UNION_TAGS[element]
            continue
        if not (isinstance(cls, type) and issubclass(cls, BaseModel)) or element not in cls.model_fields:
            return None
        cls = _inner_model(cls.model_fields[element].annotation)
    return cls if isinstance(cls, type) and issubclass(cls, BaseModel) else None


def _inner_model(annotation: object) -> object:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


_TYPE_ERRORS = {
    "string_type": "string",
    "int_type": "int",
    "int_parsing": "int",
    "int_from_float": "int",
    "decimal_type": "decimal",
    "decimal_parsing": "decimal",
    "bool_type": "bool",
    "bool_parsing": "bool",
    "list_type": "list",
    "model_type": "model",
    "model_attributes_type": "model",
    "dict_type": "dict",
    "date_type": "date",
    "date_parsing": "date",
    "date_from_datetime_parsing": "date",
    "date_from_datetime_inexact": "date",
}


def _problem_from_pydantic(error: dict, tree: YamlMap) -> Problem:
    """Translate one pydantic error into a positioned :class:`Problem`."""
    loc = tuple(error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        parent = _model_at(loc[:-1])
        allowed = "、".join(parent.model_fields) if parent else ""
        return Problem(*_position(tree, loc, at_key=True), "unknown_key", {"key": loc[-1], "allowed": allowed})
    position = _position(tree, loc)
    if isinstance(error.get("input"), BadScalar) and kind not in ("missing", "literal_error"):
        bad = error["input"]
        return Problem(*position, bad.key, bad.fields)
    if kind == "date_from_datetime_parsing" and isinstance(error.get("input"), str):
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", error["input"].strip()):
            return Problem(*position, "bad_date", {"text": error["input"]})
    if kind == "missing":
        return Problem(*position, "missing", {"key": loc[-1]})
    if kind == "string_type" and error.get("input") is None and loc and loc[-1] == "text":
        return Problem(*position, "empty_paragraph")
    if kind in _TYPE_ERRORS:
        expected = _TYPE_ERRORS[kind]
        return Problem(
            *position, "wrong_type", {"expected": type_name(expected), "expected_en": type_name(expected, "en")}
        )
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", error["ctx"]["expected"])
        return Problem(*position, "bad_choice", {"choices": "、".join(choices)})
    if kind == "string_pattern_mismatch":
        return Problem(*position, "bad_id")
    if kind == "too_short":
        return Problem(*position, "too_short", {"min": error["ctx"]["min_length"]})
    if kind == "string_too_short":
        return Problem(*position, "empty_text")
    if kind == "string_too_long":
        limit = error["ctx"]["max_length"]
        return Problem(*position, "text_too_long", {"length": len(error["input"]), "limit": limit})
    if kind in ("less_than_equal", "greater_than_equal"):
        limit = error["ctx"]["le" if kind == "less_than_equal" else "ge"]
        key = "value_too_large" if kind == "less_than_equal" else "value_too_small"
        return Problem(*position, key, {"limit": limit})
    if kind == "finite_number":
        return Problem(*position, "not_finite", {"text": str(error["input"])})
    if kind == "int_parsing_size":
        digits = sum(c.isdigit() for c in str(error["input"]))
        return Problem(*position, "number_too_long", {"digits": digits, "limit": MAX_NUMBER_DIGITS})
    return Problem(*position, "invalid_value", {"detail": error["msg"]})


# --- checks on the validated model -------------------------------------------------------

Finding = tuple[Path_, str, dict[str, object]]


def body_texts(report: Report) -> list[str]:
    """The texts in which glossary terms are looked up: the body as spoken, headings included."""
    return report.speech()


def check_report(report: Report) -> list[Finding]:
    """Cross-field checks on everything the model could read, in reading order."""
    findings: list[Finding] = []
    unreadable: set[int] = set()
    for path, texted in _texted(report):
        error = _markup_error(texted)
        if error is not None:
            findings.append(((*path, "text"), error.key, {}))
            unreadable.add(id(texted))
        elif not texted.full_text.strip():
            findings.append(((*path, "text"), "empty_paragraph", {}))
        elif isinstance(texted, Paragraph):
            findings += _check_leads(path, texted)
    findings += _check_numbering(report)
    findings += _check_figures(report, unreadable)
    if not unreadable:
        findings += _check_glossary(report)
    figures = report.figures()
    tiled: set[str] = set()
    for t, tile in enumerate(report.tiles):
        if tile.figure not in figures:
            findings.append((("tiles", t, "figure"), "unknown_figure", {"id": tile.figure}))
        elif tile.figure in tiled:
            findings.append((("tiles", t, "figure"), "duplicate_tile", {"id": tile.figure}))
        tiled.add(tile.figure)
    findings += _check_charts(report, figures)
    return findings


def _texted(report: Report) -> Iterator[tuple[Path_, Paragraph | ListItem]]:
    """Every paragraph and list item (the blocks with marked-up text) with its source path."""
    for node in report.walk():
        if node.kind == "paragraph":
            yield node.path, node.item  # type: ignore[misc]
        elif node.kind == "list":
            for i, item in enumerate(node.item.items):  # type: ignore[attr-defined]
                yield (*node.path, "items", i), item


def _markup_error(texted: Paragraph | ListItem) -> InlineError | None:
    try:
        parse_inline(texted.text)
    except InlineError as error:
        return error
    return None


def _check_leads(path: Path_, paragraph: Paragraph) -> Iterator[Finding]:
    """Lead-ins inside a paragraph must stand in its text, in order."""
    found = {start for start, _ in paragraph.lead_offsets()}
    position = len(paragraph.lead or "")
    text = paragraph.full_text
    for i, lead in enumerate(paragraph.leads):
        at = text.find(lead, position)
        if at < 0 or at not in found:
            yield (*path, "leads", i), "lead_missing", {"lead": lead}
        else:
            position = at + len(lead)


def _check_numbering(report: Report) -> Iterator[Finding]:
    """Headings whose numbers are written must carry them in sequence: 一、二、…, （一）（二）…, 1. 2. …."""
    if report.numbering.parts == "written":
        for p, part in enumerate(report.parts):
            expected = f"{chinese_numeral(p + 1)}、"
            if not part.heading.startswith(expected):
                yield ("parts", p, "heading"), "numbering_sequence", {"expected": expected}
    for node in report.walk(appendices=False):
        if node.kind != "part":
            continue
        part = node.item
        numbering = part.numbering or report.numbering  # type: ignore[attr-defined]
        if numbering.sections == "written":
            index = 0
            for c, item in enumerate(part.content):  # type: ignore[attr-defined]
                if isinstance(item, Section):
                    index += 1
                    expected = f"（{chinese_numeral(index)}）"
                    if not item.section.startswith(expected):
                        yield (*node.path, "content", c, "section"), "numbering_sequence", {"expected": expected}


def _check_figures(report: Report, unreadable: set[int]) -> Iterator[Finding]:
    seen: dict[str, Path_] = {}
    for figure, node, where in report.figure_places():
        if figure.id in seen:
            yield (*where, "id"), "duplicate_id", {"id": figure.id}
        seen.setdefault(figure.id, where)
        if node.kind == "table":
            text = _cell_text(node.item, figure)  # type: ignore[arg-type]
            if text is None:
                yield (*where, "cell"), "cell_out_of_range", {}
                continue
        else:
            holder = _holder(node, where)
            if id(holder) in unreadable:
                continue
            text = holder.full_text
        if node.kind == "table" and _BARE_NUMBER.fullmatch(figure.quote):
            yield from _check_bare(where, figure, text)
        else:
            yield from _check_figure(where, figure, text)


_BARE_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
"""A table cell's number without a unit (the unit is the column's or the table's)."""


def _check_bare(where: Path_, figure: Figure, text: str) -> Iterator[Finding]:
    """A bare number in a table cell: it must stand in the cell and equal the declared value."""
    if not find_quote(figure.quote, text):
        yield (*where, "quote"), "figure_quote_missing", {"quote": figure.quote}
    elif Decimal(figure.quote) != figure.value:
        fields = {"quote": figure.quote, "quoted": figure.quote, "declared": format_decimal(figure.value)}
        yield (*where, "value"), "figure_mismatch", fields


def _holder(node, where: Path_) -> Paragraph | ListItem:
    """The paragraph or list item a figure at ``where`` belongs to."""
    if node.kind == "list":
        return node.item.items[where[len(node.path) + 1]]
    return node.item


def _cell_text(table: Table, figure: Figure) -> str | None:
    """The text a table figure is quoted from: its cell, else every cell; None if the cell is not there."""
    if figure.cell is None:
        return "\n".join(table.texts())
    row, column = figure.cell
    if not (0 <= row < len(table.rows) and 0 <= column < len(table.rows[row])):
        return None
    return table.cell_text(row, column)


def _check_figure(where: Path_, figure: Figure, text: str) -> Iterator[Finding]:
    """A figure's quote stands in its text (on number boundaries) and says the declared value, range and hedge."""
    if not find_quote(figure.quote, text):
        yield (*where, "quote"), "figure_quote_missing", {"quote": figure.quote}
        return
    try:
        quantity = figure.quantity
    except QuantityError as error:
        yield (*where, "quote"), *_quantity_problem(figure.quote, error)
        return
    for field, value in (("value", figure.value), ("upper", figure.upper)):
        try:
            if value is not None:
                check_value(value)
        except QuantityError as error:
            yield (*where, field), *_quantity_problem(str(value), error)
            return
    try:
        base_unit = figure.base_unit
    except QuantityError as error:
        yield (*where, "value"), *_quantity_problem(str(figure.value), error)
        return
    with localcontext() as context:
        context.prec = 80  # 30 digits and a magnitude of 10¹² compare exactly
        scale = unit_scale(figure.unit)[0]
        declared = (figure.value * scale, None if figure.upper is None else figure.upper * scale)
        if quantity.unit != base_unit or (quantity.value, quantity.upper) != declared:
            shown_scale = scale if quantity.unit == base_unit else Decimal(1)
            unit = figure.unit if quantity.unit == base_unit else quantity.unit
            quoted = _amount(quantity.value, quantity.upper, shown_scale, unit)
            fields = {"quote": figure.quote, "quoted": quoted, "declared": _amount(*declared, scale, figure.unit)}
            yield (*where, "value"), "figure_mismatch", fields
    if figure.qualifier is not None and figure.qualifier != quantity.qualifier:
        fields = {"quote": figure.quote, "quoted": quantity.qualifier, "declared": figure.qualifier}
        yield (*where, "qualifier"), "qualifier_mismatch", fields


def _amount(value: Decimal, upper: Decimal | None, scale: Decimal, unit: str) -> str:
    """A value (or range) in ``unit`` for a message: 9818.3 万元, 6—6.5 %."""
    text = format_decimal(value / scale)
    if upper is not None:
        text += "—" + format_decimal(upper / scale)
    return f"{text} {unit}"


def _quantity_problem(text: str, error: QuantityError) -> tuple[str, dict[str, object]]:
    """The message of a quote or unit the figure rules cannot read: says which rule, names the list."""
    accepted = "、".join(error.accepted)
    if error.kind == "unknown_unit":
        return "figure_unknown_unit", {"quote": text, "part": error.text, "accepted": accepted}
    if error.kind == "unknown_hedge":
        return "figure_unknown_hedge", {"quote": text, "part": error.text, "accepted": accepted}
    if error.kind == "bad_range":
        return "figure_bad_range", {"quote": text, "accepted": accepted}
    if error.kind == "too_long":
        return "figure_too_long", {"quote": text[:40]}
    return "figure_unparsable", {"quote": text}


def _check_glossary(report: Report) -> Iterator[Finding]:
    glossaries = [(a, p) for a, p in _glossary_paths(report)]
    if len(glossaries) > 1:
        yield (*glossaries[1][1], "entries"), "two_glossaries", {}
    texts = body_texts(report)
    for appendix, path in glossaries[:1]:
        seen: set[str] = set()
        for e, entry in enumerate(appendix.entries):
            where = (*path, "entries", e, "term")
            if entry.term in seen:
                yield where, "duplicate_term", {"term": entry.term}
            seen.add(entry.term)
            for m, match in enumerate(entry.match_texts()):
                at = where if entry.match is None else (*path, "entries", e, "match", m)
                if not term_key(match):
                    yield (*path, "entries", e, "match", m), "empty_text", {}
                elif not any(ch.isalnum() for ch in match):
                    yield at, "term_no_word", {"term": match}
                elif not locate(match, texts):
                    yield at, "term_unused", {"term": match}


def _glossary_paths(report: Report) -> Iterator[tuple[Appendix, Path_]]:
    """Every appendix holding glossary entries, with the source path of its entries' parent."""
    for a, appendix in enumerate(report.appendices):
        if appendix.glossary is not None and appendix.glossary.entries:
            yield appendix, ("appendices", a, "glossary")
    if report.glossary.entries:
        yield Appendix(label=report.glossary.label, glossary=report.glossary), ("glossary",)


def _check_charts(report: Report, figures: dict[str, Figure]) -> Iterator[Finding]:
    chart_ids: set[str] = set()
    for c, chart in enumerate(report.charts):
        if chart.id in chart_ids:
            yield ("charts", c, "id"), "duplicate_id", {"id": chart.id}
        chart_ids.add(chart.id)
        if bool(chart.figures) == bool(chart.series):
            yield ("charts", c, "figures"), "chart_figures_or_series", {}
            continue
        groups: list[tuple[Path_, list[str]]] = [(("charts", c, "figures"), chart.figures)] if chart.figures else []
        groups += [(("charts", c, "series", s, "figures"), series.figures) for s, series in enumerate(chart.series)]
        if chart.series:
            count = len(chart.categories) or len(chart.series[0].figures)
            for s, series in enumerate(chart.series):
                if len(series.figures) != count:
                    yield ("charts", c, "series", s, "figures"), "chart_series_length", {"count": count}
        try:
            chart_base = unit_scale(chart.unit)[1]
        except QuantityError as error:
            yield ("charts", c, "unit"), *_quantity_problem(chart.unit, error)
            continue
        for path, ids in groups:
            labels: dict[str, int] = {}
            for f, figure_id in enumerate(ids):
                figure = figures.get(figure_id)
                if figure is None:
                    yield (*path, f), "unknown_figure", {"id": figure_id}
                    continue
                try:
                    figure_base = figure.base_unit
                except QuantityError:
                    continue  # reported with the figure
                if figure_base != chart_base:
                    fields = {"label": figure.label, "unit": figure.unit, "chart_unit": chart.unit}
                    yield (*path, f), "chart_unit", fields
                if figure.label in labels and not chart.series:
                    yield (*path, f), "chart_duplicate_label", {"label": figure.label}
                labels.setdefault(figure.label, f)
