"""The deck's plan on reports longer than the seed (issue 10, "The deck"): notes of at most 1,500
characters that belong to what the slide shows, a slide for every part, section, appendix and
table, continuation slides, the agenda's speaking times, sizes for a hall, tile grids, the slide
number clear of the bands.
"""

from __future__ import annotations

import io
import re

import pytest
from conftest import SOURCE, squeeze
from pptx import Presentation
from pptx.util import Emu
from ruamel.yaml import YAML

from generator.loader import parse_report
from generator.model import Report
from generator.renderers.pptx.design import (
    LAYOUTS,
    LINE_SPACING,
    MIN_BULLET_SIZE,
    MIN_TITLE_SIZE,
    SLIDE_HEIGHT,
    SLIDE_WIDTH,
)
from generator.renderers.pptx.emit import TEMPLATE
from generator.renderers.pptx.plan import (
    BULLET_MARGIN,
    CONTINUED,
    GLOSSARY_HEADER,
    NOTES_LIMIT,
    SENTENCE_ENDS,
    SPEAKING_RATE,
    Slide,
    line_count,
    plan_deck,
    tile_counts,
)

SENTENCE = "我们坚持稳中求进工作总基调，扎实推进各项工作，确保各项任务落地见效。"
"""A sentence of 35 characters, repeated to make long passages."""
LONG_HEADING = "坚持以人民为中心的发展思想，着力解决群众急难愁盼问题，持续增进民生福祉，扎实推进共同富裕"
"""A section heading too long for a slide title."""


def _long_report() -> Report:
    """The seed with: a section without lead-ins of about 3,500 characters, a section whose one
    paragraph is a single sentence of 2,000 characters, a long paragraph with inner lead-ins, a
    table inside a section and an appendix of plain paragraphs."""
    yaml = YAML()
    data = yaml.load(SOURCE.read_text(encoding="utf-8"))
    content = data["parts"][1]["content"]
    content.append(
        {"section": "全面提升基层治理水平", "paragraphs": [{"text": SENTENCE * 50}, {"text": SENTENCE * 50}]}
    )
    content.append({"section": LONG_HEADING, "paragraphs": [{"text": SENTENCE}]})
    content.append({"section": "一句很长的话", "paragraphs": [{"text": "我们要" + "持续推进" * 500 + "。"}]})
    leads = ["一是加强统筹协调。", "二是狠抓任务落实。", "三是强化督促检查。"]
    text = "".join(lead + SENTENCE * 18 for lead in leads)
    content.append({"section": "抓好重点任务落实", "paragraphs": [{"text": text, "leads": leads}]})
    content.append(
        {
            "section": "主要指标",
            "paragraphs": [{"table": "主要指标完成情况", "header": [["指标", "完成"]], "rows": [["税收", "1亿元"]]}],
        }
    )
    data.setdefault("appendices", []).append(
        {"label": "附件2", "title": "有关情况说明", "content": [{"text": SENTENCE * 3}]}
    )
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return parse_report(buffer.getvalue().encode("utf-8"), "long.yaml")


@pytest.fixture(scope="module")
def long_report() -> Report:
    return _long_report()


@pytest.fixture(scope="module")
def long_deck(long_report) -> list[Slide]:
    return plan_deck(long_report)


def _title(slide: Slide) -> str:
    return slide.frame(0).paragraphs[0] if any(f.idx == 0 for f in slide.frames) else ""


def _bullets(slide: Slide) -> tuple[str, ...]:
    return slide.frame(1).paragraphs if slide.layout == "content" and any(f.idx == 1 for f in slide.frames) else ()


def _base(title: str) -> str:
    return title.removesuffix(CONTINUED)


def _names(title: str, heading: str) -> bool:
    """Whether a slide title says ``heading``, in full or shortened with …."""
    base = _base(title)
    return base == heading or (base.endswith("…") and heading.startswith(base[:-1]))


def test_notes_within_the_limit_and_the_speech_exact(long_report, long_deck, report):
    for source, slides in ((long_report, long_deck), (report, plan_deck(report))):
        assert "".join(n for s in slides for n in s.notes) == "".join(source.speech())
        for number, slide in enumerate(slides, start=1):
            notes = "".join(slide.notes)
            single_sentence = not any(ch in SENTENCE_ENDS for ch in notes.rstrip("。！？”’」』）》"))
            assert len(notes) <= NOTES_LIMIT or single_sentence, (number, len(notes))
    assert max(len("".join(s.notes)) for s in long_deck) > NOTES_LIMIT  # the 2,000-character sentence stays whole


