"""The same findings for a report as Markdown, as the DOCX pandoc makes of it, and as the source import makes.

Each corpus report gets errors planted (the recall planters, seeded), then is proofread three
ways: the .md itself, ``pandoc -f markdown-smart`` → .docx (numbered lines become automatic
lists, whose numbers the reader takes from the DOCX's numbering), and the YAML ``reportgen
import`` writes of the .md. Positions aside, the findings (rule and the characters found) agree;
in the .md and the .docx every finding's position holds its first character.
"""

from __future__ import annotations

import random
import subprocess

import pytest
from conftest import SHARED
from test_proof_recall import plant_copy, planters

from generator.proof.command import proof_file
from generator.proof.docxtext import body_paragraphs
from generator.readers import read_report
from generator.writers.yaml import write_report

CORPUS = sorted((SHARED / "corpus").glob("*-*.md"))


def what_is_found(path, lines: list[str] | None = None) -> list[tuple[str, str]]:
    """(rule, characters found) of each finding; with the file's ``lines``, each position is checked too."""
    text, found = proof_file(path)
    for x in found if lines is not None else []:
        first = text.units[x.finding.unit].text[x.finding.start]
        assert first.isspace() or lines[x.line - 1][x.column - 1 : x.column] == first, (path, x)
    return sorted((x.finding.rule, text.units[x.finding.unit].text[x.finding.start : x.finding.end]) for x in found)


@pytest.mark.parametrize("report", CORPUS, ids=lambda p: p.stem)
def test_markdown_pandoc_docx_and_imported_source_give_the_same_findings(report, tmp_path):
    lines = report.read_text(encoding="utf-8").split("\n")
    made = plant_copy(lines, [(rule, planter, whole) for _f, rule, planter, whole in planters()], random.Random(7))
    markdown = tmp_path / report.name
    markdown.write_text("\n".join(lines), encoding="utf-8")
    docx = markdown.with_suffix(".docx")
    subprocess.run(["pandoc", "-f", "markdown-smart", "-o", str(docx), str(markdown)], check=True)
    source = markdown.with_suffix(".yaml")
    source.write_text(write_report(read_report(markdown, markdown.read_text(encoding="utf-8"), "r").report), "utf-8")
    expected = what_is_found(markdown, lines)
    assert len(expected) >= len(made) > 5
    assert what_is_found(docx, body_paragraphs(docx.read_bytes())) == expected
    assert what_is_found(source) == expected
