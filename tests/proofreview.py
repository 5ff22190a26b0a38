"""Recall of one rule family on its own: its planters only, one plant per planter in each report.

The shared harness (tests/test_proof_recall.py) plants every family's errors into the same
copies (eight reports per planter); whole-file plants that fall next to another plant are dropped
there. Here a family's planters plant ``per_planter`` errors each over the eleven reports (at
most one per planter and report, so that two plants of one sequence do not undo each other), the
same way: seeded rng, distinct lines ``GAP`` apart, found when the copy has more findings of the
rule on that line.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from test_proof_recall import GAP, recall_of

__all__ = ["GAP", "family_recall"]


def family_recall(family: str, per_planter: int, tmp: Path) -> tuple[dict[str, list[bool]], list[str]]:
    """Per rule of ``family`` the outcome of each plant, and the misses described."""
    module = importlib.import_module(f"proofplants.{family}")
    planters = [(r, p, False) for r, p in module.PLANTS] + [(r, p, True) for r, p in getattr(module, "FILE_PLANTS", [])]
    return recall_of(planters, per_planter, tmp)


def print_recall(outcome: dict[str, list[bool]]) -> None:
    """The figures, one line per rule and the total."""
    for rule, results in sorted(outcome.items()):
        print(f"{rule:24} planted {len(results):3}  found {sum(results):3}")
    total = sum(len(v) for v in outcome.values())
    print(f"{'all':24} planted {total:3}  found {sum(sum(v) for v in outcome.values()):3}")
