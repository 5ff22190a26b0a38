"""The typed document model of a government work report (政府工作报告).

Plain pydantic classes, no I/O. The loader (:mod:`generator.loader`) and the readers
(:mod:`generator.readers`) build a :class:`Report`; every writer reads only this model.

The body is a tree: opening → parts (一、) → sections (（一）) → blocks, then the closing
and the appendices (附件, 附录). A *block* is a paragraph, a list (——bullets or numbered
items) or a table. :meth:`Report.walk` is the one traversal of that tree in reading
order: the loader's checks, the readers' round trips and every renderer use it, and the
numbering (as :class:`Numbering` decides) is computed here once.
"""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, PrivateAttr, Tag, model_validator

from generator.inline import Span, parse_inline, plain_text
from generator.leadins import SENTENCE_ENDS, first_sentence_of, implied_lead, whole_opening
from generator.numbers import Quantity, QuantityError, chinese_numeral, parse_quantity, split_quote, unit_scale

STATUS_SLUGS: dict[str, str] = {
    "草案": "draft",
    "征求意见稿": "consultation",
    "送审稿": "review",
    "定稿": "final",
}
"""Report statuses and the ASCII slug each gives to product file names."""

Status = Literal["草案", "征求意见稿", "送审稿", "定稿"]
NumberingMode = Literal["auto", "written", "none"]
"""auto: numbers are generated; written: the heading carries its own number (the sequence
is checked); none: no number."""

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
MAX_ID = 120
"""Longest id accepted (product file names stay well under NAME_MAX)."""

LIMITS: dict[str, tuple[int, str, str]] = {
    # what: (most accepted, Chinese name, English name); the loader refuses more, at the first extra item
    "parts": (99, "部分", "parts"),
    "sections": (99, "一个部分的小节", "sections in a part"),
    "blocks": (5000, "一处的段落、列表和表格", "paragraphs, lists and tables in one place"),
    "items": (1000, "列表条目", "list items"),
    "rows": (1000, "表格行", "table rows"),
    "figures": (200, "一段的数据", "figures in one paragraph"),
    "chart_figures": (100, "一个图表的数据", "figures in one chart"),
    "series": (20, "一个图表的系列", "series in one chart"),
    "tiles": (99, "要点数据", "tiles"),
    "charts": (99, "图表", "charts"),
    "appendices": (99, "附件", "appendices"),
    "entries": (999, "名词解释条目", "glossary entries"),
    "definition": (99, "一条名词解释的段落", "paragraphs of one glossary explanation"),
}
"""Counts the loader accepts (far above any real report; every renderer is tested within them)."""


class _Model(BaseModel):
    """Base of every model class: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Numbering(_Model):
    """How parts, sections and points are numbered (report-wide, or for one part)."""

    parts: NumberingMode = Field("auto", description="部分序号：auto 自动（一、二、）；written 标题自带；none 不编号")
    sections: NumberingMode = Field(
        "auto", description="小节序号：auto 自动（（一）（二））；written 标题自带；none 不编号"
    )
    points: NumberingMode = Field("auto", description="第三层序号：auto 自动（1. 2.）；written 标题自带；none 不编号")
    points_scope: Literal["section", "part"] = Field(
        "section", description="第三层序号范围：section 每小节重新编号；part 全部分连续编号"
    )


class Meta(_Model):
    """Meeting metadata: what the report is, who gives it, where and when."""

    id: str = Field(pattern=ID_PATTERN, max_length=MAX_ID, description="报告标识（小写字母、数字、连字符），用于文件名")
    version: int = Field(1, ge=1, le=9999, strict=True, description="版本号，用于文件名")
    title: str = Field(min_length=1, description="标题，如“政府工作报告”")
    status: Status | None = Field(None, description="文稿状态，如“草案”；省略时不印（正式发布的版本）")
    date: dt.date = Field(description="会议日期，如 2020-08-20")
    session: str = Field(min_length=1, description="会议名称")
    speaker: str = Field(min_length=1, description="报告人姓名")
    office: str = Field(min_length=1, description="报告人职务")
    issuer: str = Field(min_length=1, description="发文机关（文档作者）")
    short_title: str = Field(min_length=1, description="简短标题（页眉、文档属性）")
    subject: str = Field("", description="主题（文档属性）")
    keywords: list[str] = Field(default_factory=list, description="关键词（文档属性）")
    motto: str | None = Field(None, description="结束页的大字标语；省略时取结束语的最后一句")
    subtitle: str | None = Field(None, description="标题下的会议行，照原文；省略时为“——日期在会议上”")
    byline: str | None = Field(None, description="报告人行，照原文；省略时为“职务　姓名”")

    @property
    def status_line(self) -> str:
        """The status mark under the title, with full-width parentheses: （草案）; empty without a status."""
        return f"（{self.status}）" if self.status else ""

    @property
    def date_text(self) -> str:
        """The meeting date written the Chinese way: 2020年8月20日."""
        return f"{self.date.year}年{self.date.month}月{self.date.day}日"

    @property
    def meeting_line(self) -> str:
        """The line under the title: as written, else ——2020年8月20日在…会议上."""
        return self.subtitle if self.subtitle is not None else f"——{self.date_text}在{self.session}上"

    @property
    def speaker_name_spaced(self) -> str:
        """The speaker's name as printed: a two-character name gets an ideographic space."""
        name = self.speaker
        return f"{name[0]}\u3000{name[1]}" if len(name) == 2 else name

    @property
    def speaker_line(self) -> str:
        """The speaker line: as written, else office, ideographic space, name."""
        return self.byline if self.byline is not None else f"{self.office}\u3000{self.speaker_name_spaced}"

    @property
    def titled(self) -> str:
        """The title with its status mark: 政府工作报告（草案）, or the title alone."""
        return self.title + self.status_line

    @property
    def file_stem(self) -> str:
        """The stem of every product file name: id, status slug (if any) and version."""
        status = f"_{STATUS_SLUGS[self.status]}" if self.status else ""
        return f"{self.id}{status}_v{self.version}"


