"""``reportgen import``: Markdown and text reports → a YAML source that passes ``check``.

The corpus reports (every one in ``../shared/corpus``, listed by ``conftest.corpus_names``) and
the seed text are read from ``../shared`` at test time (the repository does not carry their
text). Texts are compared with all whitespace removed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import SEED, SHARED, SOURCE, corpus_names, reportgen, squeeze
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.loader import load_report, parse_report
from generator.model import ListBlock, Paragraph, Section, Table
from generator.readers import read_report
from generator.readers.structure import PAGE_REF_RE
from generator.readers.text import squeeze_spaces
from generator.writers.yaml import scalar, write_report

CORPUS = SHARED / "corpus"
CORPUS_FILES = [f"{name}.md" for name in corpus_names()]


def _shared(path: Path) -> Path:
    if not path.exists():
        pytest.fail(f"shared test data missing: {path} (set REPORTGEN_SHARED to the folder holding corpus/ and seeds/)")
    return path


def _import(path: Path, report_id: str = "x"):
    imported = read_report(path, path.read_text(encoding="utf-8"), report_id)
    source = write_report(imported.report, imported.comments)
    return imported, source


def markdown_text(text: str, dropped: tuple[int, ...] = ()) -> str:
    """The report's text with Markdown marks and printed glossary page references removed, whitespace too.

    Marks: front matter, HTML comments, ``#`` heading marks, ``**``/``__`` emphasis, backslash
    escapes, table pipes and separator rows, ``<br>``. A lone ``*`` is text. ``dropped``: lines
    from which the rest of the file was reported dropped (a web page's download list).
    """
    if dropped:
        text = "\n".join(text.split("\n")[: min(dropped) - 1])
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    text = re.sub(r"(?m)^ {0,3}#{1,6}[ \t]+", "", text)
    text = re.sub(r"(?m)^\|[\s:|-]+\|[ \t]*$", "", text)
    text = text.replace("|", "").replace("<br>", "").replace("**", "").replace("__", "")
    text = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)
    title = re.search(r"(?m)^.{0,24}(?:名词|词语)(?:解释|注释)(?:和说明)?$", text)
    if title:  # a glossary entry's separator is the products' ： (as its number is theirs)
        entry = r"(?m)^((?:\d{1,3}[.、．]|[（(]\d{1,3}[）)]|\[\d{1,3}\])[^:：\n]{1,60}):"
        glossary = re.sub(entry, r"\1：", text[title.end() :])
        text = text[: title.end()] + glossary
    return squeeze(PAGE_REF_RE.sub("", text))


# --- the corpus -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_corpus_report_imports_and_passes_check(name, tmp_path):
    path = _shared(CORPUS / name)
    out = tmp_path / "report.yaml"
    result = reportgen("import", path, "-o", out)
    assert result.returncode == 0, result.stderr
    check = reportgen("check", out)
    assert check.returncode == 0, check.stderr


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_corpus_text_arrives_as_written(name):
    """reading_order() joined = the Markdown text without its marks (whitespace removed on both sides).

    When the printed title is not in the text (it came from the front matter), it is left out.
    """
    path = _shared(CORPUS / name)
    imported, source = _import(path)
    report = parse_report(source.encode("utf-8"), name)
    assert report == imported.report  # the YAML round-trips
    lines = report.reading_order()
    if not imported.title_in_text:
        lines = lines[1:]
    dropped = tuple(w.line for w in imported.warnings if w.key == "import_download_list")
    assert squeeze("".join(lines)) == markdown_text(path.read_text(encoding="utf-8"), dropped)


STRUCTURES = {
    # name: (parts, sections, lists, tables, appendices incl. glossary, glossary entries), read by hand
    "binzhou-2018": (3, 18, 1, 0, 2, 10),
    "changsha-2019": (4, 10, 1, 0, 1, 39),
    "fuzhou-2023": (2, 0, 1, 0, 1, 7),
    "guangdong-2021": (3, 10, 0, 0, 2, 16),
    "guowuyuan-2024": (3, 10, 1, 0, 0, 0),
    "jinan-2024": (3, 19, 0, 0, 0, 0),
    "naqu-2023": (3, 8, 1, 0, 1, 8),
    "sichuan-2021": (3, 10, 0, 0, 1, 49),
    "wuxi-2017": (3, 8, 0, 3, 3, 33),
    "yibin-2023": (3, 15, 1, 0, 1, 25),
}


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_corpus_structures(name):
    """Each report gets its parts, sections, lists, appendices and glossary (counts as read by hand)."""
    stem = name.removesuffix(".md")
    assert stem in STRUCTURES, f"count {name}'s structure by hand and add it to STRUCTURES"
    report = _import(_shared(CORPUS / name))[0].report
    nodes = list(report.walk())
    glossary = report.glossary_appendix()
    got = (
        len(report.parts),
        sum(n.kind == "section" for n in nodes),
        sum(n.kind == "list" for n in nodes),
        sum(n.kind == "table" for n in nodes),
        len(report.all_appendices()),
        len(glossary.entries) if glossary else 0,
    )
    expected = STRUCTURES[stem]
    assert [g if e is not None else None for g, e in zip(got, expected, strict=True)] == list(expected)


_MARKS = re.compile(r"^\s*#+\s*|\*\*")
_CN = "[一二三四五六七八九十]{1,3}"
_HEADING_NUMBER = re.compile(rf"^(?:{_CN}、|[（(]{_CN}[）)]|第{_CN}[，、])")
_SPEECH_END = re.compile(r"^(?:附\s*[件录]|.{0,20}(?:名词解释|名词注释|词语解释))")


def _printed_lines(path: Path) -> list[str]:
    """The Markdown's non-empty lines, marks (front matter, comments, #, **) removed."""
    text = re.sub(r"\A---\n.*?\n---\n", "", path.read_text(encoding="utf-8"), flags=re.S)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    return [_MARKS.sub("", line).strip() for line in text.split("\n") if _MARKS.sub("", line).strip()]


def _speech_lines(lines: list[str]) -> list[str]:
    """The printed lines from the salutation to the first appendix label or glossary title."""
    start = next(i for i, line in enumerate(lines) if re.fullmatch(r"各位代表[：:]", line))
    end = next((i for i in range(start, len(lines)) if _SPEECH_END.match(lines[i])), len(lines))
    return lines[start + 1 : end]


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_corpus_headings_as_printed_are_headings(name):
    """Every printed numbered heading line of its own (一、 （一） 第一，, no sentence end) is a part or
    section heading, and every part and section heading is printed: a line of its own, or a run-in
    heading opening one (bold, or up to the first 。)."""
    path = _shared(CORPUS / name)
    report = _import(path)[0].report
    headings = [p.numbered_heading for p in report.parts]
    headings += [s.numbered_heading for p in report.parts for s in p.sections]
    speech = _speech_lines(_printed_lines(path))
    printed = [line for line in speech if _HEADING_NUMBER.match(line) and not re.search(r"[。！？；]", line)]
    assert [line for line in printed if line not in headings] == []
    assert [h for h in headings if not any(line == h or line.startswith(h) for line in speech)] == []


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_corpus_title_block_is_read_and_stays_out_of_the_speech(name):
    """The printed date, meeting and speaker (the lines between the title and 各位代表) are read
    (what is not printed stays a marked guess); none of those lines is a paragraph of the speech.
    All ten corpus reports print all three."""
    path = _shared(CORPUS / name)
    imported = _import(path)[0]
    meta = imported.report.report
    lines = _printed_lines(path)
    block = "".join(lines[: next(i for i, line in enumerate(lines) if re.fullmatch(r"各位代表[：:]", line))])
    date = re.search(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", block)
    if date:  # printed: read; not printed: nothing invented, the field marked a guess
        assert (meta.date.year, meta.date.month, meta.date.day) == tuple(map(int, date.groups()))
    else:
        assert meta.date.year == 1970 and imported.comments[("report", "date")].startswith("推测")
    if "会议" in block:
        assert "会议" in meta.session and squeeze(meta.session) in squeeze(block)
    printed_speaker = [
        line for line in lines if re.search(r"(?:长|主席|总理)\s*[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,3}$", line)
    ]
    if printed_speaker and printed_speaker[0] in block:  # an office ending 长/主席/总理 and a name
        assert meta.office in block and squeeze(meta.speaker_line) == squeeze(printed_speaker[0])
    else:
        assert imported.comments[("report", "speaker")].startswith("推测")
    raw = path.read_text(encoding="utf-8").split("\n")
    salutation = next(i + 1 for i, line in enumerate(raw) if re.fullmatch(r"各位代表[：:]", line.strip(" *")))
    unread = [w for w in imported.warnings if w.key in ("import_no_date", "import_unplaced") and w.line < salutation]
    assert unread == []
    speech = [squeeze(t) for t in imported.report.speech()]
    assert [t for t in speech if t and t in squeeze(block)] == []


# --- the seed -------------------------------------------------------------------------------


def test_seed_text_imports_to_the_speech_and_glossary_of_the_source():
    """Speech and glossary equal those of the hand-made source, whitespace removed.

    The extraction artefacts of ../shared/seeds/README.md are undone by the text reader's own
    documented rules: page-cut paragraphs joined, spaces between Chinese and digits/Latin
    removed (“18 条措施” included), (草案) read as the status, page references dropped.
    """
    imported, source = _import(_shared(SEED), "changying-2020-midyear")
    report = parse_report(source.encode("utf-8"))
    assert report == imported.report
    original = load_report(SOURCE)
    assert squeeze("".join(report.speech())) == squeeze("".join(original.speech()))
    got = [(squeeze(e.term), [squeeze(p) for p in e.paragraphs]) for e in report.glossary_appendix().entries]
    want = [(squeeze(e.term), [squeeze(p) for p in e.paragraphs]) for e in original.glossary_appendix().entries]
    assert got == want
    meta = report.meta
    assert (meta.status, meta.date.isoformat(), meta.speaker, meta.session) == (
        "草案",
        "2020-08-20",
        "方泽",
        original.meta.session,
    )
    assert [p.heading for p in report.parts] == [p.heading for p in original.parts]
    assert [s.run_in for s in report.parts[2].sections] == [True] * 4


def test_seed_import_command_warns_with_line_numbers():
    result = reportgen("import", _shared(SEED))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# yaml-language-server")
    assert re.search(r"000_45a9a83f3c5f47e3\.txt:21: warning: ", result.stderr), result.stderr


# --- the command ----------------------------------------------------------------------------

TINY_MD = """---
title: 示例县政府工作报告（2024年1月5日 张三）
---

# 政府工作报告

——2024年1月5日在示例县第一届人民代表大会第三次会议上

县长 张三

各位代表：

现在，我代表县人民政府向大会报告工作，请予审议。

## 一、2023年工作回顾

过去一年，全县地区生产总值实现120.5亿元，增长6.1%；城镇新增就业3200人。

——经济运行稳中有进。工业增加值增长7.2%，固定资产投资增长9.5%，社会消费品零售总额增长6.8%。
——民生保障持续加强。新建学校3所，改造农村公路120公里。

**（一）抓好项目建设。**全年实施重点项目56个，完成投资45亿元。

（二）深化改革开放。一是推进“放管服”改革。二是扩大对外开放。第一，稳外贸；第二，稳外资。

**推进乡村振兴。**“厕所革命”深入开展，星号\\*不是强调，a*b 也不是。

## 二、2024年工作安排

1.加快产业升级。推动传统产业改造，新增规上企业20家。

2.改善生态环境。完成造林1.5万亩。

各位代表，让我们团结奋斗！

附件1

民生实事

1.新建幼儿园：新建幼儿园5所。
2.改造老旧小区：改造老旧小区12个。

附件2

**名词解释**

1.“放管服”（《报告》第 2 页）：简政放权、放管结合、优化服务。
2.厕所革命（《报告》第3、4页）：改善农村卫生条件的行动。
3.重点项目建设（《报告》第3页）：年度重点项目的建设。
4.数字乡村示范（《报告》第5页）：本报告未用的词。

附件3

主要指标

| 指标 | 2022年 | 2023年 |
| --- | --- | --- |
| 地区生产总值 | 113.6亿元 | 120.5亿元 |
| 一般公共预算收入 | 7.8亿元 | 8.2亿元 |
| 备注 | - | 第一行<br>第二行 |
"""

TINY_TXT = """政府工作报告
(草案)
——2024年1月5日在示例县第一届人民代表大会第三次会议上
县长 张 三
各位代表：
　　现在，我代表县人民政府向大会报告工作，请予审议。
一、2023 年工作回顾
　　全县完成投资 45 亿元，新建 5G 基站 30 座，引进 Tesla Model 3 项目一
个。城镇新增就业 3 万 6 千余人。
— 1 —
示例县政府工作报告
　　——经济运行稳中有进。工业增加值增长 7.2%。
　　——民生保障持续加强。新建学校 3 所。
指标      2022年      2023年
投资      40亿元      45亿元
就业      3万人       3.6万人
二、2024 年工作安排
　　（一）抓好项目建设。全年实施重点项目 56 个。
- 2 -
示例县政府工作报告
　　各位代表，让我们团结奋
斗！
附件
名词解释
　　重点项目（《报告》第 2 页）：年度投资超过一亿元的项目。
"""


@pytest.fixture()
def tiny(tmp_path):
    md = tmp_path / "示例县.md"
    md.write_text(TINY_MD, encoding="utf-8")
    txt = tmp_path / "tiny-report.txt"
    txt.write_text(TINY_TXT, encoding="utf-8")
    return md, txt


def test_tiny_markdown_every_construct(tiny):
    md, _ = tiny
    imported, source = _import(md, "tiny")
    report = parse_report(source.encode("utf-8"))
    assert report == imported.report
    meta = report.meta
    assert (meta.title, meta.speaker, meta.office, meta.byline, meta.date.isoformat()) == (
        "政府工作报告",
        "张三",
        "县长",
        "县长 张三",
        "2024-01-05",
    )
    assert meta.session == "示例县第一届人民代表大会第三次会议" and meta.status is None
    assert report.numbering.parts == "auto"
    assert [p.heading for p in report.parts] == ["2023年工作回顾", "2024年工作安排"]
    first = report.parts[0].content
    bullets = first[1]
    assert isinstance(bullets, ListBlock) and bullets.marker == "——"
    assert [i.lead for i in bullets.items] == ["经济运行稳中有进。", "民生保障持续加强。"]
    sections = report.parts[0].sections
    assert [(s.section, s.run_in) for s in sections] == [("抓好项目建设。", True), ("深化改革开放。", True)]
    leads = ["一是推进“放管服”改革。", "二是扩大对外开放。", "第一，稳外贸；", "第二，稳外资。"]
    assert sections[1].paragraphs[0].leads == leads
    village = sections[1].paragraphs[1]
    assert village.lead == "推进乡村振兴。"
    assert village.full_text == "推进乡村振兴。“厕所革命”深入开展，星号*不是强调，a*b 也不是。"
    points = [b for b in report.parts[1].content if isinstance(b, Paragraph)]
    assert [(p.point, p.run_in, p.numbered_point) for p in points] == [
        ("加快产业升级。", True, "1.加快产业升级。"),
        ("改善生态环境。", True, "2.改善生态环境。"),
    ]
    assert [b.text for b in report.closing] == ["各位代表，让我们团结奋斗！"]
    labels = [(a.label, a.title) for a in report.all_appendices()]
    assert labels == [("附件1", "民生实事"), ("附件2", "名词解释"), ("附件3", "主要指标")]
    items = report.appendices[0].content[0]
    assert isinstance(items, ListBlock) and items.list == "numbered" and items.marker == "1."
    assert [i.lead for i in items.items] == ["新建幼儿园：", "改造老旧小区："]
    glossary = report.glossary_appendix().glossary
    assert glossary.numbering == "1." and [e.term for e in glossary.entries] == [
        "“放管服”",
        "厕所革命",
        "重点项目建设",
        "数字乡村示范",
    ]
    assert [e.match for e in glossary.entries] == [None, None, ["重点项目"], []]
    table = report.appendices[2].content[0]
    assert isinstance(table, Table)
    assert [c.text for c in table.header[0]] == ["指标", "2022年", "2023年"]
    assert [c.text for c in table.rows[2]] == ["备注", "-", "第一行\n第二行"]
    series_charts = [c for c in report.charts if c.series]
    assert [[s.name for s in c.series] for c in series_charts] == [["2022年", "2023年"]]
    assert any(len(c.figures) == 3 and c.unit == "%" for c in report.charts)  # one sentence, three growth rates
    assert report.tiles and len(report.tiles) <= 6
    assert "# 推测，请核对" in source and "# 建议：" in source and "（可删除）" in source
    assert re.search(r"match: \[重点项目\]  # 推测", source)
    assert squeeze("".join(report.reading_order())) == markdown_text(TINY_MD)


def test_tiny_text_every_construct(tiny):
    _, txt = tiny
    imported, source = _import(txt, "tiny")
    report = parse_report(source.encode("utf-8"))
    assert report == imported.report
    meta = report.meta
    assert (meta.status, meta.speaker, meta.office, meta.byline) == ("草案", "张三", "县长", "县长 张 三")
    part = report.parts[0]
    assert part.heading == "2023年工作回顾"
    joined = "全县完成投资45亿元，新建5G基站30座，引进Tesla Model 3项目一个。城镇新增就业3万6千余人。"
    assert part.content[0].full_text == joined
    assert {f.quote for f in part.content[0].figures} >= {"45亿元", "30座", "3万6千余人"}
    assert isinstance(part.content[1], ListBlock) and len(part.content[1].items) == 2
    table = part.content[2]
    assert isinstance(table, Table) and [c.text for c in table.rows[1]] == ["就业", "3万人", "3.6万人"]
    assert isinstance(report.parts[1].content[0], Section)
    assert [b.text for b in report.closing] == ["各位代表，让我们团结奋斗！"]
    assert [e.term for e in report.glossary.entries] == ["重点项目"] and report.glossary.label == "附件"
    text = squeeze("".join(report.reading_order()))
    assert "示例县政府工作报告" not in text and "—1—" not in text and "-2-" not in text
    assert imported.warnings == []  # the page-cut paragraph is joined without a blank line: nothing to report


def test_space_rule_keeps_latin_words_apart():
    assert squeeze_spaces("为 196 名一线，北辰 V 中心，Tesla Model 3 项目，“18 条措施”") == (
        "为196名一线，北辰V中心，Tesla Model 3项目，“18条措施”"
    )


def test_output_file_is_not_overwritten_without_force(tiny, tmp_path):
    md, _ = tiny
    out = tmp_path / "out.yaml"
    out.write_text("keep me", encoding="utf-8")
    refused = reportgen("--lang", "en", "import", md, "-o", out)
    assert refused.returncode == 1 and "--force" in refused.stderr
    assert out.read_text(encoding="utf-8") == "keep me"
    forced = reportgen("import", md, "-o", out, "--force")
    assert forced.returncode == 0, forced.stderr
    assert forced.stdout == "" and load_report(out).meta.title == "政府工作报告"
    assert load_report(out).meta.id.startswith("report-")  # a Chinese file name is hashed


def test_stdout_id_and_warnings(tiny):
    md, txt = tiny
    result = reportgen("--lang", "en", "import", md, "--id", "tiny-county")
    assert result.returncode == 0, result.stderr
    report = parse_report(result.stdout.encode("utf-8"))
    assert report.meta.id == "tiny-county"
    line = TINY_MD.split("\n").index("4.数字乡村示范（《报告》第5页）：本报告未用的词。") + 1
    assert f"{md}:{line}: warning: term '数字乡村示范' is not found" in result.stderr
    assert reportgen("import", txt).stdout.startswith("# yaml-language-server")
    assert "id: tiny-report" in reportgen("import", txt).stdout
    assert reportgen("import", md, "--id", "Not An Id").returncode == 2


def test_irregular_numbers_stay_in_the_headings(tmp_path):
    md = tmp_path / "odd.md"
    md.write_text(
        "各位代表：\n\n一、第一部分\n\n正文。\n\n三、第三部分\n\n正文。\n\n（二）小节\n\n正文。\n", encoding="utf-8"
    )
    result = reportgen("--lang", "en", "import", md)
    assert result.returncode == 0, result.stderr
    assert "numbers out of sequence" in result.stderr
    report = parse_report(result.stdout.encode("utf-8"))
    assert (report.numbering.parts, report.numbering.sections) == ("none", "none")
    assert [p.numbered_heading for p in report.parts] == ["一、第一部分", "三、第三部分"]
    assert report.parts[1].sections[0].numbered_heading == "（二）小节"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_writer_scalars_read_back_unchanged(text):
    from ruamel.yaml import YAML

    data = YAML(typ="rt", pure=True).load(f"key: {scalar(text)}\nflow: [{scalar(text, flow=True)}]\n")
    assert data["key"] == text and data["flow"][0] == text
