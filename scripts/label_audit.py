"""Audit of proposed figure labels with an independent judge (issue 18, item 5).

The importer proposes a label for every figure it declares (:mod:`generator.readers.figures`).
This module judges those labels from the outside, for the tests and the benchmark:

- **Inside a word.** The text a label was taken from (the paragraph's or list item's full text;
  for a table, its row's and header's cells) is segmented by jieba, a segmenter the importer
  does not use. The label is split into the stretches it copies from that text (a label that
  carries a subject over is two stretches: 一般公共预算收入 + 增长); a stretch whose start or end
  falls inside a jieba word counts the label as inside a word. Where a stretch stands more than
  once, the occurrence nearest before the figure's quote is judged.
- **Bare verb or filler.** A label made only of words of the importer's documented lists
  (``generator/readers/figure_verbs.txt``, ``figure_fillers.txt``) names nothing measured.

Usage: ``label_audit.py REPORT.yaml…`` prints one line per report and the labels found wrong.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from generator.model import Figure, Node, Report  # noqa: E402
from generator.readers.figure_labels import is_bare  # noqa: E402

PUNCTUATION = set("，。；：、！？（）()“”‘’《》【】,.;:!?—-…·/ \u3000\n")


@dataclass
class LabelAudit:
    """What the judge found in one report's proposed labels."""

    proposed: int = 0
    inside: list[tuple[str, str]] = field(default_factory=list)  # (label, the text around it)
    bare: list[tuple[str, str]] = field(default_factory=list)  # (label, the text around it)
    unproposed: int = 0  # quantities with a unit in paragraphs and list items that carry no figure

    @property
    def inside_share(self) -> float:
        """The share of proposed labels that start or end inside a word."""
        return len(self.inside) / self.proposed if self.proposed else 0.0


@lru_cache(maxsize=4096)
def word_bounds(text: str, hmm: bool = False) -> frozenset[int]:
    """The offsets in ``text`` where jieba puts a word boundary (start and end included).

    Dictionary words only by default: jieba's HMM guesses at unknown words (率达, 家省, 个村)
    are not words of the language; ``hmm=True`` counts them too.
    """
    import jieba

    jieba.setLogLevel(60)
    bounds, at = {0}, 0
    for word in jieba.cut(text, HMM=hmm):
        at += len(word)
        bounds.add(at)
    return frozenset(bounds)


def _occurrence(piece: str, text: str, near: int) -> int:
    """Where ``piece`` stands in ``text``: the occurrence nearest to offset ``near`` (the figure's quote)."""
    best, at = -1, text.find(piece)
    while at >= 0:
        if best < 0 or min(abs(at + len(piece) - near), abs(at - near)) < min(
            abs(best + len(piece) - near), abs(best - near)
        ):
            best = at
        at = text.find(piece, at + 1)
    return best


def stretches(label: str, text: str) -> list[str]:
    """The label as the longest stretches it copies from ``text`` (punctuation of its own skipped)."""
    out, i = [], 0
    while i < len(label):
        if label[i] in PUNCTUATION and label[i] not in text:
            i += 1
            continue
        j = i + 1
        while j < len(label) and label[i : j + 1] in text:
            j += 1
        out.append(label[i:j])
        i = j
    return out


def cuts_a_word(label: str, texts: list[str], before: int | None = None, hmm: bool = False) -> bool:
    """True when a stretch of ``label`` starts or ends inside a jieba word of the text it stands in."""
    for piece in stretches(label, "\n".join(texts)):
        for text in texts:
            at = _occurrence(piece, text, len(text) if before is None else before)
            if at >= 0:
                bounds = word_bounds(text, hmm)
                if at not in bounds or at + len(piece) not in bounds:
                    return True
                break
    return False


def _sources(figure: Figure, node: Node, path: tuple) -> tuple[list[str], int | None]:
    """The text(s) a figure's label was taken from, and where its quote stands in the first."""
    if node.kind == "table":
        table = node.item
        row = table.rows[figure.cell[0]] if figure.cell is not None else []  # type: ignore[attr-defined]
        header = table.header[-1] if table.header else []  # type: ignore[attr-defined]
        return [c.text for c in row] + [c.text for c in header], None
    holder = node.item.items[path[len(node.path) + 1]] if node.kind == "list" else node.item  # type: ignore[attr-defined]
    text = holder.full_text
    return [text], None


def stated_quantities(report: Report) -> int:
    """Quantities with a unit that the figure scanner reads in the paragraphs and list items."""
    from generator.numbers import find_quantities

    texts = [n.item.full_text for n in report.walk() if n.kind == "paragraph"]  # type: ignore[attr-defined]
    texts += [i.full_text for n in report.walk() if n.kind == "list" for i in n.item.items]  # type: ignore[attr-defined]
    return sum(1 for text in texts for found in find_quantities(text) if found.quantity.unit)


def audit(report: Report, hmm: bool = False) -> LabelAudit:
    """Judge every proposed figure label of ``report`` (``hmm``: count jieba's guessed words too)."""
    result = LabelAudit()
    cursor: dict[int, int] = {}
    texted = sum(1 for _f, node, _p in report.figure_places() if node.kind != "table")
    result.unproposed = max(0, stated_quantities(report) - texted)
    for figure, node, path in report.figure_places():
        result.proposed += 1
        texts, _ = _sources(figure, node, path)
        before = None
        if node.kind != "table":
            key = hash(path[:-1])
            at = texts[0].find(figure.quote, cursor.get(key, 0))
            if at >= 0:
                cursor[key] = at + len(figure.quote)
                before = at
        if cuts_a_word(figure.label, texts, before, hmm):
            where = before if before is not None else 0
            result.inside.append((figure.label, texts[0][max(0, where - 24) : where + 12]))
        if is_bare(figure.label):
            where = before if before is not None else 0
            result.bare.append((figure.label, texts[0][max(0, where - 24) : where + 12]))
    return result


def main(argv: list[str]) -> int:
    """Print the audit of each YAML report named in ``argv``."""
    from generator.loader import load_report

    for name in argv:
        found = audit(load_report(Path(name)))
        print(
            f"{Path(name).stem}: {found.proposed} labels, {len(found.inside)} inside a word "
            f"({found.inside_share:.1%}), {len(found.bare)} bare verb or filler, "
            f"{found.unproposed} quantities not proposed"
        )
        for label, context in found.inside:
            print(f"  inside: {label}  ← {context}")
        for label, context in found.bare:
            print(f"  bare: {label}  ← {context}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
