"""Revision DOCX: two versions of a report → the new version's draft with Word tracked changes.

A revision is the DOCX writer given two models. Both versions are planned by
:func:`generator.renderers.docx.plan.plan_document`; their planned paragraphs (and tables)
are aligned, and the new version's draft is written by :func:`~generator.renderers.docx.emit.emit_docx`
with :func:`revision_item_xml`, which writes every aligned item with its tracked changes:

- **alignment** (:func:`align`): identical paragraphs first (``difflib`` on style and text),
  then, in each stretch between them, old and new paragraphs of the same style paired by
  similarity (at least :data:`PAIRED` of ``SequenceMatcher.ratio``, the order kept, the total
  similarity the largest); a paragraph left over is deleted or inserted, its paragraph mark
  tracked too (``w:pPr/w:rPr/w:del`` or ``w:ins``). A deleted paragraph whose very text (of at
  least :data:`MOVE_MIN` characters) is inserted elsewhere is a move (``w:moveFrom`` /
  ``w:moveTo`` inside ``w:moveFromRangeStart``…``End`` and ``w:moveToRangeStart``…``End``
  named ``moveN``).
- **inside a paired paragraph** (:func:`char_diff`): the difference is taken on tokens — a
  number with its decimal point, thousands separators and ``%`` is one token, a Latin word
  is one, every other character is one (Chinese text has no spaces) — then coalesced:
  adjacent changes join, and an unchanged stretch of at most :data:`ABSORB` characters
  between two changes joins them. A changed figure (``9818.3万元`` → ``1.02亿元``) is thus one
  deletion and one insertion.
- Deleted text keeps the old version's character styles, kept and inserted text the new
  one's; a change of formatting alone is not tracked. A table whose grid (cells, spans, lines
  per cell) is unchanged has its changed cells diffed line by line as above; a table whose
  grid changed is the old table with its rows deleted and the new one with its rows inserted
  (Word shows two such neighbouring tables as one).
- The glossary entries and their computed page references are the new version's, untracked.

Accepting every change gives exactly the new version's paragraphs, rejecting every change
exactly the old version's (``tests/test_compare.py``).

:func:`summarize` gives the change summary (修改情况说明): paragraphs changed, added,
removed and moved in each part; figures whose value changed (matched by id when the label is
the same, else by label and position); glossary terms added and dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from generator.model import Report
from generator.ooxml import xml_text
from generator.renderers.docx.plan import (
    DocumentPlan,
    PlannedItem,
    PlannedParagraph,
    PlannedTable,
    Segment,
    plan_document,
)

PAIRED = 0.5
"""Least similarity (``SequenceMatcher.ratio``) at which an old and a new paragraph are one paragraph changed."""
MOVE_MIN = 4
"""Least length of a paragraph's text for a deletion and an identical insertion to be shown as a move."""
ABSORB = 2
"""An unchanged stretch of at most this many characters between two changes joins them."""
DP_LIMIT = 250_000
"""Largest stretch (old × new paragraphs) paired by dynamic programming; larger ones greedily."""
UNTRACKED = frozenset({"GlossaryEntry", "GlossaryMore"})
"""The styles of the glossary's entries and their further paragraphs: the new version's, untracked."""


def load_version(path: Path) -> Report:
    """A report from a source (.yaml/.yml) or a draft the importers read (.docx, .md, .txt …)."""
    from generator.readers import WORD_SUFFIXES, read_report

    if path.suffix.lower() in (".yaml", ".yml"):
        from generator.loader import load_report

        return load_report(path)
    data = path.read_bytes()
    text: str | bytes = data if path.suffix.lower() in WORD_SUFFIXES else data.decode("utf-8")
    return read_report(path, text, "revision").report


# --- alignment ---------------------------------------------------------------------------


@dataclass
class Op:
    """One step of the alignment: equal, change, insert, delete, move_from or move_to."""

    kind: str
    old: int | None = None
    new: int | None = None
    move: str | None = None


def _key(item: PlannedItem) -> tuple:
    if isinstance(item, PlannedTable):
        rows = tuple(tuple((c.text, c.column, c.colspan, c.rowspan, c.merged) for c in row) for row in item.rows)
        return ("~table", rows, item.header_rows)
    return (item.style, item.text)


