"""Shared fixtures: paths, the seed, the loaded report, built products."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "source" / "changying-2020-midyear.yaml"
SHARED = Path(os.environ.get("REPORTGEN_SHARED", REPO.parent / "shared"))
SEED = SHARED / "seeds" / "000_45a9a83f3c5f47e3.txt"
FONTCONFIG = REPO / "assets" / "fontconfig" / "fonts.conf"

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(REPO / "scripts"))  # layoutcheck, layout_audit: the checkers the audit script shares


@pytest.fixture(scope="session")
def report():
    from generator.loader import load_report

    return load_report(SOURCE)


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The three products of the seed report, built once by the real command."""
    out = tmp_path_factory.mktemp("output")
    result = reportgen("build", SOURCE, "--out", out, "-q")
    assert result.returncode == 0, result.stderr
    return products_by_format(out)


REPORTGEN = [sys.executable, "-m", "generator"]
"""The command as a user runs it, in a new process."""


def reportgen(*args: object, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``reportgen`` with ``args`` in a new process; its output is captured as text."""
    return subprocess.run([*REPORTGEN, *map(str, args)], cwd=REPO, capture_output=True, text=True, env=env)


def soffice_convert(paths: list[Path], out_dir: Path, to: str = "pdf", timeout: int = 300) -> list[Path]:
    """Convert office files with one LibreOffice run (fonts mapped by the project's alias file)."""
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTCONFIG), HOME=str(out_dir))
    command = ["soffice", "--headless", "--norestore", "--convert-to", to, "--outdir", str(out_dir)]
    subprocess.run([*command, *map(str, paths)], check=True, capture_output=True, env=env, timeout=timeout)
    return [out_dir / f"{Path(path).stem}.{to}" for path in paths]


def soffice_pdf(path: Path, out_dir: Path) -> Path:
    """Convert an office file to PDF with LibreOffice, fonts mapped by the project's alias file."""
    return soffice_convert([path], out_dir)[0]


def squeeze(text: str) -> str:
    """Text without any whitespace (the only normalisation the fidelity tests allow)."""
    return re.sub(r"\s+", "", text)


def openxml_errors(path: Path) -> str:
    """openxml-audit's verdict on an OOXML file: '' when it finds no error, else its report's tail."""
    result = subprocess.run([sys.executable, "-m", "openxml_audit", str(path)], capture_output=True, text=True)
    return "" if result.stdout.strip().endswith("Errors: 0") else result.stdout[-2000:]


def pdfa_findings(path: Path) -> list:
    """What ``pikepdf.pdfa`` finds against PDF/A-2b (an empty list when the file passes)."""
    import pikepdf
    from pikepdf import pdfa

    with pikepdf.open(path) as pdf:
        report = pdfa.check(pdf, "2b")
    return [] if report.passed else list(report.findings)


def pdf_text(path: Path) -> str:
    """The text of a PDF as pdftotext reads it (pages separated by form feeds)."""
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def products_by_format(out: Path) -> dict[str, Path]:
    """The products in ``out`` by format: the extension, ``archive`` for the ``-full.pdf``."""
    return {
        ("archive" if p.name.endswith("-full.pdf") else p.suffix[1:]): p
        for p in out.iterdir()
        if not p.name.startswith(".")
    }


def build_products(source: Path, out: Path) -> dict[str, Path]:
    """Build ``source`` with the real command into ``out``; the products by format."""
    result = reportgen("build", source, "--out", out, "-q")
    assert result.returncode == 0, result.stderr
    return products_by_format(out)


def imported_corpus_report(name: str, work: Path) -> Path:
    """``../shared/corpus/NAME.md`` imported with default options into ``work``: the source's path.

    Fails with a clear message when the corpus folder is missing (the repository does not carry it).
    """
    markdown = SHARED / "corpus" / f"{name}.md"
    if not markdown.exists():
        pytest.fail(f"corpus report missing: {markdown} (set REPORTGEN_SHARED to the folder holding corpus/)")
    source = work / f"{name}.yaml"
    result = reportgen("import", markdown, "-o", source)
    assert result.returncode == 0, result.stderr
    return source
