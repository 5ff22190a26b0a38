"""The glossary: its title, its entries in every printed form, and the body text each entry's term is found by.

Rules:

- **Title**: a line of at most 30 characters ending in a word of ``data/glossary_titles.txt``
  (名词解释, 名词解释和说明, 词语解释, 名词注释, 注释 …), bold or not, not ending a sentence; also
  the title of an appendix (``附件2：名词解释``).
- **Entry heads**, numbered ``1.`` ``1、`` ``1．`` ``[1]`` ``（1）`` or not:

  - *inline*: the term, then its explanation on the same line: after ``：`` (within 60
    characters: ``（1）“六稳”：稳就业…``, ``1.三个中心：即…``); after a definer of
    ``data/glossary_definers.txt`` (即, 是指 …) right after an unquoted term of at most 20
    characters without punctuation (``三个中心即…``; not 即将, 即使 …:
    ``data/glossary_not_definers.txt``; unnumbered, at most 12); on a numbered line, after the
    ``。`` closing a term of at most 25 characters without punctuation (``1.三个中心。即…``);
  - *heading*: a line of its own holding the term(s) and nothing else, its explanation the
    paragraphs below it: numbered (often bold) with quoted terms or a printed place of first use
    (``**1.“六稳”“六保”（《报告》第3页第5行）**``), at most 40 characters, no sentence end; a term
    line ending in ``：`` (``[2]双百工程：``); unnumbered only with a place of first use, or bold
    and quoted.
- **Printed places of first use** (``（《报告》第3页第5行）``, ``（见报告第3、8页）``, emptied
  ``（《报告》第页）`` as a DOCX's dropped ``PAGEREF`` leaves them) standing in a head are dropped:
  the products compute their own.
- **One shape a run**: once a glossary's first entry is read, a line opens a new entry only with
  the next number (a numbered run) or in the same shape (an unnumbered one); any other line is a
  further paragraph of the explanation before it, in the order written (reported in an inline
  run, where it is unusual). Before any entry a line stays a paragraph of the appendix
  (reported). An entry with no explanation gets ``—`` (reported). One paragraph is the
  definition string, several a list.
- **Without a title**: after the speech, a run reaching its end (or the first appendix) of at
  least two entries numbered from 1 is a glossary (reported: its title ``名词解释`` is a guess)
  when its entries are heading entries each with a printed place of first use, or inline
  entries with no other line between them at least half of whose terms the speech uses. So a
  numbered body point with a quoted phrase is no entry: it has no place of first use, and the
  speech goes on after it.
- **Matches**: an entry whose term the body does not use as written gets ``match`` derived (its
  quoted parts the body uses, else the longest part of it the body contains, at least half the
  term and three characters), marked as a guess; when nothing matches, ``match: []`` and a warning.

The orchestrator calls :func:`names_glossary`, :func:`is_title_line`, :func:`untitled_start`,
:func:`read_head`, :func:`add_line`, :func:`make_glossary` and :func:`match_terms`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.model import Glossary, GlossaryEntry, Report, _quoted_parts
from generator.readers.structure.common import (
    SENTENCE_PUNCT,
    Piece,
    Warn,
    alternatives,
    ends_closed,
    plain,
    whole_bold,
    words,
)
from generator.terms import find_term, term_key

GLOSSARY_RE = re.compile(rf"({alternatives('glossary_titles')})$")
_PAGES = r"第\s*[\d\s、，,\-—～~]*\s*页(?:\s*第\s*[\d\s、，,]*\s*行)?"
PAGE_REF_RE = re.compile(rf"[（(]\s*(?:见\s*)?(?:《[^》]{{1,20}}》|报告)?\s*{_PAGES}(?:\s*[、，,]\s*{_PAGES})*\s*[)）]")
"""A printed place of first use: （《报告》第3、8页）, （《报告》第3页第5行、第4页第2行）, （见报告第3页）."""
ENTRY_NUMBER_RE = re.compile(r"^(?:(\d{1,3})\s*([.、．])|\[(\d{1,3})\]|[（(](\d{1,3})[）)])\s*")
COLON_LIMIT = 60
"""An inline term ends at a colon within this many characters."""
HEADING_LIMIT = 40
"""Longest heading entry line (terms and place of first use)."""
DEFINED_TERM_LIMIT = 20
"""Longest unquoted term before 即/是指 (unnumbered: :data:`UNNUMBERED_DEFINED_LIMIT`)."""
UNNUMBERED_DEFINED_LIMIT = 12
SENTENCE_TERM_LIMIT = 25
"""Longest term closed by 。 on a numbered line (1.term。explanation)."""
_TERM_PUNCT = SENTENCE_PUNCT | set("“”‘’《》（）()【】「」")
_ENDS = set("。！？；")


@dataclass(frozen=True)
class Head:
    """An entry's first line: its printed number, term, the explanation on the line, its shape."""

    term: str
    explanation: str
    shape: str
    """``inline`` (the explanation on the line) or ``heading`` (the explanation below)."""
    number: int | None = None
    numbering: str = "none"
    cited: bool = False
    """Whether the line printed a place of first use (dropped)."""


