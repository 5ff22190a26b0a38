"""The fidelity rule: the seed's text with its listed extraction artefacts undone."""

from __future__ import annotations

import re

from conftest import SEED, squeeze

PAGE_REFERENCE = re.compile(r"（《报告》第[\d、\s]+页）")


def seed_text() -> str:
    """The seed, normalised: whitespace and Markdown marks dropped, artefacts of its README undone.

    - heading marks (#) and bold marks (**) go;
    - the draft mark (草案) gets its full-width parentheses;
    - the appendix line 附件： is printed 附件;
    - glossary page references (pages of the original print) are dropped;
    - paragraphs cut at page boundaries and the “18 条措施” space vanish with the whitespace.
    """
    lines = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        line = re.sub(r"^\s*#+\s*", "", line).replace("**", "")
        if line.strip() == "(草案)":
            line = "（草案）"
        if line.strip() == "附件：":
            line = "附件"
        lines.append(line)
    return PAGE_REFERENCE.sub("", squeeze("".join(lines)))


def first_difference(a: str, b: str) -> str:
    """Where two texts part, with context."""
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return f"at {i}: …{a[max(0, i - 20) : i + 20]}… vs …{b[max(0, i - 20) : i + 20]}…"
    return f"lengths {len(a)} vs {len(b)}"
