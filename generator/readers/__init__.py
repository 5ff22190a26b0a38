"""Readers: a report as Markdown, plain text or Word → the model (see :mod:`generator.readers.structure`).

:func:`read_report` picks the reader by the file's suffix (``.md``/``.markdown``: Markdown;
``.docx``/``.docm``: Word, :mod:`generator.readers.docx`, given the file's bytes; anything else:
plain text, read as Markdown too where it carries Markdown marks).
"""

from __future__ import annotations

from pathlib import Path

from generator.readers.structure import Builder, Imported, Warning_

WORD_SUFFIXES = (".docx", ".docm")
"""Read by the DOCX reader."""
CONVERTED_SUFFIXES = (".doc", ".wps")
"""Converted to DOCX by LibreOffice first (see :func:`generator.readers.docx.convert`)."""


def read_report(path: str | Path, text: str | bytes, report_id: str) -> Imported:
    """Import the report ``text`` (the contents of ``path``: bytes for a DOCX) under ``report_id``."""
    suffix = Path(path).suffix.lower()
    if suffix in WORD_SUFFIXES:
        from generator.readers.docx import read_docx

        data = text if isinstance(text, bytes) else Path(path).read_bytes()
        source, notes = read_docx(data)
    elif suffix in (".md", ".markdown"):
        from generator.readers.markdown import read_markdown

        source = read_markdown(text if isinstance(text, str) else text.decode("utf-8"))
        notes = source.notes
    else:
        from generator.readers.text import read_text

        source, notes = read_text(text if isinstance(text, str) else text.decode("utf-8"))
    imported = Builder(source, report_id).build()
    imported.warnings = sorted(imported.warnings + [Warning_(*n) for n in notes], key=lambda w: w.line)
    return imported
