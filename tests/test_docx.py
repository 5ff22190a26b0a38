"""The DOCX draft: GB/T 9704 page, styles, faces, fields, and page references checked by LibreOffice (issue 3)."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile

import pytest
from conftest import SOURCE, reportgen, soffice_pdf, squeeze
from docx import Document
from docxlayout import (
    MM,
    TEXT_BOTTOM,
    W,
    body_lines,
    grid_differences,
    line_differences,
    reference_differences,
    stored_references,
    visible,
)
from fidelity import PAGE_REFERENCE, first_difference, seed_text
from lxml import etree
from pdflines import read_lines

from generator.fonts import ROLES
from generator.renderers.docx.plan import GEOMETRY, plan_document

CHINESE_FACES = {role.office for role in ROLES.values()}


@pytest.fixture(scope="module")
def docx_path(built):
    return built["docx"]


@pytest.fixture(scope="module")
def package(docx_path):
    with zipfile.ZipFile(docx_path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.fixture(scope="module")
def rendered(docx_path, tmp_path_factory):
    return soffice_pdf(docx_path, tmp_path_factory.mktemp("docx"))


@pytest.fixture(scope="module")
def lines(rendered):
    return read_lines(str(rendered))


@pytest.fixture(scope="module")
def plan(report):
    return plan_document(report)


def test_openxml_audit_finds_nothing(docx_path):
    result = subprocess.run([sys.executable, "-m", "openxml_audit", str(docx_path)], capture_output=True, text=True)
    assert result.stdout.strip().endswith("Errors: 0"), result.stdout[-3000:]


def test_page_grid_and_margins(package):
    body = etree.fromstring(package["word/document.xml"])
    section = body.find(f".//{W}sectPr")
    size, margins, grid = section.find(f"{W}pgSz"), section.find(f"{W}pgMar"), section.find(f"{W}docGrid")
    to_mm = lambda v: int(v) / 20 / MM  # noqa: E731
    assert round(to_mm(size.get(f"{W}w"))) == 210 and round(to_mm(size.get(f"{W}h"))) == 297
    assert [round(to_mm(margins.get(f"{W}{k}")), 1) for k in ("top", "bottom", "left", "right")] == [37, 35, 28, 26]
    assert grid.get(f"{W}type") == "lines" and grid.get(f"{W}linePitch") == "579"


def test_rendered_page_has_22_lines_of_28_characters(lines, plan):
    body = body_lines(lines)
    pages = {}
    for line in body:
        pages.setdefault(line.page, []).append(line)
    full_pages = [p for p, ls in pages.items() if len(ls) == 22]
    assert len(full_pages) >= 8, {p: len(ls) for p, ls in pages.items()}
    assert max(len(ls) for ls in pages.values()) == 22
    # A full line of full-width text holds 28 characters; a hanging mark may stand past the edge,
    # and a line that would end with an opening mark keeps 27 (the mark starts the next line).
    full = [
        line
        for line in body
        if not any(c["text"].isascii() for c in line.chars)
        and abs(line.x0 - 28 * MM) < 1
        and abs(_x1(line) - 184 * MM) < 1.5
    ]
    assert len(full) > 100
    counts = [len(line.text) - (1 if _hangs(line) else 0) for line in full]
    assert set(counts) <= {27, 28} and counts.count(28) > 0.9 * len(counts)


def _hangs(line) -> bool:
    """Whether the line ends with a punctuation mark hanging past the right edge of the text block."""
    return line.chars[-1]["x1"] > 184 * MM + 0.5 and line.text[-1] in "。，、；：？！"


def _x1(line) -> float:
    """Right edge of the line without a hanging mark."""
    chars = line.chars[:-1] if _hangs(line) else line.chars
    return max(c["x1"] for c in chars)


def test_margins_within_1_mm(lines):
    body = body_lines(lines)
    assert abs(min(line.x0 for line in body) - 28 * MM) < 1 * MM
    assert abs(max(_x1(line) for line in body) - (210 - 26) * MM) < 1 * MM
    tops = [min(c["top"] for c in line.chars) for line in body]
    bottoms = [max(c["bottom"] for c in line.chars) for line in body]
    pitch = 225 / 22
    assert 37 * MM - 1 * MM <= min(tops) <= (37 + pitch) * MM
    assert (262 - pitch) * MM <= max(bottoms) <= 262 * MM + 1 * MM


def test_footer_page_numbers_alternate_sides(lines):
    footers = [line for line in lines if line.chars[0]["top"] > TEXT_BOTTOM + 2]
    pages = sorted({line.page for line in lines})
    assert [line.page for line in footers] == pages
    for line in footers:
        assert line.text == f"—{line.page}—"
        fonts = {c["fontname"].split("+")[-1] for c in line.chars}
        assert fonts == {"UMingCN"}
        if line.page % 2:
            assert abs(line.x1 - (184 * MM - 14)) < 2, line.page
        else:
            assert abs(line.x0 - (28 * MM + 14)) < 2, line.page


def test_pagination_model_matches_libreoffice_line_by_line(lines, plan):
    """Every line of the model is a line of LibreOffice's rendering, on the same page (see :mod:`docxlayout`)."""
    assert line_differences(plan, lines) == []
    full, wrong = grid_differences(plan, lines)
    assert wrong == [] and full >= 8


