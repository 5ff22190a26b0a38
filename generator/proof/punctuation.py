"""Proofreading rules of the punctuation family (being written by helper i20-core)."""

from __future__ import annotations

from collections.abc import Iterator

from generator.proof.core import Finding, ProofText, Rule

RULES: list[Rule] = []


def check(text: ProofText) -> Iterator[Finding]:
    """Nothing yet."""
    yield from ()
