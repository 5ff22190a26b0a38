r"""The small inline markup of paragraph texts: ``**…**`` marks emphasis (bold).

A literal asterisk is written ``\*``. Parsing is pure; the loader turns
:class:`InlineError` into a positioned message.
"""

from __future__ import annotations

from dataclasses import dataclass

MARK = "**"


@dataclass(frozen=True)
class Span:
    """A run of text and whether it is emphasised."""

    text: str
    emphasis: bool = False


class InlineError(ValueError):
    """Unbalanced or empty emphasis; ``offset`` is the character index of the culprit."""

    def __init__(self, key: str, offset: int) -> None:
        super().__init__(key)
        self.key = key
        self.offset = offset


def parse_inline(text: str) -> list[Span]:
    """Split ``text`` into spans; raise :class:`InlineError` on an unclosed or empty mark."""
    spans: list[Span] = []
    buffer: list[str] = []
    emphasis = False
    opened_at = 0
    i = 0
    while i < len(text):
        if text.startswith("\\*", i):
            buffer.append("*")
            i += 2
            continue
        if text.startswith(MARK, i):
            if emphasis and not buffer:
                raise InlineError("inline_empty", opened_at)
            if buffer:
                spans.append(Span("".join(buffer), emphasis))
                buffer = []
            emphasis = not emphasis
            opened_at = i
            i += len(MARK)
            continue
        buffer.append(text[i])
        i += 1
    if emphasis:
        raise InlineError("inline_unclosed", opened_at)
    if buffer:
        spans.append(Span("".join(buffer), emphasis))
    return spans


def plain_text(spans: list[Span]) -> str:
    """The text of spans without markup."""
    return "".join(s.text for s in spans)
