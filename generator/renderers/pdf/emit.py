"""Emit a :class:`~.plan.PdfPlan` as an archival PDF/A-2b file (reportlab, then pikepdf).

reportlab lays the pages out with embedded, subset TrueType faces (no Helvetica); charts
come from matplotlib as SVG through svglib, so they stay vector with extractable text.
pikepdf then makes the file PDF/A-2b: sRGB output intent, XMP agreeing with the document
information, dates from the source, no ``/Trans`` entries, a deterministic id.

Fonts: every text is set in its style's face; a character that face lacks is set in the
first other embedded face that has it (a ``<font name=…>`` run inside the paragraph; in a
chart, a run of its own beside the label's other runs), with a :class:`~generator.fonts.FontWarning`
naming the source path of the text (the build turns it into ``file:line:column``). A
character no embedded face has refuses the build, every such place at once, each with the
faces tried (``BuildError("glyphs_missing_at", places=[…])``, which the build positions).
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import warnings
from functools import cache

from generator import palette
from generator.charts import chart_svg
from generator.errors import BuildError
from generator.fonts import ROLES, FontWarning, Setting, listed, metrics, role_file, set_text
from generator.model import Report
from generator.palette import css
from generator.parallel import Forked
from generator.pdfa import Declared, declare_and_save, fix_to_unicode, output_intent, stamp_of
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
    Where,
)
from generator.titles import break_title

FACES = {"RG-Body": "pdf_body", "RG-Heading": "pdf_heading", "RG-Accent": "pdf_accent"}
"""reportlab font name → font role, in the order a character its own face lacks tries them."""

CHART_FONT = next(name for name, role in FACES.items() if ROLES[role].free == ROLES["figure"].free)
"""The reportlab font of the charts' face (the ``figure`` role)."""

MARGIN = 22
"""Left and right page margin (mm)."""
FRAME_WIDTH = (210 - 2 * MARGIN) * 72 / 25.4
"""Width of the text frame (points)."""
FRAME_HEIGHT = (297 - 50) * 72 / 25.4
"""Height of the text frame (points): A4 less 26 mm above (header) and 24 mm below (page number)."""

RED = css(palette.RED)
GOLD = css(palette.GOLD)
DARK = css(palette.DARK_RED)
BROWN = css(palette.BROWN)
PALE = css(palette.PALE_GOLD)


@cache
def register_fonts() -> None:
    """Register the three faces with reportlab (subset-embedded TrueType); charts find them by :class:`ChartFonts`."""
    from reportlab import rl_config

    rl_config.shapeChecking = 0  # no attribute validation on the charts' many shapes (read at import)
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, role in FACES.items():
        face = role_file(role)
        pdfmetrics.registerFont(TTFont(name, str(face.path), subfontIndex=face.index))
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
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle(
        "base", fontName="RG-Body", bulletFontName="RG-Body", fontSize=11, leading=18, alignment=TA_JUSTIFY
    )
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
            alignment=TA_LEFT,
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
            alignment=TA_LEFT,
        ),
        "h2": ParagraphStyle(
            "h2", base, fontName="RG-Accent", fontSize=13, leading=20, spaceBefore=6, spaceAfter=4, alignment=TA_LEFT
        ),
        "bullet": ParagraphStyle("bullet", base, leftIndent=16, bulletIndent=4, spaceAfter=2),
        "figures": ParagraphStyle(
            "figures", base, fontSize=9.5, leading=14, leftIndent=16, textColor=HexColor(BROWN), spaceAfter=4
        ),
        "tile_number": ParagraphStyle(
            "tn", base, fontName="RG-Heading", fontSize=24, leading=30, alignment=TA_CENTER, textColor=HexColor(RED)
        ),
        "tile_label": ParagraphStyle("tl", base, fontSize=10.5, leading=15, alignment=TA_CENTER),
        "note": ParagraphStyle("note", base, fontSize=9, leading=13, textColor=HexColor(BROWN), spaceAfter=14),
        "term": ParagraphStyle(
            "term", base, fontName="RG-Heading", fontSize=12, leading=18, spaceBefore=6, alignment=TA_LEFT
        ),
        "definition": ParagraphStyle("definition", base, firstLineIndent=22),
        "cell": ParagraphStyle("cell", base, fontSize=9, leading=12, alignment=TA_LEFT),
    }


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _source_of(at: Where, chars: tuple[str, ...]) -> tuple[str | int, ...]:
    """The path of the first source text that holds one of ``chars`` (else the first one's)."""
    for text, path in at:
        if any(ch in text for ch in chars):
            return path
    return at[0][1] if at else ()


