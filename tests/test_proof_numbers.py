"""Number rules: each error planted is found (rule, characters, suggestion); look-alikes are silent."""

from __future__ import annotations

import pytest
from prooftexts import findings, proof_text

from generator.proof import numbers

PLANTED = [
    ("num-fullwidth", "２０２３年经济增长５%。", "２０２３", "2023"),
    ("num-fullwidth", "地区生产总值（ＧＤＰ）增长。", "ＧＤＰ", "GDP"),
    ("num-fullwidth", "增长３．５%。", "３．５", "3.5"),
    ("num-mixed", "二0二三年是关键之年。", "二0二三", ""),
    ("num-mixed", "二O二三年是关键之年。", "二O二三", ""),
    ("num-mixed", "比上年增长百分之5。", "百分之5", "5%"),
    ("num-mixed", "二零二三年是关键之年。", "二零二三", "二〇二三"),
    ("num-percent-range", "预期增长5—6%。", "5—6%", "5%—6%"),
    ("num-percent-range", "预期增长5.5～6%左右。", "5.5～6%", "5.5%～6%"),
    ("num-percent-range", "预期增长5至6%。", "5至6%", "5%至6%"),
    ("num-estimate", "用三、四个月时间完成。", "三、四", "三四"),
    ("num-estimate", "新建七、八家企业。", "七、八", "七八"),
    ("num-estimate", "再用两、三年时间。", "两、三", "两三"),
]

SILENT = [
    "2023年，二〇二三年，增长5%，百分之五，5%—6%，6%～7%。",
    "一、二季度经济平稳，一、二年级学生，第一、二批项目。",
    "一是稳增长，二是促改革，三是惠民生。",
    "三四个月，七八家企业，一二十个项目。",
    "实现3万6千余人就业，投资9818.3万元，1—6月增长5%。",
    "统筹推进“五位一体”总体布局，“十四五”规划。",
    "三、五年内完成，一、三、五号线开通。",
    "建成5G基站216座，GDP增长5.2%，CPI上涨2%。",
    "一年来，第一时间，一手抓，三年行动，十个一批。",
]


@pytest.mark.parametrize(("rule", "paragraph", "marked", "suggestion"), PLANTED)
def test_planted_error_is_found_with_its_suggestion(rule, paragraph, marked, suggestion):
    text = proof_text(paragraph)
    found = [(f.rule, text.units[f.unit].text[f.start : f.end], f.suggestion) for f in numbers.check(text)]
    assert (rule, marked, suggestion) in found, found


@pytest.mark.parametrize("paragraph", SILENT)
def test_look_alike_is_silent(paragraph):
    assert findings(numbers, paragraph) == []


def test_every_rule_has_a_planting_case():
    assert {r.id for r in numbers.RULES} == {rule for rule, *_ in PLANTED}
