"""The report model → YAML source text that the loader reads back into an equal model.

Written by hand, in the model's field order, defaults left out: text stays a plain scalar
wherever YAML reads it back unchanged (no indicator first, no ``: `` or `` #`` inside, not a
number, date or boolean), else it is double-quoted. Figures, tiles and table rows are one
line each (flow style). Comments given by source path are written after a scalar (``key:
value  # …``) or on the line before a list item: they mark what the importer guessed
(``# 推测，请核对``) and proposed (``# 建议：…（可删除）``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver

from generator.model import Report
from generator.numbers import format_decimal

HEADER = "# yaml-language-server: $schema=../assets/report.schema.json\n"
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
_FLOW = set(",[]{}")
_ESCAPE = {"\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P", "\ufeff": "\\ufeff"}
_resolver = VersionedResolver()


def _plain_ok(text: str, flow: bool) -> bool:
    if not text or text != text.strip() or text[0] in _INDICATORS:
        return False
    if ": " in text or " #" in text or text.endswith(":") or "\t" in text:
        return False
    if flow and any(ch in _FLOW for ch in text):
        return False
    if not all(_printable(ch) for ch in text) or "\ufeff" in text:
        return False
    tag = _resolver.resolve(ScalarNode, text, (True, False))
    return tag == "tag:yaml.org,2002:str"


_SIMPLE = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", **_ESCAPE}


def _printable(ch: str) -> bool:
    """Whether YAML lets ``ch`` stand as itself in a document (its printable set, minus the line breaks)."""
    code = ord(ch)
    return 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or code >= 0x10000


def _quoted(text: str) -> str:
    """A double-quoted scalar: escapes for quotes, backslashes and every character YAML cannot carry."""
    out = []
    for ch in text:
        if ch in _SIMPLE:
            out.append(_SIMPLE[ch])
        elif _printable(ch) and ch != "\ufeff":
            out.append(ch)
        else:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
    return '"' + "".join(out) + '"'


def scalar(value: object, flow: bool = False) -> str:
    """One YAML scalar for ``value`` (text, number, date, boolean or null)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return format_decimal(value)
    if isinstance(value, float):
        return format_decimal(Decimal(str(value)))
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return text if _plain_ok(text, flow) else _quoted(text)


def _flow(value: object) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return scalar(value, flow=True)


_FLOW_ITEMS = {"figures", "tiles", "keywords", "match", "leads_", "categories"}
_ROWS = {"header", "rows"}


def _cell(cell: dict) -> object:
    if set(cell) <= {"text"}:
        return cell.get("text", "")
    return cell


def _is_flow_list(key: str, value: list) -> bool:
    if key in ("keywords", "match", "categories") or (key == "figures" and all(isinstance(v, str) for v in value)):
        return True
    return False


class _Writer:
    def __init__(self, comments: dict[tuple, str]) -> None:
        self.comments = comments
        self.lines: list[str] = []

    def note(self, path: tuple) -> str:
        comment = self.comments.get(path)
        return f"  # {comment}" if comment else ""

    def mapping(self, data: dict, indent: int, path: tuple) -> None:
        pad = " " * indent
        for key, value in data.items():
            here = (*path, key)
            if isinstance(value, dict):
                self.lines.append(f"{pad}{key}:{self.note(here)}")
                self.mapping(value, indent + 2, here)
            elif isinstance(value, list):
                if not value:
                    self.lines.append(f"{pad}{key}: []{self.note(here)}")
                elif _is_flow_list(key, value):
                    self.lines.append(f"{pad}{key}: {_flow(value)}{self.note(here)}")
                else:
                    self.lines.append(f"{pad}{key}:{self.note(here)}")
                    self.sequence(key, value, indent + 2, here)
            else:
                self.lines.append(f"{pad}{key}: {scalar(value)}{self.note(here)}")

    def sequence(self, key: str, items: list, indent: int, path: tuple) -> None:
        pad = " " * indent
        for i, item in enumerate(items):
            here = (*path, i)
            comment = self.comments.get(here)
            if key in _ROWS:
                self.lines.append(f"{pad}- {_flow([_cell(c) for c in item])}")
            elif key in ("figures", "tiles") and isinstance(item, dict):
                self.lines.append(f"{pad}- {_flow(item)}{self.note(here)}")
            elif isinstance(item, dict):
                if comment:
                    self.lines.append(f"{pad}# {comment}")
                start = len(self.lines)
                self.mapping(item, indent + 2, here)
                first = self.lines[start]
                self.lines[start] = f"{pad}- {first[indent + 2 :]}"
            elif isinstance(item, list):
                self.lines.append(f"{pad}- {_flow(item)}{self.note(here)}")
            else:
                self.lines.append(f"{pad}- {scalar(item)}{self.note(here)}")


def write_report(report: Report, comments: dict[tuple, str] | None = None, header: str = HEADER) -> str:
    """The YAML source of ``report``; ``comments`` by source path (see the module docstring)."""
    data = report.model_dump(mode="python", exclude_defaults=True)
    data["report"] = report.report.model_dump(mode="python", exclude_defaults=True)
    data["report"].setdefault("id", report.report.id)
    if "salutation" not in data:
        data = {"report": data.pop("report"), "salutation": report.salutation, **data}
    writer = _Writer(comments or {})
    order = [k for k in Report.model_fields if k in data]
    writer.mapping({k: data[k] for k in order}, 0, ())
    return header + "\n".join(writer.lines) + "\n"
