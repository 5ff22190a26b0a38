"""The PDF summary laid out for any report (issue 10, "The PDF summary" and the line breaker).

The seed and the five corpus reports (imported with default options, no hand edit) are built
into PDF by the real command and read back from the file (:mod:`pdfpages`): no line starts or
ends with a forbidden mark, no heading is the last line of a page, no page is more than half
empty unless a part ends there, every part and section is printed once, a part's own points
stand under the part. Smaller cases put a heading and a chart at every height of a page, and
show that the checks fail on reportlab's own layout.
"""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pikepdf
import pytest
from conftest import SOURCE, corpus_names, imported_corpus_report, pdf_text, pdfa_findings, reportgen, squeeze
from pdfpages import summary_faults

from generator.linebreak import Block, Run, break_lines, line_width
from generator.loader import load_report
from generator.model import Report
from generator.renderers.pdf import emit
from generator.renderers.pdf.plan import Bullet, Bullets, ChartBlock, Heading, PdfPlan, plan_pdf

NAMES = ["seed", *corpus_names()]


@dataclasses.dataclass
class Summary:
    """One report: its model and its PDF summary."""

    name: str
    report: Report
    pdf: Path


@pytest.fixture(scope="module", params=NAMES)
def summary(request, tmp_path_factory) -> Summary:
    name = request.param
    work = tmp_path_factory.mktemp(name)
    if name == "seed":
        source = SOURCE
    else:
        source = imported_corpus_report(name, work)
    build = reportgen("build", source, "--out", work / "out", "--format", "pdf", "-q")
    assert build.returncode == 0, build.stderr
    (pdf,) = (work / "out").glob("*.pdf")
    return Summary(name, load_report(source), pdf)


def test_no_line_starts_or_ends_with_a_forbidden_mark(summary):
    faults = summary_faults(str(summary.pdf))
    assert faults.bad_starts == [] and faults.bad_ends == []


def test_no_heading_is_the_last_line_of_a_page(summary):
    assert summary_faults(str(summary.pdf)).headings_at_foot == []


def test_no_page_is_more_than_half_empty_unless_a_part_ends_there(summary):
    assert summary_faults(str(summary.pdf)).half_empty == []


def test_no_character_past_the_frame(summary):
    """A hanging mark is drawn by tightening its line, not past the margin (nor past a cell's edge)."""
    import pdfplumber

    right = emit.MARGIN * 72 / 25.4 + emit.FRAME_WIDTH
    with pdfplumber.open(summary.pdf) as pdf:
        outside = [c["text"] for page in pdf.pages for c in page.chars if c["x1"] > right + 0.05]
    assert outside == []


def test_still_archival(summary):
    assert pdfa_findings(summary.pdf) == []


def test_each_part_and_section_once(summary):
    with pikepdf.open(summary.pdf) as pdf, pdf.open_outline() as outline:
        titles: list[str] = []

        def walk(items) -> None:
            for item in items:
                titles.append(item.title)
                walk(item.children)

        walk(outline.root)
    for part in summary.report.parts:
        assert titles.count(part.numbered_heading) == 1
        for section in part.sections:
            assert titles.count(section.numbered_heading) == 1
    text = squeeze(pdf_text(summary.pdf))
    for part in summary.report.parts:
        for item in part.digest_items():  # the digest lists are merged into the summary
            assert squeeze(item) in text


def test_a_parts_own_points_stand_under_the_part_before_its_sections(summary):
    """Points (and their figures) of a part's paragraphs after its last section are not under that section."""
    text = squeeze(pdf_text(summary.pdf).split("报告摘要", 1)[1])
    checked = 0
    for node in summary.report.walk(appendices=False):
        if node.kind == "part":
            part = node.item
            sections = part.sections  # type: ignore[attr-defined]
            seen_section = False
        elif node.kind == "section":
            seen_section = True
        elif node.zone == "body" and node.section_index is None and seen_section and sections:
            heading = text.index(squeeze(part.numbered_heading))
            first_section = text.index(squeeze(sections[0].numbered_heading), heading)
            for point in node.points():
                for piece in [point.text, *(f.quote for f in point.figures)]:
                    if piece:
                        assert heading < text.index(squeeze(piece), heading) < first_section, piece
                        checked += 1
    if summary.name == "seed":
        assert checked > 0  # its first part's last paragraphs come after its sections, with lead-ins


