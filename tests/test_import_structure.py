"""The importer's structure rules (:mod:`generator.readers.structure`), one construct at a time.

Each form is tried on a short sample written for the test, with a look-alike that must stay
what it is. The corpus-wide checks are in test_import.py and test_corpus.py.
"""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from pathlib import Path

from conftest import REPO

from generator.loader import parse_report
from generator.model import ListBlock, Paragraph
from generator.readers import read_report
from generator.readers.structure.common import words
from generator.writers.yaml import write_report

DATA = REPO / "generator" / "readers" / "data"


# --- the word lists -------------------------------------------------------------------------


def test_word_lists_are_package_data_and_read_without_comments():
    """Every word list is covered by pyproject's package-data, so ``pip install .`` ships it."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["generator.readers"]
    lists = sorted(DATA.glob("*.txt"))
    assert lists
    for path in lists:
        assert any(fnmatch(f"data/{path.name}", p) for p in patterns), path.name
        entries = words(path.stem)
        assert entries, path.name
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        assert list(entries) == [line for line in lines if line and not line.startswith("#")]


# --- helpers ---------------------------------------------------------------------------------

HEAD = """# 政府工作报告

——2025年1月8日在示例市第九届人民代表大会第四次会议上

示例市市长 张 三

各位代表：

现在，我代表市人民政府向大会报告工作，请予审议。
"""


def _read(text: str, name: str = "sample.md"):
    """A sample written for the test, imported as the command imports a file of that name."""
    imported = read_report(Path(name), text, "sample")
    parse_report(write_report(imported.report, imported.comments).encode("utf-8"))  # the YAML passes check
    return imported


def _keys(imported) -> list[tuple[int, str]]:
    return [(w.line, w.key) for w in imported.warnings]


def _speech(imported) -> str:
    return "".join(imported.report.speech())


# --- headings --------------------------------------------------------------------------------


def test_a_long_section_line_without_full_stop_is_a_section_heading():
    text = HEAD + (
        "\n一、2024年工作回顾\n\n过去一年，全市完成了年度目标任务。\n\n二、2025年主要任务\n\n"
        "（一）坚持创新引领，加快培育新兴产业集群，推动传统产业改造升级，打造区域高质量发展新引擎\n\n"
        "全年新建创新平台12个，高新技术企业达到300家。\n\n"
        "（二）坚持民生为本，办好群众身边实事\n\n新增城镇就业3万人。\n"
    )
    imported = _read(text)
    part = imported.report.parts[1]
    assert [s.numbered_heading for s in part.sections] == [
        "（一）坚持创新引领，加快培育新兴产业集群，推动传统产业改造升级，打造区域高质量发展新引擎",
        "（二）坚持民生为本，办好群众身边实事",
    ]
    assert imported.report.numbering.sections == "auto"
    assert not [k for _, k in _keys(imported) if k in ("import_section_runin", "import_numbering")]


def test_a_short_sentence_ending_a_paragraph_is_not_a_heading():
    text = HEAD + (
        "\n一、2024年工作回顾\n\n过去一年，全市完成了年度目标任务。\n\n主要做了以下工作。\n\n"
        "（一）扩大有效投资。全年实施重点项目56个。\n\n项目建设全面提速。\n"
    )
    report = _read(text).report
    part = report.parts[0]
    assert [s.section for s in part.sections] == ["扩大有效投资。"]
    assert [p.text for p in part.content if isinstance(p, Paragraph)][-1] == "主要做了以下工作。"
    assert [p.text for p in part.sections[0].paragraphs] == ["全年实施重点项目56个。", "项目建设全面提速。"]


def test_unnumbered_part_headings_over_sections_numbered_like_parts():
    text = HEAD + (
        "\n2024年工作回顾\n\n过去一年，全市经济稳中有进。\n\n"
        "一、全力发展产业，经济实力稳步增强\n\n工业增加值增长8%。\n\n"
        "二、全力改善民生，群众生活持续改善\n\n新增就业3万人。\n\n"
        "2025年主要工作\n\n今年是关键之年。\n\n"
        "一、扩大有效需求，保持经济平稳增长\n\n实施重点项目100个。\n\n"
        "加强政府自身建设\n\n我们将坚持依法行政。\n"
    )
    imported = _read(text)
    report = imported.report
    assert [p.heading for p in report.parts] == ["2024年工作回顾", "2025年主要工作", "加强政府自身建设"]
    assert [[s.numbered_heading for s in p.sections] for p in report.parts] == [
        ["一、全力发展产业，经济实力稳步增强", "二、全力改善民生，群众生活持续改善"],
        ["一、扩大有效需求，保持经济平稳增长"],
        [],
    ]
    assert (report.numbering.parts, report.numbering.sections) == ("none", "none")
    assert "import_numbering" not in [k for _, k in _keys(imported)]  # each part's sequence runs 一、二、


def test_one_short_line_before_numbered_parts_does_not_make_them_sections():
    text = (
        HEAD
        + "\n政府工作回顾与展望\n\n一、2024年工作回顾\n\n全市完成了目标。\n\n二、2025年工作安排\n\n全市将继续努力。\n"
    )
    report = _read(text).report
    assert [p.numbered_heading for p in report.parts] == ["一、2024年工作回顾", "二、2025年工作安排"]
    assert [p.text for p in report.opening][-1] == "政府工作回顾与展望"


def test_ordinal_section_lines_and_ordinal_lead_ins_inside_a_paragraph():
    text = HEAD + (
        "\n一、2025年工作安排\n\n今年重点抓好以下工作。\n\n"
        "第一，坚持创新驱动，加快建设科技强市\n\n建设创新平台20个。\n\n"
        "第二，坚持扩大内需，推动经济持续回升\n\n"
        "扩大有效投资。第一，抓项目；第二，促消费。全年投资增长10%。\n"
    )
    report = _read(text).report
    sections = report.parts[0].sections
    assert [s.numbered_heading for s in sections] == [
        "第一，坚持创新驱动，加快建设科技强市",
        "第二，坚持扩大内需，推动经济持续回升",
    ]
    last = sections[1].paragraphs[0]
    assert last.leads == ["第一，抓项目；", "第二，促消费。"]  # inside a paragraph: lead-ins, not sections


# --- the title block -------------------------------------------------------------------------

BODY = "\n各位代表：\n\n现在，我代表市人民政府向大会报告工作。\n\n一、2024年工作回顾\n\n全市完成了年度目标任务。\n"


def _title_block_stays_out(imported, lines: list[str]) -> None:
    speech = _speech(imported)
    assert [line for line in lines if line in speech] == []


def test_meeting_line_without_dash_and_speaker_after_a_no_break_space():
    lines = ["政府工作报告", "2025年1月8日在示例市第九届人民代表大会第四次会议上", "示例市人民政府市长\u00a0张 三"]
    imported = _read("\n\n".join(lines) + "\n" + BODY)
    meta = imported.report.report
    assert (meta.date.isoformat(), meta.session) == ("2025-01-08", "示例市第九届人民代表大会第四次会议")
    assert (meta.office, meta.speaker, meta.subtitle) == ("示例市人民政府市长", "张三", lines[1])
    assert meta.byline == "示例市人民政府市长 张 三"  # the no-break space a web page leaves: one space
    assert meta.issuer == "示例市人民政府"
    _title_block_stays_out(imported, lines[1:])
    assert _keys(imported) == []


def test_a_passed_by_line_gives_date_and_session():
    lines = ["2025年1月8日示例市第九届人民代表大会第四次会议通过", "市长 张三"]
    imported = _read("\n\n".join(lines) + "\n" + BODY)
    meta = imported.report.report
    assert (meta.date.isoformat(), meta.session, meta.subtitle) == (
        "2025-01-08",
        "示例市第九届人民代表大会第四次会议",
        lines[0],
    )
    assert (meta.office, meta.speaker) == ("市长", "张三")
    _title_block_stays_out(imported, lines)


def test_a_meeting_line_wrapped_over_two_paragraphs_is_joined_and_reported():
    text = "# 政府工作报告\n\n——2025年1月8日在示例市第九届人民代表\n\n大会第四次会议上\n\n示例市市长张三\n" + BODY
    imported = _read(text)
    meta = imported.report.report
    assert meta.subtitle == "——2025年1月8日在示例市第九届人民代表大会第四次会议上"
    assert (meta.date.isoformat(), meta.office, meta.speaker) == ("2025-01-08", "示例市市长", "张三")
    assert _keys(imported) == [(3, "import_joined")]
    _title_block_stays_out(imported, ["大会第四次会议上", "示例市市长张三"])


def test_no_date_or_speaker_printed_nothing_invented_and_the_caption_comment_is_not_text():
    text = "# 政府工作报告\n\n<!-- 图为会议现场\n（记者 摄） -->\n" + BODY
    imported = _read(text)
    meta = imported.report.report
    assert (meta.date.isoformat(), meta.speaker, meta.office) == ("1970-01-01", "（报告人）", "（职务）")
    for key in ("date", "session", "speaker", "office"):
        assert imported.comments[("report", key)].startswith("推测")  # marked a guess in the YAML
    assert "图为" not in _speech(imported) and "摄" not in _speech(imported)
    assert (3, "import_comment_dropped") in _keys(imported) and (1, "import_no_date") in _keys(imported)


def test_a_dated_bullet_in_the_speech_stays_a_bullet():
    text = HEAD + "\n一、2024年工作回顾\n\n——2024年3月5日，示例市召开全市项目建设大会。\n——全年完成投资45亿元。\n"
    imported = _read(text)
    (bullets,) = [b for b in imported.report.parts[0].content if isinstance(b, ListBlock)]
    assert [i.full_text for i in bullets.items][0] == "2024年3月5日，示例市召开全市项目建设大会。"
    assert imported.report.report.subtitle == "——2025年1月8日在示例市第九届人民代表大会第四次会议上"


# --- HTML comments ---------------------------------------------------------------------------


def test_html_comments_are_never_text_and_line_numbers_are_kept():
    text = HEAD + (
        "\n一、2024年工作回顾\n\n<!--\n编辑注：此处配图\n-->\n\n全市完成了<!-- 待核 -->年度目标任务。\n\n**（一）**\n"
    )
    imported = _read(text)
    speech = _speech(imported)
    assert "编辑注" not in speech and "待核" not in speech and "<!--" not in speech
    assert "全市完成了年度目标任务。" in speech
    assert [line for line, key in _keys(imported) if key == "import_comment_dropped"] == [13, 17]
    assert (19, "import_empty_part") in _keys(imported)  # the line after the comments keeps its number


def test_an_unclosed_comment_opener_is_text():
    text = HEAD + "\n一、2024年工作回顾\n\n网页源码中的“<!--”不是注释的结束。\n"
    assert "“<!--”不是注释" in _speech(_read(text))


def test_html_comments_in_plain_text_are_dropped_too():
    text = HEAD.replace("# ", "") + "\n一、2024年工作回顾\n\n<!-- 图片说明 -->\n全市完成了年度目标任务。\n"
    imported = _read(text, "sample.txt")
    assert "图片说明" not in _speech(imported)
    assert "import_comment_dropped" in [k for _, k in _keys(imported)]


# --- web-page leftovers ----------------------------------------------------------------------

TAIL = "\n一、2024年工作回顾\n\n全市完成了年度目标任务。\n\n各位代表，让我们携手奋进！\n\n"


def test_a_trailing_download_list_is_dropped_and_reported_with_its_line():
    text = HEAD + TAIL + "附件：\n\n- 2025年政府工作报告.pdf\n- 2025年政府工作报告.doc\n- 名词解释.docx\n"
    imported = _read(text)
    assert imported.report.all_appendices() == []
    assert ".pdf" not in "".join(imported.report.reading_order())
    line = text.split("\n").index("附件：") + 1
    warned = [w for w in imported.warnings if w.key == "import_download_list"]
    assert [(w.line, w.fields["count"]) for w in warned] == [(line, 3)]


def test_download_list_in_plain_text_lines_is_dropped():
    text = HEAD.replace("# ", "") + TAIL + "附件：\n2025年政府工作报告.pdf\n2025年政府工作报告.docx\n"
    imported = _read(text, "sample.txt")
    assert imported.report.all_appendices() == []
    assert "import_download_list" in [k for _, k in _keys(imported)]


def test_an_attachment_that_introduces_a_real_appendix_stays_an_appendix():
    text = HEAD + TAIL + "附件：\n\n2025年民生实事\n\n1.新建学校3所。\n\n2.改造农村公路120公里，详见附表.pdf\n"
    imported = _read(text)
    (appendix,) = imported.report.all_appendices()
    assert (appendix.label, appendix.title) == ("附件", "2025年民生实事")
    assert "import_download_list" not in [k for _, k in _keys(imported)]


def test_a_download_list_followed_by_report_text_is_kept():
    text = HEAD + TAIL + "附件：\n\n- 2025年政府工作报告.pdf\n\n附件2：名词解释\n\n稳就业：稳定就业。\n"
    imported = _read(text)
    assert [a.label for a in imported.report.all_appendices()] == ["附件", "附件2："]
    assert "2025年政府工作报告.pdf" in "".join(imported.report.reading_order())
    assert "import_download_list" not in [k for _, k in _keys(imported)]


def test_unnumbered_part_headings_directly_above_their_first_section():
    text = HEAD + (
        "\n## 2024年工作回顾\n\n### 一、产业发展迈出新步伐\n\n工业增加值增长8%。\n\n"
        "## 2025年主要工作\n\n### 一、扩大有效需求\n\n实施重点项目100个。\n\n### 二、保障改善民生\n\n新增就业3万人。\n"
    )
    report = _read(text).report
    assert [p.heading for p in report.parts] == ["2024年工作回顾", "2025年主要工作"]
    assert [len(p.sections) for p in report.parts] == [1, 2]


def test_a_date_line_and_a_meeting_line_of_their_own_are_one_meeting_line():
    text = "# 政府工作报告\n\n2025年1月8日\n\n在示例市第九届人民代表大会第四次会议上\n\n市长 张三\n" + BODY
    imported = _read(text)
    meta = imported.report.report
    assert (meta.date.isoformat(), meta.session) == ("2025-01-08", "示例市第九届人民代表大会第四次会议")
    assert "在示例市第九届" not in _speech(imported)


def test_unnumbered_bold_lines_in_a_numbered_part_without_sections_are_sections():
    text = HEAD + (
        "\n一、2024年工作回顾\n\n全市完成了年度目标任务。\n\n二、2025年主要任务\n\n"
        "**扎实推进项目建设**\n\n全年实施重点项目100个。\n\n**持续改善民生**\n\n新增就业3万人。\n"
    )
    imported = _read(text)
    part = imported.report.parts[1]
    assert [s.section for s in part.sections] == ["扎实推进项目建设", "持续改善民生"]
    assert "import_unplaced" not in [k for _, k in _keys(imported)]


def test_an_unnumbered_bold_line_among_numbered_sections_stays_a_paragraph():
    text = HEAD + (
        "\n一、2025年主要任务\n\n（一）扎实推进项目建设\n\n全年实施重点项目100个。\n\n**专项行动**\n\n开展营商环境优化行动。\n"
    )
    imported = _read(text)
    part = imported.report.parts[0]
    assert [s.numbered_heading for s in part.sections] == ["（一）扎实推进项目建设"]
    assert "import_unplaced" in [k for _, k in _keys(imported)]


def test_images_are_not_text_and_links_are_their_text():
    text = HEAD + (
        "\n一、2024年工作回顾\n\n![市长作报告（记者 摄）](/images/2024/01/photo.jpg)\n\n"
        "全市完成了[年度目标任务](https://www.example.gov.cn/a.html)。\n\n注[1]：第[2]项见附表。\n"
    )
    imported = _read(text)
    speech = _speech(imported)
    assert "记者" not in speech and "photo.jpg" not in speech and "example" not in speech
    assert "全市完成了年度目标任务。" in speech and "注[1]：第[2]项见附表。" in speech  # brackets alone are text
    assert (13, "import_image_dropped") in _keys(imported)


def test_a_caption_before_a_table_is_not_a_section_heading():
    text = HEAD + (
        "\n一、2025年主要任务\n\n今年重点抓好民生工作。\n\n主要民生指标\n\n"
        "| 指标 | 目标 |\n|---|---|\n| 新建学校 | 12 |\n\n各位代表，让我们携手奋进！\n"
    )
    report = _read(text).report
    assert report.parts[0].sections == []
    assert "主要民生指标" in "".join(report.reading_order())


def test_plain_text_of_a_web_page_keeps_long_numbered_heading_lines():
    body = [
        "一、2025年主要任务",
        "（一）坚持创新引领，加快培育新兴产业集群，推动传统产业改造升级，打造区域高质量发展新引擎",
        "全年新建创新平台12个，高新技术企业达到300家。",
        "第二，坚持民生为本，办好群众身边实事，提升群众获得感",
        "新增城镇就业3万人。",
    ]
    text = HEAD.replace("# ", "") + "\n" + "\n\n".join(body) + "\n"
    imported = _read(text, "sample.txt")
    sections = imported.report.parts[0].sections
    assert [s.numbered_heading for s in sections] == body[1:4:2]
    assert "import_joined" not in [k for _, k in _keys(imported)]


def test_plain_text_of_a_pdf_joins_a_long_numbered_paragraph_cut_at_a_page_end():
    wrapped = [
        "各位代表：",
        "",
        "现在，我代表市人民政府向大会报告工作，请予审议，并请各位政协委员和列席",
        "人员提出意见。",
        "",
        "一、2024年工作回顾",
        "",
        "过去一年，面对复杂严峻的形势，全市上下共同努力，完成了年度目标任务，经",
        "济运行稳中有进，社会大局和谐稳定，人民群众获得感幸福感安全感不断增强。",
        "",
        "（一）坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，统筹推进疫情防控和经济社会",
        "",
        "— 3 —",
        "",
        "发展，统筹发展和安全。全年地区生产总值增长6%，城镇新增就业3万人，居民收入稳步增长。",
    ]
    imported = _read("政府工作报告\n\n" + "\n".join(wrapped) + "\n", "sample.txt")
    (section,) = imported.report.parts[0].sections
    assert (
        section.section
        == "坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，统筹推进疫情防控和经济社会发展，统筹发展和安全。"
    )
    assert section.run_in and "import_joined" in [k for _, k in _keys(imported)]


def test_ordinal_sentences_of_their_own_are_not_sections():
    text = (
        HEAD
        + "\n一、2025年工作安排\n\n做好今年工作，必须把握以下原则。\n\n第一，坚持稳中求进。\n\n第二，坚持改革创新。\n"
    )
    report = _read(text).report
    assert report.parts[0].sections == []
    assert [p.text for p in report.parts[0].content if isinstance(p, Paragraph)][1:] == [
        "第一，坚持稳中求进。",
        "第二，坚持改革创新。",
    ]
