"""The project's data files (word lists, tables) read from the installed package: one reader for all.

A word list is UTF-8 text, one entry a line or several separated by blanks; ``#`` starts a
comment, to the end of the line; blank lines are left out. Tables (``.tsv``) are read as text
by the module that knows their columns.
"""

from __future__ import annotations

from importlib import resources


def data_text(package: str, name: str) -> str:
    """The text of data file ``name`` (a path relative to ``package``, ``/``-separated)."""
    return resources.files(package).joinpath(*name.split("/")).read_text(encoding="utf-8")


def data_lines(package: str, name: str) -> list[str]:
    """The lines of a word list, each stripped, without comments and blank lines."""
    entries = (line.split("#", 1)[0].strip() for line in data_text(package, name).splitlines())
    return [entry for entry in entries if entry]


def data_words(package: str, name: str) -> list[str]:
    """The blank-separated entries of a word list (several a line), without comments."""
    return [word for line in data_lines(package, name) for word in line.split()]
