#!/usr/bin/env python3
"""Measure the layout of the three products on the seed and the corpus reports (issue 10, "Done when").

    python scripts/layout_audit.py [--corpus DIR] [--out-dir DIR] [--json] [--jobs N] [--details]

Each corpus report (``DIR/*.md``, default ``../shared/corpus``) is imported with
``reportgen import`` (default options, no hand edit); the seed (``source/*.yaml``) and the
imported sources are built with ``reportgen build``. Only the real products are measured:
the summary PDF read with pdfplumber, the deck with python-pptx (sizes inherited from the
layout and the master included), the DOCX with python-docx, and LibreOffice's renderings:
the deck on a machine without the project's font aliases (no ``FONTCONFIG_FILE``, a fresh
``HOME``: what a user who opens the file gets), the DOCX with the aliases (the faces the
secretariat has, as the project's DOCX tests render it). Counts, one column each:

marks       PDF lines that start or end with a forbidden mark (:mod:`generator.linebreak`'s sets)
foot        PDF headings (the faces and sizes of the summary's heading styles) last on their page
notes       slides whose notes exceed 1,500 characters
no-slide    parts, sections, appendices and tables of the model that no slide shows
titles      title, subtitle and motto lines (DOCX title block, PDF cover, slide titles and the
            title slide) shorter than three characters or breaking inside a name
            (:mod:`generator.titles`' name ends, ordinals, dates, numbers)
tiles       key-figure tile boxes with nothing in them
bullets     bulleted paragraphs under 24 pt (effective size: run, shape, layout, master)
boxes       characters of LibreOffice's rendering of the deck outside their box, shapes whose
            box does not hold their text, overlapping lines

It prints a table, one row per report and a total, and exits 0 only when every count is 0
(1 when one is not, 2 when a report could not be imported or built). ``--json`` prints the
counts and the findings as JSON instead; ``--details`` prints every finding under the table.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from layoutcheck import box_findings, boxes, char_lines, inside, page_lines, squeeze  # noqa: E402

from generator import titles  # noqa: E402
from generator.linebreak import NO_LINE_END, NO_LINE_START  # noqa: E402

SHARED = Path(os.environ.get("REPORTGEN_SHARED", ROOT.parent / "shared"))
FONTCONFIG = ROOT / "assets" / "fontconfig" / "fonts.conf"
REPORTGEN = [sys.executable, "-m", "generator"]

COUNTS = {
    "marks": "PDF lines starting or ending with a forbidden mark",
    "foot": "PDF headings at the foot of a page",
    "notes": "slides whose notes exceed 1,500 characters",
    "no-slide": "parts, sections, appendices and tables with no slide",
    "titles": "title, subtitle and motto lines under 3 characters or splitting a name",
    "tiles": "empty tile boxes",
    "bullets": "bullets under 24 pt",
    "boxes": "deck characters outside their box or overlapping (LibreOffice, no font aliases)",
}
"""The counts, in column order, with what each counts."""

NOTES_LIMIT = 1500
MIN_BULLET_PT = 24.0
MIN_TITLE_LINE = titles.MIN_LINE
MM = 72 / 25.4
FURNITURE = 20 * MM
"""The summary's page header stands above 20 mm from the top, its page number below 20 mm from the bottom
(the frame runs from 26 mm to 24 mm: ``generator/renderers/pdf/emit.py``); lines there are not text."""


# --- the PDF summary --------------------------------------------------------------------------


def pdf_pages(path: Path) -> list[tuple[float, list]]:
    """Each page's height and text lines (:class:`layoutcheck.PdfLine`), page furniture left out.

    Only upright characters make lines: a chart's rotated axis title is drawn a character a "line".
    """
    import pdfplumber

    out = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            lines = page_lines([c for c in page.chars if c.get("upright", True)], number)
            body = [line for line in lines if line.top > FURNITURE and line.bottom < page.height - FURNITURE]
            out.append((page.height, body))
    return out


def paragraph_starts(texts: Iterable[str]) -> set[str]:
    """The openings (six characters, whitespace removed) of the texts that begin a paragraph."""
    return {squeeze(t)[:6] for t in texts if squeeze(t)}


def _starts_paragraph(text: str, starts: set[str]) -> bool:
    key = squeeze(text)[:6]
    return key in starts if len(key) == 6 else any(s.startswith(key) for s in starts)


def forbidden_marks(pages: list[tuple[float, list]], starts: set[str]) -> list[str]:
    """Lines starting with a mark no line may start with (a paragraph may), or ending with one none may end with."""
    findings = []
    for _height, lines in pages:
        for line in lines:
            text = line.text
            if text[0] in NO_LINE_START and not _starts_paragraph(text, starts):
                findings.append(f"PDF p.{line.page}: line starts with {text[0]!r}: {text[:30]!r}")
            if text[-1] in NO_LINE_END:
                findings.append(f"PDF p.{line.page}: line ends with {text[-1]!r}: {text[-30:]!r}")
    return findings


def style_faces(*keys: str) -> set[tuple[str, float]]:
    """(PDF font name, size) of the summary's paragraph styles ``keys``, from the renderer's own styles."""
    from reportlab.pdfbase import pdfmetrics

    from generator.renderers.pdf.emit import _styles, register_fonts

    register_fonts()
    styles = _styles()
    out = set()
    for key in keys:
        style = styles[key]
        out.add((pdfmetrics.getFont(style.fontName).face.name.decode("ascii"), float(style.fontSize)))
    return out


def heading_faces() -> set[tuple[str, float]]:
    """(PDF font name, size) of the summary's heading styles h0, h1, h2."""
    return style_faces("h0", "h1", "h2")