class Figure(_Model):
    """A figure quoted in a paragraph: the quote must stand in the text and say the value."""

    id: str = Field(pattern=ID_PATTERN, max_length=MAX_ID, description="数据标识，供要点数据和图表引用")
    label: str = Field(min_length=1, description="数据名称，如“区级税收”")
    quote: str = Field(min_length=1, description="正文中的原文，如“9818.3万元”“3万6千余人”“6%—6.5%”")
    value: Decimal = Field(description="数值（以 unit 为单位）；区间为下限")
    upper: Decimal | None = Field(None, description="区间的上限（如“6%—6.5%”的 6.5）")
    unit: str = Field(description="单位，如“万元”“人”“%”；计数名词前的数量级写“万”")
    qualifier: str | None = Field(None, description="限定词，如“余”“近”“左右”；省略时取自原文")
    cell: tuple[int, int] | None = Field(None, description="表格中的位置 [行, 列]（从 0 起，不含表头）")

    @cached_property
    def quantity(self) -> Quantity:
        """The quote parsed: number, magnitude, hedge and unit as written."""
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
        """The quote cut for showing big: (prefix hedge, number, rest) — 近|400|篇, 3万6千余|人."""
        try:
            return split_quote(self.quote)
        except QuantityError:  # a bare number in a table cell
            return "", self.quote, ""


class _Texted(_Model):
    """Shared behaviour of blocks that carry a text with ``**emphasis**`` and figures."""

    @cached_property
    def spans(self) -> list[Span]:
        """The text as runs with their emphasis (lead-in excluded)."""
        return parse_inline(self.text)  # type: ignore[attr-defined]

    @property
    def body_text(self) -> str:
        """The text without markup (lead-in excluded)."""
        return plain_text(self.spans)

    @property
    def full_text(self) -> str:
        """Lead-in and text, as printed, without markup."""
        return (getattr(self, "lead", None) or "") + self.body_text


class Paragraph(_Texted):
    """A body paragraph: optional level-3 point, bold lead-in(s), text with ``**emphasis**``, figures."""

    point: str | None = Field(None, description="第三层标题（不含序号，自动编为“1.”“2.”…），标在本段之前或作为段首")
    run_in: bool = Field(False, description="true：第三层标题不单独成行，作为段首")
    lead: str | None = Field(None, description="段首加粗的引领句，如“高站位部署政策要求。”")
    leads: list[str] = Field(
        default_factory=list,
        description="段中的引领句（如“一是……”“第一，……”），须与正文一字不差；正文照原文不变，摘要和幻灯片列出它们",
    )
    text: str = Field(description="段落正文；**…** 表示加粗强调")
    figures: list[Figure] = Field(default_factory=list, description="本段引用的数据")

    _point_label: str = PrivateAttr(default="")

    @property
    def numbered_point(self) -> str | None:
        """The level-3 heading with its number (1.加强…), or None."""
        return f"{self._point_label}{self.point}" if self.point else None

    def speech(self, prefix: str = "") -> list[str]:
        """The paragraph as spoken: a standalone point is a line of its own, a run-in one opens the text."""
        if not self.point:
            return [prefix + self.full_text]
        if self.run_in:
            return [f"{prefix}{self.numbered_point}{self.full_text}"]
        return [prefix + (self.numbered_point or ""), self.full_text]

    @cached_property
    def implied_lead(self) -> str | None:
        """The opening sentence of the text when it is the paragraph's lead-in without being marked.

        Only where the paragraph has no lead-in of its own (no ``lead``, no ``point``, no text opening
        in bold); the rules are :mod:`generator.leadins`'. The text stays as written.
        """
        if self.lead or self.point or (self.spans and self.spans[0].emphasis):
            return None
        if self.leads:
            return None  # its own lead-ins (一是……、第一，……) are the points; the opening sentence frames them
        return implied_lead(self.body_text)

    def lead_ins(self) -> list[str]:
        """Every lead-in the paragraph carries, in order: the opening one (bold or implied), then those in the text."""
        opening = self.lead or self.implied_lead
        return ([opening] if opening else []) + list(self.leads)

    def lead_offsets(self) -> list[tuple[int, int]]:
        """Where each of :attr:`leads` stands in :attr:`full_text` (in order; missing ones skipped)."""
        out: list[tuple[int, int]] = []
        text = self.full_text
        position = len(self.lead or "")
        for lead in self.leads:
            found = text.find(lead, position)
            if found < 0:
                continue
            out.append((found, found + len(lead)))
            position = found + len(lead)
        return out


