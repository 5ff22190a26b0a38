"""Serialise planned slides into a PPTX through python-pptx (like Pandoc's ``Output.hs``).

Slides come from the template's named layouts and fill their placeholders; every run
names its East Asian face (``a:ea``); charts are native, with their data embedded; the
chart XML's negative axis ids (which the schema forbids) are renumbered; the embedded
workbooks and the package carry the report's date, not the clock.
"""

from __future__ import annotations

import datetime as dt
import gc
import io
import re
import zipfile
from pathlib import Path

from generator.charts import LABEL_SIZE, ChartPlan, orientation
from generator.fonts import ROLES
from generator.model import Report
from generator.ooxml import normalize_zip, set_core_properties
from generator.palette import GRID, PALE_GOLD, SERIES
from generator.renderers.pptx.design import EMU_PER_INCH, LAYOUTS, LINE_SPACING
from generator.renderers.pptx.plan import Slide, TableSlice

TEMPLATE = Path(__file__).resolve().parents[3] / "assets" / "pptx" / "template.pptx"
"""The 16:9 template written by ``scripts/make_pptx_template.py``."""

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
CHART_TEXT_SIZE = 14.0
"""Type size of a native chart's labels (pt), above the charts' smallest (:data:`~generator.charts.LABEL_SIZE`)."""
assert CHART_TEXT_SIZE >= LABEL_SIZE


def set_faces(run_properties, face: str) -> None:
    """Name the Latin, East Asian and complex-script face of a run (python-pptx sets only Latin)."""
    from pptx.oxml.ns import qn

    for tag in ("a:latin", "a:ea", "a:cs"):
        for old in run_properties.findall(qn(tag)):
            run_properties.remove(old)
    for tag in ("a:latin", "a:ea", "a:cs"):
        element = run_properties.makeelement(qn(tag), {"typeface": face})
        run_properties.append(element)
    run_properties.set("lang", "zh-CN")
    run_properties.set("altLang", "en-US")


def fill_text(text_frame, paragraphs: tuple[str, ...], size: float, face: str) -> None:
    """Write paragraphs into a text frame at ``size``, every run with its faces."""
    from pptx.util import Pt

    text_frame.clear()
    for i, text in enumerate(paragraphs):
        paragraph = text_frame.paragraphs[0] if i == 0 else text_frame.add_paragraph()
        paragraph.line_spacing = Pt(size * LINE_SPACING)  # the plan's line height (the layout's is for its own size)
        # No mark hangs past the box's edge: at 28 pt a hanging comma would stand outside it.
        paragraph._p.get_or_add_pPr().set("hangingPunct", "0")
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(size)
        set_faces(run._r.get_or_add_rPr(), face)


def _face(layout: str, idx: int) -> str:
    role = LAYOUTS[layout].box(idx).role
    return ROLES[role].office


def _slide_number(slide, layout, number: int) -> None:
    """Instantiate the layout's slide-number placeholder with a slidenum field."""
    from pptx.oxml import parse_xml

    source = next(p for p in layout.placeholders if p.placeholder_format.type == 13)  # SLIDE_NUMBER
    slide.shapes.clone_placeholder(source)
    target = slide.placeholders[source.placeholder_format.idx]
    face = ROLES["slide_text"].office
    body = target._element.get_or_add_txBody()
    for paragraph in body.findall(f"{{{A_NS}}}p"):
        body.remove(paragraph)
    body.append(
        parse_xml(
            f'<a:p xmlns:a="{A_NS}"><a:fld id="{{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}}" type="slidenum">'
            f'<a:rPr lang="zh-CN" altLang="en-US"><a:latin typeface="{face}"/><a:ea typeface="{face}"/>'
            f'<a:cs typeface="{face}"/></a:rPr><a:t>{number}</a:t></a:fld></a:p>'
        )
    )


