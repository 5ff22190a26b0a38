"""Implied lead-ins (issue 18, item 7): a paragraph's short opening sentence that the rest develops is
its lead-in, for the PDF summary and the deck, by the rules of ``generator/leadins.py``; a bold one
wins; look-alikes (a one-sentence paragraph, a long first sentence, an introduction, a connective)
are not. The samples are written for these tests.
"""

from __future__ import annotations

import io

import pytest
from conftest import reportgen
from ruamel.yaml import YAML

from generator.leadins import LEAD_LONGEST, clause_prefix, implied_lead, openers, whole_opening
from generator.loader import load_report, parse_report
from generator.model import Paragraph, paragraph_points
from generator.renderers.pdf.plan import Bullets, Heading, plan_pdf
from generator.renderers.pptx.plan import plan_deck

LEAD = "加快城市更新步伐。"
DEVELOPED = "今年改造老旧小区二十个，新建口袋公园十处，整治背街小巷三十条，让群众住得更舒心、出行更方便。"


def _points(**fields) -> list[str]:
    return [p.text for p in paragraph_points(Paragraph(**fields))]


def test_a_short_opening_sentence_that_the_rest_develops_is_the_lead_in():
    paragraph = Paragraph(text=LEAD + DEVELOPED)
    assert paragraph.implied_lead == LEAD
    assert paragraph.lead_ins() == [LEAD]
    assert _points(text=LEAD + DEVELOPED) == [LEAD]
    assert paragraph.full_text == LEAD + DEVELOPED  # the text stays exactly as written


def test_a_one_sentence_paragraph_has_no_implied_lead_in():
    one = "加快城市更新步伐，改造老旧小区二十个，新建口袋公园十处。"
    assert implied_lead(one) is None
    assert _points(text=one) == []


def test_a_long_first_sentence_is_not_a_lead_in():
    long = "加快城市更新步伐" + "，持续改善人居环境" * 4 + "。"
    assert len(long) > LEAD_LONGEST
    assert implied_lead(long + DEVELOPED * 2) is None


def test_a_bold_lead_in_wins():
    bold = "推进城乡融合发展。"
    assert _points(lead=bold, text=LEAD + DEVELOPED) == [bold]
    # A text opening in bold: the emphasised phrase is the lead-in, not the implied sentence.
    assert _points(text="**统筹城乡发展**，" + LEAD + DEVELOPED) == ["统筹城乡发展"]
    # A level-3 heading is the paragraph's point (a paragraph outside a report has no number yet).
    assert _points(point="城市更新", text=LEAD + DEVELOPED) == ["城市更新"]


@pytest.mark.parametrize(
    "text",
    [
        "今年主要做了以下工作：" + DEVELOPED,  # an introduction ends with ：
        "各位代表！" + DEVELOPED,  # an address
        "同时，我们也看到不少困难。" + DEVELOPED,  # leans on the text before
        "全市生产总值增长6.5%。" + DEVELOPED,  # a figure, not a lead-in
        LEAD + "改造老旧小区二十个。",  # the rest is too short to develop it
        LEAD + "改造老旧小区二十个，新建口袋公园十处，整治背街小巷三十条",  # no whole sentence follows
    ],
)
def test_look_alikes_are_not_lead_ins(text):
    assert implied_lead(text) is None


def test_the_openers_are_a_data_list():
    assert "同时" in openers() and "各位代表" in openers()
    assert all(not word.startswith("#") for word in openers())


def test_a_mark_inside_quotation_marks_does_not_end_the_sentence():
    quoted = "落实“放管服”改革。要求，推动“一网通办”。" + DEVELOPED
    assert implied_lead(quoted) == "落实“放管服”改革。"
    assert implied_lead("坚持“稳字当头。稳中求进”。" + DEVELOPED) == "坚持“稳字当头。稳中求进”。"


