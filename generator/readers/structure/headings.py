"""Headings and numbering: parts, sections, points, and where the closing starts.

Rules:

- **Parts**: lines ``一、…`` of their own (a heading line, as for sections) (numbering
  ``auto`` with the number stripped when the sequence is 一、二、三…; otherwise ``none`` with
  each number kept in its heading as written, and a warning: ``written`` would be refused,
  since ``check`` requires its sequence; sections likewise). A report with no numbered part
  takes its unnumbered heading lines (``#``, wholly bold, or a short line without sentence
  punctuation) as parts, with ``numbering.parts: none``. A part with nothing under it stays a
  paragraph (reported).
- **Sections** ``（一）…``: a heading line, or run-in when text follows on the same line (the
  heading is the bold opening, else the text up to the first 。 or ！). A numbered heading line
  with no sentence end that the next paragraph develops is a heading up to ``HEADING_MAX``
  characters. A line ``第一，…`` of its own with no sentence end is a section heading. In a part
  ``一、`` without numbered sections, an unnumbered heading line (as for parts) that the next
  paragraph develops is a section heading. A paragraph opening with ``各位代表`` ends a section;
  so does the first paragraph without a bold lead-in after at least two that all have one.
- **Parts over sections numbered like parts**: two or more unnumbered heading lines, each
  developed by what follows, the first above the first ``一、`` line, are the parts; the ``一、``
  lines are then sections (numbers kept in the headings; each part's sequence checked on its own).
- **Points** ``1.``/``1、`` opening a body paragraph: run-in up to the first 。 (when short), or
  a heading line whose paragraph is the next one. Points numbered 1. 2. 3. in every group are
  ``auto``, else ``written``.
- **Closing**: from the last paragraph opening with ``各位代表`` after the last part's last
  section to the end of the body.
- Headings, bold lines and ``#`` lines that cannot be placed stay paragraphs and are reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.model import Numbering
from generator.numbers import chinese_numeral
from generator.readers.structure.common import (
    BULLETS,
    CN,
    PART_RE,
    POINT_RE,
    SECTION_RE,
    Para,
    Piece,
    Warn,
    ends_closed,
    escape,
    leading_bold,
    plain,
    short_plain_heading,
    whole_bold,
)
from generator.readers.structure.lists import bold_lead, first_sentence
from generator.readers.structure.titleblock import SALUTATION_RE

ORDINAL_RE = re.compile(rf"^第([{CN}]{{1,3}})[，,、](.+)$")
"""A section heading numbered 第一，… (a line of its own; inside a paragraph 第一，… is a lead-in)."""
HEADING_MAX = 80
"""Longest numbered heading line without any sentence end (（一）深入推进…，强化…，打造…)."""
SENTENCE_END = set("。！？!?；;")


@dataclass
class SectionDraft:
    """A section found: its number and heading as printed, and what stands under it."""

    line: int
    number: str
    heading: str
    run_in: bool
    items: list = field(default_factory=list)


@dataclass
class PartDraft:
    """A part found: its number and heading as printed, and what stands under it."""

    line: int
    number: str
    heading: str
    items: list = field(default_factory=list)


def read_parts(pieces: list[Piece], warn: Warn) -> tuple[list, list[PartDraft], Numbering]:
    """(opening paragraphs, parts with their sections and points, numbering) of the body's pieces."""
    numbered = {
        id(p) for i, p in enumerate(pieces) if PART_RE.match(_text(p)) and is_numbered_heading(pieces, i, PART_RE)
    }
    above = parts_above_numbered(pieces, numbered)
    plain_sections = set() if above else parts_without_numbered_sections(pieces, numbered)
    opening: list = []
    parts: list[PartDraft] = []
    section: SectionDraft | None = None
    for i, piece in enumerate(pieces):
        if piece.kind == "table":
            (section.items if section else parts[-1].items if parts else opening).append(piece)
            continue
        markup = piece.text.strip()
        text = plain(markup).strip()
        if above:
            if id(piece) in above:
                parts.append(PartDraft(piece.line, "", text))
                section = None
                continue
        elif numbered:
            m = PART_RE.match(text)
            if id(piece) in numbered and m:
                parts.append(PartDraft(piece.line, m.group(1) + "、", m.group(2).strip()))
                section = None
                continue
        elif is_unnumbered_heading(piece):
            parts.append(PartDraft(piece.line, "", text))
            section = None
            continue
        if not parts:
            if piece.heading or whole_bold(markup) is not None:
                warn(piece.line, "import_unplaced", text=text[:30])
            opening.append(Para(piece.line, markup))
            continue
        part = parts[-1]
        new = section_line(pieces, i, numbered if above else set(), warn)
        if new is None and len(parts) - 1 in plain_sections and is_unnumbered_heading(piece) and develops(pieces, i):
            new = SectionDraft(piece.line, "", text, False)
        if new is not None:
            section = new
            part.items.append(section)
            continue
        if piece.heading or (whole_bold(markup) is not None and short_plain_heading(text, 40)):
            warn(piece.line, "import_unplaced", text=text[:30])
        para = Para(piece.line, markup)
        if section is not None and ends_section(section, para):
            section = None
        (section.items if section else part.items).append(para)
    kept: list[PartDraft] = []
    for part in parts:
        if part.items or part is parts[-1] and not kept:
            kept.append(part)
            continue
        warn(part.line, "import_empty_part", heading=part.number + part.heading)
        para = Para(part.line, escape(part.number + part.heading))
        (kept[-1].items if kept else opening).append(para)
    parts = kept
    for part in parts:
        part.items = read_points(part.items)
        for item in part.items:
            if isinstance(item, SectionDraft):
                item.items = read_points(item.items)
    return opening, parts, numbering(parts, warn)


