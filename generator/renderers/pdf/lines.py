"""reportlab flowables whose lines are broken by the shared line breaker (:mod:`generator.linebreak`).

reportlab's own CJK wrapping starts lines with ， or ； where the Chinese rules forbid it.
Here every paragraph of the summary (body, bullets, figures, headings, table cells, cover
lines, glossary) is broken by :func:`generator.linebreak.break_lines` at the faces' real
advance widths, and drawn line by line: each line a run of glyphs per face (fallback faces
included), justified by character spacing where the style asks for it, so the text stays
one string per line and extracts as it is.

Also here: :class:`Stack` (flowables drawn as one), :class:`KeepWithNext` (headings kept with
the first lines of what follows, without moving the whole of it) and :class:`ScaledChart`
(a chart drawn smaller rather than leaving half a page empty).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from generator.linebreak import Block, Run, break_lines

IDEOGRAPHIC_SPACE = "\u3000"
"""Drawn as an ASCII space, as reportlab's paragraphs did: text extractors read a full-width gap
between two names (乡长　方　泽) as a column break and move the name's end elsewhere."""

BULLET_SCALE = 0.7
"""A bullet mark's size against its text's (a full-size ● touches the text beside it)."""

Piece = tuple[str, str]
"""A run of text in one reportlab font: (font name, text)."""

MAX_SPREAD_EM = 0.25
"""The widest character spacing (em) a justified line takes; a sparser line stays ragged."""


def break_pieces(
    pieces: Sequence[Piece], roles: dict[str, str], size: float, width: float, first_indent: float = 0.0
) -> list[tuple[list[Piece], bool]]:
    """``pieces`` broken into lines of at most ``width`` points by the shared line breaker.

    Numbers and Latin words stay whole (unless longer than a line). ``roles`` maps each font
    name to its face role (for the advance widths). Each line comes with whether it ends its
    paragraph or at a forced break (a newline): such a line is not justified.
    """
    text = "".join(t for _, t in pieces)
    if not text:
        return []
    block = Block(tuple(Run(t, roles[name], size) for name, t in pieces if t), first_indent=first_indent)
    owner: list[str] = [name for name, t in pieces for _ in t]
    lines: list[tuple[list[Piece], bool]] = []
    for start, end in break_lines(block, width, keep_words=True):
        forced = end > start and text[end - 1] == "\n"
        stop = end - 1 if forced else end
        line: list[Piece] = []
        for i in range(start, stop):
            if line and line[-1][0] == owner[i]:
                line[-1] = (owner[i], line[-1][1] + text[i])
            else:
                line.append((owner[i], text[i]))
        lines.append((line, forced or end >= len(text)))
    return lines


