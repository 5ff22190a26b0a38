"""Readers: a report as Markdown or plain text → the model (see :mod:`generator.readers.structure`).

:func:`read_report` picks the reader by the file's suffix (``.md``/``.markdown``: Markdown;
anything else: plain text, read as Markdown too where it carries Markdown marks).
"""

from __future__ import annotations

from pathlib import Path

from generator.readers.structure import Builder, Imported, Warning_


def read_report(path: str | Path, text: str, report_id: str) -> Imported:
    """Import the report ``text`` (the contents of ``path``) under ``report_id``."""
    suffix = Path(path).suffix.lower()
    if suffix in (".md", ".markdown"):
        from generator.readers.markdown import read_markdown

        source = read_markdown(text)
        notes: list = []
    else:
        from generator.readers.text import read_text

        source, notes = read_text(text)
    imported = Builder(source, report_id).build()
    imported.warnings = sorted(imported.warnings + [Warning_(*n) for n in notes], key=lambda w: w.line)
    return imported
