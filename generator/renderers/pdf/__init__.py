"""The PDF renderer: an archival PDF/A-2b summary with charts (plan, then emit)."""

from __future__ import annotations

from generator.model import Report


def render(report: Report) -> bytes:
    """The PDF/A-2b summary of ``report``."""
    from generator.renderers.pdf.emit import emit_pdf
    from generator.renderers.pdf.plan import plan_pdf

    return emit_pdf(plan_pdf(report), report)
