"""The OFD package (GB/T 33190-2016) of a list of laid-out pages: plan, then emit.

Input: :class:`Page` objects in points, origin at the top left of the page, each with its text
runs (text, face, size, x of the first glyph, baseline, the advance of every character) — the
page model already fixed every position, so this module measures nothing. Output: a zip with

- ``OFD.xml``: the entry, with ``DocInfo`` (title, issuer as author, subject, date, keywords,
  creator, and the session, status, version and language as custom data) and ``DocRoot``;
- ``Doc_0/Document.xml``: page area, the public resources, the pages and the ``Outlines``;
- ``Doc_0/PublicRes.xml`` and ``Doc_0/Res/font_N.ttf``: one embedded subset per face
  (:mod:`generator.renderers.ofd.subset`);
- ``Doc_0/Pages/Page_N/Content.xml``: one ``TextObject`` per run, its ``TextCode`` placed by X/Y
  inside the object's ``Boundary`` with a ``DeltaX`` per glyph (``g n v`` for n equal steps); a
  run that links (a glossary page reference) carries a click ``Goto`` to its target; table rules
  are stroked ``PathObject`` lines.

Rules: OFD measures in millimetres with the origin at the top left, so positions are the points
times 25.4/72, rounded to 0.001 mm; each ``DeltaX`` is the difference of two rounded positions, so
rounding never accumulates along a line. Whitespace at either end of a run is not written (readers
strip it from element text; the next glyph's position carries it). Identifiers are numbered in
document order; ``DocID`` is a digest of the package's own parts. The zip is deterministic: entries
in sorted order, every one stamped with the report's date, deflated.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field

from generator.fonts import FontFile
from generator.ooxml import xml_text
from generator.renderers.ofd.subset import subset_face

NAMESPACE = "http://www.ofdspec.org/2016"
MM_PER_PT = 25.4 / 72
XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
BOLD_WEIGHT = 700
BOLD_STROKE = 0.03
"""Stroke width of synthetic bold, in em of the run's size (as the archival PDF draws it)."""
BOX_ASCENT = 1.0
"""Height of a text object's boundary above the baseline, in font sizes (CJK glyphs reach about 0.88)."""
BOX_DESCENT = 0.3
"""Depth of a text object's boundary below the baseline, in font sizes."""


@dataclass(frozen=True)
class Run:
    """A run of text in one face on one baseline; positions in points from the page's top left."""

    text: str
    face: FontFile
    size: float
    x: float
    baseline: float
    advances: tuple[float, ...]
    """The advance of every character of ``text``, in points (so x of glyph i+1 = x of glyph i + advances[i])."""
    bold: bool = False
    goto: tuple[int, float] | None = None
    """For a link (a glossary entry's page reference): the page (0-based) and height (points) it goes to."""


@dataclass(frozen=True)
class RuleLine:
    """A straight rule (a table border) from (x0, y0) to (x1, y1), ``width`` wide; points from the top left."""

    x0: float
    y0: float
    x1: float
    y1: float
    width: float


@dataclass(frozen=True)
class Page:
    """One page: its size in points, its runs in reading order, its rules."""

    width: float
    height: float
    runs: tuple[Run, ...]
    rules: tuple[RuleLine, ...] = ()


@dataclass(frozen=True)
class OutlineEntry:
    """A bookmark: its title, the page (0-based) and height (points from the top) it goes to, its children."""

    title: str
    page: int
    top: float
    children: tuple[OutlineEntry, ...] = ()


@dataclass(frozen=True)
class DocInfo:
    """The document's metadata (OFD.xml ``DocInfo``)."""

    title: str
    author: str
    subject: str
    date: dt.date
    keywords: tuple[str, ...] = ()
    creator: str = "reportgen"
    creator_version: str = ""
    custom: tuple[tuple[str, str], ...] = ()
    """Name/value pairs written as ``CustomData`` (session, status, version, language)."""


# ---------------------------------------------------------------- plan (plain data)


@dataclass(frozen=True)
class TextObject:
    """One run as OFD writes it: millimetres, font id, the boundary box and the glyph steps."""

    id: int
    font: int
    size: float
    box: tuple[float, float, float, float]
    x: float
    y: float
    deltas: tuple[float, ...]
    text: str
    bold: bool
    goto: tuple[int, float] | None = None
    """Page id and top (mm) a click on the object goes to."""


@dataclass(frozen=True)
class PathObject:
    """One rule as OFD writes it: millimetres, a boundary box and the path inside it."""

    id: int
    box: tuple[float, float, float, float]
    line_width: float
    path: str