def test_figures_of_a_paragraph_after_the_last_section_stand_under_the_part(tmp_path):
    """The seed with a figure in its first part's last paragraph (after section （三）)."""
    text = SOURCE.read_text(encoding="utf-8")
    lead = "**一是基层社会治理能力还有待提升**。"
    assert text.count(lead) == 1
    text = text.replace(lead, "**一是基层社会治理能力还有待提升**，群众诉求解决率为85.3%。")
    end = text.index("\n", text.index("群众诉求解决率"))
    figure = '{id: part-level-rate, label: 群众诉求解决率, quote: 85.3%, value: 85.3, unit: "%"}'
    text = f"{text[:end]}\n        figures:\n          - {figure}{text[end:]}"
    source = tmp_path / "report.yaml"
    source.write_text(text, encoding="utf-8")
    build = reportgen("build", source, "--out", tmp_path / "out", "--format", "pdf", "-q")
    assert build.returncode == 0, build.stderr
    (pdf,) = (tmp_path / "out").glob("*.pdf")
    summary = squeeze(pdf_text(pdf).split("报告摘要", 1)[1])
    part = summary.index("一、2020年上半年工作回顾")
    first_section = summary.index("（一）一手抓疫情防控", part)
    assert part < summary.index("群众诉求解决率85.3%") < first_section
    assert part < summary.index("一是基层社会治理能力还有待提升") < first_section


# --- the line breaker's rule for numbers and words ------------------------------------------------


def test_numbers_stay_whole_in_the_summary_but_break_anywhere_by_default():
    text = "全年地区生产总值达到12345678亿元"
    block = Block((Run(text, "pdf_body", 11.0),))
    width = line_width(Block((Run(text[:14], "pdf_body", 11.0),)))  # the line would end inside the number
    (_, default), *_ = break_lines(block, width)
    (_, kept), *_ = break_lines(block, width, keep_words=True)
    assert text[default - 1].isdigit() and text[default].isdigit()  # as LibreOffice breaks the DOCX
    assert text[kept - 1 : kept + 1] == "到1"  # the PDF's own lines keep the number whole


# --- every height of a page --------------------------------------------------------------------


def _layout(plan: PdfPlan, path: Path, svgs: list[bytes] | None = None) -> Path:
    """The plan laid out by the emitter (without the archival pass), written to ``path``."""
    emit.register_fonts()
    path.write_bytes(emit._layout(plan, svgs or [], emit.Setter()))
    return path


def _filler(count: int) -> Bullets:
    text = "坚持稳中求进工作总基调，统筹疫情防控和经济社会发展，全力做好“六稳”工作，落实“六保”任务"
    return Bullets(tuple(Bullet(f"{text}（{k}）") for k in range(count)))


def _heading_plans(report: Report) -> list[PdfPlan]:
    """The seed's cover, then a part heading after 30 to 50 bullets: it falls at every height of page 2 and 3."""
    cover = plan_pdf(report).blocks[0]
    return [
        PdfPlan(
            blocks=[
                cover,
                Heading("报告摘要", 0, new_page=True),
                _filler(count),
                Heading("一、2020年上半年工作回顾", 1),
                Heading("（一）一手抓疫情防控，坚持人民至上", 2),
                _filler(6),
            ],
            header="摘要",
        )
        for count in range(30, 50)
    ]


def test_a_heading_at_any_height_is_never_the_last_line_of_a_page(report, tmp_path):
    for number, plan in enumerate(_heading_plans(report)):
        faults = summary_faults(str(_layout(plan, tmp_path / f"{number}.pdf")))
        assert faults.headings_at_foot == [] and faults.half_empty == [], number


def test_without_keeping_headings_some_heading_ends_a_page(report, tmp_path, monkeypatch):
    """The check above can fail: with reportlab's plain order a heading lands at a page's foot."""

    def plain(story: list) -> list:
        for flowable in story:
            if getattr(flowable, "keepWithNext", 0):
                flowable.keepWithNext = 0  # nor reportlab's own keep-with-next
        return story

    monkeypatch.setattr(emit, "keep_headings", plain)
    stranded = 0
    for number, plan in enumerate(_heading_plans(report)):
        stranded += len(summary_faults(str(_layout(plan, tmp_path / f"{number}.pdf"))).headings_at_foot)
    assert stranded > 0


