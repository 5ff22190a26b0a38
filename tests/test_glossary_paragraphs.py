"""A glossary entry keeps every explanation paragraph, in order, in the model and in every product (issue 18, item 2).

The source is the seed with explanations of several paragraphs written for this test (two
entries: one of three paragraphs, one of two); the other entries stay one string, as sources
written before are. Each product is read back from its file: the DOCX's paragraphs (and
LibreOffice's rendering of it against the page model, page references included), the PDF
summary's text, the deck's glossary table.
"""

from __future__ import annotations

import zipfile

import pytest
from conftest import SOURCE, build_products, openxml_errors, pdf_text, pdfa_findings, reportgen, soffice_pdf, squeeze
from docxlayout import W, line_differences, reference_differences
from lxml import etree
from pdflines import read_lines
from pptx import Presentation

from generator.loader import load_report
from generator.model import LIMITS, Glossary, GlossaryEntry
from generator.renderers.docx.plan import plan_document
from generator.renderers.pptx.design import LAYOUTS
from generator.renderers.pptx.plan import GLOSSARY_HEADER, _balanced_cuts, _glossary_slides, plan_deck
from generator.writers.yaml import write_report

THREE = ["第一段：测试用的解释从这里开始。", "第二段：接着写明它与上一段的关系。", "第三段：解释到此结束。"]
TWO = ["测试用的另一条解释，第一段。", "另一条解释的第二段。"]


def _with_paragraphs(text: str, entry: int, paragraphs: list[str]) -> str:
    """The seed's text with glossary entry ``entry``'s definition replaced by a list of ``paragraphs``."""
    lines = text.split("\n")
    start = lines.index("glossary:")
    definitions = [i for i in range(start, len(lines)) if lines[i].startswith("      definition: ")]
    at = definitions[entry]
    block = ["      definition:", *(f"        - {p}" for p in paragraphs)]
    return "\n".join([*lines[:at], *block, *lines[at + 1 :]])


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    text = SOURCE.read_text(encoding="utf-8")
    path = tmp_path_factory.mktemp("glossary") / "multi.yaml"
    text = _with_paragraphs(_with_paragraphs(text, 3, TWO), 0, THREE)  # the later one first: indexes hold
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def report(source):
    return load_report(source)


@pytest.fixture(scope="module")
def products(source, tmp_path_factory):
    return build_products(source, tmp_path_factory.mktemp("products"))


def test_the_model_keeps_every_paragraph_and_old_sources_load_unchanged(report):
    entries = report.glossary.entries
    assert entries[0].paragraphs == THREE and entries[3].paragraphs == TWO
    assert entries[0].definition == THREE  # written as a list, kept as a list
    seed = load_report(SOURCE).glossary.entries
    assert all(isinstance(e.definition, str) and e.paragraphs == [e.definition] for e in seed)
    assert [e.paragraphs for e in entries[1:3]] == [e.paragraphs for e in seed[1:3]]


def test_printed_text_lists_each_paragraph(report):
    printed = report.reading_order()
    first = printed.index(f"{report.glossary.entries[0].term}：{THREE[0]}")
    assert printed[first + 1 : first + 3] == THREE[1:]


def test_the_yaml_writer_keeps_the_paragraphs_and_a_string_stays_a_string(report, tmp_path):
    written = write_report(report)
    assert "definition:\n        - " + THREE[0] in written
    path = tmp_path / "again.yaml"
    path.write_text(written, encoding="utf-8")
    again = load_report(path)
    assert again.glossary.entries == report.glossary.entries
    assert isinstance(again.glossary.entries[1].definition, str)


