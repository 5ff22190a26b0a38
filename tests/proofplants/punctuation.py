"""Planters of the punctuation family (see tests/proofplants/__init__.py for the shape)."""

from __future__ import annotations

from proofplants import Planter

PLANTS: list[tuple[str, Planter]] = []
