"""Two independent OFD readers from PyPI, as the tests use them: ofdkit and easyofd.

ofdkit parses the package with ElementTree and orders each page's text by position; easyofd
parses it with xmltodict, keeps the text objects in document order and can draw the pages
(reportlab, then PyMuPDF). easyofd works in the current directory (it unpacks the file and
writes the embedded fonts there): callers run it in a temporary one.
"""

from __future__ import annotations

import base64
import os
import re
import zipfile
from contextlib import contextmanager
from pathlib import Path

LINE_TOLERANCE = 0.5
"""Glyphs whose baselines differ by less than this (mm) stand on one line."""

Placed = tuple[float, float, str]
"""A positioned piece of text: (baseline y, x of its first glyph, text), in millimetres from the top left."""

FOLIO = re.compile(r"—\s*\d+\s*—\s*$")
"""A page's folio at the end of its text (the DOCX prints it from a field in the footer)."""


@contextmanager
def working_in(path: Path):
    """Run the body with ``path`` as the current directory."""
    before = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def ofdkit_pages(path: Path) -> list[str]:
    """Every page's text as ofdkit reads it."""
    import ofdkit

    with ofdkit.open(path) as document:
        assert not document.warnings, document.warnings
        return [page.text() for page in document.pages]


def ofdkit_placed(path: Path) -> list[list[Placed]]:
    """Every page's text runs with their positions, as ofdkit reads them."""
    import ofdkit

    with ofdkit.open(path) as document:
        return [[(run.y, run.x, run.text) for run in page.runs] for page in document.pages]


def by_lines(placed: list[Placed]) -> str:
    """A page's text line by line: baselines top to bottom, on each line the runs left to right.

    The order every reader of positioned text agrees on, whatever order the file stores the runs
    in (a table's multi-line cells read row by row, not cell by cell).
    """
    lines: list[list[Placed]] = []
    for item in sorted(placed):
        if lines and item[0] - lines[-1][0][0] < LINE_TOLERANCE:
            lines[-1].append(item)
        else:
            lines.append([item])
    return "\n".join("".join(text for _, _, text in sorted(line, key=lambda p: p[1])) for line in lines)


def ofdkit_info(path: Path):
    """The document's metadata as ofdkit reads it (OFD.xml ``DocInfo``)."""
    import ofdkit

    with ofdkit.open(path) as document:
        return document.info


def easyofd_pages(path: Path, work: Path) -> list[str]:
    """Every page's text as easyofd's parser reads it (its text objects joined in document order)."""
    from easyofd.parser_ofd import OFDParser

    with working_in(work):
        documents = OFDParser(base64.b64encode(path.read_bytes()).decode())()
    pages = documents[0]["page_info"]
    return ["".join(cell["text"] for cell in pages[number]["text_list"]) for number in sorted(pages)]


def easyofd_placed(path: Path, work: Path) -> list[list[Placed]]:
    """Every page's text objects with their positions (boundary origin plus the code's X/Y), as easyofd reads them."""
    from easyofd.parser_ofd import OFDParser

    with working_in(work):
        documents = OFDParser(base64.b64encode(path.read_bytes()).decode())()
    pages = documents[0]["page_info"]
    return [
        [
            (cell["pos"][1] + float(cell["Y"] or 0), cell["pos"][0] + float(cell["X"] or 0), cell["text"])
            for cell in pages[number]["text_list"]
        ]
        for number in sorted(pages)
    ]


def without_folio(text: str) -> str:
    """A page's text without its folio."""
    return FOLIO.sub("", text.rstrip())


def package_names(path: Path) -> list[str]:
    """The entries of the package, in stored order."""
    with zipfile.ZipFile(path) as archive:
        return archive.namelist()
