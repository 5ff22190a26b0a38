"""Figures: parse_quantity, find_quote, find_quantities, unit_scale, Chinese numerals, bounds."""

from __future__ import annotations

import re
import time
from decimal import Decimal

import pytest
from conftest import SHARED

from generator.numbers import (
    ACCEPTED_UNITS,
    ERROR_KINDS,
    IN_NUMBER_HEDGES,
    MAGNITUDES,
    POST_UNIT_HEDGES,
    PREFIX_HEDGES,
    PREFIX_QUALIFIERS,
    RANGE_SEPARATORS,
    SUFFIX_HEDGES,
    Found,
    Quantity,
    QuantityError,
    check_value,
    chinese_numeral,
    find_quantities,
    find_quote,
    format_decimal,
    parse_chinese_numeral,
    parse_quantity,
    split_quote,
    unit_scale,
)

CORPUS = SHARED / "corpus"
D = Decimal


# --- parse_quantity -----------------------------------------------------------------------------

# quote → (value in base unit, base unit, prefix, suffix, upper, noun, number_text, declared unit)
CASES = {
    # today's forms (the seed)
    "9818.3万元": ("98183000", "元", "", "", None, "", "9818.3万", "万元"),
    "1亿元": ("100000000", "元", "", "", None, "", "1亿", "亿元"),
    "18497元": ("18497", "元", "", "", None, "", "18497", "元"),
    "3万6千余人": ("36000", "人", "", "余", None, "", "3万6千", "人"),
    "1万3千余人": ("13000", "人", "", "余", None, "", "1万3千", "人"),
    "近400篇": ("400", "篇", "近", "", None, "", "400", "篇"),
    "200余次": ("200", "次", "", "余", None, "", "200", "次"),
    "540余万元": ("5400000", "元", "", "余", None, "", "540万", "万元"),
    "1937家次": ("1937", "家次", "", "", None, "", "1937", "家次"),
    "1600平方米": ("1600", "平方米", "", "", None, "", "1600", "平方米"),
    # hedges before
    "超过126万亿元": ("126000000000000", "元", "超过", "", None, "", "126万亿", "万亿元"),
    "超120亿元": ("12000000000", "元", "超", "", None, "", "120亿", "亿元"),
    "逾30家": ("30", "家", "逾", "", None, "", "30", "家"),
    "约5%": ("5", "%", "约", "", None, "", "5", "%"),
    "达11.6%": ("11.6", "%", "达", "", None, "", "11.6", "%"),
    "达到57.8万亩": ("578000", "亩", "达到", "", None, "", "57.8万", "万亩"),
    "突破8000亿元": ("800000000000", "元", "突破", "", None, "", "8000亿", "亿元"),
    "不低于90%": ("90", "%", "不低于", "", None, "", "90", "%"),
    "不少于10个": ("10", "个", "不少于", "", None, "", "10", "个"),
    "不超过3%": ("3", "%", "不超过", "", None, "", "3", "%"),
    "接近60%": ("60", "%", "接近", "", None, "", "60", "%"),
    "将近60%": ("60", "%", "将近", "", None, "", "60", "%"),
    "高于全国1个百分点": None,  # not a hedge: covered by the error cases
    "低于200万元": ("2000000", "元", "低于", "", None, "", "200万", "万元"),
    "至少10个": ("10", "个", "至少", "", None, "", "10", "个"),
    # hedges after
    "20万人以上": ("200000", "人", "", "以上", None, "", "20万", "万人"),
    "8%左右": ("8", "%", "", "左右", None, "", "8", "%"),
    "3.6%以内": ("3.6", "%", "", "以内", None, "", "3.6", "%"),
    "3岁以下": ("3", "岁", "", "以下", None, "", "3", "岁"),
    "30%上下": ("30", "%", "", "上下", None, "", "30", "%"),
    "14‰以内": ("14", "‰", "", "以内", None, "", "14", "‰"),
    "5.2万余名": ("52000", "名", "", "余", None, "", "5.2万", "万名"),
    "40多个": ("40", "个", "", "多", None, "", "40", "个"),
    "6600多万": ("66000000", "", "", "多", None, "", "6600万", "万"),
    # both
    "力争7%以上": ("7", "%", "力争", "以上", None, "", "7", "%"),
    "达到99.5%以上": ("99.5", "%", "达到", "以上", None, "", "99.5", "%"),
    "超过2万余人以上": ("20000", "人", "超过", "余以上", None, "", "2万", "万人"),
    # ranges
    "6%—6.5%": ("6", "%", "", "", "6.5", "", "6%—6.5", "%"),
    "7%—7.5%": ("7", "%", "", "", "7.5", "", "7%—7.5", "%"),
    "5%-6%": ("5", "%", "", "", "6", "", "5%-6", "%"),
    "6%-6.5%": ("6", "%", "", "", "6.5", "", "6%-6.5", "%"),
    "5%到6%": ("5", "%", "", "", "6", "", "5%到6", "%"),
    "5%至6%": ("5", "%", "", "", "6", "", "5%至6", "%"),
    "5—6%": ("5", "%", "", "", "6", "", "5—6", "%"),
    "5％～6%": ("5", "%", "", "", "6", "", "5％～6", "%"),
    "1-2个": ("1", "个", "", "", "2", "", "1-2", "个"),
    "5—6万元": ("50000", "元", "", "", "60000", "", "5—6万", "万元"),
    "5万—6万元": ("50000", "元", "", "", "60000", "", "5万—6万", "万元"),
    "3000—5000万元": ("30000000", "元", "", "", "50000000", "", "3000—5000万", "万元"),
    "5000—1万人": ("5000", "人", "", "", "10000", "", "5000—1万", "人"),
    "力争6%—6.5%左右": ("6", "%", "力争", "左右", "6.5", "", "6%—6.5", "%"),
    "1到2个百分点": ("1", "个百分点", "", "", "2", "", "1到2", "个百分点"),
    # units with magnitude, ％, 个百分点, 倍
    "1.39万亿斤": ("1390000000000", "斤", "", "", None, "", "1.39万亿", "万亿斤"),
    "3千万元": ("30000000", "元", "", "", None, "", "3千万", "千万元"),
    "2百万人": ("2000000", "人", "", "", None, "", "2百万", "百万人"),
    "8％": ("8", "%", "", "", None, "", "8", "%"),
    "８．５％": ("8.5", "%", "", "", None, "", "８．５", "%"),
    "3.7个百分点": ("3.7", "个百分点", "", "", None, "", "3.7", "个百分点"),
    "1.5倍": ("1.5", "倍", "", "", None, "", "1.5", "倍"),
    "6千瓦": ("6", "千瓦", "", "", None, "", "6", "千瓦"),
    "12万千瓦": ("120000", "千瓦", "", "", None, "", "12万", "万千瓦"),
    "3万千瓦时": ("30000", "千瓦时", "", "", None, "", "3万", "万千瓦时"),
    "500千伏": ("500", "千伏", "", "", None, "", "500", "千伏"),
    "150万余人次": ("1500000", "人次", "", "余", None, "", "150万", "万人次"),
    "1.3万余场次": ("13000", "场次", "", "余", None, "", "1.3万", "万场次"),
    "700亿美元左右": ("70000000000", "美元", "", "左右", None, "", "700亿", "亿美元"),
    "1亿2000万元": ("120000000", "元", "", "", None, "", "1亿2000万", "元"),
    "6个月": ("6", "个月", "", "", None, "", "6", "个月"),
    "15分钟": ("15", "分钟", "", "", None, "", "15", "分钟"),
    # counted nouns
    "3.5万农村人口": ("35000", "", "", "", None, "农村人口", "3.5万", "万"),
    "1.8万建档立卡贫困人口": ("18000", "", "", "", None, "建档立卡贫困人口", "1.8万", "万"),
    "3.5万人口": ("35000", "", "", "", None, "人口", "3.5万", "万"),
    "近3万农户以上": ("30000", "", "近", "以上", None, "农户", "3万", "万"),
    "3.5万": ("35000", "", "", "", None, "", "3.5万", "万"),
    # whitespace is ignored
    "10 亿元": ("1000000000", "元", "", "", None, "", "10亿", "亿元"),
}


