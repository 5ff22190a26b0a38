"""Plan the PDF summary: the report as a sequence of plain blocks, no reportlab.

Cover, key figures, charts, a summary of every part and section (lead-ins as bullets with
their figures), the digest lists the source declares, the glossary. :mod:`.emit` turns the
blocks into reportlab flowables.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.charts import ChartPlan, plan_charts
from generator.model import Figure, Paragraph, Report, Section


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


Block = Cover | Heading | Tiles | ChartBlock | Bullets | Text | GlossaryItem


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
        return out


def figure_text(figure: Figure) -> str:
    """A figure as a summary prints it: label and quote, 区级税收 1亿元."""
    return f"{figure.label} {figure.quote}"


def _bullet(paragraph: Paragraph) -> Bullet | None:
    figures = tuple(figure_text(f) for f in paragraph.figures)
    shown = paragraph.lead or paragraph.numbered_point
    if shown:
        return Bullet(shown, figures)
    return Bullet("", figures) if figures else None


def _bullets(paragraphs: list[Paragraph]) -> list[Bullet]:
    return [b for b in (_bullet(p) for p in paragraphs) if b is not None]


def _summary(report: Report) -> list[Block]:
    blocks: list[Block] = [Heading("报告摘要", 0, new_page=True)]
    for part in report.parts:
        blocks.append(Heading(part.numbered_heading, 1))
        loose: list[Paragraph] = []
        for item in part.content:
            if isinstance(item, Section):
                if loose:
                    blocks += _bullet_block(loose)
                    loose = []
                blocks.append(Heading(item.numbered_heading, 2))
                blocks += _bullet_block(item.paragraphs)
            else:
                loose.append(item)
        blocks += _bullet_block(loose)
    return blocks


def _bullet_block(paragraphs: list[Paragraph]) -> list[Block]:
    items = _bullets(paragraphs)
    return [Bullets(tuple(items))] if items else []


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
    for part in report.parts:
        if part.digest:
            blocks.append(Heading(part.digest, 0, new_page=False))
            numbered = not any(section.run_in for section in part.sections)  # run-in headings carry （一）
            blocks.append(Bullets(tuple(Bullet(text) for text in part.digest_items()), numbered=numbered))
    if report.glossary.entries:
        blocks.append(Heading(report.glossary.title, 0, new_page=True))
        blocks += [GlossaryItem(e.term, e.definition) for e in report.glossary.entries]
    return PdfPlan(
        blocks=blocks,
        title=f"{meta.title}（{meta.status}）摘要",
        header=f"{meta.short_title}（{meta.status}）摘要",
        author=meta.issuer,
        subject=meta.subject or meta.short_title,
        keywords=tuple(meta.keywords),
    )
