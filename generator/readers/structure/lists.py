"""Blocks: paragraphs with their lead-ins, lists and tables, as the model holds them.

Rules:

- **Lead-ins**: a bold opening ending in punctuation (``**…。**``, also ``，``) is the
  paragraph's ``lead``; ``一是…``, ``第一，…`` and ``——…`` inside (after punctuation) are its
  ``leads``, the text unchanged (each up to the next 。 or ；, at most ``LEAD_MAX`` characters):
  一是… counts in sequence (二是, 三是 …), one alone only when it opens the text; 第一，… and
  ——… when two or more.
- **Lists**: consecutive paragraphs opening with ——/── are a bullet list (each item's lead-in
  is its bold opening, else its first sentence when short); in an appendix, consecutive
  ``1.``/``1、`` paragraphs numbered 1, 2, 3 … are a numbered list (lead-in: up to the first ：).
- **Tables** keep their caption and notes (found by :mod:`.appendices`) and their cells'
  spans when the reader knows them.
- Every block's figures are declared by :mod:`generator.readers.figures`.
"""

from __future__ import annotations

import re

from generator.model import Cell, ListBlock, ListItem, Paragraph, Table
from generator.numbers import chinese_numeral
from generator.readers import figures as fig
from generator.readers.structure.common import (
    BULLETS,
    CLOSED_END,
    CN,
    LEAD_MAX,
    POINT_RE,
    Para,
    Piece,
    ends_closed,
    leading_bold,
    plain,
)


def blocks(items: list, ids: fig.Ids, where: str, points_mode: str) -> list:
    """Paragraph and table pieces → model blocks: bullet runs become lists."""
    out: list = []
    run: list[Para] = []
    numbered_run: list[Para] = []

    def flush_bullets() -> None:
        if run:
            marker = run[0].text[:2]
            items_ = [list_item(p.markup.strip()[marker_len(p.markup) :], ids, where) for p in run]
            out.append(ListBlock(list="bullet", marker=marker, items=items_))
            run.clear()

    def flush_numbered() -> None:
        if len(numbered_run) >= 2:
            mark = POINT_RE.match(numbered_run[0].text).group(2)  # type: ignore[union-attr]
            items_ = [
                list_item(p.markup.strip()[len(POINT_RE.match(p.text).group(1)) + 1 :], ids, where, "：")  # type: ignore[union-attr]
                for p in numbered_run
            ]
            out.append(ListBlock(list="numbered", marker=f"1{mark}", items=items_))
        else:
            out.extend(paragraph(p, ids, where, points_mode) for p in numbered_run)
        numbered_run.clear()

    for item in items:
        if isinstance(item, Para) and item.text.startswith(BULLETS) and item.markup.strip().startswith(BULLETS):
            flush_numbered()
            if run and run[0].text[:2] != item.text[:2]:
                flush_bullets()
            run.append(item)
            continue
        flush_bullets()
        m = POINT_RE.match(item.text) if isinstance(item, Para) and where.startswith("a") else None
        if m and item.markup.startswith(m.group(1)) and int(m.group(1)) == len(numbered_run) + 1:
            if numbered_run and POINT_RE.match(numbered_run[0].text).group(2) != m.group(2):  # type: ignore[union-attr]
                flush_numbered()
            else:
                numbered_run.append(item)
                continue
        flush_numbered()
        if isinstance(item, Piece):
            out.append(fig.table_block(table(item), ids, where))
        elif isinstance(item, Table):
            out.append(fig.table_block(item, ids, where))
        else:
            out.append(paragraph(item, ids, where, points_mode))
    flush_bullets()
    flush_numbered()
    return out


def list_item(markup: str, ids: fig.Ids, where: str, stop: str = "。") -> ListItem:
    """One list item: its lead-in (bold opening, else a short first sentence up to ``stop``) and text."""
    lead, text = bold_lead(markup) or (None, markup)
    if lead is None:
        cut = first_sentence(markup, stop)
        if cut is not None:
            lead, text = markup[:cut], markup[cut:]
    full = (lead or "") + plain(text)
    return ListItem(lead=lead, text=text, figures=fig.declare(full, ids, where))


