"""The loader's checks on the constructs of issue 9: each problem positioned, all of them at once.

Each case mutates `tests/data/constructs.yaml` and expects the exact line the user reads.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_loader_errors import check

TEXT = (Path(__file__).parent / "data" / "constructs.yaml").read_text(encoding="utf-8")


def mutate(*pairs: str) -> str:
    text = TEXT
    for old, new in zip(pairs[::2], pairs[1::2], strict=True):
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


CASES = {
    "inner lead-in not in the text": (
        mutate(
            "leads: [一是稳住了经济大盘。, 二是守住了民生底线。]", "leads: [一是稳住了经济大盘。, 三是守住了民生底线。]"
        ),
        "25:29: lead-in '三是守住了民生底线。' is not in this paragraph's text (expected the exact text, in order)",
    ),
    "inner lead-ins out of order": (
        mutate(
            "leads: [一是稳住了经济大盘。, 二是守住了民生底线。]", "leads: [二是守住了民生底线。, 一是稳住了经济大盘。]"
        ),
        "25:29: lead-in '一是稳住了经济大盘。' is not in this paragraph's text (expected the exact text, in order)",
    ),
    "written part number out of sequence": (
        mutate("  - heading: 二、2024年主要任务", "  - heading: 三、2024年主要任务"),
        "60:14: numbering out of sequence: expected '二、' here",
    ),
    "table figure in a cell that is not there": (
        mutate("value: 12, unit: 个, cell: [0, 2]", "value: 12, unit: 个, cell: [0, 5]"),
        "58:88: cell outside the table ([row, column] from 0, header excluded)",
    ),
    "table figure that disagrees with its cell": (
        mutate('quote: "12", value: 12', 'quote: "12", value: 13'),
        "58:69: figure disagrees with its sentence: '12' says 12, declared 13",
    ),
    "figure on a number boundary only": (
        mutate("quote: 6.5%, value: 6.5", "quote: 5%, value: 5"),
        "27:54: figure quote '5%' is not in this paragraph (expected the exact text)",
    ),
    "unknown unit names the accepted list": (
        mutate(
            "新增规模以上工业企业56家",
            "新增规模以上工业企业56瓣",
            "quote: 56家, value: 56, unit: 家",
            "quote: 56瓣, value: 56, unit: 瓣",
        ),
        "35:57: figure quote '56瓣': unknown unit '瓣' (accepted units: ",
    ),
    "hedge that disagrees with the declared qualifier": (
        mutate('quote: 5%左右, value: 5, unit: "%"}', 'quote: 5%左右, value: 5, unit: "%", qualifier: 以上}'),
        "65:94: qualifier disagrees with the sentence: '5%左右' has '左右', declared '以上'",
    ),
    "range whose upper bound is not declared": (
        mutate("增长5%左右", "增长5%—6%", "quote: 5%左右, value: 5", "quote: 5%—6%, value: 5"),
        "65:70: figure disagrees with its sentence: '5%—6%' says 5—6 %, declared 5 %",
    ),
    "two figures with one label in a chart": (
        mutate(
            "    categories: [新建学校]\n    series:\n      - {name: 2022年, figures: [schools-2022]}\n"
            "      - {name: 2023年, figures: [schools-2023]}\n",
            "    figures: [schools-2022, schools-2023]\n",
        ),
        "98:29: two figures in one chart are both called '新建学校' (labels must differ)",
    ),
    "series of unequal length": (
        mutate("categories: [新建学校]", "categories: [新建学校, 新建幼儿园]"),
        "100:32: a series needs 2 figures (one per category)",
    ),
    "glossary match that the body never uses": (
        mutate("        - term: “六个一”工程\n", "        - term: “六个一”工程\n          match: [七个一]\n"),
        "90:19: term '七个一' never occurs in the body (expected a term the body uses)",
    ),
    "two glossaries": (
        mutate("tiles:\n", "glossary:\n  entries:\n    - {term: 示范市, definition: 这里。}\ntiles:\n"),
        "93:5: only one glossary is allowed (an appendix already has one)",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_construct_problems_are_positioned(tmp_path, capsys, name):
    content, expected = CASES[name]
    status, err = check(tmp_path, capsys, content, "--lang", "en")
    assert status == 1
    assert err.startswith(f"report.yaml:{expected}"), err


def test_every_problem_at_once_in_file_order_with_a_count(tmp_path, capsys):
    content = mutate(
        "  version: 2\n",
        "  version: two\n  colour: red\n",
        "leads: [一是稳住了经济大盘。, 二是守住了民生底线。]",
        "leads: [一是稳住了经济大盘。, 三是守住了民生底线。]",
        "value: 12, unit: 个, cell: [0, 2]",
        "value: 12, unit: 个, cell: [0, 5]",
        "  - figure: revenue",
        "  - figure: revenues",
    )
    status, err = check(tmp_path, capsys, content, "--lang", "en")
    lines = err.splitlines()
    assert status == 1
    assert [line.split(":")[1] for line in lines[:-1]] == ["4", "5", "26", "59", "93"]
    assert lines[-1] == "5 problem(s)"
    assert "unknown figure id 'revenues'" in lines[-2]


def test_a_problem_set_aside_does_not_hide_the_others(tmp_path, capsys):
    content = mutate(
        "  - text: 各位代表，成绩来之不易。\n",
        "  - text: 各位代表，成绩来之不易。\n    colour: red\n",
        "  - figure: gdp-growth",
        "  - figure: nothing",
    )
    status, err = check(tmp_path, capsys, content, "--lang", "en")
    assert status == 1
    assert "unknown key 'colour'" in err and "unknown figure id 'nothing'" in err
