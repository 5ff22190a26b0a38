"""Print, per report of a corpus folder, what the importer found against what is printed (a Markdown table).

Columns: parts and sections imported; the printed numbered heading lines of the speech (一、 （一）
第一， opening a line, run-in or not; read here with a pattern of their own, not the importer's)
found as headings; unnumbered part headings that are printed lines; date, meeting and speaker read;
the importer's warnings by kind; what it dropped (download lists, comments, images) with lines.

Usage: ``.venv/bin/python scripts/corpus_import_table.py ../shared/corpus``
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from generator.readers import read_report

CN = "[一二三四五六七八九十]{1,3}"
NUMBER = re.compile(rf"^(?:{CN}、|[（(]{CN}[）)]|第{CN}[，、])")
MARKS = re.compile(r"^\s*#+\s*|\*\*")
SPEECH_END = re.compile(r"^(?:附\s*[件录]|.{0,20}(?:名词解释|名词注释|词语解释))")
DROPS = {"import_download_list": "files", "import_comment_dropped": "comment", "import_image_dropped": "image"}


def speech_lines(text: str) -> list[str]:
    """The printed lines from the salutation to the first appendix label or glossary title, marks removed."""
    body = re.sub(r"<!--.*?-->", "", re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S), flags=re.S)
    lines = [MARKS.sub("", line).strip() for line in body.split("\n")]
    lines = [line for line in lines if line]
    start = next(i for i, line in enumerate(lines) if re.fullmatch(r"各位代表[：:]", line))
    end = next((i for i in range(start, len(lines)) if SPEECH_END.match(lines[i])), len(lines))
    return lines[start + 1 : end]


def row(path: Path) -> str:
    """One report's row."""
    text = path.read_text(encoding="utf-8")
    imported = read_report(path, text, "x")
    report, meta = imported.report, imported.report.report
    speech = speech_lines(text)
    printed = [line for line in speech if NUMBER.match(line)]
    headings = [p.numbered_heading for p in report.parts]
    headings += [s.numbered_heading for p in report.parts for s in p.sections]
    found = [line for line in printed if any(line == h or line.startswith(h) for h in headings)]
    unnumbered = [p.heading for p in report.parts if not NUMBER.match(p.numbered_heading)]
    warnings = Counter(w.key.removeprefix("import_") for w in imported.warnings)
    drops = [w for w in imported.warnings if w.key in DROPS]
    dropped = [f"line {w.line}: {w.fields.get('count', '')} {DROPS[w.key]}" for w in drops]
    cells = [
        path.stem,
        len(report.parts),
        sum(len(p.sections) for p in report.parts),
        f"{len(found)}/{len(printed)}",
        f"{sum(h in speech for h in unnumbered)}/{len(unnumbered)}",
        meta.date if meta.date.year > 1970 else "not printed (guess)",
        meta.session,
        f"{meta.office} {meta.speaker}",
        ", ".join(f"{k}×{v}" for k, v in sorted(warnings.items())) or "—",
        "; ".join(dropped) or "—",
    ]
    return "| " + " | ".join(str(c) for c in cells) + " |"


def main(folder: str) -> None:
    """Print the table for every ``*.md`` report of ``folder`` (its README aside)."""
    print(
        "| report | parts | sections | printed numbered headings found | unnumbered part headings printed"
        " | date | meeting | speaker | warnings | dropped |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for path in sorted(Path(folder).glob("*.md")):
        if path.name != "README.md":
            print(row(path))


if __name__ == "__main__":
    main(sys.argv[1])
