"""Draw a :class:`~generator.pageplan.PagePlan` as the archival edition: a PDF/A-3u of the whole formal report.

reportlab's canvas draws every glyph where the page plan puts it: one text object per
run, the glyphs in one ``TJ`` whose adjustments make each advance exactly the plan's, so
the archive and the DOCX agree line for line and every hanging mark is painted. The faces
are the DOCX's free stand-ins (:data:`generator.fonts.ROLES`), embedded as subsets with a
``ToUnicode`` map; a character a run's face lacks is drawn in the first embedded face that
has it. Bold (which the free faces lack) is drawn as LibreOffice draws it: filled and
stroked. Table rules are ½ pt lines; the outline holds parts, sections and appendices; a
glossary entry's page number links to its occurrence.

pikepdf then makes the file PDF/A-3u: no ``/Trans``, sRGB output intent, XMP (pdfaid 3/U, title, issuer
as author, date, session, status, version, language zh-CN) agreeing with the document
information, print flags on the links, and the source YAML embedded as an associated file
(``/AF`` of the catalogue, ``AFRelationship /Source``, named ``<id>.yaml``, ``text/yaml``,
no date of its own), so that the same source gives the same bytes wherever it lies.
"""

from __future__ import annotations

import io
import re
from functools import cache

from generator.fonts import metrics, role_file
from generator.model import Report
from generator.pageplan import PagePlan, PlacedLine, PlacedRun, face_runs, fallback_roles
from generator.pdfa import Declared, declare_and_save, fix_to_unicode, output_intent, stamp_of

BOLD_STROKE = 0.03
"""Stroke width of synthetic bold, in em of the run's size."""
SOURCE_MIME = "text/yaml"
ATTACHMENT_DESCRIPTION = "reportgen source (YAML)"


def font_name(role: str) -> str:
    """The reportlab name of a role's free face (one per face file and index)."""
    face = role_file(role)
    return "RGA-" + re.sub(r"[^A-Za-z0-9]", "", face.family) + (f"-{face.index}" if face.index else "")


@cache
def register(role: str) -> str:
    """Register the free face of ``role`` with reportlab (subset-embedded TrueType); its name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = font_name(role)
    if name not in pdfmetrics.getRegisteredFontNames():
        face = role_file(role)
        pdfmetrics.registerFont(TTFont(name, str(face.path), subfontIndex=face.index))
    return name


def _number(value: float) -> str:
    """A number as the content stream writes it (three decimals, no trailing zeros)."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@cache
def _em_width(font, ch: str) -> float:
    """The width of ``ch`` in ``font`` as its ``/Widths`` give it (thousandths of an em)."""
    return font.stringWidth(ch, 1000)


def _run_operators(canvas, run: PlacedRun, y: float) -> list[str]:
    """Content-stream operators drawing ``run`` on baseline ``y`` (PDF coordinates)."""
    from reportlab.pdfbase import pdfmetrics

    pieces, _ = face_runs(run)
    xs = run.xs
    out: list[str] = []
    if run.bold:
        out.append(f"2 Tr {_number(run.size * BOLD_STROKE)} w")
    at = 0
    for role, text in pieces:
        font = pdfmetrics.getFont(register(role))
        for subset, chunk in font.splitString(text, canvas._doc):
            count = len(chunk)
            name = font.getSubsetInternalName(subset, canvas._doc)
            out.append(f"{name} {_number(run.size)} Tf 1 0 0 1 {_number(xs[at])} {_number(y)} Tm")
            parts: list[str] = []
            for k in range(count):
                glyph = chunk[k : k + 1]
                parts.append(f"({canvas._escape(glyph)})")
                if k < count - 1:
                    adjust = _em_width(font, run.text[at + k]) - run.advances[at + k] * 1000 / run.size
                    if abs(adjust) > 0.0005:
                        parts.append(_number(adjust))
            out.append(f"[{' '.join(parts)}] TJ")
            at += count
    if run.bold:
        out.append("0 Tr")
    return out


