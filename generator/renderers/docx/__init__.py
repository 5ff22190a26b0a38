"""The DOCX renderer: the formal draft in GB/T 9704-2012 layout (plan, then emit)."""

from __future__ import annotations

from generator.model import Report


def render(report: Report) -> bytes:
    """The DOCX draft of ``report``."""
    from generator.renderers.docx.emit import emit_docx
    from generator.renderers.docx.plan import plan_document

    return emit_docx(plan_document(report))
