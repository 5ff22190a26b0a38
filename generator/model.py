"""The typed document model of a government work report (政府工作报告).

Plain pydantic classes, no I/O. The loader (:mod:`generator.loader`) builds a
:class:`Report` from YAML; every renderer reads only this model. Derived facts
(numbering, inline spans, figure locations, chart notes) are computed here once,
so no renderer re-derives them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, PrivateAttr, Tag, model_validator

from generator.inline import Span, parse_inline, plain_text
from generator.numbers import PREFIX_QUALIFIERS, Quantity, chinese_numeral, parse_quantity, unit_scale

STATUS_SLUGS: dict[str, str] = {
    "草案": "draft",
    "征求意见稿": "consultation",
    "送审稿": "review",
    "定稿": "final",
}
"""Report statuses and the ASCII slug each gives to product file names."""

Status = Literal["草案", "征求意见稿", "送审稿", "定稿"]


class _Model(BaseModel):
    """Base of every model class: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Meta(_Model):
    """Meeting metadata: what the report is, who gives it, where and when."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="报告标识（小写字母、数字、连字符），用于文件名")
    version: int = Field(1, ge=1, description="版本号，用于文件名")
    title: str = Field(min_length=1, description="标题，如“政府工作报告”")
    status: Status = Field(description="文稿状态，如“草案”")
    date: dt.date = Field(description="会议日期，如 2020-08-20")
    session: str = Field(min_length=1, description="会议名称")
    speaker: str = Field(min_length=1, description="报告人姓名")
    office: str = Field(min_length=1, description="报告人职务")
    issuer: str = Field(min_length=1, description="发文机关（文档作者）")
    short_title: str = Field(min_length=1, description="简短标题（页眉、文档属性）")
    subject: str = Field("", description="主题（文档属性）")
    keywords: list[str] = Field(default_factory=list, description="关键词（文档属性）")
    motto: str | None = Field(None, description="结束页的大字标语；省略时取结束语的最后一句")

    @property
    def status_line(self) -> str:
        """The status mark under the title, with full-width parentheses: （草案）."""
        return f"（{self.status}）"

    @property
    def date_text(self) -> str:
        """The meeting date written the Chinese way: 2020年8月20日."""
        return f"{self.date.year}年{self.date.month}月{self.date.day}日"

    @property
    def meeting_line(self) -> str:
        """The line under the title: ——2020年8月20日在…会议上."""
        return f"——{self.date_text}在{self.session}上"

    @property
    def speaker_name_spaced(self) -> str:
        """The speaker's name as printed: a two-character name gets an ideographic space."""
        name = self.speaker
        return f"{name[0]}\u3000{name[1]}" if len(name) == 2 else name

    @property
    def speaker_line(self) -> str:
        """The speaker line: office, ideographic space, name."""
        return f"{self.office}\u3000{self.speaker_name_spaced}"

    @property
    def file_stem(self) -> str:
        """The stem of every product file name: id, status slug and version."""
        return f"{self.id}_{STATUS_SLUGS[self.status]}_v{self.version}"