def test_paragraph_start_pages_match_libreoffice(lines, plan):
    rendered = body_lines(lines)
    cursor = 0
    for index, paragraph in enumerate(plan.paragraphs):
        text = visible(paragraph.text)
        if not text:
            continue
        while not text.startswith(rendered[cursor].text[: min(8, len(text))]):
            cursor += 1
        assert rendered[cursor].page == plan.page_of_paragraph(index), paragraph.text[:20]
        cursor += 1


def test_stored_page_references_equal_libreoffice_pages(package, lines, plan, report):
    checked, wrong = reference_differences(plan, package["word/document.xml"], lines)
    assert checked == len(report.glossary.entries) and wrong == []
    for pages in stored_references(package["word/document.xml"]).values():
        assert pages == sorted(set(pages))


def test_bookmarks_mark_every_occurrence(package, plan):
    xml = package["word/document.xml"].decode()
    starts = re.findall(r'<w:bookmarkStart w:id="(\d+)" w:name="(_Ref_g\d+_\d+)"/>', xml)
    ends = re.findall(r'<w:bookmarkEnd w:id="(\d+)"/>', xml)
    assert sorted(i for i, _ in starts) == sorted(ends)
    marked = sum(len(p.marks) for p in plan.paragraphs)
    assert len(starts) == marked >= len(plan.references)
    for ref in plan.references:
        for name in ref.bookmarks:
            assert f'w:name="{name}"' in xml


def test_no_field_update_prompt(package):
    settings = package["word/settings.xml"].decode()
    assert "updateFields" not in settings
    assert 'w:dirty="true"' not in package["word/document.xml"].decode()


def test_document_text_equals_the_source(docx_path):
    document = Document(str(docx_path))
    text = squeeze("".join(p.text for p in document.paragraphs))
    text = PAGE_REFERENCE.sub("", re.sub(r"（《报告》第[\d、]+页）", "（《报告》第0页）", text))
    expected = seed_text()
    assert text == expected, first_difference(text, expected)


def test_styles_are_named_with_east_asian_faces(package):
    styles = package["word/styles.xml"].decode()
    assert "Theme" not in styles  # no asciiTheme / eastAsiaTheme overrides
    root = etree.fromstring(package["word/styles.xml"])
    for style in root.iter(f"{W}style"):
        fonts = style.find(f"{W}rPr/{W}rFonts")
        if style.get(f"{W}type") == "paragraph":
            assert fonts is not None and fonts.get(f"{W}eastAsia") in CHINESE_FACES, style.get(f"{W}styleId")
            assert style.find(f"{W}rPr/{W}lang").get(f"{W}eastAsia") == "zh-CN"
    names = {s.find(f"{W}name").get(f"{W}val") for s in root.iter(f"{W}style")}
    assert {"heading 1", "heading 2", "报告标题", "会议信息", "附件标识", "附件标题", "引领句", "强调"} <= names
    settings = package["word/settings.xml"].decode()
    assert '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>' in settings
    assert 'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"' in settings
    assert "<w:evenAndOddHeaders/>" in settings


