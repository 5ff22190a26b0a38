"""The importer's glossary forms (issue 18, item 2; rules in :mod:`generator.readers.structure.glossary`).

Each form is read from a short sample written for the test, and look-alikes stay what they are.
On the ten corpus reports: every glossary entry as printed is an entry, with all its explanation
(the entries' texts give back the printed glossary, numbers, colons and places of first use
aside), and the DOCX computes a page reference for every entry the body uses.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from conftest import SHARED, corpus_names, reportgen, squeeze
from test_import_structure import HEAD, _keys, _read, _speech

from generator.model import GlossaryEntry

BODY = (
    "\n一、2024年工作回顾\n\n"
    "全市落实“六稳”“六保”任务，深化“放管服”改革，推进三个中心建设，扶持经济薄弱村发展，实施双百工程。\n\n"
    "各位代表，让我们携手奋进！\n\n"
)
"""A speech that uses every term the samples explain."""


def _entries(imported) -> list[tuple[str, list[str]]]:
    appendix = imported.report.glossary_appendix()
    assert appendix is not None, "no glossary imported"
    return [(e.term, e.paragraphs) for e in appendix.entries]


def _glossary(imported):
    return imported.report.glossary_appendix().glossary


# --- the forms -------------------------------------------------------------------------------


def test_title_with_an_explanation_word_and_parenthesised_numbers():
    entries = "（1）“六稳”：稳就业、稳金融。\n\n（2）“六保”：保居民就业、保基本民生。\n"
    text = HEAD + BODY + "**名词解释和说明**\n\n" + entries
    imported = _read(text)
    assert _entries(imported) == [("“六稳”", ["稳就业、稳金融。"]), ("“六保”", ["保居民就业、保基本民生。"])]
    glossary = _glossary(imported)
    assert (glossary.title, glossary.numbering, glossary.entry_label(1)) == ("名词解释和说明", "（1）", "（2）")
    assert "稳就业" not in _speech(imported) and _speech(imported).endswith("各位代表，让我们携手奋进！")


HEADING_ENTRIES = (
    "**1.“六稳”“六保”（《报告》第1页第5行）**\n\n"
    "稳就业、稳金融。\n\n"
    "保居民就业、保基本民生，主要包括：就业和民生两方面。\n\n"
    "1.这一行编号不接续，是解释的一段。\n\n"
    "**2.“放管服”（《报告》第1页第6行）**\n\n"
    "简政放权、放管结合、优化服务。\n"
)
HEADING_EXPECTED = [
    (
        "“六稳”“六保”",
        [
            "稳就业、稳金融。",
            "保居民就业、保基本民生，主要包括：就业和民生两方面。",
            "1.这一行编号不接续，是解释的一段。",
        ],
    ),
    ("“放管服”", ["简政放权、放管结合、优化服务。"]),
]


def test_entries_as_numbered_lines_with_places_of_first_use_and_paragraphs_below():
    imported = _read(HEAD + BODY + "名词解释\n\n" + HEADING_ENTRIES)
    assert _entries(imported) == HEADING_EXPECTED  # places of first use dropped; paragraphs in order
    assert _glossary(imported).numbering == "1."
    entry = imported.report.glossary_appendix().entries[0]
    assert entry.match_texts() == ["六稳", "六保"]
    assert not [k for _, k in _keys(imported) if k == "import_glossary_continued"]  # the heading form's norm


def test_a_glossary_without_a_title_after_the_speech():
    text = HEAD + BODY + HEADING_ENTRIES
    imported = _read(text)
    assert _entries(imported) == HEADING_EXPECTED
    line = text.split("\n").index("**1.“六稳”“六保”（《报告》第1页第5行）**") + 1
    assert (line, "import_glossary_untitled") in _keys(imported)
    assert _speech(imported).endswith("各位代表，让我们携手奋进！")
    assert _glossary(imported).title == "名词解释"


def test_inline_entries_without_a_title_when_the_speech_uses_their_terms():
    text = HEAD + BODY + "1.“六稳”：稳就业、稳金融。\n\n2.“放管服”：简政放权、放管结合、优化服务。\n"
    assert _entries(_read(text)) == [("“六稳”", ["稳就业、稳金融。"]), ("“放管服”", ["简政放权、放管结合、优化服务。"])]


def test_term_closed_by_a_full_stop():
    text = HEAD + BODY + "名词解释\n\n1.三个中心。即智能制造中心、创新创意中心。\n\n2.双百工程。百亿项目招引工程。\n"
    assert _entries(_read(text)) == [
        ("三个中心", ["即智能制造中心、创新创意中心。"]),
        ("双百工程", ["百亿项目招引工程。"]),
    ]


def test_bracketed_numbers_and_a_term_line_with_its_explanation_below():
    text = HEAD + BODY + "名词解释\n\n[1]三个中心：\n\n即智能制造中心、创新中心。\n\n[2]双百工程：百亿项目招引工程。\n"
    imported = _read(text)
    assert _entries(imported) == [("三个中心", ["即智能制造中心、创新中心。"]), ("双百工程", ["百亿项目招引工程。"])]
    assert _glossary(imported).numbering == "[1]"


def test_unquoted_terms_followed_by_a_definer():
    text = HEAD + BODY + "名词解释\n\n三个中心即智能制造中心、创新创意中心。\n\n经济薄弱村是指年度稳定收入较低的村。\n"
    assert _entries(_read(text)) == [
        ("三个中心", ["即智能制造中心、创新创意中心。"]),
        ("经济薄弱村", ["是指年度稳定收入较低的村。"]),
    ]
    numbered = HEAD + BODY + "名词解释\n\n1.三个中心即智能制造中心。\n\n2.经济薄弱村是指收入较低的村。\n"
    assert [term for term, _ in _entries(_read(numbered))] == ["三个中心", "经济薄弱村"]


def test_printed_places_of_first_use_are_dropped_in_every_form():
    text = (
        HEAD
        + BODY
        + (
            "名词解释\n\n1.“六稳”（见报告第1页）：稳就业。\n\n"
            "2.“六保”（《报告》第1页第5行、第2页第3行）：保居民就业。\n\n"
            "3.“放管服”（《报告》第页）：简政放权。\n\n"
            "4.（《报告》第1页第5行）“六稳”“六保”\n\n稳就业；保居民就业。\n"
        )
    )
    assert _entries(_read(text)) == [
        ("“六稳”", ["稳就业。"]),
        ("“六保”", ["保居民就业。"]),
        ("“放管服”", ["简政放权。"]),
        ("“六稳”“六保”", ["稳就业；保居民就业。"]),  # the place printed before the terms
    ]


def test_an_explanation_of_several_paragraphs_in_an_inline_glossary():
    text = HEAD + BODY + "名词解释\n\n三个中心：即智能制造中心。\n\n中心建设即将全面完成。\n\n双百工程：百亿项目。\n"
    imported = _read(text)
    assert _entries(imported) == [
        ("三个中心", ["即智能制造中心。", "中心建设即将全面完成。"]),  # 即将 is no definer
        ("双百工程", ["百亿项目。"]),
    ]
    assert ("import_glossary_continued" in [k for _, k in _keys(imported)]) is True


def test_a_plain_text_glossary_title_takes_no_continuation_line():
    lines = ["政府工作报告", "——2025年1月8日在示例市第九届人民代表大会第四次会议上", "示例市市长 张 三", "各位代表："]
    lines += ["一、2024年工作回顾", "全市推进三个中心建设，实施双百工程。", "各位代表，让我们携手奋进！"]
    lines += ["附 录", "附录一：《政府工作报告》名词解释", "三个中心：即智能制造中心。", "双百工程：百亿项目招引工程。"]
    imported = _read("\n".join(lines) + "\n", "sample.txt")
    assert _entries(imported) == [("三个中心", ["即智能制造中心。"]), ("双百工程", ["百亿项目招引工程。"])]


# --- look-alikes -----------------------------------------------------------------------------


def test_numbered_body_points_with_a_quoted_phrase_stay_points():
    points = "1.深化“放管服”改革\n\n简政放权，优化服务。\n\n2.落实“六稳”要求\n\n稳住经济大盘。\n"
    for tail in ("", "各位代表，让我们携手奋进！\n"):
        text = HEAD + "\n一、2025年主要任务\n\n全市推进重点工作。\n\n" + points + "\n" + tail
        imported = _read(text)
        assert imported.report.glossary_appendix() is None
        assert "深化“放管服”改革" in _speech(imported) and "稳住经济大盘。" in _speech(imported)


def test_numbered_points_with_a_colon_closing_the_speech_stay_points():
    text = HEAD + BODY + "1.加强组织领导：各部门要落实责任。\n\n2.强化督查考核：定期通报进展。\n"
    imported = _read(text)
    assert imported.report.glossary_appendix() is None
    assert "强化督查考核：定期通报进展。" in _speech(imported)


def test_one_paragraph_stays_a_string_and_several_a_list():
    assert GlossaryEntry(term="“六稳”", definition="稳就业。").paragraphs == ["稳就业。"]
    imported = _read(HEAD + BODY + "名词解释\n\n" + HEADING_ENTRIES)
    entries = imported.report.glossary_appendix().entries
    assert isinstance(entries[0].definition, list) and isinstance(entries[1].definition, str)


# --- the corpus ------------------------------------------------------------------------------

PRINTED_ENTRIES = {
    # name: glossary entries as printed, counted by reading the Markdown (0: none printed in the text)
    "binzhou-2018": 10,
    "changsha-2019": 39,
    "fuzhou-2023": 7,
    "guangdong-2021": 16,
    "guowuyuan-2024": 0,
    "jinan-2024": 0,  # its glossary is a file to download, not text
    "naqu-2023": 8,
    "sichuan-2021": 49,
    "wuxi-2017": 33,
    "yibin-2023": 25,
}
_TITLE = re.compile(r"^.{0,24}(?:名词|词语)(?:解释|注释)(?:和说明)?$")
_APPENDIX = re.compile(r"^附\s*[件录]")
_MARKS = re.compile(r"^\s*#+\s*|\*\*")
_NUMBER = re.compile(r"^(?:\d{1,3}[.、．]|\[\d{1,3}\]|[（(]\d{1,3}[）)])")
_REF = re.compile(r"[（(][^（）()]{0,12}第[\d、，,\s]*页(?:第[\d、，,\s]*行)?[）)]")


def _printed_glossary(path: Path) -> list[str]:
    """The Markdown's lines from the line after the glossary title to the next appendix (or the end)."""
    lines = [_MARKS.sub("", line).strip() for line in path.read_text(encoding="utf-8").split("\n")]
    lines = [line for line in lines if line]
    start = next((i for i, line in enumerate(lines) if _TITLE.match(line)), None)
    if start is None:
        return []
    end = next((i for i in range(start + 1, len(lines)) if _APPENDIX.match(lines[i])), len(lines))
    return lines[start + 1 : end]