def _dotted(path: tuple[str | int, ...]) -> str:
    """A source path as a reader writes it: parts[0].heading."""
    out = ""
    for key in path:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else key)
    return out or "report"


class Setter:
    """Sets each text in its style's face, falling back per character to the other embedded faces.

    A fallback is a warning naming where the text comes from (once per place, faces and
    characters); characters no face has are gathered by place and refused together by
    :meth:`refuse`, after every text is set.
    """

    def __init__(self) -> None:
        self.faces = {name: metrics(role) for name, role in FACES.items()}
        self.warned: set[tuple] = set()
        self.missing: dict[tuple[str | int, ...], tuple[dict[str, None], tuple[str, ...]]] = {}

    def split(self, text: str, font: str) -> tuple[list[str], Setting]:
        """The faces tried for ``font`` in order, and ``text`` set in them (nothing recorded)."""
        names = [font, *(name for name in FACES if name != font)]
        return names, set_text(text, [self.faces[name] for name in names])

    def runs(self, text: str, font: str, at: Where = ()) -> list[tuple[str, str]]:
        """``text`` as (font, text) runs: its own ``font`` where it has the glyph, else a fallback."""
        names, setting = self.split(text, font)
        for index, chars in setting.fallen.items():
            path = _source_of(at, chars)
            key = (path, font, names[index], chars)
            if key not in self.warned:
                self.warned.add(key)
                fields = {
                    "at": path,
                    "font": self.faces[font].family,
                    "fallback": self.faces[names[index]].family,
                    "chars": listed(chars),
                }
                warnings.warn(FontWarning("glyph_fallback", fields), stacklevel=2)
        if setting.missing:
            chars, tried = self.missing.setdefault(
                _source_of(at, setting.missing), ({}, tuple(self.faces[name].family for name in names))
            )
            for ch in setting.missing:
                chars.setdefault(ch)
        return [(names[index], run) for index, run in setting.runs]

    def markup(self, text: str, font: str, at: Where = ()) -> str:
        """``text`` as paragraph markup in ``font``, fallback runs in ``<font name=…>``."""
        return "".join(
            _escape(run) if name == font else f'<font name="{name}">{_escape(run)}</font>'
            for name, run in self.runs(text, font, at)
        )

    def paragraph(self, text: str, style, at: Where = (), bullet: str = "", on_draw=None):
        """A paragraph of ``text`` in ``style``, fallback runs in their faces, broken by the shared line breaker."""
        from generator.renderers.pdf.lines import Lines

        return Lines(self.runs(text, style.fontName, at), style, FACES, bullet, on_draw)

    def lines(self, texts: list[str], style, at: Where = ()):
        """Lines already chosen (a title broken at its phrases), each a forced line of one paragraph."""
        from generator.renderers.pdf.lines import Lines

        pieces: list[tuple[str, str]] = []
        for number, text in enumerate(texts):
            if number:
                pieces.append((style.fontName, "\n"))
            pieces += self.runs(text, style.fontName, at)
        return Lines(pieces, style, FACES)

    def refuse(self) -> None:
        """Refuse the build if some character has no face: every place, with the faces tried."""
        if not self.missing:
            return
        places = [
            {"at": path, "chars": listed(chars), "fonts": ", ".join(tried)}
            for path, (chars, tried) in self.missing.items()
        ]
        first = places[0]
        raise BuildError(
            "glyphs_missing_at", where=_dotted(first["at"]), chars=first["chars"], fonts=first["fonts"], places=places
        )


