"""The structure of a work report, recognised in the pieces a reader gives (Markdown, text, DOCX).

The readers (:mod:`generator.readers.markdown`, :mod:`generator.readers.text`,
:mod:`generator.readers.docx`) turn their syntax into :class:`Piece` items (paragraphs in the
model's ``**`` markup, headings, tables, each with its line number, or for a DOCX its paragraph
number); :class:`Builder` finds the report in them, one construct a module, each with its
rules documented at its top:

- :mod:`.titleblock`: title, status, subtitle, speaker, the salutation (``各位代表：``);
- :mod:`.headings`: parts, sections, points, their numbering, where the closing starts;
- :mod:`.lists`: paragraphs with their lead-ins, lists, tables;
- :mod:`.appendices`: what follows the speech, in the order written;
- :mod:`.glossary`: glossary title, entries and the body text their terms are found by;
- :mod:`.leftovers`: what a web page adds that is not report text (HTML comments, a download list);
- :mod:`.common`: the pieces, the markup helpers, the numbering patterns, the word lists
  (``generator/readers/data/*.txt``).

Order: (the readers drop HTML comments) title block (up to the salutation) → opening, parts,
sections and points (what the title block could not place goes to the body) → closing → a
trailing download list dropped → appendices and glossary → blocks (lists, lead-ins, tables,
figures) → glossary matches → proposed charts and tiles. The salutation opens the speech; what
stands between it and the first part is the opening. What cannot be placed stays a plain
paragraph and is reported with its line number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.model import Appendix, Glossary, Paragraph, Part, Report, Section
from generator.readers import figures as fig
from generator.readers.structure import appendices as appx
from generator.readers.structure import glossary, headings, leftovers, lists, titleblock
from generator.readers.structure.appendices import APPENDIX_RE, NOTE_RE
from generator.readers.structure.common import (
    BULLETS,
    CN,
    PART_RE,
    POINT_RE,
    SECTION_RE,
    Piece,
    Source,
    Warning_,
    ends_closed,
    escape,
    plain,
    short_plain_heading,
    whole_bold,
)
from generator.readers.structure.glossary import GLOSSARY_RE, PAGE_REF_RE
from generator.readers.structure.headings import PartDraft, SectionDraft
from generator.readers.structure.titleblock import SALUTATION_RE, STATUS_RE, SUBTITLE_RE

__all__ = [
    "APPENDIX_RE",
    "BULLETS",
    "CN",
    "GLOSSARY_RE",
    "NOTE_RE",
    "PAGE_REF_RE",
    "PART_RE",
    "POINT_RE",
    "SALUTATION_RE",
    "SECTION_RE",
    "STATUS_RE",
    "SUBTITLE_RE",
    "Builder",
    "Imported",
    "Piece",
    "Source",
    "Warning_",
    "ends_closed",
    "is_heading_like",
    "is_structural",
    "plain",
    "whole_bold",
]


@dataclass
class Imported:
    """An imported report: the model, the writer's comments by source path, the warnings."""

    report: Report
    comments: dict[tuple, str]
    warnings: list[Warning_]
    title_in_text: bool = True


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
    if glossary.is_title_line(body):  # 附录一：《政府工作报告》名词解释 takes no continuation line
        return True
    return short_plain_heading(body)


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
        or appx.is_appendix_line(body)
        or (len(body) <= 30 and glossary.names_glossary(body))
        or (markdownish and whole_bold(t) is not None and len(body) <= 40)
    )


