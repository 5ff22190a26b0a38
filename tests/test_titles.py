"""Titles break at phrase boundaries, in even lines of at least three characters (issue 10)."""

from __future__ import annotations

import pytest

from generator.fonts import metrics
from generator.titles import MIN_LINE, boundaries, break_title

FACE = metrics("meeting")


def width(size: float):
    return lambda text: FACE.width(text, size)


@pytest.mark.parametrize(
    ("text", "box", "size", "expected"),
    [
        (
            "——2020年8月20日在常营回族乡第十七届人民代表大会第九次会议上",
            442.2,
            16,
            ["——2020年8月20日在常营回族乡", "第十七届人民代表大会第九次会议上"],
        ),
        (
            "——2023年1月8日在那曲市第二届人民代表大会第二次全体会议上",
            442.2,
            16,
            ["——2023年1月8日在那曲市第二届", "人民代表大会第二次全体会议上"],
        ),
        (
            "关于2020年上半年工作回顾和下半年工作任务的报告",
            330,
            28,
            ["关于2020年", "上半年工作回顾和", "下半年工作任务的报告"],
        ),
        ("政府工作报告", 300, 28, ["政府工作报告"]),
    ],
)
def test_titles_break_where_phrases_end(text, box, size, expected):
    assert break_title(text, box, width(size)) == expected


def test_no_break_inside_a_number_a_date_or_after_a_dash():
    text = "——2024年1月10日在示范市第一届人民代表大会第三次会议上"
    cuts = boundaries(text)
    assert all(not (text[i - 1].isdigit() and text[i].isdigit()) for i in cuts)
    assert 1 not in cuts and 2 not in cuts
    assert text.index("在") in cuts and text.index("第一届") in cuts


@pytest.mark.parametrize("box", [120, 200, 300, 400, 600])
def test_every_line_fits_and_none_is_too_short(box):
    text = "努力谱写加快建设幸福美好新常营的时代篇章！"
    lines = break_title(text, box, width(36))
    assert "".join(lines) == text
    assert all(FACE.width(line, 36) <= box for line in lines)
    assert all(len(line) >= MIN_LINE for line in lines)


def test_lines_are_even():
    text = "——2020年8月20日在常营回族乡第十七届人民代表大会第九次会议上"
    lines = break_title(text, 300, width(16))
    widths = [FACE.width(line, 16) for line in lines]
    assert max(widths) - min(widths) < 0.35 * max(widths), lines
