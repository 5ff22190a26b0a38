"""Figures found in imported text, and the tiles and charts proposed from them.

Every quantity the figure rules can read becomes a figure of its paragraph, list item or
table cell: ``quote`` is the span as written, ``value``/``unit`` what it says (the unit as
written, magnitude included: 9818.3万元 → 9818.3 万元), ``label`` what was measured, as a
whole word group of the sentence (the rules: :mod:`generator.readers.figure_labels`; a
quantity nothing in its sentence names is not declared). A figure is declared only when
the loader's own check accepts it. The scanner is :func:`generator.numbers.find_quantities`
when the figure rules provide it, else a small fallback for plain forms (9818.3万元, 196名,
3万6千余人, 近400篇, 540余万元, 5.2%).

Proposals, for a person to keep or delete (the YAML marks each with ``# 建议：…（可删除）``):
tiles are a handful of salient body figures (amounts in 亿元/万亿元 first, then percentages,
then counts; distinct labels); a chart (titled by :func:`_title`; levels only, a level's
change left out) groups only figures stated side by side in one unit
— three or more in one sentence, or in one table column — and a table whose header has
year columns gives one chart per unit with one series per year column.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from generator import numbers
from generator.model import Chart, Figure, Report, Series, Table, Tile
from generator.numbers import format_decimal, parse_quantity, unit_scale
from generator.readers import figure_labels as labels

_UNITS = sorted(
    """元 美元 欧元 人 名 人次 户 个 项 家 次 件 公里 平方米 平方公里 立方米 亩 吨 套 所 篇 批次 份 起 部 块 支 张
    条 座 场 场次 千瓦 公斤 斤 辆 台 间 处 床 栋 千米 米 天 小时 个百分点 家次 标准箱 艘 架 只 头 株 棵 册 例 宗
    % ％ 倍 笔 种 类 千瓦时 度""".split(),
    key=len,
    reverse=True,
)
_FALLBACK = re.compile(
    r"(?P<pre>超过|近|约|逾|超)?"
    r"(?P<num>\d+(?:\.\d+)?(?:[十百千万亿]\d+(?:\.\d+)?)*(?:[十百千万亿]{0,2}))"
    r"(?P<suf>余|多)?"
    r"(?P<unit>(?:万亿|亿|万)?(?:" + "|".join(map(re.escape, _UNITS)) + r"))"
)
_BEFORE_OK = re.compile(r"[0-9.A-Za-z第]")
_NOT_COUNTS = ("元", "美元", "欧元", "%", "％", "倍", "个百分点")
"""Base units of amounts and ratios: no noun after them names what was counted."""
MAX_TILES = 6
MAX_CHARTS = 8
TITLE_LONGEST = 24
"""A chart title lists all its labels only up to this many characters."""


@dataclass
class Found:
    """A quantity found in a text: span, quote as written, parsed quantity."""

    start: int
    end: int
    quote: str
    quantity: object


def _quantities(text: str) -> list[Found]:
    """Quantities in ``text``: :func:`numbers.find_quantities` when available, else the fallback."""
    finder = getattr(numbers, "find_quantities", None)
    if finder is not None:
        return [Found(f.start, f.end, f.quote, f.quantity) for f in finder(text)]
    out = []
    for m in _FALLBACK.finditer(text):
        start = m.start()
        if start > 0 and _BEFORE_OK.match(text[start - 1]):
            continue
        end = m.end()
        if end < len(text) and (text[end].isdigit() or (text[end] == "." and text[end + 1 : end + 2].isdigit())):
            continue
        quote = m.group(0)
        try:
            quantity = parse_quantity(quote)
        except (numbers.QuantityError, ArithmeticError, ValueError):
            continue
        out.append(Found(start, end, quote, quantity))
    return out


@dataclass
class Ids:
    """Figure ids (``f-<part>-<section>-<n>``) and where each figure stands, for the proposals."""

    counters: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    blocks: int = 0
    sentence: dict[str, tuple[int, int]] = field(default_factory=dict)
    cells: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    tables: dict[int, Table] = field(default_factory=dict)

    def new(self, where: str) -> str:
        """A new figure id in ``where`` (``1-2``: part 1, section 2; ``o`` opening; ``a1`` appendix 1)."""
        self.counters[where] += 1
        fid = f"f-{where}-{self.counters[where]}"
        self.order.append(fid)
        return fid


def _unit_of(quote: str, base: str) -> str:
    """The unit as written (magnitude included) when it says the same base unit."""
    at = quote.rfind(base)
    if at < 0:
        return base
    for size in (2, 1):
        prefix = quote[max(0, at - size) : at]
        if len(prefix) == size and all(ch in "万亿" for ch in prefix):
            try:
                scale, rest = unit_scale(prefix + base)
            except Exception:  # noqa: BLE001 — a unit the rules do not know
                continue
            if rest == base and scale != 1:
                return prefix + base
    return base


def _figure(fid: str, label: str, found: Found, text: str, cell: tuple[int, int] | None = None) -> Figure | None:
    """A figure for a found quantity, if the loader's check accepts it."""
    from generator.loader import _check_figure

    quantity = found.quantity
    base = getattr(quantity, "unit", "")
    if not base:
        return None
    unit = _unit_of(found.quote, base)
    try:
        scale = unit_scale(unit)[0]
        value = Decimal(quantity.value) / scale  # type: ignore[attr-defined]
        upper = getattr(quantity, "upper", None)
        fields: dict[str, object] = {
            "id": fid,
            "label": label,
            "quote": found.quote,
            "value": Decimal(format_decimal(value)),
            "unit": unit,
        }
        if upper is not None:
            fields["upper"] = Decimal(format_decimal(Decimal(upper) / scale))
        if cell is not None:
            fields["cell"] = cell
        figure = Figure(**fields)
    except Exception:  # noqa: BLE001 — anything the model refuses is simply not declared
        return None
    if list(_check_figure((), figure, text)):
        return None
    return figure


