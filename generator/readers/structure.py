"""The structure of a work report, recognised in the pieces a reader gives (Markdown, text, DOCX).

The readers (:mod:`generator.readers.markdown`, :mod:`generator.readers.text`,
:mod:`generator.readers.docx`) turn their syntax into :class:`Piece` items (paragraphs in
the model's ``**`` markup, headings, tables, each with its line number, or for a DOCX its
paragraph number); this module finds the report in them, by these rules:

- **Title block** (before ``各位代表：``; a title and the meeting line joined into one paragraph
  by a space, as a DOCX that pandoc makes of two lines, are split first): the title (a ``#``
  heading, a wholly bold line or a short line naming a 报告; else front matter ``title:`` without its trailing
  parenthesis), the status (``(草案)``/``（草案）``), the subtitle (``——date 在…会议上``, also
  opening with ``──``; kept as written, its date and session parsed), the speaker line (kept
  as written; office and name parsed: the name is what follows the last run of spaces).
- **Salutation**: a line such as ``各位代表：``. What stands between it and the first part is
  the opening.
- **Parts**: lines ``一、…`` (numbering ``auto`` with the number stripped when the sequence is
  一、二、三…; otherwise ``none`` with each number kept in its heading as written, and a
  warning: ``written`` would be refused, since ``check`` requires its sequence; sections
  likewise). A report with no numbered part takes its unnumbered
  heading lines (``#``, wholly bold, or a short line without sentence punctuation) as parts,
  with ``numbering.parts: none``.
- **Sections** ``（一）…``: a heading line, or run-in when text follows on the same line (the
  heading is the bold opening, else the text up to the first 。). A paragraph opening with
  ``各位代表`` ends a section; so does the first paragraph without a bold lead-in after
  at least two that all have one. A section heading with nothing under it stays a paragraph
  (reported).
- **Points** ``1.``/``1、`` opening a body paragraph: run-in up to the first 。, or a heading line.
- **Lead-ins**: a bold opening ending in punctuation (``**…。**``) is the paragraph's ``lead``;
  ``一是…``, ``第一，…`` and ``——…`` inside (after punctuation) are its ``leads``, the text
  unchanged (each up to the next 。 or ；).
- **Lists**: consecutive paragraphs opening with ——/── are a bullet list (each item's
  lead-in is its bold opening, else its first sentence when short); in an appendix,
  consecutive ``1.``/``1、`` paragraphs numbered 1, 2, 3 … are a numbered list (lead-in: up to
  the first ：).
- **Closing**: from the last paragraph opening with ``各位代表`` after the last part's last
  section to the end of the body.
- **Appendices**: a line ``附件``, ``附件1``, ``附录一：title``, ``附 录``; its title on the same
  line or the next short line. A short line before a table is its caption; ``注：``/``来源：``
  lines after it are its notes.
- **Glossary**: a title ending in 名词解释, 词语解释, 名词注释 or 注释 (bold or not); entries
  ``term：definition``, numbered ``1.``/``1、``/``[1]`` or not; printed page references such as
  ``（《报告》第3、8页）`` are dropped (the products compute their own), also with their numbers
  gone (``（《报告》第页）``: a DOCX's ``PAGEREF`` results are dropped by its reader). A line without ``：``
  continues the previous definition. An entry whose term the body does not use as written
  gets ``match`` derived (its quoted parts the body uses, else the longest part of it the body
  contains), marked as a guess; when nothing matches, ``match: []`` and a warning.

What cannot be placed stays a plain paragraph and is reported with its line number.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from generator.model import (
    Appendix,
    Cell,
    Glossary,
    GlossaryEntry,
    ListBlock,
    ListItem,
    Meta,
    Numbering,
    Paragraph,
    Part,
    Report,
    Section,
    Table,
    _quoted_parts,
)
from generator.numbers import chinese_numeral
from generator.terms import find_term, term_key


@dataclass
class Piece:
    """One unit a reader gives: a paragraph or heading line (``line``) or a table (``table``)."""

    kind: str
    line: int
    text: str = ""
    heading: int = 0
    rows: list[list[str]] | None = None
    header_rows: int = 0
    cells: list[list[tuple[str, int, int]]] | None = None
    """A table's cells with their spans, (text, colspan, rowspan), when the reader knows them (DOCX)."""


@dataclass
class Source:
    """What a reader found: the pieces in order and the front matter (key → value)."""

    pieces: list[Piece]
    front: dict[str, str] = field(default_factory=dict)


@dataclass
class Warning_:
    """A warning about the input, at its line number: a message key and its fields."""

    line: int
    key: str
    fields: dict[str, object] = field(default_factory=dict)


@dataclass
class Imported:
    """An imported report: the model, the writer's comments by source path, the warnings."""

    report: Report
    comments: dict[tuple, str]
    warnings: list[Warning_]
    title_in_text: bool = True


