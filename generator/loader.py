"""The loader: a report YAML file → a validated :class:`~generator.model.Report`.

Safe (no tags, no aliases, bounded depth and size) and positional: every problem
is a :class:`~generator.errors.Problem` at the line and column of the YAML node
that causes it, raised together as one :class:`~generator.errors.SourceError`.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import AliasEvent, MappingStartEvent, ScalarEvent, SequenceStartEvent

from generator.errors import Problem, SourceError
from generator.inline import InlineError, parse_inline
from generator.messages import type_name
from generator.model import Paragraph, Report, Section
from generator.numbers import QuantityError, format_decimal, unit_scale
from generator.terms import find_term

MAX_BYTES = 4 * 1024 * 1024
"""Largest source file accepted (bytes)."""

MAX_DEPTH = 32
"""Deepest nesting of YAML collections accepted."""

Path_ = tuple[str | int, ...]

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_STANDARD_TAGS = frozenset(
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "map", "seq")
)


class _Refusal(Exception):
    """A construct the loader refuses, at a YAML mark."""

    def __init__(self, key: str, mark: object, **fields: object) -> None:
        super().__init__(key)
        self.key = key
        self.mark = mark
        self.fields = fields


class _SafeComposer(Composer):
    """A composer that refuses aliases and non-standard tags, so nothing expands or executes."""

    def compose_node(self, parent: object, index: object) -> object:
        event = self.parser.peek_event()
        if isinstance(event, AliasEvent):
            raise _Refusal("alias", event.start_mark, name=event.anchor)
        if isinstance(event, (ScalarEvent, MappingStartEvent, SequenceStartEvent)):
            tag = getattr(event, "tag", None)
            if tag is not None and str(tag) not in _STANDARD_TAGS and str(tag) != "!":
                shown = str(tag).replace("tag:yaml.org,2002:", "!!")
                raise _Refusal("tag", event.start_mark, tag=shown)
        return super().compose_node(parent, index)


def _yaml() -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.Composer = _SafeComposer
    yaml.max_depth = MAX_DEPTH
    yaml.allow_duplicate_keys = False
    return yaml


def load_report(path: str | Path) -> Report:
    """Read, parse and validate a report source; raise :class:`SourceError` on any problem."""
    from generator.sourcefile import read_source  # stat first, regular files only, bounded read

    return parse_report(read_source(path, MAX_BYTES), str(path))


def parse_report(data: bytes, name: str = "<source>") -> Report:
    """Validate a report source given as bytes; ``name`` is used in messages."""
    if len(data) > MAX_BYTES:
        raise SourceError(name, [Problem(1, 1, "too_large", {"size": len(data), "limit": MAX_BYTES})])
    text = _decode(data, name)
    tree = _parse_yaml(text, name)
    problems = list(_control_characters(tree))
    if problems:
        raise SourceError(name, problems)
    try:
        report = Report.model_validate(_plain(tree))
    except ValidationError as error:
        raise SourceError(name, [_problem_from_pydantic(e, tree) for e in error.errors()]) from None
    problems = [Problem(*_position(tree, p), key, fields) for p, key, fields in check_report(report)]
    if problems:
        raise SourceError(name, problems)
    return report


def _decode(data: bytes, name: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
        raise SourceError(name, [Problem(line, column, "not_utf8")]) from None
    return text.removeprefix("\ufeff")


def _parse_yaml(text: str, name: str) -> CommentedMap:
    try:
        tree = _yaml().load(text)
    except _Refusal as refusal:
        mark = refusal.mark
        raise SourceError(name, [Problem(mark.line + 1, mark.column + 1, refusal.key, refusal.fields)]) from None
    except DuplicateKeyError as error:
        mark = error.problem_mark
        found = re.search(r'duplicate key "(.*?)"', str(error.problem))
        key = found.group(1) if found else "?"
        raise SourceError(name, [Problem(mark.line + 1, mark.column + 1, "duplicate_key", {"key": key})]) from None
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if "maximum depth" in str(error.problem):
            raise SourceError(name, [Problem(line, column, "too_deep", {"limit": MAX_DEPTH})]) from None
        problem = str(error.problem or error.context or "").strip()
        raise SourceError(name, [Problem(line, column, "yaml_syntax", {"problem": problem})]) from None
    except RecursionError:
        raise SourceError(name, [Problem(1, 1, "too_deep", {"limit": MAX_DEPTH})]) from None
    if tree is None:
        raise SourceError(name, [Problem(1, 1, "empty_file")])
    if not isinstance(tree, CommentedMap):
        raise SourceError(name, [Problem(1, 1, "top_not_mapping")])
    return tree


def _walk(node: object, path: Path_ = ()) -> Iterator[tuple[Path_, object]]:
    """Every (path, scalar) of a ruamel tree, keys included (as paths ending at the key)."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*path, key), key
            yield from _walk(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, (*path, index))
    else:
        yield path, node


