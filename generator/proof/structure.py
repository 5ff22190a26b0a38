"""Proofreading rules of the structure family (stub: helper i20-rules writes them)."""

from __future__ import annotations

from collections.abc import Iterator

from generator.proof.core import Finding, ProofText, Rule

RULES: list[Rule] = []


def check(text: ProofText) -> Iterator[Finding]:
    """Nothing yet."""
    yield from ()