CN = "一二三四五六七八九十"
PART_RE = re.compile(rf"^([{CN}]{{1,3}})、(.+)$")
SECTION_RE = re.compile(rf"^[（(]([{CN}]{{1,3}})[）)](.*)$")
POINT_RE = re.compile(r"^(\d{1,2})([.、．])(?![\d.])(.+)$")
SUBTITLE_RE = re.compile(
    r"^(?:——|──|—|─|--)\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:在\s*(.+?)\s*上)?\s*$"
)
STATUS_RE = re.compile(r"^[（(]\s*(草案|征求意见稿|送审稿|定稿)\s*[)）]$")
SALUTATION_RE = re.compile(r"^各位[^，。！？,.!?]{1,10}[：:]$")
APPENDIX_RE = re.compile(r"^(附\s*[件录](?:\s*[0-9０-９]+|[一二三四五六七八九十]+)?)\s*([：:]?)\s*(.*)$")
GLOSSARY_RE = re.compile(r"(名词解释|词语解释|名词注释|注释|术语解释)$")
PAGE_REF_RE = re.compile(
    r"[（(]\s*(?:《[^》]{1,20}》)?\s*第\s*[\d\s、，,\-—～~]*\s*页(?:\s*第\s*[\d\s、，,]*\s*行)?\s*[)）]"
)
ENTRY_NUMBER_RE = re.compile(r"^(?:(\d{1,3})([.、．])|\[(\d{1,3})\])\s*")
BULLETS = ("——", "──")
SENTENCE_PUNCT = set("，。；：！？、,;!?")
CLOSED_END = set("。！？；：…!?;:")
CLOSERS = set("”’」』）)》】")
NOTE_RE = re.compile(r"^(注|备注|说明|来源|资料来源|数据来源)\s*[：:]")
LEAD_MAX = 50
"""Longest lead-in taken from unmarked text (一是…。, a bullet's first sentence)."""


def plain(markup: str) -> str:
    """Model markup without marks."""
    return markup.replace("\\*", "\0").replace("**", "").replace("\0", "*")


JOINED_TITLE_RE = re.compile(r"^(.{1,40}?\S)[ \t\u3000]+((?:——|──).*)$")


def split_joined_title(piece: Piece) -> list[Piece]:
    """A title and the meeting line joined into one paragraph by a space → two lines.

    Two lines of the title block with only a line break between them (no blank line) are one
    paragraph where the break became a space (a DOCX pandoc makes of such Markdown):
    ``政府工作报告 ——2024年3月5日在…会议上``.
    """
    if piece.kind != "line":
        return [piece]
    found = JOINED_TITLE_RE.match(piece.text)
    if found is None or not SUBTITLE_RE.match(plain(found.group(2)).strip()):
        return [piece]
    title, meeting = found.group(1), found.group(2)
    return [Piece("line", piece.line, title, piece.heading), Piece("line", piece.line, meeting)]


def whole_bold(markup: str) -> str | None:
    """The inner markup when the whole text is one bold span (``**…**``), else None."""
    if markup.startswith("**") and markup.endswith("**") and len(markup) > 4 and "**" not in markup[2:-2]:
        return markup[2:-2]
    return None


def leading_bold(markup: str) -> tuple[str, str] | None:
    """(bold opening, rest) when the text opens with a bold span followed by more text."""
    if not markup.startswith("**"):
        return None
    end = markup.find("**", 2)
    if end <= 2 or end + 2 >= len(markup):
        return None
    return markup[2:end], markup[end + 2 :]


def ends_closed(text: str) -> bool:
    """Whether a text ends a sentence: 。！？；：… or a closing quote/bracket right after one."""
    t = plain(text).rstrip()
    if not t:
        return True
    if t[-1] in CLOSED_END:
        return True
    i = len(t) - 1
    while i >= 0 and t[i] in CLOSERS:
        i -= 1
    return i < len(t) - 1 and i >= 0 and t[i] in CLOSED_END


def _short_plain_heading(text: str, limit: int = 24) -> bool:
    t = plain(text).strip()
    return 0 < len(t) <= limit and not any(ch in SENTENCE_PUNCT for ch in t)


def is_heading_like(text: str, markdownish: bool) -> bool:
    """Whether a block is a heading or title-block line (never joined with what follows)."""
    t = text.strip()
    if markdownish and re.match(r"^#{1,6}\s", t):
        return True
    body = plain(t)
    if whole_bold(t) is not None and len(body) <= 40:
        return True
    if SUBTITLE_RE.match(body) or STATUS_RE.match(body):
        return True
    if (PART_RE.match(body) or SECTION_RE.match(body)) and len(body) <= 40:
        return True
    return _short_plain_heading(body)


