"""The glossary: its title, its entries, and the body text each entry's term is found by.

Rules:

- **Title**: a line of at most 30 characters ending in a word of ``data/glossary_titles.txt``
  (名词解释, 词语解释, 名词注释, 注释, 术语解释), bold or not, not ending a sentence; also the
  title of an appendix (``附件2：名词解释``).
- **Entries**: ``term：definition``, numbered ``1.``/``1、``/``[1]`` or not (the numbering of
  the last numbered entry is the glossary's); printed page references such as
  ``（《报告》第3、8页）`` before the colon are dropped (the products compute their own), also with
  their numbers gone (``（《报告》第页）``: a DOCX's ``PAGEREF`` results are dropped by its reader).
  A line without ``：`` (or with it after 60 characters) continues the previous definition
  (reported); before any entry it stays a paragraph (reported). An entry with nothing after the
  colon gets the definition ``—`` (reported).
- **Matches**: an entry whose term the body does not use as written gets ``match`` derived (its
  quoted parts the body uses, else the longest part of it the body contains, at least half the
  term and three characters), marked as a guess; when nothing matches, ``match: []`` and a warning.

The orchestrator calls :func:`names_glossary`, :func:`is_title_line`, :func:`add_line`,
:func:`make_glossary` and :func:`match_terms`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.model import Glossary, GlossaryEntry, Report, _quoted_parts
from generator.readers.structure.common import Piece, Warn, alternatives, ends_closed, plain
from generator.terms import find_term, term_key

GLOSSARY_RE = re.compile(rf"({alternatives('glossary_titles')})$")
PAGE_REF_RE = re.compile(
    r"[（(]\s*(?:《[^》]{1,20}》)?\s*第\s*[\d\s、，,\-—～~]*\s*页(?:\s*第\s*[\d\s、，,]*\s*行)?\s*[)）]"
)
ENTRY_NUMBER_RE = re.compile(r"^(?:(\d{1,3})([.、．])|\[(\d{1,3})\])\s*")


@dataclass
class EntryRun:
    """The entries of one glossary as read so far, and the numbering they are printed with."""

    entries: list[GlossaryEntry] = field(default_factory=list)
    numbering: str = "none"


def names_glossary(title: str) -> bool:
    """Whether a title (an appendix's, or a line's) names a glossary."""
    return bool(GLOSSARY_RE.search(title))


def is_title_line(text: str) -> bool:
    """Whether a plain line is a glossary title standing on its own."""
    return len(text) <= 30 and names_glossary(text) and not ends_closed(text)


def add_line(run: EntryRun, piece: Piece, warn: Warn) -> bool:
    """Read a line of a glossary into ``run``; False when it is no entry and nothing to continue."""
    text = plain(piece.text).strip()
    number = ENTRY_NUMBER_RE.match(text)
    body = text[number.end() :] if number else text
    body = PAGE_REF_RE.sub("", body, count=1) if PAGE_REF_RE.search(body.split("：")[0] + "：") else body
    colon = body.find("：")
    if colon <= 0 or colon > 60:
        entries = run.entries
        if entries:
            last = entries[-1]
            entries[-1] = last.model_copy(update={"definition": last.definition + text})
            warn(piece.line, "import_glossary_continued")
            return True
        warn(piece.line, "import_unplaced", text=text[:30])
        return False
    term, definition = body[:colon].strip(), body[colon + 1 :].strip()
    if number:
        mark = number.group(2) or ""
        run.numbering = "[1]" if number.group(3) else ("1、" if mark == "、" else "1.")
    if not definition:
        warn(piece.line, "import_unplaced", text=text[:30])
        definition = "—"
    run.entries.append(GlossaryEntry(term=term, definition=definition))
    return True


def make_glossary(label: str, title: str, run: EntryRun) -> Glossary:
    """The model glossary of a run of entries (title ``名词解释`` when none is printed)."""
    return Glossary(label=label, title=title or "名词解释", numbering=run.numbering, entries=run.entries)


def match_terms(report: Report, pieces: list[Piece], comments: dict[tuple, str], warn: Warn) -> Report:
    """The report with ``match`` derived for entries whose term the body does not use as written."""
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
        line = next((p.line for p in pieces if entry.term in plain(p.text)), 1)
        if not match:
            warn(line, "import_term_unmatched", term=entry.term)
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
            comments[(*path, "entries", e, "match")] = note
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