def _bare(text: str) -> str:
    """Text without entry numbers, places of first use, colons and whitespace."""
    return squeeze(_REF.sub("", _NUMBER.sub("", text)).replace("：", "").replace(":", ""))


@pytest.fixture(scope="module")
def corpus_built(tmp_path_factory):
    """Each corpus report imported and its DOCX built: (name → (report source, DOCX path))."""
    from generator.loader import load_report

    out = {}
    for name in corpus_names():
        work = tmp_path_factory.mktemp(name)
        markdown = SHARED / "corpus" / f"{name}.md"
        source = work / f"{name}.yaml"
        result = reportgen("import", markdown, "-o", source)
        assert result.returncode == 0, result.stderr
        built = reportgen("build", source, "--out", work / "out", "--format", "docx", "-q")
        assert built.returncode == 0, built.stderr
        out[name] = (load_report(source), next((work / "out").glob("*.docx")), markdown)
    return out


def test_every_printed_glossary_entry_is_an_entry_with_all_its_explanation(corpus_built, capsys):
    rows = []
    for name, (report, docx, markdown) in corpus_built.items():
        assert name in PRINTED_ENTRIES, f"count {name}'s glossary entries by reading it and add them"
        appendix = report.glossary_appendix()
        entries = appendix.entries if appendix else []
        xml = zipfile.ZipFile(docx).read("word/document.xml").decode()
        cited = sum(1 for e in range(len(entries)) if f"PAGEREF _Ref_g{e + 1:02d}_" in xml)
        rows.append((name, PRINTED_ENTRIES[name], len(entries), cited))
        printed = "".join(_bare(line) for line in _printed_glossary(markdown))
        imported = "".join(_bare(e.term) + "".join(_bare(p) for p in e.paragraphs) for e in entries)
        assert imported == printed, name  # every term and paragraph, in order; nothing else
        unmatched = sum(1 for e in entries if e.match == [])
        assert cited == len(entries) - unmatched, name
    with capsys.disabled():
        print("\nreport            printed  imported  refs computed in the DOCX")
        for name, printed_count, imported_count, cited in rows:
            print(f"{name:18} {printed_count:7} {imported_count:9} {cited:6}")
    assert [(r[0], r[2]) for r in rows] == [(r[0], r[1]) for r in rows]


