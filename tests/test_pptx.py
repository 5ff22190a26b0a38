"""The PPTX deck: layouts, placeholders, faces, native charts, notes, nothing overflows (issue 5)."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest
from conftest import soffice_pdf, squeeze
from pptx import Presentation
from pptx.util import Emu

from generator.charts import plan_charts
from generator.renderers.pptx.design import LAYOUTS, MIN_BULLET_SIZE
from generator.renderers.pptx.emit import TEMPLATE
from generator.renderers.pptx.plan import plan_deck

EMU_PT = 12700


@pytest.fixture(scope="module")
def deck_path(built):
    return built["pptx"]


@pytest.fixture(scope="module")
def deck(deck_path):
    return Presentation(str(deck_path))


@pytest.fixture(scope="module")
def rendered(deck_path, tmp_path_factory):
    return soffice_pdf(deck_path, tmp_path_factory.mktemp("deck"))


def test_openxml_audit_finds_nothing(deck_path):
    result = subprocess.run([sys.executable, "-m", "openxml_audit", str(deck_path)], capture_output=True, text=True)
    assert result.stdout.strip().endswith("Errors: 0"), result.stdout[-2000:]


def test_template_is_16_9_with_named_layouts_inside_the_slide():
    template = Presentation(str(TEMPLATE))
    assert (template.slide_width, template.slide_height) == (12192000, 6858000)
    assert [layout.name for layout in template.slide_layouts] == [spec.name for spec in LAYOUTS.values()]
    for layout in template.slide_layouts:
        for shape in layout.shapes:
            assert shape.left >= 0 and shape.top >= 0, (layout.name, shape.name)
            assert shape.left + shape.width <= template.slide_width, (layout.name, shape.name)
            assert shape.top + shape.height <= template.slide_height, (layout.name, shape.name)
    master = template.slide_master._element.xml
    assert '<a:ea typeface="微软雅黑"/>' in master


def test_template_is_what_the_script_writes(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("make", TEMPLATE.parents[2] / "scripts" / "make_pptx_template.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == TEMPLATE.read_bytes(), "run scripts/make_pptx_template.py"


def test_slides_use_layout_placeholders_only(deck):
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            assert shape.is_placeholder, (number, shape.name)


def test_every_run_names_its_east_asian_face(deck_path):
    with zipfile.ZipFile(deck_path) as package:
        for name in package.namelist():
            if name.startswith(("ppt/slides/slide", "ppt/notesSlides/", "ppt/charts/chart")) and name.endswith(".xml"):
                xml = package.read(name).decode()
                runs = xml.count("<a:r>") + xml.count("<a:fld ")
                assert xml.count("<a:ea typeface=") >= runs, name


def test_slide_numbers_on_every_slide_but_the_title(deck):
    for number, slide in enumerate(deck.slides, start=1):
        fields = slide._element.xml.count('type="slidenum"')
        assert fields == (0 if number == 1 else 1), number


def test_notes_hold_the_whole_speech_once_in_order(deck, report):
    notes = []
    for slide in deck.slides:
        if slide.has_notes_slide:
            notes.append(slide.notes_slide.notes_text_frame.text)
    assert squeeze("".join(notes)) == squeeze("".join(report.speech()))


def test_slides_show_lead_ins_and_digests(deck, report):
    text = squeeze("".join(shape.text_frame.text for s in deck.slides for shape in s.shapes if shape.has_text_frame))
    for part in report.parts:
        assert squeeze(part.heading) in text
        for section in part.sections:
            assert squeeze(section.numbered_heading.rstrip("。")) in text
        if part.digest:
            assert squeeze(part.digest) in text
    for paragraph in report.body_paragraphs():
        if paragraph.lead:
            assert squeeze(paragraph.lead.rstrip("。")) in text


def test_native_charts_carry_the_pdf_values(deck, report):
    charts = [shape.chart for s in deck.slides for shape in s.shapes if shape.has_chart]
    plans = plan_charts(report)
    assert len(charts) == len(plans) >= 4
    for chart, plan in zip(charts, plans, strict=True):
        assert list(chart.plots[0].categories) == [bar.label for bar in plan.bars]
        assert list(chart.plots[0].series[0].values) == [bar.value for bar in plan.bars]
        assert chart.part.chart_workbook.xlsx_part is not None  # editable data embedded


def test_bullets_never_below_the_minimum(report):
    for slide in plan_deck(report):
        if slide.layout == "content":
            assert slide.frame(1).size >= MIN_BULLET_SIZE


def _boxes(slide) -> list[tuple[float, float, float, float, str]]:
    boxes = []
    for shape in slide.shapes:
        text = shape.text_frame.text if shape.has_text_frame else ""
        boxes.append(
            (
                Emu(shape.left).pt,
                Emu(shape.top).pt,
                Emu(shape.left + shape.width).pt,
                Emu(shape.top + shape.height).pt,
                text if not shape.has_chart else None,
            )
        )
    return boxes


def test_every_character_inside_its_box_and_no_lines_overlap(deck, rendered):
    import pdfplumber

    with pdfplumber.open(rendered) as pdf:
        assert len(pdf.pages) == len(deck.slides)
        for number, (slide, page) in enumerate(zip(deck.slides, pdf.pages, strict=True), start=1):
            boxes = _boxes(slide)
            inside = {i: [] for i in range(len(boxes))}
            for char in page.chars:
                if not char["text"].strip():
                    continue
                hits = [
                    i
                    for i, (x0, y0, x1, y1, _) in enumerate(boxes)
                    if char["x0"] >= x0 - 1
                    and char["x1"] <= x1 + 1
                    and char["top"] >= y0 - 1
                    and char["bottom"] <= y1 + 1
                ]
                assert hits, (
                    f"slide {number}: {char['text']!r} at ({char['x0']:.0f}, {char['top']:.0f}) is outside every box"
                )
                inside[hits[0]].append(char)
            for i, (*_, text) in enumerate(boxes):
                if text is not None and not text.strip().isdigit():
                    got = "".join(c["text"] for c in sorted(inside[i], key=lambda c: (round(c["top"]), c["x0"])))
                    got = got.replace("●", "")  # the bullets the layout draws
                    assert squeeze(got) == squeeze(text), f"slide {number}: {text!r} drawn as {got!r}"
            _assert_no_overlap(number, [inside[i] for i, box in enumerate(boxes) if box[4] is not None])


def _lines(chars: list[dict]) -> list[tuple[float, float, float, float]]:
    """Group one box's characters into lines: (x0, top, x1, bottom)."""
    lines: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if lines and abs(lines[-1][0]["top"] - char["top"]) < 2:
            lines[-1].append(char)
        else:
            lines.append([char])
    return [
        (
            min(c["x0"] for c in line),
            min(c["top"] for c in line),
            max(c["x1"] for c in line),
            max(c["bottom"] for c in line),
        )
        for line in lines
    ]


def _assert_no_overlap(number: int, groups: list[list[dict]]) -> None:
    lines = [line for chars in groups for line in _lines(chars)]
    for i, a in enumerate(lines):
        for b in lines[i + 1 :]:
            overlap_x = min(a[2], b[2]) - max(a[0], b[0])
            overlap_y = min(a[3], b[3]) - max(a[1], b[1])
            assert not (overlap_x > 1 and overlap_y > 1), f"slide {number}: lines at {a} and {b} overlap"
