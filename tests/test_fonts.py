"""Font coverage of the PDF (issue 11, finding 7): fallback per character, positioned warnings and refusals.

The three embedded faces cover different repertoires: 図 is in AR PL UMing and WenQuanYi Zen Hei
but not in AR PL UKai; 㐀 (Extension A) only in Zen Hei; 𠀡 (Extension B) in the two AR PL faces
but not in Zen Hei; 𠀀 (U+20000) and U+10FFFD in none. The test source puts them in a field set
in each face: the cover (UKai), a part heading (Zen Hei), a section heading (UKai), a tile label
(UMing), a chart label (the chart face, Zen Hei), a glossary term (Zen Hei) and its definition
(UMing), the running header and a bullet (UMing).
"""

from __future__ import annotations

import subprocess

import pdfplumber
import pytest
from conftest import SOURCE, pdfa_findings, reportgen, squeeze

from generator.fonts import metrics

ZEN_ONLY = "㐀"  # in WenQuanYi Zen Hei only
AR_ONLY = "𠀡"  # in AR PL UMing and AR PL UKai, not in WenQuanYi Zen Hei
NOWHERE = ("\U00020000", "\U0010fffd")

UMING, UKAI, ZENHEI = "AR PL UMing CN", "AR PL UKai CN", "WenQuanYi Zen Hei"


def test_the_characters_are_where_the_tests_assume():
    body, heading, accent = (metrics(role) for role in ("pdf_body", "pdf_heading", "pdf_accent"))
    assert body.covers("図") and heading.covers("図") and not accent.covers("図")
    assert heading.covers(ZEN_ONLY) and not body.covers(ZEN_ONLY) and not accent.covers(ZEN_ONLY)
    assert body.covers(AR_ONLY) and accent.covers(AR_ONLY) and not heading.covers(AR_ONLY)
    for ch in NOWHERE:
        assert not any(face.covers(ch) for face in (body, heading, accent))


def _replace(text: str, old: str, new: str, count: int = 1) -> str:
    assert old in text, old
    return text.replace(old, new, count)


def _position(text: str, needle: str, offset: int = 0) -> str:
    """line:column (1-based) of ``needle``'s character ``offset`` in ``text`` (``needle`` must be unique)."""
    assert text.count(needle) == 1, needle
    index = text.index(needle) + offset
    return f"{text.count(chr(10), 0, index) + 1}:{index - text.rfind(chr(10), 0, index)}"


def _rare_source() -> str:
    text = SOURCE.read_text(encoding="utf-8")
    text = _replace(text, "session: 常营回族乡", "session: 図常营回族乡")  # cover, meeting line: UKai
    text = _replace(text, "heading: 2020年上半年工作回顾", f"heading: 2020年上半年工作回顾図{AR_ONLY}")  # Zen Hei
    section = "section: 一手抓疫情防控，坚持人民至上，联防联控一盘棋"
    text = _replace(text, section, section + "図")  # section heading: UKai
    text = _replace(text, "  - figure: district-tax\n", f"  - {{figure: district-tax, label: 区级税收図{ZEN_ONLY}}}\n")
    text = _replace(text, "label: 登记管控人员", f"label: 登记管控人员図{AR_ONLY}")  # a chart's category: Zen Hei
    text = text.replace("第一个百年", f"第一个百年{AR_ONLY}")  # the glossary term (Zen Hei) and its uses
    text = _replace(text, "short_title: 常营回族乡", f"short_title: {ZEN_ONLY}常营回族乡")  # running header: UMing
    text = _replace(text, "lead: 高站位部署政策要求。", f"lead: 高站位部署{ZEN_ONLY}政策要求。")  # a bullet: UMing
    definition = "definition: 到建党一百年时，"
    return _replace(text, definition, f"definition: 図{ZEN_ONLY}到建党一百年时，")  # definition: UMing


