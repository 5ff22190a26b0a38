"""Plan the PDF summary: the report as a sequence of plain blocks, no reportlab.

Cover, key figures, charts, a summary of every part and section (lead-ins as bullets with
their figures), the digest lists the source declares, the glossary. :mod:`.emit` turns the
blocks into reportlab flowables.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.charts import ChartPlan, plan_charts
from generator.model import Figure, Point, Report


@dataclass(frozen=True)
class Cover:
    """The cover page."""

    title: str
    status: str
    meeting: str
    speaker: str
    issuer: str
    date: str


@dataclass(frozen=True)
class Heading:
    """A heading with its outline level (0: chapter of the summary, 1: part, 2: section)."""

    text: str
    level: int
    new_page: bool = False


@dataclass(frozen=True)
class TileSpec:
    """A key figure: prefix qualifier, number, unit, label (prefix + number + unit = the quote)."""

    prefix: str
    number: str
    unit: str
    label: str


@dataclass(frozen=True)
class Tiles:
    """A grid of key figures."""

    tiles: tuple[TileSpec, ...]


@dataclass(frozen=True)
class ChartBlock:
    """A chart with its source note."""

    chart: ChartPlan


@dataclass(frozen=True)
class Bullet:
    """A bullet: its text and the figures that belong to it, as printed (区级税收 1亿元)."""

    text: str
    figures: tuple[str, ...] = ()


@dataclass(frozen=True)
class Bullets:
    """A list of bullets, numbered or not."""

    items: tuple[Bullet, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Text:
    """A plain paragraph (introductions, notes)."""

    text: str


@dataclass(frozen=True)
class GlossaryItem:
    """A glossary entry of the summary."""

    term: str
    definition: str


@dataclass(frozen=True)
class TableBlock:
    """A table: caption, unit line, rows of cell texts, how many rows are a header (repeated), notes."""

    caption: str
    unit: str
    rows: tuple[tuple[str, ...], ...]
    header_rows: int
    notes: tuple[str, ...] = ()


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
                out += [block.term, block.definition]
            elif isinstance(block, TableBlock):
                out += [block.caption, block.unit, *(c for row in block.rows for c in row), *block.notes]
        return out


def figure_text(figure: Figure) -> str:
    """A figure as a summary prints it: label and quote, 区级税收 1亿元."""
    return f"{figure.label} {figure.quote}"


def _bullet(point: Point) -> Bullet:
    return Bullet(point.text, tuple(figure_text(f) for f in point.figures))


def _table(table) -> TableBlock:
    """A model table as rows of texts (spans flattened: a spanned cell's text stands in its first cell)."""
    rows = tuple(tuple(cell.text for cell in row) for row in [*table.header, *table.rows])
    return TableBlock(table.table, table.unit or "", rows, len(table.header), tuple(table.notes))


def _summary(report: Report) -> list[Block]:
    """Every part and section once, with the points and figures of its blocks, tables whole."""
    blocks: list[Block] = [Heading("报告摘要", 0, new_page=True)]
    bullets: list[Bullet] = []

    def flush() -> None:
        if bullets:
            blocks.append(Bullets(tuple(bullets)))
            bullets.clear()

    for node in report.walk(appendices=False):
        if node.kind == "part":
            flush()
            blocks.append(Heading(node.item.numbered_heading, 1))  # type: ignore[attr-defined]
        elif node.kind == "section":
            flush()
            blocks.append(Heading(node.item.numbered_heading, 2))  # type: ignore[attr-defined]
        elif node.kind == "table":
            flush()
            blocks.append(_table(node.item))
        elif node.zone == "body":
            bullets += [_bullet(point) for point in node.points()]
    flush()
    return blocks


def _appendices(report: Report) -> list[Block]:
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
            title = f"{node.item.label}　{node.item.title}".strip("　")  # type: ignore[attr-defined]
            blocks.append(Heading(title, 0, new_page=True))
        elif node.kind == "table":
            if bullets:
                blocks.append(Bullets(tuple(bullets)))
                bullets = []
            blocks.append(_table(node.item))
        else:
            bullets += [_bullet(point) for point in node.points()]
    if bullets:
        blocks.append(Bullets(tuple(bullets)))
    return blocks


def plan_pdf(report: Report) -> PdfPlan:
    """Plan the summary of ``report``."""
    meta = report.meta
    figures = report.figures()
    blocks: list[Block] = [
        Cover(meta.title, meta.status_line, meta.meeting_line, meta.speaker_line, meta.issuer, meta.date_text)
    ]
    if report.tiles:
        blocks.append(Heading("要点数据", 0, new_page=True))
        specs = []
        for tile in report.tiles:
            figure = figures[tile.figure]
            prefix, number, unit = figure.display_parts()
            specs.append(TileSpec(prefix, number, unit, tile.label or figure.label))
        blocks.append(Tiles(tuple(specs)))
    charts = plan_charts(report)
    if charts:
        blocks.append(Heading("数据图表", 0, new_page=not report.tiles))
        blocks += [ChartBlock(chart) for chart in charts]
    blocks += _summary(report)
    blocks += _appendices(report)
    glossary = report.glossary_appendix()
    if glossary is not None and glossary.glossary is not None:
        blocks.append(Heading(glossary.title or glossary.glossary.title, 0, new_page=True))
        blocks += [
            GlossaryItem(glossary.glossary.entry_label(i) + e.term, e.definition)
            for i, e in enumerate(glossary.entries)
        ]
    return PdfPlan(
        blocks=blocks,
        title=f"{meta.titled}摘要",
        header=f"{meta.short_title}{meta.status_line}摘要",
        author=meta.issuer,
        subject=meta.subject or meta.short_title,
        keywords=tuple(meta.keywords),
    )
