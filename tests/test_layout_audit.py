"""The layout audit (issues 10 and 18, "Done when"): every count is 0 on the seed and the corpus
reports, and each counter finds a defect planted in a file made here (so that a 0 means something).

``scripts/layout_audit.py`` imports, builds, renders and measures the seed and the ten corpus
reports (158 to 326 s on two cores shared with other work: the reports are audited two at a time, each
with its own LibreOffice profiles).
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys

import layout_audit as audit
import pytest
from conftest import REPO, SHARED, SOURCE, squeeze
from layoutcheck import box_findings
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Inches, Pt

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


# --- the audit itself ------------------------------------------------------------------------


def test_every_count_is_zero_on_the_seed_and_the_corpus():
    corpus = SHARED / "corpus"
    if not any(corpus.glob("*.md")):
        pytest.fail(f"corpus missing: {corpus} (set REPORTGEN_SHARED to the folder holding corpus/)")
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "layout_audit.py"), "--json", "--corpus", str(corpus)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode in (0, 1), result.stderr[-3000:]
    payload = json.loads(result.stdout)
    assert payload["errors"] == {}
    assert set(payload["counts"]) == {
        "changying-2020-midyear",
        *(p.stem for p in corpus.glob("*.md") if p.stem != "README"),
    }
    nonzero = {name: {k: v for k, v in counts.items() if v} for name, counts in payload["counts"].items()}
    nonzero = {name: counts for name, counts in nonzero.items() if counts}
    message = [f"{name}: {counts}" for name, counts in nonzero.items()]
    for name, counts in nonzero.items():
        message += [f"  {name} [{key}] {finding}" for key in counts for finding in payload["findings"][name][key][:3]]
    assert nonzero == {}, "counts that are not 0 (the first findings of each):\n" + "\n".join(message)
    assert result.returncode == 0


# --- the PDF summary -------------------------------------------------------------------------


def _pdf(path, pages: list[list[tuple[str, str, float, float]]]) -> None:
    """A PDF of A4 pages, each a list of (text, style key, x, y from the top) drawn in the summary's faces."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from generator.renderers.pdf.emit import _styles, register_fonts

    register_fonts()
    styles = _styles()
    canvas = Canvas(str(path), pagesize=A4)
    for lines in pages:
        for text, key, x, top in lines:
            style = styles[key]
            canvas.setFont(style.fontName, style.fontSize)
            canvas.drawString(x, A4[1] - top, text)
        canvas.showPage()
    canvas.save()


def test_a_line_starting_or_ending_with_a_forbidden_mark_is_counted(tmp_path):
    path = tmp_path / "marks.pdf"
    _pdf(
        path,
        [
            [
                ("我们要做好下半年的各项工作，", "body", 80, 100),
                ("，继续推进改革发展", "body", 80, 120),  # a line may not start with ，
                ("——推动高质量发展", "body", 80, 140),  # a paragraph opening with —— is no fault
                ("全面落实《", "body", 80, 160),  # a line may not end with 《
                ("条例》的要求。", "body", 80, 180),
            ]
        ],
    )
    starts = audit.paragraph_starts(["我们要做好下半年的各项工作，继续推进改革发展", "——推动高质量发展"])
    findings = audit.forbidden_marks(audit.pdf_pages(path), starts)
    assert len(findings) == 2, findings
    assert "'，'" in findings[0] and "'《'" in findings[1]
    starts = audit.paragraph_starts(["，继续推进改革发展", "——推动高质量发展"])  # the line opens a paragraph
    assert audit.forbidden_marks(audit.pdf_pages(path), starts) == findings[1:]


def test_a_heading_at_the_foot_of_a_page_is_counted(tmp_path):
    path = tmp_path / "foot.pdf"
    _pdf(
        path,
        [
            [("正文一行。", "body", 80, 600), ("一、下半年工作安排", "h1", 80, 740)],  # last on the page
            [("（一）抓好疫情防控", "h2", 80, 100), ("正文一行。", "body", 80, 130)],
            [("正文一行。", "body", 80, 700), ("— 3 —", "body", 280, 810)],  # the page number is no text line
        ],
    )
    findings = audit.headings_at_foot(audit.pdf_pages(path), audit.heading_faces())
    assert len(findings) == 1 and "p.1" in findings[0], findings