def _face(char: dict) -> tuple[str, float]:
    """A character's font (subset tag and index suffix dropped) and size."""
    name = char["fontname"].split("+", 1)[-1]
    return re.sub(r"-\d+$", "", name), round(float(char["size"]), 1)


def headings_at_foot(pages: list[tuple[float, list]], faces: set[tuple[str, float]]) -> list[str]:
    """Pages whose last text line is a heading (every character in a heading face and size)."""
    findings = []
    for _height, lines in pages:
        if lines and all(_face(c) in faces for c in lines[-1].chars):
            last = lines[-1]
            findings.append(f"PDF p.{last.page}: heading {last.text!r} is the last line of the page")
    return findings


def pdf_empty_tiles(path: Path) -> list[str]:
    """Cells of the summary's key-figure grids with nothing in them.

    A grid is a pale-gold background holding a tile number (the ``tile_number`` style's face
    and size); its cells are cut by the grid lines drawn over it.
    """
    import pdfplumber

    from generator.palette import PALE_GOLD

    pale = tuple(int(PALE_GOLD[i : i + 2], 16) / 255 for i in (0, 2, 4))
    number_faces = style_faces("tile_number")
    findings = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            chars = [c for c in page.chars if c["text"].strip()]
            for rect in page.rects:
                colour = rect.get("non_stroking_color")
                if not rect.get("fill") or not isinstance(colour, tuple | list) or len(colour) != 3:
                    continue
                if any(abs(a - b) > 0.01 for a, b in zip(colour, pale, strict=True)):
                    continue
                x0, top, x1, bottom = rect["x0"], rect["top"], rect["x1"], rect["bottom"]

                def within(c: dict, a: float, t: float, b: float, d: float) -> bool:
                    x, y = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
                    return a <= x <= b and t <= y <= d

                held = [c for c in chars if within(c, x0, top, x1, bottom)]
                if not any(_face(c) in number_faces for c in held):
                    continue  # a table's header, not a tile grid
                edges = [  # the grid lines within the background (not those of a table below it)
                    e
                    for e in page.edges
                    if e["x0"] >= x0 - 1 and e["x1"] <= x1 + 1 and e["top"] >= top - 1 and e["bottom"] <= bottom + 1
                ]
                xs = sorted({round(x0), round(x1), *(round(e["x0"]) for e in edges if e["orientation"] == "v")})
                ys = sorted({round(top), round(bottom), *(round(e["top"]) for e in edges if e["orientation"] == "h")})
                for a, b in zip(xs, xs[1:], strict=False):
                    for t, d in zip(ys, ys[1:], strict=False):
                        if b - a > 5 and d - t > 5 and not any(within(c, a, t, b, d) for c in held):
                            findings.append(f"PDF p.{number}: tile box at ({a}, {t}) is empty")
    return findings


# --- title lines -----------------------------------------------------------------------------


def _occurrences(text: str, word: str) -> Iterable[int]:
    start = text.find(word)
    while start >= 0:
        yield start
        start = text.find(word, start + 1)