@pytest.mark.parametrize("quote", [q for q, v in CASES.items() if v])
def test_parse_quantity(quote):
    value, unit, prefix, suffix, upper, noun, number_text, declared = CASES[quote]
    q = parse_quantity(quote)
    assert (q.value, q.unit, q.prefix, q.suffix, q.upper, q.noun) == (
        D(value),
        unit,
        prefix,
        suffix,
        None if upper is None else D(upper),
        noun,
    )
    assert q.qualifier == prefix + suffix
    assert q.number_text == number_text
    assert q.declared_unit == declared
    scale, base = unit_scale(declared)
    assert base == q.unit and q.declared_value * scale == q.value


def test_old_positional_quantity_and_fields():
    q = Quantity(D(1), "元", "", "1")
    assert (q.prefix, q.suffix, q.upper, q.noun, q.magnitude) == ("", "", None, "", "")
    assert parse_quantity("9818.3万元").declared_value == D("9818.3")
    assert parse_quantity("5—6万元").declared_upper == D(6)
    assert parse_quantity("8％").unit_text == "％"
    assert parse_quantity("8%").unit_text == "%"


def test_single_hedge_keeps_todays_qualifier():
    assert parse_quantity("近400篇").qualifier == "近"
    assert parse_quantity("3万6千余人").qualifier == "余"
    assert set(PREFIX_QUALIFIERS) >= {"超过", "近", "约", "超", "逾", "达"}