def _text(piece: Piece) -> str:
    return plain(piece.text).strip() if piece.kind == "line" else ""


def develops(pieces: list[Piece], i: int, headings_below: bool = False) -> bool:
    """Whether the piece after ``pieces[i]`` develops it.

    That is a line ending a sentence that is no heading itself, a point (``1.``), and with
    ``headings_below`` a numbered heading line (a part heading over its first section). A table
    is not: a short line before a table is its caption.
    """
    if i + 1 >= len(pieces) or pieces[i + 1].kind != "line":
        return False
    nxt = pieces[i + 1]
    text = _text(nxt)
    if PART_RE.match(text) or SECTION_RE.match(text) or ORDINAL_RE.match(text):
        return headings_below
    if POINT_RE.match(text):
        return True
    return ends_closed(text) and not is_unnumbered_heading(nxt)


def is_numbered_heading_text(text: str) -> bool:
    """Whether a line is numbered like a heading (一、 （一） 第一，) and ends no sentence (at most ``HEADING_MAX``)."""
    t = plain(text).strip()
    return bool(
        (PART_RE.match(t) or SECTION_RE.match(t) or ORDINAL_RE.match(t))
        and len(t) <= HEADING_MAX
        and not any(c in SENTENCE_END for c in t)
        and not ends_closed(t)
    )


def is_numbered_heading(pieces: list[Piece], i: int, pattern: re.Pattern) -> bool:
    """Whether ``pieces[i]``, opening with a number ``pattern`` matches, is a heading line.

    A heading line has at most 40 characters and no full stop but a final one, or is a longer line
    (up to ``HEADING_MAX``) with no sentence end at all that the next paragraph develops.
    """
    piece = pieces[i]
    if piece.kind != "line" or not pattern.match(_text(piece)):
        return False
    if is_heading_line(piece, 40):
        return True
    text = _text(piece)
    return len(text) <= HEADING_MAX and not any(c in SENTENCE_END for c in text) and develops(pieces, i)


def parts_above_numbered(pieces: list[Piece], numbered: set[int]) -> set[int]:
    """Unnumbered part headings standing above sections numbered 一、 (``2022年工作回顾`` over 一、…六、).

    They count when there are at least two, each developed by what follows (a paragraph, or its first
    section), and the first comes before the first 一、 line; the 一、 lines are then sections. Else
    the empty set.
    """
    if not numbered:
        return set()
    heads = [
        i for i, p in enumerate(pieces) if p.kind == "line" and is_unnumbered_heading(p) and develops(pieces, i, True)
    ]
    first_numbered = next(i for i, p in enumerate(pieces) if id(p) in numbered)
    if len(heads) < 2 or heads[0] > first_numbered:
        return set()
    return {id(pieces[i]) for i in heads}