class Lines(Flowable):
    """A paragraph set in pre-broken lines: style metrics, optional bullet, optional drawing hook.

    ``pieces`` are (font, text) runs as :class:`~generator.renderers.pdf.emit.Setter` sets them;
    ``on_draw`` is called with the canvas when the first line is drawn (outline entries).
    """

    def __init__(
        self,
        pieces: Sequence[Piece],
        style,
        roles: dict[str, str],
        bullet: str = "",
        on_draw: Callable[[object], None] | None = None,
        lines: list[tuple[list[Piece], bool]] | None = None,
        first: bool = True,
    ) -> None:
        super().__init__()
        self.pieces = list(pieces)
        self.style = style
        self.roles = roles
        self.bullet = bullet
        self.on_draw = on_draw
        self.first = first
        self._lines = lines
        self._width = -1.0
        self.spaceBefore = style.spaceBefore if first else 0
        self.spaceAfter = style.spaceAfter
        self.keepWithNext = 0

    def _text_width(self, avail: float) -> float:
        return avail - self.style.leftIndent - self.style.rightIndent

    def lines(self, avail: float) -> list[tuple[list[Piece], bool]]:
        """The lines at frame width ``avail`` (broken once per width)."""
        if self._lines is not None and (self._width < 0 or self._width == avail):
            self._width = avail
            return self._lines
        indent = self.style.firstLineIndent if self.first else 0.0
        self._lines = break_pieces(self.pieces, self.roles, self.style.fontSize, self._text_width(avail), indent)
        self._width = avail
        return self._lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab's names)
        """Full width, one leading per line."""
        self.width = availWidth
        self.height = len(self.lines(availWidth)) * self.style.leading
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        """The lines that fit, and the rest (at least two lines on each side where the paragraph allows)."""
        lines = self.lines(availWidth)
        fit = int((availHeight + 1e-6) // self.style.leading)
        if fit >= len(lines):
            return [self]
        if len(lines) - fit < 2 and len(lines) >= 4:
            fit = len(lines) - 2
        if fit < 2 and len(lines) >= 4 or fit < 1:
            return []
        head = Lines(self.pieces, self.style, self.roles, self.bullet, self.on_draw, lines[:fit], self.first)
        tail = Lines(self.pieces, self.style, self.roles, "", None, lines[fit:], first=False)
        head.spaceAfter = 0
        head._width = tail._width = availWidth
        return [head, tail]

    def draw(self) -> None:
        """Each line from its baseline, justified or aligned as the style asks."""
        canvas, style = self.canv, self.style
        if self.on_draw is not None:
            self.on_draw(canvas)
        lines = self.lines(self.width)
        size = style.fontSize
        canvas.setFillColor(style.textColor)
        y = self.height - size
        if self.bullet and self.first:
            canvas.setFont(style.bulletFontName, size * BULLET_SCALE)
            canvas.drawString(style.bulletIndent, y + size * (1 - BULLET_SCALE) / 3, self.bullet)
        for number, (pieces, last) in enumerate(lines):
            line = [(font, t.replace(IDEOGRAPHIC_SPACE, " ")) for font, t in pieces]
            indent = style.firstLineIndent if self.first and number == 0 else 0.0
            avail = self._text_width(self.width) - indent
            natural = sum(stringWidth(t, font, size) for font, t in line)
            count = sum(len(t) for _, t in line)
            x = style.leftIndent + indent
            spacing = 0.0
            if natural > avail and count > 1:  # a hanging mark: the line is drawn a little tighter
                spacing = (avail - natural) / (count - 1)
            elif style.alignment == TA_CENTER:
                x += (avail - natural) / 2
            elif style.alignment == TA_RIGHT:
                x += avail - natural
            elif style.alignment == TA_JUSTIFY and count > 1 and not last:
                spread = (avail - natural) / (count - 1)
                spacing = spread if spread <= MAX_SPREAD_EM * size else 0.0
            text = canvas.beginText(x, y)
            text.setCharSpace(spacing)
            for font, piece in line:
                text.setFont(font, size)
                text.textOut(piece)
            canvas.drawText(text)
            y -= style.leading


class Stack(Flowable):
    """Flowables drawn one below the other as one (their spaces between them kept)."""

    def __init__(self, items: Sequence[Flowable]) -> None:
        super().__init__()
        self.items = list(items)
        self.spaceBefore = self.items[0].getSpaceBefore() if self.items else 0
        self.spaceAfter = self.items[-1].getSpaceAfter() if self.items else 0
        self._heights: list[float] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """The heights of the items and the spaces between them."""
        self._heights = [item.wrapOn(self.canv, availWidth, availHeight)[1] for item in self.items]
        gaps = sum(self._gap(i) for i in range(1, len(self.items)))
        self.width, self.height = availWidth, sum(self._heights) + gaps
        return self.width, self.height

    def _gap(self, i: int) -> float:
        return max(self.items[i - 1].getSpaceAfter(), self.items[i].getSpaceBefore())

    def draw(self) -> None:
        """Top to bottom."""
        y = self.height
        for i, (item, height) in enumerate(zip(self.items, self._heights, strict=True)):
            if i:
                y -= self._gap(i)
            y -= height
            item.drawOn(self.canv, 0, y)


class KeepWithNext(Flowable):
    """Headings kept on the page of the first lines (or rows) of the flowable that follows them.

    Unlike reportlab's keep-with-next, which moves the whole next flowable, only as much of it
    as fits goes beside the headings; the rest continues on the next page.
    """

    def __init__(self, heads: Sequence[Flowable], following: Flowable) -> None:
        super().__init__()
        self.heads = Stack(heads)
        self.following = following
        self.spaceBefore = self.heads.spaceBefore
        self.spaceAfter = following.getSpaceAfter()
        self._whole = Stack([*heads, following])

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """The headings and the whole of what follows."""
        self._whole.canv = self.canv
        self.width, self.height = self._whole.wrap(availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        """The headings with what fits of the next flowable, then the rest of it; nothing if none fits."""
        self.heads.canv = self.canv
        _, head_height = self.heads.wrap(availWidth, availHeight)
        gap = max(self.heads.getSpaceAfter(), self.following.getSpaceBefore())
        room = availHeight - head_height - gap
        if room <= 0:
            if getattr(self._doctemplateAttr("frame"), "_atTop", 0):
                return [*self.heads.items, self.following]  # headings taller than a page: nothing to keep
            return []
        _, following_height = self.following.wrapOn(self.canv, availWidth, room)
        if following_height <= room:
            return [Stack([*self.heads.items, self.following])]
        parts = self.following.splitOn(self.canv, availWidth, room)
        if len(parts) < 2:
            if len(parts) == 1:  # a chart that shrinks to the room left
                return [Stack([*self.heads.items, parts[0]])]
            return []
        return [Stack([*self.heads.items, parts[0]]), *parts[1:]]

    def draw(self) -> None:
        """Drawn whole when it fits as a whole."""
        self._whole.canv = self.canv
        self._whole.drawOn(self.canv, 0, 0)


class ScaledChart(Flowable):
    """A chart drawing and its note; drawn down to :data:`MIN_SCALE` of its size where the page has less room."""

    MIN_SCALE = 0.75

    def __init__(self, drawing, note: Flowable, scale: float = 1.0) -> None:
        super().__init__()
        self.drawing = drawing
        self.note = note
        self.scale = scale
        self.spaceAfter = note.getSpaceAfter()
        self.spaceBefore = 4

    def _note_height(self, width: float) -> float:
        return self.note.wrapOn(self.canv, width, 1e6)[1]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """The drawing at its scale above the note."""
        self.width = availWidth
        self.height = self.drawing.height * self.scale + self._note_height(availWidth)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        """The chart drawn smaller to fit ``availHeight``, unless it would shrink below :data:`MIN_SCALE`."""
        note = self._note_height(availWidth)
        scale = (availHeight - note) / self.drawing.height
        if scale >= self.scale:
            return [self]
        if scale < self.MIN_SCALE:
            return []
        return [ScaledChart(self.drawing, self.note, scale)]

    def draw(self) -> None:
        """The drawing centred above the note."""
        note = self._note_height(self.width)
        width = self.drawing.width * self.scale
        self.canv.saveState()
        self.canv.translate((self.width - width) / 2, note)
        self.canv.scale(self.scale, self.scale)
        self.drawing.drawOn(self.canv, 0, 0)
        self.canv.restoreState()
        self.note.drawOn(self.canv, 0, 0)
