"""``reportgen import FILE --into SOURCE.yaml``: the next round of a draft brought into an existing source.

The text (parts, sections, paragraphs, lists, tables, appendices, the glossary's terms and
definitions, the numbering) is the new draft's, as ``import`` reads it. What the existing
source adds to its text is kept wherever that text still matches:

- **figures**: the new draft's blocks (paragraphs, list items, tables) are aligned with the
  source's as :func:`generator.revision.align` aligns a revision (the same text, else the most
  similar block of the same kind, in order; a moved block follows its text). A source figure
  whose quote still stands in the aligned block keeps its id, label and value. One whose
  quote is gone is *re-pointed* when the new block has a figure (as ``import`` reads them) of
  the same base unit right after the same four characters that preceded the old quote
  (``集体经济总收入9818.3万元`` → ``集体经济总收入9900万元``): id and label kept, quote and
  value the new ones. Otherwise it is dropped. The import's own figure proposals are not added.
- **tiles and charts** are the source's; one naming a figure that no longer exists is dropped.
- **glossary**: the source's settings (label, title, numbering, refs); each entry of the new
  draft whose term is a source term (quotation marks and spaces ignored) keeps the source's
  ``match`` and ``cite`` when its match still occurs in the body; source terms the draft no
  longer has are dropped.
- **parts** of the same heading keep the source's ``digest`` and ``numbering``.
- **metadata**: id, version, issuer, short title, subject, keywords, motto are the source's.
  Title and status are the draft's where it states them; the meeting line and the speaker
  line (with the date, session, speaker and office read from them) are the draft's where they
  differ from the source's printed ones, else the source's fields stay.

Every change of that kind is a note (a message key and its fields) for standard error.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.model import Figure, ListBlock, Paragraph, Report, Table
from generator.numbers import find_quote, unit_scale
from generator.terms import locate_all, term_key

CONTEXT = 4
"""Characters before a figure's old quote that locate its new quote."""


@dataclass
class Merged:
    """The merged report and what did not carry over."""

    report: Report
    notes: list[tuple[str, dict]] = field(default_factory=list)


@dataclass
class _Texted:
    """A block that can carry figures, addressed by its path in the model dump."""

    kind: str  # paragraph, item, table
    path: tuple
    text: str
    figures: list[Figure]
    table: Table | None = None


def _texted(report: Report) -> list[_Texted]:
    out = []
    for node in report.walk():
        if node.kind == "paragraph":
            item: Paragraph = node.item  # type: ignore[assignment]
            out.append(_Texted("paragraph", node.path, item.full_text, list(item.figures)))
        elif node.kind == "list":
            block: ListBlock = node.item  # type: ignore[assignment]
            for i, list_item in enumerate(block.items):
                out.append(_Texted("item", (*node.path, "items", i), list_item.full_text, list(list_item.figures)))
        elif node.kind == "table":
            table: Table = node.item  # type: ignore[assignment]
            out.append(_Texted("table", node.path, "\n".join(table.texts()), list(table.figures), table))
    return out


def _twins(old: list[_Texted], new: list[_Texted]) -> dict[int, int]:
    """New block index → aligned old block index."""
    from generator.renderers.docx.plan import PlannedParagraph, Segment
    from generator.revision import align

    def items(blocks: list[_Texted]) -> list[PlannedParagraph]:
        return [PlannedParagraph(b.kind, [Segment(b.text)]) for b in blocks]

    twins: dict[int, int] = {}
    moved: dict[str, int] = {}
    ops = align(items(old), items(new))
    for op in ops:
        if op.kind == "move_from":
            moved[op.move] = op.old  # type: ignore[index]
    for op in ops:
        if op.kind in ("equal", "change"):
            twins[op.new] = op.old  # type: ignore[index]
        elif op.kind == "move_to":
            twins[op.new] = moved[op.move]  # type: ignore[index]
    return twins


def _carry(old: _Texted, new: _Texted, notes: list) -> list[dict]:
    """The source figures of ``old`` that stand in ``new``: kept, re-pointed, or dropped (noted)."""
    out = []
    for figure in old.figures:
        text = new.text
        if old.kind == "table" and figure.cell is not None:
            row, column = figure.cell
            rows = new.table.rows if new.table else []
            text = rows[row][column].text if row < len(rows) and column < len(rows[row]) else ""
        if find_quote(figure.quote, text):
            out.append(figure.model_dump(mode="python", exclude_defaults=True))
            continue
        repointed = _repoint(figure, old, new)
        if repointed is not None:
            notes.append(("into_figure_repointed", {"id": figure.id, "old": figure.quote, "new": repointed.quote}))
            data = repointed.model_dump(mode="python", exclude_defaults=True, exclude={"id", "label"})
            out.append({"id": figure.id, "label": figure.label, **data})
            continue
        notes.append(("into_figure_dropped", {"id": figure.id, "quote": figure.quote}))
    return out


def _repoint(figure: Figure, old: _Texted, new: _Texted) -> Figure | None:
    """The new block's figure that stands where ``figure`` stood (same preceding characters, same base unit)."""
    if old.kind == "table":
        return None
    at = old.text.find(figure.quote)
    if at < 0:
        return None
    context = old.text[max(0, at - CONTEXT) : at]
    try:
        base = unit_scale(figure.unit)[1]
    except ValueError:
        return None
    for candidate in new.figures:
        try:
            same_unit = unit_scale(candidate.unit)[1] == base
        except ValueError:
            continue
        if same_unit and context and (context + candidate.quote) in new.text:
            return candidate
    return None


