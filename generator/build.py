"""Building products: render every format of a source, then replace them and the manifest all at once.

Rendering happens in memory. Replacing holds a lock on the output folder (``.reportgen.lock``,
so concurrent builds take turns) and goes: (1) write every product and the new manifest to
temporary files ``.reportgen-*.tmp``, each fsynced; (2) write a journal naming the renames,
fsynced, and fsync the folder; (3) rename, manifest first; (4) fsync the folder and remove the
journal. Whoever next takes the lock first finishes a journal a killed build left (its files
are all on disk) and removes stray temporary files (a build killed before its journal). So
after a failure or a kill at any point, the folder holds all old or all new products and a
manifest that agrees. A product whose bytes no longer match the manifest (edited by hand) is
not overwritten without ``force``; the check runs before rendering and again under the lock.

Renderers know no YAML: a warning about one place of the source names its path (``at``), a
refusal its places (``places``, each with ``at``). :func:`positioned_notice` and
:func:`positioned_error` turn those paths into line and column through the loaded report
(:meth:`~generator.model.Report.source_position`), so they print as ``file:line:column``.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import stat
import sys
import tempfile
import time
import traceback
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from generator.errors import BuildError, Problem, SourceError
from generator.loader import load_report
from generator.messages import message
from generator.model import Report
from generator.oserrors import not_regular, reason
from generator.parallel import Forked
from generator.renderers import RENDERERS, RendererInfo, product_name

FILE_MODE = 0o644
"""Permissions of products (temporary files are created private)."""

MANIFEST = ".reportgen-manifest.json"
"""The manifest file in the output folder: product name → sha256, source and font files."""

JOURNAL = ".reportgen-journal.json"
"""Renames in progress: present only between a build's commit point and its last rename."""

LOCK = ".reportgen.lock"
"""The lock file that serialises builds into one output folder."""

TEMP_PREFIX, TEMP_SUFFIX = ".reportgen-", ".tmp"
"""Temporary files are ``.reportgen-XXXXXXXX.tmp`` (short: a product name may use all of NAME_MAX)."""

NAME_MAX = 255
"""Longest file name, in bytes, on Linux file systems."""

LOCK_TIMEOUT = 60.0
"""Seconds a build waits for another build into the same folder before giving up."""

FALLBACK_FACES = ("pdf_body", "pdf_heading", "pdf_accent")
"""The embedded faces a character its own face lacks falls back to (PDF summary and archival edition)."""

FORMAL_ROLES = ("title", "body", "heading1", "heading2", "heading3", "meeting", "footer")
"""The roles of the formal report's page (the DOCX, and the archival edition that draws the same pages)."""

PRODUCT_ROLES: dict[str, tuple[str, ...]] = {
    "docx": FORMAL_ROLES,
    "pdf": ("pdf_body", "pdf_heading", "pdf_accent", "figure"),
    "pptx": ("slide_title", "slide_text", "figure"),
    "archive": (*FORMAL_ROLES, *FALLBACK_FACES),
    "ofd": (*FORMAL_ROLES, *FALLBACK_FACES),
}
"""Font roles whose files shape each product (embedded in the PDF, measured for DOCX and PPTX layout)."""


@dataclass(frozen=True)
class Product:
    """A built product: format, final path, size in bytes and the seconds it took."""

    format: str
    path: Path
    size: int
    seconds: float


@dataclass(frozen=True)
class Notice:
    """A warning raised while rendering: the format, a message key and its fields."""

    format: str
    key: str
    fields: dict[str, object]


