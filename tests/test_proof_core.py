"""The proofreading framework: units in reading order, the registry, positions in the file."""

from __future__ import annotations

from conftest import SOURCE

from generator.loader import load_report
from generator.proof import FAMILIES, all_rules, proofread
from generator.proof.core import ProofText


def test_units_are_the_printed_text_in_reading_order():
    report = load_report(SOURCE)
    text = ProofText.from_report(report)
    printed = "".join(report.reading_order())
    joined = "".join(u.text for u in text.units)
    # every unit is printed text, in order: each one is found after the previous one
    at = 0
    for unit in text.units:
        found = printed.find(unit.text, at)
        assert found >= 0, unit
        at = found + len(unit.text)
    assert len(joined) == len(printed)
    assert [u.index for u in text.units] == list(range(len(text.units)))
    levels = {u.level for u in text.units if u.kind == "heading"}
    assert levels <= {1, 2, 3} and 1 in levels


def test_registry_lists_four_families_and_unique_rule_ids():
    assert [f.__name__.rsplit(".", 1)[-1] for f in FAMILIES] == ["punctuation", "numbers", "words", "structure"]
    ids = [r.id for r in all_rules()]
    assert len(ids) == len(set(ids))
    assert all(r.family in ("punctuation", "numbers", "words", "structure") for r in all_rules())
    report = load_report(SOURCE)
    assert isinstance(proofread(ProofText.from_report(report)), list)
