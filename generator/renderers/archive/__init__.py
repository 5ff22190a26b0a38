"""The archival edition: the whole formal report as PDF/A-3u, page for page like the DOCX (page plan, then draw)."""

from __future__ import annotations

from generator.model import Report


def render(report: Report) -> bytes:
    """The archival PDF/A-3u (``-full.pdf``) of ``report``, its source YAML embedded."""
    from generator.pageplan import plan_pages
    from generator.renderers.archive.emit import emit_archive

    return emit_archive(plan_pages(report))