class Figure(_Model):
    """A figure quoted in a paragraph: the quote must stand in the text and say the value."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="数据标识，供要点数据和图表引用")
    label: str = Field(min_length=1, description="数据名称，如“区级税收”")
    quote: str = Field(min_length=1, description="正文中的原文，如“9818.3万元”“3万6千余人”")
    value: Decimal = Field(description="数值（以 unit 为单位）")
    unit: str = Field(min_length=1, description="单位，如“万元”“人”")
    qualifier: str | None = Field(None, description="限定词，如“余”“近”；省略时取自原文")

    @cached_property
    def quantity(self) -> Quantity:
        """The quote parsed: number, magnitude, qualifier and unit as written."""
        return parse_quantity(self.quote)

    @property
    def base_unit(self) -> str:
        """The unit without magnitude prefix (万元 → 元)."""
        return unit_scale(self.unit)[1]

    @property
    def base_value(self) -> Decimal:
        """The value in the base unit (9818.3 万元 → 98183000)."""
        return self.value * unit_scale(self.unit)[0]

    def value_in(self, unit: str) -> Decimal:
        """The value converted into ``unit`` (same base unit), e.g. 1 亿元 in 万元 → 10000."""
        scale, base = unit_scale(unit)
        if base != self.base_unit:
            raise ValueError(f"{self.unit} cannot be expressed in {unit}")
        return self.base_value / scale

    @property
    def number_text(self) -> str:
        """The number as the sentence writes it, without qualifier or unit: 3万6千, 9818.3万."""
        return self.quantity.number_text

    @property
    def display_qualifier(self) -> str:
        """The qualifier shown with the figure (declared or from the quote)."""
        return self.qualifier if self.qualifier is not None else self.quantity.qualifier

    @property
    def display(self) -> str:
        """The figure as one string, as the report writes it: 3万6千余人."""
        return self.quote

    def display_parts(self) -> tuple[str, str, str]:
        """The quote cut for showing big: (prefix qualifier, number, unit) — 近|400|篇, 3万6千余|人."""
        quote = self.quote
        prefix = next((q for q in PREFIX_QUALIFIERS if quote.startswith(q)), "")
        rest = quote[len(prefix) :]
        end = 0
        while end < len(rest) and (rest[end].isdigit() or rest[end] in ".十百千万亿余多 "):
            end += 1
        return prefix, rest[:end], rest[end:]


class Paragraph(_Model):
    """A body paragraph: optional level-3 point, bold lead-in, text with ``**emphasis**``, figures."""

    point: str | None = Field(None, description="第三层标题（不含序号，自动编为“1.”“2.”…），标在本段之前或作为段首")
    run_in: bool = Field(False, description="true：第三层标题不单独成行，作为段首")
    lead: str | None = Field(None, description="段首加粗的引领句，如“高站位部署政策要求。”")
    text: str = Field(description="段落正文；**…** 表示加粗强调")
    figures: list[Figure] = Field(default_factory=list, description="本段引用的数据")

    _location: tuple[int, int | None] = PrivateAttr(default=(0, None))
    _point_number: int = PrivateAttr(default=0)

    @property
    def numbered_point(self) -> str | None:
        """The level-3 heading with its number (1.加强…), or None."""
        return f"{self._point_number}.{self.point}" if self.point else None

    def speech(self) -> list[str]:
        """The paragraph as spoken: a standalone point is a line of its own, a run-in one opens the text."""
        if not self.point:
            return [self.full_text]
        if self.run_in:
            return [f"{self.numbered_point}{self.full_text}"]
        return [self.numbered_point or "", self.full_text]

    @cached_property
    def spans(self) -> list[Span]:
        """The text as runs with their emphasis (lead-in excluded)."""
        return parse_inline(self.text)

    @property
    def body_text(self) -> str:
        """The text without markup (lead-in excluded)."""
        return plain_text(self.spans)

    @property
    def full_text(self) -> str:
        """Lead-in and text, as printed, without markup."""
        return (self.lead or "") + self.body_text

    @property
    def part_index(self) -> int:
        """Index of the part the paragraph stands in (-1: opening or closing)."""
        return self._location[0]

    @property
    def section_index(self) -> int | None:
        """Index of the section within its part, or None outside sections."""
        return self._location[1]


class Section(_Model):
    """A numbered section （一）…: a heading line, or a run-in heading opening its paragraph."""

    section: str = Field(min_length=1, description="小节标题（不含序号，序号自动生成）")
    run_in: bool = Field(False, description="true：标题不单独成行，作为段首（如第三部分的（一）…（四））")
    paragraphs: list[Paragraph] = Field(min_length=1, description="小节的段落")

    _number: int = PrivateAttr(default=1)

    @property
    def heading(self) -> str:
        """The heading text without its number."""
        return self.section

    @property
    def label(self) -> str:
        """The section number: （一）."""
        return f"（{chinese_numeral(self._number)}）"

    @property
    def numbered_heading(self) -> str:
        """Number and heading: （一）一手抓疫情防控…."""
        return self.label + self.section


def _content_kind(value: object) -> str:
    """The union tag of a content item: a mapping with ``section`` is a section."""
    if (isinstance(value, dict) and "section" in value) or isinstance(value, Section):
        return "~section"
    return "~paragraph"


Content = Annotated[
    Annotated[Paragraph, Tag("~paragraph")] | Annotated[Section, Tag("~section")],
    Discriminator(_content_kind),
]


class Part(_Model):
    """A part 一、…: paragraphs and sections in any order."""

    heading: str = Field(min_length=1, description="部分标题（不含序号“一、”，序号自动生成）")
    digest: str | None = Field(
        None,
        description="要点清单的标题；设置后，本部分的引领句或小节标题单独列为清单（如“下半年重点推进六方面工作”）",
    )
    content: list[Content] = Field(min_length=1, description="段落（text）与小节（section），按原文顺序")

    _number: int = PrivateAttr(default=1)

    @property
    def label(self) -> str:
        """The part number: 一、."""
        return f"{chinese_numeral(self._number)}、"

    @property
    def numbered_heading(self) -> str:
        """Number and heading: 一、2020年上半年工作回顾."""
        return self.label + self.heading

    @property
    def sections(self) -> list[Section]:
        """The sections of the part, in order."""
        return [c for c in self.content if isinstance(c, Section)]

    def paragraphs(self) -> list[Paragraph]:
        """Every paragraph of the part, inside sections or not, in order."""
        out: list[Paragraph] = []
        for item in self.content:
            out.extend(item.paragraphs if isinstance(item, Section) else [item])
        return out

    def digest_items(self) -> list[str]:
        """The points listed under :attr:`digest`: run-in section headings, else lead-ins."""
        run_ins = [s.numbered_heading for s in self.sections if s.run_in]
        if run_ins:
            return run_ins
        return [p.lead for p in self.paragraphs() if p.lead]


class GlossaryEntry(_Model):
    """A term of the glossary appendix with its definition; page references are computed."""

    term: str = Field(min_length=1, description="名词，如“六稳”（引号照录）")
    definition: str = Field(min_length=1, description="解释")
    cite: Literal["all", "first"] = Field(
        "all", description="引用页码：all 为正文中出现的每一页（默认），first 只标首次出现的一页"
    )


class Glossary(_Model):
    """The glossary appendix (附件 主要名词解释)."""

    label: str = Field("附件", description="附件标识")
    title: str = Field("主要名词解释", description="附件标题")
    entries: list[GlossaryEntry] = Field(default_factory=list, description="名词及解释")


class Tile(_Model):
    """A key-figure tile: a figure shown big, with its label."""

    figure: str = Field(description="数据标识（figures 中的 id）")
    label: str | None = Field(None, description="显示名称；省略时用数据的 label")


class Chart(_Model):
    """A chart of figures that share one unit."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="图表标识")
    title: str = Field(min_length=1, description="图表标题")
    kind: Literal["bar", "column"] = Field("column", description="column：柱形图；bar：条形图")
    unit: str = Field(min_length=1, description="图表单位（所有数据须可换算为此单位），如“万元”")
    axis_label: str = Field("", description="数值轴标题；省略时为“数量（单位）”")
    figures: list[str] = Field(min_length=1, description="数据标识列表")