def _chart(slide, placeholder, chart: ChartPlan) -> None:
    from pptx.chart.data import CategoryChartData
    from pptx.dml.color import RGBColor
    from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
    from pptx.util import Pt

    data = CategoryChartData(number_format="General")
    data.categories = list(chart.categories)
    for series in chart.series:
        data.add_series(series.name or chart.axis_label, [bar.value for bar in series.bars])
    horizontal = orientation(chart, placeholder.width / 12700, CHART_TEXT_SIZE) == "bar"
    kind = XL_CHART_TYPE.BAR_CLUSTERED if horizontal else XL_CHART_TYPE.COLUMN_CLUSTERED
    frame = placeholder.insert_chart(kind, data)
    graph = frame.chart
    graph.has_legend = chart.legend
    graph.has_title = False
    face = ROLES["figure"].office
    graph.font.size = Pt(CHART_TEXT_SIZE)
    set_faces(graph.font._rPr, face)
    plot = graph.plots[0]
    plot.gap_width = 80
    plot.vary_by_categories = False  # one colour per series, never per bar
    for s, (series, planned) in enumerate(zip(plot.series, chart.series, strict=True)):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = RGBColor.from_string(SERIES[s % len(SERIES)])
        for index, bar in enumerate(planned.bars):
            label = series.points[index].data_label
            label.position = XL_LABEL_POSITION.OUTSIDE_END
            fill_text(label.text_frame, (bar.text,), 14, face)
    value_axis = graph.value_axis
    value_axis.minimum_scale = 0  # bars start at zero: no exaggerated differences
    value_axis.has_title = True
    fill_text(value_axis.axis_title.text_frame, (chart.axis_label,), 14, face)
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = RGBColor.from_string(GRID)
    category_axis = graph.category_axis
    category_axis.tick_labels.font.size = Pt(CHART_TEXT_SIZE)
    set_faces(category_axis.tick_labels.font._rPr, face)
    # A fixed angle of 0: the labels wrap, never turn (PowerPoint rotates crowded labels by default).
    category_axis._element.txPr.find(f"{{{A_NS}}}bodyPr").set("rot", "0")
    if horizontal:
        category_axis.reverse_order = True


def _table(slide, box, table: TableSlice) -> None:
    """A native table where the body placeholder stands: header rows shaded, every run with its faces."""
    from pptx.dml.color import RGBColor
    from pptx.util import Emu

    columns = max(len(row) for row in table.rows)
    shape = slide.shapes.add_table(
        len(table.rows),
        columns,
        Emu(int(box.x * EMU_PER_INCH)),
        Emu(int(box.y * EMU_PER_INCH)),
        Emu(int(box.w * EMU_PER_INCH)),
        Emu(int(sum(table.heights) * 12700)),
    )
    grid = shape.table
    grid.first_row = table.header_rows > 0
    if table.widths:
        total = int(box.w * EMU_PER_INCH)
        edges = [round(total * sum(table.widths[: c + 1])) for c in range(columns)]
        for c, column in enumerate(grid.columns):
            column.width = Emu(edges[c] - (edges[c - 1] if c else 0))
    face = ROLES["slide_text"].office
    for r, row in enumerate(table.rows):
        grid.rows[r].height = Emu(int(table.heights[r] * 12700))
        for c in range(columns):
            cell = grid.cell(r, c)
            # A blank cell holds a space: an empty paragraph would take the face's natural line height.
            lines = tuple(line or " " for line in (row[c] if c < len(row) else "").split("\n"))
            fill_text(cell.text_frame, lines, table.size, face)
            cell.margin_top = cell.margin_bottom = Emu(int(0.05 * EMU_PER_INCH))
            if r >= table.header_rows:
                cell.fill.solid()
                cell.fill.fore_color.rgb = RGBColor.from_string("FFFFFF" if (r - table.header_rows) % 2 else PALE_GOLD)


def _positive_axis_ids(xml: bytes) -> bytes:
    """Renumber the chart's axis ids: python-pptx writes negative ones, which the schema forbids."""
    text = xml.decode("utf-8")
    ids = sorted({int(v) for v in re.findall(r'<c:axId val="(-?\d+)"/>', text)})
    mapping = {old: 100000 + i for i, old in enumerate(ids)}
    for tag in ("c:axId", "c:crossAx"):
        text = re.sub(rf'<{tag} val="(-?\d+)"/>', lambda m, t=tag: f'<{t} val="{mapping[int(m.group(1))]}"/>', text)
    return text.encode("utf-8")