class ListItem(_Texted):
    """An item of a list: optional lead-in, text, figures."""

    lead: str | None = Field(None, description="条目的引领句（加粗或不加粗，照原文），如“开工建设滨州黄河四桥：”")
    text: str = Field("", description="条目正文；**…** 表示加粗强调")
    figures: list[Figure] = Field(default_factory=list, description="本条引用的数据")


class ListBlock(_Model):
    """A list: ——bullets (marker as written) or numbered items (1. 2. …, 1、 2、 …, （1）…)."""

    list: Literal["bullet", "numbered"] = Field(description="bullet：——条目；numbered：编号条目")
    marker: str = Field("——", description="条目标记，照原文：“——”“──”；编号条目写第一个编号的样式，如“1.”“1、”“（1）”")
    items: builtins.list[ListItem] = Field(min_length=1, description="条目")

    def item_marker(self, index: int) -> str:
        """The marker printed before item ``index`` (0-based): —— or 3. (the pattern's 1 replaced)."""
        if self.list == "bullet":
            return self.marker
        return self.marker.replace("1", str(index + 1), 1)

    def item_lines(self) -> builtins.list[str]:
        """Every item as printed: marker, lead-in and text."""
        return [self.item_marker(i) + item.full_text for i, item in enumerate(self.items)]


class Cell(_Model):
    """A table cell: text (lines separated by newlines), and how many columns and rows it spans."""

    text: str = Field("", description="单元格文字（可多行）；空格表示空单元格")
    colspan: int = Field(1, ge=1, le=64, description="跨列数")
    rowspan: int = Field(1, ge=1, le=10000, description="跨行数")


def _cell(value: object) -> object:
    """A cell written as a plain string, number or null is a :class:`Cell` with that text."""
    if value is None:
        return {"text": ""}
    if isinstance(value, (str, int, Decimal, float)) and not isinstance(value, bool):
        return {"text": str(value)}
    return value


CellValue = Annotated[Cell, Field(description="单元格：文字，或 {text, colspan, rowspan}")]


class Table(_Model):
    """A table: caption, unit, header rows, rows; numbers in cells may be declared as figures."""

    table: str = Field(description="表题，如“主要指标完成情况”（可为空）")
    unit: str | None = Field(None, description="表的单位说明，照原文，如“单位：亿元”")
    header: list[list[CellValue]] = Field(default_factory=list, description="表头行（每页重复）")
    rows: list[list[CellValue]] = Field(min_length=1, description="表体行")
    notes: list[str] = Field(default_factory=list, description="表注，照原文")
    figures: list[Figure] = Field(default_factory=list, description="表中的数据（cell 指明位置）")

    @model_validator(mode="before")
    @classmethod
    def _cells(cls, data: object) -> object:
        if isinstance(data, dict):
            data = dict(data)
            for key in ("header", "rows"):
                rows = data.get(key)
                if isinstance(rows, list):
                    data[key] = [[_cell(c) for c in row] if isinstance(row, list) else row for row in rows]
        return data

    @property
    def columns(self) -> int:
        """Number of columns (the widest row, spans counted)."""
        return max(sum(c.colspan for c in row) for row in [*self.header, *self.rows])

    def cell_text(self, row: int, column: int) -> str:
        """The text of body cell ``[row, column]`` (list positions, spans not expanded)."""
        return self.rows[row][column].text

    def texts(self) -> list[str]:
        """Every printed text of the table in reading order: caption, unit, cells, notes."""
        out = [t for t in (self.table, self.unit or "") if t]
        out += [cell.text for row in [*self.header, *self.rows] for cell in row if cell.text]
        return out + list(self.notes)


def _block_kind(value: object) -> str:
    """The union tag of a content item, from its first distinctive key."""
    if isinstance(value, dict):
        for key in ("section", "list", "table"):
            if key in value:
                return f"~{key}"
        return "~paragraph"
    return {Section: "~section", ListBlock: "~list", Table: "~table"}.get(type(value), "~paragraph")


