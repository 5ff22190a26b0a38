"""The importer's structure rules (:mod:`generator.readers.structure`), one construct at a time.

Each form is tried on a short sample written for the test, with a look-alike that must stay
what it is. The corpus-wide checks are in test_import.py and test_corpus.py.
"""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch

from conftest import REPO

from generator.readers.structure.common import words

DATA = REPO / "generator" / "readers" / "data"


# --- the word lists -------------------------------------------------------------------------


def test_word_lists_are_package_data_and_read_without_comments():
    """Every word list is covered by pyproject's package-data, so ``pip install .`` ships it."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["generator.readers"]
    lists = sorted(DATA.glob("*.txt"))
    assert lists
    for path in lists:
        assert any(fnmatch(f"data/{path.name}", p) for p in patterns), path.name
        entries = words(path.stem)
        assert entries, path.name
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        assert list(entries) == [line for line in lines if line and not line.startswith("#")]