def test_an_empty_cell_of_the_key_figure_grid_is_counted(tmp_path):
    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    from generator.palette import GOLD, PALE_GOLD
    from generator.renderers.pdf.emit import _styles, register_fonts

    register_fonts()
    styles = _styles()

    def tile() -> list:
        return [Paragraph("1亿元", styles["tile_number"]), Paragraph("区级税收", styles["tile_label"])]

    table = Table([[tile(), tile()], [tile(), ""]], colWidths=[200, 200], rowHeights=88)
    table.setStyle(
        TableStyle(
            [
                ("INNERGRID", (0, 0), (-1, -1), 0.8, HexColor("#" + GOLD)),
                ("BOX", (0, 0), (-1, -1), 0.8, HexColor("#" + GOLD)),
                ("BACKGROUND", (0, 0), (-1, -1), HexColor("#" + PALE_GOLD)),
            ]
        )
    )
    header = Table([["", "2016"], ["GDP", "1"]], colWidths=[100, 100])  # an empty header cell is no tile
    header.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), HexColor("#" + PALE_GOLD))]))
    path = tmp_path / "tiles.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build([table, header])
    findings = audit.pdf_empty_tiles(path)
    assert len(findings) == 1, findings


# --- the deck --------------------------------------------------------------------------------


def _slide(deck, layout: int = 6):
    return deck.slides.add_slide(deck.slide_layouts[layout])


def test_notes_over_1500_characters_are_counted():
    deck = Presentation()
    for length in (1500, 1501, 20):
        _slide(deck).notes_slide.notes_text_frame.text = "字" * (length - 10) + "\n" + "字" * 10
    findings = audit.long_notes(deck)
    assert findings == ["PPTX slide 2: notes of 1501 characters"]


def test_an_empty_tile_box_is_counted_on_the_slide_and_from_the_layout():
    deck = Presentation()
    slide = _slide(deck)
    filled = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Inches(1), Inches(1), Inches(3), Inches(2))
    filled.name = "数据底框1"
    number = slide.shapes.add_textbox(Inches(1.2), Inches(1.5), Inches(2.6), Inches(1))
    number.text_frame.text = "1亿元"
    empty = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Inches(5), Inches(1), Inches(3), Inches(2))
    empty.name = "数据底框2"
    assert audit.empty_tiles(deck) == ["PPTX slide 1: tile box '数据底框2' is empty"]
    # A tile box drawn by the layout, with nothing over it on the slide.
    layout_tile = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Inches(1), Inches(4), Inches(3), Inches(2))
    layout_tile.name = "数据底框3"
    slide.slide_layout.shapes._spTree.append(copy.deepcopy(layout_tile._element))
    layout_tile._element.getparent().remove(layout_tile._element)
    assert len(audit.empty_tiles(deck)) == 2


def test_a_bullet_under_24_pt_is_counted_with_its_inherited_size():
    deck = Presentation()
    slide = _slide(deck, 1)  # title and content: the body's bullets come from the master (32 pt)
    body = slide.placeholders[1].text_frame
    body.text = "继承母版字号"
    small = body.add_paragraph()
    small.text = "二十磅的要点"
    small.runs[0].font.size = Pt(20)
    assert len(audit.small_bullets(deck)) == 1
    # The master's body style at 20 pt: the paragraph without a size of its own inherits it.
    master_level = deck.slide_master._element.find(f".//{{*}}bodyStyle/{A}lvl1pPr/{A}defRPr")
    master_level.set("sz", "2000")
    assert len(audit.small_bullets(deck)) == 2
    # The layout's placeholder says 28 pt: nearer than the master, it wins.
    layout_body = next(p for p in slide.slide_layout.placeholders if p.placeholder_format.idx == 1)
    lst = layout_body._element.find(f".//{A}lstStyle")
    level = lst.makeelement(f"{A}lvl1pPr", {})
    level.append(level.makeelement(f"{A}defRPr", {"sz": "2800"}))
    lst.append(level)
    assert len(audit.small_bullets(deck)) == 1
    # A paragraph without a bullet is no bullet, whatever its size.
    ppr = small._p.get_or_add_pPr()
    ppr.append(ppr.makeelement(f"{A}buNone", {}))
    assert audit.small_bullets(deck) == []


def test_parts_sections_appendices_and_tables_without_a_slide_are_counted():
    from generator.loader import load_report

    report = load_report(SOURCE)
    expected = sum(1 for node in report.walk() if node.kind in ("part", "section", "appendix", "table"))
    deck = Presentation()
    assert len(audit.missing_slides(report, deck)) == expected
    part = report.parts[0]
    _slide(deck, 5).shapes.title.text = part.heading  # title only
    shortened = _slide(deck, 5)
    shortened.shapes.title.text = part.sections[0].numbered_heading[:8] + "…"
    assert len(audit.missing_slides(report, deck)) == expected - 2