@pytest.mark.parametrize(
    ("quote", "kind", "text"),
    [
        ("", "no_number", ""),
        ("万元", "no_number", "万元"),
        ("百分之五", "no_number", "百分之五"),
        ("增长3%", "unknown_hedge", "增长"),
        ("高于全国1个百分点", "unknown_hedge", "高于全国"),
        ("第5个", "unknown_hedge", "第"),
        ("5%约", "unknown_hedge", "约"),
        ("8%左边", "unknown_hedge", "左边"),
        ("5人左边", "unknown_hedge", "左边"),
        ("5架", "unknown_unit", "架"),
        ("5人民币", "unknown_unit", "人民币"),
        ("3万人以上学生", "unknown_hedge", "以上学生"),
        ("400", "unknown_unit", ""),
        ("5元/吨", "unknown_unit", "元/吨"),
        ("3月", "unknown_unit", "月"),
        ("5—6", "unknown_unit", "5—6"),
        ("5—6架", "unknown_unit", "架"),
        ("6%—5%", "bad_range", "6%—5%"),
        ("6%—6%", "bad_range", "6%—6%"),
        ("5%—6个", "bad_range", "5%—6个"),
        ("1" * 31 + "元", "too_long", "1" * 31),
        ("1e7000000", "too_long", "1e7000000"),
        ("1E+5元", "too_long", "1E+5元"),
        ("近" * 200 + "1元", "too_long", None),
    ],
)
def test_errors_have_a_kind(quote, kind, text):
    with pytest.raises(QuantityError) as info:
        parse_quantity(quote)
    assert info.value.kind == kind
    assert kind in ERROR_KINDS
    if text is not None:
        assert info.value.text == text
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("quote", "parts"),
    [
        ("近400篇", ("近", "400", "篇")),
        ("3万6千余人", ("", "3万6千余", "人")),
        ("540余万元", ("", "540余万", "元")),
        ("9818.3万元", ("", "9818.3万", "元")),
        ("20万人以上", ("", "20万", "人以上")),
        ("力争6%—6.5%左右", ("力争", "6%—6.5", "%左右")),
        ("5—6万元", ("", "5—6万", "元")),
        ("3.5万农村人口", ("", "3.5万", "农村人口")),
        ("6600多万", ("", "6600多万", "")),
        ("8％", ("", "8", "％")),
        ("10 亿元", ("", "10亿", "元")),
    ],
)
def test_split_quote(quote, parts):
    assert split_quote(quote) == parts


def test_split_quote_refuses_what_parse_refuses():
    with pytest.raises(QuantityError):
        split_quote("增长3%")


