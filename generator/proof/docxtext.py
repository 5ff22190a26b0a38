"""The body paragraphs of a DOCX as text: what ``proof`` counts as a .docx's lines and columns.

Every ``w:p`` of the main document's body, table cells included, in document order; its text
is its runs' ``w:t`` (inserted text included, deleted text not), a tab for ``w:tab`` and a
space for a line break. Automatic numbers are not text: a paragraph's column 1 is its first
written character.
"""

from __future__ import annotations

from generator.readers.docx import DocxError, W

_P, _T, _TAB, _BR, _CR = (f"{{{W}}}{name}" for name in ("p", "t", "tab", "br", "cr"))
_DEL = frozenset(f"{{{W}}}{name}" for name in ("del", "moveFrom"))


def body_paragraphs(data: bytes) -> list[str]:
    """The text of each body paragraph of the DOCX ``data``, in document order."""
    root = document_root(data)
    body = root.find(f"{{{W}}}body")
    if body is None:
        raise DocxError("the document has no body")
    return [paragraph_text(p) for p in body.iter(_P)]


def document_root(data: bytes):
    """The parsed main document part (``word/document.xml``) of a DOCX."""
    import zipfile
    from io import BytesIO

    from lxml import etree

    try:
        with zipfile.ZipFile(BytesIO(data)) as package:
            xml = package.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise DocxError("not a DOCX (ZIP) file with word/document.xml") from e
    try:
        return etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as e:
        raise DocxError(f"word/document.xml is not well-formed XML: {e}") from e


def paragraph_text(p) -> str:
    """The text of one ``w:p`` (not of paragraphs nested in it, such as a text box's)."""
    return "".join(text for _el, text in paragraph_pieces(p))


def paragraph_pieces(p):
    """(element, text) of each text-bearing element of ``p`` that belongs to ``p`` itself, in order."""
    for el in p.iter(_T, _TAB, _BR, _CR):
        owner = next(el.iterancestors(_P), None)
        if owner is not p or any(a.tag in _DEL for a in el.iterancestors()):
            continue
        if el.tag == _T:
            yield el, el.text or ""
        elif el.tag == _TAB:
            yield el, "\t"
        else:
            yield el, " "
