"""Positions: each finding's line and column point at its first character in the file as the user opens it."""

from __future__ import annotations

from pathlib import Path

import docx

from generator.proof.command import proof_file
from generator.proof.docxtext import body_paragraphs

YAML = """\
report:
  id: positions
  title: 政府工作报告
  date: 2024-01-10
  session: 某市第一届人民代表大会第一次会议
  speaker: 王明
  office: 市长
  issuer: 某市人民政府
  short_title: 某市政府工作报告
parts:
  - heading: 工作回顾
    content:
      - text: 经济运行平稳,质量提升。
      - text: '经济''运行''平稳;质量提升。'
      - text: "经济\\"运行\\"平稳\\u3001稳中有进:质量提升。"
      - text: >-
          经济运行平稳，质量
          提升?效益向好。
      - text: |-
          经济运行**平稳**，质量提升!效益向好。
      - lead: 稳增长。
        text: 经济运行平稳，质量
          提升,效益向好。。
  - heading: 今年安排
    content:
      - section: 稳增长
        paragraphs:
          - text: 推进二0二四年项目。
"""

MARKDOWN = """\
---
title: 政府工作报告
---

# 政府工作报告

——2024年1月10日在某市第一届人民代表大会第一次会议上

市长　王明

各位代表：

**稳增长。**经济运行平稳,质量
提升;效益向好。

## 一、工作回顾

经济\\*运行\\*平稳。。质量提升，增长5-6%。

| 指标 | 数值 |
|---|---|
| 增长(预计) | ５% |
"""


def char_at(lines: list[str], line: int, column: int) -> str:
    return lines[line - 1][column - 1 : column]


def check_every_position(path: Path, lines: list[str]) -> list[tuple[str, int, int, str]]:
    """(rule, line, column, character there) of each finding; asserts the character is the finding's first."""
    text, found = proof_file(path)
    out = []
    for x in found:
        f = x.finding
        first = text.units[f.unit].text[f.start]
        there = char_at(lines, x.line, x.column)
        if not first.isspace():
            assert there == first, (x, first, there)
        out.append((f.rule, x.line, x.column, there))
    return out


def test_source_positions_through_quoting_escapes_folded_and_block_scalars(tmp_path):
    path = tmp_path / "report.yaml"
    path.write_text(YAML, encoding="utf-8")
    found = check_every_position(path, YAML.split("\n"))
    halfwidth = [(line, there) for rule, line, _c, there in found if rule == "punct-halfwidth"]
    assert halfwidth == [(13, ","), (14, ";"), (15, ":"), (18, "?"), (20, "!"), (23, ",")]
    assert ("punct-doubled", 23) in [(r, line) for r, line, _c, _t in found]
    assert ("num-mixed", 28) in [(r, line) for r, line, _c, _t in found]
    # the folded scalar's line break is a space between Chinese characters: found where the line breaks
    assert ("punct-space", 17) in [(r, line) for r, line, _c, _t in found]


def test_markdown_positions_through_marks_and_hard_wrapped_lines(tmp_path):
    path = tmp_path / "report.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    found = check_every_position(path, MARKDOWN.split("\n"))
    assert [(r, line, c) for r, line, c, _t in found] == [
        ("punct-halfwidth", 13, 15),  # after **稳增长。** and 经济运行平稳
        ("punct-halfwidth", 14, 3),  # the paragraph's second line
        ("punct-doubled", 18, 11),  # after two escaped asterisks
        ("num-percent-range", 18, 20),
        ("punct-range-hyphen", 18, 21),
        ("punct-halfwidth", 22, 5),  # in a table row, after "| "
        ("punct-halfwidth", 22, 8),
        ("num-fullwidth", 22, 12),
    ]


def test_docx_positions_are_body_paragraphs_and_characters(tmp_path):
    document = docx.Document()
    document.add_paragraph("政府工作报告")
    document.add_paragraph("——2024年1月10日在某市第一届人民代表大会第一次会议上")
    document.add_paragraph("市长　王明")
    document.add_paragraph("各位代表：")
    paragraph = document.add_paragraph()
    paragraph.add_run("稳增长。").bold = True
    paragraph.add_run("经济运行平稳,质量提升。")
    document.add_paragraph("一、工作回顾")
    document.add_paragraph("经济运行平稳，质量提升。")
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate([("指标", "数值"), ("增长(预计)", "５%")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("增长5%-6%。。")
    path = tmp_path / "report.docx"
    document.save(path)
    lines = body_paragraphs(path.read_bytes())
    found = check_every_position(path, lines)
    assert [(r, line, c) for r, line, c, _t in found] == [
        ("punct-halfwidth", 5, 11),
        ("punct-halfwidth", 10, 3),
        ("punct-halfwidth", 10, 6),
        ("num-fullwidth", 11, 1),
        ("punct-range-hyphen", 12, 5),
        ("punct-doubled", 12, 8),
    ]