def _outlined(text: str, style, level: int, key: str, setter: Setter, at: Where):
    """A heading paragraph that adds a bookmark and an outline entry where it is drawn, kept with what follows."""

    def outline(canvas) -> None:
        canvas.bookmarkPage(key)
        canvas.addOutlineEntry(text, key, level=level, closed=False)

    heading = setter.paragraph(text, style, at, on_draw=outline)
    heading.keepWithNext = 1
    return heading


def _cover(block: Cover, styles: dict, setter: Setter, width: float) -> list:
    """The cover: title and meeting line broken at phrase boundaries into even lines (:mod:`generator.titles`)."""
    from reportlab.platypus import Spacer

    def line(name: str, style: str):
        text, chosen, at = getattr(block, name), styles[style], block.at.get(name, ())
        face = setter.faces[chosen.fontName]
        lines = break_title(text, width - 1.0, lambda part: face.width(part, chosen.fontSize))
        return setter.lines(lines, chosen, at)

    return [
        Spacer(1, 150),
        line("title", "cover_title"),
        *([line("status", "cover_status")] if block.status else []),
        Spacer(1, 40),
        line("meeting", "cover_line"),
        line("speaker", "cover_line"),
        Spacer(1, 200),
        line("issuer", "cover_issuer"),
        line("date", "cover_line"),
    ]


