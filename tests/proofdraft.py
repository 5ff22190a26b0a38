"""A small Markdown draft of a work report around given paragraphs, proofread as `reportgen proof` reads it."""

from __future__ import annotations

from pathlib import Path

from generator.proof.command import Located, proof_file

HEAD = [
    "# 政府工作报告",
    "",
    "——2024年1月10日在某市第十七届人民代表大会第三次会议上",
    "",
    "市长　王明",
    "",
    "各位代表：",
    "",
    "现在，我代表市人民政府，向大会报告工作，请予审议，并请市政协委员提出意见。",
    "",
]


def draft(tmp_path: Path, parts: list[tuple[str, list[str]]], tail: list[str] = ()) -> tuple[Path, dict[str, int]]:
    """Write a draft with ``parts`` (heading, paragraphs); returns the file and each paragraph's line number."""
    lines = list(HEAD)
    where: dict[str, int] = {}
    for heading, paragraphs in parts:
        lines += [f"## {heading}", ""]
        for paragraph in paragraphs:
            where[paragraph] = len(lines) + 1
            lines += [paragraph, ""]
    lines += ["各位代表：让我们团结一心，奋力谱写新篇章！", "", *tail]
    path = tmp_path / "draft.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, where


def findings(path: Path, rules: set[str] | None = None) -> list[Located]:
    """The findings of ``rules`` (all when None) in the file, with positions."""
    _text, located = proof_file(path)
    return [x for x in located if rules is None or x.finding.rule in rules]
