r"""Word (DOCX) → :class:`~generator.readers.structure.Piece` list (the document's paragraphs only).

The report's structure is recognised by :mod:`generator.readers.structure`, as for Markdown and
text; this module turns the document into the same pieces, by these rules:

- **Paragraphs** of the body in order (also inside content controls and ``w:customXml``),
  each a piece numbered by its position in the body (the ``line`` of its warnings: paragraphs
  and tables counted from 1, empty paragraphs included). Empty paragraphs are dropped. A line
  break (``w:br``) inside a paragraph joins its two lines with nothing (a space between two
  Latin letters or digits), as the lines of a Markdown paragraph, except where a line is a
  heading or title-block line (the title, ``（草案）``, the ——date line, 一、… ): the lines
  are then pieces of their own, as in Markdown. A tab is a space.
- **Bold** (``w:b`` on the run, its character style, the paragraph style or the document
  defaults, through ``basedOn`` chains) is the model's ``**…**``: a bold opening is a
  lead-in, a wholly bold short paragraph a heading line. A literal ``*`` is written ``\*``.
- **Headings**: a paragraph style named ``heading 1``–``heading 3`` or ``标题 1``–``标题 3``
  (by name or id, e.g. ``Heading1``, ``1``), a style based on one, or an outline level
  (``w:outlineLvl`` 0–2, on the paragraph or its styles) is a heading of that level; the
  ``Title`` style is level 1. Headings marked only by their numbers and bold (一、（一）) are
  recognised by the structure rules as in text.
- **Automatic numbering** (``w:numPr`` on the paragraph or its style) is resolved through
  ``numbering.xml`` to the printed text (``1.``, ``（一）``, ``一、``, ``①`` …; counters per
  list, deeper levels restarting) and opens the paragraph's text. A bullet is printed
  ``——`` (a bullet that is not a dash gets a warning).
- **Tables**: cells' text (paragraphs joined with a line break), ``w:gridSpan`` →
  ``colspan``, ``w:vMerge`` → ``rowspan`` (the covered cells are left out, as the model
  writes them), leading rows marked ``w:tblHeader`` are header rows.
- **Fields**: ``w:fldSimple`` and complex fields (``w:fldChar``) keep their result and drop
  their instruction, except ``PAGEREF`` whose result (a page number) is dropped: glossary
  references are computed by the products.
- **Text boxes** are read once (Word writes each twice, ``mc:Choice`` and ``mc:Fallback``:
  the choice is read); their paragraphs follow the paragraph that anchors them.
- **Tracked changes** are read as if accepted: ``w:ins`` and ``w:moveTo`` kept, ``w:del``
  and ``w:moveFrom`` dropped (a deleted paragraph mark joins the paragraph with the next),
  with one warning. **Comments** (批注) and **footnotes** are not imported: each is a
  warning naming its paragraph and its first characters; so are pictures.
- **Metadata**: when the first paragraph has the ``Title`` style and says what the
  document's properties (``docProps/core.xml``) give as its title (as pandoc writes a
  Markdown front matter), it is the front matter title, not text.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass, field
from io import BytesIO
from posixpath import dirname, join, normpath

from lxml import etree

from generator.readers.markdown import join_lines
from generator.readers.structure import (
    PART_RE,
    SECTION_RE,
    STATUS_RE,
    SUBTITLE_RE,
    Piece,
    Source,
    is_structural,
    plain,
    whole_bold,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_R = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"
M = "http://schemas.openxmlformats.org/officeDocument/2006/math"


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML element or attribute."""
    return f"{{{W}}}{tag}"


MAX_PART = 64 * 1024 * 1024
"""Largest part read (uncompressed bytes): a bigger one is refused rather than inflated."""

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.I)
_DASHES = set("—―─–-━－")
_TRUE_OFF = ("0", "false", "off", "none")


class DocxError(Exception):
    """The file is not a DOCX this reader can open (the message says why, in English)."""


@dataclass
class _Style:
    name: str = ""
    based_on: str | None = None
    kind: str = "paragraph"
    outline: int | None = None
    bold: bool | None = None
    num: tuple[str, int] | None = None


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class _Found:
    """What the walk found besides text: tracked changes, comments, footnotes, pictures."""

    tracked: list[int] = field(default_factory=list)
    notes: list[tuple[int, str, dict]] = field(default_factory=list)