@dataclass
class PackagePlan:
    """Everything the package holds, as plain data: fonts with their characters, pages, outline."""

    info: DocInfo
    page_box: tuple[float, float]
    fonts: dict[FontFile, tuple[int, str]] = field(default_factory=dict)
    """Face → (its id, the characters set in it, sorted)."""
    page_ids: list[int] = field(default_factory=list)
    layer_ids: list[int] = field(default_factory=list)
    pages: list[list[TextObject]] = field(default_factory=list)
    paths: list[list[PathObject]] = field(default_factory=list)
    page_sizes: list[tuple[float, float]] = field(default_factory=list)
    outline: tuple[OutlineEntry, ...] = ()
    max_id: int = 0


def mm(points: float) -> float:
    """Points to millimetres, rounded to 0.001 mm."""
    return round(points * MM_PER_PT, 3)


def trimmed(run: Run) -> Run | None:
    """``run`` without whitespace at either end (its x moved past leading whitespace); None if blank."""
    text = run.text
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    if start >= end:
        return None
    if start == 0 and end == len(text):
        return run
    x = run.x + sum(run.advances[:start])
    return Run(text[start:end], run.face, run.size, x, run.baseline, run.advances[start:end], run.bold, run.goto)


def text_object(run: Run, object_id: int, font_id: int, page_ids: Sequence[int] = ()) -> TextObject:
    """The text object of one (trimmed) run: boundary from the baseline, steps from rounded positions."""
    positions = [run.x]
    for advance in run.advances[:-1]:
        positions.append(positions[-1] + advance)
    xs = [mm(p) for p in positions]
    width = mm(positions[-1] + run.advances[-1] - run.x)
    left = xs[0]
    top = mm(run.baseline - BOX_ASCENT * run.size)
    height = mm((BOX_ASCENT + BOX_DESCENT) * run.size)
    deltas = tuple(round(b - a, 3) for a, b in zip(xs, xs[1:], strict=False))
    return TextObject(
        id=object_id,
        font=font_id,
        size=mm(run.size),
        box=(left, top, max(width, mm(run.size)), height),
        x=0.0,
        y=round(mm(run.baseline) - top, 3),
        deltas=deltas,
        text=run.text,
        bold=run.bold,
        goto=(page_ids[run.goto[0]], mm(run.goto[1])) if run.goto else None,
    )


def path_object(rule: RuleLine, object_id: int) -> PathObject:
    """The path object of one rule: a box round the line (grown by the rule's width), a move and a line in it."""
    half = rule.width / 2
    left, top = min(rule.x0, rule.x1) - half, min(rule.y0, rule.y1) - half
    right, bottom = max(rule.x0, rule.x1) + half, max(rule.y0, rule.y1) + half
    box = (mm(left), mm(top), round(mm(right) - mm(left), 3), round(mm(bottom) - mm(top), 3))

    def at(x: float, y: float) -> str:
        return f"{number(round(mm(x) - box[0], 3))} {number(round(mm(y) - box[1], 3))}"

    return PathObject(object_id, box, mm(rule.width), f"M {at(rule.x0, rule.y0)} L {at(rule.x1, rule.y1)}")


def plan_package(pages: Sequence[Page], info: DocInfo, outline: Sequence[OutlineEntry] = ()) -> PackagePlan:
    """Number every font, page, layer and text object, and turn every run into a text object."""
    runs_by_page = [[r for r in (trimmed(run) for run in page.runs) if r is not None] for page in pages]
    chars: dict[FontFile, set[str]] = {}
    for runs in runs_by_page:
        for run in runs:
            chars.setdefault(run.face, set()).update(run.text)
    plan = PackagePlan(info=info, page_box=(mm(pages[0].width), mm(pages[0].height)) if pages else (210.0, 297.0))
    next_id = 1
    for face in sorted(chars, key=lambda f: (f.family, str(f.path), f.index)):
        plan.fonts[face] = (next_id, "".join(sorted(chars[face])))
        next_id += 1
    for page in pages:
        plan.page_ids.append(next_id)
        plan.page_sizes.append((mm(page.width), mm(page.height)))
        next_id += 1
    for page, runs in zip(pages, runs_by_page, strict=True):
        plan.layer_ids.append(next_id)
        next_id += 1
        objects = []
        for run in runs:
            objects.append(text_object(run, next_id, plan.fonts[run.face][0], plan.page_ids))
            next_id += 1
        plan.pages.append(objects)
        paths = []
        for rule in page.rules:
            paths.append(path_object(rule, next_id))
            next_id += 1
        plan.paths.append(paths)
    plan.outline = tuple(outline)
    plan.max_id = next_id - 1
    return plan


