"""The colours of every product, in one place: deep red and gold.

Hex strings without ``#`` (as OOXML writes them); :func:`css` gives the ``#`` form that
matplotlib and reportlab take. Chart series take :data:`SERIES` in order, one colour per
series (never per bar).
"""

from __future__ import annotations

RED = "9E1B1B"
GOLD = "C8A04B"
DARK_RED = "6B0F0F"
PALE_GOLD = "FBF6EC"
TEXT = "262626"
BROWN = "5A4A3A"
GRID = "E6D9BF"

SERIES = (RED, GOLD, DARK_RED, "D9B97A", "7A4A2A", "B5651D")
"""Chart series colours, in order."""


def css(colour: str) -> str:
    """``9E1B1B`` → ``#9E1B1B``."""
    return f"#{colour}"
