"""The structure family: numbering, figures stated twice, the glossary (generator/proof/structure.py)."""

from __future__ import annotations

import pytest
from proofdraft import draft, findings
from proofreview import family_recall, print_recall

from generator.proof import structure

NUMBERING = {"struct-numbering"}
FIGURES = {"struct-figure-mismatch"}
ORDER = {"struct-glossary-order"}
UNDEFINED = {"struct-undefined-term"}
REVIEW = "2023年工作回顾"
PLAN = "2024年工作安排"


def _lines(path, rules):
    return [(x.line, x.finding) for x in findings(path, rules)]


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("我们抓好三件事。一是稳增长，扩大有效投资；二是促改革，优化营商环境；四是惠民生，办好民生实事。", "四是"),
        ("重点做好以下工作：第一，稳住农业基本盘；第二，壮大实体经济；第二，扩大对外开放。", "第二"),
        ("做好三方面工作：首先，稳住经济大盘；再次，保障改善民生。", "再次"),
        ("主要措施有：（1）优化审批流程；（3）推行一网通办。", "（3）"),
    ],
)
def test_running_text_sequences_with_a_gap_or_repeat_are_found(tmp_path, text, wrong):
    path, where = draft(tmp_path, [(f"一、{REVIEW}", [text])])
    found = _lines(path, NUMBERING)
    assert [line for line, _ in found] == [where[text]]
    finding = found[0][1]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[where[text] - 1].count(wrong) >= 1 and finding.related is not None


@pytest.mark.parametrize(
    "text",
    [
        "我们抓好三件事。一是稳增长；二是促改革；三是惠民生。今年的重点是：一是扩内需；二是强产业。",
        "粮食产量全省第一，质量第一、效益优先，第二批试点启动，第一、二、三产业协调发展。",
        "统一是基础，唯一是目标，首先要稳，其次要进。",
        "抓好三件事，一是稳增长，二是促改革，三是惠民生。",
    ],
)
def test_running_text_look_alikes_are_not_findings(tmp_path, text):
    path, _ = draft(tmp_path, [(f"一、{REVIEW}", [text])])
    assert _lines(path, NUMBERING) == []


def test_a_heading_sequence_with_a_gap_is_found_on_the_printed_number(tmp_path):
    path, _ = draft(
        tmp_path,
        [
            (f"一、{REVIEW}", ["过去一年，经济运行稳中向好。"]),
            (f"三、{PLAN}", ["今年要稳中求进。"]),
            ("四、加强政府自身建设", ["坚持依法行政。"]),
        ],
    )
    lines = path.read_text(encoding="utf-8").splitlines()
    found = _lines(path, NUMBERING)
    assert [lines[line - 1] for line, _ in found] == [f"## 三、{PLAN}"]
    assert found[0][1].suggestion == "二、"


def test_numbered_headings_in_sequence_are_not_findings(tmp_path):
    path, _ = draft(tmp_path, [(f"一、{REVIEW}", ["过去一年成绩显著。"]), (f"二、{PLAN}", ["今年稳中求进。"])])
    assert _lines(path, NUMBERING) == []


def test_the_same_indicator_stated_with_two_values_cites_the_first_place(tmp_path):
    first = "过去一年，全市地区生产总值增长6.5%，城镇新增就业3.2万人。"
    second = "经过努力，全市地区生产总值增长6.8%，经济运行稳中向好。"
    path, where = draft(tmp_path, [(f"一、{REVIEW}", [first, "各项社会事业全面进步。", second])])
    found = findings(path, FIGURES)
    assert [x.line for x in found] == [where[second]]
    finding = found[0].finding
    assert finding.suggestion == "6.5%" and finding.related is not None
    assert "6.5%" in finding.message[0] and "6.8%" in finding.message[1]