def test_body_runs_use_styles_not_direct_formatting(package):
    root = etree.fromstring(package["word/document.xml"])
    for run in root.iter(f"{W}r"):
        props = run.find(f"{W}rPr")
        if props is None:
            continue
        allowed = {f"{W}rStyle", f"{W}rFonts"}
        assert {child.tag for child in props} <= allowed
        fonts = props.find(f"{W}rFonts")
        if fonts is not None:
            assert dict(fonts.attrib) == {f"{W}hint": "eastAsia"}


def _resolve_font(run, styles: dict, defaults) -> str:
    """The face Word uses for the run's “”‘’—… (hint eastAsia → eastAsia font, else hAnsi)."""
    chain = [run.find(f"{W}rPr/{W}rFonts")]
    char_style = run.find(f"{W}rPr/{W}rStyle")
    if char_style is not None:
        chain.append(styles[char_style.get(f"{W}val")].find(f"{W}rPr/{W}rFonts"))
    paragraph_style = run.getparent().find(f"{W}pPr/{W}pStyle")
    style_id = paragraph_style.get(f"{W}val") if paragraph_style is not None else "Normal"
    while style_id:
        style = styles[style_id]
        chain.append(style.find(f"{W}rPr/{W}rFonts"))
        based = style.find(f"{W}basedOn")
        style_id = based.get(f"{W}val") if based is not None else None
    chain.append(defaults)
    hint = next((f.get(f"{W}hint") for f in chain if f is not None and f.get(f"{W}hint")), None)
    slot = "eastAsia" if hint == "eastAsia" else "hAnsi"
    return next(f.get(f"{W}{slot}") for f in chain if f is not None and f.get(f"{W}{slot}"))


def test_chinese_punctuation_resolves_to_the_chinese_face(package):
    styles_root = etree.fromstring(package["word/styles.xml"])
    styles = {s.get(f"{W}styleId"): s for s in styles_root.iter(f"{W}style")}
    defaults = styles_root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    root = etree.fromstring(package["word/document.xml"])
    checked = 0
    for run in root.iter(f"{W}r"):
        text = "".join(t.text or "" for t in run.iter(f"{W}t"))
        if any(ch in text for ch in "“”‘’—…"):
            assert _resolve_font(run, styles, defaults) in CHINESE_FACES, text
            checked += 1
    assert checked > 50


def test_font_table_gives_alternate_names(package):
    fonts = package["word/fontTable.xml"].decode()
    for face, alt in (("仿宋_GB2312", "仿宋"), ("楷体_GB2312", "楷体"), ("方正小标宋简体", "宋体")):
        assert f'<w:font w:name="{face}"><w:altName w:val="{alt}"/>' in fonts


def test_document_properties_from_the_source(docx_path, report):
    props = Document(str(docx_path)).core_properties
    meta = report.meta
    assert props.title == f"{meta.title}（{meta.status}）" == meta.titled
    assert props.author == meta.issuer and props.subject == meta.subject
    assert props.keywords == "; ".join(meta.keywords) and props.language == "zh-CN"
    assert props.created.date() == meta.date and props.modified.date() == meta.date


def test_characters_outside_gb2312_are_a_build_warning(tmp_path):
    source = tmp_path / "report.yaml"
    source.write_text(
        SOURCE.read_text(encoding="utf-8").replace("向大会报告工作", "向大会报告工作喆", 1), encoding="utf-8"
    )
    result = reportgen("build", source, "--out", tmp_path / "o", "--format", "docx", "-q")
    assert result.returncode == 0
    assert (
        result.stderr == f"{source}: docx: 警告：仿宋_GB2312 不含字符 喆(U+5586)（Word/WPS 将以其他字体显示这些字）\n"
    )


def test_geometry_is_28_characters(plan):
    assert int(GEOMETRY.line_width // (16 - 0.25)) == 28 and GEOMETRY.lines_per_page == 22