def _shape(table: PlannedTable) -> tuple:
    """A table's grid: cells, spans, merges and each cell's number of lines."""
    rows = tuple(tuple((c.column, c.colspan, c.rowspan, c.merged, c.text.count("\n")) for c in r) for r in table.rows)
    return rows, table.header_rows


def similarity(old: PlannedItem, new: PlannedItem) -> float:
    """How alike two items are (0 when they cannot be one item changed: another style, another table grid)."""
    if isinstance(old, PlannedTable) or isinstance(new, PlannedTable):
        if not (isinstance(old, PlannedTable) and isinstance(new, PlannedTable)) or _shape(old) != _shape(new):
            return 0.0
        return max(PAIRED, SequenceMatcher(None, old.text, new.text, autojunk=False).ratio())
    if old.style != new.style:
        return 0.0
    if not old.text or not new.text:
        return 0.0
    matcher = SequenceMatcher(None, old.text, new.text, autojunk=False)
    if matcher.real_quick_ratio() < PAIRED or matcher.quick_ratio() < PAIRED:
        return 0.0
    return matcher.ratio()


def _pairs(old: list[PlannedItem], new: list[PlannedItem], olds: range, news: range) -> list[tuple[int, int]]:
    """Old and new items of one stretch paired in order, the total similarity the largest."""
    m, n = len(olds), len(news)
    if m == 0 or n == 0:
        return []
    if m * n > DP_LIMIT:  # greedy: each old item to the best new item after the last one paired
        out: list[tuple[int, int]] = []
        start = 0
        for i in range(m):
            best, at = PAIRED, -1
            for j in range(start, min(n, start + 50)):
                s = similarity(old[olds[i]], new[news[j]])
                if s >= best:
                    best, at = s, j
            if at >= 0:
                out.append((olds[i], news[at]))
                start = at + 1
        return out
    score = [[similarity(old[olds[i]], new[news[j]]) for j in range(n)] for i in range(m)]
    best = [[0.0] * (n + 1) for _ in range(m + 1)]
    for i in range(m - 1, -1, -1):
        for j in range(n - 1, -1, -1):
            take = score[i][j] + best[i + 1][j + 1] if score[i][j] >= PAIRED else -1.0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    out = []
    i = j = 0
    while i < m and j < n:
        if score[i][j] >= PAIRED and best[i][j] == score[i][j] + best[i + 1][j + 1]:
            out.append((olds[i], news[j]))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return out


def align(old: list[PlannedItem], new: list[PlannedItem]) -> list[Op]:
    """The alignment of two lists of planned items, in reading order (old and new indexes increase)."""
    matcher = SequenceMatcher(None, [_key(x) for x in old], [_key(x) for x in new], autojunk=False)
    ops: list[Op] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops += [Op("equal", i1 + k, j1 + k) for k in range(i2 - i1)]
            continue
        i, j = i1, j1
        for a, b in [*_pairs(old, new, range(i1, i2), range(j1, j2)), (i2, j2)]:
            ops += [Op("delete", k) for k in range(i, a)]
            ops += [Op("insert", None, k) for k in range(j, b)]
            if (a, b) != (i2, j2):
                ops.append(Op("change", a, b))
            i, j = a + 1, b + 1
    _moves(ops, old, new)
    return ops


def _moves(ops: list[Op], old: list[PlannedItem], new: list[PlannedItem]) -> None:
    """Deleted paragraphs whose text is inserted elsewhere become moves."""
    inserted: dict[tuple, list[Op]] = {}
    for op in ops:
        if op.kind == "insert" and isinstance(new[op.new], PlannedParagraph):  # type: ignore[index]
            inserted.setdefault(_key(new[op.new]), []).append(op)  # type: ignore[index]
    count = 0
    for op in ops:
        if op.kind != "delete" or not isinstance(old[op.old], PlannedParagraph):  # type: ignore[index]
            continue
        key = _key(old[op.old])  # type: ignore[index]
        if len(key[1]) < MOVE_MIN or not inserted.get(key):
            continue
        target = inserted[key].pop(0)
        count += 1
        op.kind, op.move = "move_from", f"move{count}"
        target.kind, target.move = "move_to", f"move{count}"