def read_docx(data: bytes) -> tuple[Source, list[tuple[int, str, dict]]]:
    """The pieces of a DOCX file and the notes (paragraph number, message key, fields) about it."""
    return _Reader(data).read()


def _bool(el) -> bool:
    value = el.get(w("val"))
    return value is None or value.lower() not in _TRUE_OFF


class _Reader:
    def __init__(self, data: bytes) -> None:
        try:
            self.zip = zipfile.ZipFile(BytesIO(data))
        except (zipfile.BadZipFile, ValueError) as e:
            raise DocxError("not a DOCX (ZIP) file") from e
        self.document_path = self._main_part()
        self.rels = self._relationships(self.document_path)
        root = self._xml(self.document_path)
        if root is None:
            raise DocxError("the main document part is missing")
        if root.tag.startswith(f"{{{STRICT_W}}}"):
            raise DocxError("Strict Open XML is not supported; save as a Word document (.docx)")
        self.root = root
        self.styles: dict[str, _Style] = {}
        self.default_bold = False
        self.default_para = "Normal"
        self._read_styles()
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self._read_numbering()
        self.counters: dict[str, dict[int, int]] = {}
        self.bullets_warned: set[str] = set()
        self.anchors: list[tuple[dict, list, int]] = []
        self.comments = self._notes("comments", "comment")
        self.footnotes = self._notes("footnotes", "footnote")
        self.endnotes = self._notes("endnotes", "endnote")
        self.found = _Found()
        self.pieces: list[Piece] = []
        self.index = 0
        self.pending: list[tuple[str, bool]] = []

    # -- package --------------------------------------------------------------------
    def _part(self, name: str) -> bytes | None:
        try:
            info = self.zip.getinfo(name)
        except KeyError:
            return None
        if info.file_size > MAX_PART:
            raise DocxError(f"part {name} is too large ({info.file_size} bytes)")
        try:
            return self.zip.read(info)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as e:
            raise DocxError(f"part {name} cannot be read: {e}") from e

    def _xml(self, name: str):
        data = self._part(name)
        if data is None:
            return None
        try:
            return etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError as e:
            raise DocxError(f"part {name} is not well-formed XML: {e}") from e

    def _main_part(self) -> str:
        rels = self._xml("_rels/.rels")
        if rels is not None:
            for rel in rels.iter(f"{{{PKG_R}}}Relationship"):
                if rel.get("Type") == OFFICE_DOC:
                    return rel.get("Target", "").lstrip("/")
        return "word/document.xml"

    def _relationships(self, part: str) -> dict[str, str]:
        """Relationship type (its last word) → target part, for ``part``."""
        folder = dirname(part)
        rels = self._xml(join(folder, "_rels", part.rsplit("/", 1)[-1] + ".rels"))
        out: dict[str, str] = {}
        if rels is None:
            return out
        for rel in rels.iter(f"{{{PKG_R}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else normpath(join(folder, target))
            out.setdefault(rel.get("Type", "").rsplit("/", 1)[-1], path)
        return out

    # -- styles and numbering -------------------------------------------------------
    def _read_styles(self) -> None:
        root = self._xml(self.rels.get("styles", "word/styles.xml"))
        if root is None:
            return
        defaults = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('b')}")
        self.default_bold = defaults is not None and _bool(defaults)
        for style in root.iter(w("style")):
            sid = style.get(w("styleId"), "")
            name = style.find(w("name"))
            based = style.find(w("basedOn"))
            info = _Style(
                name=name.get(w("val"), "") if name is not None else "",
                based_on=based.get(w("val")) if based is not None else None,
                kind=style.get(w("type"), "paragraph"),
            )
            ppr = style.find(w("pPr"))
            if ppr is not None:
                outline = ppr.find(w("outlineLvl"))
                if outline is not None and (outline.get(w("val")) or "").isdigit():
                    info.outline = int(outline.get(w("val")))
                info.num = self._num_pr(ppr.find(w("numPr")), style=True)
            bold = style.find(f"{w('rPr')}/{w('b')}")
            if bold is not None:
                info.bold = _bool(bold)
            self.styles[sid] = info
            if info.kind == "paragraph" and style.get(w("default")) in ("1", "true", "on"):
                self.default_para = sid

    def _chain(self, sid: str | None):
        seen = set()
        while sid and sid in self.styles and sid not in seen:
            seen.add(sid)
            yield sid, self.styles[sid]
            sid = self.styles[sid].based_on

    def _style_bold(self, sid: str | None) -> bool | None:
        for _, style in self._chain(sid):
            if style.bold is not None:
                return style.bold
        return None

    def heading_level(self, sid: str | None, direct_outline: int | None) -> int:
        """1–3 for a heading paragraph style (by name, id, basedOn or outline level), 9 for Title, else 0."""
        if direct_outline is not None:
            return direct_outline + 1 if direct_outline < 3 else 0
        for style_id, style in self._chain(sid):
            for name in (style.name, style_id):
                m = _HEADING_NAME.match(name.replace("_", " ").strip())
                if m:
                    return int(m.group(1)) if int(m.group(1)) <= 3 else 0
                compact = re.match(r"^(?:heading|标题)([1-9])$", name.replace(" ", ""), re.I)
                if compact:
                    return int(compact.group(1)) if int(compact.group(1)) <= 3 else 0
                if name.strip().lower() in ("title", "标题"):
                    return 9
            if style.outline is not None:
                return style.outline + 1 if style.outline < 3 else 0
        return 0

    def _num_pr(self, el, style: bool = False) -> tuple[str, int] | None:
        if el is None:
            return None
        num = el.find(w("numId"))
        lvl = el.find(w("ilvl"))
        if num is None and not style:
            return None
        num_id = num.get(w("val"), "0") if num is not None else ""
        return (num_id, _int(lvl.get(w("val")) if lvl is not None else None))

    def _read_numbering(self) -> None:
        root = self._xml(self.rels.get("numbering", "word/numbering.xml"))
        if root is None:
            return
        links: dict[str, str] = {}  # abstractNum id → the numbering style it takes its levels from
        for abstract in root.iter(w("abstractNum")):
            levels: dict[int, _Level] = {}
            for lvl in abstract.iter(w("lvl")):
                levels[_int(lvl.get(w("ilvl")))] = _level(lvl)
            aid = abstract.get(w("abstractNumId"), "")
            self.abstract[aid] = levels
            link = abstract.find(w("numStyleLink"))
            if link is not None and not levels:
                links[aid] = link.get(w("val"), "")
        for num in root.iter(w("num")):
            ref = num.find(w("abstractNumId"))
            starts: dict[int, int] = {}
            for override in num.iter(w("lvlOverride")):
                start = override.find(w("startOverride"))
                if start is not None:
                    starts[_int(override.get(w("ilvl")))] = _int(start.get(w("val")), 1)
                lvl = override.find(w("lvl"))
                if lvl is not None:
                    starts.setdefault(_int(override.get(w("ilvl"))), _level(lvl).start)
            self.nums[num.get(w("numId"), "")] = (ref.get(w("val"), "") if ref is not None else "", starts)
        for aid, style_id in links.items():  # a list style (w:numStyleLink): its levels are its list's
            linked = next((s.num for _, s in self._chain(style_id) if s.num), None)
            target = self.nums.get(linked[0]) if linked else None
            if target is not None and target[0] != aid:
                self.abstract[aid] = self.abstract.get(target[0], {})

    def number_text(self, num: tuple[str, int], line: int) -> str:
        """The printed number (or bullet) of a paragraph in list ``num`` at its level; counters advance."""
        num_id, ilvl = num
        if num_id in ("", "0") or num_id not in self.nums:
            return ""
        abstract_id, starts = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, starts.get(ilvl, level.start) - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt == "bullet":
            bullet = level.text.strip()
            if (not bullet or any(ch not in _DASHES for ch in bullet)) and num_id not in self.bullets_warned:
                self.bullets_warned.add(num_id)  # once a list
                self.found.notes.append((line, "import_docx_bullet", {"bullet": bullet or " "}))
            return "——"
        if level.fmt == "none":
            return level.text.replace("%", "") if "%" not in level.text else ""

        def value(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            lv = levels.get(k, _Level())
            n = counters.get(k, starts.get(k, lv.start))
            return _format(n, lv.fmt if k != ilvl else level.fmt)

        return re.sub(r"%([1-9])", value, level.text)

    # -- comments and notes ---------------------------------------------------------
    def _notes(self, rel: str, tag: str) -> dict[str, str]:
        path = self.rels.get(rel)
        root = self._xml(path) if path else None
        out: dict[str, str] = {}
        if root is None:
            return out
        for note in root.iter(w(tag)):
            if note.get(w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            text = "".join(t.text or "" for t in note.iter(w("t")))
            out[note.get(w("id"), "")] = text.strip()
        return out

    # -- the body -------------------------------------------------------------------
    def read(self) -> tuple[Source, list[tuple[int, str, dict]]]:
        body = self.root.find(w("body"))
        front: dict[str, str] = {}
        if body is not None:
            self._blocks(body)
        if self.pending:
            self._emit_paragraph(self.pending, 0, None, self.index)
        if self.pieces and self.pieces[0].heading == 9:
            title = self._core_title()
            if title and title == self.pieces[0].text.strip("* "):
                front["title"] = title
                self.pieces.pop(0)
        for piece in self.pieces:
            if piece.heading == 9:
                piece.heading = 1
        for fields, segments, start in self.anchors:
            after = "".join(t for t, _ in segments[start:]).strip()
            before = "".join(t for t, _ in segments[:start]).strip()
            fields["at"] = after[:15] if after else before[-15:]
        notes = list(self.found.notes)
        if self.found.tracked:
            first = min(self.found.tracked)
            notes.append((first, "import_docx_tracked", {"count": len(self.found.tracked)}))
        return Source(self.pieces, front), sorted(notes, key=lambda n: n[0])

    def _core_title(self) -> str:
        root = self._xml("docProps/core.xml")
        if root is None:
            return ""
        el = root.find("{http://purl.org/dc/elements/1.1/}title")
        return (el.text or "").strip() if el is not None else ""

    def _blocks(self, parent, anchor: int | None = None) -> None:
        """The paragraphs and tables under ``parent``; a text box's (``anchor``) take its paragraph's number."""
        for child in parent:
            tag = child.tag
            if tag == w("p"):
                if anchor is None:
                    self.index += 1
                self._paragraph(child, anchor or self.index)
            elif tag == w("tbl"):
                if anchor is None:
                    self.index += 1
                self._flush_pending()
                self._table(child, anchor or self.index)
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    self._blocks(content, anchor)
            elif tag in (w("customXml"), w("ins"), w("moveTo")):
                if tag != w("customXml"):
                    self.found.tracked.append(self.index + 1)
                self._blocks(child, anchor)
            elif tag == f"{{{MC}}}AlternateContent":
                chosen = _choice(child)
                if chosen is not None:
                    self._blocks(chosen, anchor)
            elif tag in (w("del"), w("moveFrom")):
                self.found.tracked.append(self.index + 1)

    def _flush_pending(self) -> None:
        if self.pending:
            self._emit_paragraph(self.pending, 0, None, self.index)
            self.pending = []

    def _paragraph(self, p, index: int) -> None:
        ppr = p.find(w("pPr"))
        sid = None
        outline = None
        num = None
        mark_deleted = False
        if ppr is not None:
            style = ppr.find(w("pStyle"))
            sid = style.get(w("val")) if style is not None else None
            lvl = ppr.find(w("outlineLvl"))
            if lvl is not None and (lvl.get(w("val")) or "").isdigit():
                outline = int(lvl.get(w("val")))
            num = self._num_pr(ppr.find(w("numPr")))
            rpr = ppr.find(w("rPr"))
            if rpr is not None:
                if rpr.find(w("del")) is not None or rpr.find(w("moveFrom")) is not None:
                    mark_deleted = True
                if rpr.find(w("ins")) is not None or rpr.find(w("moveTo")) is not None:
                    self.found.tracked.append(index)
            if ppr.find(w("pPrChange")) is not None:
                self.found.tracked.append(index)
        sid = sid or self.default_para
        level = self.heading_level(sid, outline)
        para_bold = self._style_bold(sid)
        if para_bold is None:
            para_bold = self.default_bold
        if level:
            para_bold = False  # a heading style's own weight is not emphasis
        segments: list[tuple[str, bool]] = []
        boxes: list = []
        self._inline(p, segments, boxes, sid, para_bold, index, [])
        if mark_deleted:  # accepted: the paragraph joins the next one
            self.found.tracked.append(index)
            self.pending += segments
        else:
            if num is None:
                num = next((s.num for _, s in self._chain(sid) if s.num is not None), None)
            number = self.number_text(num, index) if num is not None else ""
            segments = self.pending + segments
            if number:
                segments.insert(0, (number, bool(segments and segments[0][1] and level == 0)))
            self._emit_paragraph(segments, level, sid, index)
            self.pending = []
        held, self.pending = self.pending, []  # a text box's paragraphs stand apart from a join in progress
        for box in boxes:
            self._blocks(box, index)
        self._flush_pending()
        self.pending = held

    def _emit_paragraph(self, segments: list[tuple[str, bool]], level: int, sid: str | None, index: int) -> None:
        """One piece, or several where a line break (``w:br``) separates a heading or title-block line."""
        lines = [line for line in _markup(segments).split("\n") if line.strip()]
        groups: list[list[str]] = []
        for line in lines:
            if not groups or is_structural(line, True) or _stands_alone(groups[-1][-1]):
                groups.append([line])
            else:
                groups[-1].append(line)
        if level and len(groups) > 1:
            groups = [[line for group in groups for line in group]]  # a heading's lines are one heading
        for group in groups:
            self.pieces.append(Piece("line", index, join_lines(group), heading=level))

    def _inline(self, el, out: list, boxes: list, sid, para_bold: bool, index: int, fields: list) -> None:
        """Text of the runs under ``el`` in order, as (text, bold) segments; text boxes into ``boxes``."""
        for child in el:
            tag = child.tag
            if tag == w("r"):
                self._run(child, out, boxes, para_bold, index, fields)
            elif tag in (w("hyperlink"), w("smartTag"), w("customXml"), w("bdo"), w("dir")):
                self._inline(child, out, boxes, sid, para_bold, index, fields)
            elif tag in (w("ins"), w("moveTo")):
                self.found.tracked.append(index)
                self._inline(child, out, boxes, sid, para_bold, index, fields)
            elif tag in (w("del"), w("moveFrom")):
                self.found.tracked.append(index)
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    self._inline(content, out, boxes, sid, para_bold, index, fields)
            elif tag == w("fldSimple"):
                instr = (child.get(w("instr")) or "").strip().split(" ")[0].upper()
                if instr != "PAGEREF":
                    self._inline(child, out, boxes, sid, para_bold, index, fields)
            elif tag == w("commentRangeStart"):
                self._comment(child.get(w("id"), ""), index, out)
            elif tag == f"{{{MC}}}AlternateContent":
                chosen = _choice(child)
                if chosen is not None:
                    self._inline(chosen, out, boxes, sid, para_bold, index, fields)
            elif tag == f"{{{M}}}oMathPara" or tag == f"{{{M}}}oMath":
                out.append(("".join(t.text or "" for t in child.iter(f"{{{M}}}t")), False))

    def _comment(self, cid: str, index: int, out: list) -> None:
        """A comment is reported where it starts: ``at`` is the text it comments (resolved at the end)."""
        if cid in self.comments:
            fields = {"comment": self.comments.pop(cid)[:40], "at": ""}
            self.found.notes.append((index, "import_docx_comment", fields))
            self.anchors.append((fields, out, len(out)))

    def _run(self, r, out: list, boxes: list, para_bold: bool, index: int, fields: list) -> None:
        rpr = r.find(w("rPr"))
        bold = para_bold
        if rpr is not None:
            if rpr.find(w("rPrChange")) is not None:
                self.found.tracked.append(index)
            rstyle = rpr.find(w("rStyle"))
            if rstyle is not None:
                found = self._style_bold(rstyle.get(w("val")))
                if found is not None:
                    bold = found
            b = rpr.find(w("b"))
            if b is not None:
                bold = _bool(b)
        for child in r:
            tag = child.tag
            if tag == w("fldChar"):
                kind = child.get(w("fldCharType"))
                if kind == "begin":
                    fields.append(["instr", ""])
                elif kind == "separate" and fields:
                    fields[-1][0] = "result"
                elif kind == "end" and fields:
                    fields.pop()
                continue
            if tag == w("instrText"):
                if fields:
                    fields[-1][1] += child.text or ""
                continue
            if fields and (
                fields[-1][0] == "instr" or any(f[1].strip().split(" ")[0].upper() == "PAGEREF" for f in fields)
            ):
                continue
            if tag == w("t"):
                out.append(((child.text or "").replace("\r", " ").replace("\n", " "), bold))
            elif tag == w("tab") or tag == w("ptab"):
                out.append((" ", bold))
            elif tag in (w("br"), w("cr")):
                if child.get(w("type")) in (None, "textWrapping"):
                    out.append(("\n", bold))
            elif tag == w("ruby"):  # phonetic guide: the base text is the text
                base = child.find(w("rubyBase"))
                if base is not None:
                    self._inline(base, out, boxes, None, para_bold, index, fields)
            elif tag == w("noBreakHyphen"):
                out.append(("-", bold))
            elif tag == w("sym"):
                code = child.get(w("char"), "")
                try:
                    out.append((chr(int(code, 16)), bold))
                except ValueError:
                    pass
            elif tag in (w("footnoteReference"), w("endnoteReference")):
                notes = self.footnotes if tag == w("footnoteReference") else self.endnotes
                text = notes.get(child.get(w("id"), ""), "")
                where = "".join(t for t, _ in out)[-15:]
                self.found.notes.append((index, "import_docx_footnote", {"note": text[:40], "at": where}))
            elif tag == w("commentReference"):
                self._comment(child.get(w("id"), ""), index, out)
            elif tag == f"{{{MC}}}AlternateContent":
                chosen = _choice(child)
                if chosen is not None:
                    self._objects(chosen, boxes, index)
            elif tag in (w("drawing"), w("pict"), w("object")):
                self._objects(child, boxes, index)

    def _objects(self, el, boxes: list, index: int) -> None:
        """Text boxes inside a drawing or VML picture go to ``boxes``; a picture is reported."""
        found = list(el.iter(w("txbxContent")))
        outer = [b for b in found if not any(a in found for a in b.iterancestors(w("txbxContent")))]
        boxes.extend(outer)
        if not outer and any(
            e.tag.endswith(("}pic", "}imagedata", "}chart", "}graphicData")) or e.tag == w("object") for e in el.iter()
        ):
            self.found.notes.append((index, "import_docx_picture", {}))  # a picture, chart or embedded object

    # -- tables ---------------------------------------------------------------------
    def _table(self, tbl, index: int) -> None:
        grid: list[list[dict]] = []  # rows of {text, col, span, merge}
        header_rows = 0
        counting_header = True
        for tr in _rows(tbl):
            trpr = tr.find(w("trPr"))
            if trpr is not None and (trpr.find(w("del")) is not None):
                self.found.tracked.append(index)
                continue
            if trpr is not None and trpr.find(w("ins")) is not None:
                self.found.tracked.append(index)
            is_header = trpr is not None and any(_bool(h) for h in trpr.iter(w("tblHeader")))
            if counting_header and is_header:
                header_rows += 1
            else:
                counting_header = False
            column = 0
            before = trpr.find(w("gridBefore")) if trpr is not None else None
            if before is not None and (before.get(w("val")) or "").isdigit():
                column += int(before.get(w("val")))
            row: list[dict] = []
            for tc in _cells(tr):
                tcpr = tc.find(w("tcPr"))
                span, merge = 1, None
                if tcpr is not None:
                    gs = tcpr.find(w("gridSpan"))
                    if gs is not None and (gs.get(w("val")) or "").isdigit():
                        span = min(64, max(1, int(gs.get(w("val")))))  # the model allows 64
                    vm = tcpr.find(w("vMerge"))
                    if vm is not None:
                        merge = "restart" if vm.get(w("val")) == "restart" else "continue"
                    if tcpr.find(w("cellDel")) is not None:
                        self.found.tracked.append(index)
                        continue
                row.append({"text": self._cell_text(tc, index), "col": column, "span": span, "merge": merge})
                column += span
            grid.append(row)
        rows: list[list[str]] = []
        cells: list[list[tuple[str, int, int]]] = []
        for r, row in enumerate(grid):
            texts: list[str] = []
            spans: list[tuple[str, int, int]] = []
            for cell in row:
                if cell["merge"] == "continue" and r > 0:
                    if cell["text"].strip():
                        self.found.notes.append((index, "import_docx_merged_text", {"text": cell["text"][:30]}))
                        _append_to_merged(grid, cells, r, cell)
                    continue
                rowspan = 1
                if cell["merge"] == "restart":
                    for below in grid[r + 1 :]:
                        match = next((c for c in below if c["col"] == cell["col"]), None)
                        if match is None or match["merge"] != "continue":
                            break
                        rowspan += 1
                if r < header_rows < r + rowspan:
                    header_rows = r + rowspan  # a span from the header into the body: its rows are header too
                texts.append(cell["text"])
                spans.append((cell["text"], cell["span"], rowspan))
            rows.append(texts)
            cells.append(spans)
        if not rows:
            return
        if header_rows >= len(rows):
            header_rows = 0
        piece = Piece("table", index, rows=rows, header_rows=header_rows)
        piece.cells = [[(t, c, rs) for t, c, rs in row] for row in cells]  # type: ignore[attr-defined]
        self.pieces.append(piece)

    def _cell_text(self, tc, index: int) -> str:
        lines: list[str] = []
        for child in tc:
            if child.tag == w("p"):
                segments: list = []
                boxes: list = []
                self._inline(child, segments, boxes, None, False, index, [])
                ppr = child.find(w("pPr"))
                num = self._num_pr(ppr.find(w("numPr"))) if ppr is not None else None
                text = "".join(t for t, _ in segments)
                if num is not None:
                    text = self.number_text(num, index) + text
                lines.append(text)
                for box in boxes:
                    lines += ["".join(t.text or "" for t in b.iter(w("t"))) for b in box.iter(w("p"))]
            elif child.tag == w("tbl"):
                for tr in _rows(child):
                    lines.append(" ".join(self._cell_text(c, index) for c in _cells(tr)))
            elif child.tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    lines.append(self._cell_text(content, index))
        return "\n".join(line.strip() for line in lines).strip("\n")


def _append_to_merged(grid, cells, r: int, cell: dict) -> None:
    """Text in a cell covered by a vertical merge joins the merged cell's text (Word shows both)."""
    for up in range(r - 1, -1, -1):
        for k, c in enumerate(grid[up]):
            if c["col"] == cell["col"] and c["merge"] != "continue":
                text, span, rowspan = cells[up][_position(grid[up], k)]
                cells[up][_position(grid[up], k)] = (text + "\n" + cell["text"], span, rowspan)
                return


def _position(row: list[dict], k: int) -> int:
    return sum(1 for c in row[:k] if c["merge"] != "continue")


def _unwrapped(parent, tag: str):
    """The children of ``parent`` with ``tag``, looking through content controls (``w:sdt``) and ``w:customXml``."""
    for child in parent:
        if child.tag == w(tag):
            yield child
        elif child.tag in (w("sdt"), w("customXml")):
            content = child.find(w("sdtContent")) if child.tag == w("sdt") else child
            if content is not None:
                yield from _unwrapped(content, tag)


def _rows(tbl):
    """A table's rows (``w:tr``), content controls looked through."""
    return _unwrapped(tbl, "tr")


def _cells(tr):
    """A row's cells (``w:tc``), content controls looked through."""
    return _unwrapped(tr, "tc")


def _choice(alternate):
    """The branch of an ``mc:AlternateContent`` read: its first ``mc:Choice``, else its fallback."""
    choice = alternate.find(f"{{{MC}}}Choice")
    return choice if choice is not None else alternate.find(f"{{{MC}}}Fallback")


def _int(value: str | None, default: int = 0) -> int:
    """An integer attribute, ``default`` when missing or malformed."""
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _level(lvl) -> _Level:
    fmt = lvl.find(w("numFmt"))
    text = lvl.find(w("lvlText"))
    start = lvl.find(w("start"))
    return _Level(
        fmt=fmt.get(w("val"), "decimal") if fmt is not None else "decimal",
        text=text.get(w("val"), "") if text is not None else "",
        start=_int(start.get(w("val")), 1) if start is not None else 1,
    )


_CN_DIGITS = "〇一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_STEMS = "甲乙丙丁戊己庚辛壬癸"


def _format(n: int, fmt: str) -> str:
    """A list counter in Word's number format ``fmt``."""
    from generator.numbers import chinese_numeral

    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "chineseLegalSimplified",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
        "japaneseCounting",
        "ideographLegalTraditional",
    ):
        return chinese_numeral(n) if 0 < n < 100 else str(n)
    if fmt in ("ideographDigital", "japaneseDigitalTenThousand", "taiwaneseDigital"):
        return "".join(_CN_DIGITS[int(d)] for d in str(n))
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if fmt == "ideographTraditional":
        return _STEMS[(n - 1) % 10]
    if fmt in ("upperLetter", "lowerLetter"):
        s = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s if fmt == "upperLetter" else s.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        s = _roman(n)
        return s if fmt == "upperRoman" else s.lower()
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return f"{n}."
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out += letters
            n -= value
    return out or "0"


def _markup(segments: list[tuple[str, bool]]) -> str:
    r"""(text, bold) segments → the model's markup: ``**bold**``, ``\*`` for a literal asterisk.

    A line break stays a newline (the caller splits or joins the lines); bold that is only
    whitespace is not marked.
    """
    merged: list[list] = []
    for text, bold in segments:
        if not text:
            continue
        if "\n" in text:
            merged.append(["\n", False])
            continue
        bold = bold and bool(text.strip())
        if merged and merged[-1][1] == bold and merged[-1][0] != "\n":
            merged[-1][0] += text
        elif merged and not text.strip() and merged[-1][0] != "\n":
            merged[-1][0] += text  # whitespace between two bold runs stays with the first
        else:
            merged.append([text, bold])
    out = ""
    for text, bold in merged:
        if text == "\n":
            out += "\n"
            continue
        escaped = text.replace("*", "\\*")
        if bold:
            core = escaped.strip()
            lead = escaped[: len(escaped) - len(escaped.lstrip())]
            trail = escaped[len(lead) + len(core) :]
            if out.endswith("**"):  # two bold spans touching: one span
                out = out[:-2] + lead + core + "**" + trail
            else:
                out += f"{lead}**{core}**{trail}"
        else:
            out += escaped
    return out


def _stands_alone(markup: str) -> bool:
    """A line after which a line break ends the piece: wholly bold, the status, the ——date line, 一、/（一）."""
    text = plain(markup).strip()
    return bool(
        whole_bold(markup.strip()) is not None
        or STATUS_RE.match(text)
        or SUBTITLE_RE.match(text)
        or ((PART_RE.match(text) or SECTION_RE.match(text)) and len(text) <= 40)
    )


class NoLibreOffice(Exception):
    """``soffice`` is not on PATH: a .doc or .wps file cannot be converted."""


def convert(path, timeout: float = 180) -> bytes:
    """The bytes of the DOCX LibreOffice makes from ``path`` (.doc, .wps), converted in a temporary folder.

    Raises :class:`NoLibreOffice` when ``soffice`` is not on PATH and :class:`DocxError` when the
    conversion fails.
    """
    import errno
    import os
    import shutil
    import subprocess
    import tempfile
    from pathlib import Path

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise NoLibreOffice()
    source = Path(path).resolve()
    if not source.is_file():
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(path))
    with tempfile.TemporaryDirectory(prefix="reportgen-import-") as tmp:
        env = dict(os.environ, HOME=tmp)  # a profile of its own: no clash with a running LibreOffice
        try:
            subprocess.run(
                [soffice, "--headless", "--norestore", "--convert-to", "docx", "--outdir", tmp, str(source)],
                capture_output=True,
                env=env,
                timeout=timeout,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as e:
            raise DocxError(f"LibreOffice failed: {e}") from e
        out = Path(tmp) / (source.stem + ".docx")
        if not out.is_file():
            raise DocxError("LibreOffice made no DOCX of it")
        return out.read_bytes()