def test_title_lines_too_short_or_splitting_a_name_are_counted():
    meeting = "——2020年8月20日在常营回族乡第十七届人民代表大会第九次会议上"
    assert audit.splits_name(meeting, meeting.index("上"))  # 会议|上
    assert audit.splits_name(meeting, meeting.index("乡第"))  # 常营回族|乡
    assert audit.splits_name(meeting, meeting.index("代表"))  # 人民|代表大会
    assert audit.splits_name(meeting, meeting.index("十七"))  # 第|十七届
    assert audit.splits_name(meeting, 4)  # 20|20年
    assert not audit.splits_name(meeting, meeting.index("第十七"))  # 常营回族乡|第十七届
    assert not audit.splits_name(meeting, meeting.index("第九"))  # 人民代表大会|第九次会议上
    assert not audit.splits_name(meeting, meeting.index("常营"))  # 在|常营回族乡
    assert audit.title_line_findings("DOCX", ["——2020年8月20日在常营回族乡", "第十七届人民代表大会第九次会议上"]) == []
    assert len(audit.title_line_findings("DOCX", ["政府工作报", "告"])) == 1
    assert (
        len(audit.title_line_findings("DOCX", ["——2020年8月20日在常营回族乡第十七届人民代表大会第九次会议", "上"])) == 2
    )
    deck = Presentation()
    _slide(deck, 0).shapes.title.text = "常营回族\v乡第十七届人民代表大会"
    _slide(deck, 5).shapes.title.text = "目录"  # a title of two characters is whole, not a short line
    assert len(audit.slide_title_findings(deck, None)) == 1


def test_rendered_lines_are_matched_to_the_title_they_print():
    lines = ["政府工作报告", "（草案）", "——2020年8月20日在常营回族", "乡第十七届人民代表大会第九次会议上", "乡长"]
    findings = audit.rendered_title_findings("PDF cover", lines, ["政府工作报告", lines[2] + lines[3]])
    assert len(findings) == 1 and "splits a name" in findings[0]


def test_characters_outside_their_box_and_overlapping_lines_are_counted(tmp_path):
    deck = Presentation()
    slide = _slide(deck)
    fits = slide.shapes.add_textbox(Inches(1), Inches(5), Inches(6), Inches(1))
    fits.text_frame.text = "这一行在框内"
    fits.text_frame.paragraphs[0].runs[0].font.size = Pt(24)
    overflowing = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(2), Inches(0.5))
    overflowing.text_frame.word_wrap = True
    overflowing.text_frame.text = "这是一段远远超出文本框高度的文字，" * 4
    overflowing.text_frame.paragraphs[0].runs[0].font.size = Pt(24)
    overlapping = slide.shapes.add_textbox(Inches(1), Inches(5.15), Inches(6), Inches(1))
    overlapping.text_frame.text = "另一行压在上面"
    overlapping.text_frame.paragraphs[0].runs[0].font.size = Pt(24)
    path = tmp_path / "boxes.pptx"
    deck.save(str(path))
    rendered = audit.soffice(path, tmp_path / "rendered", aliases=False)
    findings = box_findings(Presentation(str(path)), rendered)
    assert any("outside every box" in f for f in findings), findings
    assert any("overlap" in f for f in findings), findings
    assert len(findings) > 10  # one a character outside


def test_an_odd_number_of_tiles_leaves_no_empty_box(tmp_path):
    """Seven tiles (the seed less one): the PDF's last tile takes its whole row; the deck's grids hold 4 + 3."""
    from conftest import reportgen

    text = SOURCE.read_text(encoding="utf-8").replace("  - figure: water-meters\n", "", 1)
    source = tmp_path / "odd.yaml"
    source.write_text(text, encoding="utf-8")
    result = reportgen("build", source, "--out", tmp_path / "out", "--format", "pdf,pptx", "-q")
    assert result.returncode == 0, result.stderr
    (pdf,) = (tmp_path / "out").glob("*.pdf")
    (deck,) = (tmp_path / "out").glob("*.pptx")
    assert audit.pdf_empty_tiles(pdf) == []
    assert audit.empty_tiles(Presentation(str(deck))) == []