@dataclass
class Draft:
    """An entry being read: its term and explanation paragraphs so far, where its head stands."""

    term: str
    paragraphs: list[str]
    line: int
    cited: bool = False


@dataclass
class EntryRun:
    """The entries of one glossary as read so far, the numbering and the shape they are printed in."""

    drafts: list[Draft] = field(default_factory=list)
    numbering: str = "none"
    shape: str = ""
    last_number: int | None = None

    @property
    def entries(self) -> list[GlossaryEntry]:
        """The entries read so far (``—`` for an explanation not printed)."""
        return [GlossaryEntry(term=d.term, definition=_definition(d.paragraphs)) for d in self.drafts]


def _definition(paragraphs: list[str]) -> str | list[str]:
    """The model's definition: one paragraph as a string, several as a list, none as ``—``."""
    if not paragraphs:
        return "—"
    return paragraphs[0] if len(paragraphs) == 1 else list(paragraphs)


def names_glossary(title: str) -> bool:
    """Whether a title (an appendix's, or a line's) names a glossary."""
    return bool(GLOSSARY_RE.search(title))


def is_title_line(text: str) -> bool:
    """Whether a plain line is a glossary title standing on its own."""
    return len(text) <= 30 and names_glossary(text) and not ends_closed(text)


def read_head(markup: str) -> Head | None:
    """The entry head a line is, in any of the forms of the module's rules, or None."""
    text = plain(markup).strip()
    found = ENTRY_NUMBER_RE.match(text)
    number, numbering = _number(found)
    body = text[found.end() :] if found else text
    ref = PAGE_REF_RE.search(body)
    cited = bool(ref and ref.start() == 0)  # the place printed before the term
    if cited:
        body, ref = body[ref.end() :].strip(), None  # type: ignore[union-attr]
    colon = _colon(body)
    if ref and ref.start() > 0 and (colon < 0 or ref.start() < colon):
        term, rest = body[: ref.start()].strip(), body[ref.end() :].strip()
        rest = rest[1:].strip() if rest[:1] in "：:" else rest
        return Head(term, rest, "heading", number, numbering, cited=True)
    if 0 < colon <= COLON_LIMIT:
        term, rest = body[:colon].strip(), body[colon + 1 :].strip()
        if not term:
            return None
        return Head(term, rest, "inline" if rest and not cited else "heading", number, numbering, cited)
    if _heading_term(body, markup, found is not None or cited):
        return Head(body, "", "heading", number, numbering, cited)
    defined = _defined(body, DEFINED_TERM_LIMIT if found else UNNUMBERED_DEFINED_LIMIT)
    if defined is not None:
        return Head(*defined, "inline", number, numbering)
    stop = body.find("。")
    if found and 0 < stop <= SENTENCE_TERM_LIMIT and not _TERM_PUNCT & set(body[:stop]) and body[stop + 1 :].strip():
        return Head(body[:stop], body[stop + 1 :].strip(), "inline", number, numbering)
    return None


def _number(found: re.Match | None) -> tuple[int | None, str]:
    """The printed number of an entry and the model's numbering form (none, 1., 1、, [1], （1）)."""
    if found is None:
        return None, "none"
    if found.group(1):
        return int(found.group(1)), "1、" if found.group(2) == "、" else "1."
    if found.group(3):
        return int(found.group(3)), "[1]"
    return int(found.group(4)), "（1）"


def _colon(body: str) -> int:
    """Where the term's colon stands: the first ``：``, or a ``:`` not between digits (-1: none)."""
    for i, ch in enumerate(body):
        if ch == "：" or (ch == ":" and not (body[i - 1 : i].isdigit() and body[i + 1 : i + 2].isdigit())):
            return i
    return -1