def _draw_line(canvas, line: PlacedLine, height: float) -> None:
    """One line's runs, in one text object."""
    if not line.runs:
        return
    y = height - line.baseline
    operators = ["BT"]
    for run in line.runs:
        operators += _run_operators(canvas, run, y)
    operators.append("ET")
    canvas._code.append(" ".join(operators))


def _links(canvas, line: PlacedLine, height: float, anchors: dict[str, tuple[int, float]]) -> None:
    """A link from each page reference on ``line`` to the term's occurrence."""
    for run in line.runs:
        if run.pageref and run.pageref in anchors:
            top = height - line.baseline + run.size
            canvas.linkAbsolute("", run.pageref, Rect=(run.x, height - line.baseline - run.size * 0.25, run.end, top))


def draw(plan: PagePlan) -> bytes:
    """The pages of ``plan`` drawn by reportlab (not yet PDF/A)."""
    from reportlab.pdfgen.canvas import Canvas

    meta = plan.report.meta
    canvas = Canvas(
        None,
        pagesize=(plan.width, plan.height),
        invariant=1,
        pageCompression=0,  # pikepdf compresses the streams (reportlab's pure-Python ASCII85 would cost more)
        lang="zh-CN",
        initialFontName=register("body"),
    )
    canvas.setTitle(meta.title)
    canvas.setAuthor(meta.issuer)
    canvas.setSubject(_subject(plan.report))
    canvas.setKeywords(", ".join(meta.keywords))
    canvas.setCreator("reportgen")
    canvas.setProducer("reportgen")
    anchors_by_page: dict[int, list[tuple[str, float]]] = {}
    for name, (page, y) in plan.anchors.items():
        anchors_by_page.setdefault(page, []).append((name, y))
    outline_by_page: dict[int, list] = {}
    for entry in plan.outline:
        outline_by_page.setdefault(entry.page, []).append(entry)
    level = -1
    for page in plan.pages:
        for name, y in anchors_by_page.get(page.number, []):
            canvas.bookmarkPage(name, fit="XYZ", left=0, top=plan.height - y)
        for k, entry in enumerate(outline_by_page.get(page.number, [])):
            key = f"outline-{page.number}-{k}"
            canvas.bookmarkPage(key, fit="XYZ", left=0, top=plan.height - entry.y)
            level = min(entry.level - 1, level + 1)
            canvas.addOutlineEntry(entry.title, key, level=level, closed=False)
        for rule in page.rules:
            canvas.setLineWidth(rule.width)
            canvas.line(rule.x0, plan.height - rule.y0, rule.x1, plan.height - rule.y1)
        for line in [*page.lines, *([page.folio] if page.folio else [])]:
            _draw_line(canvas, line, plan.height)
            _links(canvas, line, plan.height, plan.anchors)
        canvas.showPage()
    canvas.showOutline()
    return canvas.getpdfdata()


def _subject(report: Report) -> str:
    """The description: session, status and version, as the document information and XMP give them."""
    meta = report.meta
    status = meta.status or "正式"
    return f"{meta.session}；{status}；第{meta.version}版"


def attach_source(pdf, report: Report) -> None:
    """Embed the source YAML as the catalogue's associated file (``/Source``, no date of its own)."""
    import pikepdf

    data = report.source_bytes
    if not data:
        from generator.writers.yaml import write_report

        data = write_report(report).encode("utf-8")
    name = f"{report.meta.id}.yaml"
    spec = pikepdf.AttachedFileSpec(
        pdf,
        data,
        description=ATTACHMENT_DESCRIPTION,
        filename=name,
        mime_type=SOURCE_MIME,
        relationship=pikepdf.Name.Source,
    )
    pdf.attachments[name] = spec
    pdf.Root.AF = pikepdf.Array([spec.obj])