def sha256(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def pause_point(name: str) -> None:
    """For the kill tests: stop here when ``REPORTGEN_PAUSE_AT`` names this point.

    The pause lasts ``REPORTGEN_PAUSE_SECONDS`` (default 60) and is announced on stderr.
    """
    if os.environ.get("REPORTGEN_PAUSE_AT") == name:
        sys.stderr.write(f"reportgen: paused at {name}\n")
        sys.stderr.flush()
        time.sleep(float(os.environ.get("REPORTGEN_PAUSE_SECONDS", "60")))


def read_manifest(out_dir: Path) -> dict[str, dict]:
    """The manifest of ``out_dir`` (empty when there is none or it is unreadable)."""
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _output_error(path: Path, error: OSError, key: str = "output_error") -> BuildError:
    return BuildError(key, path=str(path), **reason(error))


def _fsync_dir(path: Path) -> None:
    """Make renames and removals in ``path`` durable."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _stage(out_dir: Path, data: bytes) -> Path:
    """Write ``data`` to a new fsynced temporary file in ``out_dir``; nothing is left if that fails."""
    fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=out_dir)
    try:
        _write_all(fd, data)
        os.fchmod(fd, FILE_MODE)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        os.unlink(name)
        raise
    os.close(fd)
    return Path(name)


@contextmanager
def out_lock(out_dir: Path, on_wait: Callable[[Path], None] | None = None) -> Iterator[None]:
    """Hold the lock of ``out_dir`` (waiting up to :data:`LOCK_TIMEOUT`, ``on_wait`` told once)."""
    path = out_dir / LOCK
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW | os.O_NONBLOCK, FILE_MODE)
    except OSError as error:
        raise _output_error(path, error, "lock_failed") from None
    try:
        _acquire(fd, path, on_wait)
        yield
    finally:
        os.close(fd)  # releases the lock


def _acquire(fd: int, path: Path, on_wait: Callable[[Path], None] | None) -> None:
    deadline = time.monotonic() + LOCK_TIMEOUT
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        except OSError as error:  # ENOLCK, a file system without locks: refuse rather than race
            raise _output_error(path, error, "lock_failed") from None
        if time.monotonic() > deadline:
            raise BuildError("lock_timeout", path=str(path.parent), seconds=f"{LOCK_TIMEOUT:g}")
        if not told and on_wait is not None:
            on_wait(path.parent)
            told = True
        time.sleep(0.05)


def _journal_entries(out_dir: Path) -> list[tuple[str, str]]:
    """The renames a journal names (plain names in ``out_dir`` only; empty when there is none)."""
    try:
        data = json.loads((out_dir / JOURNAL).read_text(encoding="utf-8"))
        pairs = [(str(temp), str(final)) for temp, final in data["renames"]]
    except FileNotFoundError:
        return []
    except (OSError, ValueError, KeyError, TypeError):
        return []  # written by rename, so never torn: unreadable means not ours
    return [(t, f) for t, f in pairs if Path(t).name == t and t.startswith(TEMP_PREFIX) and Path(f).name == f]


def recover(out_dir: Path) -> None:
    """Finish the replacement a killed build left, and remove stray temporary files (under the lock)."""
    strays = sorted(out_dir.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"))
    if not strays and not (out_dir / JOURNAL).exists():
        return
    here = out_dir / JOURNAL
    try:
        for temp, final in _journal_entries(out_dir):
            here = out_dir / final
            if (out_dir / temp).exists():
                os.replace(out_dir / temp, here)
        here = out_dir
        _fsync_dir(out_dir)
        here = out_dir / JOURNAL
        here.unlink(missing_ok=True)
        for stray in out_dir.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"):
            here = stray
            stray.unlink(missing_ok=True)
        here = out_dir
        _fsync_dir(out_dir)
    except OSError as error:
        raise _output_error(here, error, "recovery_failed") from None


def check_names(out_dir: Path, names: Iterable[str]) -> None:
    """Refuse product names longer than NAME_MAX bytes (before anything is rendered)."""
    for name in names:
        size = len(os.fsencode(name))
        if size > NAME_MAX:
            raise BuildError("name_too_long", name=str(out_dir / name), size=size, limit=NAME_MAX)


def _mode(path: Path) -> int | None:
    """The file mode of ``path`` itself (links not followed); None if nothing is there; other errors named."""
    try:
        return path.lstat().st_mode
    except FileNotFoundError:
        return None
    except OSError as error:
        raise _output_error(path, error) from None


def check_targets(out_dir: Path, names: Iterable[str]) -> None:
    """Refuse a directory, FIFO or device where a product goes (a symbolic link is replaced itself)."""
    for name in (*names, MANIFEST):
        path = out_dir / name
        mode = _mode(path)
        if mode is None:
            continue
        if stat.S_ISDIR(mode):
            raise _output_error(path, IsADirectoryError(errno.EISDIR, "is a directory"))
        if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
            raise BuildError("output_error", path=str(path), **not_regular(mode))


def check_not_edited(out_dir: Path, names: Iterable[str], manifest: dict[str, dict]) -> None:
    """Refuse to overwrite a product edited by hand since it was built (or not built by us)."""
    for name in names:
        path = out_dir / name
        mode = _mode(path)
        if mode is None:
            continue
        recorded = manifest.get(name, {}).get("sha256")
        if not stat.S_ISREG(mode) or recorded != sha256(path.read_bytes()):
            raise BuildError("edited_product", name=str(path))


_DIGESTS: dict[tuple, str] = {}


def _file_digest(path: Path) -> str:
    """SHA-256 of a font file, remembered per file identity (in this process and in the user's cache)."""
    from generator.fonts import _cache_dir

    info = path.stat()
    key = (str(path), info.st_size, info.st_mtime_ns, info.st_ino)
    if key in _DIGESTS:
        return _DIGESTS[key]
    remembered = _cache_dir() / f"sha-{sha256(repr(key).encode())[:24]}.txt"
    try:
        digest = remembered.read_text(encoding="ascii").strip()
    except OSError:
        digest = ""
    if len(digest) != 64:
        with path.open("rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
        try:
            remembered.parent.mkdir(parents=True, exist_ok=True)
            remembered.write_text(digest, encoding="ascii")
        except OSError:
            pass
    _DIGESTS[key] = digest
    return digest


def font_digests(fmt: str) -> dict[str, str]:
    """Font file name → sha256 for the faces that shape a product of format ``fmt``."""
    from generator.fonts import role_file

    files = {role_file(role).path for role in PRODUCT_ROLES.get(fmt, ())}
    return {path.name: _file_digest(path) for path in sorted(files)}


def _font_notice(fmt: str, name: str, before: dict, fonts: dict[str, str]) -> Notice | None:
    """A notice when the last build of ``name`` recorded other font files than this one's."""
    old = before.get("fonts")
    if not isinstance(old, dict) or old == fonts:
        return None
    changed = sorted(set(old) ^ set(fonts) | {k for k in fonts if old.get(k) != fonts[k]})
    return Notice(fmt, "fonts_changed", {"name": name, "fonts": ", ".join(changed)})


Rendered = tuple[str, bytes, float, list[Notice], tuple[str, dict[str, object]] | None]
"""What rendering one format gives: format, bytes, seconds, notices, and (key, fields) on failure."""


def render_one(report: Report, info: RendererInfo) -> Rendered:
    """Render one format in this process; failures and warnings come back as data."""
    from generator.fonts import FontWarning

    pause_point(f"render-{info.name}")
    started = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", FontWarning)
        try:
            data = info.load()(report)
        except BuildError as error:
            return info.name, b"", 0.0, [], (error.key, error.fields)
        except Exception as error:  # a renderer's failure is one line for the user
            fields: dict[str, object] = {"format": info.name, "detail": f"{type(error).__name__}: {error}"}
            if os.environ.get("REPORTGEN_DEBUG"):
                fields["traceback"] = traceback.format_exc()
            return info.name, b"", 0.0, [], ("build_failed", fields)
    notices = [Notice(info.name, w.message.key, w.message.fields) for w in caught if isinstance(w.message, FontWarning)]
    return info.name, data, time.perf_counter() - started, notices, None


def _outcome(info: RendererInfo, forked: Forked) -> Rendered:
    """A forked render's result; a worker that died becomes a one-line failure."""
    try:
        return forked.result()
    except ChildProcessError as error:
        return info.name, b"", 0.0, [], ("build_failed", {"format": info.name, "detail": str(error)})


def render_formats(
    report: Report, formats: list[RendererInfo], notices: list[Notice] | None = None, jobs: int = 1
) -> list[tuple[RendererInfo, bytes, float]]:
    """Render each format of ``report`` in memory: (renderer, bytes, seconds); warnings go to ``notices``.

    With ``jobs`` > 1 the costliest formats render in ``jobs - 1`` forked processes (each
    pays only its own renderer's imports) while this process renders the others.
    """
    order = sorted(formats, key=lambda info: -info.cost)
    workers = max(0, min(jobs - 1, len(order) - 1))  # this process renders at least one format itself
    forked = {info.name: Forked(render_one, report, info) for info in order[:workers]}
    here = {info.name: render_one(report, info) for info in order if info.name not in forked}
    outcomes = [here[info.name] if info.name in here else _outcome(info, forked[info.name]) for info in formats]
    results = []
    for info, (_, data, seconds, found, failure) in zip(formats, outcomes, strict=True):
        if failure is not None:
            raise BuildError(failure[0], **failure[1])
        if notices is not None:
            notices.extend(found)
        results.append((info, data, seconds))
    return results


def _make_dir(out_dir: Path) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _output_error(out_dir, error) from None
    if not out_dir.is_dir():  # a symbolic link to a file, say
        raise _output_error(out_dir, NotADirectoryError(errno.ENOTDIR, "not a directory"))


def _stage_all(out_dir: Path, files: list[tuple[Path, bytes]]) -> list[tuple[Path, Path]]:
    """Stage every file (temporary, fsynced): (temp, final) pairs; on failure none is left."""
    staged: list[tuple[Path, Path]] = []
    try:
        for final, data in files:
            try:
                staged.append((_stage(out_dir, data), final))
            except OSError as error:
                raise _output_error(final, error) from None
    except BaseException:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        raise
    return staged


def _commit(out_dir: Path, staged: list[tuple[Path, Path]]) -> None:
    """Write the journal, rename every staged file into place, fsync, remove the journal."""
    journal = {"renames": [[temp.name, final.name] for temp, final in staged]}
    try:
        temp = _stage(out_dir, json.dumps(journal).encode())
        try:
            pause_point("staged")
            os.replace(temp, out_dir / JOURNAL)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        _fsync_dir(out_dir)
    except BaseException as error:  # not committed: roll back
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        (out_dir / JOURNAL).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise _output_error(out_dir / JOURNAL, error) from None
        raise
    _rename_all(out_dir, staged)


def _rename_all(out_dir: Path, staged: list[tuple[Path, Path]]) -> None:
    """Renames after the commit point; a failure is finished now if it can be, else by the next build."""
    done = 0
    try:
        for number, (temp, final) in enumerate(staged, 1):
            pause_point(f"rename-{number}")
            os.replace(temp, final)
            done = number
        pause_point("renamed")
        _fsync_dir(out_dir)
        (out_dir / JOURNAL).unlink()
        _fsync_dir(out_dir)
    except OSError as error:
        where = staged[done][1] if done < len(staged) else out_dir
        if done == 0:  # nothing replaced yet: roll back
            for temp, _ in staged:
                temp.unlink(missing_ok=True)
            (out_dir / JOURNAL).unlink(missing_ok=True)
            raise _output_error(where, error) from None
        try:
            recover(out_dir)
        except BuildError:
            raise _output_error(where, error, "output_incomplete") from None


def replace_products(
    out_dir: Path,
    report: Report,
    source: Path,
    rendered: list[tuple[RendererInfo, bytes, float]],
    force: bool = False,
    notices: list[Notice] | None = None,
    on_wait: Callable[[Path], None] | None = None,
) -> list[Product]:
    """Replace a source's products and the manifest in ``out_dir`` all together, under its lock."""
    _make_dir(out_dir)
    names = [product_name(report, info) for info, _, _ in rendered]
    with out_lock(out_dir, on_wait):
        recover(out_dir)
        check_targets(out_dir, names)
        manifest = read_manifest(out_dir)
        if not force:
            check_not_edited(out_dir, names, manifest)
        files, products = [], []
        for (info, data, seconds), name in zip(rendered, names, strict=True):
            fonts = font_digests(info.name)
            notice = _font_notice(info.name, name, manifest.get(name, {}), fonts)
            if notice is not None and notices is not None:
                notices.append(notice)
            manifest[name] = {"sha256": sha256(data), "source": source.name, "fonts": fonts}
            files.append((out_dir / name, data))
            products.append(Product(info.name, out_dir / name, len(data), seconds))
        text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode()
        staged = _stage_all(out_dir, [(out_dir / MANIFEST, text), *files])  # the manifest is renamed first
        _commit(out_dir, staged)
    return products


def positioned_notice(notice: Notice, report: Report) -> Notice:
    """A renderer's notice that names a source path (``at``), given that value's line and column."""
    at = notice.fields.get("at")
    position = report.source_position(at) if isinstance(at, tuple) else None
    if position is None:
        return notice
    return Notice(notice.format, notice.key, {**notice.fields, "line": position[0], "column": position[1]})


def positioned_error(error: BuildError, report: Report, source: Path) -> BuildError | SourceError:
    """A renderer's refusal that names source paths (``places``) as positioned problems, one line each."""
    places = error.fields.get("places")
    if not isinstance(places, list) or not places:
        return error
    problems = []
    for place in places:
        line, column = place.get("position") or report.source_position(place["at"]) or (1, 1)
        fields = {k: v for k, v in place.items() if k not in ("at", "position")}
        problems.append(Problem(line, column, "glyphs_missing", fields))
    return SourceError(str(source), problems)


def waiting_notice(lang: str = "zh") -> Callable[[Path], None]:
    """An ``on_wait`` that prints, once, that the build waits for another one."""

    def tell(out_dir: Path) -> None:
        print(message("lock_waiting", lang, path=str(out_dir)), file=sys.stderr, flush=True)

    return tell


def build_source(
    source: Path,
    formats: list[str],
    out_dir: Path,
    force: bool = False,
    notices: list[Notice] | None = None,
    jobs: int = 1,
    on_wait: Callable[[Path], None] | None = None,
) -> list[Product]:
    """Load ``source``, render ``formats`` and replace its products in ``out_dir`` together."""
    report = load_report(source)
    infos = [RENDERERS[name] for name in formats]
    names = [product_name(report, info) for info in infos]
    check_names(out_dir, names)
    if os.path.lexists(out_dir):  # else nothing to check, and nothing is created before rendering
        _make_dir(out_dir)
        with out_lock(out_dir, on_wait):
            recover(out_dir)
            check_targets(out_dir, names)
            if not force:
                check_not_edited(out_dir, names, read_manifest(out_dir))
    found: list[Notice] = []
    try:
        rendered = render_formats(report, infos, found, jobs)
    except BuildError as error:
        raise positioned_error(error, report, source) from None
    if notices is not None:
        notices += [positioned_notice(notice, report) for notice in found]
    return replace_products(out_dir, report, source, rendered, force, notices, on_wait)