# --- inside a paragraph -------------------------------------------------------------------

_TOKEN = re.compile(r"[0-9０-９][0-9０-９.,%．％]*|[A-Za-z]+|\s+|.", re.S)


def char_diff(old: str, new: str) -> list[tuple[str, str, str]]:
    """The difference of two texts as (``equal``|``change``, old text, new text) stretches, coalesced."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    out: list[list[str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        kind = "equal" if tag == "equal" else "change"
        piece = [kind, "".join(a[i1:i2]), "".join(b[j1:j2])]
        if out and out[-1][0] == kind == "change":
            out[-1][1] += piece[1]
            out[-1][2] += piece[2]
        else:
            out.append(piece)
    merged = True
    while merged:
        merged = False
        for k in range(1, len(out) - 1):
            if out[k][0] == "equal" and len(out[k][1]) <= ABSORB and out[k - 1][0] == out[k + 1][0] == "change":
                joined = [
                    "change",
                    out[k - 1][1] + out[k][1] + out[k + 1][1],
                    out[k - 1][2] + out[k][2] + out[k + 1][2],
                ]
                out[k - 1 : k + 2] = [joined]
                merged = True
                break
    return [(k, x, y) for k, x, y in out]


# --- writing ------------------------------------------------------------------------------


@dataclass
class Revised:
    """An item of the revision DOCX: an aligned step and the items it writes."""

    op: Op
    old: PlannedItem | None
    new: PlannedItem | None

    @property
    def marks(self) -> list:
        """The new item's bookmarks (the glossary's targets); a deleted item has none."""
        return self.new.marks if self.new is not None and self.op.kind != "delete" else []


@dataclass
class RevisionWriter:
    """Writes :class:`Revised` items with ``w:ins``/``w:del``/moves, each change with a unique id."""

    author: str
    date: str
    next_id: int = 1

    def attrs(self) -> str:
        """The attributes of a new change: the next id, author, date."""
        self.next_id += 1
        return f'w:id="{self.next_id}" w:author="{xml_text(self.author)}" w:date="{self.date}"'

    def __call__(self, item: Revised | PlannedItem, first_mark_id: int) -> str:
        """The XML of one item of the body (``emit_docx``'s ``write_item``)."""
        from generator.renderers.docx.emit import paragraph_xml, table_xml

        if not isinstance(item, Revised):  # untracked (the glossary's entries)
            return table_xml(item) if isinstance(item, PlannedTable) else paragraph_xml(item, first_mark_id)
        kind = item.op.kind
        if kind == "equal":
            assert item.new is not None
            new = item.new
            return table_xml(new) if isinstance(new, PlannedTable) else paragraph_xml(new, first_mark_id)
        if isinstance(item.old if kind in ("delete", "move_from") else item.new, PlannedTable):
            return self.table_change(item) if kind == "change" else self.table(item)
        return self.paragraph(item, first_mark_id)

    def table(self, item: Revised) -> str:
        """A table deleted or inserted whole: its rows and runs tracked."""
        from generator.renderers.docx.emit import table_xml

        deleted = item.op.kind == "delete"
        table = item.old if deleted else item.new
        tag = "del" if deleted else "ins"
        xml = table_xml(table)  # type: ignore[arg-type]
        xml = re.sub(r"</w:trPr>", lambda _: f"<w:{tag} {self.attrs()}/></w:trPr>", xml)

        def run(match: re.Match) -> str:
            text = match.group(0)
            if deleted:
                text = text.replace("<w:t ", "<w:delText ").replace("</w:t>", "</w:delText>")
            return f"<w:{tag} {self.attrs()}>{text}</w:{tag}>"

        return re.sub(r"<w:r>.*?</w:r>", run, xml)

    def table_change(self, item: Revised) -> str:
        """A table of the same grid: the new table, each changed cell's lines diffed as a paragraph's text."""
        from generator.renderers.docx.emit import _run, table_xml

        old, new = item.old, item.new
        assert isinstance(old, PlannedTable) and isinstance(new, PlannedTable)
        cells = [
            (a, b, r < new.header_rows)
            for r, (row_a, row_b) in enumerate(zip(old.rows, new.rows, strict=True))
            for a, b in zip(row_a, row_b, strict=True)
        ]
        position = iter(cells)

        def cell(match: re.Match) -> str:
            a, b, header = next(position)
            if b.merged or a.text == b.text:
                return match.group(0)
            style = "GlossaryTerm" if header else None
            paragraphs = []
            for line_a, line_b in zip(a.text.split("\n"), b.text.split("\n"), strict=True):
                runs = []
                for kind, x, y in char_diff(line_a, line_b):
                    if kind == "equal":
                        runs.append(_run(x, style))
                        continue
                    if x:
                        deleted = _run(x, style).replace("<w:t ", "<w:delText ").replace("</w:t>", "</w:delText>")
                        runs.append(f"<w:del {self.attrs()}>{deleted}</w:del>")
                    if y:
                        runs.append(f"<w:ins {self.attrs()}>{_run(y, style)}</w:ins>")
                paragraphs.append(f'<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr>{"".join(runs)}</w:p>')
            return f"<w:tc>{match.group(1)}{''.join(paragraphs)}</w:tc>"

        return re.sub(r"<w:tc>(<w:tcPr>.*?</w:tcPr>).*?</w:tc>", cell, table_xml(new))

    def paragraph(self, item: Revised, first_mark_id: int) -> str:
        """A paragraph deleted, inserted, moved or changed: its runs and paragraph mark tracked."""
        from generator.renderers.docx.emit import _run

        kind = item.op.kind
        old, new = item.old, item.new
        # pieces: (how, text, char style, new offset) — how: equal, del, ins, move_from, move_to
        pieces: list[tuple[str, str, str | None, int]] = []
        if kind in ("delete", "move_from"):
            assert isinstance(old, PlannedParagraph)
            how = "del" if kind == "delete" else "move_from"
            pieces = [(how, t, s, 0) for t, s in _styled(old.segments, 0, len(old.text))]
        elif kind in ("insert", "move_to"):
            assert isinstance(new, PlannedParagraph)
            how = "ins" if kind == "insert" else "move_to"
            pieces = _new_pieces(how, new, 0, len(new.text))
        else:
            assert isinstance(old, PlannedParagraph) and isinstance(new, PlannedParagraph)
            at_old = at_new = 0
            for tag, x, y in char_diff(old.text, new.text):
                if tag == "equal":
                    pieces += _new_pieces("equal", new, at_new, at_new + len(y))
                else:
                    pieces += [("del", t, s, at_new) for t, s in _styled(old.segments, at_old, at_old + len(x))]
                    pieces += _new_pieces("ins", new, at_new, at_new + len(y))
                at_old += len(x)
                at_new += len(y)
        shown = new if kind not in ("delete", "move_from") else old
        assert isinstance(shown, PlannedParagraph)
        marks = item.marks
        starts: dict[int, list[str]] = {}
        ends: dict[int, list[str]] = {}
        for k, mark in enumerate(marks):
            start = f'<w:bookmarkStart w:id="{first_mark_id + k}" w:name="{mark.name}"/>'
            starts.setdefault(mark.start, []).append(start)
            ends.setdefault(mark.end, []).append(f'<w:bookmarkEnd w:id="{first_mark_id + k}"/>')
        out: list[str] = []
        for how, text, style, offset in pieces:
            if how != "del" and how != "move_from":
                out += ends.pop(offset, []) + starts.pop(offset, [])
            run = _run(text, style)
            if how == "equal":
                out.append(run)
            elif how in ("del", "move_from"):
                tag = "del" if how == "del" else "moveFrom"
                if how == "del":
                    run = run.replace("<w:t ", "<w:delText ").replace("</w:t>", "</w:delText>")
                out.append(f"<w:{tag} {self.attrs()}>{run}</w:{tag}>")
            else:
                tag = "ins" if how == "ins" else "moveTo"
                out.append(f"<w:{tag} {self.attrs()}>{run}</w:{tag}>")
        end = len(new.text) if kind not in ("delete", "move_from") and new is not None else 0
        out += [x for v in starts.values() for x in v] + ends.pop(end, []) + [x for v in ends.values() for x in v]
        mark = {"delete": "del", "insert": "ins", "move_from": "moveFrom", "move_to": "moveTo"}.get(kind)
        if item.op.move:
            side = "moveFrom" if kind == "move_from" else "moveTo"
            range_id = self.next_id = self.next_id + 1
            start = (
                f'<w:{side}RangeStart w:id="{range_id}" w:author="{xml_text(self.author)}" '
                f'w:date="{self.date}" w:name="{item.op.move}"/>'
            )
            out = [start, *out, f'<w:{side}RangeEnd w:id="{range_id}"/>']
        ppr = f'<w:pPr><w:pStyle w:val="{shown.style}"/>'
        if shown.page_break_before:
            ppr += "<w:pageBreakBefore/>"
        if mark:
            ppr += f"<w:rPr><w:{mark} {self.attrs()}/></w:rPr>"
        ppr += "</w:pPr>"
        return "<w:p>" + ppr + "".join(out) + "</w:p>"


def _styled(segments: list[Segment], start: int, end: int) -> list[tuple[str, str | None]]:
    """The text [start, end) of a paragraph cut at its segments, each piece with its character style."""
    out: list[tuple[str, str | None]] = []
    offset = 0
    for segment in segments:
        a, b = max(start, offset), min(end, offset + len(segment.text))
        if a < b:
            out.append((segment.text[a - offset : b - offset], segment.char_style))
        offset += len(segment.text)
    return out


def _new_pieces(how: str, new: PlannedParagraph, start: int, end: int) -> list[tuple[str, str, str | None, int]]:
    """The new text [start, end) as pieces cut at segments and at bookmark boundaries, with their offsets."""
    cuts = sorted({m.start for m in new.marks} | {m.end for m in new.marks})
    out = []
    offset = start
    for text, style in _styled(new.segments, start, end):
        inner = [c - offset for c in cuts if offset < c < offset + len(text)]
        for a, b in zip([0, *inner], [*inner, len(text)], strict=True):
            out.append((how, text[a:b], style, offset + a))
        offset += len(text)
    return out


# --- the revision -------------------------------------------------------------------------


@dataclass
class Revision:
    """Two versions, their plans and their alignment."""

    old: Report
    new: Report
    old_plan: DocumentPlan
    new_plan: DocumentPlan
    ops: list[Op]
    old_items: list[int]
    new_items: list[int]
    """Plan indexes of the aligned items (the glossary's entries left out)."""


def compare(old: Report, new: Report) -> Revision:
    """Plan both versions and align their items."""
    old_plan, new_plan = plan_document(old), plan_document(new)
    old_items = [i for i, p in enumerate(old_plan.paragraphs) if getattr(p, "style", "") not in UNTRACKED]
    new_items = [i for i, p in enumerate(new_plan.paragraphs) if getattr(p, "style", "") not in UNTRACKED]
    ops = align([old_plan.paragraphs[i] for i in old_items], [new_plan.paragraphs[i] for i in new_items])
    return Revision(old, new, old_plan, new_plan, ops, old_items, new_items)


def revision_items(revision: Revision) -> list[Revised | PlannedItem]:
    """The revision's body in order: the aligned steps, the new glossary's entries where the new plan has them."""
    old_p, new_p = revision.old_plan.paragraphs, revision.new_plan.paragraphs
    untracked: dict[int, list[PlannedItem]] = {}  # entries after aligned new item k (-1: before all)
    last = -1
    tracked = set(revision.new_items)
    for i, item in enumerate(new_p):
        if i in tracked:
            last = i
        else:
            untracked.setdefault(last, []).append(item)
    out: list[Revised | PlannedItem] = list(untracked.get(-1, []))
    for op in revision.ops:
        old = old_p[revision.old_items[op.old]] if op.old is not None else None
        new_index = revision.new_items[op.new] if op.new is not None else None
        out.append(Revised(op, old, new_p[new_index] if new_index is not None else None))
        if new_index is not None:
            out += untracked.get(new_index, [])
    return out


def revision_docx(revision: Revision, author: str, date: dt.datetime) -> bytes:
    """The revision DOCX: the new version's draft with every change a tracked change."""
    from generator.renderers.docx.emit import emit_docx

    items = revision_items(revision)
    first_id = sum(len(item.marks) for item in items) + 1
    writer = RevisionWriter(author, date.strftime("%Y-%m-%dT%H:%M:%SZ"), first_id)
    plan = revision.new_plan
    revised = DocumentPlan(items, plan.layout, plan.references, plan.report)  # type: ignore[arg-type]
    return emit_docx(revised, writer)


def default_author(report: Report) -> str:
    """The author of the changes: the new version's issuing body (the DOCX's own author)."""
    return report.meta.issuer


def default_date(report: Report) -> dt.datetime:
    """The date of the changes: the new version's date, at midnight UTC."""
    return dt.datetime.combine(report.meta.date, dt.time(0, 0))


# --- the change summary -------------------------------------------------------------------


def item_places(report: Report, plan: DocumentPlan) -> list[str]:
    """Where each planned item stands, in words (标题, 开场, the part's heading, 结束语, an appendix)."""
    from generator.renderers.docx.plan import _node_items, _title_block

    places = ["标题"] * len(_title_block(report))
    glossary = report.glossary_appendix()
    for node in report.walk():
        if node.zone == "body":
            where = report.parts[node.part_index].numbered_heading
        elif node.zone == "appendix":
            where = report.place_of(node) if node.kind != "appendix" else f"{node.item.label} {node.item.title}".strip()  # type: ignore[attr-defined]
        else:
            where = report.place_of(node)
        places += [where] * len(_node_items(node))
        if node.kind == "appendix" and node.item is glossary:  # the entries follow the glossary's head
            places += [where] * sum(len(e.paragraphs) for e in glossary.entries)  # type: ignore[union-attr]
    places += [""] * (len(plan.paragraphs) - len(places))
    return places[: len(plan.paragraphs)]


@dataclass
class Summary:
    """修改情况说明: per place (changed, added, removed, moved), figures changed, glossary terms."""

    places: list[tuple[str, int, int, int, int]]
    figures: list[tuple[str, str, str, str]]
    """(label, id, old quote, new quote)."""
    terms_added: list[str]
    terms_dropped: list[str]

    def lines(self) -> list[str]:
        """The summary as printed."""
        out = ["修改情况说明", "一、段落修改情况（修改／新增／删除／移动）"]
        if not self.places:
            out.append("  无修改")
        out += [f"  {p}：{c}／{a}／{r}／{m}" for p, c, a, r, m in self.places]
        total = [sum(row[k] for row in self.places) for k in range(1, 5)]
        out.append("  合计：{}／{}／{}／{}".format(*total))
        out.append("二、数据变化")
        out += [f"  {label}（{fid}）：{a} → {b}" for label, fid, a, b in self.figures] or ["  无"]
        out.append("三、名词解释")
        out.append("  新增：" + ("、".join(self.terms_added) or "无"))
        out.append("  删除：" + ("、".join(self.terms_dropped) or "无"))
        return out


def summarize(revision: Revision) -> Summary:
    """The change summary of a revision."""
    old_places = item_places(revision.old, revision.old_plan)
    new_places = item_places(revision.new, revision.new_plan)
    counts: dict[str, list[int]] = {}
    column = {"change": 0, "insert": 1, "delete": 2, "move_to": 3}
    for op in revision.ops:
        if op.kind not in column:
            continue
        if op.kind == "delete":
            item = revision.old_plan.paragraphs[revision.old_items[op.old]]  # type: ignore[index]
            where = old_places[revision.old_items[op.old]]  # type: ignore[index]
        else:
            item = revision.new_plan.paragraphs[revision.new_items[op.new]]  # type: ignore[index]
            where = new_places[revision.new_items[op.new]]  # type: ignore[index]
        if not item.text:
            continue
        counts.setdefault(where, [0, 0, 0, 0])[column[op.kind]] += 1
    places = [(p, *c) for p, c in counts.items()]
    old_terms = [e.term for e in revision.old.glossary_appendix().entries] if revision.old.glossary_appendix() else []  # type: ignore[union-attr]
    new_terms = [e.term for e in revision.new.glossary_appendix().entries] if revision.new.glossary_appendix() else []  # type: ignore[union-attr]
    return Summary(
        places,  # type: ignore[arg-type]
        changed_figures(revision.old, revision.new),
        [t for t in new_terms if t not in old_terms],
        [t for t in old_terms if t not in new_terms],
    )


def changed_figures(old: Report, new: Report) -> list[tuple[str, str, str, str]]:
    """Figures whose value changed: matched by id (same label), else by label and position."""
    olds = [f for f, _n, _p in old.figure_places()]
    news = [f for f, _n, _p in new.figure_places()]
    by_id = {f.id: f for f in news}
    out: list[tuple[str, str, str, str]] = []
    matched_new: set[int] = set()
    rest = []
    for figure in olds:
        twin = by_id.get(figure.id)
        if twin is not None and twin.label == figure.label and id(twin) not in matched_new:
            matched_new.add(id(twin))
            if (twin.quote, twin.value, twin.unit) != (figure.quote, figure.value, figure.unit):
                out.append((figure.label, figure.id, figure.quote, twin.quote))
        else:
            rest.append(figure)
    for figure in rest:  # by label, the n-th unmatched old with the n-th unmatched new of that label
        twin = next((f for f in news if f.label == figure.label and id(f) not in matched_new), None)
        if twin is None:
            continue
        matched_new.add(id(twin))
        if (twin.quote, twin.value, twin.unit) != (figure.quote, figure.value, figure.unit):
            out.append((figure.label, twin.id, figure.quote, twin.quote))
    return out


def summary_docx(summary: Summary, old: Report, new: Report) -> bytes:
    """The change summary as a DOCX (the draft's styles): a table per section."""
    from generator.model import Table
    from generator.renderers.docx.emit import emit_docx
    from generator.renderers.docx.plan import plan_table

    def version(report: Report) -> str:
        return f"{report.meta.titled}第{report.meta.version}版（{report.meta.date_text}）"

    items: list[PlannedItem] = [
        PlannedParagraph("ReportTitle", [Segment("修改情况说明")], in_body=False),
        PlannedParagraph("MeetingLine", [Segment(new.meta.short_title)], in_body=False),
        PlannedParagraph("Normal", [], in_body=False),
        PlannedParagraph("Normal", [Segment(f"本稿与{version(old)}相比，修改情况如下。")]),
        PlannedParagraph("Heading1", [Segment("一、段落修改情况")]),
    ]
    total = [str(sum(row[k] for row in summary.places)) for k in range(1, 5)]
    rows = [[p, str(c), str(a), str(r), str(m)] for p, c, a, r, m in summary.places] + [["合计", *total]]
    header = [["部分", "修改", "新增", "删除", "移动"]]
    items.append(plan_table(Table(table="", header=header, rows=rows), True))  # type: ignore[arg-type]
    items.append(PlannedParagraph("Heading1", [Segment("二、数据变化")]))
    if summary.figures:
        rows = [[label, a, b] for label, _fid, a, b in summary.figures]
        table = Table(table="", header=[["数据", "原稿", "本稿"]], rows=rows)  # type: ignore[arg-type]
        items.append(plan_table(table, True))
    else:
        items.append(PlannedParagraph("Normal", [Segment("数据无变化。")]))
    items.append(PlannedParagraph("Heading1", [Segment("三、名词解释")]))
    items.append(PlannedParagraph("Normal", [Segment("新增：" + ("、".join(summary.terms_added) or "无") + "。")]))
    items.append(PlannedParagraph("Normal", [Segment("删除：" + ("、".join(summary.terms_dropped) or "无") + "。")]))
    return emit_docx(DocumentPlan(items, None, [], new))  # type: ignore[arg-type]