def _set(data: dict, path: tuple, key: str, value: object) -> None:
    target: object = data
    for step in path:
        target = target[step]  # type: ignore[index]
    if value:
        target[key] = value  # type: ignore[index]
    else:
        target.pop(key, None)  # type: ignore[union-attr]


def merge_into(new: Report, old: Report) -> Merged:
    """The new draft ``new`` (as imported) with what the source ``old`` adds wherever its text still matches."""
    notes: list[tuple[str, dict]] = []
    data = new.model_dump(mode="python", exclude_defaults=True)
    data.pop("tiles", None)
    data.pop("charts", None)
    old_blocks, new_blocks = _texted(old), _texted(new)
    for block in new_blocks:
        _set(data, block.path, "figures", [])
    kept: set[str] = set()
    twins = _twins(old_blocks, new_blocks)
    for n, o in sorted(twins.items()):
        figures = _carry(old_blocks[o], new_blocks[n], notes)
        kept |= {f["id"] for f in figures}
        _set(data, new_blocks[n].path, "figures", figures)
    paired = set(twins.values())
    for o, block in enumerate(old_blocks):
        if o not in paired:
            notes += [("into_figure_dropped", {"id": f.id, "quote": f.quote}) for f in block.figures]
    tiles = []
    for tile in old.tiles:
        if tile.figure in kept:
            tiles.append(tile.model_dump(mode="python", exclude_defaults=True))
        else:
            notes.append(("into_tile_dropped", {"id": tile.figure}))
    charts = []
    for chart in old.charts:
        missing = [f for f in chart.figure_ids() if f not in kept]
        if missing:
            notes.append(("into_chart_dropped", {"id": chart.id, "figures": "、".join(missing)}))
        else:
            charts.append(chart.model_dump(mode="python", exclude_defaults=True))
    data["tiles"], data["charts"] = tiles, charts
    data["report"] = _meta(new, old, notes)
    old_parts = {part.heading: part for part in old.parts}
    for p, part in enumerate(new.parts):  # a part of the same heading keeps its settings
        twin = old_parts.get(part.heading)
        if twin is not None:
            for key in ("digest", "numbering"):
                if getattr(twin, key) is not None and key not in data["parts"][p]:
                    data["parts"][p][key] = (
                        getattr(twin, key).model_dump(mode="python", exclude_defaults=True)
                        if key == "numbering"
                        else twin.digest
                    )
    _glossary(data, new, old, notes)
    return Merged(Report.model_validate(data), notes)


def _meta(new: Report, old: Report, notes: list) -> dict:
    meta = old.meta.model_dump(mode="python", exclude_defaults=True)
    meta["id"] = old.meta.id
    drafted = new.meta
    for key in ("title", "status"):
        value = getattr(drafted, key)
        if value is not None and value != getattr(old.meta, key):
            notes.append(("into_meta_changed", {"key": key, "old": getattr(old.meta, key) or "", "new": value}))
            meta[key] = value
    if drafted.subtitle is not None and drafted.meeting_line != old.meta.meeting_line:
        notes.append(("into_meta_changed", {"key": "subtitle", "old": old.meta.meeting_line, "new": drafted.subtitle}))
        meta.update(subtitle=drafted.subtitle, date=drafted.date, session=drafted.session)
    if drafted.byline is not None and drafted.speaker_line != old.meta.speaker_line:
        notes.append(("into_meta_changed", {"key": "byline", "old": old.meta.speaker_line, "new": drafted.byline}))
        meta.update(byline=drafted.byline, speaker=drafted.speaker, office=drafted.office)
    return meta


def _glossary(data: dict, new: Report, old: Report, notes: list) -> None:
    """The new draft's entries with the source's settings and each kept term's match and cite."""
    old_appendix = old.glossary_appendix()
    new_appendix = new.glossary_appendix()
    old_entries = {term_key(e.term): e for e in (old_appendix.entries if old_appendix else [])}
    new_terms = {term_key(e.term) for e in (new_appendix.entries if new_appendix else [])}
    for key, entry in old_entries.items():
        if key not in new_terms:
            notes.append(("into_term_dropped", {"term": entry.term}))
    if new_appendix is None:
        return
    # where the new glossary is: the top-level one, or an appendix
    index = next((a for a, x in enumerate(new.appendices) if x is new_appendix), None)
    target = data.setdefault("glossary", {}) if index is None else data["appendices"][index]["glossary"]
    if old_appendix is not None and old_appendix.glossary is not None:
        for key in ("numbering", "refs"):
            target[key] = getattr(old_appendix.glossary, key)
        if index is None:
            target["label"], target["title"] = old.glossary.label, old.glossary.title
    texts = [n.item.full_text for n in new.walk(appendices=False) if n.kind == "paragraph"]  # type: ignore[attr-defined]
    texts += [line for n in new.walk(appendices=False) if n.kind == "list" for line in n.item.item_lines()]  # type: ignore[attr-defined]
    for e, entry in enumerate(new_appendix.entries):
        twin = old_entries.get(term_key(entry.term))
        if twin is None:
            continue
        kept = target["entries"][e]
        if twin.match is not None and locate_all(twin.match_texts(), texts):
            kept["match"] = list(twin.match)
        if twin.cite != "all":
            kept["cite"] = twin.cite
