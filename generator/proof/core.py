"""The proofreading interface: rules, the printed text in units, findings, positions.

A report (a source loaded, or a draft imported in memory) is cut into :class:`Unit` items,
one per printed text in reading order, from :meth:`Report.walk` (the one traversal): the
title block, headings (numbered as printed), paragraphs (lead-in and text, without ``**``
markup), list items (marker included), table texts, appendix titles and glossary entries (an
entry's first explanation paragraph with its number and term, each further paragraph a unit of
its own, as printed).
A run-in heading (section or point) is a unit of its own, before the paragraph it opens.

Each rule family (:mod:`generator.proof.punctuation`, ``numbers``, ``words``, ``structure``)
reads the units and yields :class:`Finding` items (unit, offsets in its text, message,
suggestion). :meth:`ProofText.position` turns a unit offset into the 1-based (line, column)
in the file as the user opens it (see :mod:`generator.proof.locate`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from generator.model import Node, Paragraph, Report

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Rule:
    """One proofreading rule: its id, family, what it checks (Chinese, English) and the clause it rests on."""

    id: str
    family: str
    zh: str
    en: str
    clause: str


@dataclass(frozen=True)
class Unit:
    """One printed text in reading order (plain text as printed, no ``**`` markup)."""

    index: int
    text: str
    kind: str
    level: int
    zone: str
    node: Node | None


@dataclass(frozen=True)
class Finding:
    """What a rule found: where in a unit's text, the message (zh, en) and a suggestion."""

    rule: str
    unit: int
    start: int
    end: int
    message: tuple[str, str]
    suggestion: str = ""
    related: tuple[int, int] | None = None


def finding_in(rule: str, unit: Unit, start: int, end: int, zh: str, en: str, suggestion: str = "") -> Finding:
    """A finding of ``rule`` on ``unit``'s characters ``start``–``end``, with its message and suggestion."""
    return Finding(rule, unit.index, start, end, (zh, en), suggestion)


@dataclass(frozen=True)
class Segment:
    """A stretch of a unit's text: where it starts in the unit, and the source path it comes from.

    ``path`` is None for text the report generates (a number such as 一、, a list marker, the ：
    between a glossary term and its definition); ``anchor`` is where such text is placed in the
    source when it stands for values written elsewhere (the meeting line made of date and session).
    """

    start: int
    text: str
    path: Path_ | None
    anchor: Path_ | None = None


@dataclass
class ProofText:
    """A report's printed text as units, the model, and where each unit offset stands in the file."""

    units: list[Unit]
    report: Report
    segments: list[list[Segment]] = field(default_factory=list)
    locate: Callable[[int, int], tuple[int, int]] | None = None
    ignore: frozenset[str] = frozenset()

    def position(self, unit: int, offset: int) -> tuple[int, int]:
        """The 1-based (line, column) in the file of the character at ``offset`` of unit ``unit``."""
        if self.locate is None:
            return unit + 1, offset + 1
        return self.locate(unit, offset)

    @classmethod
    def from_report(cls, report: Report) -> ProofText:
        """The units of ``report`` in reading order (positions: unit and offset until a locator is set)."""
        builder = _UnitBuilder()
        builder.title_block(report)
        for node in report.walk():
            builder.node(node)
        return cls(builder.units, report, builder.segments)


class _UnitBuilder:
    """Collects units and their segments while walking the model."""

    def __init__(self) -> None:
        self.units: list[Unit] = []
        self.segments: list[list[Segment]] = []

    def add(self, pieces: list[tuple], kind: str, zone: str, node: Node | None, level=0) -> None:
        """A unit made of ``pieces`` (text, source path or None when generated[, anchor]); empty texts skipped."""
        segments, start = [], 0
        for text, path, *anchor in pieces:
            if text:
                segments.append(Segment(start, text, path, anchor[0] if anchor else None))
                start += len(text)
        if not segments:
            return
        text = "".join(s.text for s in segments)
        self.units.append(Unit(len(self.units), text, kind, level, zone, node))
        self.segments.append(segments)

    def title_block(self, report: Report) -> None:
        """Title, status, meeting line, speaker line and salutation, as printed."""
        meta = report.meta
        self.add([(meta.title, ("report", "title"))], "title", "title", None)
        self.add([(meta.status_line, None, ("report", "status"))], "title", "title", None)
        subtitle = ("report", "subtitle") if meta.subtitle is not None else None
        self.add([(meta.meeting_line, subtitle, ("report", "session"))], "subtitle", "title", None)
        byline = ("report", "byline") if meta.byline is not None else None
        self.add([(meta.speaker_line, byline, ("report", "office"))], "byline", "title", None)
        self.add([(report.salutation, ("salutation",))], "salutation", "opening", None)

    def node(self, node: Node) -> None:
        """The units of one step of the walk."""
        item, path, zone = node.item, node.path, node.zone
        if node.kind == "part":
            self.add([(item.label, None), (item.heading, (*path, "heading"))], "heading", zone, node, 1)
        elif node.kind == "section":
            self.add([(item.label, None), (item.section, (*path, "section"))], "heading", zone, node, 2)
        elif node.kind == "paragraph":
            self.paragraph(node, item)
        elif node.kind == "list":
            for i, entry in enumerate(item.items):
                at = (*path, "items", i)
                marker = item.item_marker(i)
                pieces = [(marker, None), (entry.lead or "", (*at, "lead")), (entry.body_text, (*at, "text"))]
                self.add(pieces, "item", zone, node)
        elif node.kind == "table":
            self.table(node, item)
        elif node.kind == "appendix":
            self.appendix(node, item)

    def paragraph(self, node: Node, item: Paragraph) -> None:
        path, zone = node.path, node.zone
        if item.point:
            self.add([(item._point_label, None), (item.point, (*path, "point"))], "heading", zone, node, 3)
        pieces = [(item.lead or "", (*path, "lead")), (item.body_text, (*path, "text"))]
        self.add(pieces, "paragraph", zone, node)

    def table(self, node: Node, table) -> None:
        path, zone = node.path, node.zone
        self.add([(table.table, (*path, "table"))], "cell", zone, node)
        self.add([(table.unit or "", (*path, "unit"))], "cell", zone, node)
        for key in ("header", "rows"):
            for r, row in enumerate(getattr(table, key)):
                for c, cell in enumerate(row):
                    self.add([(cell.text, (*path, key, r, c, "text"))], "cell", zone, node)
        for n, note in enumerate(table.notes):
            self.add([(note, (*path, "notes", n))], "cell", zone, node)

    def appendix(self, node: Node, appendix) -> None:
        path, zone = node.path, node.zone
        glossary = appendix.glossary
        top = path == ("glossary",)
        label_path = ("glossary", "label") if top else (*path, "label")
        title_path = ("glossary", "title") if top else (*path, "title")
        self.add([(appendix.label, label_path)], "appendix-title", zone, node)
        self.add([(appendix.title, title_path)], "appendix-title", zone, node)
        if glossary is None:
            return
        entries_path = ("glossary", "entries") if top else (*path, "glossary", "entries")
        for i, entry in enumerate(glossary.entries):
            at = (*entries_path, i)
            first, *more = entry.paragraphs
            several = len(entry.paragraphs) > 1
            pieces = [
                (glossary.entry_label(i), None),
                (entry.term, (*at, "term")),
                ("：", None),
                (first, (*at, "definition", 0) if several else (*at, "definition")),
            ]
            self.add(pieces, "glossary", zone, node)
            for k, paragraph in enumerate(more, 1):
                self.add([(paragraph, (*at, "definition", k))], "glossary", zone, node)
