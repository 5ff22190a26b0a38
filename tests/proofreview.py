"""The false-positive review of a rule family: its findings on the seed and the ten corpus reports.

``tests/proof_review/<family>.tsv`` records each finding of the family on those reports as
published (file, line, column, rule, text, verdict true/false, reason). :func:`review` proofreads
them again and returns what is found but not recorded, what is recorded but no longer found, and
per report the characters and the false findings; the test fails on either difference and when
false findings exceed :data:`FALSE_PER_10K` per 10,000 characters on any report.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from conftest import SEED, SHARED

from generator.proof.command import proof_file

FALSE_PER_10K = 1.0
REVIEW = Path(__file__).parent / "proof_review"


def reports() -> list[Path]:
    """The seed and the ten corpus reports."""
    return [*sorted((SHARED / "corpus").glob("*.md")), SEED]


@dataclass
class Review:
    """What a family finds on the reports, against what its review file records."""

    unrecorded: list[tuple]
    stale: list[tuple]
    figures: dict[str, tuple[int, int, int]]
    """Per report: characters of its printed text, findings, false findings."""


def review(family: str, rules: set[str]) -> Review:
    """Proofread the reports with ``family``'s rules and compare with its review file."""
    recorded: dict[tuple, str] = {}
    for line in (REVIEW / f"{family}.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, row, column, rule, text, verdict, _reason = line.split("\t")
        assert verdict in ("true", "false"), line
        recorded[(name, int(row), int(column), rule, text)] = verdict
    found: set[tuple] = set()
    figures = {}
    for path in reports():
        if path.name == "README.md":
            continue
        text, located = proof_file(path)
        mine = [x for x in located if x.finding.rule in rules]
        keys = []
        for x in mine:
            f = x.finding
            keys.append((path.name, x.line, x.column, f.rule, text.units[f.unit].text[f.start : f.end]))
        found.update(keys)
        chars = sum(len(u.text) for u in text.units)
        false = sum(1 for k in keys if recorded.get(k) == "false")
        figures[path.name] = (chars, len(keys), false)
    return Review(sorted(found - set(recorded)), sorted(set(recorded) - found), figures)


def print_figures(family: str, result: Review) -> None:
    """The figures of the review, one line per report."""
    for name, (chars, findings, false) in result.figures.items():
        rate = false / chars * 1e4
        print(f"{family} {name}: {chars} characters, {findings} findings, {false} false ({rate:.2f} per 10,000)")
