"""The corpus reports end to end (issues 9 and 18, "Done when"): every report of ``../shared/corpus``
(``conftest.corpus_names``) imported with default options, checked, built to all three products,
and each product checked against the report and against LibreOffice.

The reports are read from ``../shared/corpus`` at test time (the repository does not carry
their text); a missing folder fails every test with a message saying so. Each report is
imported, built and rendered once per module.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import (
    corpus_names,
    imported_corpus_report,
    openxml_errors,
    pdf_text,
    pdfa_findings,
    products_by_format,
    reportgen,
    soffice_convert,
    squeeze,
)
from docx import Document
from docxlayout import grid_differences, line_differences, model_lines, reference_differences
from pdflines import PdfLine, read_lines
from pptx import Presentation
from slideboxes import assert_every_character_inside_its_box

from generator.loader import load_report
from generator.model import Node, Report
from generator.renderers.docx.plan import DocumentPlan, plan_document
from generator.renderers.pdf.plan import plan_pdf

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NAMES = corpus_names()

COMPUTED_REFERENCE = re.compile(r"（《报告》第[\d、页第行]+）")
"""A glossary entry's computed reference (第3、5页 or 第3页第5行、第4页第2行)."""

CONSTRUCTS = {
    "binzhou-2018": {"numbered list", "appendix", "glossary"},
    "changsha-2019": {"glossary", "inner lead-ins"},
    "guangdong-2021": {"appendix", "glossary", "inner lead-ins"},
    "jinan-2024": set(),
    "sichuan-2021": {"inner lead-ins", "glossary"},
    "yibin-2023": {"bullet list", "glossary"},
    "fuzhou-2023": {"bullet list", "inner lead-ins", "glossary"},
    "guowuyuan-2024": {"bullet list", "inner lead-ins"},
    "naqu-2023": {"bullet list", "glossary"},
    "wuxi-2017": {"table", "appendix", "glossary", "inner lead-ins"},
}
"""Constructs each report has at least (what the corpus README and the reports show)."""


KNOWN_FAILURES: dict[tuple[str, str], str] = {}
"""(test, report) pairs that fail for a reason outside the importer's structure, each said; strict: a
fix makes the test fail until its entry is removed."""


@pytest.fixture(autouse=True)
def _known_failure(request):
    params = getattr(request.node, "callspec", None)
    reason = KNOWN_FAILURES.get((request.node.originalname, params.params.get("built") if params else None))
    if reason:
        request.applymarker(pytest.mark.xfail(reason=reason, strict=True))


@dataclass
class Built:
    """One corpus report: its source, model, products and their LibreOffice renderings."""

    name: str
    report: Report
    products: dict[str, Path]
    plan: DocumentPlan
    docx_lines: list[PdfLine]
    deck_pdf: Path


def _render(products: dict[str, Path], out: Path) -> tuple[Path, Path]:
    """The DOCX and the PPTX converted to PDF by one LibreOffice run (as ``conftest.soffice_pdf`` does)."""
    inputs = out / "in"
    inputs.mkdir(parents=True)
    docx = shutil.copy(products["docx"], inputs / "draft.docx")
    pptx = shutil.copy(products["pptx"], inputs / "deck.pptx")
    draft, deck = soffice_convert([docx, pptx], out)
    return draft, deck


@pytest.fixture(scope="module", params=NAMES)
def built(request, tmp_path_factory) -> Built:
    name = request.param
    work = tmp_path_factory.mktemp(name)
    source = imported_corpus_report(name, work)
    check = reportgen("check", source)
    assert check.returncode == 0, check.stderr
    build = reportgen("build", source, "--out", work / "out", "--format", "docx,pdf,pptx", "-q")
    assert build.returncode == 0, build.stderr
    products = products_by_format(work / "out")  # the archival edition: tests/test_archive.py
    assert set(products) == {"docx", "pdf", "pptx"}
    report = load_report(source)
    draft_pdf, deck_pdf = _render(products, work / "rendered")
    return Built(name, report, products, plan_document(report), read_lines(str(draft_pdf)), deck_pdf)