def parts_without_numbered_sections(pieces: list[Piece], numbered: set[int]) -> set[int]:
    """The indexes of the numbered parts (一、) that hold no numbered section line (（一）, 第一，).

    In those, an unnumbered heading line the next paragraph develops (``**扎实推进项目建设**``) is a
    section heading.
    """
    part = -1
    found: dict[int, bool] = {}
    for piece in pieces:
        if id(piece) in numbered:
            part += 1
            found[part] = False
        elif part >= 0 and (SECTION_RE.match(_text(piece)) or ORDINAL_RE.match(_text(piece))):
            found[part] = True
    return {index for index, has in found.items() if not has}


def section_line(pieces: list[Piece], i: int, numbered_parts: set[int], warn: Warn) -> SectionDraft | None:
    """The section ``pieces[i]`` opens, if any.

    ``（一）…`` (heading line or run-in), a ``第一，…`` heading line (no sentence end at all, developed
    by the next paragraph: ``第一，…。`` alone is a sentence), or a ``一、…`` line when unnumbered parts
    stand above those.
    """
    piece = pieces[i]
    text = _text(piece)
    m = SECTION_RE.match(text)
    if m:
        return read_section(piece, m, warn, is_numbered_heading(pieces, i, SECTION_RE))
    m = ORDINAL_RE.match(text) or (PART_RE.match(text) if id(piece) in numbered_parts else None)
    ordinal_heading = ORDINAL_RE.match(text) and is_numbered_heading_text(text) and develops(pieces, i)
    if m and (id(piece) in numbered_parts or ordinal_heading):
        number = text[: len(text) - len(m.group(2))]
        return SectionDraft(piece.line, number, m.group(2).strip(), False)
    return None


def read_points(items: list) -> list:
    """Paragraphs opening with 1. or 1、: run-in points, or point lines heading the next paragraph."""
    out: list = []
    pending: Para | None = None
    for item in items:
        if pending is not None:
            if isinstance(item, Para) and not POINT_RE.match(item.text) and not item.text.startswith(BULLETS):
                item.point, item.point_number = pending.point, pending.point_number
                out.append(item)
                pending = None
                continue
            pending.point = None
            out.append(pending)
            pending = None
        m = POINT_RE.match(item.text) if isinstance(item, Para) else None
        if m is None or not item.markup.startswith(m.group(1)):
            out.append(item)
            continue
        number = m.group(1) + m.group(2)
        after = item.markup[len(number) :]
        if short_plain_heading(m.group(3), 40) or (is_heading_line(item, 40) and ends_closed(item.text)):
            item.point, item.point_number = plain(after).strip(), number
            pending = item
            continue
        cut = first_sentence(after, "。")
        if cut is None:
            out.append(item)
            continue
        item.point, item.point_number, item.point_run_in = after[:cut], number, True
        item.markup = after[cut:]
        out.append(item)
    if pending is not None:
        pending.point = None
        out.append(pending)
    return out


def is_heading_line(piece: Piece | Para, limit: int) -> bool:
    """Whether a line is at most ``limit`` characters with no full stop but (perhaps) a final one."""
    text = plain(piece.text).strip()
    body = text.rstrip("。")
    return len(text) <= limit and "。" not in body


def is_unnumbered_heading(piece: Piece) -> bool:
    """Whether a line is an unnumbered part heading (``#``/bold up to 40 characters, else up to 24)."""
    markup = piece.text.strip()
    text = plain(markup).strip()
    if not text or text.startswith(BULLETS) or SECTION_RE.match(text) or POINT_RE.match(text):
        return False
    if SALUTATION_RE.match(text):
        return False
    if piece.heading or whole_bold(markup) is not None:
        return short_plain_heading(text, 40)
    return short_plain_heading(text)


