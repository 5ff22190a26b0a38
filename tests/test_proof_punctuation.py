"""Punctuation rules: each error planted is found (rule and the characters it points at); look-alikes are silent."""

from __future__ import annotations

import pytest
from prooftexts import findings, proof_text

from generator.proof import punctuation

PLANTED = [
    ("punct-pair", "坚持“两手抓、两手硬，推动发展。", "“"),
    ("punct-pair", "完成《三年行动计划的各项任务。", "《"),
    ("punct-pair", "推进改革）取得成效。", "）"),
    ("punct-pair", "落实“四方（责任”）要求。", "（责任”"),
    ("punct-pair", "建成【示范区，成效明显。", "【"),
    ("punct-halfwidth", "经济运行平稳,发展质量提升。", ","),
    ("punct-halfwidth", "经济运行平稳；发展质量提升.", "."),
    ("punct-halfwidth", "主要目标是:增长6%。", ":"),
    ("punct-halfwidth", "如何破解难题?我们坚持改革。", "?"),
    ("punct-halfwidth", "推动建设(示范区)取得进展。", "("),
    ("punct-halfwidth", "推动建设(示范区)取得进展。", ")"),
    ("punct-halfwidth", "成效显著!全年目标完成。", "!"),
    ("punct-halfwidth", "完成三项任务;推进两项改革。", ";"),
    ("punct-doubled", "经济平稳，，质量提升。", "，，"),
    ("punct-doubled", "全年目标完成。。", "。。"),
    ("punct-doubled", "教育、医疗、。", "、。"),
    ("punct-doubled", "推进改革，；扩大开放。", "，；"),
    ("punct-ellipsis", "加强教育、医疗、养老...各项事业发展。", "..."),
    ("punct-ellipsis", "加强教育、医疗、养老。。。各项事业发展。", "。。。"),
    ("punct-ellipsis", "加强教育、医疗、养老…各项事业发展。", "…"),
    ("punct-dash", "一个目标--建设现代化城市。", "--"),
    ("punct-dash", "一个目标－－建设现代化城市。", "－－"),
    ("punct-dash", "──2022年12月21日在会议上", "──"),
    ("punct-range-hyphen", "增长5%-6%。", "-"),
    ("punct-range-hyphen", "实施2021-2025年规划。", "-"),
    ("punct-range-hyphen", "每户打造1-2个品牌。", "-"),
    ("punct-range-hyphen", "增长6%－7%左右。", "－"),
    ("punct-space", "经济运行 平稳。", " "),
    ("punct-space", "经济运行\u3000平稳。", "\u3000"),
    ("punct-space", "经济运行平稳， 质量提升。", " "),
    ("punct-space", "完成目标 。", " "),
]

SILENT = [
    "坚持“两手抓、两手硬”，推动“十四五”规划《纲要》落实（详见附件）。",
    "引号嵌套正确：“落实‘四方责任’要求”。",
    "1）推进改革，取得成效。",
    "（1）推进改革，取得成效。",
    "主要包括：1）加强领导；2）完善机制；3）强化考核。",
    "地区生产总值增长3.5%，达到1,000亿元，10:30开幕。",
    "建成5G基站216座，GDP增长5%。",
    "详见 https://www.gov.cn/zhengce/2024.html 和 www.jinan.gov.cn 网站。",
    "公告发布于 info@jinan.gov.cn，电话0731-88665566。",
    "执行GB/T 9704-2012标准，会议于2020-08-20召开。",
    "1.加强组织领导。",
    "下载2024年政府工作报告.doc文件。",
    "2021—2025年，西安—咸阳一体化加快推进。",
    "“十四五”规划……各项任务顺利完成。",
    "这是为什么？！我们必须回答。",
    "A plan (in English, with commas, periods.) stays as it is.",
    "增长5%—6%，投资增长6%～7%。",
    "附 录",
    "一个目标——建设现代化城市。",
]


REPORT_CONSTRUCTS = [
    "制定“十四五”规划（以下简称“规划”），推进“一带一路”建设，1—11月增长10.5%、8.7%。",
    "PM2.5平均浓度下降，4A级景区新增3个，C919投入运营，IPv6用户达5 000万户，比例尺1:500。",
    "落实“1+N”政策体系，粤港澳大湾区“9+2”城市，“3·15”晚会，Ⅲ类水质比例提高。",
    "2022年12月31日24时，13:00开始，G4京港澳高速，No.1工程，“i深圳”平台上线。",
    "5.2万余名干部，70多年来，3.6亿元/平方公里，约5 000元，同比增长1.5个百分点。",
    "一是稳增长；二是促改革；三是惠民生。第一，加强领导；第二，完善机制。",
    "实施“十大工程”（即：交通、水利、能源等）。全年完成投资2 000亿元以上。",
]


@pytest.mark.parametrize("paragraph", REPORT_CONSTRUCTS)
def test_common_constructs_of_reports_are_silent_in_both_families(paragraph):
    from generator.proof import numbers

    assert findings(punctuation, paragraph) == [] and findings(numbers, paragraph) == []


@pytest.mark.parametrize(("rule", "paragraph", "marked"), PLANTED)
def test_planted_error_is_found_where_it_stands(rule, paragraph, marked):
    found = findings(punctuation, paragraph)
    assert (rule, marked) in found, found


@pytest.mark.parametrize("paragraph", SILENT)
def test_look_alike_is_silent(paragraph):
    assert findings(punctuation, paragraph) == []


def test_quotation_over_several_paragraphs_opens_at_each_and_closes_at_the_last():
    paragraphs = ["他指出：“第一段引文，未完。", "“第二段引文，也未完。", "“第三段引文，到此结束。”"]
    assert findings(punctuation, *paragraphs) == []
    # the last paragraph not closing it is a finding
    assert [r for r, _ in findings(punctuation, *paragraphs[:2])] == ["punct-pair"]


def test_byline_and_spaced_name_are_not_spaces_in_chinese_text():
    parts = [{"heading": "工作回顾", "content": [{"text": "全年目标顺利完成。"}]}]
    text = proof_text(parts=parts)
    byline = next(u for u in text.units if u.kind == "byline")
    assert byline.text == "市长\u3000王\u3000明"
    assert list(punctuation.check(text)) == []


def _sections(*headings: str) -> list[dict]:
    return [
        {"heading": "工作回顾", "content": [{"section": h, "paragraphs": [{"text": "推进工作。"}]} for h in headings]}
    ]


def test_heading_ending_unlike_its_siblings_is_found():
    found = findings(punctuation, parts=_sections("稳增长", "促改革。", "惠民生", "防风险"))
    assert found == [("punct-heading-end", "。")]
    found = findings(punctuation, parts=_sections("稳增长。", "促改革。", "惠民生", "防风险。"))
    assert found == [("punct-heading-end", "生")]


def test_headings_without_a_clear_majority_are_silent():
    assert findings(punctuation, parts=_sections("稳增长", "促改革。")) == []
    assert findings(punctuation, parts=_sections("稳增长", "促改革。", "惠民生。", "防风险")) == []


def test_every_rule_has_a_planting_case():
    assert {r.id for r in punctuation.RULES} == {rule for rule, _, _ in PLANTED} | {"punct-heading-end"}
