"""Appendices: what follows the speech (附件, 附录, a glossary), in the order written.

Rules:

- **Start**: the first line ``附件``, ``附件1``, ``附录一：title``, ``附 录`` (at most 60
  characters: with a colon, or no title, or at most 12 characters in all) or the first glossary
  title ends the body; so does a glossary printed without a title before them (see
  :mod:`.glossary`).
- **Title**: on the same line after the label, or the next short line (at most 40 characters,
  not a point, not ending a sentence, no ``：``).
- **Tables**: a short line (at most 40 characters, not ending a sentence) just before a table is
  its caption; lines ``注：``/``来源：`` (labels in ``data/note_labels.txt``) after it are its notes.
- **Glossary**: an appendix titled as a glossary, or a glossary title line, reads its lines as
  entries (:mod:`.glossary`). The last appendix, when it is a glossary with nothing else in it,
  becomes the report's glossary; a glossary with no entry stays an appendix (reported).
- Content before any label stays in an appendix without label (reported).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.model import Glossary
from generator.readers.structure import glossary
from generator.readers.structure.common import POINT_RE, Para, Piece, Warn, alternatives, ends_closed, plain
from generator.readers.structure.lists import table

APPENDIX_RE = re.compile(r"^(附\s*[件录](?:\s*[0-9０-９]+|[一二三四五六七八九十]+)?)\s*([：:]?)\s*(.*)$")
NOTE_RE = re.compile(rf"^({alternatives('note_labels')})\s*[：:]")


@dataclass
class _Appendix:
    label: str
    title: str
    line: int
    items: list = field(default_factory=list)
    run: glossary.EntryRun | None = None


def is_appendix_line(body: str) -> bool:
    """Whether a plain line opens an appendix (``附件1：title``, ``附录``, …)."""
    if len(body) > 60:
        return False
    m = APPENDIX_RE.match(body)
    if not m:
        return False
    rest = m.group(3)
    return not rest or bool(m.group(2)) or len(body) <= 12


def appendix_start(pieces: list[Piece]) -> int:
    """The index of the first piece after the speech (an appendix label or a glossary title)."""
    for i, piece in enumerate(pieces):
        if piece.kind != "line":
            continue
        text = plain(piece.text).strip()
        if is_appendix_line(text):
            return i
        if glossary.is_title_line(text):
            return i
    return len(pieces)


def speech_end(pieces: list[Piece]) -> int:
    """The index of the first piece after the speech: an appendix or glossary title, or a glossary without one."""
    start = appendix_start(pieces)
    untitled = glossary.untitled_start(pieces[:start])
    return start if untitled is None else untitled


def read_appendices(pieces: list[Piece], warn: Warn) -> tuple[list, Glossary | None]:
    """([(label, title, items, glossary or None)], the report's glossary or None) of the pieces after the speech."""
    appendices: list[_Appendix] = []
    i = 0
    while i < len(pieces):
        piece = pieces[i]
        text = plain(piece.text).strip() if piece.kind == "line" else ""
        current = appendices[-1] if appendices else None
        if piece.kind == "line" and is_appendix_line(text):
            m = APPENDIX_RE.match(text)
            assert m is not None
            title = m.group(3).strip()
            label = m.group(1) + (m.group(2) if title else "")
            appendices.append(_Appendix(label, title, piece.line))
            if title and glossary.names_glossary(title):
                appendices[-1].run = glossary.EntryRun()
            elif not title and i + 1 < len(pieces) and _title_line(pieces[i + 1]):
                nxt = plain(pieces[i + 1].text).strip()
                appendices[-1].title = nxt
                if glossary.names_glossary(nxt):
                    appendices[-1].run = glossary.EntryRun()
                i += 1
            i += 1
            continue
        if piece.kind == "line" and glossary.is_title_line(text):
            if current is not None and not current.title and not current.items and current.run is None:
                current.title, current.run = text, glossary.EntryRun()
            else:
                appendices.append(_Appendix("", text, piece.line, run=glossary.EntryRun()))
            i += 1
            continue
        if current is None and piece.kind == "line" and glossary.read_head(piece.text) is not None:
            warn(piece.line, "import_glossary_untitled")  # a glossary printed without a title (see .glossary)
            appendices.append(_Appendix("", "", piece.line, run=glossary.EntryRun()))
            current = appendices[-1]
        if current is None:
            warn(piece.line, "import_unplaced", text=text[:30])
            appendices.append(_Appendix("", "", piece.line))
            current = appendices[-1]
        if current.run is not None and piece.kind == "line":
            if not glossary.add_line(current.run, piece, warn):
                current.items.append(Para(piece.line, piece.text.strip()))
        elif piece.kind == "table":
            found = table(piece)
            items = current.items
            if items and isinstance(items[-1], Para) and _caption(items[-1]):
                found = found.model_copy(update={"table": items.pop().text})
            notes = []
            while (
                i + 1 < len(pieces)
                and pieces[i + 1].kind == "line"
                and NOTE_RE.match(plain(pieces[i + 1].text).strip())
            ):
                i += 1
                notes.append(plain(pieces[i].text).strip())
            if notes:
                found = found.model_copy(update={"notes": notes})
            items.append(found)
        else:
            current.items.append(Para(piece.line, piece.text.strip()))
        i += 1
    out = []
    report_glossary = None
    for index, appendix in enumerate(appendices):
        if appendix.run is None:
            out.append((appendix.label, appendix.title, appendix.items, None))
            continue
        if not appendix.run.entries:
            warn(appendix.line, "import_empty_glossary")
            out.append((appendix.label, appendix.title, appendix.items, None))
            continue
        gloss = glossary.make_glossary(appendix.label, appendix.title, appendix.run, warn)
        if index == len(appendices) - 1 and report_glossary is None and not appendix.items:
            report_glossary = gloss
        else:
            out.append((appendix.label, appendix.title, appendix.items, gloss))
    return out, report_glossary


def _title_line(piece: Piece) -> bool:
    if piece.kind != "line":
        return False
    text = plain(piece.text).strip()
    if APPENDIX_RE.match(text) and is_appendix_line(text):
        return False
    return 0 < len(text) <= 40 and not POINT_RE.match(text) and not ends_closed(text) and "：" not in text


def _caption(para: Para) -> bool:
    return 0 < len(para.text) <= 40 and not ends_closed(para.text)
