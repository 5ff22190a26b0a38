"""The shared line breaker: Chinese line-breaking rules at the faces' real advance widths.

One module for all three products: the DOCX page model
(:mod:`generator.renderers.docx.pagination`, placed by :mod:`generator.pageplan`), the PPTX
text fitting and the chart labels break lines here. Blocks are paragraphs of styled runs;
lines break greedily at the real advance widths of the faces (from :mod:`generator.fonts`)
under the rules that Word and LibreOffice apply:

- no line starts with closing punctuation, none ends with opening punctuation (kinsoku);
- a closing punctuation mark that does not fit hangs past the line end (Word's
  ``overflowPunct``, LibreOffice's hanging punctuation) instead of pulling the previous
  character down;
- in Chinese text a run of Latin letters or digits may break anywhere, as LibreOffice
  breaks it (2|020) and as the DOCX tells Word to (``w:wordWrap`` off), unless the caller
  sets its own lines and asks to keep such runs whole (``keep_words``: the PDF summary);
  ASCII quotes stay with both neighbours; —— and …… stay together;
- blanks (U+0020) that do not fit at a line's end go past the margin, taking no width, and
  the line breaks after them (LibreOffice's hole portion): 小区 20 breaks as 小区 |20;
- a newline is a forced line break (a title broken at its phrases by :mod:`generator.titles`);
- every line advances, even when not one character fits (a character wider than the box
  takes a line of its own), so breaking is linear in the text's length.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.fonts import metrics

NO_LINE_START = frozenset("。，、；：？！）》」』】〕〗”’…—·．,.;:?!)]}℃°～")
"""Characters that may not begin a line."""

HANGING = frozenset("。，、；：？！．,.")
"""Closing punctuation that may hang past the end of a full line."""

NO_LINE_END = frozenset("（《「『【〔〖“‘([{")
"""Characters that may not end a line."""

_AMBIGUOUS_QUOTES = frozenset("\"'")
"""ASCII quotes, neither opening nor closing: no break on either side (Unicode's QU class)."""
_STICKY_PAIRS = frozenset("—…")


@dataclass(frozen=True)
class Run:
    """Text in one face: ``role`` names the face (see :data:`generator.fonts.ROLES`).

    ``field`` marks the result of a field (a page number): LibreOffice adds no autospace
    at its edges.
    """

    text: str
    role: str = "body"
    size: float = 16.0
    tracking: float = 0.0
    field: bool = False


@dataclass(frozen=True)
class Block:
    """A paragraph to lay out: runs, first-line indent (pt), keep-with-next, page break before."""

    runs: tuple[Run, ...]
    first_indent: float = 0.0
    keep_with_next: bool = False
    page_break_before: bool = False
    table_rows: tuple[int, ...] = ()
    """For a table: the grid lines each row takes (rows are never split; see :func:`paginate`)."""
    header_rows: int = 0
    """For a table: how many of its first rows are a header, repeated on every page."""

    @property
    def text(self) -> str:
        """The paragraph's text."""
        return "".join(r.text for r in self.runs)


AUTOSPACE_EM = 0.2
"""Space added between an ideograph and a Latin letter or digit, in em of the run's size.

Measured on LibreOffice 7.4, which always applies it (it ignores ``w:autoSpaceDE``/``DN``);
Word applies its own (the DOCX leaves autospace on, Word's default)."""

_WEAK = frozenset("“”‘’—…·\u2013\u00a0")

LATIN_SCRIPT_BLOCKS = (
    (0x00C0, 0x024F),  # Latin-1 letters, Latin Extended-A and -B
    (0x0250, 0x02AF),  # IPA
    (0x0370, 0x058F),  # Greek, Cyrillic, Armenian
    (0x10A0, 0x10FF),  # Georgian
    (0x1E00, 0x1FFF),  # Latin Extended Additional, Greek Extended
)
"""Blocks whose letters LibreOffice sets as Western (Latin-script) text, beside ASCII.

LibreOffice classes every character as Western, Asian or complex by its Unicode script:
a Greek π or a Cyrillic letter in Chinese text is a Western portion, like ASCII, with the
Western font, the autospace at its edges and no character spacing on its last character."""


def _script(ch: str) -> str:
    """'L' for Latin (ASCII, letters of other Western scripts), 'W' for weak characters, else 'A'."""
    if ch in _WEAK or ch.isspace():
        return "W"
    if ch < "\x80":
        return "L"
    code = ord(ch)
    if ch.isalpha() and any(first <= code <= last for first, last in LATIN_SCRIPT_BLOCKS):
        return "L"
    return "A"


def _is_ideograph(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch <= "\U0003ffff"


_CLASSES: dict[str, tuple[str, bool, bool]] = {}
"""Character → (script, ideograph, Western letter or digit), filled as characters are met."""


def _classes(ch: str) -> tuple[str, bool, bool]:
    found = _CLASSES.get(ch)
    if found is None:
        script = _script(ch)
        found = _CLASSES[ch] = (script, _is_ideograph(ch), script == "L" and ch.isalnum())
    return found


def _measure(block: Block) -> tuple[list[float], list[float], list[float]]:
    """Each character's bare advance, its advance as set, and the gap after it, in points.

    As LibreOffice sets them: character spacing (tracking) is applied within a portion (one
    run, one script) but not to the last character before a change of run or script. Between
    an ideograph and a Western letter or digit (ASCII, Greek π, Cyrillic…: see
    :data:`LATIN_SCRIPT_BLOCKS`) there is a gap of :data:`AUTOSPACE_EM`, which vanishes where
    the line breaks.
    """
    bare: list[float] = []
    run_of: list[int] = []
    for index, run in enumerate(block.runs):
        advance, size = metrics(run.role).advance_of_code, run.size
        bare.extend([advance(code) * size for code in map(ord, run.text)])
        run_of.extend([index] * len(run.text))
    classes = [_classes(ch) for ch in block.text]
    scripts = [c[0] for c in classes]
    previous = "L"  # weak characters opening a paragraph are Latin, as LibreOffice resolves them
    for i, script in enumerate(scripts):
        if script == "W":
            scripts[i] = previous
        else:
            previous = script
    runs = block.runs
    advances = bare.copy()
    gaps = [0.0] * len(bare)
    for i in range(len(bare) - 1):
        here, there = run_of[i], run_of[i + 1]
        if here == there:
            if scripts[i] == scripts[i + 1]:
                advances[i] += runs[here].tracking
        elif runs[here].field or runs[there].field:
            continue  # no autospace at a field's edges
        mine, next_ = classes[i], classes[i + 1]
        if (mine[1] and next_[2]) or (mine[2] and next_[1]):
            gaps[i] = AUTOSPACE_EM * runs[here].size
    if bare:
        advances[-1] += runs[run_of[-1]].tracking
    return bare, advances, gaps


def _advances(block: Block) -> tuple[list[float], list[float]]:
    """Each character's advance as set, and the gap after it, in points (see :func:`_measure`)."""
    _, advances, gaps = _measure(block)
    return advances, gaps


def set_advances(block: Block) -> tuple[list[float], list[float]]:
    """Each character's advance as set (spacing included) and the autospace gap after it, in points.

    What :func:`break_lines` measures; the page plan (:mod:`generator.pageplan`) places glyphs by it.
    """
    return _advances(block)


def _break_allowed(text: str, i: int, keep_words: bool = False) -> bool:
    """Whether a line may break before ``text[i]`` (with ``keep_words``: not inside a Latin word or number)."""
    if i <= 0 or i >= len(text):
        return i > 0
    before, after = text[i - 1], text[i]
    if keep_words and _word_char(before) and _word_char(after):
        return False
    if after in NO_LINE_START or before in NO_LINE_END:
        return False
    if before in _AMBIGUOUS_QUOTES or after in _AMBIGUOUS_QUOTES:
        return False
    if before == after and before in _STICKY_PAIRS:
        return False
    return not after.isspace()


def _word_char(ch: str) -> bool:
    """A character of a Latin word or a number (1.56%, 5G, COVID-19 stay whole with ``keep_words``)."""
    return ch.isascii() and (ch.isalnum() or ch in ".%-/")


def break_lines(block: Block, width: float, keep_words: bool = False) -> list[tuple[int, int]]:
    """Greedy line breaking of ``block`` into (start, end) character ranges.

    With ``keep_words`` (the PDF summary, which sets its own lines) a run of Latin letters
    or digits is not broken unless it is longer than a line; without it (the default, what
    the DOCX page model and the PPTX fitting follow) it breaks anywhere, as LibreOffice does.

    A character fits when the line before it (spacing included) plus its own advance
    *without* its character spacing stays within the width: LibreOffice (vcl's
    ``GetTextBreak``) adds a character's extra spacing only after testing it, so with the
    draft's negative spacing a line that would end exactly at the margin breaks earlier.
    """
    text = block.text
    if not text:
        return [(0, 0)]
    fitting, advances, gaps = _measure(block)
    ranges: list[tuple[int, int]] = []
    start = 0
    available = width - block.first_indent
    while start < len(text):
        end, used = start, 0.0
        while end < len(text) and text[end] != "\n" and used + fitting[end] <= available + 1e-6:
            used += advances[end] + gaps[end]
            end += 1
        if end < len(text) and text[end] == "\n":  # a forced line break (a title broken at a phrase)
            ranges.append((start, end + 1))
            start, available = end + 1, width
            continue
        if end >= len(text):
            ranges.append((start, len(text)))
            break
        past_blanks = _past_blanks(text, end, keep_words)
        if past_blanks is not None:  # blanks that do not fit go past the margin, the line breaks after them
            ranges.append((start, past_blanks))
            start, available = past_blanks, width
            continue
        while end < len(text) and text[end] in HANGING and _hangs(text, end, start):
            end += 1
        end = max(_back_to_break(text, start, end, keep_words), start + 1)  # a too-wide character still moves on
        ranges.append((start, end))
        start = end
        available = width
    return ranges


def _past_blanks(text: str, i: int, keep_words: bool) -> int | None:
    """Where a line breaks when the first character that does not fit, ``text[i]``, is a blank (U+0020).

    LibreOffice puts the blanks at a line's end in a hole past the margin (they take no width)
    and breaks after them, so the character before them keeps its line. ``None`` when
    ``text[i]`` is not a blank, or the line may not break after the blanks.
    """
    if text[i] != " ":
        return None
    end = i
    while end < len(text) and text[end] == " ":
        end += 1
    return end if end == len(text) or _break_allowed(text, end, keep_words) else None


def _hangs(text: str, i: int, start: int) -> bool:
    """A hanging mark stays on the line only directly after the last fitting character."""
    return i > start and (text[i - 1] not in HANGING or i - 1 == start)


def _back_to_break(text: str, start: int, end: int, keep_words: bool = False) -> int:
    """Move ``end`` back to the nearest allowed break; keep it if none exists on the line."""
    candidate = end
    while candidate > start and not _break_allowed(text, candidate, keep_words):
        candidate -= 1
    return candidate if candidate > start else end


def line_width(block: Block) -> float:
    """The width ``block`` takes on one line, in points, as :func:`break_lines` measures it."""
    advances, gaps = _advances(block)
    return sum(advances) + sum(gaps[:-1])


def hanging_marks(block: Block, width: float) -> list[int]:
    """Offsets of the closing marks that :func:`break_lines` lays past a line's end (hanging punctuation)."""
    text = block.text
    if not text:
        return []
    advances, gaps = _advances(block)
    out: list[int] = []
    available = width - block.first_indent
    for start, end in break_lines(block, width):
        used = sum(advances[start:end]) + sum(gaps[start : end - 1])
        if end > start and text[end - 1] in HANGING and used > available + 1e-6:
            out.append(end - 1)
        available = width
    return out
