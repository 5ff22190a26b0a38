"""Emit a :class:`~.plan.PdfPlan` as an archival PDF/A-2b file (reportlab, then pikepdf).

reportlab lays the pages out with embedded, subset TrueType faces (no Helvetica); charts
come from matplotlib as SVG through svglib, so they stay vector with extractable text.
pikepdf then makes the file PDF/A-2b: sRGB output intent, XMP agreeing with the document
information, dates from the source, no ``/Trans`` entries, a deterministic id.
"""

from __future__ import annotations

import datetime as dt
import io
from functools import cache

from generator import palette
from generator.charts import chart_svg
from generator.fonts import check_coverage, role_file
from generator.model import Report
from generator.palette import css
from generator.parallel import Forked
from generator.renderers.pdf.plan import (
    Bullets,
    ChartBlock,
    Cover,
    GlossaryItem,
    Heading,
    PdfPlan,
    TableBlock,
    Text,
    Tiles,
)

FACES = {"RG-Body": "pdf_body", "RG-Heading": "pdf_heading", "RG-Accent": "pdf_accent"}
"""reportlab font name → font role."""

MARGIN = 22
"""Left and right page margin (mm)."""
FRAME_WIDTH = (210 - 2 * MARGIN) * 72 / 25.4
"""Width of the text frame (points)."""

RED = css(palette.RED)
GOLD = css(palette.GOLD)
DARK = css(palette.DARK_RED)
BROWN = css(palette.BROWN)
PALE = css(palette.PALE_GOLD)


@cache
def register_fonts() -> None:
    """Register the three faces with reportlab (subset-embedded TrueType) and with svglib."""
    from reportlab import rl_config

    rl_config.shapeChecking = 0  # no attribute validation on the charts' many shapes (read at import)
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from svglib.svglib import register_font

    for name, role in FACES.items():
        face = role_file(role)
        pdfmetrics.registerFont(TTFont(name, str(face.path), subfontIndex=face.index))
        register_font(face.family, rlgFontName=name)  # a mapping only: the face is parsed once
    pdfmetrics.registerFontFamily(
        "RG-Body",
        normal="RG-Body",
        bold="RG-Heading",
        italic="RG-Accent",
        boldItalic="RG-Heading",
        baseFontFor="canvas graphics",  # else the canvas writes a default, unembedded Helvetica
    )
    from reportlab.graphics import shapes

    shapes.STATE_DEFAULTS["fontName"] = "RG-Body"  # captured when reportlab.graphics was imported