def test_whole_opening_is_a_whole_sentence_or_whole_clauses_never_cut():
    sentence = "面对复杂多变的外部环境，我们坚持稳中求进工作总基调，扎实推进各项工作，确保任务落地见效。"
    assert whole_opening(sentence, 60) == sentence
    assert whole_opening(sentence, 30) == "面对复杂多变的外部环境，我们坚持稳中求进工作总基调"
    assert whole_opening(sentence, 12) == "面对复杂多变的外部环境"
    assert whole_opening(sentence, 8) is None  # no clause that short
    assert clause_prefix("一年来，我们推进改革", 20) is None  # 一年来 is too short to stand alone


def _yaml_report(paragraphs: list[dict]) -> object:
    data = {
        "report": {
            "id": "leadins",
            "title": "政府工作报告",
            "date": "2024-01-10",
            "session": "某市第一届人民代表大会第一次会议",
            "speaker": "某某",
            "office": "市长",
            "issuer": "某市人民政府",
            "short_title": "政府工作报告",
        },
        "parts": [
            {"heading": "过去一年工作回顾", "content": paragraphs},
            {"heading": "今年工作安排", "content": [{"text": "稳定经济增长。" + DEVELOPED}]},
        ],
    }
    buffer = io.StringIO()
    YAML().dump(data, buffer)
    return parse_report(buffer.getvalue().encode("utf-8"), "leadins.yaml")


def test_hand_written_yaml_gets_points_in_the_summary_and_the_deck():
    report = _yaml_report([{"text": LEAD + DEVELOPED}, {"text": "完善公共服务体系。" + DEVELOPED}])
    blocks = plan_pdf(report).blocks
    parts = [i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.level == 1]
    for index in parts:
        assert isinstance(blocks[index + 1], Bullets), blocks[index]
    shown = [b.text for b in blocks if isinstance(b, Bullets) for b in b.items]
    assert LEAD in shown and "完善公共服务体系。" in shown and "稳定经济增长。" in shown
    slides = plan_deck(report)
    bullets = [t for s in slides if s.layout == "content" for f in s.frames if f.idx == 1 for t in f.paragraphs]
    assert {LEAD.rstrip("。"), "完善公共服务体系", "稳定经济增长"} <= set(bullets)


def test_an_imported_report_gets_the_same_lead_ins(tmp_path):
    markdown = tmp_path / "sample.md"
    markdown.write_text(
        "# 政府工作报告\n\n——2024年1月10日在某市第一届人民代表大会第一次会议上\n\n市长　某某\n\n各位代表：\n\n"
        "## 一、过去一年工作回顾\n\n" + LEAD + DEVELOPED + "\n\n"
        "## 二、今年工作安排\n\n稳定经济增长。" + DEVELOPED + "\n",
        encoding="utf-8",
    )
    source = tmp_path / "sample.yaml"
    result = reportgen("import", markdown, "-o", source)
    assert result.returncode == 0, result.stderr
    report = load_report(source)
    paragraphs = report.body_paragraphs()
    assert [p.implied_lead for p in paragraphs] == [LEAD, "稳定经济增长。"]
    assert all(p.lead is None for p in paragraphs)  # nothing is written into the YAML: the model decides


def test_what_a_block_without_lead_ins_shows_is_never_cut():
    from generator.model import ListBlock, Node, first_sentence

    clauses = "持续推进城市更新，改造老旧小区二十个，新建口袋公园十处，整治背街小巷三十条，新增停车泊位一万个。"
    plain = "持续推进城乡基础设施建设" * 5 + "。"  # one long sentence, no clause mark
    items = ListBlock(list="numbered", marker="1.", items=[{"text": clauses}, {"text": plain}, {"text": SHORT_ITEM}])
    points = [p.text for p in Node("list", items, ("x",), "body").points()]
    opening = "持续推进城市更新，改造老旧小区二十个，新建口袋公园十处，整治背街小巷三十条"  # 36 of 48 characters
    assert points == ["1." + opening, "2." + plain, "3." + SHORT_ITEM]
    assert first_sentence(clauses, 30) == "持续推进城市更新，改造老旧小区二十个，新建口袋公园十处"
    assert not any(p.endswith("…") for p in points)


SHORT_ITEM = "建成市级政务服务中心。"