def _docx_text(path: Path) -> str:
    """The DOCX's paragraph and table-cell text in document order, whitespace removed."""
    document = Document(str(path))
    body = document.element.body
    parts = []
    for element in body.iter():
        if element.tag.endswith("}p"):
            parts.append("".join(t.text or "" for t in element.iter() if t.tag.endswith("}t")))
    return squeeze("".join(parts))


def _slides_text(deck) -> str:
    texts = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            elif shape.has_table:
                texts += [cell.text for row in shape.table.rows for cell in row.cells]
    return squeeze("".join(texts))


# --- DOCX -------------------------------------------------------------------------------------


def test_docx_holds_all_the_text_and_passes_the_audit(built):
    text = _docx_text(built.products["docx"])
    expected = squeeze("".join(built.report.reading_order()))
    # The glossary's page references are computed: the source does not hold them.
    text = COMPUTED_REFERENCE.sub("", text)
    assert text == expected, _first_difference(text, expected)
    assert openxml_errors(built.products["docx"]) == ""


def test_libreoffice_lays_the_docx_out_as_the_model_says(built):
    differences = line_differences(built.plan, built.docx_lines)
    assert differences == [], differences
    assert len([t for _, t, _ in model_lines(built.plan) if t]) > 100
    full, wrong = grid_differences(built.plan, built.docx_lines)
    assert wrong == []
    assert full >= 3


def test_every_glossary_reference_is_where_libreoffice_prints_the_term(built):
    with zipfile.ZipFile(built.products["docx"]) as archive:
        document_xml = archive.read("word/document.xml")
    checked, wrong = reference_differences(built.plan, document_xml, built.docx_lines)
    assert wrong == []
    if "glossary" in CONSTRUCTS.get(built.name, set()):
        assert checked > 0


# --- PPTX -------------------------------------------------------------------------------------


def test_pptx_notes_are_the_speech_and_pass_the_audit(built):
    deck = Presentation(str(built.products["pptx"]))
    notes = [s.notes_slide.notes_text_frame.text for s in deck.slides if s.has_notes_slide]
    assert squeeze("".join(notes)) == squeeze("".join(built.report.speech()))
    assert openxml_errors(built.products["pptx"]) == ""


def test_pptx_every_character_inside_its_box(built):
    deck = Presentation(str(built.products["pptx"]))
    assert assert_every_character_inside_its_box(deck, built.deck_pdf) == len(deck.slides)


# --- PDF --------------------------------------------------------------------------------------


def test_pdf_is_pdfa_and_shows_every_point_and_heading(built):
    pdf = built.products["pdf"]
    assert pdfa_findings(pdf) == []
    text = _summary_text(built.report, pdf)
    missing = [p for p in _must_show(built.report) if squeeze(p) not in text]
    assert missing == []


def _summary_text(report: Report, path: Path) -> str:
    """The summary's text without its running heads and page numbers (a text may run on over a page end)."""
    head = squeeze(plan_pdf(report).header)
    lines = [squeeze(line) for line in pdf_text(path).replace("\f", "\n").splitlines()]
    return "".join(line for line in lines if not (line == head or re.fullmatch(r"—\d+—", line)))


def _must_show(report: Report) -> list[str]:
    """Every point of the parts and appendices (lead-ins, implied, inline and list ones) and every heading.

    The summary summarises the parts and the appendices: the opening and the closing are not in it
    (their points are on the deck's slides).
    """
    out = []
    for node in report.walk():
        if node.zone in ("opening", "closing"):
            continue
        if node.kind in ("part", "section"):
            out.append(node.item.numbered_heading)  # type: ignore[attr-defined]
        out += [point.text for point in node.points() if point.text]
    return out


