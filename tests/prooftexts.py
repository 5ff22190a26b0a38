"""Small reports for the rule tests: paragraphs and headings in a real model, read as the proof reads them."""

from __future__ import annotations

from generator.model import Report
from generator.proof.core import Finding, ProofText

META = {
    "id": "proof-test",
    "title": "政府工作报告",
    "date": "2024-01-10",
    "session": "某市第一届人民代表大会第一次会议",
    "speaker": "王明",
    "office": "市长",
    "issuer": "某市人民政府",
    "short_title": "某市政府工作报告",
}


def report_of(*paragraphs: str, parts: list[dict] | None = None) -> Report:
    """A report whose first part holds ``paragraphs`` (or whose parts are ``parts``, as the YAML nests them)."""
    if parts is None:
        parts = [{"heading": "工作回顾", "content": [{"text": p} for p in paragraphs]}]
    return Report.model_validate({"report": META, "parts": parts})


def proof_text(*paragraphs: str, parts: list[dict] | None = None) -> ProofText:
    """The units of such a report."""
    return ProofText.from_report(report_of(*paragraphs, parts=parts))


def findings(family, *paragraphs: str, parts: list[dict] | None = None) -> list[tuple[str, str]]:
    """(rule, text found) of every finding ``family`` makes on the paragraphs."""
    text = proof_text(*paragraphs, parts=parts)
    found: list[Finding] = list(family.check(text))
    return [(f.rule, text.units[f.unit].text[f.start : f.end]) for f in found]