def test_a_word_draft_with_bold_entry_lines_whose_places_of_first_use_are_fields(tmp_path):
    """A DOCX glossary without a title: bold numbered entry lines, PAGEREF results (dropped by the reader)."""
    from docx import Document
    from docx.oxml import parse_xml

    from generator.readers import read_report

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    doc = Document()
    for line in (HEAD + BODY).replace("# ", "").split("\n"):
        if line.strip():
            doc.add_paragraph(line.strip())

    def entry(number: int, term: str, page: int) -> None:
        paragraph = doc.add_paragraph()
        paragraph.add_run(f"{number}.{term}（《报告》第").bold = True
        result = f"<w:r><w:rPr><w:b/></w:rPr><w:t>{page}</w:t></w:r>"
        paragraph._p.append(parse_xml(f'<w:fldSimple {w} w:instr=" PAGEREF _Ref{number} \\h ">{result}</w:fldSimple>'))
        paragraph.add_run("页）").bold = True

    entry(1, "“六稳”“六保”", 1)
    doc.add_paragraph("稳就业、稳金融。")
    doc.add_paragraph("保居民就业、保基本民生。")
    entry(2, "“放管服”", 1)
    doc.add_paragraph("简政放权、放管结合、优化服务。")
    path = tmp_path / "draft.docx"
    doc.save(str(path))
    imported = read_report(path, path.read_bytes(), "draft")
    assert _entries(imported) == [
        ("“六稳”“六保”", ["稳就业、稳金融。", "保居民就业、保基本民生。"]),
        ("“放管服”", ["简政放权、放管结合、优化服务。"]),
    ]
    assert _speech(imported).endswith("各位代表，让我们携手奋进！")


