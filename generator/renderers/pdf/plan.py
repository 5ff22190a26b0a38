"""Plan the PDF summary: the report as a sequence of plain blocks, no reportlab.

Cover, key figures, charts, a summary of every part and section (lead-ins as bullets with
their figures), the digest lists the source declares, the glossary. :mod:`.emit` turns the
blocks into reportlab flowables.

Every printed text carries where it came from, a :data:`Where`: the source texts it is made
of, each with its path in the source (keys and indexes as the YAML nests them). Emit sets
each text in its style's face, falls back per character to another embedded face, and names
the source text that holds a character in its warnings and refusals; the build turns that
path into ``file:line:column``. Nothing here knows YAML.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from generator.charts import ChartPlan, plan_charts
from generator.model import Figure, GlossaryEntry, ListBlock, Node, Report, first_sentence

Src = tuple[str | int, ...]
"""A path in the source: keys and list indexes, as the YAML nests them."""

Where = tuple[tuple[str, Src], ...]
"""Where a printed text comes from: the source texts it is made of, each with its path."""


def where(*pieces: tuple[str | None, Src]) -> Where:
    """A :data:`Where` of the given (source text, path) pairs, empty texts left out."""
    return tuple((text, path) for text, path in pieces if text)


@dataclass(frozen=True)
class Cover:
    """The cover page."""

    title: str
    status: str
    meeting: str
    speaker: str
    issuer: str
    date: str
    at: dict[str, Where] = field(default_factory=dict, compare=False)
    """Where each line comes from, by field name (title, status, meeting, speaker, issuer, date)."""


@dataclass(frozen=True)
class Heading:
    """A heading with its outline level (0: chapter of the summary, 1: part, 2: section)."""

    text: str
    level: int
    new_page: bool = False
    at: Where = ()


@dataclass(frozen=True)
class TileSpec:
    """A key figure: prefix qualifier, number, unit, label (prefix + number + unit = the quote)."""

    prefix: str
    number: str
    unit: str
    label: str
    at: Where = ()
    """Where the number (the figure's quote) and the label come from."""


@dataclass(frozen=True)
class Tiles:
    """A grid of key figures."""

    tiles: tuple[TileSpec, ...]


@dataclass(frozen=True)
class ChartBlock:
    """A chart with its source note."""

    chart: ChartPlan
    fields: tuple[tuple[str, Where], ...] = ()
    """Every text the chart prints (title, axis label, categories, values, series, note) and where it comes from."""


@dataclass(frozen=True)
class Bullet:
    """A bullet: its text and the figures that belong to it, as printed (区级税收 1亿元)."""

    text: str
    figures: tuple[str, ...] = ()
    at: Where = ()


@dataclass(frozen=True)
class Bullets:
    """A list of bullets, numbered or not."""

    items: tuple[Bullet, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Text:
    """A plain paragraph (introductions, notes)."""

    text: str
    at: Where = ()


@dataclass(frozen=True)
class GlossaryItem:
    """A glossary entry of the summary: its term, then each explanation paragraph in order."""

    term: str
    paragraphs: tuple[str, ...]
    at: Where = ()


@dataclass(frozen=True)
class TableBlock:
    """A table: caption, unit line, rows of cell texts, how many rows are a header (repeated), notes."""

    caption: str
    unit: str
    rows: tuple[tuple[str, ...], ...]
    header_rows: int
    notes: tuple[str, ...] = ()
    at: Where = ()
    """Where the caption, unit, cells and notes come from."""


Block = Cover | Heading | Tiles | ChartBlock | Bullets | Text | GlossaryItem | TableBlock


@dataclass
class PdfPlan:
    """The whole summary: blocks in order, and the metadata the file carries."""

    blocks: list[Block] = field(default_factory=list)
    title: str = ""
    header: str = ""
    author: str = ""
    subject: str = ""
    keywords: tuple[str, ...] = ()
    header_at: Where = ()

    def texts(self) -> list[str]:
        """Every text the PDF prints (for coverage checks and tests)."""
        out: list[str] = [self.header]
        for block in self.blocks:
            if isinstance(block, Cover):
                out += [block.title, block.status, block.meeting, block.speaker, block.issuer, block.date]
            elif isinstance(block, (Heading, Text)):
                out.append(block.text)
            elif isinstance(block, Tiles):
                out += [t.prefix + t.number + t.unit + t.label for t in block.tiles]
            elif isinstance(block, ChartBlock):
                chart = block.chart
                out += [chart.title, chart.axis_label, chart.note] + [b.label + b.text for b in chart.bars]
            elif isinstance(block, Bullets):
                out += [b.text + "".join(b.figures) for b in block.items]
            elif isinstance(block, GlossaryItem):
                out += [block.term, *block.paragraphs]
            elif isinstance(block, TableBlock):
                out += [block.caption, block.unit, *(c for row in block.rows for c in row), *block.notes]
        return out


def figure_text(figure: Figure) -> str:
    """A figure as a summary prints it: label and quote, 区级税收 1亿元."""
    return f"{figure.label} {figure.quote}"


class _Sources:
    """Where the texts of a report stand in its source: figures by id and by object, block texts."""

    def __init__(self, report: Report) -> None:
        self.figure_paths: dict[int, Src] = {}
        self.figure_ids: dict[str, Src] = {}
        for figure, _node, path in report.figure_places():
            self.figure_paths[id(figure)] = path
            self.figure_ids.setdefault(figure.id, path)

    def figure(self, figure: Figure) -> Where:
        """A figure's label and quote."""
        path = self.figure_paths.get(id(figure)) or self.figure_ids.get(figure.id, ())
        return where((figure.label, (*path, "label")), (figure.quote, (*path, "quote")))


def _texts_of(item: object, path: Src) -> Where:
    """The text fields of a model object (strings and lists of strings) with their paths."""
    out: list[tuple[str | None, Src]] = []
    for name in type(item).model_fields:  # type: ignore[attr-defined]
        value = getattr(item, name)
        if isinstance(value, str):
            out.append((value, (*path, name)))
        elif isinstance(value, list):
            out += [(v, (*path, name, k)) for k, v in enumerate(value) if isinstance(v, str)]
    return where(*out)


def _points(node: Node, sources: _Sources) -> list[Bullet]:
    """The bullets of a block, each with the source texts it is made of."""
    item = node.item
    prefix = where((node.prefix, (*node.path[:-2], "section"))) if node.prefix else ()
    bullets = []
    for i, point in enumerate(node.points()):
        if isinstance(item, ListBlock):
            at = _texts_of(item.items[i], (*node.path, "items", i)) if i < len(item.items) else ()
            at += _texts_of(item, node.path)
        else:
            at = _texts_of(item, node.path)
        figures = tuple(piece for f in point.figures for piece in sources.figure(f))
        bullets.append(Bullet(point.text, tuple(figure_text(f) for f in point.figures), prefix + at + figures))
    return bullets


def _table(node: Node, sources: _Sources) -> TableBlock:
    """A model table as rows of texts (spans flattened: a spanned cell's text stands in its first cell)."""
    table = node.item
    rows = tuple(tuple(cell.text for cell in row) for row in [*table.header, *table.rows])  # type: ignore[attr-defined]
    at: list[tuple[str | None, Src]] = [(table.table, (*node.path, "table")), (table.unit, (*node.path, "unit"))]  # type: ignore[attr-defined]
    for key in ("header", "rows"):
        for r, row in enumerate(getattr(table, key)):
            at += [(cell.text, (*node.path, key, r, c, "text")) for c, cell in enumerate(row)]  # or the cell itself
    at += [(note, (*node.path, "notes", k)) for k, note in enumerate(table.notes)]  # type: ignore[attr-defined]
    at += [piece for f in table.figures for piece in sources.figure(f)]  # type: ignore[attr-defined]
    return TableBlock(table.table, table.unit or "", rows, len(table.header), tuple(table.notes), where(*at))  # type: ignore[attr-defined]


def _heading(node: Node) -> Heading:
    item = node.item
    key = "heading" if node.kind == "part" else "section"
    return Heading(
        item.numbered_heading, 1 if node.kind == "part" else 2, at=where((getattr(item, key), (*node.path, key)))
    )  # type: ignore[attr-defined]


def _grouped(items: list[Bullet | Block]) -> list[Block]:
    """Blocks in order, each run of consecutive bullets made one list."""
    blocks: list[Block] = []
    for item in items:
        if isinstance(item, Bullet):
            if blocks and isinstance(blocks[-1], Bullets):
                blocks[-1] = Bullets((*blocks[-1].items, item))
            else:
                blocks.append(Bullets((item,)))
        else:
            blocks.append(item)
    return blocks


def _summary(report: Report, sources: _Sources) -> list[Block]:
    """Every part and section once, with the points and figures of its blocks, tables whole.

    A part's own blocks (``section_index`` None: before its first section or after its last)
    stand under the part's heading, before its sections, so that nothing of the part is read
    as belonging to its last section. A part or section none of whose blocks has a point with a
    text (figures alone are no point) shows the first sentence of its first paragraph, whole.
    """
    blocks: list[Block] = [Heading("报告摘要", 0, new_page=True)]
    outside: list[Bullet | Block] = []  # tables of the opening and closing, where they stand
    own: list[Bullet | Block] = []
    sections: list[Bullet | Block] = []
    part: Heading | None = None
    shown_in_section = shown_in_part = True
    first_paragraph: Node | None = None  # of a section that has shown nothing yet
    first_in_part: Node | None = None  # of a part whose own blocks have shown nothing yet
    section_start = 0  # where the current section's blocks start in ``sections``

    def opening_bullet(node: Node) -> Bullet:
        """The first sentence of a paragraph, whole (the speaker's words), as a point."""
        return Bullet(first_sentence(node.item.body_text), (), _texts_of(node.item, node.path))  # type: ignore[attr-defined]

    def settle_section() -> None:
        """A section none of whose blocks has a point shows its first sentence."""
        nonlocal shown_in_section, first_paragraph
        if not shown_in_section and first_paragraph is not None:
            sections.insert(section_start, opening_bullet(first_paragraph))
        shown_in_section, first_paragraph = True, None

    def close_part() -> None:
        nonlocal shown_in_part, first_in_part, section_start
        settle_section()
        section_start = 0
        if not shown_in_part and first_in_part is not None and not any(isinstance(b, Bullet) for b in sections):
            own.insert(0, opening_bullet(first_in_part))
        if part is not None:
            blocks.extend([part, *_grouped(own), *_grouped(sections)])
        own.clear()
        sections.clear()
        shown_in_part, first_in_part = True, None

    for node in report.walk(appendices=False):
        if node.kind == "part":
            blocks.extend(_grouped(outside))
            outside.clear()
            close_part()
            part = _heading(node)
            shown_in_part = False
            continue
        if node.zone != "body":
            if node.kind == "table":
                if node.zone == "closing" and part is not None:
                    close_part()
                    part = None
                outside.append(_table(node, sources))
            continue
        target = own if node.section_index is None else sections
        if node.kind == "section":
            settle_section()
            target.append(_heading(node))
            section_start = len(target)
            shown_in_section = False
            continue
        shown = [_table(node, sources)] if node.kind == "table" else _points(node, sources)
        texted = any(not isinstance(b, Bullet) or b.text for b in shown)
        if target is sections:
            if texted:
                shown_in_section = True
            elif node.kind == "paragraph" and first_paragraph is None:
                first_paragraph = node
        else:
            if texted:
                shown_in_part = True
            elif node.kind == "paragraph" and first_in_part is None:
                first_in_part = node
        target.extend(shown)
    close_part()
    return blocks + _grouped(outside)


def _appendices(report: Report, sources: _Sources) -> list[Block]:
    """The appendices other than the glossary: their headings, points and tables."""
    blocks: list[Block] = []
    glossary = report.glossary_appendix()
    bullets: list[Bullet] = []
    for node in report.walk():
        if node.zone != "appendix" or node.item is glossary:
            continue
        if node.kind == "appendix":
            if bullets:
                blocks.append(Bullets(tuple(bullets)))
                bullets = []
            item = node.item
            title = f"{item.label}　{item.title}".strip("　")  # type: ignore[attr-defined]
            at = where((item.label, (*node.path, "label")), (item.title, (*node.path, "title")))  # type: ignore[attr-defined]
            blocks.append(Heading(title, 0, new_page=True, at=at))
        elif node.kind == "table":
            if bullets:
                blocks.append(Bullets(tuple(bullets)))
                bullets = []
            blocks.append(_table(node, sources))
        else:
            bullets += _points(node, sources)
    if bullets:
        blocks.append(Bullets(tuple(bullets)))
    return blocks


def _glossary(report: Report) -> list[Block]:
    """The glossary's heading and entries, wherever the source declares it."""
    glossary = report.glossary_appendix()
    if glossary is None or glossary.glossary is None:
        return []
    path: Src = ("glossary",)
    for a, appendix in enumerate(report.appendices):
        if appendix is glossary:
            path = ("appendices", a)
    entries: Src = ("glossary", "entries") if path == ("glossary",) else (*path, "glossary", "entries")
    title = glossary.title or glossary.glossary.title
    blocks: list[Block] = [Heading(title, 0, new_page=True, at=where((title, (*path, "title"))))]
    for i, entry in enumerate(glossary.entries):
        at = where((entry.term, (*entries, i, "term")), *_definition_sources(entry, (*entries, i, "definition")))
        blocks.append(GlossaryItem(glossary.glossary.entry_label(i) + entry.term, tuple(entry.paragraphs), at))
    return blocks


def _definition_sources(entry: GlossaryEntry, path: Src) -> list[tuple[str, Src]]:
    """Each explanation paragraph of ``entry`` with its source path (the string, or its item in the list)."""
    if isinstance(entry.definition, str):
        return [(entry.definition, path)]
    return [(paragraph, (*path, k)) for k, paragraph in enumerate(entry.paragraphs)]


def _chart_fields(report: Report, index: int, chart: ChartPlan, sources: _Sources) -> tuple[tuple[str, Where], ...]:
    """Every text chart ``index`` prints, with where it comes from."""
    path: Src = ("charts", index)
    declared = report.charts[index]
    figures = report.figures()
    out: list[tuple[str, Where]] = [(chart.title, where((chart.title, (*path, "title"))))]
    figure_at = tuple(
        piece for fid in declared.figure_ids() if fid in figures for piece in sources.figure(figures[fid])
    )
    axis = where((declared.axis_label, (*path, "axis_label"))) or where((declared.unit, (*path, "unit")))
    out.append((chart.axis_label, axis + figure_at + where((chart.title, (*path, "title")))))
    if declared.categories:
        out += [(c, where((c, (*path, "categories", k)))) for k, c in enumerate(declared.categories)]
    else:
        out += [(c, figure_at) for c in chart.categories]
    for s, series in enumerate(chart.series):
        if series.name:
            out.append((series.name, where((series.name, (*path, "series", s, "name")))))
        out += [(bar.text, figure_at) for bar in series.bars]
    out.append(
        (chart.note, where((report.meta.title, ("report", "title"))) + _headings_at(report) + ((chart.note, path),))
    )
    return tuple(out)


def _headings_at(report: Report) -> Where:
    """Every part and section heading with its path (the texts a chart's source note may quote)."""
    return tuple(
        piece
        for node in report.walk(appendices=False)
        if node.kind in ("part", "section")
        for piece in _heading(node).at
    )


def _no_bare_pages(blocks: list[Block]) -> list[Block]:
    """Headings that would each open a page, one directly after the other, share one page.

    An appendix with no content of its own (附录, before 附录一) no longer leaves a page of one line.
    """
    out: list[Block] = []
    for block in blocks:
        previous = out[-1] if out else None
        if isinstance(block, Heading) and block.new_page and isinstance(previous, Heading) and previous.new_page:
            block = replace(block, new_page=False)
        out.append(block)
    return out


def plan_pdf(report: Report) -> PdfPlan:
    """Plan the summary of ``report``."""
    meta = report.meta
    figures = report.figures()
    sources = _Sources(report)
    m: Src = ("report",)
    meeting = (
        where((meta.subtitle, (*m, "subtitle")))
        if meta.subtitle is not None
        else where((meta.session, (*m, "session")), (meta.date_text, (*m, "date")))
    )
    speaker = (
        where((meta.byline, (*m, "byline")))
        if meta.byline is not None
        else where((meta.office, (*m, "office")), (meta.speaker, (*m, "speaker")))
    )
    cover_at = {
        "title": where((meta.title, (*m, "title"))),
        "status": where((meta.status, (*m, "status"))),
        "meeting": meeting,
        "speaker": speaker,
        "issuer": where((meta.issuer, (*m, "issuer"))),
        "date": where((meta.date_text, (*m, "date"))),
    }
    blocks: list[Block] = [
        Cover(meta.title, meta.status_line, meta.meeting_line, meta.speaker_line, meta.issuer, meta.date_text, cover_at)
    ]
    if report.tiles:
        blocks.append(Heading("要点数据", 0, new_page=True))
        specs = []
        for t, tile in enumerate(report.tiles):
            figure = figures[tile.figure]
            prefix, number, unit = figure.display_parts()
            label = where((tile.label, ("tiles", t, "label"))) if tile.label else ()
            at = label + sources.figure(figure) + where((tile.figure, ("tiles", t)))
            specs.append(TileSpec(prefix, number, unit, tile.label or figure.label, at))
        blocks.append(Tiles(tuple(specs)))
    charts = plan_charts(report)
    if charts:
        blocks.append(Heading("数据图表", 0, new_page=not report.tiles))
        blocks += [ChartBlock(chart, _chart_fields(report, i, chart, sources)) for i, chart in enumerate(charts)]
    blocks += _summary(report, sources)
    blocks += _appendices(report, sources)
    blocks += _glossary(report)
    return PdfPlan(
        blocks=_no_bare_pages(blocks),
        title=f"{meta.titled}摘要",
        header=f"{meta.short_title}{meta.status_line}摘要",
        author=meta.issuer,
        subject=meta.subject or meta.short_title,
        keywords=tuple(meta.keywords),
        header_at=where((meta.short_title, (*m, "short_title")), (meta.status, (*m, "status"))),
    )
