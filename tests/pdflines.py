"""Read the lines of a PDF back with pdfplumber: text, page, position of each line.

The reader lives in ``scripts/layoutcheck.py``, shared with ``scripts/layout_audit.py``.
"""

from __future__ import annotations

from layoutcheck import PdfLine, read_lines

__all__ = ["PdfLine", "read_lines"]
