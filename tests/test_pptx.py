"""The PPTX deck: layouts, placeholders, faces, native charts, notes, nothing overflows (issue 5)."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest
from conftest import soffice_pdf, squeeze
from pptx import Presentation
from slideboxes import assert_every_character_inside_its_box

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
            # a native table (here the glossary's) stands where the body placeholder would
            assert shape.is_placeholder or shape.has_table, (number, shape.name)


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
        if slide.layout == "content" and slide.table is None:  # a table slide has no bullets
            assert slide.frame(1).size >= MIN_BULLET_SIZE


def test_every_character_inside_its_box_and_no_lines_overlap(deck, rendered):
    assert assert_every_character_inside_its_box(deck, rendered) == len(deck.slides)
