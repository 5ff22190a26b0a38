"""False positives: every finding on the seed and the ten corpus reports as published is reviewed.

tests/proof_review/<family>.tsv records each finding of that family (file, line, column, rule)
as ``true`` (the publisher's own error: it stays a finding) or ``false``, with a reason, after
reading it. The findings are computed again here: an unrecorded finding fails, a recorded one
no longer found fails (the file must be kept true), and false findings may not exceed one per
10,000 printed characters on any report. Prints the figures.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from conftest import SEED, SHARED

from generator.proof import FAMILIES
from generator.proof.command import proof_file

REVIEW = Path(__file__).parent / "proof_review"
REPORTS = [SEED, *sorted((SHARED / "corpus").glob("*-*.md"))]
FALSE_PER_10K = 1.0


def family_name(module) -> str:
    return module.__name__.rsplit(".", 1)[-1]


@pytest.fixture(scope="module")
def published():
    """Each report's findings (file name, line, column, rule) and its printed length in characters."""
    out = {}
    for report in REPORTS:
        text, found = proof_file(report)
        out[report.name] = ([(report.name, x.line, x.column, x.finding.rule) for x in found], text)
    return out


@pytest.mark.parametrize("family", [f for f in FAMILIES if f.RULES], ids=family_name)
def test_every_finding_is_reviewed_and_false_ones_are_rare(family, published):
    rules = {r.id for r in family.RULES}
    with open(REVIEW / f"{family_name(family)}.tsv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    verdicts = {(r["file"], int(r["line"]), int(r["column"]), r["rule"]): r["verdict"] for r in rows}
    assert set(verdicts.values()) <= {"true", "false"}
    assert all(r["reason"].strip() for r in rows)
    found = {key for keys, _ in published.values() for key in keys if key[3] in rules}
    assert not found - set(verdicts), f"unreviewed findings: {sorted(found - set(verdicts))}"
    assert not set(verdicts) - found, f"reviewed but no longer found: {sorted(set(verdicts) - found)}"
    false = Counter(key[0] for key, verdict in verdicts.items() if verdict == "false")
    for name, (_keys, text) in sorted(published.items()):
        characters = sum(len(u.text) for u in text.units)
        mine = [k for k in found if k[0] == name]
        rate = false[name] / characters * 10_000
        print(f"{family_name(family):12} {name:28} {characters:6} chars  findings {len(mine):3}  "
              f"false {false[name]:2}  ({rate:.2f} per 10,000)")  # fmt: skip
        assert rate <= FALSE_PER_10K, name
