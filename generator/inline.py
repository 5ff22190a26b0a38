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
    if "*" not in text:
        return [Span(text)] if text else []  # no markup: the common case
    spans: list[Span] = []
    buffer: list[str] = []
    emphasis = False
    opened_at = 0
    i = 0
    while i < len(text):
        star = text.find("*", i)
        if star < 0:
            buffer.append(text[i:])
            break
        if star > i and text[star - 1] == "\\":  # \* is a literal asterisk
            buffer.append(text[i : star - 1] + "*")
            i = star + 1
        elif text.startswith(MARK, star):
            buffer.append(text[i:star])
            if emphasis and not "".join(buffer):
                raise InlineError("inline_empty", opened_at)
            if "".join(buffer):
                spans.append(Span("".join(buffer), emphasis))
            buffer = []
            emphasis = not emphasis
            opened_at = star
            i = star + len(MARK)
        else:
            buffer.append(text[i : star + 1])  # a lone asterisk is text
            i = star + 1
    if emphasis:
        raise InlineError("inline_unclosed", opened_at)
    if "".join(buffer):
        spans.append(Span("".join(buffer), emphasis))
    return spans


def plain_text(spans: list[Span]) -> str:
    """The text of spans without markup."""
    return "".join(s.text for s in spans)
