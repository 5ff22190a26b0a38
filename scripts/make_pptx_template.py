"""Write ``assets/pptx/template.pptx``: the 16:9 slide master and named layouts of the deck.

python-pptx cannot create masters or layouts and its default template is 4:3, so this
script rewrites the default template's master, layouts and theme from the definitions in
:mod:`generator.renderers.pptx.design`. Run it after changing the design:

    .venv/bin/python scripts/make_pptx_template.py
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.fonts import ROLES  # noqa: E402
from generator.ooxml import normalize_zip  # noqa: E402
from generator.renderers.pptx.design import (  # noqa: E402
    DARK_RED,
    EMU_PER_INCH,
    GOLD,
    INSET_X,
    INSET_Y,
    LAYOUTS,
    LINE_SPACING,
    PALE_GOLD,
    RED,
    SLIDE_HEIGHT,
    SLIDE_WIDTH,
    TEXT,
    Box,
    Layout,
    tile_grid,
)

OUT = ROOT / "assets" / "pptx" / "template.pptx"
NS = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
)
TITLE_FACE = ROLES["slide_title"].office
TEXT_FACE = ROLES["slide_text"].office
PROMPTS = {
    "title": "单击此处编辑标题",
    "ctrTitle": "单击此处编辑标题",
    "subTitle": "单击此处编辑副标题",
    "body": "单击此处编辑文本",
    "chart": "单击图标添加图表",
    "sldNum": "‹#›",
}


def emu(inches: float) -> int:
    """Inches → EMU."""
    return round(inches * EMU_PER_INCH)


def fonts(face: str) -> str:
    """Latin, East Asian and complex-script typefaces of a run."""
    return f'<a:latin typeface="{face}"/><a:ea typeface="{face}"/><a:cs typeface="{face}"/>'


def xfrm(x: float, y: float, w: float, h: float) -> str:
    """A shape's position and size."""
    return f'<a:xfrm><a:off x="{emu(x)}" y="{emu(y)}"/><a:ext cx="{emu(w)}" cy="{emu(h)}"/></a:xfrm>'


def rect(
    shape_id: int,
    name: str,
    x: float,
    y: float,
    w: float,
    h: float,
    fill: str,
    line: str | None = None,
    geometry: str = "rect",
) -> str:
    """A decorative shape (not a placeholder)."""
    outline = (
        f'<a:ln w="12700"><a:solidFill><a:srgbClr val="{line}"/></a:solidFill></a:ln>'
        if line
        else "<a:ln><a:noFill/></a:ln>"
    )
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
        f'<p:spPr>{xfrm(x, y, w, h)}<a:prstGeom prst="{geometry}"><a:avLst/></a:prstGeom>'
        f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill>{outline}</p:spPr>'
        '<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="zh-CN"/></a:p></p:txBody></p:sp>'
    )


def placeholder(shape_id: int, box: Box) -> str:
    """A layout placeholder with its list style (size, colour, alignment, faces, exact line height)."""
    face = TITLE_FACE if box.role == "slide_title" else TEXT_FACE
    ph_idx = "" if box.ph_type in ("title", "ctrTitle") else f' idx="{box.idx}"'
    ph_type = f' type="{box.ph_type}"' if box.ph_type != "obj" else ""
    bold = ' b="1"' if box.bold else ' b="0"'
    spacing = round(box.size * LINE_SPACING * 100)
    bullet = "<a:buNone/>"
    margin = ""
    if box.bullets:
        bullet = f'<a:buClr><a:srgbClr val="{GOLD}"/></a:buClr><a:buFont typeface="{TEXT_FACE}"/><a:buChar char="●"/>'
        margin = f' marL="{emu(0.45)}" indent="-{emu(0.45)}"'
    level = (
        f'<a:lvl1pPr algn="{box.align}"{margin}><a:lnSpc><a:spcPts val="{spacing}"/></a:lnSpc>'
        f'<a:spcBef><a:spcPts val="0"/></a:spcBef>{bullet}'
        f'<a:defRPr sz="{round(box.size * 100)}"{bold}><a:solidFill><a:srgbClr val="{box.color}"/></a:solidFill>'
        f"{fonts(face)}</a:defRPr></a:lvl1pPr>"
    )
    if box.ph_type == "sldNum":
        body = (
            '<a:p><a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="slidenum">'
            '<a:rPr lang="zh-CN"/><a:t>‹#›</a:t></a:fld></a:p>'
        )
    else:
        body = f'<a:p><a:r><a:rPr lang="zh-CN" altLang="en-US"/><a:t>{PROMPTS[box.ph_type]}</a:t></a:r></a:p>'
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{box.name}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        f"<p:nvPr><p:ph{ph_type}{ph_idx}/></p:nvPr></p:nvSpPr><p:spPr>{xfrm(box.x, box.y, box.w, box.h)}</p:spPr>"
        f'<p:txBody><a:bodyPr vert="horz" wrap="square" lIns="{emu(INSET_X)}" tIns="{emu(INSET_Y)}" '
        f'rIns="{emu(INSET_X)}" bIns="{emu(INSET_Y)}" rtlCol="0" anchor="{box.anchor}"><a:noAutofit/></a:bodyPr>'
        f"<a:lstStyle>{level}</a:lstStyle>{body}</p:txBody></p:sp>"
    )