class Report(_Model):
    """A whole work report: metadata, body, glossary, key figures and charts."""

    report: Meta = Field(description="报告元数据")
    salutation: str = Field("各位代表：", description="称呼")
    opening: list[Paragraph] = Field(default_factory=list, description="开场段落")
    parts: list[Part] = Field(min_length=1, description="正文各部分")
    closing: list[Paragraph] = Field(default_factory=list, description="结束语段落")
    glossary: Glossary = Field(default_factory=Glossary, description="附件：主要名词解释")
    tiles: list[Tile] = Field(default_factory=list, description="要点数据（大字展示）")
    charts: list[Chart] = Field(default_factory=list, description="图表")

    @model_validator(mode="after")
    def _number_and_locate(self) -> Report:
        """Give parts, sections and points their numbers and paragraphs their location."""
        for paragraph in self.opening + self.closing:
            paragraph._location = (-1, None)
        for group in self._point_groups():
            number = 0
            for paragraph in group:
                if paragraph.point:
                    number += 1
                    paragraph._point_number = number
        for part_index, part in enumerate(self.parts):
            part._number = part_index + 1
            for section_index, section in enumerate(part.sections):
                section._number = section_index + 1
            section_index = -1
            for item in part.content:
                if isinstance(item, Section):
                    section_index += 1
                    for paragraph in item.paragraphs:
                        paragraph._location = (part_index, section_index)
                else:
                    item._location = (part_index, None)
        return self

    def _point_groups(self) -> list[list[Paragraph]]:
        """Paragraph runs within which level-3 points are numbered: each section, each part's own."""
        groups = [self.opening, self.closing]
        for part in self.parts:
            groups.append([item for item in part.content if isinstance(item, Paragraph)])
            groups += [section.paragraphs for section in part.sections]
        return groups

    @property
    def meta(self) -> Meta:
        """The metadata (alias of ``report``)."""
        return self.report

    def body_paragraphs(self) -> list[Paragraph]:
        """Every paragraph of the body in order: opening, parts, closing."""
        out = list(self.opening)
        for part in self.parts:
            out.extend(part.paragraphs())
        out.extend(self.closing)
        return out

    def speech(self) -> list[str]:
        """The spoken body in order, from the salutation to the end of the closing.

        Headings are lines of their own; a run-in heading opens its paragraph.
        """
        out = [self.salutation] + [line for p in self.opening for line in p.speech()]
        for part in self.parts:
            out.append(part.numbered_heading)
            for item in part.content:
                if isinstance(item, Paragraph):
                    out.extend(item.speech())
                    continue
                texts = [line for p in item.paragraphs for line in p.speech()]
                if item.run_in:
                    texts[0] = item.numbered_heading + texts[0]
                else:
                    out.append(item.numbered_heading)
                out.extend(texts)
        out.extend(line for p in self.closing for line in p.speech())
        return out

    def reading_order(self) -> list[str]:
        """Every printed text in order: title block, speech, glossary (without page references)."""
        meta = self.meta
        out = [meta.title, meta.status_line, meta.meeting_line, meta.speaker_line, *self.speech()]
        if self.glossary.entries:
            out += [self.glossary.label, self.glossary.title]
            out += [f"{e.term}：{e.definition}" for e in self.glossary.entries]
        return out

    def figures(self) -> dict[str, Figure]:
        """All figures by id."""
        return {f.id: f for p in self.body_paragraphs() for f in p.figures}

    def paragraph_of(self, figure_id: str) -> Paragraph:
        """The paragraph a figure stands in."""
        for paragraph in self.body_paragraphs():
            if any(f.id == figure_id for f in paragraph.figures):
                return paragraph
        raise KeyError(figure_id)

    def place_of(self, paragraph: Paragraph) -> str:
        """Where a paragraph stands, in words: 第一部分（一）一手抓…, or 开场/结束语."""
        if paragraph.part_index < 0:
            return "开场" if paragraph in self.opening else "结束语"
        part = self.parts[paragraph.part_index]
        where = f"{part.numbered_heading}"
        if paragraph.section_index is not None:
            where += " " + part.sections[paragraph.section_index].numbered_heading
        return where

    def chart_note(self, chart: Chart) -> str:
        """The one-line source note of a chart: the part (and section) its figures come from."""
        places = [self.paragraph_of(fid) for fid in chart.figures]
        parts = {p.part_index for p in places}
        sections = {(p.part_index, p.section_index) for p in places}
        if len(sections) == 1:
            where = self.place_of(places[0])
        elif len(parts) == 1 and places[0].part_index >= 0:
            where = self.parts[places[0].part_index].numbered_heading
        else:
            where = "、".join(self.parts[i].numbered_heading for i in sorted(parts) if i >= 0)
        return f"资料来源：《{self.meta.title}》{where}"

    def chart_axis_label(self, chart: Chart) -> str:
        """The value axis title of a chart: declared, else 数量（unit）."""
        return chart.axis_label or f"数量（{chart.unit}）"