@pytest.fixture(scope="module")
def fallback_build(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fallback")
    source = folder / "rare.yaml"
    text = _rare_source()
    source.write_text(text, encoding="utf-8")
    result = reportgen("--lang", "en", "build", source, "--out", folder / "out", "--format", "pdf", "-q")
    pdf = next((folder / "out").glob("*.pdf"), None)
    return source, text, result, pdf


def test_a_character_its_face_lacks_is_set_in_another_face_with_a_positioned_warning(fallback_build):
    source, text, result, _pdf = fallback_build
    assert result.returncode == 0, result.stderr

    def warning(needle: str, offset: int, font: str, chars: str, fallback: str) -> str:
        at = _position(text, needle, offset)
        return f"{source}:{at}: pdf: warning: font '{font}' lacks {chars}; printed in '{fallback}' instead"

    assert sorted(result.stderr.splitlines()) == sorted(
        [
            warning("session: 図", 9, UKAI, "図(U+56F3)", UMING),
            warning("heading: 2020年上半年工作回顾", 9, ZENHEI, "𠀡(U+20021)", UMING),
            warning("section: 一手抓疫情防控，坚持人民至上，联防联控一盘棋図", 9, UKAI, "図(U+56F3)", UMING),
            warning("label: 区级税收図", 7, UMING, "㐀(U+3400)", ZENHEI),
            warning("label: 登记管控人员図", 7, ZENHEI, "𠀡(U+20021)", UMING),
            warning(f"term: “第一个百年{AR_ONLY}”", 6, ZENHEI, "𠀡(U+20021)", UMING),
            warning(f"definition: 図{ZEN_ONLY}", 12, UMING, "㐀(U+3400)", ZENHEI),
            warning(f"short_title: {ZEN_ONLY}", 13, UMING, "㐀(U+3400)", ZENHEI),
            warning(f"lead: 高站位部署{ZEN_ONLY}", 6, UMING, "㐀(U+3400)", ZENHEI),
        ]
    )


def test_the_fallback_pdf_is_pdfa_with_every_character_in_a_face_that_has_it(fallback_build):
    _source, _text, _result, pdf = fallback_build
    assert pdfa_findings(pdf) == []
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    for face in ("UMingCN", "UKaiCN", "WenQuanYiZenHei"):
        assert any(face in line and " yes yes yes " in line for line in fonts.splitlines()), fonts
    drawn: dict[str, set[str]] = {}
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            for char in page.chars:
                if char["text"] in ("図", ZEN_ONLY, AR_ONLY):
                    drawn.setdefault(char["text"], set()).add(char["fontname"].split("+")[-1])
    assert drawn["図"] and not any("UKai" in face for face in drawn["図"]), drawn
    assert drawn[ZEN_ONLY] and all("ZenHei" in face for face in drawn[ZEN_ONLY]), drawn
    assert drawn[AR_ONLY] and not any("ZenHei" in face for face in drawn[AR_ONLY]), drawn


def test_the_fallback_characters_extract(fallback_build):
    _source, _text, _result, pdf = fallback_build
    text = squeeze(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    for printed in (
        "——2020年8月20日在図常营回族乡",  # cover
        f"2020年上半年工作回顾図{AR_ONLY}",  # part heading
        "联防联控一盘棋図",  # section heading
        f"区级税收図{ZEN_ONLY}",  # tile label
        f"登记管控人员図{AR_ONLY}",  # chart category label (and tile, bullets)
        f"“第一个百年{AR_ONLY}”",  # glossary term
        f"図{ZEN_ONLY}到建党一百年时",  # glossary definition
        f"{ZEN_ONLY}常营回族乡2020年上半年政府工作报告（草案）摘要",  # running header
        f"高站位部署{ZEN_ONLY}政策要求",  # bullet
    ):
        assert printed in text, printed


def test_a_character_no_face_has_refuses_with_its_position_and_the_faces_tried(tmp_path):
    text = SOURCE.read_text(encoding="utf-8")
    text = _replace(text, "heading: 2020年上半年工作回顾", f"heading: 2020年上半年工作回顾{NOWHERE[0]}")
    text = _replace(text, "label: 登记管控人员", f"label: 登记管控人员{NOWHERE[1]}")
    text = _replace(text, "session: 常营回族乡", f"session: {NOWHERE[0]}常营回族乡")
    source = tmp_path / "nowhere.yaml"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = reportgen("--lang", "en", "build", source, "--out", out)
    assert result.returncode == 1
    tried = {
        ZENHEI: f"{ZENHEI}, {UMING}, {UKAI}",
        UKAI: f"{UKAI}, {UMING}, {ZENHEI}",
    }

    def refusal(needle: str, offset: int, char: str, face: str) -> str:
        chars = f"{char}(U+{ord(char):04X})"
        at = _position(text, needle, offset)
        return f"{source}:{at}: every font tried lacks characters: {chars} (tried {tried[face]}; change the text)"

    assert result.stderr.splitlines() == [
        refusal("session: ", 9, NOWHERE[0], UKAI),  # the cover's meeting line is set in UKai
        refusal("heading: 2020年上半年工作回顾", 9, NOWHERE[0], ZENHEI),
        refusal("label: 登记管控人员", 7, NOWHERE[1], ZENHEI),  # a chart category
        "3 problem(s)",
    ]
    assert not out.exists()  # nothing built, not even the DOCX and PPTX


def test_a_refusal_in_chinese_is_one_line_with_the_position(tmp_path):
    heading = "heading: 2020年上半年工作回顾"
    text = _replace(SOURCE.read_text(encoding="utf-8"), heading, heading + "😀")
    source = tmp_path / "emoji.yaml"
    source.write_text(text, encoding="utf-8")
    result = reportgen("build", source, "--out", tmp_path / "out", "--format", "pdf")
    assert result.returncode == 1
    at = _position(text, heading, 9)
    assert result.stderr == (
        f"{source}:{at}: 所试字体都缺少字符：😀(U+1F600)（已试：{ZENHEI}, {UMING}, {UKAI}；请改用其他字）\n"
    )


def test_set_text_falls_back_per_character_and_keeps_whitespace_in_its_run():
    from generator.fonts import set_text

    faces = [metrics("pdf_accent"), metrics("pdf_body"), metrics("pdf_heading")]  # UKai, then UMing, Zen Hei
    setting = set_text(f"地図 {ZEN_ONLY}图\U00020000", faces)
    assert setting.runs == ((0, "地"), (1, "図 "), (2, ZEN_ONLY), (0, "图\U00020000"))
    assert setting.fallen == {1: ("図",), 2: (ZEN_ONLY,)}
    assert setting.missing == ("\U00020000",)


def test_the_renderer_alone_refuses_in_one_line_naming_the_source_path():
    """Without the build (which positions it), a refusal names the source path, in one line."""
    from generator.errors import BuildError
    from generator.loader import parse_report
    from generator.renderers.pdf import render

    text = _replace(SOURCE.read_text(encoding="utf-8"), "label: 登记管控人员", f"label: 登记管控人员{NOWHERE[0]}")
    report = parse_report(text.encode("utf-8"), "x.yaml")
    with pytest.raises(BuildError) as caught:
        render(report)
    assert caught.value.line("en") == (
        "parts[0].content[1].paragraphs[2].figures[0].label: every font tried lacks characters: "
        f"{NOWHERE[0]}(U+20000) (tried {ZENHEI}, {UMING}, {UKAI}; change the text)"
    )
    assert [place["at"] for place in caught.value.fields["places"]] == [
        ("parts", 0, "content", 1, "paragraphs", 2, "figures", 0, "label")
    ]


def test_table_caption_and_cells_fall_back_with_their_positions(tmp_path):
    constructs = SOURCE.parent.parent / "tests" / "data" / "constructs.yaml"
    text = _replace(constructs.read_text(encoding="utf-8"), "table: 主要民生指标", "table: 主要民生指标図")  # UKai
    text = _replace(text, '{text: "合计（含', f'{{text: "合计{ZEN_ONLY}（含')  # a cell: UMing
    source = tmp_path / "table.yaml"
    source.write_text(text, encoding="utf-8")
    result = reportgen("--lang", "en", "build", source, "--out", tmp_path / "out", "--format", "pdf", "-q")
    assert result.returncode == 0, result.stderr
    caption = _position(text, "table: 主要民生指标図", 7)
    cell = _position(text, '{text: "合计', 7)  # the cell's text, quotes included
    assert sorted(result.stderr.splitlines()) == sorted(
        [
            f"{source}:{caption}: pdf: warning: font '{UKAI}' lacks 図(U+56F3); printed in '{UMING}' instead",
            f"{source}:{cell}: pdf: warning: font '{UMING}' lacks {ZEN_ONLY}(U+3400); printed in '{ZENHEI}' instead",
        ]
    )
    pdf = next((tmp_path / "out").glob("*.pdf"))
    assert pdfa_findings(pdf) == []
    extracted = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "主要民生指标図" in squeeze(extracted) and f"合计{ZEN_ONLY}" in squeeze(extracted)