# --- constructs ---------------------------------------------------------------------------------


def _constructs(report: Report) -> dict[str, list[Node]]:
    """The nodes of each construct the report has (lists by kind, tables, appendices, glossary, inner lead-ins)."""
    nodes = list(report.walk())
    glossary = report.glossary_appendix()
    found = {
        "bullet list": [n for n in nodes if n.kind == "list" and n.item.list == "bullet"],
        "numbered list": [n for n in nodes if n.kind == "list" and n.item.list == "numbered"],
        "table": [n for n in nodes if n.kind == "table"],
        "appendix": [n for n in nodes if n.kind == "appendix" and n.item is not glossary],
        "glossary": [n for n in nodes if n.kind == "appendix" and n.item is glossary],
        "inner lead-ins": [n for n in nodes if n.kind == "paragraph" and n.item.leads],
    }
    return {name: found_nodes for name, found_nodes in found.items() if found_nodes}


def test_the_corpus_constructs_are_imported(built):
    assert built.name in CONSTRUCTS, f"read {built.name} and list its constructs in CONSTRUCTS"
    assert CONSTRUCTS[built.name] <= set(_constructs(built.report))


def _docx_paragraphs(path: Path) -> list[tuple[str, str, object]]:
    """(style id, squeezed text, element) of every paragraph of the DOCX body, table cells included."""
    document = Document(str(path))
    out = []
    for element in document.element.body.iter(f"{W}p"):
        style = element.find(f"{W}pPr/{W}pStyle")
        text = "".join(t.text or "" for t in element.iter(f"{W}t"))
        out.append((style.get(f"{W}val") if style is not None else "Normal", squeeze(text), element))
    return out


def _shows(construct: str, nodes: list[Node]) -> dict[str, list[str]]:
    """What each product must show for ``construct``: texts for the DOCX, the PDF and the deck."""
    docx, pdf, pptx = [], [], []
    for node in nodes:
        item = node.item
        if construct.endswith("list"):
            docx += [item.item_marker(i) + entry.full_text for i, entry in enumerate(item.items)]
            pdf += [point.text for point in node.points()]
            pptx += [point.text.rstrip("。") for point in node.points()]
        elif construct == "table":
            cells = [cell.text for row in [*item.header, *item.rows] for cell in row if cell.text.strip()]
            header = [cell.text for row in item.header for cell in row if cell.text.strip()]
            docx += cells
            pdf += [t for t in (item.table, *header, *cells[len(header) : len(header) + 3]) if t]
            pptx += [t for t in (item.table, *header) if t]
        elif construct in ("appendix", "glossary"):
            heads = [t for t in (item.label, item.title) if t]
            docx += heads
            pdf += heads if construct == "appendix" else [item.title or item.glossary.title]
            pptx += heads
            entries = item.glossary.entries if item.glossary else []
            docx += [f"{item.glossary.entry_label(i)}{e.term}" for i, e in enumerate(entries)]
            pdf += [f"{item.glossary.entry_label(i)}{e.term}" for i, e in enumerate(entries)]
            pdf += [p for e in entries for p in e.paragraphs]
            pptx += [e.term for e in entries]
        else:
            docx += item.leads
            pdf += item.leads
            pptx += [lead.rstrip("。") for lead in item.leads]
    return {"docx": docx, "pdf": pdf, "pptx": pptx}


