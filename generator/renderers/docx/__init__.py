"""The DOCX renderer: the formal draft in GB/T 9704-2012 layout (plan, then emit)."""

from __future__ import annotations

from generator.model import Report


def render(report: Report) -> bytes:
    """The DOCX draft of ``report``."""
    import warnings

    from generator.fonts import FontWarning
    from generator.renderers.docx.emit import emit_docx
    from generator.renderers.docx.plan import plan_document

    plan = plan_document(report)
    for face, chars in plan.faces_missing().items():
        listed = " ".join(f"{ch}(U+{ord(ch):04X})" for ch in chars)
        warnings.warn(FontWarning("outside_gb2312", {"face": face, "chars": listed}), stacklevel=2)
    return emit_docx(plan)
