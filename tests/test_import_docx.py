"""``reportgen import FILE.docx``: Word drafts → a YAML source that passes ``check``.

Three kinds of documents: the project's own DOCX (round trip against the seed source), the DOCX
pandoc makes from corpus reports and that file re-saved by LibreOffice (other style
conventions; made at test time, the corpus is read from ``../shared``), and a DOCX written here
with python-docx the way a Word user types (no styles, typed numbers, direct bold, automatic
numbering, merged cells, a text box, a tracked change, a comment, fields). Texts are compared
with all whitespace removed.
"""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import SHARED, SOURCE, reportgen, soffice_convert, squeeze
from docx import Document
from docx.oxml import parse_xml
from docx.shared import Pt
from lxml import etree

from generator.loader import load_report, parse_report
from generator.model import ListBlock, Paragraph, Section, Table
from generator.readers import read_report
from generator.readers.docx import DocxError, read_docx
from generator.writers.yaml import write_report

CORPUS = SHARED / "corpus"
PANDOC_REPORTS = ["naqu-2023", "wuxi-2017"]
"""Two corpus reports: one without numbered parts, one with tables and a glossary appendix."""

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSDECL = (
    f'xmlns:w="{W_NS}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def _import(path: Path, report_id: str = "x"):
    imported = read_report(path, path.read_bytes(), report_id)
    source = write_report(imported.report, imported.comments)
    return imported, source


def _shape(report) -> list:
    """Parts, sections, points and lead-ins of a report (figures and 一是… leads aside)."""
    out: list = []

    def blocks(items, depth):
        for item in items:
            if isinstance(item, Section):
                out.append((depth, "section", item.section, item.run_in))
                blocks(item.paragraphs, depth + 1)
            elif isinstance(item, Paragraph):
                out.append((depth, "paragraph", item.point, item.run_in, item.lead, item.text))
            elif isinstance(item, ListBlock):
                out.append((depth, "list", item.list, item.marker, [(i.lead, i.text) for i in item.items]))
            elif isinstance(item, Table):
                out.append((depth, "table", item.table, [[c.text for c in r] for r in [*item.header, *item.rows]]))

    for part in report.parts:
        out.append((0, "part", part.heading))
        blocks(part.content, 1)
    return out


# --- the project's own DOCX ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_docx(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seed-docx")
    result = reportgen("build", SOURCE, "--format", "docx", "--out", out, "-q")
    assert result.returncode == 0, result.stderr
    return next(out.glob("*.docx"))


def test_round_trip_of_the_seed_gives_back_its_text_and_structure(seed_docx):
    source = load_report(SOURCE)
    imported, text = _import(seed_docx)
    report = parse_report(text.encode("utf-8"), "round-trip")
    assert imported.warnings == []
    assert report.speech() == source.speech()
    assert _shape(report) == _shape(source)
    assert report.numbering == source.numbering
    for field in ("title", "status", "date", "session", "speaker", "office", "issuer"):
        assert getattr(report.report, field) == getattr(source.report, field), field
    got = report.glossary_appendix()
    want = source.glossary_appendix()
    assert got is not None and want is not None
    assert [(e.term, e.definition) for e in got.entries] == [(e.term, e.definition) for e in want.entries]
    assert (got.label, got.title) == (want.label, want.title)


def test_import_command_reads_the_docx_bytes_and_the_result_passes_check(seed_docx, tmp_path):
    out = tmp_path / "seed.yaml"
    result = reportgen("import", seed_docx, "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    check = reportgen("check", out)
    assert check.returncode == 0, check.stderr


# --- pandoc's DOCX of corpus reports, and LibreOffice's re-save ---------------------------------


@pytest.fixture(scope="module")
def pandoc_docx(tmp_path_factory) -> dict[str, Path]:
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed (scripts/system-deps.sh test installs it)")
    out = tmp_path_factory.mktemp("pandoc")
    files = {}
    for name in PANDOC_REPORTS:
        md = CORPUS / f"{name}.md"
        if not md.exists():
            pytest.fail(f"shared test data missing: {md} (set REPORTGEN_SHARED)")
        target = out / f"{name}.docx"
        subprocess.run(["pandoc", str(md), "-o", str(target)], check=True, capture_output=True, timeout=120)
        files[name] = target
    return files


@pytest.fixture(scope="module")
def libreoffice_docx(pandoc_docx, tmp_path_factory) -> dict[str, Path]:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path_factory.mktemp("resaved")
    soffice_convert(list(pandoc_docx.values()), out, "docx")
    return {name: out / f"{name}.docx" for name in pandoc_docx}


def _same_as_markdown(name: str, docx: Path, tmp_path: Path) -> None:
    md = CORPUS / f"{name}.md"
    out = tmp_path / f"{name}.yaml"
    result = reportgen("import", docx, "-o", out, "--id", name)
    assert result.returncode == 0, result.stderr
    check = reportgen("check", out)
    assert check.returncode == 0, check.stderr
    from_docx = parse_report(out.read_bytes(), str(out))
    from_md = read_report(md, md.read_text(encoding="utf-8"), name).report
    assert squeeze("".join(from_docx.reading_order())) == squeeze("".join(from_md.reading_order()))
    assert _shape(from_docx) == _shape(from_md)
    assert read_report(docx, docx.read_bytes(), name).report == from_md  # the very same model


@pytest.mark.parametrize("name", PANDOC_REPORTS)
def test_pandoc_docx_imports_like_the_markdown(name, pandoc_docx, tmp_path):
    _same_as_markdown(name, pandoc_docx[name], tmp_path)


@pytest.mark.parametrize("name", PANDOC_REPORTS)
def test_libreoffice_resaved_docx_imports_like_the_markdown(name, libreoffice_docx, tmp_path):
    _same_as_markdown(name, libreoffice_docx[name], tmp_path)


# --- a DOCX typed in Word -----------------------------------------------------------------------


def _para(doc, *runs, bold_all: bool = False):
    """A paragraph of runs: a string is plain, a (text,) tuple is bold (direct formatting)."""
    p = doc.add_paragraph()
    for run in runs:
        if isinstance(run, tuple):
            p.add_run(run[0]).bold = True
        else:
            p.add_run(run).bold = bold_all or None
    return p


def _numbering(doc, abstract_id: int, num_id: int, fmt: str, text: str) -> None:
    """A single-level automatic numbering definition (``w:abstractNum`` and its ``w:num``)."""
    _multilevel(doc, abstract_id, num_id, [(fmt, text)])


def _numbered(p, num_id: int) -> None:
    p._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {NSDECL}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


TEXT_BOX = "文本框中的说明文字只应出现一次。"


def _text_box_run() -> str:
    box = f"<w:txbxContent><w:p><w:r><w:t>{TEXT_BOX}</w:t></w:r></w:p></w:txbxContent>"
    return (
        f'<w:r {NSDECL}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" '
        'locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="1828800" cy="457200"/><wp:wrapSquare wrapText="bothSides"/>'
        '<wp:docPr id="10" name="文本框 1"/><a:graphic><a:graphicData '
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/>'
        '<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1828800" cy="457200"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx>{box}</wps:txbx><wps:bodyPr/>'
        "</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f'<mc:Fallback><w:pict><v:shape id="tb1" style="width:144pt;height:36pt"><v:textbox>{box}</v:textbox>'
        "</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


def _typed_docx(path: Path) -> str:
    """A report typed in Word (direct formatting only); returns its text as printed, once accepted."""
    doc = Document()
    doc.styles["Normal"].font.size = Pt(16)
    printed: list[str] = []

    def para(*runs, **kw):
        p = _para(doc, *runs, **kw)
        printed.append("".join(r[0] if isinstance(r, tuple) else r for r in runs))
        return p

    para(("政府工作报告",))
    para("（草案）")
    para("——2024年1月10日在长河市第十六届人民代表大会第三次会议上")
    para("市长　李　明")
    para("各位代表：")
    para("现在，我代表市人民政府，向大会报告工作，请予审议。")
    para(("一、2023年工作回顾",))
    para("过去一年，全市经济运行稳中向好。")
    para(("（一）稳住经济大盘",))
    p = para(("产业发展提质增效。",), "全年新增规模以上工业企业56家，工业投资增长12%")
    # a tracked change: 以上 inserted, 左右 deleted (imported as accepted)
    p._p.append(
        parse_xml(
            f'<w:ins {NSDECL} w:id="901" w:author="审稿人" w:date="2024-01-05T10:00:00Z">'
            "<w:r><w:t>以上</w:t></w:r></w:ins>"
        )
    )
    p._p.append(
        parse_xml(
            f'<w:del {NSDECL} w:id="902" w:author="审稿人" w:date="2024-01-05T10:00:00Z">'
            "<w:r><w:delText>左右</w:delText></w:r></w:del>"
        )
    )
    p.add_run("。")
    printed[-1] += "以上。"
    p = para(("项目建设加力提速。",), "重大项目完成投资")
    # a simple field and a complex field: the results are text, the instructions are not
    p._p.append(
        parse_xml(
            f'<w:fldSimple {NSDECL} w:instr=" DOCPROPERTY  投资额  \\* MERGEFORMAT "><w:r><w:t>860</w:t></w:r>'
            "</w:fldSimple>"
        )
    )
    for xml in (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        '<w:r><w:instrText xml:space="preserve"> DOCVARIABLE 单位 </w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        "<w:r><w:t>亿元</w:t></w:r>",
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        p._p.append(parse_xml(xml.replace("<w:r>", f"<w:r {NSDECL}>", 1)))
    p.add_run("，超额完成年度计划。")
    printed[-1] += "860亿元，超额完成年度计划。"
    p = para(("民生保障持续加强。",), "新增城镇就业3.2万人。")
    doc.add_comment(p.runs[1], text="数字请统计局核对", author="办公室", initials="BGS")
    p = para("重点民生实事如下：")
    p._p.append(parse_xml(_text_box_run()))
    printed.append(TEXT_BOX)
    para(("（二）推进改革开放",))
    _numbering(doc, 90, 90, "decimal", "%1.")
    for text in ("深化营商环境改革。全面推行“一网通办”。", "扩大高水平开放。新设外资企业35家。"):
        _numbered(para(text), 90)
    printed[-2:] = ["1." + printed[-2], "2." + printed[-1]]
    para(("二、2024年主要任务",))
    para("今年工作的总体要求是稳中求进。")
    _numbering(doc, 91, 91, "bullet", "——")
    for text in ("着力扩大有效需求。加快重大项目建设。", "着力推动产业升级。培育新兴产业集群。"):
        _numbered(para(text), 91)
    printed[-2:] = ["——" + printed[-2], "——" + printed[-1]]
    para("主要民生指标")
    table = doc.add_table(rows=4, cols=3)
    cells = [["类别", "指标", "2023年"], ["教育", "新建学校", "12"], ["", "新建幼儿园", "20"], ["合计", "", ""]]
    for r, row in enumerate(cells):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    table.cell(1, 0).merge(table.cell(2, 0))  # 教育 spans two rows
    covered = table.rows[2]._tr.tc_lst[0]  # text typed in the covered cell (Word keeps it)
    covered.append(parse_xml(f"<w:p {NSDECL}><w:r><w:t>（含民办）</w:t></w:r></w:p>"))
    table.cell(3, 1).merge(table.cell(3, 2))  # 合计's figure spans two columns
    table.cell(3, 1).text = "32"
    table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {NSDECL}/>"))
    printed += ["类别", "指标", "2023年", "教育", "（含民办）", "新建学校", "12", "新建幼儿园", "20"]
    printed += ["合计", "32"]
    para("各位代表，让我们奋发有为，为建设长河而努力奋斗！")
    para(("附件",))
    para(("名词解释",))
    para("“一网通办”（《报告》第2页）：政务服务事项网上一次办成。")
    printed[-1] = "“一网通办”：政务服务事项网上一次办成。"
    doc.save(str(path))
    return "".join(printed)


@pytest.fixture(scope="module")
def typed(tmp_path_factory):
    path = tmp_path_factory.mktemp("typed") / "typed.docx"
    printed = _typed_docx(path)
    imported, source = _import(path)
    return path, printed, imported, parse_report(source.encode("utf-8"), "typed")


def test_typed_docx_every_character_arrives(typed):
    _, printed, _, report = typed
    assert squeeze("".join(report.reading_order())) == squeeze(printed)
    assert squeeze("".join(report.reading_order())).count(squeeze(TEXT_BOX)) == 1  # the text box, once


def test_typed_docx_structure_is_recognised(typed):
    _, _, _, report = typed
    meta = report.report
    assert (meta.title, meta.status, str(meta.date), meta.speaker) == ("政府工作报告", "草案", "2024-01-10", "李明")
    assert report.salutation == "各位代表："
    assert [p.heading for p in report.parts] == ["2023年工作回顾", "2024年主要任务"]
    assert report.numbering.parts == "auto" and report.numbering.sections == "auto"
    first = report.parts[0].content
    assert isinstance(first[0], Paragraph) and first[0].text == "过去一年，全市经济运行稳中向好。"
    sections = [b for b in first if isinstance(b, Section)]
    assert [s.section for s in sections] == ["稳住经济大盘", "推进改革开放"]
    leads = [p.lead for p in sections[0].paragraphs if isinstance(p, Paragraph)]
    assert leads[:3] == ["产业发展提质增效。", "项目建设加力提速。", "民生保障持续加强。"]
    tracked = sections[0].paragraphs[0]
    assert "以上" in tracked.text and "左右" not in tracked.text
    fields = sections[0].paragraphs[1]
    assert fields.text == "重大项目完成投资860亿元，超额完成年度计划。"
    points = [p for p in sections[1].paragraphs if isinstance(p, Paragraph)]
    assert [(p.point, p.run_in) for p in points] == [("深化营商环境改革。", True), ("扩大高水平开放。", True)]
    second = report.parts[1].content
    bullets = next(b for b in second if isinstance(b, ListBlock))
    assert (bullets.list, bullets.marker) == ("bullet", "——")
    assert [i.lead for i in bullets.items] == ["着力扩大有效需求。", "着力推动产业升级。"]
    table = next(b for b in second if isinstance(b, Table))
    assert table.table == ""  # a caption in the body stays a paragraph, as in Markdown and text
    assert second[second.index(table) - 1].text == "主要民生指标"
    assert [[(c.text, c.colspan, c.rowspan) for c in r] for r in table.header] == [
        [("类别", 1, 1), ("指标", 1, 1), ("2023年", 1, 1)]
    ]
    assert [[(c.text, c.colspan, c.rowspan) for c in r] for r in table.rows] == [
        [("教育\n（含民办）", 1, 2), ("新建学校", 1, 1), ("12", 1, 1)],
        [("新建幼儿园", 1, 1), ("20", 1, 1)],
        [("合计", 1, 1), ("32", 2, 1)],
    ]
    assert report.closing[0].text.startswith("各位代表，让我们")
    glossary = report.glossary_appendix()
    assert glossary is not None
    assert [(e.term, e.definition) for e in glossary.entries] == [("“一网通办”", "政务服务事项网上一次办成。")]


def test_typed_docx_warnings(typed):
    _, _, imported, _ = typed
    keys = [w.key for w in imported.warnings]
    assert keys.count("import_docx_tracked") == 1
    assert keys.count("import_docx_comment") == 1
    comment = next(w for w in imported.warnings if w.key == "import_docx_comment")
    assert comment.fields == {"comment": "数字请统计局核对", "at": "新增城镇就业3.2万人。"}  # the text commented
    assert comment.line == 12  # the paragraph's number in the body
    assert "import_docx_merged_text" in keys  # （含民办）, typed in a cell the merge covers


def test_typed_docx_import_command_warns_naming_the_paragraph(typed, tmp_path):
    path = typed[0]
    out = tmp_path / "typed.yaml"
    result = reportgen("import", path, "-o", out)
    assert result.returncode == 0, result.stderr
    assert f"{path}:12: warning: 批注未导入" in result.stderr
    assert "修订" in result.stderr
    assert reportgen("check", out).returncode == 0


def test_typed_docx_resaved_by_libreoffice_imports_the_same(typed, tmp_path):
    """LibreOffice writes text boxes, comments, tracked changes and merges its own way: same source."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    path = typed[0]
    soffice_convert([path], tmp_path, "docx")
    resaved = tmp_path / path.name
    first, first_source = _import(path)
    second, second_source = _import(resaved)
    assert second_source == first_source
    assert [(w.line, w.key, w.fields) for w in second.warnings] == [(w.line, w.key, w.fields) for w in first.warnings]


# --- .doc and .wps, and what is not a DOCX ------------------------------------------------------


def test_doc_without_libreoffice_is_refused_in_one_line(tmp_path):
    doc = tmp_path / "草稿.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    env = dict(os.environ, PATH=str(bin_dir))  # the interpreter runs by its full path; no soffice on PATH
    for suffix in (".doc", ".wps"):
        target = doc.with_suffix(suffix)
        doc.replace(target)
        result = reportgen("import", target, env=env)
        assert result.returncode == 1
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith(f"{target}: ") and "需要 LibreOffice" in lines[0]
        doc = target


def test_doc_is_converted_by_libreoffice(seed_docx, tmp_path):
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    soffice_convert([seed_docx], tmp_path, "doc")
    doc = tmp_path / (seed_docx.stem + ".doc")
    out = tmp_path / "from-doc.yaml"
    result = reportgen("import", doc, "-o", out)
    assert result.returncode == 0, result.stderr
    assert parse_report(out.read_bytes(), str(out)).speech() == load_report(SOURCE).speech()


def test_not_a_docx_is_one_line(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_text("not a zip", encoding="utf-8")
    result = reportgen("import", bad)
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    with pytest.raises(DocxError):
        read_docx(b"PK\x03\x04broken")


def test_deleted_paragraph_mark_joins_the_paragraphs_and_moves_read_once(tmp_path):
    doc = Document()
    p = doc.add_paragraph("各位代表：")
    p = doc.add_paragraph("前一段的文字")
    p._p.get_or_add_pPr().append(
        parse_xml(f'<w:rPr {NSDECL}><w:del w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z"/></w:rPr>')
    )
    q = doc.add_paragraph("接着后一段。")
    q._p.append(
        parse_xml(
            f'<w:moveFrom {NSDECL} w:id="2" w:author="a" w:date="2024-01-01T00:00:00Z">'
            "<w:r><w:t>移走的</w:t></w:r></w:moveFrom>"
        )
    )
    q._p.append(
        parse_xml(
            f'<w:moveTo {NSDECL} w:id="3" w:author="a" w:date="2024-01-01T00:00:00Z">'
            "<w:r><w:t>移来的。</w:t></w:r></w:moveTo>"
        )
    )
    path = tmp_path / "moves.docx"
    doc.save(str(path))
    source, notes = read_docx(path.read_bytes())
    assert [piece.text for piece in source.pieces] == ["各位代表：", "前一段的文字接着后一段。移来的。"]
    assert [key for _, key, _ in notes] == ["import_docx_tracked"]


def test_heading_styles_by_name_basedon_and_outline_level(tmp_path):
    """Heading 1 by name, Heading 2 through a style based on it, 标题 2 by name, outline levels."""
    doc = Document()
    doc.add_paragraph("各位代表：")
    doc.add_paragraph("报告如下。")
    doc.add_paragraph("一、回顾", style="Heading 1")
    styles = doc.styles.element
    styles.append(
        parse_xml(
            f'<w:style {NSDECL} w:type="paragraph" w:styleId="MySection"><w:name w:val="我的小节"/>'
            '<w:basedOn w:val="Heading2"/></w:style>'
        )
    )
    doc.add_paragraph("（一）经济", style="Heading 2")
    doc.add_paragraph("经济稳定。")
    p = doc.add_paragraph("（二）民生")
    p._p.get_or_add_pPr().insert(0, parse_xml(f'<w:pStyle {NSDECL} w:val="MySection"/>'))
    doc.add_paragraph("民生改善。")
    p = doc.add_paragraph("二、任务")
    p._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {NSDECL} w:val="0"/>'))
    doc.add_paragraph("全力以赴。")
    styles.append(  # as WPS and Chinese Word name them: a numeric id, the name 标题 2
        parse_xml(f'<w:style {NSDECL} w:type="paragraph" w:styleId="5"><w:name w:val="标题 2"/></w:style>')
    )
    styles.append(  # a style of one's own with an outline level
        parse_xml(
            f'<w:style {NSDECL} w:type="paragraph" w:styleId="MyPart"><w:name w:val="我的部分"/>'
            '<w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
        )
    )
    for text, style in (("（一）落实", "5"), ("抓好落实。", None), ("三、保障", "MyPart"), ("强化保障。", None)):
        p = doc.add_paragraph(text)
        if style:
            p._p.get_or_add_pPr().insert(0, parse_xml(f'<w:pStyle {NSDECL} w:val="{style}"/>'))
    path = tmp_path / "styles.docx"
    doc.save(str(path))
    source, _ = read_docx(path.read_bytes())
    assert [(piece.text, piece.heading) for piece in source.pieces if piece.heading] == [
        ("一、回顾", 1),
        ("（一）经济", 2),
        ("（二）民生", 2),
        ("二、任务", 1),
        ("（一）落实", 2),
        ("三、保障", 1),
    ]
    report = read_report(path, path.read_bytes(), "x").report
    assert [p.heading for p in report.parts] == ["回顾", "任务", "保障"]
    assert [s.section for s in report.parts[0].content if isinstance(s, Section)] == ["经济", "民生"]


def test_text_box_in_the_fallback_only_is_read(tmp_path):
    """Word 2007's VML text box (no mc:Choice) is read; the same box in both branches is read once."""
    doc = Document()
    doc.add_paragraph("各位代表：")
    p = doc.add_paragraph("正文。")
    run = etree.fromstring(_text_box_run())
    alternate = run[0]
    alternate.remove(alternate[0])  # only the fallback is left
    p._p.append(copy.deepcopy(run))
    path = tmp_path / "vml.docx"
    doc.save(str(path))
    source, _ = read_docx(path.read_bytes())
    assert [piece.text for piece in source.pieces].count(TEXT_BOX) == 1


def _multilevel(doc, abstract_id: int, num_id: int, levels: list[tuple[str, str]]) -> None:
    numbering = doc.part.numbering_part.element
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    abstract = parse_xml(f'<w:abstractNum {NSDECL} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>')
    first_num = numbering.find(f"{{{W_NS}}}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {NSDECL} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'))


def test_automatically_numbered_headings_get_their_printed_numbers(tmp_path):
    """Heading styles linked to a multilevel list (一、 （一） 1.): the numbers are resolved and counted."""
    doc = Document()
    _multilevel(doc, 80, 80, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")])
    for level in (1, 2):  # the list is linked through the styles, as Word's multilevel heading lists are
        style = doc.styles[f"Heading {level}"].element
        style.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {NSDECL}><w:ilvl w:val="{level - 1}"/><w:numId w:val="80"/></w:numPr>')
        )
    doc.add_paragraph("各位代表：")
    doc.add_paragraph("报告如下。")
    doc.add_paragraph("工作回顾", style="Heading 1")
    doc.add_paragraph("经济", style="Heading 2")
    doc.add_paragraph("经济稳定。")
    doc.add_paragraph("民生", style="Heading 2")
    doc.add_paragraph("民生改善。")
    doc.add_paragraph("主要任务", style="Heading 1")
    doc.add_paragraph("改革", style="Heading 2")
    doc.add_paragraph("深化改革。")
    path = tmp_path / "numbered.docx"
    doc.save(str(path))
    source, notes = read_docx(path.read_bytes())
    assert [piece.text for piece in source.pieces if piece.heading] == [
        "一、工作回顾",
        "（一）经济",
        "（二）民生",
        "二、主要任务",
        "（一）改革",
    ]
    report = read_report(path, path.read_bytes(), "x").report
    assert report.numbering.parts == "auto" and report.numbering.sections == "auto"
    assert [p.heading for p in report.parts] == ["工作回顾", "主要任务"]


def test_a_bullet_that_is_not_a_dash_is_imported_as_dashes_with_a_warning(tmp_path):
    doc = Document()
    _numbering(doc, 70, 70, "bullet", "●")
    doc.add_paragraph("各位代表：")
    doc.add_paragraph("一、回顾")
    doc.add_paragraph("总体平稳。")
    for text in ("就业稳定。新增就业1万人。", "物价平稳。涨幅1.5%。"):
        _numbered(doc.add_paragraph(text), 70)
    path = tmp_path / "bullets.docx"
    doc.save(str(path))
    imported = read_report(path, path.read_bytes(), "x")
    block = imported.report.parts[0].content[1]
    assert isinstance(block, ListBlock) and block.marker == "——" and len(block.items) == 2
    assert [w.key for w in imported.warnings if w.key.startswith("import_docx")] == [
        "import_docx_bullet"
    ]  # once a list


def test_footnotes_are_reported_with_their_text(tmp_path):
    """A footnote (written into the package by hand: python-docx makes none) is a warning with its text."""
    import zipfile

    doc = Document()
    doc.add_paragraph("各位代表：")
    p = doc.add_paragraph("全年增长5%。")
    p._p.append(parse_xml(f'<w:r {NSDECL}><w:footnoteReference w:id="1"/></w:r>'))
    plain = tmp_path / "plain.docx"
    doc.save(str(plain))
    path = tmp_path / "footnote.docx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/_rels/document.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdFn" Target="footnotes.xml" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/footnotes"/></Relationships>',
                )
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
                )
            dst.writestr(item, data)
        dst.writestr(
            "word/footnotes.xml",
            f'<w:footnotes {NSDECL}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
            '</w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>按可比价格计算。</w:t></w:r></w:p></w:footnote>'
            "</w:footnotes>",
        )
    source, notes = read_docx(path.read_bytes())
    assert [piece.text for piece in source.pieces] == ["各位代表：", "全年增长5%。"]
    assert notes == [(2, "import_docx_footnote", {"note": "按可比价格计算。", "at": "全年增长5%。"})]


def test_line_breaks_join_lines_but_separate_title_block_lines(tmp_path):
    """Shift+Enter: a title and its ——date line are two lines of the title block; a body line joins the next."""
    doc = Document()
    p = doc.add_paragraph()
    p.add_run("政府工作报告").bold = True
    p.add_run().add_break()
    p.add_run("——2024年1月10日在长河市第十六届人民代表大会第三次会议上")
    doc.add_paragraph("各位代表：")
    p = doc.add_paragraph("全市经济")
    p.add_run().add_break()
    p.add_run("稳中向好，GDP")
    p.add_run().add_break()
    p.add_run("增长5%。")
    path = tmp_path / "breaks.docx"
    doc.save(str(path))
    source, _ = read_docx(path.read_bytes())
    assert [piece.text for piece in source.pieces] == [
        "**政府工作报告**",
        "——2024年1月10日在长河市第十六届人民代表大会第三次会议上",
        "各位代表：",
        "全市经济稳中向好，GDP增长5%。",
    ]
    meta = read_report(path, path.read_bytes(), "x").report.report
    assert (meta.title, str(meta.date)) == ("政府工作报告", "2024-01-10")


def test_pictures_are_reported_and_a_missing_doc_is_one_line(tmp_path):
    from PIL import Image

    image = tmp_path / "chart.png"
    Image.new("RGB", (8, 8), "white").save(image)
    doc = Document()
    doc.add_paragraph("各位代表：")
    doc.add_paragraph("全年增长5%。")
    doc.add_picture(str(image))
    path = tmp_path / "picture.docx"
    doc.save(str(path))
    source, notes = read_docx(path.read_bytes())
    assert [piece.text for piece in source.pieces] == ["各位代表：", "全年增长5%。"]
    assert notes == [(3, "import_docx_picture", {})]
    result = reportgen("import", tmp_path / "missing.doc")
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1