def splits_name(text: str, offset: int) -> bool:
    """Whether a line break before ``text[offset]`` falls inside a name (rules of :mod:`generator.titles`).

    Inside a name end (人民代|表大会, 会议|上), an ordinal (第十|三届), a date part or a number
    (20|20年); just before a name end that is not itself a phrase boundary (长盈|港: the end
    leaves its name); one character before a one-character place end (长|盈市).
    """
    if offset <= 0 or offset >= len(text):
        return False
    for pattern in (titles._ORDINAL, titles._DATE_PART, titles._NUMBER):
        if any(m.start() < offset < m.end() for m in pattern.finditer(text)):
            return True
    allowed = set(titles.boundaries(text))
    if offset in allowed or text[offset - 1] in titles.PUNCTUATION_AFTER:
        return any(s < offset < s + len(w) for w in titles.NAME_ENDS for s in _occurrences(text, w))
    for word in titles.NAME_ENDS:
        for start in _occurrences(text, word):
            if start <= offset < start + len(word) or (len(word) == 1 and offset == start - 1):
                return True
    return False


def title_line_findings(where: str, lines: list[str]) -> list[str]:
    """Lines of one title (in order) that are too short, or whose break before them splits a name."""
    lines = [squeeze(line) for line in lines]
    lines = [line for line in lines if line]
    text = "".join(lines)
    findings = []
    offset = 0
    for i, line in enumerate(lines):
        if len(line) < MIN_TITLE_LINE and len(text) >= MIN_TITLE_LINE:
            findings.append(f"{where}: line {line!r} of {text!r} has fewer than {MIN_TITLE_LINE} characters")
        if i and splits_name(text, offset):
            findings.append(f"{where}: {text[:offset]!r} | {text[offset:]!r} splits a name")
        offset += len(line)
    return findings


def matching_lines(lines: list[str], text: str) -> list[str] | None:
    """The run of consecutive ``lines`` whose text together is ``text`` (whitespace ignored), if any."""
    target = squeeze(text)
    if not target:
        return None
    squeezed = [squeeze(line) for line in lines]
    for start in range(len(squeezed)):
        joined = ""
        for end in range(start, len(squeezed)):
            joined += squeezed[end]
            if joined == target:
                return lines[start : end + 1]
            if not target.startswith(joined):
                break
    return None


def rendered_title_findings(where: str, lines: list[str], texts: list[str]) -> list[str]:
    """Title findings for each of ``texts`` printed as consecutive rendered ``lines``."""
    findings = []
    for text in dict.fromkeys(texts):
        found = matching_lines(lines, text)
        if found is not None:
            findings += title_line_findings(where, found)
    return findings


def docx_title_lines(path: Path, texts: list[str]) -> list[str]:
    """The title block's paragraphs of the DOCX that print ``texts``, split at their line breaks."""
    from docx import Document

    findings = []
    wanted = {squeeze(t) for t in texts if squeeze(t)}
    for paragraph in Document(str(path)).paragraphs:
        if squeeze(paragraph.text) in wanted:
            findings += title_line_findings("DOCX", re.split(r"[\n\v]", paragraph.text))
    return findings


# --- the deck --------------------------------------------------------------------------------

TITLE_TYPES = {1, 3, 4}  # PP_PLACEHOLDER.TITLE, CENTER_TITLE, SUBTITLE
SLIDE_NUMBER = 13


def _placeholder_type(shape) -> int | None:
    return int(shape.placeholder_format.type) if shape.is_placeholder else None


def title_shapes(deck) -> list[tuple[int, object]]:
    """(slide number, shape) of every title, subtitle and motto: title placeholders, and the first slide's texts."""
    out = []
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text.strip():
                continue
            kind = _placeholder_type(shape)
            if kind in TITLE_TYPES or (number == 1 and kind != SLIDE_NUMBER):
                out.append((number, shape))
    return out


