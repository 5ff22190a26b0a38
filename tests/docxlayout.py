"""The DOCX page model checked against LibreOffice's rendering: shared by the seed's and the corpus's tests.

LibreOffice's PDF of a draft is read back line by line (:mod:`pdflines`); each line of the
pagination model must be a rendered line on the same page, and every page reference stored
in the glossary must be a page on which LibreOffice prints the term.
"""

from __future__ import annotations

import re

from lxml import etree
from pdflines import PdfLine

from generator.linebreak import HANGING
from generator.renderers.docx.plan import GEOMETRY, DocumentPlan, PlannedTable
from generator.terms import term_key

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MM = 72 / 25.4
TEXT_BOTTOM = (297 - 35) * MM


def body_lines(lines: list[PdfLine]) -> list[PdfLine]:
    """The lines inside the text block (the footer's page numbers left out)."""
    return [line for line in lines if line.chars[0]["bottom"] <= TEXT_BOTTOM + 2]


def visible(text: str) -> str:
    """Text as LibreOffice's PDF gives it back: no spaces (full-width or not)."""
    return text.replace("\u3000", "").replace(" ", "").replace("\n", "")


def model_lines(plan: DocumentPlan) -> list[tuple[int, str | None, int]]:
    """Every line the model lays out with printed text: (page, text, block); ``None`` is the text of a table line."""
    out: list[tuple[int, str | None, int]] = []
    for line in plan.layout.lines:
        item = plan.paragraphs[line.block]
        if isinstance(item, PlannedTable):
            out.append((line.page, None, line.block))
            continue
        text = visible(item.text[line.start : line.end])
        if text:
            out.append((line.page, text, line.block))
    return out


def table_pages(plan: DocumentPlan) -> set[int]:
    """Pages on which the model puts a table line (exempt from the 22-line count)."""
    return {line.page for line in plan.layout.lines if isinstance(plan.paragraphs[line.block], PlannedTable)}


PITCH = 579 / 20
"""The grid's line pitch in points."""


def line_differences(plan: DocumentPlan, lines: list[PdfLine]) -> list[str]:
    """Where the model's lines and LibreOffice's differ ([] when every line agrees, page and text).

    LibreOffice lays a hanging mark past the line end but does not always paint it, so a
    model line may end with one mark more than the rendered line. A table is compared page
    by page: the grid lines its rows span on each page (from the first text line to the last,
    cells being set on the grid) must be those the model gives it; its text is checked by
    the text comparison.
    """
    model = model_lines(plan)
    rendered = body_lines(lines)
    m = r = 0
    while m < len(model) and r < len(rendered):
        page, text, block = model[m]
        if text is None:
            end = m
            while end < len(model) and model[end][1] is None and model[end][2] == block:
                end += 1
            following = model[end][1] if end < len(model) else None
            stop = r
            while stop < len(rendered) and not (
                following and rendered[stop].text == following[: len(rendered[stop].text)]
            ):
                stop += 1
            wanted: dict[int, int] = {}
            for p, _, _ in model[m:end]:
                wanted[p] = wanted.get(p, 0) + 1
            spanned: dict[int, list[float]] = {}
            for line in rendered[r:stop]:
                spanned.setdefault(line.page, []).append(line.top)
            got = {p: round((max(tops) - min(tops)) / PITCH) + 1 for p, tops in spanned.items()}
            if got != wanted:
                return [f"table (item {block}): model grid lines by page {wanted}, LibreOffice {got}"]
            m, r = end, stop
            continue
        lo = rendered[r]
        hanging = text[:-1] == lo.text and text[-1] in HANGING
        if not (page == lo.page and (text == lo.text or hanging)):
            return [f"line {m}: model p{page} {text!r}, LibreOffice p{lo.page} {lo.text!r}"]
        m, r = m + 1, r + 1
    if m < len(model) or r < len(rendered):
        return [f"{len(model) - m} model lines and {len(rendered) - r} rendered lines left over"]
    return []