def _styles() -> dict:
    from reportlab.lib.colors import HexColor
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("base", fontName="RG-Body", bulletFontName="RG-Body", fontSize=11, leading=18, wordWrap="CJK")
    return {
        "body": base,
        "cover_title": ParagraphStyle(
            "ct", base, fontName="RG-Heading", fontSize=40, leading=54, alignment=TA_CENTER, textColor=HexColor(RED)
        ),
        "cover_status": ParagraphStyle("cs", base, fontName="RG-Accent", fontSize=20, leading=30, alignment=TA_CENTER),
        "cover_line": ParagraphStyle("cl", base, fontName="RG-Accent", fontSize=14, leading=24, alignment=TA_CENTER),
        "cover_issuer": ParagraphStyle(
            "ci", base, fontName="RG-Heading", fontSize=16, leading=26, alignment=TA_CENTER, textColor=HexColor(DARK)
        ),
        "h0": ParagraphStyle(
            "h0",
            base,
            fontName="RG-Heading",
            fontSize=20,
            leading=28,
            spaceBefore=6,
            spaceAfter=12,
            textColor=HexColor(RED),
        ),
        "h1": ParagraphStyle(
            "h1",
            base,
            fontName="RG-Heading",
            fontSize=15,
            leading=22,
            spaceBefore=10,
            spaceAfter=6,
            textColor=HexColor(DARK),
        ),
        "h2": ParagraphStyle("h2", base, fontName="RG-Accent", fontSize=13, leading=20, spaceBefore=6, spaceAfter=4),
        "bullet": ParagraphStyle("bullet", base, leftIndent=16, bulletIndent=4, spaceAfter=2),
        "figures": ParagraphStyle(
            "figures", base, fontSize=9.5, leading=14, leftIndent=16, textColor=HexColor(BROWN), spaceAfter=4
        ),
        "tile_number": ParagraphStyle(
            "tn", base, fontName="RG-Heading", fontSize=24, leading=30, alignment=TA_CENTER, textColor=HexColor(RED)
        ),
        "tile_label": ParagraphStyle("tl", base, fontSize=10.5, leading=15, alignment=TA_CENTER),
        "note": ParagraphStyle("note", base, fontSize=9, leading=13, textColor=HexColor(BROWN), spaceAfter=14),
        "term": ParagraphStyle("term", base, fontName="RG-Heading", fontSize=12, leading=18, spaceBefore=6),
        "definition": ParagraphStyle("definition", base, firstLineIndent=22),
        "cell": ParagraphStyle("cell", base, fontSize=9, leading=12),
    }


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _outlined(text: str, style, level: int, key: str):
    """A heading paragraph that adds a bookmark and an outline entry where it is drawn."""
    from reportlab.platypus import Paragraph

    class OutlinedParagraph(Paragraph):
        def draw(self) -> None:
            super().draw()
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=level, closed=False)

    return OutlinedParagraph(_escape(text), style)


def _cover(block: Cover, styles: dict) -> list:
    from reportlab.platypus import Paragraph, Spacer

    return [
        Spacer(1, 150),
        Paragraph(_escape(block.title), styles["cover_title"]),
        *([Paragraph(_escape(block.status), styles["cover_status"])] if block.status else []),
        Spacer(1, 40),
        Paragraph(_escape(block.meeting), styles["cover_line"]),
        Paragraph(_escape(block.speaker), styles["cover_line"]),
        Spacer(1, 200),
        Paragraph(_escape(block.issuer), styles["cover_issuer"]),
        Paragraph(_escape(block.date), styles["cover_line"]),
    ]


def _tiles(block: Tiles, styles: dict, width: float) -> list:
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Paragraph, Table, TableStyle

    columns = 2
    cells = []
    for tile in block.tiles:
        small = '<font name="RG-Body" size="12" color="#333333">{}</font>'
        number = small.format(_escape(tile.prefix)) + _escape(tile.number) + small.format(_escape(tile.unit))
        cells.append([Paragraph(number, styles["tile_number"]), Paragraph(_escape(tile.label), styles["tile_label"])])
    rows = [cells[i : i + columns] for i in range(0, len(cells), columns)]
    if rows and len(rows[-1]) < columns:
        rows[-1] += [""] * (columns - len(rows[-1]))
    table = Table(rows, colWidths=[width / columns] * columns, rowHeights=88)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), "RG-Body"),  # the cell default is Helvetica
                ("BOX", (0, 0), (-1, -1), 0.8, HexColor(GOLD)),
                ("INNERGRID", (0, 0), (-1, -1), 0.8, HexColor(GOLD)),
                ("BACKGROUND", (0, 0), (-1, -1), HexColor(PALE)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return [table]


def draw_charts(blocks: list[ChartBlock]) -> list[bytes]:
    """The SVG of every chart, at the frame's width and half as high."""
    inches = FRAME_WIDTH / 72
    return [chart_svg(block.chart, inches, inches * 0.5) for block in blocks]


def _chart(block: ChartBlock, svg: bytes, styles: dict, width: float) -> list:
    from reportlab.platypus import KeepTogether, Paragraph
    from svglib.svglib import svg2rlg

    drawing = svg2rlg(io.BytesIO(svg))
    scale = width / drawing.width
    drawing.scale(scale, scale)
    drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
    return [KeepTogether([drawing, Paragraph(_escape(block.chart.note), styles["note"])])]


def _bullets(block: Bullets, styles: dict) -> list:
    from reportlab.platypus import Paragraph

    out = []
    for number, item in enumerate(block.items, start=1):
        bullet = f"{number}." if block.numbered else "●"
        if item.text:
            out.append(Paragraph(_escape(item.text), styles["bullet"], bulletText=bullet))
        if item.figures:
            out.append(Paragraph(_escape("；".join(item.figures)), styles["figures"]))
    return out


def _table(block: TableBlock, styles: dict, width: float) -> list:
    """A table across the frame, its header rows repeated on every page, cells wrapped."""
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Paragraph, Table, TableStyle

    columns = max(len(row) for row in block.rows)
    cell_style = styles["cell"]
    data = [
        [Paragraph(_escape(text).replace("\n", "<br/>"), cell_style) for text in row] + [""] * (columns - len(row))
        for row in block.rows
    ]
    table = Table(data, colWidths=[width / columns] * columns, repeatRows=block.header_rows)
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), "RG-Body"),
        ("GRID", (0, 0), (-1, -1), 0.5, HexColor(DARK)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    if block.header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, block.header_rows - 1), HexColor(PALE)))
    table.setStyle(TableStyle(commands))
    out: list = []
    if block.caption:
        out.append(Paragraph(_escape(block.caption), styles["h2"]))
    if block.unit:
        out.append(Paragraph(_escape(block.unit), styles["note"]))
    out.append(table)
    out += [Paragraph(_escape(note), styles["note"]) for note in block.notes]
    return out