def is_bare(label: str) -> bool:
    """True when ``label`` names nothing: only words of the documented verb and filler lists."""
    return labels.is_bare(label)


def declare(text: str, ids: Ids, where: str) -> list[Figure]:
    """Every figure the rules can read in a paragraph's (or list item's) full text."""
    ids.blocks += 1
    out = []
    floor = 0
    sentence = labels.Sentence(0, 0)
    seen = 0  # the text up to here has been searched for sentence ends
    for found in _quantities(text):
        for at in range(seen, found.start):
            if text[at] in labels.SENTENCE_MARKS:
                sentence = labels.Sentence(sentence.index + 1, at + 1)
        seen = max(seen, found.start)
        index = sentence.index
        count = _base_of(found) not in _NOT_COUNTS
        label = labels.label_for(text, found.start, found.end, floor, count, sentence)
        floor = labels.after_unit(text, found.end, _UNITS)
        if not label:
            continue  # nothing in the sentence names it: not proposed
        fid = ids.new(where)
        figure = _figure(fid, label, found, text)
        if figure is None:
            ids.order.pop()
            ids.counters[where] -= 1
            continue
        ids.sentence[fid] = (ids.blocks, index)
        out.append(figure)
    return out


def _base_of(found: Found) -> str:
    """The base unit a found quantity states (元 for 9818.3万元), or ""."""
    return getattr(found.quantity, "unit", "") or ""


def table_block(table: Table, ids: Ids, where: str) -> Table:
    """A table with a figure declared for every quantity its body cells state."""
    ids.blocks += 1
    key = ids.blocks
    ids.tables[key] = table
    figures = []
    for r, row in enumerate(table.rows):
        row_label = next((c.text for c in row if c.text and not _quantities(c.text) and not c.text.isdigit()), "")
        for c, cell in enumerate(row):
            for found in _quantities(cell.text):
                fid = ids.new(where)
                header = table.header[-1][c].text if table.header and c < len(table.header[-1]) else ""
                label = labels.table_label(row_label, header)
                figure = _figure(fid, label, found, cell.text, (r, c))
                if figure is None:
                    ids.order.pop()
                    ids.counters[where] -= 1
                    continue
                ids.cells[fid] = (key, r, c)
                figures.append(figure)
    return table.model_copy(update={"figures": figures}) if figures else table


def propose(report: Report, comments: dict[tuple, str], ids: Ids) -> Report:
    """The report with proposed tiles and charts (each marked in ``comments``)."""
    figures = report.figures()
    tiles = _tiles(report, figures)
    charts = _charts(report, figures, ids)
    for t in range(len(tiles)):
        comments[("tiles", t)] = "建议：要点数据（可删除）"
    for c, (_, why) in enumerate(charts):
        comments[("charts", c)] = f"建议：{why}（可删除）"
    data = {name: getattr(report, name) for name in Report.model_fields}
    data["tiles"] = tiles
    data["charts"] = [chart for chart, _ in charts]
    return Report(**data)


def _base(figure: Figure) -> str:
    try:
        return figure.base_unit
    except Exception:  # noqa: BLE001
        return ""


