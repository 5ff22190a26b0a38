"""What a report copied from a web page carries that is not report text: comments, images, a download list.

Rules:

- **HTML comments** ``<!-- … -->`` (on one line or over many) are markup, never text: the readers
  remove them before anything else (a photo caption in a comment is not a date or speaker line).
  The lines a comment filled become blank, so every other line keeps its number; each comment
  is reported with the line it starts on. An unclosed ``<!--`` is text.
- **Images and links** (Markdown a web page was converted to): an image ``![alt](address)`` is
  not text (dropped, reported with its line; a caption is not a date or a speaker either); a link
  ``[text](address)`` is its text.
- **Download list**: the last appendix of a report, labelled ``附件`` (``附件：``, ``附件下载``)
  with no title of its own, whose every item is a file name ending in a download suffix
  (``data/download_extensions.txt``: ``.pdf``, ``.doc``, ``.docx`` …), as Markdown list items
  (``- 2024年政府工作报告.pdf``) or lines, is the web page's list of files: it is dropped and
  reported with the label's line. A ``附件`` holding anything else is an appendix.
"""

from __future__ import annotations

import re

from generator.readers.structure.appendices import APPENDIX_RE, is_appendix_line
from generator.readers.structure.common import Piece, Warn, alternatives, plain

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_FILE = re.compile(rf"(?P<name>.+?)\.(?:{alternatives('download_extensions')})(?![A-Za-z])", re.I)
_MARKER = re.compile(r"^\s*(?:[-*+•·]|\d{1,3}[.、．)）])?\s*")
_TITLE_MAX = 4
"""Longest title a download list's label may carry (附件下载: 下载)."""
NAMES_SHOWN = 80
"""Most characters of the dropped files' names the warning lists (longer: cut with …)."""


def strip_html_comments(text: str) -> tuple[str, list[tuple[int, str, dict]]]:
    """The text without HTML comments (their line breaks kept), and a note for each (line, key, fields)."""
    notes: list[tuple[int, str, dict]] = []

    def blank(found: re.Match) -> str:
        line = text.count("\n", 0, found.start()) + 1
        inner = " ".join(found.group(0)[4:-3].split())
        notes.append((line, "import_comment_dropped", {"text": inner[:30]}))
        return "\n" * found.group(0).count("\n")

    return _COMMENT.sub(blank, text), notes


_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_LINK = re.compile(r"(?<!!)\[([^\]\n]+)\]\((?:[a-z][a-z0-9+.-]*:|[/.#])[^)\n]*\)", re.I)


def strip_web_markup(text: str) -> tuple[str, list[tuple[int, str, dict]]]:
    """The text without HTML comments and images, links reduced to their text; a note for each drop."""
    text, notes = strip_html_comments(text)

    def drop(found: re.Match) -> str:
        line = text.count("\n", 0, found.start()) + 1
        notes.append((line, "import_image_dropped", {"text": found.group(1)[:30]}))
        return ""

    text = _IMAGE.sub(drop, text)
    return _LINK.sub(r"\1", text), sorted(notes, key=lambda n: n[0])


def file_names(text: str) -> list[str] | None:
    """The file names a text lists (``- a.pdf- b.doc`` once joined), or None when it holds anything else."""
    names: list[str] = []
    position = 0
    for found in _FILE.finditer(text):
        if found.start() != position:
            return None
        name = _MARKER.sub("", found.group(0)).strip()
        if not _MARKER.sub("", found.group("name")).strip() or any(ch in "。！？；：" for ch in name):
            return None
        names.append(name)
        position = found.end()
    return names if names and not text[position:].strip() else None


def drop_download_list(pieces: list[Piece], warn: Warn) -> list[Piece]:
    """The pieces after the speech without a trailing ``附件：`` list of files to download (reported)."""
    labels = [i for i, p in enumerate(pieces) if p.kind == "line" and is_appendix_line(plain(p.text).strip())]
    if not labels:
        return pieces
    at = labels[-1]
    found = APPENDIX_RE.match(plain(pieces[at].text).strip())
    assert found is not None
    if not found.group(1).replace(" ", "").startswith("附件"):
        return pieces
    title = found.group(3).strip()
    names = file_names(title) if title else []
    if names is None:
        if len(title.rstrip("：:")) > _TITLE_MAX:
            return pieces
        names = []
    for piece in pieces[at + 1 :]:
        listed = file_names(plain(piece.text).strip()) if piece.kind == "line" else None
        if listed is None:
            return pieces
        names += listed
    if not names:
        return pieces
    listed = "、".join(names)
    listed = listed if len(listed) <= NAMES_SHOWN else listed[: NAMES_SHOWN - 1] + "…"
    warn(pieces[at].line, "import_download_list", count=len(names), names=listed)
    return pieces[:at]