def slide_title_findings(deck, rendered: Path | None) -> list[str]:
    """Title lines of the deck: its paragraphs and line breaks, and the lines LibreOffice draws in the box."""
    import pdfplumber

    findings = []
    shapes = title_shapes(deck)
    for number, shape in shapes:
        findings += title_line_findings(f"PPTX slide {number}", re.split(r"[\n\v]", shape.text_frame.text))
    if rendered is None:
        return findings
    with pdfplumber.open(rendered) as pdf:
        for number, shape in shapes:
            if number > len(pdf.pages):
                continue
            slide = deck.slides[number - 1]
            box = boxes(slide)[list(slide.shapes).index(shape)]
            chars = [c for c in pdf.pages[number - 1].chars if c["text"].strip() and inside(c, box)]
            lines = ["".join(c["text"] for c in line) for line in char_lines(chars)]
            findings += title_line_findings(f"PPTX slide {number} (LibreOffice)", lines)
    return findings


def long_notes(deck) -> list[str]:
    """Slides whose notes hold more than 1,500 characters (paragraph and line breaks not counted)."""
    findings = []
    for number, slide in enumerate(deck.slides, start=1):
        if slide.has_notes_slide:
            length = len(re.sub(r"[\n\v]", "", slide.notes_slide.notes_text_frame.text))
            if length > NOTES_LIMIT:
                findings.append(f"PPTX slide {number}: notes of {length} characters")
    return findings


def _slide_titles(deck) -> list[str]:
    titles_ = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame and _placeholder_type(shape) in TITLE_TYPES:
                titles_.append(re.sub(r"[（(]续[\d一二三四五六七八九十]*[）)]$", "", squeeze(shape.text_frame.text)))
    return [t for t in titles_ if t]


TITLE_DROPS = "。；：，"
"""Marks a heading may end with that a slide title leaves off (a title is not a sentence)."""


def _shows(title: str, heading: str) -> bool:
    heading = squeeze(heading)
    if title and heading.endswith(tuple(TITLE_DROPS)) and not title.endswith(tuple(TITLE_DROPS)):
        heading = heading.rstrip(TITLE_DROPS)
    if not heading:
        return False
    if title == heading:
        return True
    return title.endswith("…") and len(title) > 1 and heading.startswith(title[:-1])


def _table_texts(deck) -> list[str]:
    return [
        squeeze("".join(cell.text for row in shape.table.rows for cell in row.cells))
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_table
    ]


def missing_slides(report, deck) -> list[str]:
    """Parts, sections, appendices and tables of the model that no slide shows.

    A part, section or appendix is shown by a slide whose title is its heading (numbered or
    not; shortened with … or continued with （续） allowed); a table by a slide table that holds
    its first body row.
    """
    slide_titles = _slide_titles(deck)
    tables = _table_texts(deck)

    def titled(*headings: str) -> bool:
        return any(_shows(t, h) for t in slide_titles for h in headings if h)

    findings = []
    for node in report.walk():
        item = node.item
        if node.kind == "part" and not titled(item.heading, item.numbered_heading):
            findings.append(f"part {item.numbered_heading!r} has no slide")
        elif node.kind == "section" and not titled(item.heading, item.numbered_heading):
            findings.append(f"section {item.numbered_heading!r} has no slide")
        elif node.kind == "appendix":
            label, title = item.label, item.title
            if not titled(f"{label}{title}", title, label):
                findings.append(f"appendix {(label + ' ' + title).strip()!r} has no slide")
        elif node.kind == "table":
            first = squeeze("".join(cell.text for cell in item.rows[0]))
            if not any(first in text for text in tables):
                findings.append(f"table {item.table or first[:20]!r} has no slide")
    return findings


TILE_NAME = re.compile(r"底框|数据框|tile", re.IGNORECASE)
"""Names of the key-figure tile boxes (the template's 数据底框1…4)."""


def _extent(shape) -> tuple[int, int, int, int]:
    return shape.left, shape.top, shape.left + shape.width, shape.top + shape.height


def empty_tiles(deck) -> list[str]:
    """Tile boxes (on the slide or from its layout) with no text of their own and no text shape within."""
    findings = []
    for number, slide in enumerate(deck.slides, start=1):
        tiles = [s for s in slide.slide_layout.shapes if not s.is_placeholder and TILE_NAME.search(s.name)]
        tiles += [s for s in slide.shapes if TILE_NAME.search(s.name)]
        texts = [
            _extent(s)
            for s in slide.shapes
            if _placeholder_type(s) != SLIDE_NUMBER
            and (
                (s.has_text_frame and s.text_frame.text.strip())
                or s.has_chart
                or (s.has_table and any(c.text.strip() for r in s.table.rows for c in r.cells))
            )
        ]
        for tile in tiles:
            if tile.has_text_frame and tile.text_frame.text.strip():
                continue
            x0, y0, x1, y1 = _extent(tile)
            if not any(x0 <= (a + c) / 2 <= x1 and y0 <= (b + d) / 2 <= y1 for a, b, c, d in texts):
                findings.append(f"PPTX slide {number}: tile box {tile.name!r} is empty")
    return findings