Block = Annotated[
    Annotated[Paragraph, Tag("~paragraph")] | Annotated[ListBlock, Tag("~list")] | Annotated[Table, Tag("~table")],
    Discriminator(_block_kind),
]
"""A block of text: a paragraph, a list or a table."""


class Section(_Model):
    """A section （一）…: a heading line, or a run-in heading opening its first paragraph."""

    section: str = Field(min_length=1, description="小节标题（自动编号时不含序号）")
    run_in: bool = Field(False, description="true：标题不单独成行，作为段首（如第三部分的（一）…（四））")
    paragraphs: list[Block] = Field(min_length=1, description="小节的段落、列表和表格")

    _label: str = PrivateAttr(default="")

    @property
    def heading(self) -> str:
        """The heading text without its generated number."""
        return self.section

    @property
    def label(self) -> str:
        """The generated section number: （一）; empty when numbers are written or absent."""
        return self._label

    @property
    def numbered_heading(self) -> str:
        """Number and heading: （一）一手抓疫情防控…."""
        return self.label + self.section


Content = Annotated[
    Annotated[Paragraph, Tag("~paragraph")]
    | Annotated[ListBlock, Tag("~list")]
    | Annotated[Table, Tag("~table")]
    | Annotated[Section, Tag("~section")],
    Discriminator(_block_kind),
]


class Part(_Model):
    """A part 一、…: blocks and sections in any order."""

    heading: str = Field(min_length=1, description="部分标题（自动编号时不含序号“一、”）")
    digest: str | None = Field(
        None,
        description="要点清单的标题；设置后，本部分的引领句或小节标题在幻灯片上以此为题",
    )
    numbering: Numbering | None = Field(None, description="本部分小节和第三层的编号方式（覆盖全文设置）")
    content: list[Content] = Field(
        min_length=1, description="段落（text）、列表（list）、表格（table）与小节（section）"
    )

    _label: str = PrivateAttr(default="")

    @property
    def label(self) -> str:
        """The generated part number: 一、; empty when numbers are written or absent."""
        return self._label

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
            for block in item.paragraphs if isinstance(item, Section) else [item]:
                if isinstance(block, Paragraph):
                    out.append(block)
        return out

    def digest_items(self) -> list[str]:
        """The points this part lists: run-in section headings, else the lead-ins its text marks.

        Marked ones only (bold ``lead``, ``leads``): a digest such as 六方面工作 counts those, not the
        opening sentences :attr:`Paragraph.implied_lead` finds.
        """
        run_ins = [s.numbered_heading for s in self.sections if s.run_in]
        if run_ins:
            return run_ins
        return [lead for p in self.paragraphs() for lead in ([p.lead] if p.lead else []) + list(p.leads)]


def _definition_kind(value: object) -> str:
    """The union tag of a glossary definition: one paragraph (a string) or several (a list)."""
    return "~paragraphs" if isinstance(value, list) else "~text"


DefinitionParagraph = Annotated[str, Field(min_length=1, description="解释的一段")]

Definition = Annotated[
    Annotated[str, Field(min_length=1), Tag("~text")]
    | Annotated[list[DefinitionParagraph], Field(min_length=1), Tag("~paragraphs")],
    Discriminator(_definition_kind),
]
"""A glossary entry's explanation: one paragraph as a string, or several as a list, in the order written."""


class GlossaryEntry(_Model):
    """A term of the glossary: display form, the terms looked up, every explanation paragraph; references computed."""

    term: str = Field(min_length=1, description="名词，照原文印出，如“六稳”“四个意识”“四个自信”")
    match: list[str] | None = Field(
        None,
        description="在正文中查找的文字；省略时为名词本身（含多个引号名词时取各引号内文字）；[] 表示不标页码",
    )
    definition: Definition = Field(
        description="解释：一段写作字符串；多段写作列表，每项一段，按原文顺序（如 [第一段, 第二段]）"
    )
    cite: Literal["all", "first"] = Field(
        "all", description="引用页码：all 为正文中出现的每一页（默认），first 只标首次出现的一页"
    )

    @property
    def paragraphs(self) -> list[str]:
        """The explanation's paragraphs in the order written (one for a definition written as a string)."""
        return [self.definition] if isinstance(self.definition, str) else list(self.definition)

    def match_texts(self) -> list[str]:
        """What the entry looks up in the body: declared, else its quoted terms, else the term."""
        if self.match is not None:
            return list(self.match)
        quoted = _quoted_parts(self.term)
        return quoted if len(quoted) > 1 else [self.term]


