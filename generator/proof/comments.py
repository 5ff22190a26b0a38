"""``proof --comments OUT.docx``: a Word document with a comment (批注, author 校对) on each finding.

For a .docx input the document is a copy of it, only the comments added: the main part gets
``w:commentRangeStart``/``w:commentRangeEnd`` around each finding's characters (a run split where a
finding starts or ends inside it) and a ``w:commentReference`` run; ``word/comments.xml`` (created,
or extended after its last id), its relationship and content type are added; every other part
is copied as it was. For a source, the document is its formal DOCX (the docx renderer's), with
each unit found again in the rendered paragraphs. Written atomically; same input, same bytes.
"""

from __future__ import annotations

import copy
import os
import zipfile
from io import BytesIO
from pathlib import Path

from lxml import etree

from generator.proof.command import Located
from generator.proof.core import ProofText
from generator.proof.docxtext import body_paragraphs, paragraph_pieces
from generator.proof.locate import FileText
from generator.readers.docx import W

AUTHOR = "校对"
INITIALS = "校"
REL_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
PKG_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def w(tag: str) -> str:
    """A WordprocessingML tag name."""
    return f"{{{W}}}{tag}"


Anchor = tuple[int, int, int, str]
"""(paragraph index 0-based, start column 0-based, end column, comment text)."""


def write_commented(path: Path, text: ProofText, found: list[Located], out: Path, lang: str) -> None:
    """Write ``out``: the document of ``path`` with a comment on each finding (dated the report's date)."""
    if path.suffix.lower() in (".docx", ".docm"):
        data = path.read_bytes()
        anchors = [_anchor_in_file(text, x, lang) for x in found]
    else:
        import warnings

        from generator.fonts import FontWarning
        from generator.renderers import RENDERERS

        with warnings.catch_warnings():  # a glyph set in a fallback face is the build's notice, not proof's
            warnings.simplefilter("ignore", FontWarning)
            data = RENDERERS["docx"].load()(text.report)
        anchors = _anchors_in_rendered(text, found, data, lang)
    when = f"{text.report.meta.date.isoformat()}T00:00:00Z"
    _write_atomically(out, commented_docx(data, anchors, when))


def comment_text(x: Located, lang: str) -> str:
    """What a comment says: ``[rule-id] message (suggestion)``."""
    return x.text(lang)


def _anchor_in_file(text: ProofText, x: Located, lang: str) -> Anchor:
    f = x.finding
    line, column = text.position(f.unit, max(f.end - 1, f.start))
    end = column if line == x.line and column >= x.column else x.column
    return x.line - 1, x.column - 1, end, comment_text(x, lang)


def _anchors_in_rendered(text: ProofText, found: list[Located], data: bytes, lang: str) -> list[Anchor]:
    """Each finding's place in the rendered DOCX: its unit found again among the rendered paragraphs."""
    file = FileText(body_paragraphs(data))
    cursor = 0
    places: list[list[int]] = []
    for unit in text.units:
        indexes, after = file.align(unit.text, cursor, 3000, anywhere=True)
        cursor = max(cursor, after)
        places.append(indexes)
    anchors = []
    for x in found:
        f = x.finding
        indexes = places[f.unit]
        first = file.line_column(indexes[min(f.start, len(indexes) - 1)])
        last = file.line_column(indexes[min(max(f.end - 1, f.start), len(indexes) - 1)])
        end = last[1] if last[0] == first[0] and last[1] >= first[1] else first[1]
        anchors.append((first[0] - 1, first[1] - 1, end, comment_text(x, lang)))
    return anchors


def commented_docx(data: bytes, anchors: list[Anchor], when: str) -> bytes:
    """The DOCX ``data`` with a comment at each anchor, dated ``when`` (other parts unchanged; no anchor: ``data``)."""
    if not anchors:
        return data
    source = zipfile.ZipFile(BytesIO(data))
    document = etree.fromstring(source.read("word/document.xml"))
    rels_name = "word/_rels/document.xml.rels"
    rels = etree.fromstring(source.read(rels_name))
    comments_name, comments = _comments_part(source, rels)
    next_id = max((int(c.get(w("id"), "0")) for c in comments.iter(w("comment"))), default=-1) + 1
    body = document.find(w("body"))
    paragraphs = list(body.iter(w("p"))) if body is not None else []
    for number, (p_index, start, end, said) in enumerate(sorted(anchors, key=lambda a: (a[0], -a[1]))):
        if not 0 <= p_index < len(paragraphs):
            continue
        cid = str(next_id + number)
        _mark(paragraphs[p_index], start, max(end, start + 1), cid)
        comments.append(_comment(cid, said, when))
    changed = {
        "word/document.xml": _xml(document),
        comments_name: _xml(comments),
        rels_name: _xml(rels),
        "[Content_Types].xml": _content_types(source.read("[Content_Types].xml"), comments_name),
    }
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in changed:
                target.writestr(_info_like(info), changed.pop(info.filename))
            else:
                target.writestr(info, source.read(info))
        for name in sorted(changed):  # new parts (comments.xml)
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, changed[name])
    return out.getvalue()