def test_errors_name_the_accepted_lists():
    def error(q):
        with pytest.raises(QuantityError) as info:
            parse_quantity(q)
        return info.value

    assert error("5架").accepted == ACCEPTED_UNITS
    assert "左右" in error("8%左边").accepted and "近" in error("增长3%").accepted
    assert error("abc").accepted == ()


def test_thirty_digits_are_read_exactly():
    q = parse_quantity("1" * 30 + "亿元")
    assert q.value == D("1" * 30 + "0" * 8)
    assert format_decimal(q.value) == "1" * 30 + "0" * 8


def test_huge_inputs_are_fast_and_never_crash():
    start = time.perf_counter()
    for text in ("9" * 100_000 + "元", "1e7000000", "1." + "1" * 50_000 + "%", "近" * 50_000):
        with pytest.raises(QuantityError):
            parse_quantity(text)
    assert time.perf_counter() - start < 1


# --- bounds and formatting ----------------------------------------------------------------------


@pytest.mark.parametrize("value", [D("1e7000000"), D("Infinity"), D("NaN"), D("1e-100"), D("1" * 80)])
def test_check_value_refuses_out_of_bounds(value):
    with pytest.raises(QuantityError) as info:
        check_value(value)
    assert info.value.kind == "too_long"


def test_format_decimal():
    assert format_decimal(D("98183000.0")) == "98183000"
    assert format_decimal(D("9818.30")) == "9818.3"
    assert format_decimal(D("1E+4")) == "10000"
    assert format_decimal(D("1e7000000")) == "1E+7000000"
    assert check_value(D("9818.3")) == D("9818.3")


# --- unit_scale ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "scale", "base"),
    [
        ("元", 1, "元"),
        ("万元", 10_000, "元"),
        ("亿元", 10**8, "元"),
        ("万亿元", 10**12, "元"),
        ("千万元", 10**7, "元"),
        ("亿美元", 10**8, "美元"),
        ("万千瓦", 10_000, "千瓦"),
        ("千瓦", 1, "千瓦"),
        ("千瓦时", 1, "千瓦时"),
        ("万千瓦时", 10_000, "千瓦时"),
        ("%", 1, "%"),
        ("％", 1, "%"),
        ("个百分点", 1, "个百分点"),
        ("百分点", 1, "百分点"),
        ("万", 10_000, ""),
        ("亿", 10**8, ""),
        ("万人次", 10_000, "人次"),
        ("人", 1, "人"),
        ("篇", 1, "篇"),
        ("万篇", 10_000, "篇"),
    ],
)
def test_unit_scale(unit, scale, base):
    assert unit_scale(unit) == (D(scale), base)


# --- find_quote ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quote", "text", "starts"),
    [
        ("2.8%", "增长2.8%，", [2]),
        ("2.8%", "增长12.8%，", []),
        ("2.8%", "增长2.85%，", []),
        ("8%", "增长2.8%，", []),
        ("2.8%", "分别增长12.8%和2.8%", [10]),
        ("100人", "培训1100人", []),
        ("100人", "培训100人次", []),
        ("100人", "培训100人，1100人", [2]),
        ("5个", "提高5个百分点", []),
        ("5万", "5万亿元", []),
        ("5万", "5万余人", []),
        ("5万", "扩面5万、5万和", [2, 5]),
        ("3万", "3万6千人", []),
        ("990户", "风险户990户4465人", [3]),
        ("540余", "540余万元", []),
        ("2千瓦", "2千瓦时", []),
        ("近400篇", "发布近400篇", [2]),
        ("近400篇", "发布将近400篇", []),
        ("400篇", "发布近400篇", [3]),
        ("6.5%", "增长6%—6.5%", [5]),
        ("6%—6.5%", "增长6%—6.5%", [2]),
        ("20万人以上", "20万人以上", [0]),
        ("3万6千余人", "登记3万6千余人，", [2]),
        ("6千余人", "登记3万6千余人", []),
        ("2000万元", "1亿2000万元", []),
        ("1亿元", "11亿元", []),
        ("1亿元", "0.1亿元", []),
        ("", "abc", []),
    ],
)
def test_find_quote(quote, text, starts):
    assert find_quote(quote, text) == starts


