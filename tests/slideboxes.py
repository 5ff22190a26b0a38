"""Every character of a rendered deck inside its own box, no two lines overlapping.

Shared by the seed's and the corpus's tests; the checker lives in ``scripts/layoutcheck.py``,
shared with ``scripts/layout_audit.py``.
"""

from __future__ import annotations

from layoutcheck import box_findings, boxes

__all__ = ["assert_every_character_inside_its_box", "boxes"]


def assert_every_character_inside_its_box(deck, rendered) -> int:
    """Check the LibreOffice rendering ``rendered`` (a PDF) of ``deck`` slide by slide; the number of slides checked."""
    findings = box_findings(deck, rendered)
    assert findings == [], f"{len(findings)} findings, the first: {findings[:5]}"
    return len(deck.slides)