def _info_like(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    new = zipfile.ZipInfo(info.filename, info.date_time)
    new.compress_type = zipfile.ZIP_DEFLATED
    new.external_attr = info.external_attr
    return new


def _xml(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _comments_part(source: zipfile.ZipFile, rels):
    """The comments part (existing, or a new empty one with its relationship added to ``rels``)."""
    for rel in rels.iter(f"{{{PKG_REL}}}Relationship"):
        if rel.get("Type") == REL_COMMENTS:
            name = "word/" + rel.get("Target", "comments.xml").lstrip("/").removeprefix("word/")
            if name in source.namelist():
                return name, etree.fromstring(source.read(name))
    ids = {rel.get("Id") for rel in rels.iter(f"{{{PKG_REL}}}Relationship")}
    n = 1
    while f"rIdProof{n}" in ids:
        n += 1
    etree.SubElement(rels, f"{{{PKG_REL}}}Relationship", Id=f"rIdProof{n}", Type=REL_COMMENTS, Target="comments.xml")
    return "word/comments.xml", etree.Element(w("comments"), nsmap={"w": W})


def _content_types(data: bytes, comments_name: str) -> bytes:
    root = etree.fromstring(data)
    part = "/" + comments_name
    if not any(o.get("PartName") == part for o in root.iter(f"{{{PKG_CT}}}Override")):
        etree.SubElement(root, f"{{{PKG_CT}}}Override", PartName=part, ContentType=CT_COMMENTS)
    return _xml(root)


def _comment(cid: str, said: str, when: str):
    comment = etree.Element(w("comment"), nsmap={"w": W})
    comment.set(w("id"), cid)
    comment.set(w("author"), AUTHOR)
    comment.set(w("date"), when)
    comment.set(w("initials"), INITIALS)
    p = etree.SubElement(comment, w("p"))
    t = etree.SubElement(etree.SubElement(p, w("r")), w("t"))
    t.text = said
    t.set(XML_SPACE, "preserve")
    return comment


def _mark(p, start: int, end: int, cid: str) -> None:
    """Put a comment range on characters ``start``–``end`` of paragraph ``p`` and its reference after it."""
    total = sum(len(t) for _el, t in paragraph_pieces(p))
    start, end = min(start, total), min(max(end, start), total)
    end_at = _boundary(p, end)
    marker = etree.Element(w("commentRangeEnd"))
    marker.set(w("id"), cid)
    _insert(end_at, marker)
    reference = etree.Element(w("r"))
    etree.SubElement(reference, w("commentReference")).set(w("id"), cid)
    marker.addnext(reference)
    begin = etree.Element(w("commentRangeStart"))
    begin.set(w("id"), cid)
    _insert(_boundary(p, start), begin)


def _insert(point: tuple, element) -> None:
    parent, index = point
    parent.insert(index, element)


def _boundary(p, offset: int) -> tuple:
    """(parent, index) where a marker goes so that it stands before character ``offset`` of ``p``."""
    at = 0
    pieces = list(paragraph_pieces(p))
    for el, text in pieces:
        if offset < at + len(text) or (offset == at and text):
            run = el.getparent()
            if run.tag != w("r"):
                return run.getparent(), run.getparent().index(run)
            if offset > at:  # inside this w:t: split it
                el = _split_text(el, offset - at)
            run = _split_run_before(el)
            return run.getparent(), run.getparent().index(run)
        at += len(text)
    if pieces:  # at the end: after the last run
        run = pieces[-1][0].getparent()
        return run.getparent(), run.getparent().index(run) + 1
    ppr = p.find(w("pPr"))
    return p, 0 if ppr is None else p.index(ppr) + 1


def _split_text(t, at: int):
    """Split the ``w:t`` ``t`` at character ``at``; returns the new ``w:t`` holding the rest."""
    rest = copy.deepcopy(t)
    rest.text = (t.text or "")[at:]
    t.text = (t.text or "")[:at]
    for el in (t, rest):
        el.set(XML_SPACE, "preserve")
    t.addnext(rest)
    return rest


def _split_run_before(child):
    """Make ``child`` the first content of its run, moving it and what follows into a copy of the run."""
    run = child.getparent()
    content = [c for c in run if c.tag != w("rPr")]
    if content and content[0] is child:
        return run
    clone = etree.Element(run.tag, attrib=dict(run.attrib))
    rpr = run.find(w("rPr"))
    if rpr is not None:
        clone.append(copy.deepcopy(rpr))
    moving = content[content.index(child) :]
    for c in moving:
        clone.append(c)
    run.addnext(clone)
    return clone


def _write_atomically(out: Path, data: bytes) -> None:
    """Write ``out`` through a fsynced temporary file and a rename; a failure is one :class:`BuildError` line."""
    from generator.build import _output_error, _stage

    try:
        temp = _stage(out.parent, data)
    except OSError as error:
        raise _output_error(out, error) from None
    try:
        os.replace(temp, out)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise _output_error(out, error) from None