def read_section(piece: Piece, m: re.Match, warn: Warn, heading_line: bool) -> SectionDraft | None:
    """The section a ``（一）`` line opens (heading line or run-in), or None when it cannot be cut."""
    markup = piece.text.strip()
    text = plain(markup).strip()
    number = text[: len(m.group(1)) + 2]
    bold = whole_bold(markup)
    if piece.heading or bold is not None or heading_line:
        return SectionDraft(piece.line, number, text[len(number) :].strip(), False)
    lead = leading_bold(markup)
    if lead is not None and plain(lead[0]).startswith(number):
        heading = plain(lead[0])[len(number) :]
        rest = lead[1]
    else:
        after = markup[markup.find(number) + len(number) :] if markup.startswith(number) else None
        stop = min((i for i in (text.find("。"), text.find("！")) if i >= 0), default=-1)
        if after is None or stop < 0 or stop > 60 or "**" in after[: stop - len(number) + 1]:
            warn(piece.line, "import_section_runin", text=text[:30])
            return None
        cut = stop - len(number) + 1
        heading, rest = after[:cut], after[cut:]
    if not plain(rest).strip():
        return SectionDraft(piece.line, number, heading, False)
    section = SectionDraft(piece.line, number, heading, True)
    section.items.append(Para(piece.line, rest))
    return section


def ends_section(section: SectionDraft, para: Para) -> bool:
    """Whether ``para`` no longer belongs to ``section`` (各位代表…, or the bold lead-ins stop)."""
    if para.text.startswith("各位代表"):
        return True
    paras = [i for i in section.items if isinstance(i, Para)]
    if section.run_in or len(paras) < 2 or len(paras) != len(section.items):
        return False
    with_lead = [bold_lead(p.markup) is not None for p in paras]
    return all(with_lead) and bold_lead(para.markup) is None


def numbering(parts: list[PartDraft], warn: Warn) -> Numbering:
    """The numbering modes the printed numbers show (irregular sequences reported)."""
    if not parts or not parts[0].number:
        parts_mode = "none"
    else:
        regular = all(p.number == f"{chinese_numeral(i + 1)}、" for i, p in enumerate(parts) if i < 99)
        parts_mode = "auto" if regular else "none"  # "written" would be refused: its sequence is checked
        if not regular:
            warn(parts[0].line, "import_numbering", what="一、二、三")
    sections_mode = "auto"
    broken = None
    for part in parts:
        sections = [i for i in part.items if isinstance(i, SectionDraft)]
        for k, s in enumerate(sections):
            if k >= 99 or s.number != f"（{chinese_numeral(k + 1)}）":
                sections_mode = "none"
            if broken is None and (k >= 99 or s.number != _numbered_like(sections[0].number, k + 1)):
                broken = sections[0]
    if broken is not None:
        warn(broken.line, "import_numbering", what=_numbered_like(broken.number, 1) + _numbered_like(broken.number, 2))
    points_mode = "auto"
    for part in parts:
        groups = [[i for i in part.items if isinstance(i, Para)]]
        groups += [[i for i in s.items if isinstance(i, Para)] for s in part.items if isinstance(s, SectionDraft)]
        for group in groups:
            numbers = [p.point_number for p in group if p.point]
            if any(n != f"{k + 1}." for k, n in enumerate(numbers)):
                points_mode = "written"
    return Numbering(parts=parts_mode, sections=sections_mode, points=points_mode)


def _numbered_like(first: str, k: int) -> str:
    """Number ``k`` written the way ``first`` is (（一） → （k）, 一、 → k、, 第一， → 第k，)."""
    numeral = re.search(rf"[{CN}]+", first)
    if numeral is None:
        return first
    return first[: numeral.start()] + chinese_numeral(k) + first[numeral.end() :]


def split_closing(parts: list[PartDraft]) -> list:
    """Take the closing (from the last 各位代表… after the last section) off the last part."""
    if not parts:
        return []
    items = parts[-1].items
    last_section = max((i for i, it in enumerate(items) if isinstance(it, SectionDraft)), default=-1)
    for i in range(len(items) - 1, last_section, -1):
        item = items[i]
        if isinstance(item, Para) and item.text.startswith("各位代表") and i > 0:
            closing = items[i:]
            del items[i:]
            return closing
    return []