def flowables(plan: PdfPlan, width: float, svgs: list[bytes]) -> list:
    """The reportlab flowables of the plan, in order (``svgs``: the charts, drawn)."""
    from reportlab.platypus import NextPageTemplate, PageBreak, Paragraph

    styles = _styles()
    story: list = []
    charts = iter(svgs)
    for index, block in enumerate(plan.blocks):
        if isinstance(block, Cover):
            story += [*_cover(block, styles), NextPageTemplate("body")]
        elif isinstance(block, Heading):
            if block.new_page:
                story.append(PageBreak())
            story.append(_outlined(block.text, styles[f"h{block.level}"], block.level, f"h{index}"))
        elif isinstance(block, Tiles):
            story += _tiles(block, styles, width)
        elif isinstance(block, ChartBlock):
            story += _chart(block, next(charts), styles, width)
        elif isinstance(block, Bullets):
            story += _bullets(block, styles)
        elif isinstance(block, Text):
            story.append(Paragraph(_escape(block.text), styles["body"]))
        elif isinstance(block, TableBlock):
            story += _table(block, styles, width)
        elif isinstance(block, GlossaryItem):
            story.append(Paragraph(_escape(block.term), styles["term"]))
            story.append(Paragraph(_escape(block.definition), styles["definition"]))
    return story


