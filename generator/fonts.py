"""Fonts in one place: typographic roles, the names DOCX/PPTX write, the free faces here.

Each :class:`Role` names (a) the face the secretariat's Windows/WPS machines have, which
DOCX and PPTX write, with the alternate name Word falls back to, and (b) the free Debian
face that stands in for it on this machine: embedded in the PDF, used by the charts, and
mapped from the Windows name by ``assets/fontconfig/fonts.conf`` so that LibreOffice renders
the DOCX/PPTX with the same metrics. Text metrics for fitting and pagination come from
:func:`metrics`, read from those files with fontTools.

Coverage: the PDF embeds three faces (:data:`EMBEDDED_ROLES`). :func:`set_text` sets a text in
its own face and gives each character that face lacks to the first other embedded face that
has it; the PDF renderer warns about each such fallback and refuses only characters no face
has, naming where in the source the text comes from. The DOCX and PPTX name Office faces;
the DOCX warns about characters outside GB2312 for its ``*_GB2312`` faces (:func:`outside_gb2312`).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import subprocess
from array import array
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from generator.errors import BuildError

ASSETS = Path(__file__).resolve().parent.parent / "assets"
FONTCONFIG_FILE = ASSETS / "fontconfig" / "fonts.conf"
"""The fontconfig file that maps the Windows names to the free faces (for LibreOffice)."""


@dataclass(frozen=True)
class Role:
    """A typographic role: the Office face, its fallback name, the free face here, weight."""

    office: str
    office_alt: str
    free: str
    bold: bool = False
    debian_package: str = ""


ROLES: dict[str, Role] = {
    "title": Role("方正小标宋简体", "宋体", "AR PL UMing CN", debian_package="fonts-arphic-uming"),
    "body": Role("仿宋_GB2312", "仿宋", "AR PL UMing CN", debian_package="fonts-arphic-uming"),
    "heading1": Role("黑体", "SimHei", "WenQuanYi Zen Hei Mono", debian_package="fonts-wqy-zenhei"),
    "heading2": Role("楷体_GB2312", "楷体", "AR PL UKai CN", debian_package="fonts-arphic-ukai"),
    "heading3": Role("仿宋_GB2312", "仿宋", "AR PL UMing CN", bold=True, debian_package="fonts-arphic-uming"),
    "meeting": Role("楷体_GB2312", "楷体", "AR PL UKai CN", debian_package="fonts-arphic-ukai"),
    "footer": Role("宋体", "SimSun", "AR PL UMing CN", debian_package="fonts-arphic-uming"),
    "figure": Role("黑体", "SimHei", "WenQuanYi Zen Hei", debian_package="fonts-wqy-zenhei"),
    "pdf_body": Role("宋体", "SimSun", "AR PL UMing CN", debian_package="fonts-arphic-uming"),
    "pdf_heading": Role("黑体", "SimHei", "WenQuanYi Zen Hei", debian_package="fonts-wqy-zenhei"),
    "pdf_accent": Role("楷体_GB2312", "楷体", "AR PL UKai CN", debian_package="fonts-arphic-ukai"),
    "slide_title": Role("微软雅黑", "黑体", "WenQuanYi Zen Hei", bold=True, debian_package="fonts-wqy-zenhei"),
    "slide_text": Role("微软雅黑", "黑体", "WenQuanYi Zen Hei", debian_package="fonts-wqy-zenhei"),
}
"""Every typographic role the renderers use."""

EMBEDDED_ROLES = ("pdf_body", "pdf_heading", "pdf_accent")
"""The roles whose faces the PDF embeds, in the order a character its own face lacks tries them."""


def fallback_families(role: str) -> list[str]:
    """The free face of ``role``, then every other embedded face (the PDF's fallback order)."""
    families = [ROLES[role].free] + [ROLES[r].free for r in EMBEDDED_ROLES]
    return list(dict.fromkeys(families))


OFFICE_ALIASES: dict[str, str] = {
    "方正小标宋简体": "AR PL UMing CN",
    "仿宋_GB2312": "AR PL UMing CN",
    "仿宋": "AR PL UMing CN",
    "楷体_GB2312": "AR PL UKai CN",
    "楷体": "AR PL UKai CN",
    "黑体": "WenQuanYi Zen Hei Mono",
    "SimHei": "WenQuanYi Zen Hei Mono",
    "宋体": "AR PL UMing CN",
    "SimSun": "AR PL UMing CN",
    "微软雅黑": "WenQuanYi Zen Hei",
}
"""Windows face → free face, as written into the fontconfig alias file."""


@dataclass(frozen=True)
class FontFile:
    """A font file and the face index inside it (TrueType collections hold several)."""

    path: Path
    index: int
    family: str


@cache
def font_file(family: str) -> FontFile:
    """Locate a free face by family name through fontconfig (remembered in the user's cache)."""
    remembered = _cache_dir() / f"fc-{hashlib.sha256(family.encode()).hexdigest()[:16]}.txt"
    try:
        path, index = remembered.read_text(encoding="utf-8").split("\n")[:2]
        if Path(path).is_file():
            return FontFile(Path(path), int(index), family)
    except (OSError, ValueError):
        pass
    face = _fc_match(family)
    try:
        remembered.parent.mkdir(parents=True, exist_ok=True)
        temp = remembered.with_suffix(f".{os.getpid()}.tmp")
        temp.write_text(f"{face.path}\n{face.index}\n", encoding="utf-8")
        os.replace(temp, remembered)
    except OSError:
        pass
    return face


def _fc_match(family: str) -> FontFile:
    """Ask fontconfig for ``family``; fail naming the Debian package that provides it."""
    try:
        out = subprocess.run(
            ["fc-match", "-f", "%{file}\n%{index}\n%{family}", family],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split("\n")
    except (OSError, subprocess.CalledProcessError):
        out = []
    if len(out) < 3 or family not in out[2].split(","):
        package = next((r.debian_package for r in ROLES.values() if r.free == family), "")
        raise BuildError("build_failed", format="fonts", detail=f"font {family!r} not installed ({package})")
    return FontFile(Path(out[0]), int(out[1]), family)


def role_file(role: str) -> FontFile:
    """The free font file that stands in for ``role``."""
    return font_file(ROLES[role].free)


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "reportgen"


def read_advances(face: FontFile) -> dict[int, float]:
    """Advance width (em) of every character the face maps, from its file with fontTools."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(face.path), fontNumber=face.index, lazy=True)
    hmtx = font["hmtx"]
    units = font["head"].unitsPerEm
    return {code: hmtx[glyph][0] / units for code, glyph in font.getBestCmap().items()}


class Advances:
    """A face's advance widths (em) and coverage, compact: most glyphs share one advance.

    ``default`` is the commonest advance; ``odd`` maps the codes whose advance differs;
    ``starts``/``ends`` are the covered code ranges, sorted. Built from a pickle in a fraction of
    a millisecond, where a dict of every glyph (25,000 to 43,000 per face) took several.
    """

    __slots__ = ("default", "ends", "odd", "starts")

    def __init__(self, default: float, odd: dict[int, float], starts: array, ends: array) -> None:
        self.default, self.odd, self.starts, self.ends = default, odd, starts, ends

    @classmethod
    def of(cls, advances: dict[int, float]) -> Advances:
        """The compact form of a full code → advance table."""
        counts: dict[float, int] = {}
        for width in advances.values():
            counts[width] = counts.get(width, 0) + 1
        default = max(counts, key=lambda w: (counts[w], w)) if counts else 1.0
        odd = {code: width for code, width in advances.items() if width != default}
        starts, ends = array("I"), array("I")
        for code in sorted(advances):
            if ends and code == ends[-1] + 1:
                ends[-1] = code
            else:
                starts.append(code)
                ends.append(code)
        return cls(default, odd, starts, ends)

    def covers(self, code: int) -> bool:
        """Whether the face maps ``code``."""
        at = bisect_right(self.starts, code) - 1
        return at >= 0 and code <= self.ends[at]

    def advance(self, code: int) -> float:
        """The advance of ``code`` in em; 1.0 (a full-width box) for a code the face lacks."""
        width = self.odd.get(code)
        if width is not None:
            return width
        return self.default if self.default == 1.0 or self.covers(code) else 1.0

    def to_bytes(self) -> bytes:
        """The form kept in the cache."""
        odd_codes, odd_widths = array("I", self.odd), array("f", self.odd.values())
        parts = (self.default, odd_codes.tobytes(), odd_widths.tobytes(), self.starts.tobytes(), self.ends.tobytes())
        return pickle.dumps(parts)

    @classmethod
    def from_bytes(cls, data: bytes) -> Advances:
        """Read what :meth:`to_bytes` wrote."""
        default, odd_codes, odd_widths, starts, ends = pickle.loads(data)
        odd = dict(zip(array("I", odd_codes), array("f", odd_widths), strict=True))
        return cls(float(default), odd, array("I", starts), array("I", ends))


def cached_advances(face: FontFile) -> Advances:
    """:func:`read_advances` in compact form, kept in the user's cache keyed by the file's identity.

    Parsing a large CJK collection costs tens of milliseconds a face; the cache makes it a
    fraction of one. A cache that cannot be read or written is ignored.
    """
    stat = face.path.stat()
    key = hashlib.sha256(f"{face.path}|{face.index}|{stat.st_size}|{stat.st_mtime_ns}|2".encode()).hexdigest()[:24]
    path = _cache_dir() / f"metrics-{key}.bin"
    try:
        return Advances.from_bytes(path.read_bytes())
    except (OSError, ValueError, pickle.UnpicklingError, EOFError, TypeError):
        pass
    advances = Advances.of(read_advances(face))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_suffix(f".{os.getpid()}.tmp")
        temp.write_bytes(advances.to_bytes())
        os.replace(temp, path)
    except OSError:
        pass
    return advances


class FontMetrics:
    """Advance widths (in em) and coverage of one face, read from its file."""

    def __init__(self, face: FontFile) -> None:
        self.family = face.family
        self._advances = cached_advances(face)
        self.advance_of_code = self._advances.advance
        """The advance (em) of a code point: :meth:`advance` for callers that hold ``ord(ch)``."""

    def covers(self, ch: str) -> bool:
        """Whether the face has a glyph for ``ch``."""
        return self._advances.covers(ord(ch))

    def advance(self, ch: str) -> float:
        """The advance width of ``ch`` in em (1.0 for a missing glyph, as a full-width box)."""
        return self._advances.advance(ord(ch))

    def width(self, text: str, size: float) -> float:
        """The width of ``text`` at ``size`` points, in points."""
        advance = self._advances.advance
        return sum(advance(ord(ch)) for ch in text) * size

    def missing(self, text: str) -> list[str]:
        """The distinct characters of ``text`` the face lacks (whitespace ignored), in order."""
        seen: dict[str, None] = {}
        covers = self._advances.covers
        for ch in text:
            if not ch.isspace() and ch not in seen and not covers(ord(ch)):
                seen.setdefault(ch)
        return list(seen)


@cache
def metrics(role: str) -> FontMetrics:
    """The metrics of the free face of ``role``."""
    return _metrics_of(ROLES[role].free)


@cache
def _metrics_of(family: str) -> FontMetrics:
    return FontMetrics(font_file(family))


@dataclass(frozen=True)
class Setting:
    """A text set in a face with per-character fallback (see :func:`set_text`)."""

    runs: tuple[tuple[int, str], ...]
    """(face index, text) runs in order; index 0 is the text's own face."""
    fallen: dict[int, tuple[str, ...]]
    """Face index → the distinct characters set in that fallback face, in order."""
    missing: tuple[str, ...]
    """The distinct characters no face has (left in the text's own face), in order."""


def set_text(text: str, faces: list[FontMetrics]) -> Setting:
    """Set ``text`` in ``faces[0]``; a character it lacks goes to the first other face that has it.

    Whitespace stays in the face of the run it stands in and never falls back.
    """
    runs: list[list] = []
    fallen: dict[int, dict[str, None]] = {}
    missing: dict[str, None] = {}
    for ch in text:
        index = 0
        if ch.isspace():
            index = runs[-1][0] if runs else 0
        elif not faces[0].covers(ch):
            index = next((i for i, face in enumerate(faces) if i and face.covers(ch)), 0)
            if index:
                fallen.setdefault(index, {}).setdefault(ch)
            else:
                missing.setdefault(ch)
        if runs and runs[-1][0] == index:
            runs[-1][1] += ch
        else:
            runs.append([index, ch])
    return Setting(tuple((i, t) for i, t in runs), {i: tuple(chars) for i, chars in fallen.items()}, tuple(missing))


def listed(chars: Iterable[str]) -> str:
    """Characters as messages list them: 図(U+56F3) 㐀(U+3400)."""
    return " ".join(f"{ch}(U+{ord(ch):04X})" for ch in chars)


GB2312_FACES = frozenset(role.office for role in ROLES.values() if role.office.endswith("_GB2312"))
"""Windows faces that cover only the GB2312 repertoire."""


class FontWarning(UserWarning):
    """A build warning about fonts (the build goes on): a message key and its fields."""

    def __init__(self, key: str, fields: dict[str, object]) -> None:
        super().__init__(key)
        self.key = key
        self.fields = fields


def in_gb2312(ch: str) -> bool:
    """Whether ``ch`` is in GB2312 as Windows maps it (code page 936 within the GB2312 rows)."""
    if ch.isascii():
        return True
    try:
        encoded = ch.encode("gbk")
    except UnicodeEncodeError:
        return False
    return len(encoded) == 2 and 0xA1 <= encoded[0] <= 0xF7 and 0xA1 <= encoded[1] <= 0xFE


def outside_gb2312(text: str) -> list[str]:
    """The distinct characters of ``text`` a *_GB2312 face lacks, in order (whitespace ignored)."""
    seen: dict[str, None] = {}
    for ch in text:
        if not ch.isspace() and not in_gb2312(ch):
            seen.setdefault(ch)
    return list(seen)