A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
BULLETS = (f"{A}buChar", f"{A}buAutoNum", f"{A}buBlip")


def _style_chain(shape, slide) -> list:
    """The list-style levels' parents that a shape's paragraphs inherit from, nearest first.

    The shape's own ``a:lstStyle``; for a placeholder, the layout's placeholder (same idx, else
    same type) and the master's (same type); then the master's text style for its kind (title,
    body, other) and the presentation's default text style.
    """
    chain = []
    element = shape._element
    own = element.find(f".//{A}lstStyle")
    chain.append(own)
    layout = slide.slide_layout
    master = layout.slide_master
    kind = _placeholder_type(shape)
    if kind is not None:
        idx = shape.placeholder_format.idx
        base = next((p for p in layout.placeholders if p.placeholder_format.idx == idx), None)
        if base is None:
            base = next((p for p in layout.placeholders if int(p.placeholder_format.type) == kind), None)
        if base is not None:
            chain.append(base._element.find(f".//{A}lstStyle"))
        master_kind = {3: 1, 4: 2}.get(kind, kind)  # a centred title inherits the title, a subtitle the body
        base = next((p for p in master.placeholders if int(p.placeholder_format.type) in (kind, master_kind)), None)
        if base is not None:
            chain.append(base._element.find(f".//{A}lstStyle"))
    styles = master._element.find("{http://schemas.openxmlformats.org/presentationml/2006/main}txStyles")
    if styles is not None:
        name = "titleStyle" if kind in (1, 3) else "bodyStyle" if kind is not None else "otherStyle"
        chain.append(styles.find(f"{{http://schemas.openxmlformats.org/presentationml/2006/main}}{name}"))
    chain.append(getattr(slide.part.package.presentation_part.presentation, "_element", None))
    return chain


def _level(container, level: int):
    if container is None:
        return None
    if container.tag.endswith("}presentation"):
        container = container.find("{http://schemas.openxmlformats.org/presentationml/2006/main}defaultTextStyle")
        if container is None:
            return None
    return container.find(f"{A}lvl{level + 1}pPr")


def effective(paragraph, chain: list) -> tuple[list[float], bool]:
    """The effective size (pt) of each run of a paragraph with text, and whether the paragraph is bulleted."""
    p = paragraph._p
    ppr = p.find(f"{A}pPr")
    level = int(ppr.get("lvl", "0")) if ppr is not None else 0
    levels = [ppr, *(_level(c, level) for c in chain)]
    inherited = None
    bulleted = None
    for props in levels:
        if props is None:
            continue
        if inherited is None:
            default = props.find(f"{A}defRPr")
            if default is not None and default.get("sz"):
                inherited = int(default.get("sz")) / 100
        if bulleted is None:
            if props.find(f"{A}buNone") is not None:
                bulleted = False
            elif any(props.find(tag) is not None for tag in BULLETS):
                bulleted = True
    inherited = inherited if inherited is not None else 18.0
    sizes = []
    for run in p.findall(f"{A}r"):
        text = "".join(t.text or "" for t in run.findall(f"{A}t"))
        if not text.strip():
            continue
        rpr = run.find(f"{A}rPr")
        size = rpr.get("sz") if rpr is not None else None
        sizes.append(int(size) / 100 if size else inherited)
    return sizes, bool(bulleted)


def small_bullets(deck) -> list[str]:
    """Bulleted paragraphs (bullet from the paragraph, the shape, the layout or the master) with a run under 24 pt."""
    findings = []
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            chain = _style_chain(shape, slide)
            for paragraph in shape.text_frame.paragraphs:
                sizes, bulleted = effective(paragraph, chain)
                if sizes and (bulleted or paragraph.text.lstrip()[:1] in "●•▪■◆") and min(sizes) < MIN_BULLET_PT:
                    findings.append(f"PPTX slide {number}: bullet at {min(sizes):g} pt: {paragraph.text[:30]!r}")
    return findings