def test_a_long_passage_is_cut_at_sentence_ends(long_report, long_deck):
    speech = "".join(long_report.speech())
    line_ends, offset = set(), 0
    for line in long_report.speech():
        offset += len(line)
        line_ends.add(offset)
    offset = 0
    for slide in long_deck[:-1]:
        offset += len("".join(slide.notes))
        if slide.notes and offset not in line_ends:
            assert speech[offset - 1] in "。！？”’」』）》", (
                f"cut inside a sentence: …{speech[offset - 20 : offset + 20]}"
            )


def test_every_part_section_appendix_and_table_has_its_own_slide(long_report, long_deck):
    titles = [_title(s) for s in long_deck]
    for part in long_report.parts:
        assert any(part.heading in "".join(s.frame(0).paragraphs) for s in long_deck if s.layout == "section")
        for section in part.sections:
            heading = section.numbered_heading.rstrip("。")
            assert any(_names(t, heading) for t in titles), heading
    for appendix in long_report.all_appendices():
        assert any(_names(t, f"{appendix.label}　{appendix.title}".strip("　")) for t in titles), appendix.title
    tables = [n.item for n in long_report.walk() if n.kind == "table"]
    shown = [s for s in long_deck if s.table is not None and s.table.rows[0] != GLOSSARY_HEADER]  # not the glossary's
    assert len([s for s in shown if not _title(s).endswith(CONTINUED)]) == len(tables)


def test_a_sections_slides_hold_only_its_own_speech(long_report, long_deck):
    nodes = list(long_report.walk(appendices=False))
    for p, part in enumerate(long_report.parts):
        for c, section in enumerate(part.sections):
            heading = section.numbered_heading.rstrip("。")
            spoken = "".join(line for n in nodes if n.part_index == p and n.section_index == c for line in n.speech())
            mine = [s for s in long_deck if s.layout == "content" and _names(_title(s), heading) and s.notes]
            if not spoken:
                continue
            assert mine, heading
            assert "".join(n for s in mine for n in s.notes) == spoken, heading


def test_continuations_show_their_own_lead_ins_or_first_sentences(long_deck):
    continued = [s for s in long_deck if _title(s).endswith(CONTINUED) and s.notes]
    assert len(continued) >= 3
    for slide in long_deck:
        notes = squeeze("".join(slide.notes))
        for bullet in _bullets(slide) if slide.notes else ():
            assert squeeze(bullet.removesuffix("…")) in notes, (bullet, _title(slide))  # never invented
    lead_slides = [s for s in long_deck if _base(_title(s)).endswith("抓好重点任务落实")]
    shown = [b for s in lead_slides for b in _bullets(s)]
    assert "一是加强统筹协调" in shown and "三是强化督促检查" in shown
    plain = [s for s in long_deck if _base(_title(s)).endswith("全面提升基层治理水平")]
    assert len(plain) >= 3 and all(_bullets(s) for s in plain)  # whole sentences or phrases, on every slide
    assert all(_title(s).endswith(CONTINUED) for s in plain[1:])


def test_bullets_fill_the_body_before_continuing(long_deck, report):
    box = LAYOUTS["content"].box(1)
    for slides in (long_deck, plan_deck(report)):
        for slide, after in zip(slides, slides[1:], strict=False):
            if not (_bullets(slide) and _bullets(after) and _title(after) == _base(_title(slide)) + CONTINUED):
                continue
            size = slide.frame(1).size
            used = sum(line_count(b, box.role, size, box.text_width - BULLET_MARGIN) for b in _bullets(slide))
            half_full = used * size * LINE_SPACING >= box.text_height / 2
            notes_full = len("".join(slide.notes)) + len("".join(after.notes)) > NOTES_LIMIT
            assert half_full or notes_full, (_title(slide), _bullets(slide))


def test_agenda_shows_speaking_time_at_the_stated_rate(report):
    agenda = next(s for s in plan_deck(report) if s.layout == "agenda")
    entries = agenda.frame(1).paragraphs
    assert f"每分钟{SPEAKING_RATE}字" in agenda.frame(10).paragraphs[0]
    nodes = list(report.walk(appendices=False))
    for index, (part, entry) in enumerate(zip(report.parts, entries, strict=True)):
        chars = sum(len(line) for n in nodes if n.zone == "body" and n.part_index == index for line in n.speech())
        assert entry.startswith(part.numbered_heading)
        assert re.search(r"约(\d+)分钟$", entry).group(1) == str(max(1, round(chars / SPEAKING_RATE)))


def test_titles_shortened_with_an_ellipsis_at_the_title_size(long_deck):
    for slide in long_deck:
        if slide.layout in ("content", "chart", "agenda") or slide.layout.startswith("figures"):
            assert slide.frame(0).size >= MIN_TITLE_SIZE
        if slide.layout == "content" and _bullets(slide):
            assert slide.frame(1).size >= MIN_BULLET_SIZE
    long = next(s for s in long_deck if LONG_HEADING[:8] in _title(s))
    assert _title(long).endswith("…") and LONG_HEADING in "".join(long.notes)  # in full in the notes