class Builder:
    """Builds a :class:`Report` from a reader's pieces (see the module docstrings for the rules)."""

    def __init__(self, source: Source, report_id: str) -> None:
        self.source = source
        self.report_id = report_id
        self.warnings: list[Warning_] = []
        self.comments: dict[tuple, str] = {}

    def warn(self, line: int, key: str, **fields: object) -> None:
        """Report a warning about the input at ``line``."""
        self.warnings.append(Warning_(line, key, fields))

    def build(self) -> Imported:
        """The imported report: model, comments for the writer, warnings."""
        pieces = self.source.pieces
        salutation_at = titleblock.salutation_index(pieces)
        if salutation_at is not None:
            head = [line for piece in pieces[:salutation_at] for line in titleblock.split_joined_title(piece)]
            pieces = head + pieces[salutation_at:]
            salutation_at = len(head)
        if salutation_at is None:
            head = titleblock.head_without_salutation(pieces)
        else:
            head = pieces[:salutation_at]
        meta, unplaced, title_in_text = titleblock.read_title_block(
            head, self.source.front, self.report_id, self.comments, self.warn
        )
        if salutation_at is None:
            self.warn(1, "import_no_salutation")
            salutation = ""
            rest = pieces[len(head) :]
        else:
            salutation = plain(pieces[salutation_at].text).strip()
            rest = pieces[salutation_at + 1 :]
        appendix_at = appx.speech_end(rest)
        body, tail = rest[:appendix_at], leftovers.drop_download_list(rest[appendix_at:], self.warn)
        opening_raw, parts_raw, numbering = headings.read_parts(unplaced + body, self.warn)
        closing_raw = headings.split_closing(parts_raw)
        appendices, top_glossary = appx.read_appendices(tail, self.warn)

        ids = fig.Ids()
        points = numbering.points
        opening = lists.blocks(opening_raw, ids, "o", points)
        closing = lists.blocks(closing_raw, ids, "c", points)
        parts = []
        for p, raw in enumerate(parts_raw):
            part = self._part(raw, p, numbering.parts, numbering.sections, points, ids)
            if part is None:  # the only part, and empty: its heading stays a paragraph of the opening
                opening.append(Paragraph(text=escape(raw.number + raw.heading)))
                continue
            parts.append(part)
        if not parts:
            self.warn(1, "import_no_parts")
            parts = [Part(heading=meta.title, content=opening or [Paragraph(text=escape(meta.title))])]
            opening = []
        built_appendices = []
        for a, (label, title, items, gloss) in enumerate(appendices):
            content = lists.blocks(items, ids, f"a{a + 1}", points) if items else []
            built_appendices.append(Appendix(label=label, title=title, content=content, glossary=gloss))
        report = Report(
            report=meta,
            numbering=numbering,
            salutation=salutation,
            opening=opening,
            parts=parts,
            closing=closing,
            appendices=built_appendices,
            glossary=top_glossary if top_glossary is not None else Glossary(),
        )
        report = glossary.match_terms(report, self.source.pieces, self.comments, self.warn)
        report = fig.propose(report, self.comments, ids)
        return Imported(report, self.comments, sorted(self.warnings, key=lambda w: w.line), title_in_text)

    def _part(
        self, raw: PartDraft, p: int, parts_mode: str, sections_mode: str, points: str, ids: fig.Ids
    ) -> Part | None:
        """The model part of a part found (its loose paragraphs and sections), None when empty."""
        content: list = []
        s_index = 0
        loose: list = []
        for item in [*raw.items, None]:
            if not isinstance(item, SectionDraft) and item is not None:
                loose.append(item)
                continue
            if loose:
                content += lists.blocks(loose, ids, f"{p + 1}-0", points)
                loose = []
            if item is not None:
                s_index += 1
                blocks = lists.blocks(item.items, ids, f"{p + 1}-{s_index}", points)
                if not blocks:  # a section heading with nothing under it stays a paragraph
                    self.warn(item.line, "import_empty_part", heading=item.number + item.heading)
                    content.append(Paragraph(text=escape(item.number + item.heading)))
                    s_index -= 1
                    continue
                heading = item.heading if sections_mode == "auto" else item.number + item.heading
                content.append(Section(section=heading, run_in=item.run_in, paragraphs=blocks))
        if not content:
            return None
        heading = raw.heading if parts_mode != "none" else raw.number + raw.heading
        return Part(heading=heading, content=content)