def _web_copy(markdown: str) -> str:
    """A report's Markdown as a web page's plain-text copy: no front matter or marks, one line a paragraph."""
    text = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S)
    text = re.sub(r"(?m)^#+\s*", "", text).replace("**", "")
    return "\n".join(line for line in text.split("\n") if line.strip()) + "\n"


@pytest.mark.parametrize("name", corpus_names())
def test_the_corpus_as_plain_text_gives_the_same_glossary(name):
    from generator.readers import read_report

    markdown = SHARED / "corpus" / f"{name}.md"
    if not markdown.exists():
        pytest.fail(f"corpus report missing: {markdown}")

    def entries(path: Path, text: str) -> list[tuple[str, list[str]]]:
        appendix = read_report(path, text, name).report.glossary_appendix()
        return [(e.term, e.paragraphs) for e in appendix.entries] if appendix else []

    from_markdown = entries(markdown, markdown.read_text(encoding="utf-8"))
    assert len(from_markdown) == PRINTED_ENTRIES[name]
    assert entries(Path(f"{name}.txt"), _web_copy(markdown.read_text(encoding="utf-8"))) == from_markdown


def test_the_corpus_glossary_slides_hold_every_paragraph_and_no_avoidable_lone_row(corpus_built):
    from generator.renderers.pptx.design import LAYOUTS
    from generator.renderers.pptx.plan import GLOSSARY_HEADER, plan_deck

    box = LAYOUTS["content"].box(1)
    for name, (report, _docx, _markdown) in corpus_built.items():
        slides = [s for s in plan_deck(report) if s.table is not None and s.table.rows[0] == GLOSSARY_HEADER]
        appendix = report.glossary_appendix()
        entries = appendix.entries if appendix else []
        shown = "".join(row[1] for s in slides for row in s.table.rows[1:]).replace("\n", "")
        assert shown == "".join(p for e in entries for p in e.paragraphs), name  # whole, in order, never cut with …
        for number, slide in enumerate(slides):
            body = slide.table.heights[1:]
            assert sum(slide.table.heights) <= box.text_height + 0.01 or len(body) == 1, (name, number)
            if number and len(body) == 1:  # a row alone on a further slide: one taller than half of it
                assert body[0] > (box.text_height - slide.table.heights[0]) / 2, (name, number)