# --- find_quantities ----------------------------------------------------------------------------


def quotes(text):
    return [f.quote for f in find_quantities(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全市地区生产总值增长7%—7.5%；一般公共预算收入增长6%左右。", ["7%—7.5%", "6%左右"]),
        ("新增城镇就业1200万人以上，城镇调查失业率5.5%左右。", ["1200万人以上", "5.5%左右"]),
        ("发布防疫信息近400篇，快检抽检200余次。", ["近400篇", "200余次"]),
        ("登记管控人员3万6千余人，其中重点人员2400余人。", ["3万6千余人", "2400余人"]),
        ("帮助1.8万建档立卡贫困人口脱贫。", ["1.8万"]),
        ("国内生产总值超过126万亿元，增长5.2%。", ["超过126万亿元", "5.2%"]),
        ("粮食产量1.39万亿斤，增产1.3%。", ["1.39万亿斤", "1.3%"]),
        ("装机12万千瓦、3万千瓦时储能和500千伏线路。", ["12万千瓦", "3万千瓦时", "500千伏"]),
        ("下降0.4个百分点，提高2.8个百分点。", ["0.4个百分点", "2.8个百分点"]),
        ("打造1-2个省级示范区，新增5%-6%。", ["1-2个", "5%-6%"]),
        ("力争增长7%以上，物价涨幅3%以内。", ["7%以上", "3%以内"]),
        ("力争7%以上", ["力争7%以上"]),
        ("参赛26万余人次、参与群众150万余人次。", ["26万余人次", "150万余人次"]),
        ("占比达到99.5%以上，增长8％。", ["达到99.5%以上", "8％"]),
        ("完成5万、5万和3万人。", ["5万", "5万", "3万人"]),
        ("6600多万农村人口", ["6600多万"]),
        ("建设150个多功能基地和20个上下游企业", ["150个", "20个"]),
        ("幅度在30%上下。", ["30%上下"]),
        ("下降到3.6%以内和14‰以内", ["3.6%以内", "14‰以内"]),
        ("人均5000—1万元，5—6万元", ["5000—1万元", "5—6万元"]),
        # not quantities
        ("2023年1月8日在那曲市第十一届人民代表大会上", []),
        ("2021—2025年是关键时期，2016年末", []),
        ("近2000年来", ["近2000年"]),
        ("延长30年", ["30年"]),
        ("建设5G基站，推进G317、G345和S212，创建4A级景区和3A级景区", []),
        ("PM2.5平均浓度，C919投入商业运营，PM10", []),
        ("1.开工建设地铁1号线和3号线，2.实施“1+N”、“2+4”、“4+6+1”行动", []),
        ("列全省第3位，第1名，世界500强企业", []),
        ("设立12345热线和120急救中心", []),
        ("截至11月底，2022年12月21日", []),
        ("版本3.0版，时间8:30，比例1/3，日期2023-01-08，编号1.2.3，1,000", []),
        ("增长-2.1%，下降—0.7", []),
        ("节约3亿元，最近5年，下达资金2亿元", ["3亿元", "5年", "2亿元"]),
        ("成立75周年，“1首位+1主导”", []),
        ("过 10 亿元", []),
        ("", []),
    ],
)
def test_find_quantities(text, expected):
    assert quotes(text) == expected


def test_found_spans_and_quantities():
    text = "全年增长力争6%—6.5%左右，新增就业3.5万农村人口。"
    found = find_quantities(text)
    assert [(f.start, f.end) for f in found] == [(4, 15), (20, 24)]
    first, second = found
    assert isinstance(first, Found) and first.quote == text[first.start : first.end] == "力争6%—6.5%左右"
    assert (first.quantity.value, first.quantity.upper, first.quantity.prefix, first.quantity.suffix) == (
        D(6),
        D("6.5"),
        "力争",
        "左右",
    )
    assert (second.quote, second.quantity.value, second.quantity.unit) == ("3.5万", D(35000), "")


