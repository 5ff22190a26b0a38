"""Proofreading (``reportgen proof``): rules by family, run over a report's printed text.

The registry: each family is a module exposing ``RULES`` (list of :class:`~generator.proof.core.Rule`)
and ``check(text) -> Iterator[Finding]``. ``build`` and ``check`` never import this package.
"""

from __future__ import annotations

from generator.proof import numbers, punctuation, structure, words
from generator.proof.core import Finding, ProofText, Rule, Unit

FAMILIES = (punctuation, numbers, words, structure)
"""The rule families, in the order their rules are listed."""

__all__ = ["FAMILIES", "Finding", "ProofText", "Rule", "Unit", "all_rules", "proofread"]


def all_rules() -> list[Rule]:
    """Every rule of every family, in family order."""
    return [rule for family in FAMILIES for rule in family.RULES]


def proofread(text: ProofText, ignore: frozenset[str] | set[str] = frozenset()) -> list[Finding]:
    """Every finding of every family on ``text``, in reading order; rules in ``ignore`` (or the text's) left out."""
    skipped = set(ignore) | set(text.ignore)
    found = [f for family in FAMILIES for f in family.check(text) if f.rule not in skipped]
    return sorted(found, key=lambda f: (f.unit, f.start, f.rule, f.end))