# ---------------------------------------------------------------- emit


def number(value: float) -> str:
    """A number as OFD writes it: at most three decimals, no trailing zeros, never ``-0``."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def delta_list(deltas: Sequence[float]) -> str:
    """A ``DeltaX`` value: repeated steps written ``g count value`` (GB/T 33190 §11.3)."""
    parts: list[str] = []
    i = 0
    while i < len(deltas):
        j = i
        while j + 1 < len(deltas) and deltas[j + 1] == deltas[i]:
            j += 1
        count = j - i + 1
        if count >= 3:
            parts.append(f"g {count} {number(deltas[i])}")
        else:
            parts.extend(number(d) for d in deltas[i : j + 1])
        i = j + 1
    return " ".join(parts)


def goto_xml(page_id: int, top: float) -> str:
    """``Actions`` that go, on a click, to the top ``top`` (mm) of page ``page_id``."""
    dest = f'<ofd:Dest Type="XYZ" PageID="{page_id}" Left="0" Top="{number(top)}" Zoom="0"/>'
    return f'<ofd:Actions><ofd:Action Event="CLICK"><ofd:Goto>{dest}</ofd:Goto></ofd:Action></ofd:Actions>'


def text_object_xml(obj: TextObject) -> str:
    """One ``TextObject`` element (with its link's action first, as the schema orders a unit's children)."""
    box = " ".join(number(v) for v in obj.box)
    weight = f' Weight="{BOLD_WEIGHT}" Stroke="true" LineWidth="{number(obj.size * BOLD_STROKE)}"' if obj.bold else ""
    deltas = f' DeltaX="{delta_list(obj.deltas)}"' if obj.deltas else ""
    action = goto_xml(*obj.goto) if obj.goto else ""
    return (
        f'<ofd:TextObject ID="{obj.id}" Boundary="{box}" Font="{obj.font}" Size="{number(obj.size)}"{weight}>{action}'
        f'<ofd:TextCode X="{number(obj.x)}" Y="{number(obj.y)}"{deltas}>{xml_text(obj.text)}</ofd:TextCode>'
        "</ofd:TextObject>"
    )


def path_object_xml(obj: PathObject) -> str:
    """One stroked ``PathObject`` element."""
    box = " ".join(number(v) for v in obj.box)
    return (
        f'<ofd:PathObject ID="{obj.id}" Boundary="{box}" LineWidth="{number(obj.line_width)}" Stroke="true" '
        f'Fill="false"><ofd:AbbreviatedData>{obj.path}</ofd:AbbreviatedData></ofd:PathObject>'
    )


def content_xml(plan: PackagePlan, index: int) -> str:
    """``Content.xml`` of page ``index``: its size and one body layer of text objects, then the rules."""
    width, height = plan.page_sizes[index]
    objects = "".join(text_object_xml(obj) for obj in plan.pages[index])
    objects += "".join(path_object_xml(obj) for obj in plan.paths[index])
    return (
        f'{XML_HEAD}<ofd:Page xmlns:ofd="{NAMESPACE}">'
        f"<ofd:Area><ofd:PhysicalBox>0 0 {number(width)} {number(height)}</ofd:PhysicalBox></ofd:Area>"
        f'<ofd:Content><ofd:Layer ID="{plan.layer_ids[index]}" Type="Body">{objects}</ofd:Layer></ofd:Content>'
        "</ofd:Page>\n"
    )


def font_path(font_id: int) -> str:
    """The file name of an embedded font, relative to ``Doc_0/Res``."""
    return f"font_{font_id}.ttf"


def public_res_xml(plan: PackagePlan) -> str:
    """``PublicRes.xml``: the fonts, each with its embedded file."""
    fonts = "".join(
        f'<ofd:Font ID="{font_id}" FontName="{xml_text(face.family)}" FamilyName="{xml_text(face.family)}">'
        f"<ofd:FontFile>{font_path(font_id)}</ofd:FontFile></ofd:Font>"
        for face, (font_id, _) in plan.fonts.items()
    )
    return f'{XML_HEAD}<ofd:Res xmlns:ofd="{NAMESPACE}" BaseLoc="Res"><ofd:Fonts>{fonts}</ofd:Fonts></ofd:Res>\n'


def outline_xml(plan: PackagePlan, entries: Sequence[OutlineEntry]) -> str:
    """``OutlineElem`` elements, nested, each going to its page and height."""
    parts = []
    for entry in entries:
        action = goto_xml(plan.page_ids[entry.page], mm(entry.top))
        children = outline_xml(plan, entry.children)
        count = f' Count="{len(entry.children)}"' if entry.children else ""
        parts.append(f'<ofd:OutlineElem Title="{xml_text(entry.title)}"{count}>{action}{children}</ofd:OutlineElem>')
    return "".join(parts)


def document_xml(plan: PackagePlan) -> str:
    """``Document.xml``: common data (max id, page area, public resources), pages, outlines."""
    width, height = plan.page_box
    pages = "".join(
        f'<ofd:Page ID="{page_id}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i, page_id in enumerate(plan.page_ids)
    )
    outlines = f"<ofd:Outlines>{outline_xml(plan, plan.outline)}</ofd:Outlines>" if plan.outline else ""
    return (
        f'{XML_HEAD}<ofd:Document xmlns:ofd="{NAMESPACE}"><ofd:CommonData>'
        f"<ofd:MaxUnitID>{plan.max_id}</ofd:MaxUnitID>"
        f"<ofd:PageArea><ofd:PhysicalBox>0 0 {number(width)} {number(height)}</ofd:PhysicalBox></ofd:PageArea>"
        f"<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>"
        f"<ofd:Pages>{pages}</ofd:Pages>{outlines}</ofd:Document>\n"
    )


def ofd_xml(info: DocInfo, doc_id: str) -> str:
    """``OFD.xml``: the entry, with the document's metadata (elements in the schema's order)."""

    def element(name: str, value: str) -> str:
        return f"<ofd:{name}>{xml_text(value)}</ofd:{name}>" if value else ""

    keywords = "".join(f"<ofd:Keyword>{xml_text(k)}</ofd:Keyword>" for k in info.keywords)
    custom = "".join(
        f'<ofd:CustomData Name="{xml_text(name)}">{xml_text(value)}</ofd:CustomData>' for name, value in info.custom
    )
    doc_info = (
        element("DocID", doc_id)
        + element("Title", info.title)
        + element("Author", info.author)
        + element("Subject", info.subject)
        + element("CreationDate", info.date.isoformat())
        + (f"<ofd:Keywords>{keywords}</ofd:Keywords>" if keywords else "")
        + element("Creator", info.creator)
        + element("CreatorVersion", info.creator_version)
        + (f"<ofd:CustomDatas>{custom}</ofd:CustomDatas>" if custom else "")
    )
    return (
        f'{XML_HEAD}<ofd:OFD xmlns:ofd="{NAMESPACE}" Version="1.0" DocType="OFD"><ofd:DocBody>'
        f"<ofd:DocInfo>{doc_info}</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>"
        "</ofd:DocBody></ofd:OFD>\n"
    )


def package_parts(plan: PackagePlan) -> dict[str, bytes]:
    """Every part of the package by its path, ``OFD.xml`` last made (its DocID digests the others)."""
    parts: dict[str, bytes] = {
        "Doc_0/Document.xml": document_xml(plan).encode(),
        "Doc_0/PublicRes.xml": public_res_xml(plan).encode(),
    }
    for face, (font_id, chars) in plan.fonts.items():
        parts[f"Doc_0/Res/{font_path(font_id)}"] = subset_face(face, chars, plan.info.date)
    for i in range(len(plan.pages)):
        parts[f"Doc_0/Pages/Page_{i}/Content.xml"] = content_xml(plan, i).encode()
    digest = hashlib.sha256()
    for name in sorted(parts):
        digest.update(name.encode() + b"\0" + hashlib.sha256(parts[name]).digest())
    digest.update(ofd_xml(plan.info, "").encode())
    parts["OFD.xml"] = ofd_xml(plan.info, digest.hexdigest()[:32]).encode()
    return parts


def zip_package(parts: dict[str, bytes], when: dt.date) -> bytes:
    """The zip of ``parts``: sorted entries, each stamped ``when``, deflated; same parts, same bytes."""
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in sorted(parts, key=lambda n: (n != "OFD.xml", n)):
            entry = zipfile.ZipInfo(name, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            entry.create_system = 0
            archive.writestr(entry, parts[name], compresslevel=6)
    return out.getvalue()


def write_package(pages: Sequence[Page], info: DocInfo, outline: Sequence[OutlineEntry] = ()) -> bytes:
    """The OFD file of ``pages``: plan, parts, zip."""
    return zip_package(package_parts(plan_package(pages, info, outline)), info.date)