def _control_characters(tree: CommentedMap) -> Iterator[Problem]:
    for path, value in _walk(tree):
        if isinstance(value, str):
            found = _XML_ILLEGAL.search(value)
            if found:
                code = f"{ord(found.group()):04X}"
                yield Problem(*_position(tree, path), "control_char", {"code": code})


def _plain(node: object) -> object:
    """Ruamel's round-trip objects as plain Python values (floats as exact decimals)."""
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, bool) or node is None or isinstance(node, (dt.date, int)):
        return node if not isinstance(node, int) or isinstance(node, bool) else int(node)
    if isinstance(node, float):
        return Decimal(str(node))
    return str(node)


def _position(tree: CommentedMap, path: Path_, at_key: bool = False) -> tuple[int, int]:
    """1-based (line, column) of the node at ``path``, or of the deepest ancestor found."""
    node: object = tree
    line, column = 0, 0
    for element in path:
        if isinstance(element, str) and element.startswith("~"):
            continue  # a union tag in pydantic's location, not a YAML key
        if isinstance(node, CommentedMap) and element in node:
            last = element == path[-1] and at_key
            empty = node[element] is None  # a null value has no position of its own
            line, column = node.lc.key(element) if last or empty else node.lc.value(element)
            node = node[element]
        elif isinstance(node, CommentedSeq) and isinstance(element, int) and 0 <= element < len(node):
            line, column = node.lc.item(element)
            node = node[element]
        else:
            break
    return line + 1, column + 1


def _model_at(path: Path_) -> type[BaseModel] | None:
    """The model class that the location ``path`` (pydantic style) stands in."""
    cls: object = Report
    for element in path:
        if isinstance(element, int):
            continue
        if element == "~paragraph":
            cls = Paragraph
            continue
        if element == "~section":
            cls = Section
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