def is_structural(line: str, markdownish: bool) -> bool:
    """Whether a line opens a new block of its own (heading, bullet, appendix, salutation …)."""
    t = line.strip()
    if markdownish and re.match(r"^#{1,6}\s", t):
        return True
    body = plain(t).strip()
    return bool(
        body.startswith(BULLETS)
        or POINT_RE.match(body)
        or PART_RE.match(body)
        or SECTION_RE.match(body)
        or SALUTATION_RE.match(body)
        or STATUS_RE.match(body)
        or (len(body) <= 60 and APPENDIX_RE.match(body) and _appendix_line(body))
        or (len(body) <= 30 and GLOSSARY_RE.search(body))
        or (markdownish and whole_bold(t) is not None and len(body) <= 40)
    )


def _appendix_line(body: str) -> bool:
    m = APPENDIX_RE.match(body)
    if not m:
        return False
    rest = m.group(3)
    return not rest or bool(m.group(2)) or len(body) <= 12


# --------------------------------------------------------------------------------------
# The builder
# --------------------------------------------------------------------------------------


@dataclass
class _Para:
    line: int
    markup: str
    point: str | None = None
    point_number: str = ""
    point_run_in: bool = False

    @property
    def text(self) -> str:
        return plain(self.markup)


@dataclass
class _Section:
    line: int
    number: str
    heading: str
    run_in: bool
    items: list = field(default_factory=list)


@dataclass
class _Part:
    line: int
    number: str
    heading: str
    items: list = field(default_factory=list)