def _agree_widths(pdf) -> None:
    """Make each embedded subset's advances agree with its ``/Widths`` (PDF/A 6.2.11.5).

    reportlab measures a face of a TrueType collection from that face's own metrics but
    copies some glyphs' advances from another face of the collection into the subset (seen
    with WenQuanYi Zen Hei Mono, face 1 of its collection: 、 1000 units in the subset, 1024
    in the face). The drawing follows ``/Widths``; the subset's ``hmtx`` is set to them.
    """
    import pikepdf
    from fontTools.ttLib import TTFont

    for obj in pdf.objects:
        if not (isinstance(obj, pikepdf.Dictionary) and obj.get("/Subtype") == pikepdf.Name.TrueType):
            continue
        descriptor = obj.get("/FontDescriptor")
        if descriptor is None or "/FontFile2" not in descriptor or "/Widths" not in obj:
            continue
        stream = descriptor.FontFile2
        font = TTFont(io.BytesIO(stream.read_bytes()), recalcTimestamp=False, recalcBBoxes=False)
        units = font["head"].unitsPerEm
        codes = font["cmap"].getcmap(1, 0).cmap
        hmtx = font["hmtx"].metrics
        changed = False
        for offset, width in enumerate(obj.Widths):
            glyph = codes.get(int(obj.FirstChar) + offset)
            advance = round(float(width) * units / 1000)
            if (
                glyph is not None
                and hmtx[glyph][0] != advance
                and round(hmtx[glyph][0] * 1000 / units) != round(float(width))
            ):
                hmtx[glyph] = (advance, hmtx[glyph][1])
                changed = True
        if changed:
            out = io.BytesIO()
            font.save(out)
            stream.write(out.getvalue())
            stream.Length1 = len(out.getvalue())


def make_archival(data: bytes, report: Report) -> bytes:
    """The reportlab output made PDF/A-3u (see the module)."""
    import pikepdf

    meta = report.meta
    stamp = stamp_of(meta.date)
    pdf = pikepdf.open(io.BytesIO(data))
    fix_to_unicode(pdf)
    _agree_widths(pdf)
    for page in pdf.pages:
        if "/Trans" in page.obj:
            del page.obj["/Trans"]
        for annot in page.obj.get("/Annots", []):
            annot.F = 4  # printed, as PDF/A wants of every annotation
    pdf.Root.Lang = pikepdf.String("zh-CN")
    pdf.Root.OutputIntents = pikepdf.Array([output_intent(pdf)])
    pdf.Root.PageMode = pikepdf.Name.UseOutlines
    attach_source(pdf, report)
    declared = Declared("3", "U", meta.title, meta.issuer, _subject(report), meta.keywords)
    return declare_and_save(pdf, declared, stamp)


def missing_glyphs(plan: PagePlan) -> dict[str, list[str]]:
    """Characters no embedded face has (PDF/A forbids drawing ``.notdef``) → the faces tried."""
    out: dict[str, list[str]] = {}
    for role, text in plan.roles().items():
        faces = [metrics(r) for r in fallback_roles(role)]
        for ch in sorted(set(text)):
            if not ch.isspace() and not any(face.covers(ch) for face in faces):
                out.setdefault(ch, [face.family for face in faces])
    return out


def _position(source: str, ch: str) -> tuple[int, int]:
    """The 1-based line and column of the first ``ch`` in the source text ((1, 1) if it is written escaped)."""
    at = source.find(ch)
    if at < 0:
        return 1, 1
    line = source.count("\n", 0, at) + 1
    return line, at - (source.rfind("\n", 0, at) + 1) + 1


def refuse_missing_glyphs(plan: PagePlan) -> None:
    """Refuse the build, every character at once, positioned in the source, if some character has no face."""
    from generator.errors import BuildError
    from generator.fonts import listed

    missing = missing_glyphs(plan)
    if not missing:
        return
    source = plan.report.source_bytes.decode("utf-8", errors="replace")
    places = [
        {"at": (), "position": _position(source, ch), "chars": listed([ch]), "fonts": ", ".join(fonts)}
        for ch, fonts in missing.items()
    ]
    places.sort(key=lambda place: place["position"])
    first = places[0]
    where = f"{plan.report.meta.id}:{first['position'][0]}:{first['position'][1]}"
    raise BuildError("glyphs_missing_at", where=where, chars=first["chars"], fonts=first["fonts"], places=places)


def emit_archive(plan: PagePlan) -> bytes:
    """The archival PDF/A-3u of ``plan`` (refused if a character has no embedded face)."""
    refuse_missing_glyphs(plan)
    return make_archival(draw(plan), plan.report)
