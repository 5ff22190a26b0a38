#!/usr/bin/env python3
"""docs/proof-comments.png: the commented DOCX of `reportgen proof --comments` as LibreOffice shows it.

The seed source with four errors planted (a half-width comma, a doubled full stop, a space in
Chinese text, full-width digits) is proofread with ``--comments``; LibreOffice exports the
commented DOCX to PDF with its comments (``ExportNotes``: each comment a PDF text annotation
at its anchor). The page holding them is rendered (pdftoppm) and each annotation LibreOffice
placed is drawn in a margin beside it, with its author and text as exported, joined to its
anchor: the picture shows what LibreOffice carries, nothing typed here.

Usage: .venv/bin/python scripts/proof_picture.py   (needs LibreOffice and poppler-utils)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SOURCE = ROOT / "source" / "changying-2020-midyear.yaml"
PLANTS = [
    ("严格落实“四方责任”，", "严格落实“四方责任”,"),
    ("为196名一线社区工作者", "为196名一线社区工作者。。"),
    ("不漏一户、不漏一人", "不漏一户、不漏 一人"),
    ("妥善处理辖区2例确诊病例", "妥善处理辖区２例确诊病例"),
]
DPI = 60
OUT = ROOT / "docs" / "proof-comments.png"


def main() -> None:
    """Plant, proofread with comments, export with LibreOffice, draw."""
    import pikepdf

    work = Path(tempfile.mkdtemp(prefix="proof-picture-"))
    text = SOURCE.read_text(encoding="utf-8")
    for old, new in PLANTS:
        text = text.replace(old, new, 1)
    source = work / "planted.yaml"
    source.write_text(text, encoding="utf-8")
    commented = work / "planted-comments.docx"
    python = ROOT / ".venv" / "bin" / "python"
    subprocess.run([str(python), "-m", "generator", "proof", str(source), "--comments", str(commented)], cwd=ROOT)
    env = dict(os.environ, FONTCONFIG_FILE=str(ROOT / "assets" / "fontconfig" / "fonts.conf"), HOME=str(work))
    target = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'
    subprocess.run(["soffice", "--headless", "--norestore", "--convert-to", target, "--outdir", str(work),
                    str(commented)], check=True, capture_output=True, env=env)  # fmt: skip
    pdf_path = work / "planted-comments.pdf"
    with pikepdf.open(pdf_path) as pdf:
        pages = []
        for number, page in enumerate(pdf.pages, 1):
            notes = [
                ([float(v) for v in a.Rect], str(a.get("/T", "")), str(a.get("/Contents", "")))
                for a in page.get("/Annots", [])
                if a.get("/Subtype") == "/Text"
            ]
            pages.append((len(notes), number, notes, float(page.MediaBox[3])))
    _count, number, notes, height = max(pages, key=lambda p: (p[0], -p[1]))
    subprocess.run(["pdftoppm", "-png", "-r", str(DPI), "-f", str(number), "-l", str(number), "-singlefile",
                    str(pdf_path), str(work / "page")], check=True)  # fmt: skip
    draw(work / "page.png", notes, height)
    print(OUT)


def draw(page_png: Path, notes: list, page_height: float) -> None:
    """The page with a margin on its right holding each comment, a line to its anchor."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    from generator.fonts import fallback_families, font_file

    families = fallback_families("figure")
    for family in families:
        font_manager.fontManager.addfont(str(font_file(family).path))
    image = plt.imread(page_png)
    h, w = image.shape[:2]
    margin = 380
    figure = plt.figure(figsize=((w + margin) / DPI, h / DPI), dpi=DPI)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(0, w + margin)
    axes.set_ylim(h, 0)
    axes.axis("off")
    axes.imshow(image, extent=(0, w, h, 0))
    axes.add_patch(plt.Rectangle((w, 0), margin, h, color="#eeeeee"))
    scale = DPI / 72
    placed_until = 0.0
    for rect, author, said in sorted(notes, key=lambda n: -n[0][3]):
        x, y = rect[0] * scale, (page_height - rect[3]) * scale
        box_y = max(y, placed_until + 6)
        lines = textwrap.wrap(said, 15)
        label = f"{author.split(',')[0]}：\n" + "\n".join(lines)
        axes.text(w + 10, box_y, label, fontsize=12, family=families, va="top", ha="left",
                  bbox={"boxstyle": "round,pad=0.3", "fc": "#fff6d5", "ec": "#c8a000"})  # fmt: skip
        axes.plot([x, w + 8], [y + 6, box_y + 6], color="#c8a000", linewidth=0.8)
        axes.plot([x], [y + 6], marker="o", markersize=3, color="#c8a000")
        placed_until = box_y + 17 * (len(lines) + 1) + 10
    OUT.parent.mkdir(exist_ok=True)
    figure.savefig(OUT, dpi=DPI)


if __name__ == "__main__":
    main()