@pytest.mark.parametrize("count", range(1, 13))
def test_tile_grids_hold_every_tile_and_no_empty_box(count):
    counts = tile_counts(count)
    assert sum(counts) == count and max(counts) <= 4 and max(counts) - min(counts) <= 1


def test_key_figure_slides_have_as_many_boxes_as_tiles(report):
    slides = [s for s in plan_deck(report) if s.layout.startswith("figures")]
    assert sum(len([f for f in s.frames if 21 <= f.idx < 25]) for s in slides) == len(report.tiles)
    template = Presentation(str(TEMPLATE))
    layouts = {layout.name: layout for layout in template.slide_layouts}
    for slide in slides:
        layout = layouts[LAYOUTS[slide.layout].name]
        boxes = [shape for shape in layout.shapes if not shape.is_placeholder and shape.name.startswith("数据底框")]
        assert len(boxes) == len([f for f in slide.frames if 21 <= f.idx < 25])


def test_effective_sizes_in_the_deck_file(deck_file):
    """Every bullet run at least 24 pt and every title at least 32 pt, the size inherited from the layout included."""
    deck = Presentation(str(deck_file))
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.placeholders:
            if not shape.has_text_frame:
                continue
            kind = shape.placeholder_format.type
            layout_shape = slide.slide_layout.placeholders.get(idx=shape.placeholder_format.idx)
            inherited = _layout_size(layout_shape)
            for paragraph in shape.text_frame.paragraphs:
                for run in paragraph.runs:
                    size = run.font.size.pt if run.font.size is not None else inherited
                    if shape.placeholder_format.idx == 1 and slide.slide_layout.name == LAYOUTS["content"].name:
                        assert size >= MIN_BULLET_SIZE, (number, run.text)
                    if kind in (1, 3):  # TITLE, CENTER_TITLE
                        assert size >= MIN_TITLE_SIZE, (number, run.text)


def _layout_size(shape) -> float:
    found = re.search(r'<a:lvl1pPr[^>]*>.*?<a:defRPr sz="(\d+)"', shape._element.xml, re.S)
    return int(found.group(1)) / 100


@pytest.fixture(scope="module")
def deck_file(built):
    return built["pptx"]


def test_slide_number_clear_of_the_decorative_bands():
    template = Presentation(str(TEMPLATE))
    master = [s for s in template.slide_master.shapes if not s.is_placeholder]
    for layout in template.slide_layouts:
        numbers = [s for s in layout.placeholders if s.placeholder_format.type == 13]
        decorations = [s for s in layout.shapes if not s.is_placeholder]
        shows_master = layout._element.get("showMasterSp") != "0"
        for number in numbers:
            box = _rect(number)
            assert box[2] <= Emu(int(SLIDE_WIDTH * 914400)).pt and box[3] <= Emu(int(SLIDE_HEIGHT * 914400)).pt
            for shape in decorations + (master if shows_master else []):
                other = _rect(shape)
                overlap = (
                    min(box[2], other[2]) - max(box[0], other[0]) > 0
                    and min(box[3], other[3]) - max(box[1], other[1]) > 0
                )
                assert not overlap, (layout.name, shape.name)


def _rect(shape) -> tuple[float, float, float, float]:
    return (Emu(shape.left).pt, Emu(shape.top).pt, Emu(shape.left + shape.width).pt, Emu(shape.top + shape.height).pt)


def test_crowded_column_charts_become_horizontal_bars_with_labels_of_12_pt_at_least(report):
    from dataclasses import replace

    from generator.charts import LABEL_SIZE, chart_svg, orientation, plan_charts
    from generator.renderers.pptx.emit import CHART_TEXT_SIZE

    assert LABEL_SIZE >= 12 and CHART_TEXT_SIZE >= 12
    column = next(p for p in plan_charts(report) if p.kind == "column")
    assert orientation(column, 845, CHART_TEXT_SIZE) == "column"
    bars = column.series[0].bars
    crowded = replace(
        column,
        categories=tuple(f"第{i}个类别的名称比较长" for i in range(14)),
        series=(replace(column.series[0], bars=tuple(bars[i % len(bars)] for i in range(14))),),
    )
    assert orientation(crowded, 845, CHART_TEXT_SIZE) == "bar"
    svg = chart_svg(crowded, 6.3, 3.2).decode()
    assert all(f"第{i}个类别" in svg for i in range(14))  # every label drawn, as horizontal bars' labels