# --- one report ------------------------------------------------------------------------------


@dataclass
class Result:
    """One report's counts and findings (``error`` when it could not be imported or built)."""

    name: str
    findings: dict[str, list[str]] = field(default_factory=dict)
    seconds: float = 0.0
    error: str = ""

    @property
    def counts(self) -> dict[str, int]:
        """The number of findings of each count."""
        return {key: len(self.findings.get(key, [])) for key in COUNTS}


def run(command: list, env: dict | None = None, timeout: int = 600) -> None:
    """Run a command; its stderr is the error when it fails."""
    result = subprocess.run([str(c) for c in command], capture_output=True, text=True, env=env, timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, command[:4]))}: exit {result.returncode}: {result.stderr[-1500:]}")


def soffice(path: Path, out: Path, aliases: bool) -> Path:
    """LibreOffice's PDF of ``path``, with a fresh profile; the project's font aliases only if ``aliases``."""
    out.mkdir(parents=True, exist_ok=True)
    home = out / "home"
    home.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "FONTCONFIG_FILE"}
    env["HOME"] = str(home)
    if aliases:
        env["FONTCONFIG_FILE"] = str(FONTCONFIG)
    profile = f"-env:UserInstallation=file://{home}/profile"
    run(["soffice", profile, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", out, path], env=env)
    return out / f"{path.stem}.pdf"


def audit(name: str, source: Path, work: Path) -> Result:
    """Import (a Markdown report), build, render and measure one report."""
    started = time.perf_counter()
    result = Result(name)
    try:
        work.mkdir(parents=True, exist_ok=True)
        if source.suffix == ".md":
            yaml = work / f"{name}.yaml"
            run([*REPORTGEN, "import", source, "-o", yaml])
            source = yaml
        run([*REPORTGEN, "build", source, "--out", work / "out", "--format", "docx,pdf,pptx", "-q"])
        products = {p.suffix[1:]: p for p in (work / "out").iterdir() if not p.name.startswith(".")}
        deck_pdf = soffice(products["pptx"], work / "deck", aliases=False)
        draft_pdf = soffice(products["docx"], work / "draft", aliases=True)
        result.findings = measure(source, products, deck_pdf, draft_pdf)
    except Exception as error:  # noqa: BLE001  (reported in the table: the audit goes on with the other reports)
        result.error = f"{type(error).__name__}: {error}"
    result.seconds = time.perf_counter() - started
    return result


def measure(source: Path, products: dict[str, Path], deck_pdf: Path, draft_pdf: Path) -> dict[str, list[str]]:
    """Every count's findings for one built report."""
    from pptx import Presentation

    from generator.loader import load_report
    from generator.renderers.pdf.plan import Bullets, Cover, Tiles, plan_pdf

    report = load_report(source)
    meta = report.meta
    plan = plan_pdf(report)
    cover = next((b for b in plan.blocks if isinstance(b, Cover)), None)
    texts = [*plan.texts(), *report.reading_order()]
    for block in plan.blocks:
        if isinstance(block, Bullets):
            texts += ["；".join(item.figures) for item in block.items]
        elif isinstance(block, Tiles):
            texts += [t.prefix + t.number + t.unit for t in block.tiles] + [t.label for t in block.tiles]
    pages = pdf_pages(products["pdf"])
    deck = Presentation(str(products["pptx"]))

    title_texts = [meta.title, meta.titled, meta.meeting_line]
    cover_texts = [*title_texts, *([cover.title, cover.meeting] if cover else [])]
    cover_lines = [line.text for line in pages[0][1]] if pages else []
    draft_first = [line.text for line in page_lines(_first_page_chars(draft_pdf), 1)]
    titles_found = (
        docx_title_lines(products["docx"], title_texts)
        + rendered_title_findings("DOCX (LibreOffice)", draft_first, title_texts)
        + rendered_title_findings("PDF cover", cover_lines, cover_texts)
        + slide_title_findings(deck, deck_pdf)
    )
    return {
        "marks": forbidden_marks(pages, paragraph_starts(texts)),
        "foot": headings_at_foot(pages, heading_faces()),
        "notes": long_notes(deck),
        "no-slide": missing_slides(report, deck),
        "titles": list(dict.fromkeys(titles_found)),
        "tiles": empty_tiles(deck) + pdf_empty_tiles(products["pdf"]),
        "bullets": small_bullets(deck),
        "boxes": box_findings(deck, deck_pdf),
    }


def _first_page_chars(path: Path) -> list[dict]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return list(pdf.pages[0].chars) if pdf.pages else []


# --- the whole audit -------------------------------------------------------------------------


def reports(corpus: Path) -> list[tuple[str, Path]]:
    """The seed sources, then the corpus's Markdown reports (its README left out)."""
    seeds = [(p.stem, p) for p in sorted((ROOT / "source").glob("*.yaml"))]
    markdown = [(p.stem, p) for p in sorted(corpus.glob("*.md")) if p.name.lower() != "readme.md"]
    return seeds + markdown


def audit_all(corpus: Path, out: Path, jobs: int, progress: Callable[[Result], None] | None = None) -> list[Result]:
    """Audit every report, ``jobs`` at a time (each its own process and LibreOffice profile)."""
    todo = reports(corpus)
    if not any(p.suffix == ".md" for _, p in todo):
        raise SystemExit(f"no corpus report in {corpus} (give --corpus or set REPORTGEN_SHARED)")
    # The longest reports first, so that the last one to finish is a short one.
    order = sorted(todo, key=lambda item: -item[1].stat().st_size)
    results: dict[str, Result] = {}
    with ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {name: pool.submit(audit, name, path, out / name) for name, path in order}
        for name, _ in order:
            results[name] = futures[name].result()
            if progress:
                progress(results[name])
    return [results[name] for name, _ in todo]


def table(results: list[Result]) -> str:
    """The counts as a text table: a row per report, a column per count, and the total."""
    keys = list(COUNTS)
    width = max(len("total"), *(len(r.name) for r in results))
    rows = [["report".ljust(width), *(k.rjust(max(len(k), 4)) for k in keys), "seconds"]]
    totals = dict.fromkeys(keys, 0)
    for r in results:
        if r.error:
            rows.append([r.name.ljust(width), "error: " + r.error.splitlines()[0][:100]])
            continue
        counts = r.counts
        for k in keys:
            totals[k] += counts[k]
        rows.append([r.name.ljust(width), *(str(counts[k]).rjust(max(len(k), 4)) for k in keys), f"{r.seconds:7.1f}"])
    rows.append(["total".ljust(width), *(str(totals[k]).rjust(max(len(k), 4)) for k in keys), ""])
    return "\n".join("  ".join(row) for row in rows)


def main(argv: list[str] | None = None) -> int:
    """Run the audit; 0 when every count is 0, 1 when one is not, 2 when a report failed to build."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus", help="folder of the corpus's *.md reports")
    parser.add_argument("--out-dir", type=Path, help="keep sources, products and renderings here (default: a temp dir)")
    parser.add_argument("--json", action="store_true", help="print counts and findings as JSON")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="reports audited at once")
    parser.add_argument("--details", action="store_true", help="print every finding under the table")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    temporary = None
    if args.out_dir is None:
        temporary = tempfile.mkdtemp(prefix="layout-audit-")
        out = Path(temporary)
    else:
        out = args.out_dir
        out.mkdir(parents=True, exist_ok=True)
    try:
        results = audit_all(args.corpus, out, args.jobs)
    finally:
        if temporary:
            shutil.rmtree(temporary, ignore_errors=True)
    seconds = time.perf_counter() - started
    failed = any(r.error for r in results)
    dirty = any(any(r.counts.values()) for r in results)
    if args.json:
        payload = {
            "counts": {r.name: r.counts for r in results if not r.error},
            "errors": {r.name: r.error for r in results if r.error},
            "findings": {r.name: r.findings for r in results},
            "seconds": round(seconds, 1),
            "columns": COUNTS,
        }
        print(json.dumps(payload, ensure_ascii=False, indent=1))
    else:
        print(table(results))
        print(f"\n{seconds:.1f} s; columns: " + "; ".join(f"{k}: {v}" for k, v in COUNTS.items()))
        if args.details:
            for r in results:
                for key, found in r.findings.items():
                    for finding in found:
                        print(f"{r.name} [{key}] {finding}")
    return 2 if failed else 1 if dirty else 0


if __name__ == "__main__":
    sys.exit(main())
