"""Draw the seed's OFD with an independent reader (easyofd) for the README: first page and glossary page.

Usage: ``.venv/bin/python scripts/ofd_pictures.py`` (needs the test extra). Builds the OFD with the
real command into a temporary folder, finds the glossary page with ofdkit, lets easyofd draw the
pages (reportlab, then PyMuPDF) and writes ``docs/ofd-first-page.png`` and ``docs/ofd-appendix.png``
at the size of the other previews. easyofd draws every character in a face it calls 宋体, whatever
font the text object names; that name is given the face the project's fonts.conf gives 宋体.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "source" / "changying-2020-midyear.yaml"
WIDTH = 414
"""Width of the previews in pixels (as docs/docx-first-page.png)."""
GLOSSARY_HEADING = "主要名词解释"


def build_ofd(out: Path) -> Path:
    """The seed's OFD, built by ``reportgen build --format ofd``."""
    command = [sys.executable, "-m", "generator", "build", str(SOURCE), "--out", str(out), "--format", "ofd", "-q"]
    subprocess.run(command, check=True, cwd=REPO)
    return next(out.glob("*.ofd"))


def glossary_page(path: Path) -> int:
    """The index of the page holding the glossary's heading (ofdkit)."""
    import ofdkit

    with ofdkit.open(path) as document:
        return next(i for i, page in enumerate(document.pages) if GLOSSARY_HEADING in page.text().replace(" ", ""))


def draw_pages(path: Path, work: Path) -> list:
    """Every page of ``path`` drawn by easyofd (PIL images), run inside ``work`` (it writes files there)."""
    import os

    from easyofd.ofd import OFD
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from generator.fonts import OFFICE_ALIASES, font_file

    face = font_file(OFFICE_ALIASES["宋体"])
    pdfmetrics.registerFont(TTFont("宋体", str(face.path), subfontIndex=face.index))
    before = os.getcwd()
    os.chdir(work)
    try:
        document = OFD()
        document.read(str(path), fmt="path")
        return document.to_jpg()
    finally:
        os.chdir(before)


def save_preview(image, target: Path) -> None:
    """``image`` scaled to :data:`WIDTH` and saved as a grey PNG (the pages are black on white)."""
    from PIL import Image

    height = round(image.height * WIDTH / image.width)
    image.convert("L").resize((WIDTH, height), Image.LANCZOS).save(target, optimize=True)


def main() -> None:
    """Build, draw, save the two previews."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        path = build_ofd(work / "out")
        pages = draw_pages(path, work)
        save_preview(pages[0], REPO / "docs" / "ofd-first-page.png")
        save_preview(pages[glossary_page(path)], REPO / "docs" / "ofd-appendix.png")


if __name__ == "__main__":
    main()