class Builder:
    """Builds a :class:`Report` from a reader's pieces (see the module docstring for the rules)."""

    def __init__(self, source: Source, report_id: str) -> None:
        self.source = source
        self.report_id = report_id
        self.warnings: list[Warning_] = []
        self.comments: dict[tuple, str] = {}

    def warn(self, line: int, key: str, **fields: object) -> None:
        """Report a warning about the input at ``line``."""
        self.warnings.append(Warning_(line, key, fields))

    # -- entry point ----------------------------------------------------------------
    def build(self) -> Imported:
        """The imported report: model, comments for the writer, warnings."""
        from generator.readers import figures as fig

        pieces = self.source.pieces
        salutation_at = next(
            (i for i, p in enumerate(pieces) if p.kind == "line" and SALUTATION_RE.match(plain(p.text).strip())),
            None,
        )
        if salutation_at is not None:
            head = [part for piece in pieces[:salutation_at] for part in split_joined_title(piece)]
            pieces = head + pieces[salutation_at:]
        salutation_at = next(
            (i for i, p in enumerate(pieces) if p.kind == "line" and SALUTATION_RE.match(plain(p.text).strip())),
            None,
        )
        if salutation_at is None:
            head_end = 0
            while head_end < len(pieces) and head_end < 4 and self._title_like(pieces[head_end], head_end):
                head_end += 1
            head = pieces[:head_end]
        else:
            head = pieces[:salutation_at]
        meta, leftovers, title_in_text = self._title_block(head)
        if salutation_at is None:
            self.warn(1, "import_no_salutation")
            salutation = ""
            rest = pieces[len(head) :]
        else:
            salutation = plain(pieces[salutation_at].text).strip()
            rest = pieces[salutation_at + 1 :]
        appendix_at = self._appendix_start(rest)
        body, tail = rest[:appendix_at], rest[appendix_at:]
        opening_raw, parts_raw, numbering = self._parts(leftovers + body)
        closing_raw = self._closing(parts_raw)
        appendices, glossary = self._appendices(tail)

        ids = fig.Ids()
        opening = self._blocks(opening_raw, ids, "o")
        closing = self._blocks(closing_raw, ids, "c")
        parts = []
        for p, raw in enumerate(parts_raw):
            content: list = []
            s_index = 0
            loose: list = []
            for item in [*raw.items, None]:
                if not isinstance(item, _Section) and item is not None:
                    loose.append(item)
                    continue
                if loose:
                    content += self._blocks(loose, ids, f"{p + 1}-0")
                    loose = []
                if item is not None:
                    s_index += 1
                    blocks = self._blocks(item.items, ids, f"{p + 1}-{s_index}")
                    if not blocks:  # a section heading with nothing under it stays a paragraph
                        self.warn(item.line, "import_empty_part", heading=item.number + item.heading)
                        content.append(Paragraph(text=_escape(item.number + item.heading)))
                        s_index -= 1
                        continue
                    heading = item.heading if numbering.sections == "auto" else item.number + item.heading
                    content.append(Section(section=heading, run_in=item.run_in, paragraphs=blocks))
            heading = raw.heading if numbering.parts != "none" else raw.number + raw.heading
            if not content:  # the only part, and empty: its heading stays a paragraph of the opening
                opening.append(Paragraph(text=_escape(raw.number + raw.heading)))
                continue
            parts.append(Part(heading=heading, content=content))
        if not parts:
            self.warn(1, "import_no_parts")
            parts = [Part(heading=meta.title, content=opening or [Paragraph(text=_escape(meta.title))])]
            opening = []
        built_appendices = []
        for a, (label, title, items, gloss) in enumerate(appendices):
            blocks = self._blocks(items, ids, f"a{a + 1}") if items else []
            built_appendices.append(Appendix(label=label, title=title, content=blocks, glossary=gloss))
        top_glossary = Glossary()
        if glossary is not None:
            top_glossary = glossary
        report = Report(
            report=meta,
            numbering=numbering,
            salutation=salutation,
            opening=opening,
            parts=parts,
            closing=closing,
            appendices=built_appendices,
            glossary=top_glossary,
        )
        report = self._glossary_matches(report)
        report = fig.propose(report, self.comments, ids)
        return Imported(report, self.comments, sorted(self.warnings, key=lambda w: w.line), title_in_text)

    def _title_like(self, piece: Piece, index: int) -> bool:
        """Whether a piece may belong to the title block of a text without salutation."""
        if piece.kind != "line":
            return False
        text = plain(piece.text).strip()
        if PART_RE.match(text) or SECTION_RE.match(text):
            return False
        title = index == 0 and (piece.heading or whole_bold(piece.text) is not None or "报告" in text)
        return bool((title and len(text) <= 30) or STATUS_RE.match(text) or SUBTITLE_RE.match(text) or _speaker(text))

    # -- title block ----------------------------------------------------------------
    def _title_block(self, head: list[Piece]) -> tuple[Meta, list[Piece], bool]:
        front = self.source.front
        title = status = subtitle = byline = None
        leftovers: list[Piece] = []
        for piece in head:
            text = plain(piece.text).strip() if piece.kind == "line" else ""
            if piece.kind != "line":
                leftovers.append(piece)
            elif (
                title is None
                and subtitle is None
                and (piece.heading or whole_bold(piece.text) is not None or (len(text) <= 30 and "报告" in text))
            ):
                title = text
            elif status is None and STATUS_RE.match(text):
                status = STATUS_RE.match(text).group(1)  # type: ignore[union-attr]
            elif subtitle is None and SUBTITLE_RE.match(text):
                subtitle = text
            elif byline is None and _speaker(text) is not None:
                byline = text
            else:
                self.warn(piece.line, "import_unplaced", text=text[:30])
                leftovers.append(piece)
        guess = "推测，请核对"
        fields: dict[str, object] = {"id": self.report_id}
        title_in_text = title is not None
        if title is None:
            front_title = front.get("title", "").strip()
            front_title = re.sub(r"\s*[（(][^（()）]*\d{4}[^（()）]*[)）]\s*$", "", front_title).strip()
            title = front_title or "政府工作报告"
            self.comments[("report", "title")] = guess
        fields["title"] = title
        if status:
            fields["status"] = status
        date = session = None
        if subtitle:
            m = SUBTITLE_RE.match(subtitle)
            assert m is not None
            try:
                date = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                date = None
            session = m.group(4)
            fields["subtitle"] = subtitle
        if front.get("date"):
            try:
                date = dt.date.fromisoformat(front["date"])
            except ValueError:
                pass
        if date is None:
            found = re.search(r"(\d{4})年(\d{1,2})月(\d{1,2})日", front.get("title", ""))
            date = dt.date(*map(int, found.groups())) if found else dt.date(1970, 1, 1)
            self.warn(head[0].line if head else 1, "import_no_date")
        fields["date"] = date
        fields["session"] = front.get("session") or session or "人民代表大会"
        speaker = office = None
        if byline:
            fields["byline"] = byline
            office, speaker = _speaker(byline)  # type: ignore[misc]
        fields["speaker"] = front.get("speaker") or speaker or "（报告人）"
        fields["office"] = front.get("office") or office or "（职务）"
        place = _place(str(fields["session"]))
        fields["issuer"] = front.get("issuer") or _issuer(str(fields["office"]), place)
        fields["short_title"] = front.get("short_title") or f"{place}{date.year}年{title}".replace(
            f"{place}{date.year}年{place}", f"{place}{date.year}年"
        )
        for key in ("date", "session", "speaker", "office", "issuer", "short_title"):
            if not front.get(key):
                self.comments[("report", key)] = guess
        return Meta(**fields), leftovers, title_in_text

    # -- parts and sections ---------------------------------------------------------
    def _appendix_start(self, pieces: list[Piece]) -> int:
        for i, piece in enumerate(pieces):
            if piece.kind != "line":
                continue
            text = plain(piece.text).strip()
            if len(text) <= 60 and APPENDIX_RE.match(text) and _appendix_line(text):
                return i
            if len(text) <= 30 and GLOSSARY_RE.search(text) and not ends_closed(text):
                return i
        return len(pieces)

    def _parts(self, pieces: list[Piece]) -> tuple[list, list[_Part], Numbering]:
        numbered = [
            p
            for p in pieces
            if p.kind == "line" and PART_RE.match(plain(p.text).strip()) and self._is_heading_line(p, 40)
        ]
        opening: list = []
        parts: list[_Part] = []
        section: _Section | None = None
        for piece in pieces:
            if piece.kind == "table":
                (section.items if section else parts[-1].items if parts else opening).append(piece)
                continue
            markup = piece.text.strip()
            text = plain(markup).strip()
            if numbered:
                m = PART_RE.match(text)
                if piece in numbered and m:
                    parts.append(_Part(piece.line, m.group(1) + "、", m.group(2).strip()))
                    section = None
                    continue
            elif self._is_unnumbered_heading(piece):
                parts.append(_Part(piece.line, "", text))
                section = None
                continue
            if not parts:
                if piece.heading or whole_bold(markup) is not None:
                    self.warn(piece.line, "import_unplaced", text=text[:30])
                opening.append(_Para(piece.line, markup))
                continue
            part = parts[-1]
            m = SECTION_RE.match(text)
            if m:
                new = self._section(piece, m)
                if new is not None:
                    section = new
                    part.items.append(section)
                    continue
            if piece.heading or (whole_bold(markup) is not None and _short_plain_heading(text, 40)):
                self.warn(piece.line, "import_unplaced", text=text[:30])
            para = _Para(piece.line, markup)
            if section is not None and self._ends_section(section, para):
                section = None
            (section.items if section else part.items).append(para)
        kept: list[_Part] = []
        for part in parts:
            if part.items or part is parts[-1] and not kept:
                kept.append(part)
                continue
            self.warn(part.line, "import_empty_part", heading=part.number + part.heading)
            para = _Para(part.line, _escape(part.number + part.heading))
            (kept[-1].items if kept else opening).append(para)
        parts = kept
        for part in parts:
            part.items = self._points(part.items)
            for item in part.items:
                if isinstance(item, _Section):
                    item.items = self._points(item.items)
        return opening, parts, self._numbering(parts)

    def _points(self, items: list) -> list:
        """Paragraphs opening with 1. or 1、: run-in points, or point lines heading the next paragraph."""
        out: list = []
        pending: _Para | None = None
        for item in items:
            if pending is not None:
                if isinstance(item, _Para) and not POINT_RE.match(item.text) and not item.text.startswith(BULLETS):
                    item.point, item.point_number = pending.point, pending.point_number
                    out.append(item)
                    pending = None
                    continue
                pending.point = None
                out.append(pending)
                pending = None
            m = POINT_RE.match(item.text) if isinstance(item, _Para) else None
            if m is None or not item.markup.startswith(m.group(1)):
                out.append(item)
                continue
            number = m.group(1) + m.group(2)
            after = item.markup[len(number) :]
            if _short_plain_heading(m.group(3), 40) or (self._is_heading_line(item, 40) and ends_closed(item.text)):
                item.point, item.point_number = plain(after).strip(), number
                pending = item
                continue
            cut = _first_sentence(after, "。")
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

    def _is_heading_line(self, piece: Piece, limit: int) -> bool:
        text = plain(piece.text).strip()
        body = text.rstrip("。")
        return len(text) <= limit and "。" not in body

    def _is_unnumbered_heading(self, piece: Piece) -> bool:
        markup = piece.text.strip()
        text = plain(markup).strip()
        if not text or text.startswith(BULLETS) or SECTION_RE.match(text) or POINT_RE.match(text):
            return False
        if SALUTATION_RE.match(text):
            return False
        if piece.heading or whole_bold(markup) is not None:
            return _short_plain_heading(text, 40)
        return _short_plain_heading(text)

    def _section(self, piece: Piece, m: re.Match) -> _Section | None:
        markup = piece.text.strip()
        number = markup[: markup.find(m.group(1)) + len(m.group(1)) + 1] if not markup.startswith("**") else ""
        text = plain(markup).strip()
        number = text[: len(m.group(1)) + 2]
        bold = whole_bold(markup)
        if piece.heading or bold is not None or self._is_heading_line(piece, 40):
            return _Section(piece.line, number, text[len(number) :].strip(), False)
        lead = leading_bold(markup)
        if lead is not None and plain(lead[0]).startswith(number):
            heading = plain(lead[0])[len(number) :]
            rest = lead[1]
        else:
            after = markup[markup.find(number) + len(number) :] if markup.startswith(number) else None
            stop = min((i for i in (text.find("。"), text.find("！")) if i >= 0), default=-1)
            if after is None or stop < 0 or stop > 60 or "**" in after[: stop - len(number) + 1]:
                self.warn(piece.line, "import_section_runin", text=text[:30])
                return None
            cut = stop - len(number) + 1
            heading, rest = after[:cut], after[cut:]
        if not plain(rest).strip():
            return _Section(piece.line, number, heading, False)
        section = _Section(piece.line, number, heading, True)
        section.items.append(_Para(piece.line, rest))
        return section

    def _ends_section(self, section: _Section, para: _Para) -> bool:
        if para.text.startswith("各位代表"):
            return True
        paras = [i for i in section.items if isinstance(i, _Para)]
        if section.run_in or len(paras) < 2 or len(paras) != len(section.items):
            return False
        with_lead = [_bold_lead(p.markup) is not None for p in paras]
        return all(with_lead) and _bold_lead(para.markup) is None

    def _numbering(self, parts: list[_Part]) -> Numbering:
        if not parts or not parts[0].number:
            parts_mode = "none"
        else:
            regular = all(p.number == f"{chinese_numeral(i + 1)}、" for i, p in enumerate(parts) if i < 99)
            parts_mode = "auto" if regular else "none"  # "written" would be refused: its sequence is checked
            if not regular:
                self.warn(parts[0].line, "import_numbering", what="一、二、三")
        sections_mode = "auto"
        for part in parts:
            sections = [i for i in part.items if isinstance(i, _Section)]
            for k, s in enumerate(sections):
                if k >= 99 or s.number != f"（{chinese_numeral(k + 1)}）":
                    sections_mode = "none"
        if sections_mode == "none":
            first = next((i for p in parts for i in p.items if isinstance(i, _Section)), None)
            self.warn(first.line if first else 1, "import_numbering", what="（一）（二）（三）")
        points_mode = "auto"
        for part in parts:
            groups = [[i for i in part.items if isinstance(i, _Para)]]
            groups += [[i for i in s.items if isinstance(i, _Para)] for s in part.items if isinstance(s, _Section)]
            for group in groups:
                numbers = [p.point_number for p in group if p.point]
                if any(n != f"{k + 1}." for k, n in enumerate(numbers)):
                    points_mode = "written"
        self.points_mode = points_mode
        return Numbering(parts=parts_mode, sections=sections_mode, points=points_mode)

    def _closing(self, parts: list[_Part]) -> list:
        if not parts:
            return []
        items = parts[-1].items
        last_section = max((i for i, it in enumerate(items) if isinstance(it, _Section)), default=-1)
        for i in range(len(items) - 1, last_section, -1):
            item = items[i]
            if isinstance(item, _Para) and item.text.startswith("各位代表") and i > 0:
                closing = items[i:]
                del items[i:]
                return closing
        return []

    # -- blocks -----------------------------------------------------------------------
    def _blocks(self, items: list, ids, where: str) -> list:
        """Paragraph and table pieces → model blocks: bullet runs become lists."""
        from generator.readers import figures as fig

        out: list = []
        run: list[_Para] = []
        numbered_run: list[_Para] = []

        def flush_bullets() -> None:
            if run:
                marker = run[0].text[:2]
                items_ = [self._list_item(p.markup.strip()[_marker_len(p.markup) :], p, ids, where) for p in run]
                out.append(ListBlock(list="bullet", marker=marker, items=items_))
                run.clear()

        def flush_numbered() -> None:
            if len(numbered_run) >= 2:
                mark = POINT_RE.match(numbered_run[0].text).group(2)  # type: ignore[union-attr]
                items_ = [
                    self._list_item(p.markup.strip()[len(POINT_RE.match(p.text).group(1)) + 1 :], p, ids, where, "：")  # type: ignore[union-attr]
                    for p in numbered_run
                ]
                out.append(ListBlock(list="numbered", marker=f"1{mark}", items=items_))
            else:
                out.extend(self._paragraph(p, ids, where) for p in numbered_run)
            numbered_run.clear()

        for item in items:
            if isinstance(item, _Para) and item.text.startswith(BULLETS) and item.markup.strip().startswith(BULLETS):
                flush_numbered()
                if run and run[0].text[:2] != item.text[:2]:
                    flush_bullets()
                run.append(item)
                continue
            flush_bullets()
            m = POINT_RE.match(item.text) if isinstance(item, _Para) and where.startswith("a") else None
            if m and item.markup.startswith(m.group(1)) and int(m.group(1)) == len(numbered_run) + 1:
                if numbered_run and POINT_RE.match(numbered_run[0].text).group(2) != m.group(2):  # type: ignore[union-attr]
                    flush_numbered()
                else:
                    numbered_run.append(item)
                    continue
            flush_numbered()
            if isinstance(item, Piece):
                out.append(fig.table_block(self._table(item), ids, where))
            elif isinstance(item, Table):
                out.append(fig.table_block(item, ids, where))
            else:
                out.append(self._paragraph(item, ids, where))
        flush_bullets()
        flush_numbered()
        return out

    def _list_item(self, markup: str, para: _Para, ids, where: str, stop: str = "。") -> ListItem:
        from generator.readers import figures as fig

        lead, text = _bold_lead(markup) or (None, markup)
        if lead is None:
            cut = _first_sentence(markup, stop)
            if cut is not None:
                lead, text = markup[:cut], markup[cut:]
        full = (lead or "") + plain(text)
        return ListItem(lead=lead, text=text, figures=fig.declare(full, ids, where))

    def _paragraph(self, para: _Para, ids, where: str) -> Paragraph:
        from generator.readers import figures as fig

        lead, text = _bold_lead(para.markup.strip()) or (None, para.markup.strip())
        full = (lead or "") + plain(text)
        leads = _inner_leads(full, len(lead or ""))
        point = None
        if para.point:
            point = para.point if getattr(self, "points_mode", "auto") == "auto" else para.point_number + para.point
        return Paragraph(
            point=point,
            run_in=para.point_run_in,
            lead=lead,
            leads=leads,
            text=text,
            figures=fig.declare(full, ids, where),
        )

    def _table(self, piece: Piece) -> Table:
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

    # -- appendices and glossary ----------------------------------------------------
    def _appendices(self, pieces: list[Piece]) -> tuple[list, Glossary | None]:
        appendices: list[list] = []  # [label, title, items, glossary-entries or None, line, numbering]
        i = 0
        while i < len(pieces):
            piece = pieces[i]
            text = plain(piece.text).strip() if piece.kind == "line" else ""
            current = appendices[-1] if appendices else None
            if piece.kind == "line" and len(text) <= 60 and APPENDIX_RE.match(text) and _appendix_line(text):
                m = APPENDIX_RE.match(text)
                assert m is not None
                title = m.group(3).strip()
                label = m.group(1) + (m.group(2) if title else "")
                appendices.append([label, title, [], None, piece.line, "none"])
                if title and GLOSSARY_RE.search(title):
                    appendices[-1][3] = []
                elif not title and i + 1 < len(pieces) and self._title_line(pieces[i + 1]):
                    nxt = plain(pieces[i + 1].text).strip()
                    appendices[-1][1] = nxt
                    if GLOSSARY_RE.search(nxt):
                        appendices[-1][3] = []
                    i += 1
                i += 1
                continue
            if piece.kind == "line" and len(text) <= 30 and GLOSSARY_RE.search(text) and not ends_closed(text):
                if current is not None and not current[1] and not current[2] and current[3] is None:
                    current[1], current[3] = text, []
                else:
                    appendices.append(["", text, [], [], piece.line, "none"])
                i += 1
                continue
            if current is None:
                self.warn(piece.line, "import_unplaced", text=text[:30])
                appendices.append(["", "", [], None, piece.line, "none"])
                current = appendices[-1]
            if current[3] is not None and piece.kind == "line":
                self._entry(piece, current)
            elif piece.kind == "table":
                table = self._table(piece)
                items = current[2]
                if items and isinstance(items[-1], _Para) and self._caption(items[-1]):
                    table = table.model_copy(update={"table": items.pop().text})
                notes = []
                while (
                    i + 1 < len(pieces)
                    and pieces[i + 1].kind == "line"
                    and NOTE_RE.match(plain(pieces[i + 1].text).strip())
                ):
                    i += 1
                    notes.append(plain(pieces[i].text).strip())
                if notes:
                    table = table.model_copy(update={"notes": notes})
                items.append(table)
            else:
                current[2].append(_Para(piece.line, piece.text.strip()))
            i += 1
        out = []
        glossary = None
        for index, (label, title, items, entries, line, numbering) in enumerate(appendices):
            if entries is None:
                out.append((label, title, items, None))
                continue
            if not entries:
                self.warn(line, "import_empty_glossary")
                out.append((label, title, items, None))
                continue
            gloss = Glossary(label=label, title=title or "名词解释", numbering=numbering, entries=entries)
            if index == len(appendices) - 1 and glossary is None and not items:
                glossary = gloss
            else:
                out.append((label, title, items, gloss))
        return out, glossary

    def _title_line(self, piece: Piece) -> bool:
        if piece.kind != "line":
            return False
        text = plain(piece.text).strip()
        if APPENDIX_RE.match(text) and _appendix_line(text):
            return False
        return 0 < len(text) <= 40 and not POINT_RE.match(text) and not ends_closed(text) and "：" not in text

    def _caption(self, para: _Para) -> bool:
        return 0 < len(para.text) <= 40 and not ends_closed(para.text)

    def _entry(self, piece: Piece, current: list) -> None:
        text = plain(piece.text).strip()
        number = ENTRY_NUMBER_RE.match(text)
        body = text[number.end() :] if number else text
        body = PAGE_REF_RE.sub("", body, count=1) if PAGE_REF_RE.search(body.split("：")[0] + "：") else body
        colon = body.find("：")
        if colon <= 0 or colon > 60:
            entries = current[3]
            if entries:
                last = entries[-1]
                entries[-1] = last.model_copy(update={"definition": last.definition + text})
                self.warn(piece.line, "import_glossary_continued")
            else:
                self.warn(piece.line, "import_unplaced", text=text[:30])
                current[2].append(_Para(piece.line, piece.text.strip()))
            return
        term, definition = body[:colon].strip(), body[colon + 1 :].strip()
        if number:
            mark = number.group(2) or ""
            current[5] = "[1]" if number.group(3) else ("1、" if mark == "、" else "1.")
        if not definition:
            self.warn(piece.line, "import_unplaced", text=text[:30])
            definition = "—"
        current[3].append(GlossaryEntry(term=term, definition=definition))

    def _glossary_matches(self, report: Report) -> Report:
        appendix = report.glossary_appendix()
        if appendix is None:
            return report
        texts = report.speech()
        folded = "\n".join(term_key(t) for t in texts)
        entries = []
        changed = False
        for entry in appendix.entries:
            wanted = entry.match_texts()
            if all(_used(m, texts) for m in wanted):
                entries.append(entry)
                continue
            changed = True
            quoted = [q for q in _quoted_parts(entry.term) if _used(q, texts)]
            match = quoted or _longest_part(term_key(entry.term), folded)
            entries.append(entry.model_copy(update={"match": match}))
            line = next((p.line for p in self.source.pieces if entry.term in plain(p.text)), 1)
            if not match:
                self.warn(line, "import_term_unmatched", term=entry.term)
        if not changed:
            return report
        gloss = appendix.glossary.model_copy(update={"entries": entries})  # type: ignore[union-attr]
        if report.glossary.entries:
            path: tuple = ("glossary",)
            report = _revalidate(report, {"glossary": gloss})
        else:
            index = next(i for i, a in enumerate(report.appendices) if a.glossary and a.glossary.entries)
            path = ("appendices", index, "glossary")
            appendices = list(report.appendices)
            appendices[index] = appendices[index].model_copy(update={"glossary": gloss})
            report = _revalidate(report, {"appendices": appendices})
        for e, (old, new) in enumerate(zip(appendix.entries, entries, strict=True)):
            if old is not new:
                note = "推测：正文中未找到，不标页码" if not new.match else "推测：正文中无此名词原文，按此查找，请核对"
                self.comments[(*path, "entries", e, "match")] = note
        return report


