"""The deck's bullets (issue 18, item 6): a bullet is a whole lead-in, a whole phrase or a whole short
sentence, never text cut with "…"; a part's divider is followed by its content; a continuation slide
holds at least two entries. Plans of short samples written for these tests.
"""

from __future__ import annotations

import io
import json
import unicodedata

import pytest
from conftest import squeeze
from ruamel.yaml import YAML

from generator.loader import parse_report
from generator.model import Report
from generator.renderers.pptx.design import LAYOUTS
from generator.renderers.pptx.plan import (
    CONTINUED,
    OPENING_CHARS,
    balanced,
    opening,
    plan_deck,
    whole_bullet,
)

LONG = "面对复杂多变的外部环境和艰巨繁重的改革发展稳定任务，我们坚持稳中求进工作总基调，扎实推进各项工作。"
"""A first sentence longer than a bullet's opening: its opening clauses are shown, whole."""
NO_CLAUSE = "我们要" + "持续推进城乡基础设施建设" * 12 + "。"
"""A first sentence too long for a bullet, with no clause mark to cut it at: nothing of it is shown."""
SHORT = "扎实推进乡村振兴。"


def _report(parts: list[dict], appendices: list[dict] | None = None) -> Report:
    data = {
        "report": {
            "id": "bullets",
            "title": "政府工作报告",
            "date": "2024-01-10",
            "session": "某市第一届人民代表大会第一次会议",
            "speaker": "某某",
            "office": "市长",
            "issuer": "某市人民政府",
            "short_title": "政府工作报告",
        },
        "parts": parts,
        "appendices": appendices or [],
    }
    buffer = io.StringIO()
    YAML().dump(json.loads(json.dumps(data)), buffer)  # no shared objects: the loader refuses YAML aliases
    return parse_report(buffer.getvalue().encode("utf-8"), "bullets.yaml")


def _content_bullets(slides) -> list[str]:
    return [t for s in slides if s.layout == "content" for f in s.frames if f.idx == 1 for t in f.paragraphs]


def _title(slide) -> str:
    return slide.frame(0).paragraphs[0]


def _ends_whole(bullet: str, text: str) -> bool:
    """Whether ``bullet`` stands in ``text`` ending with or before a punctuation mark or at a paragraph's end."""
    start = text.find(bullet)
    while start >= 0:
        end = start + len(bullet)
        if end == len(text) or text[end] == "\n" or unicodedata.category(text[end]).startswith("P"):
            return True
        start = text.find(bullet, start + 1)
    return False


def test_no_bullet_is_cut_inside_a_sentence_or_ends_in_an_ellipsis():
    paragraphs = [{"text": LONG * 2}, {"text": NO_CLAUSE + LONG}, {"text": "同时，" + LONG * 3}]
    report = _report(
        [{"heading": "过去一年工作回顾", "content": [{"section": "稳住经济大盘", "paragraphs": paragraphs}]}]
    )
    slides = plan_deck(report)
    text = "\n".join(squeeze(t) for t in report.reading_order())
    bullets = _content_bullets(slides)
    assert bullets
    for bullet in bullets:
        assert not bullet.endswith("…"), bullet
        assert _ends_whole(squeeze(bullet), text), bullet
    assert opening(LONG) == "面对复杂多变的外部环境和艰巨繁重的改革发展稳定任务"
    assert len(opening(LONG)) <= OPENING_CHARS
    assert opening(NO_CLAUSE) == ""  # nothing short enough: the slide takes fewer bullets
    assert not any("持续推进城乡基础设施建设持续" in b for b in bullets)


def test_a_lead_in_too_long_for_the_box_shows_its_opening_clauses_or_nothing():
    box = LAYOUTS["content"].box(1)
    clauses = "，".join(f"第{n}项重点工作全面落实到位并取得明显成效" for n in range(1, 30)) + "。"
    shown = whole_bullet(clauses, box)
    assert shown is not None and clauses.startswith(shown) and clauses[len(shown)] == "，"
    assert whole_bullet(NO_CLAUSE * 3, box) is None
    assert whole_bullet(SHORT, box) == SHORT


def test_every_part_divider_is_followed_by_its_content():
    quiet = [{"text": "同时，" + LONG}, {"text": NO_CLAUSE}]  # no lead-in, implied or marked
    parts = [{"heading": f"第{n}方面工作", "content": quiet} for n in range(1, 4)]
    slides = plan_deck(_report(parts))
    for slide, following in zip(slides, slides[1:], strict=False):
        if slide.layout == "section":
            assert following.layout == "content" and _content_bullets([following]), _title(slide)


@pytest.mark.parametrize(
    ("chunks", "expected"),
    [
        ([[1, 2, 3], [4]], [[1, 2], [3, 4]]),
        ([[1, 2], [3]], [[1], [2, 3]]),  # the first slide may keep one
        ([[1, 2, 3], [4, 5], [6]], [[1, 2, 3], [4, 5], [6]]),  # a continuation keeps two
        ([[1, 2, 3], [4, 5, 6], [7]], [[1, 2, 3], [4, 5], [6, 7]]),
        ([[1]], [[1]]),
    ],
)
def test_a_last_continuation_takes_entries_from_the_slide_before(chunks, expected):
    assert balanced(chunks, lambda chunk: True) == expected


def test_a_last_continuation_keeps_what_it_cannot_hold():
    assert balanced([[1, 2, 3], [4]], lambda chunk: len(chunk) < 2) == [[1, 2, 3], [4]]


def test_continuation_slides_hold_at_least_two_entries():
    long_section = [{"text": "".join(LONG.replace("外部", f"第{n}{k}类") for k in "甲乙丙")} for n in range(20)]
    rows = [[f"指标{n}", f"{n}亿元"] for n in range(1, 40)]
    for extra in range(0, 6):  # tables whose last slide would hold one row, or more
        table = {"table": "主要指标完成情况", "header": [["指标", "完成"]], "rows": rows[: 20 + extra]}
        parts = [
            {"heading": f"第{n}方面工作", "content": [{"section": "推进重点工作", "paragraphs": long_section}, table]}
            for n in range(1, 13)
        ]
        slides = plan_deck(_report(parts))
        continued = [s for s in slides if _title(s).endswith(CONTINUED) and s.layout in ("content", "agenda")]
        assert continued
        for slide in continued:
            entries = (
                len(slide.table.rows) - slide.table.header_rows
                if slide.table is not None
                else len(next(f for f in slide.frames if f.idx == 1).paragraphs)
            )
            assert entries >= 2, (_title(slide), entries)
