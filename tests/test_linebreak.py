"""The line-break rule every engine is told (issue 11, finding 13), and hanging punctuation in LibreOffice.

The DOCX states how lines break (kinsoku on, ``w:wordWrap`` off so that Word breaks Latin
words and digit runs anywhere, as LibreOffice and the page model do). Hanging punctuation
is kept (Word's and WPS's default, and the only setting LibreOffice reads the same way); the
page model lays those marks past the line end. LibreOffice 7.4 lays them out there too but
paints only some of them: this test counts the marks it leaves unpainted and checks that
every one of them is a mark the model hangs (no other character is lost).
"""

from __future__ import annotations

import zipfile
from collections import Counter

import pytest
from conftest import pdf_text, soffice_pdf

from generator.linebreak import HANGING, hanging_marks
from generator.renderers.docx.plan import GEOMETRY, PlannedParagraph, plan_document

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_every_paragraph_style_states_the_line_break_rule(built):
    styles = zipfile.ZipFile(built["docx"]).read("word/styles.xml").decode()
    paragraph_styles = styles.count('w:type="paragraph"')
    assert styles.count('<w:kinsoku w:val="1"/><w:wordWrap w:val="0"/>') >= paragraph_styles - 1  # Footer aside
    assert "<w:overflowPunct" not in styles and "<w:autoSpaceDE" not in styles  # defaults: on


@pytest.fixture(scope="module")
def counts(built, report, tmp_path_factory):
    """Per closing mark: (in the DOCX, in LibreOffice's PDF, hung by the page model)."""
    rendered = pdf_text(soffice_pdf(built["docx"], tmp_path_factory.mktemp("hanging")))
    plan = plan_document(report)
    in_docx: Counter[str] = Counter()
    hung: Counter[str] = Counter()
    for paragraph in plan.paragraphs:
        if isinstance(paragraph, PlannedParagraph):
            in_docx.update(ch for ch in paragraph.text if ch in HANGING)
            hung.update(paragraph.text[i] for i in hanging_marks(paragraph.block(), GEOMETRY.line_width))
    painted = Counter(ch for ch in rendered if ch in HANGING)
    return {mark: (in_docx[mark], painted[mark], hung[mark]) for mark in sorted(set(in_docx) | set(hung))}


def test_libreoffice_leaves_only_hanging_marks_unpainted(counts):
    for mark, (in_docx, painted, hung) in counts.items():
        unpainted = in_docx - painted
        assert 0 <= unpainted <= hung, (mark, in_docx, painted, hung)
    assert sum(hung for *_, hung in counts.values()) > 0  # the seed does hang marks: the check is not vacuous
