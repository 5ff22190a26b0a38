"""The source holds the seed's text exactly once, in order (issue 2, §1)."""

from conftest import squeeze
from fidelity import PAGE_REFERENCE, first_difference, seed_text


def test_source_text_equals_seed(report):
    source = squeeze("".join(report.reading_order()))
    seed = seed_text()
    assert source == seed, first_difference(source, seed)


def test_no_half_width_punctuation_crept_in(report):
    text = "".join(report.reading_order())
    for mark in ",;:?!()\"'":
        assert mark not in text, f"half-width {mark!r} in the source text"


def test_glossary_page_references_are_not_stored(report):
    text = "".join(report.reading_order())
    assert not PAGE_REFERENCE.search(text)
    assert len(report.glossary.entries) == 13


def test_structure_is_the_real_one(report):
    assert [p.numbered_heading for p in report.parts] == [
        "一、2020年上半年工作回顾",
        "二、2020年下半年工作任务",
        "三、加强政府自身建设",
    ]
    assert [s.label for s in report.parts[0].sections] == ["（一）", "（二）", "（三）"]
    assert all(s.run_in for s in report.parts[2].sections) and len(report.parts[2].sections) == 4
    # part one ends with paragraphs after its sections (the summary and the shortcomings)
    assert not hasattr(report.parts[0].content[-1], "section")
    assert len(report.parts[1].digest_items()) == 6
    emphasis = [s.text for p in report.body_paragraphs() for s in p.spans if s.emphasis]
    assert emphasis == [
        "我们上下一盘棋",
        "我们绷紧一根弦",
        "我们拧成一股绳",
        "我们织就一张网",
        "一是基层社会治理能力还有待提升",
    ]
