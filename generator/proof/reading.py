"""A file to proofread → :class:`~generator.proof.core.ProofText` with positions in that file.

A source (``.yaml``/``.yml``) is loaded as ``check`` loads it; a draft (``.md``, ``.txt``,
``.docx``) is imported in memory as ``import`` reads it (nothing is written). A file that cannot
be read is a :class:`ProofInputError`: one positioned line, as ``check`` prints.
"""

from __future__ import annotations

from pathlib import Path

from generator.errors import Problem, SourceError
from generator.proof.core import ProofText
from generator.proof.locate import FileText

SOURCE_SUFFIXES = (".yaml", ".yml")
SEGMENT_REACH = 60
"""How far after a value's recorded position its text may begin (quotes, block indicators, indentation)."""
DRAFT_REACH = 3000
"""How far after the previous unit a draft's unit may begin (squeezed characters the importer dropped)."""


class ProofInputError(Exception):
    """A file that cannot be proofread: the problems to print, ``file:line:column: message``."""

    def __init__(self, error: SourceError) -> None:
        super().__init__(error.line())
        self.error = error


def read_proof_text(path: Path) -> ProofText:
    """The units of the report in ``path`` with a locator into that file."""
    suffix = path.suffix.lower()
    if suffix in SOURCE_SUFFIXES:
        return _source(path)
    from generator.readers import WORD_SUFFIXES

    if suffix in WORD_SUFFIXES:
        return _docx(path)
    return _draft_text(path)


def _refuse(path: Path, key: str, **fields: object) -> ProofInputError:
    return ProofInputError(SourceError(str(path), [Problem(1, 1, key, {"path": path, **fields})]))


def _source(path: Path) -> ProofText:
    from generator.loader import load_report

    try:
        report = load_report(path)
    except SourceError as error:
        raise ProofInputError(error) from None
    text = ProofText.from_report(report)
    file = FileText.of(path.read_bytes().decode("utf-8").removeprefix("\ufeff"))
    text.locate = _SegmentLocator(text, file)
    text.ignore = frozenset(report.proof.ignore)
    return text


def _draft_text(path: Path) -> ProofText:
    try:
        raw = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        raise _refuse(path, "import_unreadable") from None
    return _draft(path, raw, FileText.of(raw.removeprefix("\ufeff")))


def _docx(path: Path) -> ProofText:
    from generator.proof.docxtext import body_paragraphs
    from generator.readers.docx import DocxError

    try:
        data = path.read_bytes()
        lines = body_paragraphs(data)
    except OSError as e:
        raise _refuse(path, "import_docx_invalid", reason=e.strerror or e) from None
    except DocxError as e:
        raise _refuse(path, "import_docx_invalid", reason=e) from None
    return _draft(path, data, FileText(lines))


def _draft(path: Path, content: str | bytes, file: FileText) -> ProofText:
    from generator.readers import read_report
    from generator.readers.docx import DocxError

    try:
        imported = read_report(path, content, "proof")
    except DocxError as e:
        raise _refuse(path, "import_docx_invalid", reason=e) from None
    text = ProofText.from_report(imported.report)
    text.locate = _SequenceLocator(text, file)
    return text


class _SegmentLocator:
    """Positions in a source: each segment's text is aligned from where its value stands in the YAML."""

    def __init__(self, text: ProofText, file: FileText) -> None:
        self.text, self.file = text, file
        self.cache: dict[tuple[int, int], list[int]] = {}

    def __call__(self, unit: int, offset: int) -> tuple[int, int]:
        segments = self.text.segments[unit]
        s = 0
        while s + 1 < len(segments) and segments[s + 1].start <= offset:
            s += 1
        segment = segments[s]
        key = (unit, s)
        if key not in self.cache:
            self.cache[key] = self._align(unit, s)
        indexes = self.cache[key]
        return self.file.line_column(indexes[min(max(offset - segment.start, 0), len(indexes) - 1)])

    def _align(self, unit: int, s: int) -> list[int]:
        segments = self.text.segments[unit]
        segment = segments[s]
        path = segment.path
        if path is None:  # generated text: at its anchor, else where the next (else previous) sourced segment starts
            near = [g.path for g in segments[s + 1 :] + segments[:s][::-1] if g.path is not None]
            path = segment.anchor or (near[0] if near else ())
            where = self.text.report.source_position(path) or (1, 1)
            return [self.file.index_of(*where)] * len(segment.text)
        where = self.text.report.source_position(path) or (1, 1)
        start = self.file.squeezed_at(self.file.index_of(*where))
        return self.file.align(segment.text, start, SEGMENT_REACH)[0]


class _SequenceLocator:
    """Positions in a draft: units aligned one after another through the file (computed once, on first use)."""

    def __init__(self, text: ProofText, file: FileText) -> None:
        self.text, self.file = text, file
        self.indexes: list[list[int]] | None = None

    def __call__(self, unit: int, offset: int) -> tuple[int, int]:
        if self.indexes is None:
            self.indexes = self._align_all()
        indexes = self.indexes[unit]
        return self.file.line_column(indexes[min(max(offset, 0), len(indexes) - 1)])

    def _align_all(self) -> list[list[int]]:
        out, cursor = [], 0
        for unit in self.text.units:
            indexes, after = self.file.align(unit.text, cursor, DRAFT_REACH, anywhere=True)
            if after > cursor:
                cursor = after
            out.append(indexes)
        return out