def test_each_construct_shows_in_each_product(built):
    paragraphs = _docx_paragraphs(built.products["docx"])
    docx_text = "".join(text for _, text, _ in paragraphs)
    pdf = _summary_text(built.report, built.products["pdf"])
    deck = Presentation(str(built.products["pptx"]))
    slides = _slides_text(deck)
    xml = zipfile.ZipFile(built.products["docx"]).read("word/document.xml").decode()
    for construct, nodes in _constructs(built.report).items():
        shown = _shows(construct, nodes)
        texts = {"docx": docx_text, "pdf": pdf, "pptx": slides}
        for product, pieces in shown.items():
            missing = [p for p in pieces if squeeze(p) not in texts[product]]
            assert missing == [], (construct, product, missing)
        if construct.endswith("list"):  # each item is a paragraph of its own, opening with its marker
            starts = {text for _, text, _ in paragraphs}
            for node in nodes:
                for i, entry in enumerate(node.item.items):
                    line = squeeze(node.item.item_marker(i) + entry.full_text)
                    assert any(s.endswith(line) for s in starts), line  # a run-in heading may open it
        elif construct == "table":
            assert xml.count("<w:tbl>") == len(nodes) and "<w:tblHeader/>" in xml and "<w:cantSplit/>" in xml
            tables = [shape.table for s in deck.slides for shape in s.shapes if shape.has_table]
            assert len(tables) >= len(nodes)
            for node in nodes:
                header = [cell.text for cell in node.item.header[0]] if node.item.header else []
                assert any([c.text.strip() for c in t.rows[0].cells] == header for t in tables), header
        elif construct in ("appendix", "glossary"):
            styled = [(style, text) for style, text, _ in paragraphs]
            for node in nodes:
                item = node.item
                if item.label:
                    assert ("AppendixLabel", squeeze(item.label)) in styled
                if item.title:
                    assert ("AppendixTitle", squeeze(item.title)) in styled
                first = next(
                    e
                    for style, _, e in paragraphs
                    if style in ("AppendixLabel", "AppendixTitle")
                    and squeeze("".join(t.text or "" for t in e.iter(f"{W}t")))
                    in (squeeze(item.label), squeeze(item.title))
                )
                assert first.find(f"{W}pPr/{W}pageBreakBefore") is not None
                titles = [s.shapes.title.text_frame.text for s in deck.slides if s.shapes.title is not None]
                assert any(squeeze(item.title or item.label) in squeeze(t) for t in titles)
            if construct == "glossary":
                entries = [text for style, text, _ in paragraphs if style == "GlossaryEntry"]
                assert len(entries) == len(nodes[0].item.glossary.entries)
                assert xml.count("PAGEREF _Ref_g") >= sum(1 for r in built.plan.references if r.pages)
                cells = [  # the deck's glossary table: every explanation paragraph, whole and in order
                    row.cells[1].text
                    for s in deck.slides
                    for shape in s.shapes
                    if shape.has_table and shape.table.cell(0, 0).text == "名词"
                    for row in list(shape.table.rows)[1:]
                ]
                explained = [p for e in nodes[0].item.glossary.entries for p in e.paragraphs]
                assert squeeze("".join(cells)) == squeeze("".join(explained))
        else:  # inner lead-ins are bold runs of their own in the DOCX, the text unchanged
            bold = {squeeze(group) for _, _, e in paragraphs for group in _lead_in_runs(e)}
            for node in nodes:
                for lead in node.item.leads:  # two lead-ins that touch (…30所。三是…) make one run of bold
                    assert any(squeeze(lead) in group for group in bold), lead


def _lead_in_runs(paragraph) -> list[str]:
    """The texts of a paragraph's LeadIn runs, consecutive runs joined (a bookmark may cut a lead-in)."""
    groups, previous = [], False
    for run in paragraph.iter(f"{W}r"):
        lead = run.find(f"{W}rPr/{W}rStyle[@{W}val='LeadIn']") is not None
        text = "".join(t.text or "" for t in run.iter(f"{W}t"))
        if lead and previous:
            groups[-1] += text
        elif lead:
            groups.append(text)
        previous = lead
    return groups


def _first_difference(a: str, b: str) -> str:
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return f"at {i}: …{a[max(0, i - 30) : i + 30]}… vs …{b[max(0, i - 30) : i + 30]}…"
    return f"lengths {len(a)} vs {len(b)}"