def _heading_term(body: str, markup: str, numbered: bool) -> bool:
    """Whether a line without place of first use is a heading entry: numbered and quoted, or bold and quoted."""
    if not 0 < len(body) <= HEADING_LIMIT or ends_closed(body) or _ENDS & set(body):
        return False
    quoted = "“" in body
    bold = whole_bold(markup.strip()) is not None
    return quoted and (numbered or bold)


def _defined(body: str, limit: int) -> tuple[str, str] | None:
    """(term, explanation) of ``term即…`` / ``term是指…``: an unquoted term of at most ``limit`` characters."""
    not_definers = words("glossary_not_definers")
    best: tuple[str, str] | None = None
    for definer in words("glossary_definers"):
        at = body.find(definer)
        if not 2 <= at <= limit or _TERM_PUNCT & set(body[:at]):
            continue
        rest = body[at:]
        if any(rest.startswith(w) for w in not_definers) or len(rest) <= len(definer) + 1:
            continue
        if best is None or at < len(best[0]):
            best = (body[:at], rest)
    return best


def _opens_entry(run: EntryRun, head: Head) -> bool:
    """Whether ``head`` opens a new entry of ``run`` (see the one-shape rule)."""
    if not run.drafts:
        return True
    if run.last_number is not None:
        return head.number == run.last_number + 1
    return head.number is None and head.shape == run.shape


def add_line(run: EntryRun, piece: Piece, warn: Warn) -> bool:
    """Read a line of a glossary into ``run``; False when it is no entry and nothing to continue."""
    head = read_head(piece.text)
    if head is not None and _opens_entry(run, head):
        explanation = [head.explanation] if head.explanation else []
        run.drafts.append(Draft(head.term, explanation, piece.line, head.cited))
        run.shape = run.shape or head.shape
        if head.number is not None:
            run.last_number, run.numbering = head.number, head.numbering
        return True
    text = plain(piece.text).strip()
    if run.drafts:
        draft = run.drafts[-1]
        if run.shape == "inline" and draft.paragraphs:
            warn(piece.line, "import_glossary_continued")
        draft.paragraphs.append(text)
        return True
    warn(piece.line, "import_unplaced", text=text[:30])
    return False


def untitled_start(pieces: list[Piece]) -> int | None:
    """Where a glossary printed without a title starts among the pieces after the salutation (see the rules).

    Tried from a head numbered 1 that is cited, or that opens the trailing run of inline heads: a
    few places, each read once to the end (linear in the pieces however many points are numbered 1).
    """
    heads = [read_head(p.text) if p.kind == "line" else None for p in pieces]
    tail = len(heads)
    while tail and heads[tail - 1] is not None and heads[tail - 1].shape == "inline":  # type: ignore[union-attr]
        tail -= 1
    cited = [i for i, h in enumerate(heads) if h is not None and h.number == 1 and h.cited]
    inline = [i for i in range(tail, len(heads)) if heads[i].number == 1][:1]  # type: ignore[union-attr]
    for i in sorted(set(cited + inline)):
        run = EntryRun()
        if all(p.kind == "line" and add_line(run, p, _ignore) for p in pieces[i:]):
            if _untitled_glossary(run, [plain(p.text) for p in pieces[:i] if p.kind == "line"]):
                return i
    return None


def _ignore(*_args: object, **_fields: object) -> None:
    """A warning sink for trial reads."""


def _untitled_glossary(run: EntryRun, speech: list[str]) -> bool:
    """Whether a run found after the speech without a title is a glossary (see the rules)."""
    drafts = run.drafts
    if len(drafts) < 2 or run.last_number != len(drafts):
        return False
    if run.shape == "heading":
        return all(d.cited and d.paragraphs for d in drafts)
    if any(len(d.paragraphs) != 1 for d in drafts):
        return False
    used = sum(1 for d in drafts if any(_used(m, speech) for m in _quoted_parts(d.term) or [d.term]))
    return 2 * used >= len(drafts)


def make_glossary(label: str, title: str, run: EntryRun, warn: Warn | None = None) -> Glossary:
    """The model glossary of a run of entries (title ``名词解释`` when none is printed)."""
    if warn is not None:
        for draft in run.drafts:
            if not draft.paragraphs:
                warn(draft.line, "import_unplaced", text=draft.term[:30])
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