@pytest.mark.parametrize(
    ("definition", "where"),
    [
        ("\n        - 第一段。\n        - ''\n", 2),  # an empty paragraph: at its own line
        ("\n        - 第一段。\n        - {a: b}\n", 2),  # not a text
        (" []\n", 0),  # no paragraph at all
    ],
)
def test_a_bad_paragraph_is_one_positioned_line(tmp_path, definition, where):
    text = SOURCE.read_text(encoding="utf-8")
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("      definition: "))
    bad = "\n".join([*lines[:at], "      definition:" + definition.rstrip("\n"), *lines[at + 1 :]])
    path = tmp_path / "bad.yaml"
    path.write_text(bad, encoding="utf-8")
    result = reportgen("--lang", "en", "check", path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    expected = f"{path}:{at + 1 + where}:"
    assert any(line.startswith(expected) for line in result.stderr.splitlines()), (expected, result.stderr)


def test_docx_prints_each_paragraph_after_its_entry(report, products):
    assert openxml_errors(products["docx"]) == ""
    root = etree.fromstring(zipfile.ZipFile(products["docx"]).read("word/document.xml"))
    paragraphs = []
    for p in root.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        paragraphs.append((style.get(f"{W}val") if style is not None else "", "".join(t.text for t in p.iter(f"{W}t"))))
    entries = [i for i, (style, _) in enumerate(paragraphs) if style == "GlossaryEntry"]
    assert len(entries) == len(report.glossary.entries)  # one entry paragraph per entry, more paragraphs after it
    for index, expected in ((0, THREE), (3, TWO)):
        at = entries[index]
        assert paragraphs[at][1].endswith("：" + expected[0])
        assert paragraphs[at + 1 : at + len(expected)] == [("GlossaryMore", p) for p in expected[1:]]
        assert paragraphs[at + len(expected)][0] == "GlossaryEntry"


def test_libreoffice_lays_out_the_glossary_as_the_model_says_and_references_hold(report, products, tmp_path):
    lines = read_lines(str(soffice_pdf(products["docx"], tmp_path)))
    plan = plan_document(report)
    assert line_differences(plan, lines) == []
    document = zipfile.ZipFile(products["docx"]).read("word/document.xml")
    checked, wrong = reference_differences(plan, document, lines)
    assert checked == len(report.glossary.entries) and wrong == []


def test_pdf_summary_prints_each_paragraph_in_order(products):
    assert pdfa_findings(products["pdf"]) == []
    text = squeeze(pdf_text(products["pdf"]))
    for expected in (THREE, TWO):
        assert squeeze("".join(expected)) in text


def test_deck_shows_each_entry_with_all_its_paragraphs(report, products):
    assert openxml_errors(products["pptx"]) == ""
    deck = Presentation(str(products["pptx"]))
    rows = [
        [cell.text for cell in row.cells]
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_table and shape.table.cell(0, 0).text == "名词"
        for row in list(shape.table.rows)[1:]
    ]
    terms = [row[0] for row in rows if row[0]]
    assert terms == [entry.term for entry in report.glossary.entries]
    cells = {row[0]: row[1] for row in rows if row[0]}
    assert cells[report.glossary.entries[0].term].split("\n") == THREE
    assert cells[report.glossary.entries[3].term].split("\n") == TWO


def test_a_paragraph_taller_than_a_slide_continues_between_sentences(tmp_path):
    long = "".join(f"这是测试用的第{n}句解释，写得足够长以便占满一行以上的位置。" for n in range(1, 61))
    text = _with_paragraphs(SOURCE.read_text(encoding="utf-8"), 0, [THREE[0], long, THREE[2]])
    path = tmp_path / "long.yaml"
    path.write_text(text, encoding="utf-8")
    report = load_report(path)
    slides = [s for s in plan_deck(report) if s.table is not None and s.table.rows[0] == GLOSSARY_HEADER]
    box = LAYOUTS["content"].box(1)
    assert len(slides) > 2 and all(sum(s.table.heights) <= box.text_height + 0.01 for s in slides)
    rows = [row for s in slides for row in s.table.rows[1:]]
    first = next(i for i, row in enumerate(rows) if row[0] == report.glossary.entries[0].term)
    second = next(i for i, row in enumerate(rows) if row[0] == report.glossary.entries[1].term)
    cells = [row[1] for row in rows[first:second]]
    term = report.glossary.entries[0].term
    assert all(row[0] in ("", term + "（续）") for row in rows[first + 1 : second]) and len(cells) >= 2
    opening = [s.table.rows[1][0] for s in slides[1:] if first < rows.index(s.table.rows[1]) < second]
    assert opening and all(t == term + "（续）" for t in opening)  # a slide opening inside the entry names it
    assert "".join(cells).replace("\n", "") == "".join([THREE[0], long, THREE[2]])  # nothing cut, nothing added
    assert all(cell.split("\n")[-1][-1] == "。" for cell in cells)  # every cut at a sentence's end


def test_too_many_paragraphs_is_refused_at_the_first_extra_one(tmp_path):
    limit = LIMITS["definition"][0]
    text = _with_paragraphs(SOURCE.read_text(encoding="utf-8"), 0, [f"第{n}段。" for n in range(limit + 1)])
    path = tmp_path / "many.yaml"
    path.write_text(text, encoding="utf-8")
    result = reportgen("--lang", "en", "check", path)
    lines = text.split("\n")
    extra = lines.index(f"        - 第{limit}段。") + 1
    assert result.returncode == 1 and f"{path}:{extra}:" in result.stderr and "too many" in result.stderr.lower()


def test_glossary_rows_are_cut_into_slides_evenly_and_never_one_row_alone_where_avoidable():
    assert _balanced_cuts([40.0] * 9, 330.0) == [(0, 5), (5, 9)]  # not 8 + 1
    assert _balanced_cuts([40.0] * 8, 330.0) == [(0, 8)]
    # a row taller than half a slide next to rows that do not fit with it: alone, as it must be
    assert _balanced_cuts([200.0, 200.0, 200.0], 330.0) == [(0, 1), (1, 2), (2, 3)]
    # one more slide when that spares a slide of a single row
    assert _balanced_cuts([100.0, 100.0, 100.0, 100.0], 310.0) == [(0, 2), (2, 4)]


@pytest.mark.parametrize("paragraphs", [5, 6, 7, 8])
def test_entries_taller_than_half_a_slide_are_cut_rather_than_left_one_to_a_slide(paragraphs):
    # two entries each more than half a slide tall: whole, each would stand alone on its slide
    text = "这是一句用于测试的解释文字，说明名词的含义和来源。" * 2
    glossary = Glossary(entries=[GlossaryEntry(term=f"名词{k}", definition=[text] * paragraphs) for k in range(2)])
    slides = _glossary_slides("名词解释", glossary, False)
    assert len(slides) > 1
    assert all(len(slide.table.rows) - 1 >= 2 for slide in slides[1:])  # header row aside
    shown = [line for slide in slides for row in slide.table.rows[1:] for line in row[1].split("\n")]
    assert shown == [text] * (2 * paragraphs)  # every paragraph, whole, in order