def test_scanner_agrees_with_parser_on_every_form():
    for quote, expected in CASES.items():
        if not expected or expected[5] or " " in quote:
            continue  # counted nouns are found without their noun; the scanner reads text as written
        found = find_quantities(f"，{quote}。")
        assert [f.quote for f in found] == [quote], quote
        assert found[0].quantity == parse_quantity(quote)


def test_scanner_is_linear():
    paragraph = "全年地区生产总值增长7%—7.5%左右，新增城镇就业3万6千余人，投资超过126万亿元，2023年1月8日，G317，" * 700
    assert len(paragraph) > 40_000
    start = time.perf_counter()
    found = find_quantities(paragraph)
    assert time.perf_counter() - start < 1
    assert len(found) == 3 * 700
    for hostile in ("1" * 40_000, "1." * 20_000, "5—" * 20_000, "1万" * 20_000, "%5" * 20_000, "近" * 40_000):
        start = time.perf_counter()
        find_quantities(hostile)
        assert time.perf_counter() - start < 1, hostile[:10]


def test_scanner_finds_every_figure_the_seed_declares():
    from conftest import SOURCE
    from ruamel.yaml import YAML

    def paragraphs(node):
        if isinstance(node, dict):
            if "figures" in node and "text" in node:
                yield node
            for value in node.values():
                yield from paragraphs(value)
        elif isinstance(node, list):
            for value in node:
                yield from paragraphs(value)

    declared = 0
    for paragraph in paragraphs(YAML(typ="safe").load(SOURCE.read_text(encoding="utf-8"))):
        text = (paragraph.get("lead") or "") + paragraph["text"].replace("**", "")
        found = {f.quote: f.quantity for f in find_quantities(text)}
        for figure in paragraph["figures"]:
            declared += 1
            assert figure["quote"] in found, figure["quote"]
            quantity = found[figure["quote"]]
            scale, base = unit_scale(figure["unit"])
            assert (quantity.unit, quantity.value) == (base, D(str(figure["value"])) * scale)
    assert declared >= 20
    assert quotes("辖区2例确诊病例") == ["2例"]


# --- the corpus ---------------------------------------------------------------------------------


def corpus_files():
    if not CORPUS.is_dir():
        pytest.skip(f"corpus folder {CORPUS} is missing (set REPORTGEN_SHARED to the shared folder)")
    files = sorted(p for p in CORPUS.glob("*.md") if p.name != "README.md")
    if not files:
        pytest.skip(f"no report in {CORPUS}")
    return files


def test_every_quantity_in_the_corpus_reads_back():
    counts = {}
    for path in corpus_files():
        found_in_file = 0
        for paragraph in path.read_text(encoding="utf-8").splitlines():
            for f in find_quantities(paragraph):
                assert paragraph[f.start : f.end] == f.quote
                assert parse_quantity(f.quote) == f.quantity, (path.name, f.quote)
                assert f.start in find_quote(f.quote, paragraph), (path.name, f.quote)
                found_in_file += 1
        counts[path.name] = found_in_file
    assert all(n > 20 for n in counts.values()), counts


# figures the scanner must find, and numbers it must leave alone, in each corpus report
CORPUS_EXPECTED = {
    "guowuyuan-2024.md": (["超过126万亿元", "1.39万亿斤", "1200万人以上", "5.5%左右", "6600多万"], ["5G", "C919"]),
    "wuxi-2017.md": (["7%—7.5%", "700亿美元左右", "0.4个百分点", "近5个百分点"], ["PM2.5", "5A级"]),
    "naqu-2023.md": (["5.2万余名", "12万千瓦", "150万余人次", "达到99.5%以上"], ["G317", "4A级", "12345"]),
    "binzhou-2018.md": (["1.8万", "3.7个百分点", "14‰以内", "突破8000亿元"], ["205国道", "500强"]),
    "fuzhou-2023.md": (["1-2个", "3岁以下", "5200余台", "26亿公斤以上"], ["5G+", "4A级", "1首位"]),
}