def _layout(plan: PdfPlan, svgs: list[bytes]) -> bytes:
    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    page_width, page_height = A4
    margin = MARGIN * mm
    frame = Frame(margin, 24 * mm, FRAME_WIDTH, page_height - 50 * mm, id="main")

    def decorate(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("RG-Body", 9)
        canvas.setFillColor(HexColor(DARK))
        canvas.drawRightString(page_width - margin, page_height - 16 * mm, plan.header)
        canvas.setStrokeColor(HexColor(GOLD))
        canvas.setLineWidth(0.8)
        canvas.line(margin, page_height - 18 * mm, page_width - margin, page_height - 18 * mm)
        canvas.setFont("RG-Body", 10)
        canvas.drawCentredString(page_width / 2, 13 * mm, f"— {doc.page} —")
        canvas.restoreState()

    def cover(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFillColor(HexColor(RED))
        canvas.rect(0, page_height - 14 * mm, page_width, 14 * mm, stroke=0, fill=1)
        canvas.setFillColor(HexColor(GOLD))
        canvas.rect(0, page_height - 16 * mm, page_width, 2 * mm, stroke=0, fill=1)
        canvas.restoreState()

    buffer = io.BytesIO()
    document = BaseDocTemplate(
        buffer,
        pagesize=A4,
        title=plan.title,
        author=plan.author,
        subject=plan.subject,
        keywords=", ".join(plan.keywords),
        creator="reportgen",
        producer="reportgen",
        invariant=1,
        lang="zh-CN",
        initialFontName="RG-Body",
        initialFontSize=11,
        pageTemplates=[
            PageTemplate("cover", [frame], onPage=cover),
            PageTemplate("body", [frame], onPage=decorate),
        ],
    )
    document.build(flowables(plan, frame._width, svgs))
    return buffer.getvalue()


def _output_intent(pdf):
    """The PDF/A output intent: the sRGB profile that pikepdf ships."""
    from importlib.resources import files

    import pikepdf

    profile = files("pikepdf").joinpath("pdfa", "data", "sRGB.icc").read_bytes()
    stream = pikepdf.Stream(pdf, profile)
    stream["/N"] = 3
    return pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.OutputIntent,
            S=pikepdf.Name.GTS_PDFA1,
            OutputConditionIdentifier=pikepdf.String("sRGB"),
            Info=pikepdf.String("sRGB IEC61966-2.1"),
            DestOutputProfile=stream,
        )
    )


def _archival(data: bytes, plan: PdfPlan, when: dt.date) -> bytes:
    """Make the reportlab output PDF/A-2b.

    Output intent, XMP declaring PDF/A-2b and agreeing with the document information,
    dates from the source, no ``/Trans``, a deterministic id.

    (The tests check the result with ``pikepdf.pdfa``; the build does not import it.)
    """
    import pikepdf

    stamp = dt.datetime.combine(when, dt.time(0, 0), tzinfo=dt.timezone(dt.timedelta(hours=8)))
    pdf = pikepdf.open(io.BytesIO(data))
    for page in pdf.pages:
        if "/Trans" in page.obj:
            del page.obj["/Trans"]
    pdf.Root.Lang = pikepdf.String("zh-CN")
    pdf.Root.OutputIntents = pikepdf.Array([_output_intent(pdf)])
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=True) as xmp:
        xmp["pdfaid:part"] = "2"
        xmp["pdfaid:conformance"] = "B"
        xmp["dc:title"] = plan.title
        xmp["dc:creator"] = [plan.author]
        xmp["dc:description"] = plan.subject
        xmp["dc:language"] = ["zh-CN"]
        xmp["pdf:Keywords"] = ", ".join(plan.keywords)
        xmp["pdf:Producer"] = "reportgen"
        xmp["xmp:CreatorTool"] = "reportgen"
        for key in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"):
            xmp[key] = stamp.isoformat()
    pdf.docinfo["/CreationDate"] = pikepdf.String(stamp.strftime("D:%Y%m%d%H%M%S+08'00'"))
    pdf.docinfo["/ModDate"] = pikepdf.String(stamp.strftime("D:%Y%m%d%H%M%S+08'00'"))
    out = io.BytesIO()
    pdf.save(
        out,
        deterministic_id=True,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
        compress_streams=True,
        fix_metadata_version=False,
    )
    return out.getvalue()


def emit_pdf(plan: PdfPlan, report: Report) -> bytes:
    """The PDF/A-2b file of ``plan``: fonts checked, charts drawn beside the layout, made archival."""
    text = "".join(plan.texts())
    check_coverage("pdf_body", text)
    check_coverage("pdf_heading", text)
    charts = [block for block in plan.blocks if isinstance(block, ChartBlock)]
    drawing = Forked(draw_charts, charts)  # matplotlib works in a child while fonts load here
    register_fonts()
    return _archival(_layout(plan, drawing.result()), plan, report.meta.date)