def _revalidate(report: Report, update: dict) -> Report:
    """A copy of the report with ``update``, validated again (numbering and appendices recomputed)."""
    data = {name: getattr(report, name) for name in Report.model_fields}
    data.update(update)
    return Report(**data)


def _used(match: str, texts: list[str]) -> bool:
    return bool(term_key(match)) and any(find_term(match, t) for t in texts)


def _longest_part(key: str, folded: str) -> list[str]:
    """The longest part of a term the body contains (at least half the term, three characters)."""
    least = max(3, (len(key) + 1) // 2)
    for size in range(len(key), least - 1, -1):
        for start in range(0, len(key) - size + 1):
            part = key[start : start + size]
            if part in folded:
                return [part]
    return []


def _marker_len(markup: str) -> int:
    return 2 if markup.strip().startswith(BULLETS) else 0


def _bold_lead(markup: str) -> tuple[str, str] | None:
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


def _first_sentence(markup: str, stop: str) -> int | None:
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


def _inner_leads(text: str, start: int) -> list[str]:
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


def _speaker(text: str) -> tuple[str, str] | None:
    """(office, name) of a speaker line such as ``市长 崔洪刚`` or ``国务院总理\u3000李强``."""
    if len(text) > 40 or any(ch in SENTENCE_PUNCT for ch in text) or not re.search(r"[ \u3000]", text):
        return None
    tokens = re.split(r"[ \u3000]+", text.strip())
    if len(tokens) < 2:
        return None
    office = tokens[0]
    name = "".join(tokens[1:])
    if not (1 <= len(name) <= 6) or len(office) < 2:
        return None
    return office, name


def _place(session: str) -> str:
    """The place a session belongs to: 滨州市 in 滨州市第十一届人民代表大会…; '' for a national one."""
    m = re.match(r"^(.+?)第[一二三四五六七八九十百]+届", session)
    return m.group(1) if m else ""


def _issuer(office: str, place: str) -> str:
    """The issuing authority guessed from the office and the place."""
    if "人民政府" in office:
        head = office[: office.index("人民政府") + 4]
        return head if len(head) > 5 or not place else place + "人民政府"
    if office.endswith("总理"):
        return "国务院"
    return f"{place}人民政府" if place else "人民政府"


def _escape(text: str) -> str:
    return text.replace("*", "\\*")
