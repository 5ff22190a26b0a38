#!/usr/bin/env python3
"""A contact sheet: the pages of a PDF, small, in a grid (for the previews in docs/).

Usage: contact_sheet.py RENDERED.pdf OUT.png [--columns N] [--dpi D] [--pages N]
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
from pathlib import Path

from PIL import Image


def contact_sheet(pdf: Path, out: Path, columns: int, dpi: int, pages: int | None) -> None:
    """Render ``pdf``'s pages with pdftoppm and paste them in rows of ``columns``, 4 px apart."""
    with tempfile.TemporaryDirectory() as work:
        command = ["pdftoppm", "-png", "-r", str(dpi)]
        if pages:
            command += ["-l", str(pages)]
        subprocess.run([*command, str(pdf), f"{work}/p"], check=True)
        images = [Image.open(p).convert("RGB") for p in sorted(Path(work).glob("p-*.png"))]
    width, height = images[0].size
    gap = 4
    rows = -(-len(images) // columns)
    sheet = Image.new("RGB", (columns * (width + gap) - gap, rows * (height + gap) - gap), (200, 200, 200))
    for index, image in enumerate(images):
        sheet.paste(image, ((index % columns) * (width + gap), (index // columns) * (height + gap)))
    sheet.save(out, optimize=True)


def main() -> None:
    """Parse the arguments and write the sheet."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--columns", type=int, default=6)
    parser.add_argument("--dpi", type=int, default=12)
    parser.add_argument("--pages", type=int)
    args = parser.parse_args()
    contact_sheet(args.pdf, args.out, args.columns, args.dpi, args.pages)


if __name__ == "__main__":
    main()
