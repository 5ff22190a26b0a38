"""Figure labels (issue 18, item 5): whole word groups that name what was measured.

Rule tests on short samples written for these tests (generator/readers/figure_labels.py), and the
corpus test: every report of ../shared/corpus imported by the real command, its labels judged by
scripts/label_audit.py (jieba, which the importer does not use).
"""

from __future__ import annotations

import re

import pytest
from conftest import SHARED, imported_corpus_report, reportgen

from generator.loader import load_report
from generator.readers import read_report
from generator.readers.figure_labels import fillers, is_bare, verbs

CORPUS = sorted(p for p in (SHARED / "corpus").glob("*.md") if p.name != "README.md")


def _labels(paragraph: str) -> list[tuple[str, str]]:
    """(quote, label) of every figure the importer declares in one body paragraph."""
    text = f"# 政府工作报告\n\n各位代表：\n\n## 一、过去一年工作回顾\n\n{paragraph}\n"
    report = read_report("sample.md", text, "sample").report
    return [(figure.quote, figure.label) for figure, _node, _path in report.figure_places()]


def test_a_verb_after_an_amount_carries_the_subject_over():
    got = _labels("全县一般公共预算收入48.6亿元、增长7.2%，完成年度目标。")
    assert got == [("48.6亿元", "一般公共预算收入"), ("7.2%", "一般公共预算收入增长")]


def test_the_subject_comes_from_the_clause_before_when_it_states_no_figure():
    got = _labels("外贸进出口总额首次突破百亿美元大关、增长12.6%。")
    assert got == [("12.6%", "外贸进出口总额增长")]


def test_fenbie_and_a_second_value_share_the_subject():
    got = _labels("城乡居民人均可支配收入分别增长6.1%和8.3%。")
    assert got == [("6.1%", "城乡居民人均可支配收入增长"), ("8.3%", "城乡居民人均可支配收入增长")]


def test_tongbi_between_subject_and_verb_is_dropped():
    assert _labels("规模以上工业企业利润总额同比增长11.5%。") == [("11.5%", "规模以上工业企业利润总额增长")]


def test_qizhong_and_a_leading_date_are_dropped():
    got = _labels("全年完成固定资产投资320亿元，其中工业投资96亿元；2023年末金融机构贷款余额1500亿元。")
    assert got == [("320亿元", "固定资产投资"), ("96亿元", "工业投资"), ("1500亿元", "金融机构贷款余额")]


def test_an_enumeration_of_counts_takes_what_each_counts():
    got = _labels("新建3家社区食堂、12个养老驿站、4所托育中心。")
    assert got == [("3家", "新建社区食堂"), ("12个", "养老驿站"), ("4所", "托育中心")]


def test_a_count_after_its_noun_keeps_the_noun():
    assert _labels("改造老旧小区126个，惠及居民3.2万户。") == [("126个", "改造老旧小区"), ("3.2万户", "惠及居民")]


def test_a_verb_with_zhi_goes_whole():
    assert _labels("城市公交线路增至58条。") == [("58条", "城市公交线路")]


def test_a_range_from_to_names_what_changes():
    got = _labels("残疾儿童康复救助标准，分别从每人每年1.2万元、1.5万元提高到1.6万元、2万元。")
    assert [label for _quote, label in got] == ["残疾儿童康复救助标准"] * 4  # 提高到: the level reached
    got = _labels("城市绿地面积由年初的850公顷调增至920公顷。")
    assert got == [("850公顷", "城市绿地面积"), ("920公顷", "城市绿地面积")]


def test_a_quoted_name_before_its_number_is_the_label():
    got = _labels("出台“稳外贸12条”“助企纾困20条”等政策。")
    assert got == [("12条", "稳外贸"), ("20条", "助企纾困")]


def test_a_bracket_inside_a_clause_does_not_lose_its_subject():
    assert _labels("旧厂房（老仓库）改造8.5万平方米。") == [("8.5万平方米", "旧厂房改造")]


def test_an_amount_after_a_bare_verb_takes_what_follows_it():
    assert _labels("出台系列政策，设立50亿元乡村振兴引导基金，撬动社会投资。") == [("50亿元", "设立乡村振兴引导基金")]


def test_enumeration_marks_per_unit_tails_and_fenbie_inside_are_dropped():
    assert _labels("三是新建城市书房25个。") == [("25个", "新建城市书房")]
    assert _labels("第一产业增加值增长3.1%。") == [("3.1%", "第一产业增加值增长")]  # 第一 here is a word
    assert _labels("困难老人护理补贴分别达到每人每月90元、120元。") == [
        ("90元", "困难老人护理补贴"),
        ("120元", "困难老人护理补贴"),
    ]
    assert _labels("城镇和农村居民收入分别年均增长6%、7%。")[0] == ("6%", "城镇和农村居民收入年均增长")


def test_a_verb_marked_by_le_ends_what_a_count_counts():
    assert _labels("对15类、320家企业实施了错峰生产。")[-1] == ("320家", "企业")


def test_a_one_character_filler_opening_a_label_goes_unless_it_starts_a_word():
    assert _labels("本届联赛，共吸引参赛队伍86支。") == [("86支", "吸引参赛队伍")]
    assert _labels("新增共享单车投放点120个。") == [("120个", "新增共享单车投放点")]


