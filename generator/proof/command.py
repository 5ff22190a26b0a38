"""``reportgen proof``: proofread report files, print the findings, write a commented DOCX.

Output: one line per finding, sorted by position, ``file:line:column: [rule-id] message
(suggestion)``, then a count per rule; ``--format json`` prints one object per file (an array
for several). Exit status 0 when nothing is found, 1 when something is (or a file cannot be
read: one positioned line, as ``check`` prints), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from generator.messages import message
from generator.proof import all_rules, proofread
from generator.proof.core import Finding, ProofText
from generator.proof.reading import ProofInputError, read_proof_text


@dataclass(frozen=True)
class Located:
    """A finding with its 1-based position in the file."""

    line: int
    column: int
    finding: Finding
    related: tuple[int, int] | None = None
    """The (line, column) of the other place the finding cites, if any."""

    def text(self, lang: str) -> str:
        """``[rule-id] message (suggestion)`` in ``lang``, then the other place cited."""
        f = self.finding
        said = f.message[1] if lang == "en" else f.message[0]
        hint = ""
        if f.suggestion:
            hint = f" ({f.suggestion})" if lang == "en" else f"（{message('proof_suggest', lang, what=f.suggestion)}）"
        if self.related is not None:
            line, column = self.related
            hint += f" [{message('proof_related', lang, line=line, column=column)}]"
        return f"[{f.rule}] {said}{hint}"

    def json(self, lang: str) -> dict:
        """The JSON object of the finding (``related``: the other place cited, when there is one)."""
        f = self.finding
        said = f.message[1] if lang == "en" else f.message[0]
        out = {"line": self.line, "column": self.column, "rule": f.rule, "message": said, "suggestion": f.suggestion}
        if self.related is not None:
            out["related"] = {"line": self.related[0], "column": self.related[1]}
        return out


def locate(text: ProofText, findings: list[Finding]) -> list[Located]:
    """Findings with their positions, sorted by position (then rule)."""
    out = [
        Located(*text.position(f.unit, f.start), f, text.position(*f.related) if f.related else None) for f in findings
    ]
    return sorted(out, key=lambda x: (x.line, x.column, x.finding.rule, x.finding.end))


def proof_file(path: Path, ignore: frozenset[str] = frozenset()) -> tuple[ProofText, list[Located]]:
    """Proofread one file: its text and its findings with positions (raises :class:`ProofInputError`)."""
    text = read_proof_text(path)
    return text, locate(text, proofread(text, ignore))


def run_proof(args: argparse.Namespace) -> int:
    """Run ``reportgen proof``; returns the exit status."""
    lang = args.lang
    if args.rules:
        print_rules(lang)
        return 0
    usage = _usage_problem(args)
    if usage:
        print(f"reportgen proof: {usage}", file=sys.stderr)
        return 2
    ignore = frozenset(i.strip() for given in args.ignore for i in given.split(",") if i.strip())
    status = 0
    objects = []
    for path in args.files:
        try:
            text, found = proof_file(path, ignore)
        except ProofInputError as problem:
            print(problem.error.line(lang), file=sys.stderr)
            status = 1
            continue
        _warn_unknown_ignored(path, text, lang)
        if found:
            status = 1
        if args.format == "json":
            objects.append({"file": str(path), "findings": [x.json(lang) for x in found]})
        else:
            _print_text(path, found, lang)
        if args.comments is not None:
            from generator.proof.comments import write_commented

            write_commented(path, text, found, args.comments, lang)
            print(message("proof_comments_written", lang, path=args.comments), file=sys.stderr)
    if args.format == "json":
        out = objects[0] if len(args.files) == 1 and objects else objects
        print(json.dumps(out, ensure_ascii=False, indent=2))
    sys.stdout.flush()
    return status


def _warn_unknown_ignored(path: Path, text: ProofText, lang: str) -> None:
    """A rule a source's ``proof: {ignore: [...]}`` names that does not exist: a positioned warning."""
    known = {r.id for r in all_rules()}
    for i, rule in enumerate(text.report.proof.ignore):
        if rule not in known:
            line, column = text.report.source_position(("proof", "ignore", i)) or (1, 1)
            print(f"{path}:{line}:{column}: {message('proof_unknown_ignored', lang, rule=rule)}", file=sys.stderr)


def _usage_problem(args: argparse.Namespace) -> str:
    lang = args.lang
    if not args.files:
        return message("proof_no_files", lang)
    known = {r.id for r in all_rules()}
    unknown = [i for given in args.ignore for i in given.split(",") if i.strip() and i.strip() not in known]
    if unknown:
        return message("proof_unknown_rule", lang, rule=unknown[0])
    if args.comments is not None and len(args.files) != 1:
        return message("proof_comments_one_file", lang)
    if args.comments is not None and args.comments.suffix.lower() != ".docx":
        return message("proof_comments_docx", lang, path=args.comments)
    return ""


def _print_text(path: Path, found: list[Located], lang: str) -> None:
    for x in found:
        print(f"{path}:{x.line}:{x.column}: {x.text(lang)}")
    counts = Counter(x.finding.rule for x in found)
    if counts:
        each = ", ".join(f"{rule} {n}" for rule, n in sorted(counts.items()))
        print(message("proof_counts", lang, path=path, total=len(found), each=each))
    else:
        print(message("proof_none", lang, path=path))


def print_rules(lang: str) -> None:
    """Every rule: id, what it checks, the clause it rests on (a Markdown table)."""
    head = ("规则", "检查内容", "依据") if lang != "en" else ("rule", "what it checks", "clause")
    print(f"| {head[0]} | {head[1]} | {head[2]} |")
    print("|---|---|---|")
    for rule in all_rules():
        what = rule.en if lang == "en" else rule.zh
        print(f"| {rule.id} | {what} | {rule.clause or '—'} |")