# --- whole bullets, no empty part, no lone continuation (issue 18) ---------------------------


def _set_text(paragraph, text: str) -> None:
    """Replace a slide paragraph's text, keeping its first run's format."""
    runs = paragraph.runs
    runs[0].text = text
    for run in runs[1:]:
        run._r.getparent().remove(run._r)


def _content_slides(deck) -> list:
    return [s for s in deck.slides if s.slide_layout.name == audit.CONTENT and audit._body_bullets(s)]


def test_a_divider_followed_by_no_content_and_a_section_without_slides_are_counted(built, report):
    deck = Presentation(str(built["pptx"]))
    assert audit.empty_slides(report, deck) == []
    slides = list(deck.slides)
    dividers = [n for n, s in enumerate(slides) if s.slide_layout.name == audit.DIVIDER]
    ids = deck.slides._sldIdLst
    for element in list(ids)[dividers[0] + 1 : dividers[1]]:  # the first part's content slides, gone
        ids.remove(element)
    findings = audit.empty_slides(report, deck)
    sections = [s.numbered_heading for s in report.parts[0].sections]
    assert len(findings) == 1 + len(sections), findings
    assert "is followed by slide" in findings[0] and all(any(h in f for f in findings[1:]) for h in sections), findings
    last = [n for n, s in enumerate(deck.slides) if s.slide_layout.name == audit.DIVIDER][-1]
    for element in list(ids)[last + 1 :]:  # everything after the last part's divider, gone
        ids.remove(element)
    assert any("is followed by the end" in f for f in audit.empty_slides(report, deck))


def test_a_bullet_cut_with_an_ellipsis_or_inside_a_word_or_number_is_counted(built, report):
    deck = Presentation(str(built["pptx"]))
    assert audit.cut_bullets(report, deck) == []
    text, _phrases = audit._allowed_ends(report)
    paragraphs = [
        p
        for s in _content_slides(deck)
        for shape in s.placeholders
        if shape.placeholder_format.idx == 1
        for p in shape.text_frame.paragraphs
        if p.text.strip()
    ]
    first, second, third = paragraphs[:3]
    _set_text(first, first.text[:6] + "…")
    inside = next(  # a bullet that stops two characters before a punctuation mark: inside a word
        squeeze(p.text)[:-2] for p in paragraphs[1:] if len(squeeze(p.text)) > 6 and squeeze(p.text)[-3].isalpha()
    )
    _set_text(second, inside)
    number = re.search(r"[\u4e00-\u9fff]{4}\d{2,}", text)  # four characters and a number of the report
    _set_text(third, number.group()[:-1])  # its last digit left off
    findings = audit.cut_bullets(report, deck)
    assert len(findings) == 3, findings
    assert "ends in …" in findings[0] and all("inside a word or number" in f for f in findings[1:])


def test_a_continuation_slide_with_a_single_entry_is_counted(built):
    deck = Presentation(str(built["pptx"]))
    assert audit.single_continuations(deck) == []
    slide = next(s for s in _content_slides(deck) if len(audit._body_bullets(s)) >= 2)
    slide.shapes.title.text_frame.text = slide.shapes.title.text_frame.text + "（续）"
    assert audit.single_continuations(deck) == []  # two entries or more: no fault
    body = next(s for s in slide.placeholders if s.placeholder_format.idx == 1).text_frame
    for paragraph in body.paragraphs[1:]:
        paragraph._p.getparent().remove(paragraph._p)
    assert len(audit.single_continuations(deck)) == 1


def test_a_part_or_section_of_the_summary_without_a_point_is_counted(tmp_path):
    path = tmp_path / "summary.pdf"
    _pdf(
        path,
        [
            [
                ("报告摘要", "h0", 80, 100),
                ("一、过去一年工作回顾", "h1", 80, 140),  # directly followed by the next part
                ("二、今年工作安排", "h1", 80, 170),
                ("稳定经济增长", "bullet", 96, 200),
                ("（一）扩大有效投资", "h2", 80, 230),  # figures only: no point
                ("固定资产投资 120亿元", "figures", 96, 255),
                ("三、加强政府自身建设", "h1", 80, 290),  # the last heading, nothing under it
            ]
        ],
    )
    findings = audit.bare_summary_headings(audit.pdf_pages(path), audit.summary_faces())
    assert len(findings) == 3, findings
    assert "一、" in findings[0] and "（一）" in findings[1] and "三、" in findings[2]