def _tiles(report: Report, figures: dict[str, Figure]) -> list[Tile]:
    body = [f for f, node, _ in report.figure_places() if node.zone == "body" and node.kind != "table"]

    def tier(f: Figure) -> int:
        if f.unit.startswith(("亿", "万亿")) and _base(f) in ("元", "美元"):
            return 0
        if _base(f) in ("%", "％"):
            return 1
        return 2

    chosen: list[Figure] = []
    labels: set[str] = set()
    for f in sorted(body, key=tier):
        if f.label not in labels and f.label != "数据":
            chosen.append(f)
            labels.add(f.label)
        if len(chosen) >= MAX_TILES:
            break
    order = {f.id: i for i, f in enumerate(body)}
    return [Tile(figure=f.id) for f in sorted(chosen, key=lambda f: order[f.id])]


def _group_chart(group: list[Figure], n: int, why: str) -> tuple[Chart, str] | None:
    """A chart of a group's figures with distinct labels, levels only: X增加 beside X is a change, not compared."""
    seen: set[str] = set()
    unique = []
    for f in group:
        if f.label not in seen:
            seen.add(f.label)
            unique.append(f)
    unique = [f for f in unique if labels.subject_of(f.label) == f.label or labels.subject_of(f.label) not in seen]
    if len(unique) < 3:
        return None
    units = list(dict.fromkeys(f.unit for f in unique))  # in order of appearance: deterministic
    unit = max(units, key=lambda u: (sum(1 for f in unique if f.unit == u), -units.index(u)))
    title = _title([f.label for f in unique])
    kind = "bar" if max(len(f.label) for f in unique) > 6 else "column"
    return Chart(id=f"c-{n}", title=title, kind=kind, unit=unit, figures=[f.id for f in unique]), why


def _title(labels: list[str]) -> str:
    """A chart's title from its figures' labels: their common head (收入) when it names something, else the first two.

    The common part must be two characters or more and not a bare verb or filler (增长, 实现 are
    no title); otherwise the labels themselves, all of them when short (A、B、C), else A、B等.
    """
    from generator.model import _common_affix

    common = _common_affix(labels)
    if common and not is_bare(common):
        return common
    if len(labels) <= 3 and sum(map(len, labels)) <= TITLE_LONGEST:
        return "、".join(labels)
    return "、".join(labels[:2]) + "等"


def _charts(report: Report, figures: dict[str, Figure], ids: Ids) -> list[tuple[Chart, str]]:
    out: list[tuple[Chart, str]] = []
    groups: dict[tuple, list[Figure]] = defaultdict(list)
    for fid in ids.order:
        figure = figures.get(fid)
        if figure is None or fid in ids.cells:
            continue
        block, sentence = ids.sentence[fid]
        groups[(block, sentence, _base(figure))].append(figure)
    for group in groups.values():
        chart = _group_chart(group, len(out) + 1, "同一句中并列、单位相同的数据")
        if chart:
            out.append(chart)
    for key, table in ids.tables.items():
        out += _table_charts(table, key, figures, ids, len(out))
    return out[:MAX_CHARTS]


_YEAR = re.compile(r"^\s*\d{4}\s*年?\s*$")


def _table_charts(table: Table, key: int, figures: dict[str, Figure], ids: Ids, n: int) -> list[tuple[Chart, str]]:
    at: dict[tuple[int, int], Figure] = {}
    for fid, (k, r, c) in ids.cells.items():
        if k == key and fid in figures:
            at.setdefault((r, c), figures[fid])
    if not at:
        return []
    header = table.header[-1] if table.header else []
    years = [c for c, cell in enumerate(header) if _YEAR.match(cell.text)]
    out: list[tuple[Chart, str]] = []
    if len(years) >= 2:
        by_unit: dict[str, list[int]] = defaultdict(list)
        for r in range(len(table.rows)):
            cells = [at.get((r, c)) for c in years]
            if all(cells) and len({_base(f) for f in cells if f}) == 1:
                by_unit[_base(cells[0])].append(r)  # type: ignore[arg-type]
        for rows in by_unit.values():
            if len(rows) < 2:
                continue
            categories = [
                next((c.text for c in table.rows[r] if c.text and not _quantities(c.text)), f"第{r + 1}行")
                for r in rows
            ]
            series = [Series(name=header[c].text.strip(), figures=[at[(r, c)].id for r in rows]) for c in years]
            unit = at[(rows[0], years[0])].unit
            chart = Chart(
                id=f"c-{n + len(out) + 1}",
                title=table.table or _title(categories),
                unit=unit,
                categories=categories,
                series=series,
            )
            out.append((chart, "表格中按年份列出的数据，每列一个系列"))
        if out:
            return out
    columns: dict[tuple[int, str], list[Figure]] = defaultdict(list)
    for (_, c), f in sorted(at.items()):
        columns[(c, _base(f))].append(f)
    for group in columns.values():
        chart = _group_chart(group, n + len(out) + 1, "同一表格列中单位相同的数据")
        if chart:
            out.append(chart)
    return out