def _quoted_parts(text: str) -> list[str]:
    """The texts inside “…” in ``text``, in order."""
    out, depth, current = [], 0, []
    for ch in text:
        if ch == "“":
            depth += 1
            if depth == 1:
                current = []
                continue
        elif ch == "”" and depth:
            depth -= 1
            if depth == 0:
                out.append("".join(current))
                continue
        if depth:
            current.append(ch)
    return [q for q in out if q]


class Glossary(_Model):
    """The glossary (主要名词解释): entries, their numbering and what their references give."""

    label: str = Field("附件", description="附件标识，如“附件”“附件2”“附录一”")
    title: str = Field("主要名词解释", description="标题，如“主要名词解释”“名词解释”“注释”")
    numbering: Literal["none", "1.", "1、", "[1]", "（1）"] = Field(
        "none", description="条目编号：none、1.、1、、[1] 或 （1）"
    )
    refs: Literal["page", "line", "none"] = Field(
        "page", description="引用：page 页码（第3页）；line 页码和行（第3页第5行）；none 不标"
    )
    entries: list[GlossaryEntry] = Field(default_factory=list, description="名词及解释")

    def entry_label(self, index: int) -> str:
        """The number printed before entry ``index`` (0-based), or ''."""
        return "" if self.numbering == "none" else self.numbering.replace("1", str(index + 1), 1)


class Appendix(_Model):
    """An appendix (附件1, 附录一 …): label as written, title, content; or the glossary."""

    label: str = Field("", description="附件标识，照原文，如“附件1”“附录一”；原文没有标识时为空（不印）")
    title: str = Field("", description="附件标题")
    content: list[Block] = Field(default_factory=list, description="段落、列表和表格")
    glossary: Glossary | None = Field(None, description="本附件为名词解释时的条目（label、title 取本附件的）")

    @property
    def entries(self) -> list[GlossaryEntry]:
        """The glossary entries, if this appendix is the glossary."""
        return self.glossary.entries if self.glossary else []


class Tile(_Model):
    """A key-figure tile: a figure shown big, with its label."""

    figure: str = Field(description="数据标识（figures 中的 id）")
    label: str | None = Field(None, description="显示名称；省略时用数据的 label")


class Series(_Model):
    """A series of a chart with several: its name and its figures, one per category."""

    name: str = Field(min_length=1, description="系列名称，如“2016年”")
    figures: list[str] = Field(min_length=1, description="数据标识列表（与类别一一对应）")


class Chart(_Model):
    """A chart of figures that share one unit: one series (figures) or several (series)."""

    id: str = Field(pattern=ID_PATTERN, max_length=MAX_ID, description="图表标识")
    title: str = Field(min_length=1, description="图表标题")
    kind: Literal["bar", "column"] = Field("column", description="column：柱形图；bar：条形图")
    unit: str = Field(min_length=1, description="图表单位（所有数据须可换算为此单位），如“万元”")
    axis_label: str = Field("", description="数值轴标题；省略时由数据名称和单位组成")
    figures: list[str] = Field(default_factory=list, description="数据标识列表（单系列）")
    categories: list[str] = Field(
        default_factory=list, description="多系列图表的类别名称；省略时取第一个系列数据的名称"
    )
    series: list[Series] = Field(default_factory=list, description="多系列：每个系列的名称和数据")

    def figure_ids(self) -> list[str]:
        """Every figure id the chart shows, series after series."""
        return list(self.figures) + [f for s in self.series for f in s.figures]


CHART_NOTE_LONGEST = 120
"""A chart's source note is one short line: past this many characters it is cut with …."""


@dataclass(frozen=True)
class Point:
    """What a block shows in a summary or on a slide: a lead-in (or heading) and the figures it carries."""

    text: str
    figures: tuple[Figure, ...] = ()


def first_sentence(text: str, limit: int = 40, end_mark: bool = True) -> str:
    """What a block without lead-ins shows of ``text``: the speaker's own words, whole, never invented.

    Its first sentence (to 。；！？ outside quotation marks) when it has at most ``limit``
    characters; else the longest run of its opening clauses that has (cut after ，；：); else the
    whole first sentence (:func:`generator.leadins.whole_opening`). Never cut inside a clause, never
    ended with an ellipsis. Without ``end_mark`` the sentence's closing mark is left off.
    """
    shown = whole_opening(text, limit) or first_sentence_of(text).strip()
    return shown if end_mark else shown.rstrip(SENTENCE_ENDS)


EMPHASIS_PHRASE_IDEOGRAPHS = 2
"""Fewest Chinese characters an emphasised span needs to stand as a point (PM**2.5** is emphasis, not a phrase)."""


def _is_phrase(text: str) -> bool:
    """Whether an emphasised span says something alone: at least a few Chinese characters."""
    return sum("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" for ch in text) >= EMPHASIS_PHRASE_IDEOGRAPHS


