"""The words family: doubled characters or words, and common wrong forms (generator/proof/words.py)."""

from __future__ import annotations

import pytest
from proofdraft import draft, findings
from proofreview import family_recall, print_recall

from generator.proof import words

DOUBLED = {"word-doubled"}
WRONG = {"word-wrong-form"}


def _at(tmp_path, paragraph: str, rules: set[str]):
    path, where = draft(tmp_path, [("一、过去一年工作回顾", [paragraph])])
    line = where[paragraph]
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(x.line, lines[x.line - 1][x.column - 1 :][:4], x.finding) for x in findings(path, rules) if x.line == line]


@pytest.mark.parametrize(
    ("paragraph", "slip"),
    [
        ("我们坚持发展的的成果由人民共享。", "的的"),
        ("全面推进进改革开放，经济持续向好。", "进进"),
        ("加快推进推进城乡融合发展，推进乡村振兴。", "推进推进"),
        ("群众和和企业的获得感明显增强。", "和和"),
        ("加强强基层治理，基层基础更加牢固。", "强强"),
        ("全面推进进进改革开放，经济持续向好。", "进进进"),
    ],
)
def test_a_doubled_character_or_word_is_found_where_it_stands(tmp_path, paragraph, slip):
    found = _at(tmp_path, paragraph, DOUBLED)
    assert [text[: len(slip)] for _line, text, _f in found] == [slip]
    assert found[0][2].suggestion == slip[: len(slip) // 2]


@pytest.mark.parametrize(
    "paragraph",
    [
        "我们常常深入基层，人人参与、家家户户受益，一个个难题得到解决。",
        "对拖延推诿、不了了之的问题严肃问责，实实在在为群众办事。",
        "实施积极的财政政策，保障农民工工资支付，提升饮用水水源地水质。",
        "扩大进口，推进进出口贸易便利化；改善工作作风，方方面面协同。",
        "为了了解基层实情，实现调研目的的同时不增加基层负担。",
        "一步一步推进改革，研究所所长牵头攻关。",
    ],
)
def test_reduplications_and_words_meeting_are_not_findings(tmp_path, paragraph):
    assert _at(tmp_path, paragraph, DOUBLED) == []


@pytest.mark.parametrize(
    ("paragraph", "wrong", "right"),
    [
        ("全市统一布署，各部门再接再励。", "布署", "部署"),
        ("截止2023年底，全市共建成5G基站1.2万个。", "截止", "截至"),
        ("合理按排资金，既使困难再多也要完成。", "按排", "安排"),
        ("通货膨涨压力加大，企业竟争加剧。", "膨涨", "膨胀"),
        ("深化户藉制度改革，坚持不泄抓落实。", "户藉", "户籍"),
    ],
)
def test_a_wrong_form_is_found_with_its_right_form(tmp_path, paragraph, wrong, right):
    found = _at(tmp_path, paragraph, WRONG)
    assert found, paragraph
    first = found[0][2]
    assert (found[0][1][: len(wrong)], first.suggestion) == (wrong, right)
    assert right in first.message[0] and right in first.message[1]
    expected = sum(1 for form in words.wrong_forms() if form in paragraph)
    assert len(found) == expected


def test_a_name_with_a_doubled_character_on_the_speaker_line_is_not_a_finding(tmp_path):
    path, _ = draft(tmp_path, [("一、过去一年工作回顾", ["我们坚持稳中求进。"])])
    text = path.read_text(encoding="utf-8").replace("市长　王明", "市长　王丽丽")
    path.write_text(text, encoding="utf-8")
    assert "王丽丽" in text and findings(path, DOUBLED) == []


@pytest.mark.parametrize(
    "paragraph",
    [
        "申报截止日期为6月30日，截止到目前已受理120件。",
        "按排放标准严格执行，以德报怨化解矛盾。",
        "发挥企业服务专员和“智惠导服”团队作用。",
        "依法预防犯罪，出现像这样的问题立即整改。",
    ],
)
def test_look_alikes_of_wrong_forms_are_not_findings(tmp_path, paragraph):
    assert _at(tmp_path, paragraph, WRONG) == []


def test_the_wrong_forms_table_has_200_entries_each_well_formed():
    table = words.wrong_forms()
    assert len(table) >= 200
    for form in table.values():
        assert form.wrong != form.right and form.wrong not in form.right, form
        assert all(form.wrong in e for e in form.exceptions), form
        assert form.condition in words.CONDITIONS, form
    assert not words.function_characters() & {w[0] for w in words.word_heads()}


def test_planted_errors_are_found_on_their_line(tmp_path):
    """At least 40 errors of this family planted into copies of the eleven reports, 95 % found on their line."""
    outcome, misses = family_recall("words", 11, tmp_path)
    print_recall(outcome)
    total = sum(len(v) for v in outcome.values())
    assert {r.id for r in words.RULES} <= set(outcome)
    assert total >= 40
    assert sum(sum(v) for v in outcome.values()) >= 0.95 * total, misses