def grid_differences(plan: DocumentPlan, lines: list[PdfLine]) -> tuple[int, list[str]]:
    """Text pages off the 22 × 28 grid: how many full pages were checked, and what is wrong.

    On every page without a table, each rendered line of body text (3号) stands on the grid
    row the model gives it (one pitch per row from the page's first such line), and a page
    the model fills has 22 lines in LibreOffice too.
    """
    exempt = table_pages(plan)
    rows: dict[int, list[tuple[int, str]]] = {}
    for line in plan.layout.lines:
        item = plan.paragraphs[line.block]
        if line.page in exempt or isinstance(item, PlannedTable):
            continue
        rows.setdefault(line.page, []).append((line.row, visible(item.text[line.start : line.end])))
    rendered: dict[int, list[PdfLine]] = {}
    for line in body_lines(lines):
        rendered.setdefault(line.page, []).append(line)
    wrong, full = [], 0
    for page, page_rows in rows.items():
        printed = [row for row, text in page_rows if text]
        got = rendered.get(page, [])
        if len(printed) != len(got):
            wrong.append(f"page {page}: model {len(printed)} lines, LibreOffice {len(got)}")
            continue
        if max(row for row, _ in page_rows) == GEOMETRY.lines_per_page:
            full += 1
            if len(page_rows) != GEOMETRY.lines_per_page:
                wrong.append(f"page {page}: the model fills {len(page_rows)} rows")
        body = [(row, line) for row, line in zip(printed, got, strict=True) if _body_size(line)]
        if body:
            row0, top0 = body[0][0], body[0][1].top
            for row, line in body:
                if abs(line.top - (top0 + (row - row0) * PITCH)) > 1:
                    wrong.append(f"page {page}: {line.text!r} off its grid row {row} ({line.top:.1f})")
                    break
    return full, wrong


def _body_size(line: PdfLine) -> bool:
    return all(abs(c["size"] - 16) < 0.5 for c in line.chars)


def stored_references(document_xml: bytes) -> dict[str, list[int]]:
    """Term → page numbers stored as PAGEREF field results in the glossary."""
    root = etree.fromstring(document_xml)
    refs = {}
    for paragraph in root.iter(f"{W}p"):
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        if style is None or style.get(f"{W}val") != "GlossaryEntry":
            continue
        runs = list(paragraph.iter(f"{W}r"))
        term = "".join(
            t.text
            for r in runs
            if r.find(f"{W}rPr/{W}rStyle[@{W}val='GlossaryTerm']") is not None
            for t in r.iter(f"{W}t")
        )
        pages, in_result = [], False
        for run in runs:
            char = run.find(f"{W}fldChar")
            instr = run.find(f"{W}instrText")
            if instr is not None:
                assert re.fullmatch(r" PAGEREF _Ref_g\d+_\d+ \\h ", instr.text)
            if char is not None:
                in_result = char.get(f"{W}fldCharType") == "separate"
            elif in_result:
                pages.append(int("".join(t.text for t in run.iter(f"{W}t"))))
        refs[term] = pages
    return refs


def pages_citing(match: str, page_text: dict[int, str]) -> list[int]:
    """Pages that cite ``match`` in LibreOffice's text: its quoted uses if it is ever quoted, else every use.

    A use is cited on the page where it starts (a term may run over a page break: 长征|渠引水).
    """
    bare = re.sub(r"\s", "", match).strip("“”")
    quoted = _starting_pages(f"“{bare}”", {page: re.sub(r"\s", "", text) for page, text in page_text.items()})
    return quoted or _starting_pages(term_key(match), {page: term_key(text) for page, text in page_text.items()})


def _starting_pages(needle: str, texts: dict[int, str]) -> list[int]:
    """The pages on which an occurrence of ``needle`` in the pages' texts, read as one, starts."""
    joined, starts = "", []
    for page in sorted(texts):
        starts.append((len(joined), page))
        joined += texts[page]
    found, at = set(), joined.find(needle) if needle else -1
    while at >= 0:
        found.add(max(page for start, page in starts if start <= at))
        at = joined.find(needle, at + 1)
    return sorted(found)


def reference_differences(plan: DocumentPlan, document_xml: bytes, lines: list[PdfLine]) -> tuple[int, list[str]]:
    """How many glossary entries were checked, and those whose stored pages are not where LibreOffice prints the term.

    The body's pages are those before the first appendix (the appendices start on a new page).
    """
    appendix = plan.report.glossary_appendix()
    entries = appendix.entries if appendix else []
    stored = stored_references(document_xml)
    assert list(stored) == [e.term for e in entries]
    body_end = next(
        (plan.page_of_paragraph(i) for i, p in enumerate(plan.paragraphs) if p.page_break_before),
        plan.layout.page_count + 1,
    )
    page_text: dict[int, str] = {}
    for line in body_lines(lines):
        if line.page < body_end:
            page_text[line.page] = page_text.get(line.page, "") + line.text
    wrong = []
    for entry, (term, pages) in zip(entries, stored.items(), strict=True):
        if entry.match == []:
            continue
        found = sorted({p for match in entry.match_texts() for p in pages_citing(match, page_text)})
        if pages != found or pages != sorted(set(pages)):
            wrong.append(f"{term}: stored {pages}, LibreOffice {found}")
    return len(entries), wrong
