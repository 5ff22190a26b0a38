"""The deck as a user without the project's font aliases sees it (issue 10, "Done when").

The seed and the five corpus reports (imported with default options) are built to PPTX and
rendered by plain ``soffice --headless --convert-to pdf`` with a fresh HOME and no
FONTCONFIG_FILE: LibreOffice then falls back to whatever faces the machine has. Every character
must stay inside its box and no two lines may overlap.
"""

from __future__ import annotations

import os
import subprocess

import pytest
from conftest import SOURCE, corpus_names, imported_corpus_report, reportgen
from pptx import Presentation
from slideboxes import assert_every_character_inside_its_box

NAMES = corpus_names()


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, tuple]:
    work = tmp_path_factory.mktemp("plain")
    sources = {"seed": SOURCE}
    for name in NAMES:
        sources[name] = imported_corpus_report(name, work)
    decks = {}
    for name, source in sources.items():
        out = work / name
        result = reportgen("build", source, "--out", out, "--format", "pptx", "-q")
        assert result.returncode == 0, result.stderr
        (deck,) = out.glob("*.pptx")
        decks[name] = deck.rename(work / f"{name}.pptx")
    env = {k: v for k, v in os.environ.items() if k != "FONTCONFIG_FILE"}
    env["HOME"] = str(work / "home")
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            *map(str, decks.values()),
        ],
        check=True,
        capture_output=True,
        env=env,
        timeout=600,
    )
    return {name: (deck, work / f"{name}.pdf") for name, deck in decks.items()}


@pytest.mark.parametrize("name", ["seed", *NAMES])
def test_every_character_inside_its_box_without_font_aliases(rendered, name):
    deck, pdf = rendered[name]
    assert assert_every_character_inside_its_box(Presentation(str(deck)), pdf) > 10
