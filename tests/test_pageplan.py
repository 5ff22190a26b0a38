"""The page plan (issue 19): one page model of the formal report, plain data, checked without files.

Its pages and references are the DOCX's (same layout); its glyphs stand inside the page as
the DOCX's styles place them: justified lines end at the right margin, hanging marks past
it, folios "— N —" odd right and even left, the outline in reading order.
"""

from __future__ import annotations

import pytest

from generator.linebreak import HANGING
from generator.pageplan import PagePlan, build_page_plan
from generator.renderers.docx.plan import GEOMETRY, INDENT, plan_document


@pytest.fixture(scope="module")
def plan(report) -> PagePlan:
    return build_page_plan(plan_document(report))


def test_pages_and_references_are_the_docx_layouts(plan, report):
    document = plan_document(report)
    assert len(plan.pages) == document.layout.page_count
    assert [(r.term, r.pages) for r in plan.references] == [(r.term, r.pages) for r in document.references]
    cited = {name for r in plan.references for name in r.bookmarks}
    assert cited <= set(plan.anchors)
    for ref in plan.references:
        assert [plan.anchors[name][0] for name in ref.bookmarks] == ref.pages


def test_every_line_of_the_model_is_placed_on_its_page(plan):
    layout = plan.document.layout
    placed = {(line.item, line.start) for page in plan.pages for line in page.lines if line.style != "TableText"}
    for line in layout.lines:
        if not hasattr(plan.document.paragraphs[line.block], "rows"):
            assert (line.block, line.start) in placed
    for page in plan.pages:
        for line in page.lines:
            assert plan.top < line.baseline < plan.height - plan.bottom


def test_justified_lines_fill_the_measure_and_marks_hang_past_it(plan):
    right = plan.left + GEOMETRY.line_width
    filled = hanging = 0
    for page in plan.pages:
        for line in page.lines:
            if line.style not in ("Normal", "GlossaryEntry") or not line.runs:
                continue
            glyphs = [(x, ch, a) for run in line.runs for x, ch, a in zip(run.xs, run.text, run.advances, strict=True)]
            assert glyphs[0][0] in (pytest.approx(plan.left), pytest.approx(plan.left + INDENT))
            text = plan.document.paragraphs[line.item].text
            if line.end == len(text):
                continue  # a paragraph's last line is not justified
            fitting = [g for g in glyphs if not (g[1] in HANGING and g[0] >= right - 0.01)]
            end = fitting[-1][0] + fitting[-1][2]
            assert fitting[-1][0] < right
            if len(fitting) < len(glyphs):
                hanging += 1
                assert glyphs[len(fitting)][0] >= right - 0.01
            filled += 1
            assert end == pytest.approx(right, abs=0.6) or len(fitting) < len(glyphs)
    print(f"\njustified lines {filled}, with a hanging mark {hanging}")
    assert filled > 100 and hanging > 0


def test_folios_odd_right_even_left(plan):
    for page in plan.pages:
        folio = page.folio
        assert folio is not None and folio.text == f"— {page.number} —"
        start, end = folio.runs[0].x, folio.runs[-1].end
        if page.number % 2:
            assert end == pytest.approx(plan.width - plan.right - 14.0, abs=0.01)
        else:
            assert start == pytest.approx(plan.left + 14.0)
        assert plan.height - plan.bottom < folio.baseline < plan.height


def test_outline_holds_parts_and_sections_in_reading_order(plan, report):
    levels = [(e.level, e.title) for e in plan.outline]
    parts = [p.numbered_heading for p in report.parts]
    assert [t for level, t in levels if level == 1][: len(parts)] == parts
    assert any(level == 2 for level, _ in levels)
    assert [(e.page, e.y) for e in plan.outline] == sorted((e.page, e.y) for e in plan.outline)