def _tiles(block: Tiles, styles: dict, width: float, setter: Setter) -> list:
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Paragraph, Table, TableStyle

    columns = 2
    cells = []
    for tile in block.tiles:
        small = '<font name="RG-Body" size="12" color="#333333">{}</font>'
        big = styles["tile_number"].fontName
        number = (
            small.format(setter.markup(tile.prefix, "RG-Body", tile.at))
            + setter.markup(tile.number, big, tile.at)
            + small.format(setter.markup(tile.unit, "RG-Body", tile.at))
        )
        label = setter.paragraph(tile.label, styles["tile_label"], tile.at)
        cells.append([Paragraph(number, styles["tile_number"]), label])
    rows = [cells[i : i + columns] for i in range(0, len(cells), columns)]
    spans = []
    if rows and len(rows[-1]) < columns:  # an odd tile takes the whole last row: no empty box
        rows[-1] += [""] * (columns - len(rows[-1]))
        spans = [("SPAN", (0, len(rows) - 1), (columns - 1, len(rows) - 1))]
    table = Table(rows, colWidths=[width / columns] * columns, rowHeights=88)
    table.setStyle(
        TableStyle(
            [
                *spans,
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


class ChartFonts:
    """svglib's font look-up for the charts: the families the SVG names are the embedded faces.

    Given to ``svg2rlg`` in place of svglib's global map, which cannot map a family to a font
    registered by name and would ask fontconfig and parse each face again (once per weight).
    """

    def find_font(self, font_name: str, weight: str = "normal", style: str = "normal") -> tuple[str, bool]:
        """The reportlab font of ``font_name`` (any weight and style), else the chart face."""
        for name, role in FACES.items():
            if ROLES[role].free == font_name:
                return name, True
        return CHART_FONT, False


def _set_strings(node, setter: Setter) -> None:
    """Every text of a converted chart set in its face, each character a face lacks in a run of its own."""
    from reportlab.graphics.shapes import Group, String
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for i, child in enumerate(getattr(node, "contents", ())):
        if not isinstance(child, String):
            _set_strings(child, setter)
            continue
        font = child.fontName if child.fontName in FACES else CHART_FONT
        names, setting = setter.split(child.text, font)  # checked, with its place, by check_charts
        runs = [(names[index], run) for index, run in setting.runs]
        if len(runs) == 1:
            child.fontName = font
            continue
        widths = [stringWidth(run, name, child.fontSize) for name, run in runs]
        shift = {"middle": sum(widths) / 2, "end": sum(widths)}.get(child.textAnchor, 0.0)
        group, x = Group(), child.x - shift
        for (name, run), run_width in zip(runs, widths, strict=True):
            piece = copy.copy(child)
            piece.text, piece.fontName, piece.x, piece.textAnchor = run, name, x, "start"
            group.add(piece)
            x += run_width
        node.contents[i] = group


def _chart(block: ChartBlock, svg: bytes, styles: dict, width: float, setter: Setter) -> list:
    """The chart as a vector drawing above its note, drawn smaller where the page has a little less room."""
    from svglib.svglib import svg2rlg

    from generator.renderers.pdf.lines import ScaledChart

    drawing = svg2rlg(io.BytesIO(svg), font_map=ChartFonts())
    _set_strings(drawing, setter)
    scale = width / drawing.width
    drawing.scale(scale, scale)
    drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
    note = dict(block.fields).get(block.chart.note, ())
    return [ScaledChart(drawing, setter.paragraph(block.chart.note, styles["note"], note))]


def check_charts(blocks: list[ChartBlock], setter: Setter) -> None:
    """Set every chart text in the chart face once, with its place: warnings and refusals name it."""
    for block in blocks:
        for text, at in block.fields:
            setter.runs(text, CHART_FONT, at)


def _bullets(block: Bullets, styles: dict, setter: Setter) -> list:
    out = []
    for number, item in enumerate(block.items, start=1):
        bullet = f"{number}." if block.numbered else "●"
        if item.text:
            out.append(setter.paragraph(item.text, styles["bullet"], item.at, bullet=bullet))
        if item.figures:
            out.append(setter.paragraph("；".join(item.figures), styles["figures"], item.at))
    return out


def _table(block: TableBlock, styles: dict, width: float, setter: Setter) -> list:
    """A table across the frame, its header rows repeated on every page, cells wrapped."""
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Table, TableStyle

    columns = max(len(row) for row in block.rows)
    cell_style = styles["cell"]
    data = [
        [setter.paragraph(text, cell_style, block.at) for text in row] + [""] * (columns - len(row))
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
        out.append(_kept(setter.paragraph(block.caption, styles["h2"], block.at)))
    if block.unit:
        out.append(_kept(setter.paragraph(block.unit, styles["note"], block.at)))
    out.append(table)
    out += [setter.paragraph(note, styles["note"], block.at) for note in block.notes]
    return out


def flowables(plan: PdfPlan, width: float, svgs: list[bytes], setter: Setter | None = None) -> list:
    """The reportlab flowables of the plan, in order (``svgs``: the charts, drawn)."""
    from reportlab.platypus import NextPageTemplate, PageBreak

    setter = setter or Setter()
    styles = _styles()
    story: list = []
    charts = iter(svgs)
    for index, block in enumerate(plan.blocks):
        if isinstance(block, Cover):
            story += [*_cover(block, styles, setter, width), NextPageTemplate("body")]
        elif isinstance(block, Heading):
            if block.new_page:
                story.append(PageBreak())
            style = styles[f"h{block.level}"]
            story.append(_outlined(block.text, style, block.level, f"h{index}", setter, block.at))
        elif isinstance(block, Tiles):
            story += _tiles(block, styles, width, setter)
        elif isinstance(block, ChartBlock):
            story += _chart(block, next(charts), styles, width, setter)
        elif isinstance(block, Bullets):
            story += _bullets(block, styles, setter)
        elif isinstance(block, Text):
            story.append(setter.paragraph(block.text, styles["body"], block.at))
        elif isinstance(block, TableBlock):
            story += _table(block, styles, width, setter)
        elif isinstance(block, GlossaryItem):
            story.append(_kept(setter.paragraph(block.term, styles["term"], block.at)))
            story += [setter.paragraph(text, styles["definition"], block.at) for text in block.paragraphs]
    return keep_headings(story)


def _kept(flowable):
    """``flowable`` marked to stay with the first lines of the next one (a heading, a caption, a term)."""
    flowable.keepWithNext = 1
    return flowable


def keep_headings(story: list) -> list:
    """Every run of flowables marked keep-with-next joined to the flowable after it (:class:`~.lines.KeepWithNext`).

    A heading is never the last line of a page, and yet only the first lines of a long
    paragraph or table move with it: the page it would have ended keeps the rest.
    """
    from generator.renderers.pdf.lines import KeepWithNext, Lines, ScaledChart

    out: list = []
    heads: list = []
    for flowable in story:
        if getattr(flowable, "keepWithNext", 0) and _too_long_to_keep(flowable):
            flowable.keepWithNext = 0  # a "heading" of pages: kept, it could never be placed
        if getattr(flowable, "keepWithNext", 0):
            heads.append(flowable)
            continue
        if heads and not isinstance(flowable, (Lines, ScaledChart)) and not hasattr(flowable, "_cellvalues"):
            out += heads  # an action (page break, template switch): nothing to keep with
        elif heads:
            out.append(KeepWithNext(heads, flowable))
            heads = []
            continue
        heads = []
        out.append(flowable)
    return out + heads


def _too_long_to_keep(flowable) -> bool:
    """Whether a flowable marked keep-with-next holds more than a title (:data:`~generator.titles.LONGEST`)."""
    from generator.titles import LONGEST

    return sum(len(text) for _, text in getattr(flowable, "pieces", ())) > LONGEST


def _layout(plan: PdfPlan, svgs: list[bytes], setter: Setter) -> bytes:
    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    page_width, page_height = A4
    margin = MARGIN * mm
    frame = Frame(margin, 24 * mm, FRAME_WIDTH, FRAME_HEIGHT, id="main")

    header = setter.runs(plan.header, "RG-Body", plan.header_at)

    def decorate(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFillColor(HexColor(DARK))
        x = page_width - margin - sum(stringWidth(run, name, 9) for name, run in header)
        for name, run in header:  # right-aligned, each run in its face
            canvas.setFont(name, 9)
            canvas.drawString(x, page_height - 16 * mm, run)
            x += stringWidth(run, name, 9)
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
    story = flowables(plan, frame._width, svgs, setter)
    setter.refuse()  # every text is set: characters no face has refuse the build, all places at once
    document.build(story)
    return buffer.getvalue()


def _archival(data: bytes, plan: PdfPlan, when: dt.date) -> bytes:
    """Make the reportlab output PDF/A-2b.

    Output intent, XMP declaring PDF/A-2b and agreeing with the document information,
    dates from the source, no ``/Trans``, a deterministic id.

    (The tests check the result with ``pikepdf.pdfa``; the build does not import it.)
    """
    import pikepdf

    pdf = pikepdf.open(io.BytesIO(data))
    for page in pdf.pages:
        if "/Trans" in page.obj:
            del page.obj["/Trans"]
    fix_to_unicode(pdf)
    pdf.Root.Lang = pikepdf.String("zh-CN")
    pdf.Root.OutputIntents = pikepdf.Array([output_intent(pdf)])
    declared = Declared("2", "B", plan.title, plan.author, plan.subject, plan.keywords)
    return declare_and_save(pdf, declared, stamp_of(when))


def emit_pdf(plan: PdfPlan, report: Report) -> bytes:
    """The PDF/A-2b file of ``plan``: charts drawn beside the layout, fonts set with fallback, made archival."""
    charts = [block for block in plan.blocks if isinstance(block, ChartBlock)]
    drawing = Forked(draw_charts, charts)  # matplotlib works in a child while fonts load here
    setter = Setter()
    check_charts(charts, setter)
    register_fonts()
    return _archival(_layout(plan, drawing.result(), setter), plan, report.meta.date)
