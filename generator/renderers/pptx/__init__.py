"""The PPTX renderer: the session deck with native charts and the speech in the notes (plan, then emit)."""

from __future__ import annotations

from generator.model import Report


def render(report: Report) -> bytes:
    """The PPTX deck of ``report``."""
    from generator.renderers.pptx.emit import emit_pptx
    from generator.renderers.pptx.plan import plan_deck

    return emit_pptx(plan_deck(report), report)