def _fixed_workbook(blob: bytes, when: dt.date) -> bytes:
    """An embedded chart workbook with the report's date instead of the time it was written."""
    stamp = f"{when.isoformat()}T00:00:00Z"
    source = zipfile.ZipFile(io.BytesIO(blob))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", lambda m: m.group(1) + stamp.encode(), data)
            entry = zipfile.ZipInfo(info.filename, date_time=(max(when.year, 1980), when.month, when.day, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, data)
    return out.getvalue()


def emit_pptx(slides: list[Slide], report: Report) -> bytes:
    """The PPTX file of the planned slides, as bytes (reproducible)."""
    from pptx import Presentation

    presentation = Presentation(str(TEMPLATE))
    _quick_partnames(presentation.part.package)
    add_slide = _quick_add_slide(presentation)
    layouts = {layout.name: layout for layout in presentation.slide_layouts}
    for number, planned in enumerate(slides, start=1):
        spec = LAYOUTS[planned.layout]
        layout = layouts[spec.name]
        slide = add_slide(layout)
        for frame in planned.frames:
            fill_text(
                slide.placeholders[frame.idx].text_frame, frame.paragraphs, frame.size, _face(planned.layout, frame.idx)
            )
        if planned.chart is not None:
            _chart(slide, slide.placeholders[1], planned.chart)
        if planned.table is not None:
            _table(slide, LAYOUTS[planned.layout].box(1), planned.table)
        if spec.numbered:
            _slide_number(slide, layout, number)
        _drop_empty_placeholders(slide)
        if planned.notes:
            fill_text(slide.notes_slide.notes_text_frame, tuple(planned.notes), 12, ROLES["slide_text"].office)
            _serialise(slide.notes_slide.part)
        if planned.chart is None:
            _serialise(slide.part)
        if number % COLLECT_EVERY == 0 and not gc.isenabled():
            gc.collect()  # python-pptx's proxies hold each other in cycles, and with them the trees
    _finish(presentation, report)
    buffer = io.BytesIO()
    presentation.save(buffer)
    return normalize_zip(buffer.getvalue(), report.meta.date)


COLLECT_EVERY = 200
"""Slides after which the cycles python-pptx leaves are collected (a build runs with the collector off)."""

_FROZEN: dict[type, type] = {}


def _serialise(part) -> None:
    """Keep a finished slide or notes page as its XML bytes, not as a tree until the save.

    A deck of 2,000 slides held about 240 MB of lxml trees; as bytes it holds about 30. The
    part keeps its name and relationships; only its blob is fixed from now on.
    """
    blob = part.blob
    frozen = _FROZEN.get(type(part))
    if frozen is None:
        frozen = _FROZEN[type(part)] = type(f"Serialised{type(part).__name__}", (type(part),), {"blob": _frozen_blob})
    for cached in ("slide", "notes_slide"):
        part.__dict__.pop(cached, None)  # python-pptx's proxies, which hold the tree
    part.__class__ = frozen
    part._frozen_blob = blob
    part._element = None


@property
def _frozen_blob(part) -> bytes:
    return part._frozen_blob


def _quick_partnames(package) -> None:
    """python-pptx's names for new parts, without its walk over every part for each one.

    It finds a free name for each notes page and chart by walking the whole package: quadratic
    in the slides (35 s for a deck of 2,000). The same names, from sets kept up to date.
    """
    from pptx.opc.packuri import PackURI

    used: dict[str, set[str]] = {}

    def next_partname(template: str) -> PackURI:
        prefix = template[: (template % 42).find("42")]
        if prefix not in used:
            used[prefix] = {str(p.partname) for p in package.iter_parts() if p.partname.startswith(prefix)}
        names = used[prefix]
        for n in range(len(names) + 1, 0, -1):  # python-pptx's order: the highest free number first
            if (candidate := template % n) not in names:
                names.add(candidate)
                return PackURI(candidate)
        raise AssertionError("no free part name")  # pragma: no cover - n = len + 1 is always free

    package.next_partname = next_partname


def _quick_add_slide(presentation):
    """``presentation.slides.add_slide``, the same slide ids and relationship ids, in constant time a slide.

    python-pptx looks for an existing relationship to each new slide by rebuilding an index of
    every relationship of the presentation, and for the next slide id by reading every id: two
    walks per slide, quadratic in the slides (17 s of a deck of 2,400). A new slide part is no
    relationship's target yet, and ids only grow: both are kept here as they are added.
    """
    part = presentation.part
    rels = part._rels
    targets = {id(rel.target_part) for rel in rels.values() if not rel.is_external}
    general = rels.get_or_add

    def get_or_add(reltype: str, target_part) -> str:
        if id(target_part) in targets:
            return general(reltype, target_part)
        targets.add(id(target_part))
        return rels._add_relationship(reltype, target_part)

    rels.get_or_add = get_or_add
    id_list = presentation.slides._sldIdLst
    next_id = max([255] + [int(i) for i in id_list.xpath("./p:sldId/@id")]) + 1

    def add_slide(layout):
        nonlocal next_id
        rId, slide = part.add_slide(layout)
        slide.shapes.clone_layout_placeholders(layout)
        id_list._add_sldId(id=next_id, rId=rId)
        next_id += 1
        return slide

    return add_slide


def _drop_empty_placeholders(slide) -> None:
    """Remove placeholders left empty (their prompt text would show in PowerPoint's editor)."""
    for placeholder in list(slide.placeholders):
        empty = placeholder.has_text_frame and not placeholder.text_frame.text.strip()
        if empty and placeholder.placeholder_format.type != 13:  # keep the slide number
            placeholder._element.getparent().remove(placeholder._element)


def _finish(presentation, report: Report) -> None:
    """Document properties from the source; fixed chart parts."""
    from pptx.oxml import parse_xml

    meta = report.meta
    set_core_properties(presentation.core_properties, meta)
    for part in presentation.part.package.iter_parts():
        name = str(part.partname)
        if name.startswith("/ppt/charts/chart"):
            part._element = parse_xml(_positive_axis_ids(part.blob))
        elif name.startswith("/ppt/embeddings/") and name.endswith(".xlsx"):
            part._blob = _fixed_workbook(part.blob, meta.date)
