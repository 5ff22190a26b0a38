"""Recall on planted errors: copies of the corpus reports and the seed, errors planted, found on their line.

Every family's planters (tests/proofplants/<family>.py) plant ``PER_PLANTER`` errors each, spread
over the eleven reports; in each copy the plants stand on distinct body lines at least
``GAP`` lines apart, at places a seeded rng chooses (the planters taken in a seeded order, so that
no family always comes last in a short report; a whole-file planter whose place falls near
another plant is asked again, up to ``FILE_TRIES`` times). A plant is found when the copy has more
findings of its rule on its line than the report as published. Prints the figures per rule.
"""

from __future__ import annotations

import importlib
import random
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from conftest import SEED, SHARED
from proofplants import body_lines

from generator.proof.command import proof_file

FAMILIES = ("punctuation", "numbers", "words", "structure")
PER_PLANTER = 8
GAP = 3
FILE_TRIES = 8
"""How many times a whole-file planter is asked for a place before the plant is given up."""
SEED_NUMBER = 20
TARGET = 0.95
TOTAL = 150
LEAST_PER_RULE = 2
"""Every rule of every family is planted at least this often in the shared harness."""
REPORTS = [SEED, *sorted((SHARED / "corpus").glob("*-*.md"))]


def planters() -> list[tuple[str, str, object, bool]]:
    """(family, rule, planter, whole_file) of every family that has planters."""
    out = []
    for family in FAMILIES:
        try:
            module = importlib.import_module(f"proofplants.{family}")
        except ModuleNotFoundError:
            continue
        out += [(family, rule, planter, False) for rule, planter in getattr(module, "PLANTS", [])]
        out += [(family, rule, planter, True) for rule, planter in getattr(module, "FILE_PLANTS", [])]
    return out


def plant_copy(lines: list[str], jobs: list[tuple[str, object, bool]], rng: random.Random) -> list[tuple[str, int]]:
    """Plant ``jobs`` into ``lines`` in place; returns (rule, line index) of each plant made."""
    taken: set[int] = set()
    made = []
    candidates = body_lines(lines)
    jobs = jobs[:]
    rng.shuffle(jobs)  # a short report runs out of lines: no family's planters always come last
    for rule, planter, whole in jobs:
        if whole:
            planted = plant_whole_file(lines, planter, rng, taken)
            if planted is not None:
                taken.add(planted)
                made.append((rule, planted))
            continue
        order = candidates[:]
        rng.shuffle(order)
        for index in order:
            if any(abs(index - t) < GAP for t in taken):
                continue
            planted = planter(lines[index], rng)
            if planted is None or planted == lines[index] or "\n" in planted:
                continue
            lines[index] = planted
            taken.add(index)
            made.append((rule, index))
            break
    return made


def plant_whole_file(lines: list[str], planter, rng: random.Random, taken: set[int]) -> int | None:
    """Plant a whole-file error into ``lines`` in place, away from the plants ``taken``; its line index, or None.

    The planter chooses its place with ``rng``; a place within ``GAP`` lines of another plant is
    refused and the planter asked again (``FILE_TRIES`` times in all, the same seeded rng going on).
    """
    for _ in range(FILE_TRIES):
        result = planter(list(lines), rng)
        if result is None:
            return None  # the file offers no place at all
        new, index = result
        if len(new) == len(lines) and all(abs(index - t) >= GAP for t in taken):
            lines[:] = new
            return index
    return None


def findings_by_line(path: Path) -> Counter:
    """(rule, line) → how many findings."""
    _text, found = proof_file(path)
    return Counter((x.finding.rule, x.line) for x in found)


def run_recall(tmp: Path) -> tuple[dict[str, list[bool]], list[str]]:
    """Plant, proofread, compare: per rule the outcome of each plant, and the misses described."""
    return recall_of([(rule, planter, whole) for _family, rule, planter, whole in planters()], PER_PLANTER, tmp)


def recall_of(jobs_of: list[tuple[str, object, bool]], per_planter: int, tmp: Path) -> tuple[dict, list[str]]:
    """Each (rule, planter, whole_file) planting ``per_planter`` errors over the reports: outcomes and misses."""
    jobs: dict[Path, list] = defaultdict(list)
    for j, job in enumerate(jobs_of):
        for i in range(per_planter):
            jobs[REPORTS[(i + j) % len(REPORTS)]].append(job)
    outcome: dict[str, list[bool]] = defaultdict(list)
    misses = []
    for n, (report, todo) in enumerate(sorted(jobs.items())):
        rng = random.Random(SEED_NUMBER * 1000 + n)
        lines = report.read_text(encoding="utf-8").split("\n")
        made = plant_copy(lines, todo, rng)
        copy = tmp / report.name
        copy.write_text("\n".join(lines), encoding="utf-8")
        before, after = findings_by_line(report), findings_by_line(copy)
        for rule, index in made:
            found = after[(rule, index + 1)] > before[(rule, index + 1)]
            outcome[rule].append(found)
            if not found:
                misses.append(f"{report.name}:{index + 1}: {rule}: {lines[index][:80]}")
    return outcome, misses


@pytest.fixture(scope="module")
def recall(tmp_path_factory):
    return run_recall(tmp_path_factory.mktemp("planted"))


def test_every_planted_error_kind_is_found_on_its_line(recall):
    outcome, misses = recall
    total = sum(len(v) for v in outcome.values())
    found = sum(sum(v) for v in outcome.values())
    for rule, results in sorted(outcome.items()):
        print(f"{rule:24} planted {len(results):3}  found {sum(results):3}")
    print(f"{'all':24} planted {total:3}  found {found:3}  recall {found / total:.1%}")
    for miss in misses:
        print("missed:", miss)
    assert total >= TOTAL
    assert found / total >= TARGET, misses


def test_every_rule_of_every_family_is_planted(recall):
    from generator.proof import FAMILIES as MODULES

    outcome, _ = recall
    rules = {r.id for module in MODULES for r in module.RULES}
    assert rules <= set(outcome), rules - set(outcome)
    per_family = Counter()
    for module in MODULES:
        family = module.__name__.rsplit(".", 1)[-1]
        per_family[family] = sum(len(outcome[r.id]) for r in module.RULES)
        found = sum(sum(outcome[r.id]) for r in module.RULES)
        print(f"{family:12} planted {per_family[family]:3}  found {found:3}")
    few = {rule: len(outcome[rule]) for rule in rules if len(outcome[rule]) < LEAST_PER_RULE}
    assert not few, few


def test_my_families_plant_at_least_80_covering_every_rule(recall):
    from generator.proof import numbers, punctuation

    outcome, _ = recall
    mine = {r.id for r in punctuation.RULES + numbers.RULES}
    assert mine <= set(outcome), mine - set(outcome)
    assert sum(len(outcome[r]) for r in mine) >= 80
