"""Generators of oversized reports for the bounded-work benchmark (issue 11, finding 6).

Each returns the YAML text of a valid source: a 40 KB lead-in, a 40 KB part heading,
1,600 lead-in paragraphs in one part, and 20,000 paragraphs of 100–200 characters in 50
parts. The text is drawn from a fixed pool of common characters with a fixed seed, so
every run builds the same sources.
"""

from __future__ import annotations

import json
import random

POOL = "发展经济社会建设推进全面加强改革创新服务保障民生城市乡村产业项目工作政府人民群众安全生态环境教育医疗"
"""Characters the generated text is drawn from (all in every face the products embed)."""


def _text(rng: random.Random, length: int) -> str:
    """Chinese text of ``length`` characters, a sentence end every 20–40 characters."""
    out: list[str] = []
    while len(out) < length:
        out += rng.choices(POOL, k=rng.randint(19, 39)) + ["。"]
    return "".join(out[: length - 1]) + "。"


def _report(parts: list[dict], rid: str) -> str:
    data = {
        "report": {
            "id": rid,
            "title": "政府工作报告",
            "status": "草案",
            "date": "2024-01-10",
            "session": "示范市第一届人民代表大会第三次会议",
            "speaker": "李明",
            "office": "市长",
            "issuer": "示范市人民政府",
            "short_title": "示范市政府工作报告",
        },
        "parts": parts,
    }
    return json.dumps(data, ensure_ascii=False)  # JSON is YAML


def long_lead(size: int = 40_000 // 3) -> str:
    """One paragraph whose lead-in is ``size`` characters long (40 KB of UTF-8)."""
    rng = random.Random(1)
    paragraph = {"lead": _text(rng, size), "text": _text(rng, 100)}
    return _report([{"heading": "工作回顾", "content": [paragraph]}], "bench-long-lead")


def long_heading(size: int = 40_000 // 3) -> str:
    """A part whose heading is ``size`` characters long (40 KB of UTF-8)."""
    rng = random.Random(2)
    return _report([{"heading": _text(rng, size), "content": [{"text": _text(rng, 100)}]}], "bench-long-heading")


def many_leads(count: int = 1_600) -> str:
    """One part of ``count`` paragraphs, each with a lead-in."""
    rng = random.Random(3)
    content = [{"lead": _text(rng, 20), "text": _text(rng, 120)} for _ in range(count)]
    return _report([{"heading": "重点工作", "content": content}], "bench-many-leads")


def many_paragraphs(count: int = 20_000, parts: int = 50) -> str:
    """``count`` paragraphs of 100–200 characters in ``parts`` parts."""
    rng = random.Random(4)
    per_part = count // parts
    return _report(
        [
            {
                "heading": f"第{p + 1}方面工作",
                "content": [{"text": _text(rng, rng.randint(100, 200))} for _ in range(per_part)],
            }
            for p in range(parts)
        ],
        "bench-many-paragraphs",
    )


GENERATORS = {
    "40 KB lead-in": long_lead,
    "40 KB heading": long_heading,
    "1,600 lead-in paragraphs": many_leads,
    "20,000 paragraphs in 50 parts": many_paragraphs,
}
"""Each bounded-work case: its name and its generator."""