@pytest.mark.parametrize("name", sorted(CORPUS_EXPECTED))
def test_corpus_reports(name):
    path = CORPUS / name
    if not path.exists():
        corpus_files()
        pytest.skip(f"{path} is missing")
    text = path.read_text(encoding="utf-8")
    found = [f for p in text.splitlines() for f in find_quantities(p)]
    found_quotes = {f.quote for f in found}
    present, absent = CORPUS_EXPECTED[name]
    for quote in present:
        assert quote in text and quote in found_quotes, quote
    for literal in absent:
        assert literal in text, literal
        for f in found:
            assert literal not in f.quote, (literal, f.quote)
    assert not [f.quote for f in found if re.fullmatch(r"[0-9]{4}年", f.quote)]


# --- Chinese numerals ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "一"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (12, "十二"),
        (20, "二十"),
        (21, "二十一"),
        (99, "九十九"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (111, "一百一十一"),
        (999, "九百九十九"),
        (1000, "一千"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
        (1100, "一千一百"),
        (2005, "二千零五"),
        (9999, "九千九百九十九"),
    ],
)
def test_chinese_numeral(n, text):
    assert chinese_numeral(n) == text
    assert parse_chinese_numeral(text) == n


def test_chinese_numerals_round_trip():
    for n in range(1, 10_000):
        assert parse_chinese_numeral(chinese_numeral(n)) == n


@pytest.mark.parametrize("n", [0, -1, 10_000, 123456])
def test_chinese_numeral_out_of_range(n):
    with pytest.raises(ValueError):
        chinese_numeral(n)


@pytest.mark.parametrize(("text", "n"), [("两千", 2000), ("一十二", 12), ("二〇", None), ("一千〇一", 1001)])
def test_parse_chinese_numeral_variants(text, n):
    if n is None:
        with pytest.raises(ValueError):
            parse_chinese_numeral(text)
    else:
        assert parse_chinese_numeral(text) == n


@pytest.mark.parametrize(
    "text",
    ["", "零", "十十", "一百零", "二二", "百", "一万", "五a", "一百二", "三十百", "一零一", "一千一十", "一百零一十"],
)
def test_parse_chinese_numeral_refuses(text):
    with pytest.raises(ValueError):
        parse_chinese_numeral(text)


# --- the documented lists -----------------------------------------------------------------------


def test_lists_are_consistent():
    assert list(ACCEPTED_UNITS) == sorted(ACCEPTED_UNITS, key=len, reverse=True)
    assert len(set(ACCEPTED_UNITS)) == len(ACCEPTED_UNITS)
    assert list(PREFIX_HEDGES) == sorted(PREFIX_HEDGES, key=len, reverse=True)
    assert SUFFIX_HEDGES == IN_NUMBER_HEDGES + POST_UNIT_HEDGES
    assert {"%", "％", "个百分点", "倍", "元", "千瓦", "平方米", "人次"} <= set(ACCEPTED_UNITS)
    assert {"月", "日", "号", "级", "期", "届"}.isdisjoint(ACCEPTED_UNITS)
    assert {"万", "亿", "万亿", "千万", "百万"} <= set(MAGNITUDES)
    assert {"—", "-", "到", "至"} <= set(RANGE_SEPARATORS)


# --- random text: the scanner, the parser and find_quote agree, and nothing crashes -------------

FUZZ_ALPHABET = (
    "0123456789.．５%％‰—-~至到万亿千百十余多左右以上下内近约超过达到"
    + "不低于力争个百分点倍元人次千瓦时农村口第GA年月日 ，、/:e+节将"
)


def test_random_text_agrees_and_never_crashes():
    import random

    rng = random.Random(20261127)
    for _ in range(20_000):
        text = "".join(rng.choice(FUZZ_ALPHABET) for _ in range(rng.randint(0, 16)))
        for f in find_quantities(text):
            assert parse_quantity(f.quote) == f.quantity, (text, f.quote)
            assert f.start in find_quote(f.quote, text), (text, f.quote)
        try:
            q = parse_quantity(text)
        except QuantityError as error:
            assert error.kind in ERROR_KINDS
            continue
        assert 0 in find_quote(text, text), text
        scale, base = unit_scale(q.declared_unit)
        assert base == q.unit and q.declared_value * scale == q.value, text
        assert q.upper is None or q.value < q.upper, text
