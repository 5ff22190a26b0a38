"""Serialise a :class:`~.plan.DocumentPlan` into a DOCX package through python-docx.

Styles, settings and the font table are written whole (python-docx's template carries
theme fonts, a ja-JP theme language and compatibility mode 14); paragraphs are named
styles, never direct formatting run by run.
"""

from __future__ import annotations

import io

from generator.fonts import ROLES
from generator.ooxml import normalize_zip, set_core_properties, xml_text
from generator.renderers.docx.plan import (
    BODY_SIZE,
    BORDER_TWIPS,
    CELL_MARGIN,
    FOOTER_SIZE,
    INDENT,
    LINE_PITCH_TWIPS,
    MM,
    PAGE,
    TABLE_SIZE,
    TITLE_SIZE,
    TRACKING,
    DocumentPlan,
    PlannedCell,
    PlannedParagraph,
    PlannedTable,
    twips,
)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
EAST_ASIAN_PUNCTUATION = frozenset("“”‘’—…")
"""Characters Word gives to the Latin font unless the run says ``w:hint="eastAsia"``."""


def mm_twips(mm: float) -> int:
    """Millimetres → twips."""
    return twips(mm * MM)


def _fonts(role: str) -> str:
    face = ROLES[role].office
    return f'<w:rFonts w:ascii="{face}" w:hAnsi="{face}" w:eastAsia="{face}" w:cs="{face}" w:hint="eastAsia"/>'