def test_reportlab_cjk_wrapping_breaks_the_rules_the_summary_keeps(tmp_path, monkeypatch):
    """The check for forbidden marks can fail: reportlab's CJK paragraphs start lines with ；."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    emit.register_fonts()
    style = ParagraphStyle("p", fontName="RG-Body", fontSize=11, leading=18, wordWrap="CJK")
    texts = ["；".join(f"第{k}项指标完成{k * 37}亿元" for k in range(start, start + 30)) for start in range(1, 12)]
    path = tmp_path / "reportlab.pdf"
    story = [Paragraph("封面", style)] + [Paragraph(text, style) for text in texts]
    SimpleDocTemplate(str(path), leftMargin=62, rightMargin=62, topMargin=80, bottomMargin=70).build(story)
    assert summary_faults(str(path)).bad_starts != []

    plan = PdfPlan(blocks=[Heading("封面", 0), Bullets(tuple(Bullet(text) for text in texts))], header="摘要")
    ours = summary_faults(str(_layout(plan, tmp_path / "ours.pdf")))
    assert ours.bad_starts == [] and ours.bad_ends == []


def test_a_chart_at_any_height_leaves_no_page_half_empty(report, tmp_path):
    plan = plan_pdf(report)
    charts = [block for block in plan.blocks if isinstance(block, ChartBlock)][:2]
    svgs = emit.draw_charts(charts)
    cover = plan.blocks[0]
    for count in range(0, 36, 3):
        blocks = [cover, Heading("数据图表", 0, new_page=True), _filler(count), *charts, _filler(4)]
        path = _layout(PdfPlan(blocks=blocks, header="摘要"), tmp_path / f"{count}.pdf", svgs)
        faults = summary_faults(str(path))
        assert faults.half_empty == [] and faults.headings_at_foot == [], count


def test_a_chart_is_drawn_smaller_rather_than_moved_when_a_little_room_is_missing(report):
    """Down to three quarters of its size; with less room it moves on whole (its page is then at most a third empty)."""
    from reportlab.pdfgen.canvas import Canvas

    from generator.renderers.pdf.lines import ScaledChart

    plan = plan_pdf(report)
    chart = next(block for block in plan.blocks if isinstance(block, ChartBlock))
    emit.register_fonts()
    (flowable,) = emit._chart(chart, emit.draw_charts([chart])[0], emit._styles(), emit.FRAME_WIDTH, emit.Setter())
    canvas = Canvas(io.BytesIO())
    _, full = flowable.wrapOn(canvas, emit.FRAME_WIDTH, 2000)
    (smaller,) = flowable.splitOn(canvas, emit.FRAME_WIDTH, full * 0.85)
    assert isinstance(smaller, ScaledChart) and smaller.wrapOn(canvas, emit.FRAME_WIDTH, 2000)[1] <= full * 0.85 + 0.01
    assert flowable.splitOn(canvas, emit.FRAME_WIDTH, full * 0.6) == []
    assert full < emit.FRAME_HEIGHT / 2  # moved whole, it leaves less than half a page


def test_every_section_shows_something_of_its_own(summary):
    """A section none of whose blocks has a lead-in or a point shows its first sentence, as the
    speaker says it (the seed's run-in sections, binzhou's last ones): no bare heading."""
    blocks = plan_pdf(summary.report).blocks
    sections = [i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.level == 2]
    if not any(node.kind == "section" for node in summary.report.walk()):
        pytest.skip("this report has no sections")
    assert sections
    for index in sections:
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        assert following is not None and not isinstance(following, Heading), f"{blocks[index].text} shows nothing"


def test_a_section_without_points_shows_its_first_sentence():
    report = load_report(SOURCE)
    blocks = plan_pdf(report).blocks
    node = next(n for n in report.walk() if n.kind == "section" and n.item.run_in)
    first = next(n for n in report.walk() if n.kind == "paragraph" and n.path[: len(node.path)] == node.path)
    assert not first.points()
    (index,) = [i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text == node.item.numbered_heading]
    shown = blocks[index + 1]
    assert isinstance(shown, Bullets)
    text = shown.items[0].text
    assert text.rstrip("…。") and squeeze(first.item.body_text).startswith(squeeze(text.rstrip("…")))