@pytest.mark.parametrize(
    ("first", "second", "second_part"),
    [
        # a result of the review and a target of the plan: never compared
        ("全市地区生产总值增长6.5%，经济稳中向好。", "全市地区生产总值增长7%左右，确保完成目标。", PLAN),
        # what a hedge allows agrees with the exact value
        ("全市地区生产总值突破5000亿元，迈上新台阶。", "全市地区生产总值5032亿元，比上年增加。", REVIEW),
        # rounding: 6.5% and 6.52% agree
        ("全市地区生产总值增长6.5%，好于预期。", "全市地区生产总值增长6.52%，高于全省。", REVIEW),
        # a bare verb or a generic word as label is never compared
        ("投资增长12%，消费回升。", "投资增长8%，出口回稳。", REVIEW),
        # a part of the year is another period
        ("上半年，全市地区生产总值增长5.1%，好于预期。", "全年全市地区生产总值增长6.5%，高于全省。", REVIEW),
        # a number that qualifies a noun states no indicator
        ("培育主营业务收入10亿元以上企业20家。", "新增主营业务收入5亿元以上企业12家。", REVIEW),
    ],
)
def test_look_alikes_of_two_values_are_not_findings(tmp_path, first, second, second_part):
    parts = [(f"一、{REVIEW}", [first]), (f"二、{second_part}", [second])]
    if second_part == REVIEW:
        parts = [(f"一、{REVIEW}", [first, second])]
    path, _ = draft(tmp_path, parts)
    assert findings(path, FIGURES) == []


GLOSSARY = ["## 附件", "", "**名词解释**", ""]


def test_a_glossary_entry_out_of_the_order_of_first_use_is_found(tmp_path):
    body = ["深入实施“双千计划”，推进“三医联动”改革，落实“放管服”要求，建设“数字政府”。"]
    entries = [
        "1.“双千计划”：指千名专家、千家企业对接计划。",
        "2.“放管服”：即简政放权、放管结合、优化服务。",
        "3.“三医联动”：指医疗、医保、医药改革联动。",
        "4.“数字政府”：指以数字技术支撑的政府运行方式。",
    ]
    tail = GLOSSARY + [line for e in entries for line in (e, "")]
    path, _ = draft(tmp_path, [(f"一、{REVIEW}", body)], tail)
    lines = path.read_text(encoding="utf-8").splitlines()
    found = findings(path, ORDER)
    assert [lines[x.line - 1] for x in found] == [entries[2]]
    assert found[0].finding.related is not None


def test_a_glossary_in_the_order_of_first_use_or_in_another_order_is_not_read(tmp_path):
    body = ["深入实施“双千计划”，推进“三医联动”改革，落实“放管服”要求，建设“数字政府”。"]
    ordered = [
        "1.“双千计划”：指对接计划。",
        "2.“三医联动”：指改革联动。",
        "3.“放管服”：即简政放权。",
        "4.“数字政府”：指运行方式。",
    ]
    backwards = list(reversed(ordered))
    for entries in (ordered, backwards):
        tail = GLOSSARY + [line for e in entries for line in (e, "")]
        path, _ = draft(tmp_path, [(f"一、{REVIEW}", body)], tail)
        assert findings(path, ORDER) == []


def test_a_term_the_body_explains_without_a_glossary_entry_is_advised(tmp_path):
    explained = "推进“一网通办”，“一网通办”是指政务服务事项网上一次办成。落实“放管服”要求。"
    tail = GLOSSARY + ["1.“放管服”：即简政放权、放管结合、优化服务。", ""]
    path, where = draft(tmp_path, [(f"一、{REVIEW}", [explained])], tail)
    found = findings(path, UNDEFINED)
    assert [x.line for x in found] == [where[explained]]
    assert "一网通办" in found[0].finding.message[0]
    # with an entry for it, nothing is advised
    tail = GLOSSARY + ["1.“一网通办”：指网上一次办成。", "", "2.“放管服”：即简政放权。", ""]
    path, _ = draft(tmp_path, [(f"一、{REVIEW}", [explained])], tail)
    assert findings(path, UNDEFINED) == []


def test_planted_errors_are_found_on_their_line(tmp_path):
    """At least 40 errors of this family planted into copies of the eleven reports, 95 % found on their line."""
    outcome, misses = family_recall("structure", 11, tmp_path)
    print_recall(outcome)
    total = sum(len(v) for v in outcome.values())
    assert {r.id for r in structure.RULES} <= set(outcome)
    assert total >= 40
    assert sum(sum(v) for v in outcome.values()) >= 0.95 * total, misses