def _rpr(role: str, size: float, tracking: float = 0.0, bold: bool | None = None) -> str:
    bold = ROLES[role].bold if bold is None else bold
    parts = [_fonts(role)]
    if bold:
        parts.append("<w:b/><w:bCs/>")
    parts.append(f'<w:spacing w:val="{twips(tracking)}"/>')
    half = round(size * 2)
    parts.append(f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>')
    parts.append('<w:lang w:val="zh-CN" w:eastAsia="zh-CN" w:bidi="ar-SA"/>')
    return "<w:rPr>" + "".join(parts) + "</w:rPr>"


_LINE_RULES = '<w:widowControl w:val="0"/><w:kinsoku w:val="1"/><w:wordWrap w:val="0"/>'
"""How lines break, stated so that Word, WPS and LibreOffice break them as :mod:`generator.linebreak` does.

- Widow control off, kinsoku (Chinese line-breaking rules) on.
- ``w:wordWrap`` off: Latin words and digit runs may break at any character (ECMA-376 Part 1
  §17.3.1.45: omitted, Word breaks "words in space-delimited languages at the word level";
  MS-OI29500 §2.1.67: Word applies it to such text only). LibreOffice already breaks Latin
  runs anywhere in Chinese text (2|020), which the page model follows; Word's default would
  keep them whole and move lines, and with them the stored page numbers.
- Hanging punctuation (``w:overflowPunct``) and Asian/Latin autospace (``w:autoSpaceDE``/``DN``)
  stay at their defaults (on): LibreOffice reads ``w:overflowPunct`` inverted and ignores
  autospace, so only the defaults make the engines agree; the page model models both.
"""


def _ppr(jc: str = "both", indent: float = 0.0, keep_next: bool = False, outline: int | None = None) -> str:
    parts = []
    if keep_next:
        parts.append("<w:keepNext/>")
    parts.append(_LINE_RULES)
    parts.append(f'<w:spacing w:before="0" w:after="0" w:line="{LINE_PITCH_TWIPS}" w:lineRule="exact"/>')
    parts.append(f'<w:ind w:firstLine="{twips(indent)}"/>' if indent else '<w:ind w:firstLine="0"/>')
    parts.append(f'<w:jc w:val="{jc}"/>')
    if outline is not None:
        parts.append(f'<w:outlineLvl w:val="{outline}"/>')
    return "<w:pPr>" + "".join(parts) + "</w:pPr>"


def _pstyle(
    style_id: str, name: str, ppr: str, rpr: str, based_on: str | None = "Normal", next_: str | None = None
) -> str:
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    nxt = f'<w:next w:val="{next_}"/>' if next_ else ""
    default = ' w:default="1"' if style_id == "Normal" else ""
    return (
        f'<w:style w:type="paragraph"{default} w:styleId="{style_id}"><w:name w:val="{name}"/>'
        f"{based}{nxt}<w:qFormat/>{ppr}{rpr}</w:style>"
    )


def _cstyle(style_id: str, name: str, rpr: str) -> str:
    return f'<w:style w:type="character" w:styleId="{style_id}"><w:name w:val="{name}"/><w:qFormat/>{rpr}</w:style>'


def styles_xml() -> str:
    """The whole styles part: document defaults, paragraph and character styles."""
    body = _rpr("body", BODY_SIZE, TRACKING)
    styles = [
        _pstyle("Normal", "Normal", _ppr(indent=INDENT), body, based_on=None),
        _pstyle("ReportTitle", "报告标题", _ppr("center", keep_next=True), _rpr("title", TITLE_SIZE)),
        _pstyle("MeetingLine", "会议信息", _ppr("center", keep_next=True), _rpr("meeting", BODY_SIZE, TRACKING)),
        _pstyle("Salutation", "称呼", _ppr(), body),
        _pstyle(
            "Heading1",
            "heading 1",
            _ppr(indent=INDENT, keep_next=True, outline=0),
            _rpr("heading1", BODY_SIZE, TRACKING),
            next_="Normal",
        ),
        _pstyle(
            "Heading2",
            "heading 2",
            _ppr(indent=INDENT, keep_next=True, outline=1),
            _rpr("heading2", BODY_SIZE, TRACKING),
            next_="Normal",
        ),
        _pstyle(
            "Heading3",
            "heading 3",
            _ppr(indent=INDENT, keep_next=True, outline=2),
            _rpr("heading3", BODY_SIZE, TRACKING),
            next_="Normal",
        ),
        _pstyle("AppendixLabel", "附件标识", _ppr(keep_next=True), _rpr("heading1", BODY_SIZE, TRACKING)),
        _pstyle("AppendixTitle", "附件标题", _ppr("center", keep_next=True), _rpr("title", TITLE_SIZE)),
        _pstyle("GlossaryEntry", "名词解释", _ppr(indent=INDENT), body),
        _pstyle("GlossaryMore", "名词解释续段", _ppr(indent=INDENT), body),
        _pstyle("TableCaption", "表题", _ppr("center", keep_next=True), _rpr("heading1", BODY_SIZE, TRACKING)),
        _pstyle("TableText", "表格文字", _ppr("center"), _rpr("body", TABLE_SIZE)),
        _pstyle("TableUnit", "表格单位", _ppr("right", keep_next=True), body),
        _pstyle("TableNote", "表注", _ppr(), body),
        _pstyle(
            "Footer",
            "footer",
            '<w:pPr><w:ind w:firstLine="0"/><w:jc w:val="right"/></w:pPr>',
            _rpr("footer", FOOTER_SIZE),
        ),
        _cstyle("LeadIn", "引领句", "<w:rPr><w:b/><w:bCs/></w:rPr>"),
        _cstyle("Emphasis", "强调", "<w:rPr><w:b/><w:bCs/></w:rPr>"),
        _cstyle("GlossaryTerm", "名词", "<w:rPr><w:b/><w:bCs/></w:rPr>"),
        _cstyle("RunInHeading", "段首标题", "<w:rPr>" + _fonts("heading2") + "</w:rPr>"),
        _cstyle("PointHeading", "段首第三层标题", "<w:rPr>" + _fonts("heading3") + "<w:b/><w:bCs/></w:rPr>"),
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>',
    ]
    defaults = (
        f"<w:docDefaults><w:rPrDefault>{body}</w:rPrDefault>"
        f"<w:pPrDefault>{_ppr(indent=0)}</w:pPrDefault></w:docDefaults>"
    )
    return f'<w:styles xmlns:w="{W_NS}">{defaults}{"".join(styles)}</w:styles>'


def settings_xml() -> str:
    """Settings: odd/even footers, zh-CN theme language, no punctuation compression, Word 2013+."""
    return (
        f'<w:settings xmlns:w="{W_NS}">'
        '<w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/>'
        '<w:evenAndOddHeaders/><w:characterSpacingControl w:val="doNotCompress"/>'
        '<w:compat><w:compatSetting w:name="compatibilityMode" '
        'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
        '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
        '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>'
        "</w:settings>"
    )


def font_table_xml() -> str:
    """The font table: every Windows face with its alternate name and the GB2312 charset."""
    seen: dict[str, str] = {}
    for role in ROLES.values():
        seen.setdefault(role.office, role.office_alt)
    fonts = "".join(
        f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
        '<w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'
        for name, alt in seen.items()
    )
    return f'<w:fonts xmlns:w="{W_NS}">{fonts}</w:fonts>'


def _run(text: str, char_style: str | None) -> str:
    """A run of text; a newline in it is a line break (``w:br``), as the page model breaks it."""
    props = []
    if char_style:
        props.append(f'<w:rStyle w:val="{char_style}"/>')
    if any(ch in EAST_ASIAN_PUNCTUATION for ch in text):
        props.append('<w:rFonts w:hint="eastAsia"/>')
    rpr = "<w:rPr>" + "".join(props) + "</w:rPr>" if props else ""
    body = '</w:t><w:br/><w:t xml:space="preserve">'.join(xml_text(part) for part in text.split("\n"))
    return f'<w:r>{rpr}<w:t xml:space="preserve">{body}</w:t></w:r>'


def _field(instruction: str, result: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{_run(result, None)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def paragraph_xml(paragraph: PlannedParagraph, first_mark_id: int) -> str:
    """One paragraph: style, runs split at bookmark boundaries, fields for page references."""
    ppr = f'<w:pPr><w:pStyle w:val="{paragraph.style}"/>'
    if paragraph.page_break_before:
        ppr += "<w:pageBreakBefore/>"
    ppr += "</w:pPr>"
    starts = {m.start: [] for m in paragraph.marks}
    ends = {m.end: [] for m in paragraph.marks}
    for k, mark in enumerate(paragraph.marks):
        starts[mark.start].append(f'<w:bookmarkStart w:id="{first_mark_id + k}" w:name="{mark.name}"/>')
        ends[mark.end].append(f'<w:bookmarkEnd w:id="{first_mark_id + k}"/>')
    out = [ppr]
    offset = 0
    for segment, text in paragraph.runs():  # the runs the pagination model measured
        out.extend(ends.pop(offset, []))
        out.extend(starts.pop(offset, []))
        if segment.pageref:
            out.append(_field(f"PAGEREF {segment.pageref} \\h", text))
        else:
            out.append(_run(text, segment.char_style))
        offset += len(text)
    out.extend(ends.pop(offset, []))
    return "<w:p>" + "".join(out) + "</w:p>"


def _cell_xml(table: PlannedTable, cell: PlannedCell, header: bool) -> str:
    """One table cell: width, spans, vertical merge; its lines as paragraphs of the TableText style."""
    props = [f'<w:tcW w:w="{twips(table.cell_width(cell))}" w:type="dxa"/>']
    if cell.colspan > 1:
        props.append(f'<w:gridSpan w:val="{cell.colspan}"/>')
    if cell.merged:
        props.append("<w:vMerge/>")
    elif cell.rowspan > 1:
        props.append('<w:vMerge w:val="restart"/>')
    props.append('<w:vAlign w:val="center"/>')
    style = '<w:pPr><w:pStyle w:val="TableText"/></w:pPr>'
    lines = [""] if cell.merged else cell.text.split("\n")
    runs = [_run(line, "GlossaryTerm" if header else None) if line else "" for line in lines]
    paragraphs = "".join(f"<w:p>{style}{run}</w:p>" for run in runs)
    return f"<w:tc><w:tcPr>{''.join(props)}</w:tcPr>{paragraphs}</w:tc>"


def table_xml(table: PlannedTable) -> str:
    """A native table: fixed layout over the text block, single borders, header rows repeated, rows kept whole."""
    margin = twips(CELL_MARGIN)
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="{BORDER_TWIPS * 8 // 20}" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    properties = (
        f'<w:tblPr><w:tblW w:w="{twips(sum(table.widths))}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="{margin}" w:type="dxa"/>'
        f'<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{margin}" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        'w:noHBand="1" w:noVBand="1"/></w:tblPr>'
    )
    grid = "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{twips(w)}"/>' for w in table.widths) + "</w:tblGrid>"
    rows = []
    for r, (row, lines) in enumerate(zip(table.rows, table.row_lines(), strict=True)):
        header = r < table.header_rows
        # Whole grid lines; the first row (repeated on every page) gives up the width of the table's
        # top border, which LibreOffice sets above it, so that a page of rows holds 22 lines.
        twentieths = lines * LINE_PITCH_TWIPS - (BORDER_TWIPS if r == 0 else 0)
        height = f'<w:trHeight w:val="{twentieths}" w:hRule="exact"/>'
        trpr = "<w:trPr><w:cantSplit/>" + height + ("<w:tblHeader/>" if header else "") + "</w:trPr>"
        rows.append(f"<w:tr>{trpr}{''.join(_cell_xml(table, cell, header) for cell in row)}</w:tr>")
    return f"<w:tbl>{properties}{grid}{''.join(rows)}</w:tbl>"


def footer_xml(odd: bool) -> str:
    """A footer with the page number — N —: odd pages right, even pages left, one character in."""
    jc, side = ("right", "right") if odd else ("left", "left")
    indent = twips(FOOTER_SIZE)
    return (
        f'<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p><w:pPr><w:pStyle w:val="Footer"/>'
        f'<w:ind w:{side}="{indent}"/><w:jc w:val="{jc}"/></w:pPr>'
        f"{_run('— ', None)}{_field('PAGE', '1')}{_run(' —', None)}</w:p></w:ftr>"
    )


def section_xml(odd_footer: str, even_footer: str) -> str:
    """Page size, GB/T 9704 margins, footers and the line grid."""
    return (
        "<w:sectPr>"
        f'<w:footerReference w:type="even" r:id="{even_footer}"/>'
        f'<w:footerReference w:type="default" r:id="{odd_footer}"/>'
        f'<w:pgSz w:w="{mm_twips(PAGE["width"])}" w:h="{mm_twips(PAGE["height"])}"/>'
        f'<w:pgMar w:top="{mm_twips(PAGE["top"])}" w:right="{mm_twips(PAGE["right"])}" '
        f'w:bottom="{mm_twips(PAGE["bottom"])}" w:left="{mm_twips(PAGE["left"])}" '
        f'w:header="{mm_twips(15)}" w:footer="{mm_twips(25)}" w:gutter="0"/>'
        '<w:cols w:space="425"/>'
        f'<w:docGrid w:type="lines" w:linePitch="{LINE_PITCH_TWIPS}"/>'
        "</w:sectPr>"
    )


def emit_docx(plan: DocumentPlan, write_item=None) -> bytes:
    """The DOCX file of ``plan``, as bytes (reproducible).

    ``write_item(item, first_mark_id) -> str``, when given, writes every item of the body
    instead (the revision DOCX of :mod:`generator.revision` writes tracked changes so).
    """
    from docx import Document
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    document = Document()
    package = document.part.package
    _drop_template_cruft(document, RT)
    document.part._styles_part._element = parse_xml(styles_xml().encode())
    document.settings.element.getparent()  # make sure the settings part is loaded
    document.part._settings_part._element = parse_xml(settings_xml().encode())
    for rel in document.part.rels.values():
        if rel.reltype == RT.FONT_TABLE:
            rel.target_part._blob = font_table_xml().encode()
    footer_ids = []
    for number, odd in ((1, True), (2, False)):
        part = Part(
            PackURI(f"/word/footer{number}.xml"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
            footer_xml(odd).encode(),
            package,
        )
        footer_ids.append(document.part.relate_to(part, RT.FOOTER))
    body_parts = []
    mark_id = 0
    for paragraph in plan.paragraphs:
        if write_item is not None:
            body_parts.append(write_item(paragraph, mark_id))
            mark_id += len(paragraph.marks)
            continue
        if isinstance(paragraph, PlannedTable):
            body_parts.append(table_xml(paragraph))
            continue
        body_parts.append(paragraph_xml(paragraph, mark_id))
        mark_id += len(paragraph.marks)
    body_parts.append(section_xml(*footer_ids))
    body = parse_xml(f'<w:body xmlns:w="{W_NS}" xmlns:r="{R_NS}">{"".join(body_parts)}</w:body>'.encode())
    old = document.element.body
    old.getparent().replace(old, body)
    set_core_properties(document.core_properties, plan.report.meta)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_zip(buffer.getvalue(), plan.report.meta.date)


def _drop_template_cruft(document, RT) -> None:
    """Remove the template's parts that the draft does not use (thumbnail, effects styles…)."""
    keep = {RT.STYLES, RT.SETTINGS, RT.FONT_TABLE, RT.THEME}
    for rid, rel in list(document.part.rels.items()):
        if rel.reltype not in keep:
            document.part.drop_rel(rid)
            document.part.rels.pop(rid, None)
    package = document.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rid)
    for rel in document.part.rels.values():
        if rel.reltype == RT.THEME:
            rel.target_part._blob = _chinese_theme(rel.target_part.blob)


def _chinese_theme(blob: bytes) -> bytes:
    """The theme with Chinese faces for its East Asian major and minor fonts."""
    text = blob.decode("utf-8")
    minor = text.find("<a:minorFont>")
    if "<a:majorFont>" not in text or minor < 0:
        return blob
    heading, body = ROLES["heading1"].office, ROLES["body"].office
    head_part = text[:minor].replace('<a:ea typeface=""/>', f'<a:ea typeface="{heading}"/>', 1)
    tail_part = text[minor:].replace('<a:ea typeface=""/>', f'<a:ea typeface="{body}"/>', 1)
    return (head_part + tail_part).encode("utf-8")
