"""The PDF summary: PDF/A-2b, embedded subset fonts, extractable text, charts (issue 4)."""

from __future__ import annotations

import re
import subprocess

import pikepdf
import pytest
from conftest import SOURCE, reportgen, squeeze
from pikepdf import pdfa

from generator.charts import plan_charts
from generator.renderers.pdf.plan import plan_pdf


@pytest.fixture(scope="module")
def pdf_path(built):
    return built["pdf"]


@pytest.fixture(scope="module")
def pdf_text(pdf_path):
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf_path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_passes_pdfa_2b(pdf_path):
    with pikepdf.open(pdf_path) as pdf:
        report = pdfa.check(pdf, "2b")
    assert report.passed, report.findings


def test_metadata_agrees_and_comes_from_the_source(pdf_path, report):
    meta = report.meta
    with pikepdf.open(pdf_path) as pdf:
        info = pdf.docinfo
        xmp = pdf.open_metadata()
        assert str(pdf.Root.Lang) == "zh-CN"
        assert str(info["/Title"]) == xmp["dc:title"] == f"{meta.title}（{meta.status}）摘要"
        assert str(info["/Author"]) == meta.issuer and xmp["dc:creator"] == [meta.issuer]
        assert str(info["/Subject"]) == xmp["dc:description"] == meta.subject
        assert str(info["/Keywords"]) == xmp["pdf:Keywords"] == ", ".join(meta.keywords)
        assert set(xmp["dc:language"]) == {"zh-CN"}
        assert xmp["xmp:CreateDate"].startswith("2020-08-20T00:00:00")
        assert xmp["xmp:MetadataDate"].startswith("2020-08-20")
        assert str(info["/CreationDate"]).startswith("D:20200820")
        assert xmp["pdfaid:part"] == "2" and xmp["pdfaid:conformance"] == "B"


def test_every_font_embedded_and_subset(pdf_path):
    listing = subprocess.run(["pdffonts", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    rows = listing.strip().splitlines()[2:]
    assert rows, listing
    for row in rows:
        name, *_ = row.split()
        assert re.match(r"[A-Z]{6}\+", name), row  # subset
        assert " yes yes yes " in row, row  # embedded, subset, ToUnicode
        assert "Helvetica" not in row


def test_text_extracts_with_source_characters(pdf_text, report):
    text = squeeze(pdf_text)
    missing = []
    for paragraph in report.body_paragraphs():
        if paragraph.lead:
            missing += [paragraph.lead] if squeeze(paragraph.lead) not in text else []
    for entry in report.glossary.entries:
        for piece in (entry.term, *entry.paragraphs):
            if squeeze(piece) not in text:
                missing.append(piece)
    figures = report.figures()
    for tile in report.tiles:
        if squeeze(figures[tile.figure].quote) not in text:
            missing.append(figures[tile.figure].quote)
    for chart in plan_charts(report):
        for piece in (chart.title, chart.note, *(b.label for b in chart.bars), *(b.text for b in chart.bars)):
            if squeeze(piece) not in text:
                missing.append(piece)
    assert not missing
    assert "，" in pdf_text and "," not in squeeze(pdf_text).replace(", ", "")  # full-width stays full-width


def test_summary_covers_parts_sections_digests(pdf_text, report):
    text = squeeze(pdf_text)
    for part in report.parts:
        assert squeeze(part.numbered_heading) in text
        for section in part.sections:
            assert squeeze(section.numbered_heading) in text
        for item in part.digest_items():  # the digest lists are merged into the summary: each point once
            assert squeeze(item) in text
    cover = squeeze(pdf_text.split("\f")[0])
    meta = report.meta
    for piece in (meta.title, meta.status_line, meta.meeting_line, meta.speaker_line, meta.issuer, meta.date_text):
        assert squeeze(piece) in cover


def test_outline_has_every_part_and_section(pdf_path, report):
    with pikepdf.open(pdf_path) as pdf, pdf.open_outline() as outline:
        titles = []

        def walk(items):
            for item in items:
                titles.append(item.title)
                walk(item.children)

        walk(outline.root)
    for part in report.parts:
        assert part.numbered_heading in titles
        for section in part.sections:
            assert section.numbered_heading in titles


def test_charts_are_vector_with_text(pdf_path, report):
    with pikepdf.open(pdf_path) as pdf:
        images = [image for page in pdf.pages for image in page.get_images()]
    assert images == []  # no bitmap anywhere: charts are drawn as vectors
    assert len(plan_charts(report)) >= 4


def test_running_header_and_page_numbers(pdf_text, report):
    pages = pdf_text.split("\f")[:-1]
    assert len(pages) >= 6
    for number, page in enumerate(pages[1:], start=2):
        assert squeeze(report.meta.short_title) in squeeze(page)
        assert f"— {number} —" in page


def test_plan_lists_what_the_source_declares(report):
    plan = plan_pdf(report)
    texts = "".join(plan.texts())
    for tile in report.tiles:
        assert report.figures()[tile.figure].label in texts


def test_characters_no_font_has_refuse_the_build(tmp_path):
    source = tmp_path / "report.yaml"
    text = SOURCE.read_text(encoding="utf-8").replace("lead: 高站位部署政策要求。", "lead: 高站位部署政策要求😀。", 1)
    source.write_text(text, encoding="utf-8")
    result = reportgen("build", source, "--out", tmp_path / "o", "--format", "pdf")
    assert result.returncode == 1
    index = text.index("高站位部署政策要求😀")  # the lead-in, printed as a bullet in AR PL UMing
    at = f"{text.count(chr(10), 0, index) + 1}:{index - text.rfind(chr(10), 0, index)}"
    assert result.stderr == (
        f"{source}:{at}: 所试字体都缺少字符：😀(U+1F600)"
        "（已试：AR PL UMing CN, WenQuanYi Zen Hei, AR PL UKai CN；请改用其他字）\n"
    )
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())