def decorations(layout: Layout, first_id: int) -> list[str]:
    """The layout's own decorative shapes (title-like layouts do not show the master's)."""
    shapes = []
    if layout.key in ("title", "closing", "section"):
        shapes.append(rect(first_id, "红色色带", 0, 0, SLIDE_WIDTH, 0.55, RED))
        shapes.append(rect(first_id + 1, "金色细线", 0, 0.55, SLIDE_WIDTH, 0.06, GOLD))
        shapes.append(rect(first_id + 2, "底部色带", 0, SLIDE_HEIGHT - 0.3, SLIDE_WIDTH, 0.3, RED))
    if layout.key == "section":
        shapes.append(rect(first_id + 3, "分隔线", SLIDE_WIDTH / 2 - 1.0, 2.88, 2.0, 0.05, GOLD))
    if layout.tiles:
        for i, (x, y, w, h) in enumerate(tile_grid(layout.tiles)):
            shapes.append(rect(first_id + i, f"数据底框{i + 1}", x, y, w, h, PALE_GOLD, GOLD, "roundRect"))
    return shapes


def layout_xml(layout: Layout) -> str:
    """One slide layout: its name, decorations and placeholders."""
    shapes = decorations(layout, 20)
    shapes += [placeholder(2 + i, box) for i, box in enumerate(layout.boxes)]
    kind = {"title": "title", "section": "secHead", "content": "obj"}.get(layout.key, "cust")
    show_master = ' showMasterSp="0"' if not layout.band else ""
    return (
        f'<p:sldLayout {NS} type="{kind}" preserve="1"{show_master}><p:cSld name="{layout.name}"><p:spTree>'
        '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>'
        f"{''.join(shapes)}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"
    )


def master_xml(layout_ids: str) -> str:
    """The slide master: white background, red band and gold lines, text styles with East Asian faces."""
    content = LAYOUTS["content"]
    shapes = [
        rect(10, "红色色带", 0, 0, SLIDE_WIDTH, 0.28, RED),
        rect(11, "金色细线", 0, 0.28, SLIDE_WIDTH, 0.04, GOLD),
        rect(12, "底部金线", 0.6, 6.9, SLIDE_WIDTH - 1.2, 0.02, GOLD),
    ]
    shapes += [placeholder(2 + i, box) for i, box in enumerate(content.boxes)]

    def style(size: float, colour: str, face: str, bold: bool) -> str:
        return (
            f'<a:lvl1pPr algn="l"><a:lnSpc><a:spcPct val="100000"/></a:lnSpc><a:defRPr sz="{round(size * 100)}" '
            f'b="{int(bold)}" kern="1200"><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>{fonts(face)}'
            "</a:defRPr></a:lvl1pPr>"
        )

    return (
        f'<p:sldMaster {NS}><p:cSld><p:bg><p:bgPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>'
        '<a:effectLst/></p:bgPr></p:bg><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/>'
        f"</p:nvGrpSpPr><p:grpSpPr/>{''.join(shapes)}</p:spTree></p:cSld>"
        '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" '
        'accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/>'
        f"{layout_ids}<p:txStyles><p:titleStyle>{style(32, RED, TITLE_FACE, True)}</p:titleStyle>"
        f"<p:bodyStyle>{style(24, TEXT, TEXT_FACE, False)}</p:bodyStyle>"
        f"<p:otherStyle>{style(18, TEXT, TEXT_FACE, False)}</p:otherStyle></p:txStyles></p:sldMaster>"
    )


def theme_xml(blob: bytes) -> bytes:
    """The theme with the deck's colours and Chinese faces."""
    text = blob.decode("utf-8")
    text = text.replace('<a:ea typeface=""/>', f'<a:ea typeface="{TEXT_FACE}"/>')
    for name, colour in (("accent1", RED), ("accent2", GOLD), ("accent3", DARK_RED), ("dk2", DARK_RED)):
        start = text.find(f"<a:{name}>")
        end = text.find(f"</a:{name}>", start)
        if start >= 0:
            text = text[:start] + f'<a:{name}><a:srgbClr val="{colour}"/>' + text[end:]
    return text.encode("utf-8")


def build() -> bytes:
    """The template file."""
    from pptx import Presentation
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import qn

    presentation = Presentation()
    presentation.slide_width = emu(SLIDE_WIDTH)
    presentation.slide_height = emu(SLIDE_HEIGHT)
    master = presentation.slide_master
    layouts = list(master.slide_layouts)
    keep = list(LAYOUTS.values())
    id_list = master._element.find(qn("p:sldLayoutIdLst"))
    for entry in list(id_list)[len(keep) :]:
        master.part.drop_rel(entry.get(qn("r:id")))
        id_list.remove(entry)
    layout_ids = (
        "<p:sldLayoutIdLst>"
        + "".join(f'<p:sldLayoutId id="{e.get("id")}" r:id="{e.get(qn("r:id"))}"/>' for e in id_list)
        + "</p:sldLayoutIdLst>"
    )
    master.part._element = parse_xml(master_xml(layout_ids).encode())
    for layout, spec in zip(layouts, keep, strict=False):
        layout.part._element = parse_xml(layout_xml(spec).encode())
    for rel in master.part.rels.values():
        if rel.reltype == RT.THEME:
            rel.target_part._blob = theme_xml(rel.target_part.blob)
    core = presentation.core_properties
    core.title = "reportgen 16:9 模板"
    core.author = "reportgen"
    core.last_modified_by = "reportgen"
    core.revision = 1
    core.created = core.modified = dt.datetime(2020, 1, 1)
    buffer = io.BytesIO()
    presentation.save(buffer)
    return normalize_zip(buffer.getvalue(), dt.date(2020, 1, 1))


def main() -> None:
    """Write the template."""
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