def paragraph_points(paragraph: Paragraph) -> list[Point]:
    """A paragraph's points: its level-3 heading and lead-ins (bold or implied), else its emphasised phrases.

    The figures go with the first point. The implied lead-in (:attr:`Paragraph.implied_lead`,
    rules in :mod:`generator.leadins`) counts as a lead-in wherever the paragraph has none of its own.
    """
    texts = [paragraph.numbered_point or ""] if paragraph.point and not paragraph.lead else []
    texts += paragraph.lead_ins()
    if not texts:
        texts = [span.text for span in paragraph.spans if span.emphasis and _is_phrase(span.text)]
    figures = tuple(paragraph.figures)
    if not texts:
        return [Point("", figures)] if figures else []
    return [Point(texts[0], figures), *(Point(t) for t in texts[1:])]


@dataclass(frozen=True)
class Node:
    """One step of :meth:`Report.walk`: a heading or block in reading order, with where it stands.

    ``kind`` is ``part``, ``section``, ``paragraph``, ``list``, ``table`` or ``appendix``;
    ``zone`` is ``opening``, ``body``, ``closing`` or ``appendix``; ``path`` is the
    block's path in the source (keys and list indexes, as the YAML nests them);
    ``prefix`` is a run-in section heading that opens this block.
    """

    kind: str
    item: object
    path: tuple[str | int, ...]
    zone: str
    part_index: int = -1
    section_index: int | None = None
    prefix: str = ""

    def speech(self) -> list[str]:
        """What this node contributes to the speech (headings are lines; tables are not spoken)."""
        item = self.item
        if self.kind == "part":
            return [item.numbered_heading]  # type: ignore[attr-defined]
        if self.kind == "section":
            return [] if item.run_in else [item.numbered_heading]  # type: ignore[attr-defined]
        if self.kind == "paragraph":
            return item.speech(self.prefix)  # type: ignore[attr-defined]
        if self.kind == "list":
            lines = item.item_lines()  # type: ignore[attr-defined]
            return [self.prefix + lines[0], *lines[1:]]
        return []

    def points(self) -> list[Point]:
        """What this node shows in the PDF summary and on slides (decided here once for both)."""
        item = self.item
        if self.kind == "paragraph":
            return paragraph_points(item)  # type: ignore[arg-type]
        if self.kind == "list":
            return [
                Point(
                    (item.item_marker(i) if item.list == "numbered" else "")  # type: ignore[attr-defined]
                    + (entry.lead or first_sentence(entry.body_text)),
                    tuple(entry.figures),
                )
                for i, entry in enumerate(item.items)  # type: ignore[attr-defined]
            ]
        if self.kind == "table":
            return [Point(item.table, tuple(item.figures))] if item.table or item.figures else []  # type: ignore[attr-defined]
        return []

    def printed(self) -> list[str]:
        """Every text this node prints, in order (the speech, tables and appendix headings too)."""
        if self.kind == "table":
            return ([self.prefix] if self.prefix else []) + self.item.texts()  # type: ignore[attr-defined]
        if self.kind == "appendix":
            appendix = self.item
            out = [t for t in (appendix.label, appendix.title) if t]  # type: ignore[attr-defined]
            entries = appendix.glossary  # type: ignore[attr-defined]
            if entries is not None:
                for i, entry in enumerate(entries.entries):
                    first, *more = entry.paragraphs
                    out += [f"{entries.entry_label(i)}{entry.term}：{first}", *more]
            return out
        return self.speech()


class ProofOptions(_Model):
    """Settings of ``reportgen proof`` for this report (a report may have its own conventions)."""

    ignore: list[str] = Field(
        default_factory=list, description="校对时不检查的规则（规则标识，见 reportgen proof --rules），如 punct-space"
    )


class SourcePositions(dict):
    """``path → (line, column)`` of the values of a report read from a source.

    Where a value stands is not part of the report's value: any two compare equal, so a
    loaded report equals the same report built otherwise (an import, a round trip).
    """

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SourcePositions)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = None  # type: ignore[assignment]


class SourceBytes:
    """The bytes of the source a report was read from (the archival edition embeds them).

    Like :class:`SourcePositions`, not part of the report's value: any two compare equal.
    """

    __slots__ = ("data",)

    def __init__(self, data: bytes = b"") -> None:
        self.data = data

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SourceBytes)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = None  # type: ignore[assignment]


