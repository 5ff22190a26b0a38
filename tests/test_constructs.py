"""Every construct of the model in all three products: lists, tables, inner lead-ins, appendices,
numbering modes, a glossary appendix with numbered entries and page-and-line references, a
multi-series chart, no status (issue 9 §3). The source is `tests/data/constructs.yaml`."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import build_products, openxml_errors, pdf_text, pdfa_findings, squeeze
from pptx import Presentation

from generator.loader import load_report
from generator.renderers import RENDERERS, default_formats, product_name
from generator.renderers.docx.plan import PlannedTable, plan_document

SOURCE = Path(__file__).parent / "data" / "constructs.yaml"


@pytest.fixture(scope="module")
def report():
    return load_report(SOURCE)


@pytest.fixture(scope="module")
def products(tmp_path_factory):
    return build_products(SOURCE, tmp_path_factory.mktemp("constructs"))


def test_no_status_means_nothing_printed_and_a_plain_file_name(report, products):
    assert report.meta.status_line == "" and report.meta.titled == "政府工作报告"
    names = {product_name(report, RENDERERS[fmt]) for fmt in default_formats()}  # docx pdf pptx -full.pdf ofd
    assert {p.name for p in products.values()} == names
    assert report.meta.file_stem == "constructs-demo_v2"


def test_numbering_modes(report):
    assert [p.numbered_heading for p in report.parts] == ["一、2023年工作回顾", "二、2024年主要任务"]
    assert [s.numbered_heading for s in report.parts[0].sections] == ["（一）坚持创新驱动", "（二）坚持民生为本"]
    assert "2.壮大市场主体新登记市场主体3.2万户。" in report.speech()  # points straight through the part


def test_docx_holds_every_construct(report, products):
    docx = products["docx"]
    assert openxml_errors(docx) == ""
    xml = zipfile.ZipFile(docx).read("word/document.xml").decode()
    assert xml.count("<w:tbl>") == 1 and "<w:tblHeader/>" in xml and "<w:cantSplit/>" in xml
    text = squeeze("".join(p.text for p in plan_document(report).paragraphs))
    for piece in (
        "——产业发展提质增效。",
        "附件1",
        "民生实事",
        "1.建设城市公园：",
        "附件2",
        "名词解释",
        "合计（含续建项目）",
    ):
        assert squeeze(piece) in text, piece
    plan = plan_document(report)
    (ref,) = plan.references
    entry = next(p for p in plan.paragraphs if getattr(p, "style", "") == "GlossaryEntry")
    expected = "、".join(f"第{page}页第{row}行" for page, row in zip(ref.pages, ref.rows, strict=True))
    assert entry.text.startswith(f"1.“六个一”工程（《报告》{expected}）：")
    table = next(p for p in plan.paragraphs if isinstance(p, PlannedTable))
    assert table.header_rows == 1 and abs(sum(table.widths) - 156 * 72 / 25.4) < 1


def test_docx_leads_inside_the_text_are_bold_and_the_text_unchanged(report):
    plan = plan_document(report)
    paragraph = next(p for p in plan.paragraphs if "一是稳住了经济大盘。" in p.text)
    bold = [s.text for s in paragraph.segments if s.char_style == "LeadIn"]
    assert bold == ["一是稳住了经济大盘。", "二是守住了民生底线。"]
    assert paragraph.text == report.parts[0].content[0].full_text


def test_pdf_holds_every_construct(products):
    pdf = products["pdf"]
    assert pdfa_findings(pdf) == []
    text = squeeze(pdf_text(pdf))
    for piece in (
        "一是稳住了经济大盘。",
        "二是守住了民生底线。",
        "产业发展提质增效。",
        "主要民生指标",
        "新建养老机构",
        "附件1",
        "1.建设城市公园：",
        "1.“六个一”工程",
        "2022年",
    ):
        assert squeeze(piece) in text, piece


def test_pptx_holds_every_construct(report, products):
    pptx = products["pptx"]
    assert openxml_errors(pptx) == ""
    deck = Presentation(str(pptx))
    titles = [s.shapes.title.text_frame.text for s in deck.slides if s.shapes.title is not None]
    assert "主要民生指标" in titles and "附件1　民生实事" in titles and "附件2　名词解释" in titles
    tables = [shape.table for s in deck.slides for shape in s.shapes if shape.has_table]
    (table,) = [t for t in tables if t.cell(0, 0).text != "名词"]  # the glossary is a table of its own
    assert table.cell(2, 1).text == "-"
    (glossary,) = [t for t in tables if t.cell(0, 0).text == "名词"]
    entry = report.glossary_appendix().entries[0]
    assert [c.text for c in glossary.rows[1].cells] == [f"1.{entry.term}", entry.definition]
    notes = [s.notes_slide.notes_text_frame.text for s in deck.slides if s.has_notes_slide]
    assert squeeze("".join(notes)) == squeeze("".join(report.speech()))
    charts = [shape.chart for s in deck.slides for shape in s.shapes if shape.has_chart]
    assert [len(c.plots[0].series) for c in charts] == [2] and charts[0].has_legend
