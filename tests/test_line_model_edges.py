"""Edges of the line model that LibreOffice decides otherwise than a plain sum of advances.

A small report (``tests/data/constructs.yaml`` with three paragraphs and a table added) is
built by the real command and its DOCX rendered by LibreOffice with the project's font
aliases; the model must break every line as LibreOffice does:

- a blank (U+0020) that does not fit at a line's end goes past the margin and the line
  breaks after it (the character before the blank keeps its line);
- a Greek π or a Cyrillic letter between ideographs is Western text: autospace at its edges;
- a table column's width is where LibreOffice puts the column's edges (its separators in
  1/10,000 of the table, cut to whole twips), not the DOCX's stated width: a first column of
  720 twips is 719 wide and a two-character header that would fill 720 exactly breaks.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import products_by_format, reportgen, soffice_pdf
from docxlayout import body_lines, line_differences
from pdflines import read_lines

from generator.linebreak import Block, Run, break_lines, line_width
from generator.loader import load_report
from generator.renderers.docx.plan import (
    GEOMETRY,
    INDENT,
    PAGE,
    TRACKING,
    PlannedTable,
    cell_lines,
    mm_twips,
    plan_document,
)

DATA = Path(__file__).parent / "data" / "constructs.yaml"
FILLER = "推进高质量发展建设现代化经济体系"


def _blank_paragraph() -> str:
    """Ideographs up to the last that fits the first line, a blank that does not, then more text."""
    for count in range(10, 60):
        prefix = (FILLER * 4)[:count]
        fitted = line_width(Block((Run(prefix + " ", "body", 16.0, TRACKING),)))
        if fitted > GEOMETRY.line_width - INDENT:
            return f"{prefix} 20个示范项目全部建成，{FILLER}。"
    raise AssertionError("no prefix length puts the blank past the margin")


def _source(tmp: Path) -> Path:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    content = data["parts"][0]["content"]
    greek = "建成科教公元π等特色街区和α粒子实验室，引进Бизнес中心，" * 3
    content += [
        {"text": _blank_paragraph()},
        {"text": f"{FILLER}，{greek}{FILLER}。"},
        {
            "table": "主要指标完成情况",
            "header": [["序号", "指标名称及口径说明", "计量单位", "二〇一一年实际完成", "二〇一六年实际完成"]],
            "rows": [["1", "地区生产总值（按可比价格计算）", "亿元", "六千六百七十九点零九", "九千二百一十点零二"]],
        },
    ]
    path = tmp / "edges.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def edges(tmp_path_factory):
    work = tmp_path_factory.mktemp("edges")
    source = _source(work)
    result = reportgen("build", source, "--out", work / "out", "--format", "docx", "-q")
    assert result.returncode == 0, result.stderr
    docx = products_by_format(work / "out")["docx"]
    inputs = work / "in"
    inputs.mkdir()
    rendered = soffice_pdf(shutil.copy(docx, inputs / "draft.docx"), work)
    return plan_document(load_report(source)), read_lines(str(rendered))


def test_blank_at_the_margin_goes_past_it():
    text = _blank_paragraph()
    block = Block((Run(text, "body", 16.0, TRACKING),), first_indent=INDENT)
    (start, end), *_ = break_lines(block, GEOMETRY.line_width)
    assert (start, text[end - 1], text[end]) == (0, " ", "2")


def test_libreoffice_breaks_every_line_as_the_model(edges):
    plan, lines = edges
    assert line_differences(plan, lines) == []


def test_a_header_cell_filling_the_stated_width_breaks_as_in_libreoffice(edges):
    plan, lines = edges
    table = [item for item in plan.paragraphs if isinstance(item, PlannedTable)][-1]
    cell = table.rows[0][0]
    stated, laid = cell_lines(cell.text, table.cell_width(cell)), cell_lines(cell.text, table.laid_width(cell))
    assert (len(stated), len(laid)) == (1, 2)  # the case under test: a tie at the DOCX's width
    index = plan.paragraphs.index(table)
    page = next(line.page for line in plan.layout.lines if line.block == index)
    left = mm_twips(PAGE["left"]) / 20 + (GEOMETRY.line_width - table.column_edges()[-1]) / 2
    right = left + table.column_edges()[1]
    printed = [
        line.text[0]
        for line in body_lines(lines)
        if line.page == page and left <= line.chars[0]["x0"] < right and line.text[0] in cell.text
    ]
    assert printed == laid