class Report(_Model):
    """A whole work report: metadata, body, appendices, glossary, key figures and charts."""

    report: Meta = Field(description="报告元数据")
    numbering: Numbering = Field(default_factory=Numbering, description="编号方式（全文）")
    salutation: str = Field("各位代表：", description="称呼")
    opening: list[Block] = Field(default_factory=list, description="开场段落")
    parts: list[Part] = Field(min_length=1, description="正文各部分")
    closing: list[Block] = Field(default_factory=list, description="结束语段落")
    appendices: list[Appendix] = Field(default_factory=list, description="附件（附件1、附录一……），按原文顺序")
    glossary: Glossary = Field(default_factory=Glossary, description="名词解释（放在所有附件之后）")
    tiles: list[Tile] = Field(default_factory=list, description="要点数据（大字展示）")
    charts: list[Chart] = Field(default_factory=list, description="图表")
    proof: ProofOptions = Field(default_factory=ProofOptions, description="校对设置（reportgen proof）")

    _appendix_list: list[Appendix] = PrivateAttr(default_factory=list)
    _source_positions: SourcePositions = PrivateAttr(default_factory=lambda: SourcePositions())
    """Where each value stands in the source, ``path → (line, column)``: filled by the loader."""
    _source_bytes: SourceBytes = PrivateAttr(default_factory=SourceBytes)
    """The source file's bytes as read: filled by the loader (empty for a report built otherwise)."""

    @property
    def source_bytes(self) -> bytes:
        """The bytes of the source this report was read from (``b""`` when it was built otherwise)."""
        return self._source_bytes.data

    def source_position(self, path: tuple[str | int, ...]) -> tuple[int, int] | None:
        """The 1-based (line, column) in the source of the value at ``path``, or of its deepest ancestor.

        ``path`` names keys and list indexes as the source nests them; None for a report that
        was not read from a source.
        """
        for end in range(len(path), -1, -1):
            found = self._source_positions.get(tuple(path[:end]))
            if found is not None:
                return found
        return None

    @model_validator(mode="after")
    def _number(self) -> Report:
        """Give parts, sections and points their generated numbers."""
        for part_index, part in enumerate(self.parts):
            numbering = part.numbering or self.numbering
            part._label = f"{chinese_numeral(part_index + 1)}、" if self.numbering.parts == "auto" else ""
            for section_index, section in enumerate(part.sections):
                section._label = f"（{chinese_numeral(section_index + 1)}）" if numbering.sections == "auto" else ""
            for group in _point_groups(part, numbering.points_scope):
                _number_points(group, numbering.points)
        for group in (self.opening, self.closing):
            _number_points([b for b in group if isinstance(b, Paragraph)], self.numbering.points)
        appendices = list(self.appendices)
        if self.glossary.entries:
            appendices.append(Appendix(label=self.glossary.label, title=self.glossary.title, glossary=self.glossary))
        self._appendix_list = appendices
        return self

    @property
    def meta(self) -> Meta:
        """The metadata (alias of ``report``)."""
        return self.report

    def all_appendices(self) -> list[Appendix]:
        """The appendices in print order, the top-level glossary (if any) last."""
        return self._appendix_list

    def glossary_appendix(self) -> Appendix | None:
        """The appendix that holds the glossary, wherever it was declared."""
        return next((a for a in self._appendix_list if a.glossary and a.glossary.entries), None)

    def walk(self, appendices: bool = True) -> Iterator[Node]:
        """Every heading and block in reading order: opening, parts, closing, then the appendices."""
        yield from _blocks(self.opening, ("opening",), "opening")
        for p, part in enumerate(self.parts):
            yield Node("part", part, ("parts", p), "body", p)
            section_index = -1
            for c, item in enumerate(part.content):
                path = ("parts", p, "content", c)
                if isinstance(item, Section):
                    section_index += 1
                    yield Node("section", item, path, "body", p, section_index)
                    prefix = item.numbered_heading if item.run_in else ""
                    yield from _blocks(item.paragraphs, (*path, "paragraphs"), "body", p, section_index, prefix)
                else:
                    yield from _blocks([item], path[:-1], "body", p, None, offset=c)
        yield from _blocks(self.closing, ("closing",), "closing")
        if not appendices:
            return
        for a, appendix in enumerate(self._appendix_list):
            path: tuple[str | int, ...] = ("appendices", a) if a < len(self.appendices) else ("glossary",)
            yield Node("appendix", appendix, path, "appendix")
            yield from _blocks(appendix.content, (*path, "content"), "appendix")

    def body_paragraphs(self) -> list[Paragraph]:
        """Every paragraph of the body in order: opening, parts, closing."""
        return [n.item for n in self.walk(appendices=False) if n.kind == "paragraph"]  # type: ignore[misc]

    def speech(self) -> list[str]:
        """The spoken body in order, from the salutation to the end of the closing.

        Headings are lines of their own; a run-in heading opens its paragraph; list items
        are lines with their markers; tables are not spoken.
        """
        return [self.salutation] + [line for node in self.walk(appendices=False) for line in node.speech()]

    def reading_order(self) -> list[str]:
        """Every printed text in order: title block, body, appendices (a glossary where it stands, unreferenced)."""
        meta = self.meta
        out = [meta.title, meta.status_line, meta.meeting_line, meta.speaker_line, self.salutation]
        out = [t for t in out if t]
        return out + [line for node in self.walk() for line in node.printed()]

    def figure_places(self) -> Iterator[tuple[Figure, Node, tuple[str | int, ...]]]:
        """Every declared figure with the node it stands in and its own source path."""
        for node in self.walk():
            if node.kind in ("paragraph", "table"):
                for f, figure in enumerate(node.item.figures):  # type: ignore[attr-defined]
                    yield figure, node, (*node.path, "figures", f)
            elif node.kind == "list":
                for i, list_item in enumerate(node.item.items):  # type: ignore[attr-defined]
                    for f, figure in enumerate(list_item.figures):
                        yield figure, node, (*node.path, "items", i, "figures", f)

    def figures(self) -> dict[str, Figure]:
        """All figures by id (the first declaration of an id wins)."""
        out: dict[str, Figure] = {}
        for figure, _node, _path in self.figure_places():
            out.setdefault(figure.id, figure)
        return out

    def node_of(self, figure_id: str) -> Node:
        """The node (paragraph, list or table) a figure stands in."""
        for figure, node, _path in self.figure_places():
            if figure.id == figure_id:
                return node
        raise KeyError(figure_id)

    def place_of(self, node: Node) -> str:
        """Where a node stands, in words: 一、…（一）…, or 开场/结束语/the appendix."""
        if node.zone in ("opening", "closing"):
            return "开场" if node.zone == "opening" else "结束语"
        if node.zone == "appendix":
            index = node.path[1] if node.path[0] == "appendices" else -1
            appendix = self._appendix_list[index]  # type: ignore[index]
            return f"{appendix.label} {appendix.title}".strip()
        part = self.parts[node.part_index]
        where = part.numbered_heading
        if node.section_index is not None:
            where += " " + part.sections[node.section_index].numbered_heading
        return where

    def chart_note(self, chart: Chart) -> str:
        """The one-line source note of a chart: the part (and section) its figures come from."""
        nodes = [self.node_of(fid) for fid in chart.figure_ids()]
        places = list(dict.fromkeys(self.place_of(n) for n in nodes))
        parts = list(dict.fromkeys(n.part_index for n in nodes if n.zone == "body"))
        if len(places) == 1:
            where = places[0]
        elif len(parts) == 1 and all(n.zone == "body" for n in nodes):
            where = self.parts[parts[0]].numbered_heading
        else:
            where = "、".join(places)
        note = f"资料来源：《{self.meta.title}》{where}"
        return note if len(note) <= CHART_NOTE_LONGEST else note[: CHART_NOTE_LONGEST - 1] + "…"

    def chart_axis_label(self, chart: Chart) -> str:
        """The value axis title: declared, else the figures' common label and the unit (地区生产总值（亿元））."""
        if chart.axis_label:
            return chart.axis_label
        figures = self.figures()
        labels = list(dict.fromkeys(figures[f].label for f in chart.figure_ids() if f in figures))
        common = _common_affix(labels) if len(labels) > 1 else (labels[0] if labels else "")
        return f"{common}（{chart.unit}）" if common else f"{chart.title}（{chart.unit}）"


