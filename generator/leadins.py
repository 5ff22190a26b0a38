"""Lead-ins a paragraph implies, and the whole sentences or phrases a block shows when it has none.

A lead-in is the short sentence a paragraph opens with and the rest develops
(``持续推动项目建设。…``). Drafts mark it in bold; most published reports do not. The model
(:func:`generator.model.paragraph_points`) asks :func:`implied_lead` once for every paragraph,
hand-written or imported, and the PDF summary and the deck show what it answers; the text
itself stays exactly as written (nothing is bolded, nothing moved). The rules, in order:

1. A lead-in of the paragraph's own wins: a bold ``lead``, a level-3 heading (``point``), or a
   text that opens with an emphasised span. Then nothing is implied. So does a text that carries
   lead-ins inside it (``leads``: 一是……、第一，……): those are its points, and the sentence before
   them only frames the enumeration.
2. The opening sentence ends with 。 outside quotation marks (one ending with ：introduces a
   list, ！ addresses the hall, ？ asks, ； is half a sentence).
3. It is short: :data:`LEAD_SHORTEST` to :data:`LEAD_LONGEST` characters, its 。 included.
4. It holds no Arabic digit: a sentence with a number reports a figure, a lead-in names what is done.
5. It does not open with a word of ``data/leadin_openers.txt`` (a connective or a pointer back
   such as 同时、因此、上述, or the address 各位代表): such a sentence leans on what came before.
6. The sentences after it develop it: at least one whole sentence follows, and the rest is at
   least :data:`DEVELOPED_RATIO` times as long as the opening sentence.

Where a block shows a sentence of its own (a list item, a section with no point, a deck passage
without lead-ins), :func:`whole_opening` gives it whole: the first sentence when it is short
enough, else the longest run of its opening clauses (cut only after ，；：) that is, else
nothing. Text is never cut inside a clause and never ends with an ellipsis.
"""

from __future__ import annotations

from functools import cache

from generator.datafiles import data_lines

LEAD_SHORTEST = 4
"""Fewest characters of an implied lead-in (its 。 included)."""
LEAD_LONGEST = 40
"""Most characters of an implied lead-in (its 。 included): longer is a sentence of the body."""
DEVELOPED_RATIO = 2
"""The rest of the paragraph is at least this many times as long as an implied lead-in."""
SENTENCE_ENDS = "。！？；"
"""Marks that end a sentence (outside quotation marks)."""
CLAUSE_ENDS = "，；："
"""Marks after which a sentence may be cut into a whole phrase (never after 、: an enumeration goes on)."""
PHRASE_SHORTEST = 6
"""Fewest characters of a phrase shown alone (shorter ones, such as 一年来, say nothing)."""
OPENING_QUOTES = "“‘「『（(《"
CLOSING_QUOTES = "”’」』）)》"


@cache
def openers() -> tuple[str, ...]:
    """The words of ``data/leadin_openers.txt`` (an opening sentence starting with one is no lead-in)."""
    return tuple(sorted(data_lines("generator", "data/leadin_openers.txt"), key=len, reverse=True))


def sentence_end(text: str, start: int = 0) -> int | None:
    """The offset just past the first sentence end at or after ``start`` (closing quotes kept), or None.

    A mark inside quotation marks or brackets does not end the sentence.
    """
    depth = 0
    for i in range(start, len(text)):
        ch = text[i]
        if ch in OPENING_QUOTES:
            depth += 1
        elif ch in CLOSING_QUOTES:
            depth = max(0, depth - 1)
        elif ch in SENTENCE_ENDS and depth == 0:
            end = i + 1
            while end < len(text) and text[end] in CLOSING_QUOTES:
                end += 1
            return end
    return None


def first_sentence_of(text: str) -> str:
    """The text up to and with its first sentence end; the whole text when it has none."""
    end = sentence_end(text)
    return text if end is None else text[:end]


def implied_lead(text: str) -> str | None:
    """The opening sentence of a paragraph's ``text`` when rules 2–6 make it the lead-in, else None."""
    end = sentence_end(text)
    if end is None:
        return None
    lead, rest = text[:end], text[end:]
    if lead.rstrip("".join(CLOSING_QUOTES))[-1:] != "。":
        return None
    if not LEAD_SHORTEST <= len(lead) <= LEAD_LONGEST:
        return None
    if any(ch.isascii() and ch.isdigit() for ch in lead):
        return None
    if lead.startswith(openers()):
        return None
    if sentence_end(rest) is None or len(rest.strip()) < DEVELOPED_RATIO * len(lead):
        return None
    return lead


def clause_ends(sentence: str) -> list[int]:
    """Offsets where a whole phrase of ``sentence`` may end: before each ，；： outside quotation marks.

    Only those leaving at least :data:`PHRASE_SHORTEST` characters, in order.
    """
    out = []
    depth = 0
    for i, ch in enumerate(sentence):
        if ch in OPENING_QUOTES:
            depth += 1
        elif ch in CLOSING_QUOTES:
            depth = max(0, depth - 1)
        elif ch in CLAUSE_ENDS and depth == 0 and i >= PHRASE_SHORTEST:
            out.append(i)
    return out


def clause_prefix(sentence: str, limit: int) -> str | None:
    """The longest run of ``sentence``'s opening clauses (cut before ，；：) within ``limit`` characters.

    The mark that ends the run is left off; None when even the first clause is longer, or shorter
    than :data:`PHRASE_SHORTEST`.
    """
    within = [end for end in clause_ends(sentence) if end <= limit]
    return sentence[: within[-1]] if within else None


def whole_opening(text: str, limit: int) -> str | None:
    """What a block shows of ``text`` within ``limit`` characters: its whole first sentence, else a whole phrase.

    The first sentence (its end mark included) when it has at most ``limit`` characters; else the
    longest run of its opening clauses that has (:func:`clause_prefix`); else None.
    """
    sentence = first_sentence_of(text).strip()
    if not sentence:
        return None
    if len(sentence) <= limit:
        return sentence
    return clause_prefix(sentence, limit)