def _problem_from_pydantic(error: dict, tree: CommentedMap) -> Problem:
    """Translate one pydantic error into a positioned :class:`Problem`."""
    loc = tuple(error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        parent = _model_at(loc[:-1])
        allowed = "、".join(parent.model_fields) if parent else ""
        return Problem(*_position(tree, loc, at_key=True), "unknown_key", {"key": loc[-1], "allowed": allowed})
    position = _position(tree, loc)
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
    return Problem(*position, "invalid_value", {"detail": error["msg"]})


# --- checks on the validated model -------------------------------------------------------

Finding = tuple[Path_, str, dict[str, object]]


def located_paragraphs(report: Report) -> Iterator[tuple[Path_, Paragraph]]:
    """Every body paragraph with its path in the source."""
    for i, paragraph in enumerate(report.opening):
        yield ("opening", i), paragraph
    for p, part in enumerate(report.parts):
        for c, item in enumerate(part.content):
            if isinstance(item, Section):
                for k, paragraph in enumerate(item.paragraphs):
                    yield ("parts", p, "content", c, "paragraphs", k), paragraph
            else:
                yield ("parts", p, "content", c), item
    for i, paragraph in enumerate(report.closing):
        yield ("closing", i), paragraph


def body_texts(report: Report) -> list[str]:
    """The texts in which glossary terms are looked up: the body as spoken, headings included."""
    return report.speech()


def check_report(report: Report) -> list[Finding]:
    """Cross-field checks: markup, empty paragraphs, figures, glossary, tiles, charts."""
    findings = [
        ((*path, "text"), error.key, {})
        for path, paragraph in located_paragraphs(report)
        if (error := _markup_error(paragraph)) is not None
    ]
    if findings:
        return findings  # the other checks read the parsed text
    figure_ids: dict[str, Path_] = {}
    for path, paragraph in located_paragraphs(report):
        findings.extend(_check_paragraph(path, paragraph, figure_ids))
    findings.extend(_check_glossary(report))
    figures = report.figures()
    for t, tile in enumerate(report.tiles):
        if tile.figure not in figures:
            findings.append((("tiles", t, "figure"), "unknown_figure", {"id": tile.figure}))
    chart_ids: set[str] = set()
    for c, chart in enumerate(report.charts):
        if chart.id in chart_ids:
            findings.append((("charts", c, "id"), "duplicate_id", {"id": chart.id}))
        chart_ids.add(chart.id)
        chart_base = unit_scale(chart.unit)[1]
        for f, figure_id in enumerate(chart.figures):
            figure = figures.get(figure_id)
            if figure is None:
                findings.append((("charts", c, "figures", f), "unknown_figure", {"id": figure_id}))
            elif figure.base_unit != chart_base:
                fields = {"label": figure.label, "unit": figure.unit, "chart_unit": chart.unit}
                findings.append((("charts", c, "figures", f), "chart_unit", fields))
    return findings


def _markup_error(paragraph: Paragraph) -> InlineError | None:
    try:
        parse_inline(paragraph.text)
    except InlineError as error:
        return error
    return None


def _check_paragraph(path: Path_, paragraph: Paragraph, figure_ids: dict[str, Path_]) -> Iterator[Finding]:
    if not paragraph.full_text.strip():
        yield (*path, "text"), "empty_paragraph", {}
        return
    for f, figure in enumerate(paragraph.figures):
        where = (*path, "figures", f)
        if figure.id in figure_ids:
            yield (*where, "id"), "duplicate_id", {"id": figure.id}
        figure_ids[figure.id] = where
        yield from _check_figure(where, figure, paragraph)


def _check_figure(where: Path_, figure, paragraph: Paragraph) -> Iterator[Finding]:
    if figure.quote not in paragraph.full_text:
        yield (*where, "quote"), "figure_quote_missing", {"quote": figure.quote}
        return
    try:
        quantity = figure.quantity
    except QuantityError:
        yield (*where, "quote"), "figure_unparsable", {"quote": figure.quote}
        return
    if quantity.unit != figure.base_unit or quantity.value != figure.base_value:
        scale = unit_scale(figure.unit)[0] if quantity.unit == figure.base_unit else 1
        unit = figure.unit if quantity.unit == figure.base_unit else quantity.unit
        quoted = f"{format_decimal(quantity.value / scale)} {unit}"
        declared = f"{format_decimal(figure.value)} {figure.unit}"
        yield (*where, "value"), "figure_mismatch", {"quote": figure.quote, "quoted": quoted, "declared": declared}
    if figure.qualifier is not None and figure.qualifier != quantity.qualifier:
        fields = {"quote": figure.quote, "quoted": quantity.qualifier, "declared": figure.qualifier}
        yield (*where, "qualifier"), "qualifier_mismatch", fields


def _check_glossary(report: Report) -> Iterator[Finding]:
    texts = body_texts(report)
    seen: set[str] = set()
    for e, entry in enumerate(report.glossary.entries):
        where = ("glossary", "entries", e, "term")
        if entry.term in seen:
            yield where, "duplicate_term", {"term": entry.term}
        seen.add(entry.term)
        if not any(find_term(entry.term, text) for text in texts):
            yield where, "term_unused", {"term": entry.term}
