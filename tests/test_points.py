"""Level-3 points (1. 2. …): numbered per section, standalone or run-in, in every product."""

from conftest import SOURCE

from generator.loader import parse_report
from generator.model import Paragraph, paragraph_points
from generator.renderers.docx.plan import plan_document
from generator.renderers.pdf.plan import Bullets, plan_pdf
from generator.renderers.pptx.plan import plan_deck

POINTS = (
    SOURCE.read_text(encoding="utf-8")
    .replace(
        "          - lead: 高质量强化各项保障。\n",
        "          - point: 强化保障\n            lead: 高质量强化各项保障。\n",
        1,
    )
    .replace(
        "          - lead: 高力度落实重点管控。\n",
        "          - point: 落实管控。\n            run_in: true\n            lead: 高力度落实重点管控。\n",
        1,
    )
)


def test_points_are_numbered_and_spoken():
    report = parse_report(POINTS.encode("utf-8"), "points.yaml")
    paragraphs = report.parts[0].sections[0].paragraphs
    assert [p.numbered_point for p in paragraphs] == [None, "1.强化保障", "2.落实管控。", None]
    speech = report.speech()
    assert "1.强化保障" in speech
    assert any(line.startswith("2.落实管控。高力度落实重点管控。") for line in speech)


def test_points_in_the_docx_pdf_and_pptx():
    report = parse_report(POINTS.encode("utf-8"), "points.yaml")
    plan = plan_document(report)
    headings = [p for p in plan.paragraphs if p.style == "Heading3"]
    assert [p.text for p in headings] == ["1.强化保障"]
    run_in = next(p for p in plan.paragraphs if p.text.startswith("2.落实管控。"))
    assert run_in.segments[0].char_style == "PointHeading" and run_in.style == "Normal"
    bullets = [b.text for block in plan_pdf(report).blocks if isinstance(block, Bullets) for b in block.items]
    assert "高质量强化各项保障。" in bullets
    notes = [n for slide in plan_deck(report) for n in slide.notes]
    assert notes == report.speech()


def test_glossary_entry_may_cite_only_its_first_occurrence():
    text = SOURCE.read_text(encoding="utf-8").replace(
        "    - term: “六稳”\n", "    - term: “六稳”\n      cite: first\n", 1
    )
    report = parse_report(text.encode("utf-8"), "cite.yaml")
    every = plan_document(parse_report(SOURCE.read_bytes(), "all.yaml")).references
    first = plan_document(report).references
    six_all = next(r for r in every if r.term == "“六稳”")
    six_first = next(r for r in first if r.term == "“六稳”")
    assert len(six_all.pages) == 2 and six_first.pages == six_all.pages[:1]


def test_an_emphasised_number_or_latin_word_is_not_a_point_but_an_emphasised_phrase_is():
    assert paragraph_points(Paragraph(text="污染防治扎实推进，PM**2.5**浓度最优，**5G**基站建成。")) == []
    assert [p.text for p in paragraph_points(Paragraph(text="我们**上下一盘棋**，共同推进。"))] == ["上下一盘棋"]