def paragraph(para: Para, ids: fig.Ids, where: str, points_mode: str) -> Paragraph:
    """One body paragraph: its point, bold lead-in, inner lead-ins and figures."""
    lead, text = bold_lead(para.markup.strip()) or (None, para.markup.strip())
    full = (lead or "") + plain(text)
    leads = inner_leads(full, len(lead or ""))
    point = None
    if para.point:
        point = para.point if points_mode == "auto" else para.point_number + para.point
    return Paragraph(
        point=point,
        run_in=para.point_run_in,
        lead=lead,
        leads=leads,
        text=text,
        figures=fig.declare(full, ids, where),
    )


def table(piece: Piece) -> Table:
    """A table piece as a model table (caption and notes as found, spans when known)."""
    if piece.cells is not None:
        spanned = [[Cell(text=t, colspan=c, rowspan=r) for t, c, r in row] for row in piece.cells]
        spanned = [row or [Cell(text="")] for row in spanned]
        return Table(
            table=getattr(piece, "caption", ""),
            header=spanned[: piece.header_rows],
            rows=spanned[piece.header_rows :] or [[Cell(text="")]],
            notes=getattr(piece, "notes", []),
        )
    rows = [list(r) for r in piece.rows or []]
    width = max((len(r) for r in rows), default=1)
    rows = [r + [""] * (width - len(r)) for r in rows]
    header = rows[: piece.header_rows]
    body = rows[piece.header_rows :] or [[""] * width]
    caption = getattr(piece, "caption", "")
    notes = getattr(piece, "notes", [])
    return Table(
        table=caption,
        header=[[Cell(text=c) for c in r] for r in header],
        rows=[[Cell(text=c) for c in r] for r in body],
        notes=notes,
    )


def marker_len(markup: str) -> int:
    """The length of a bullet marker (——) opening the text, else 0."""
    return 2 if markup.strip().startswith(BULLETS) else 0


def bold_lead(markup: str) -> tuple[str, str] | None:
    """(lead, rest) when the text opens with a bold sentence ending in punctuation (``**…。**``)."""
    found = leading_bold(markup.strip())
    if found is None:
        return None
    lead, rest = found
    lead_text = plain(lead)
    if lead_text and (lead_text[-1] in CLOSED_END or lead_text[-1] in "，," or ends_closed(lead_text)):
        if "\\*" in lead:
            return None
        return lead_text, rest
    if rest[:1] in CLOSED_END:
        return None
    return None


def first_sentence(markup: str, stop: str) -> int | None:
    """Where the first sentence (up to ``stop`` or 。) of a text ends, when short and unmarked."""
    t = markup
    ends = [t.find(s) for s in (stop, "。") if t.find(s) >= 0]
    if not ends:
        return None
    end = min(ends) + 1
    if end > LEAD_MAX or end >= len(t.rstrip()) or "**" in t[:end] or "\\*" in t[:end]:
        return None
    return end


_INNER_LEAD = re.compile(rf"(?:(?<=^)|(?<=[。；：，！？、”]))(?:([{CN}])是|第([{CN}])[，、]|——)")


def inner_leads(text: str, start: int) -> list[str]:
    """The 一是…/第一，…/——… lead-ins inside a paragraph's text, each up to the next 。 or ；.

    一是… counts in sequence (二是, 三是 …); one alone only when it opens the text (then any
    number: a list of tasks numbered across paragraphs); 第一，… and ——… when two or more.
    """
    found: list[tuple[int, str, str]] = []
    for m in _INNER_LEAD.finditer(text, start):
        kind = "shi" if m.group(1) else "di" if m.group(2) else "dash"
        if kind == "dash" and m.start() == 0:
            continue
        found.append((m.start(), kind, m.group(1) or m.group(2) or ""))
    starts: list[int] = []
    for kind in ("shi", "di", "dash"):
        hits = [(s, n) for s, k, n in found if k == kind]
        if kind != "dash":
            first = CN.index(hits[0][1]) + 1 if hits and kind == "shi" and hits[0][0] == start else 1
            hits = [h for i, h in enumerate(hits) if first + i <= 99 and h[1] == chinese_numeral(first + i)]
        if not hits or (len(hits) < 2 and not (kind == "shi" and hits[0][0] == start)):
            continue
        starts += [s for s, _ in hits]
    leads: list[str] = []
    position = start
    for s in sorted(starts):
        if s < position:
            continue
        ends = [e for e in (text.find("。", s), text.find("；", s)) if e >= 0]
        if not ends or min(ends) + 1 - s > LEAD_MAX:
            continue
        lead = text[s : min(ends) + 1]
        leads.append(lead)
        position = s + len(lead)
    return leads