def _common_affix(labels: list[str]) -> str:
    """The longest common suffix (else prefix) of several labels, if at least two characters."""
    first = labels[0]
    suffix = first
    for label in labels[1:]:
        while suffix and not label.endswith(suffix):
            suffix = suffix[1:]
    if len(suffix) >= 2:
        return suffix
    prefix = first
    for label in labels[1:]:
        while prefix and not label.startswith(prefix):
            prefix = prefix[:-1]
    return prefix if len(prefix) >= 2 else ""


def _blocks(
    blocks: list,
    path: tuple[str | int, ...],
    zone: str,
    part_index: int = -1,
    section_index: int | None = None,
    prefix: str = "",
    offset: int = 0,
) -> Iterator[Node]:
    """Nodes for a run of blocks; ``prefix`` (a run-in heading) opens the first one."""
    for i, block in enumerate(blocks):
        kind = "list" if isinstance(block, ListBlock) else "table" if isinstance(block, Table) else "paragraph"
        yield Node(kind, block, (*path, offset + i), zone, part_index, section_index, prefix if i == 0 else "")


def _point_groups(part: Part, scope: str) -> list[list[Paragraph]]:
    """Paragraph runs within which points are numbered: the part's own and each section, or the whole part."""
    own = [item for item in part.content if isinstance(item, Paragraph)]
    sections = [[b for b in s.paragraphs if isinstance(b, Paragraph)] for s in part.sections]
    if scope == "part":
        return [part.paragraphs()]
    return [own, *sections]


def _number_points(paragraphs: list[Paragraph], mode: str) -> None:
    number = 0
    for paragraph in paragraphs:
        if paragraph.point:
            number += 1
            paragraph._point_label = f"{number}." if mode == "auto" else ""