def test_look_alikes_keep_their_words():
    # 人均 ends in 均 (a filler), 第一批 holds 一批, 年度计划 holds 计划: none is cut.
    assert _labels("农村居民人均 16800元。") == [("16800元", "农村居民人均")]
    assert _labels("公布第一批12项改革。")[0][1] != "公布第"
    assert _labels("重点项目完成投资86亿元，占年度计划的105%。")[1] == ("105%", "占年度计划")


def test_a_long_label_keeps_the_head_after_de_and_is_never_cut():
    got = _labels("全面落实中央和省委关于稳住经济大盘的各项政策措施的市场主体数量达到3.6万户。")
    assert got == [("达到3.6万户", "市场主体数量")]
    long = "农业转移人口市民化进程中随迁子女义务教育公办学位占比"
    assert _labels(f"{long}92%。") == [("92%", long)]


def test_a_quantity_nothing_names_is_not_proposed():
    assert _labels("四十多年来，我们走过了不平凡的历程，35年间，城市面貌焕然一新。") == []


def test_table_cells_take_the_whole_row_label_and_the_column():
    text = (
        "# 政府工作报告\n\n各位代表：\n\n## 一、主要指标\n\n"
        "| 指标 | 2022年 | 2023年 |\n| --- | --- | --- |\n"
        "| 规模以上工业企业研究与试验发展经费支出 | 12亿元 | 15亿元 |\n"
    )
    report = read_report("sample.md", text, "sample").report
    labels = [figure.label for figure, _node, _path in report.figure_places()]
    assert labels == [
        "规模以上工业企业研究与试验发展经费支出（2022年）",
        "规模以上工业企业研究与试验发展经费支出（2023年）",
    ]


def test_no_label_is_bare_and_the_lists_are_data():
    for word in ("增长", "实施", "投入"):
        assert word in verbs() and is_bare(word)
    for word in ("我们", "其中", "分别"):
        assert word in fillers() and is_bare(word)
    assert is_bare("我们遭遇") and is_bare("年均增长")  # only listed words
    assert not is_bare("地区生产总值增长") and not is_bare("城镇新增就业")


def test_chart_titles_name_what_the_figures_measure(tmp_path):
    source = tmp_path / "sample.md"
    source.write_text(
        "# 政府工作报告\n\n各位代表：\n\n## 一、过去一年工作回顾\n\n"
        "统筹资金，投入15亿元支持3家区域医疗中心、8家县级医院和5家康复医院建设。\n",
        encoding="utf-8",
    )
    result = reportgen("import", source, "-o", tmp_path / "sample.yaml")
    assert result.returncode == 0, result.stderr
    report = load_report(tmp_path / "sample.yaml")
    labels = {figure.quote: figure.label for figure in report.figures().values()}
    assert labels["3家"] == "区域医疗中心" and labels["8家"] == "县级医院" and labels["5家"] == "康复医院"
    titles = [chart.title for chart in report.charts]
    assert titles == ["区域医疗中心、县级医院、康复医院"]


def test_a_chart_compares_levels_not_a_level_and_its_change():
    text = (
        "# 政府工作报告\n\n各位代表：\n\n## 一、过去一年工作回顾\n\n"
        "年末金融机构存款余额5200亿元、增加320亿元，贷款余额4100亿元、增加280亿元，直接融资额650亿元。\n"
    )
    report = read_report("sample.md", text, "sample").report
    figures = report.figures()
    (chart,) = report.charts
    assert [figures[f].label for f in chart.figure_ids()] == ["年末金融机构存款余额", "贷款余额", "直接融资额"]
    assert chart.title == "年末金融机构存款余额、贷款余额、直接融资额"


@pytest.fixture(scope="module")
def audit_module():
    import label_audit

    return label_audit


def test_the_audit_sees_a_label_cut_inside_a_word(audit_module):
    text = "全市一般公共预算收入275.8亿元"
    at = text.find("275.8")
    assert audit_module.cuts_a_word("般公共预算收入", [text], at)
    assert not audit_module.cuts_a_word("一般公共预算收入", [text], at)
    assert not audit_module.cuts_a_word("一般公共预算收入增长", [text + "、增长9.8%"], at)


@pytest.mark.parametrize("markdown", CORPUS, ids=lambda p: p.stem)
def test_corpus_labels_are_whole_word_groups(markdown, tmp_path, audit_module):
    assert len(CORPUS) >= 10, "../shared/corpus holds the ten reports"
    report = load_report(imported_corpus_report(markdown.stem, tmp_path))
    found = audit_module.audit(report)
    assert found.proposed > 0
    assert found.inside_share <= 0.02, found.inside
    assert found.bare == []
    figures = report.figures()
    for chart in report.charts:
        assert not re.search(r"\d", chart.title) or any(
            re.search(r"\d", figures[f].label) for f in chart.figure_ids() if f in figures
        ), chart.title
        assert not is_bare(chart.title), chart.title
    for tile in report.tiles:
        assert not is_bare(figures[tile.figure].label)
