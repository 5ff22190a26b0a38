"""Building products: render every format of a source, then replace them all at once.

Outputs are written to temporary files in the output folder and renamed into place
only when every format succeeded, so a failed or interrupted build leaves the previous
products intact. A manifest records each product's hash; a product whose bytes no
longer match (edited by hand) is not overwritten without ``force``.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.errors import BuildError
from generator.loader import load_report
from generator.model import Report
from generator.parallel import Forked
from generator.renderers import RENDERERS, RendererInfo, product_name

FILE_MODE = 0o644
"""Permissions of products (temporary files are created private)."""

MANIFEST = ".reportgen-manifest.json"
"""The manifest file in the output folder: product name → sha256 and source."""


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


def read_manifest(out_dir: Path) -> dict[str, dict[str, str]]:
    """The manifest of ``out_dir`` (empty when there is none or it is unreadable)."""
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _stage(path: Path, data: bytes) -> Path:
    """Write ``data`` to a temporary file beside ``path``; nothing is left behind if writing fails."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temp, FILE_MODE)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def _write_atomically(path: Path, data: bytes) -> None:
    temp = _stage(path, data)
    try:
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def check_not_edited(out_dir: Path, names: Iterable[str], manifest: dict[str, dict[str, str]]) -> None:
    """Refuse to overwrite a product edited by hand since it was built (or not built by us)."""
    for name in names:
        path = out_dir / name
        if not path.exists():
            continue
        recorded = manifest.get(name, {}).get("sha256")
        if recorded != sha256(path.read_bytes()):
            raise BuildError("edited_product", name=str(path))


Rendered = tuple[str, bytes, float, list[Notice], tuple[str, dict[str, object]] | None]
"""What rendering one format gives: format, bytes, seconds, notices, and (key, fields) on failure."""


def render_one(report: Report, info: RendererInfo) -> Rendered:
    """Render one format in this process; failures and warnings come back as data."""
    from generator.fonts import FontWarning

    started = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", FontWarning)
        try:
            data = info.load()(report)
        except BuildError as error:
            return info.name, b"", 0.0, [], (error.key, error.fields)
        except Exception as error:  # a renderer's failure is one line for the user
            detail = f"{type(error).__name__}: {error}"
            return info.name, b"", 0.0, [], ("build_failed", {"format": info.name, "detail": detail})
    notices = [Notice(info.name, w.message.key, w.message.fields) for w in caught if isinstance(w.message, FontWarning)]
    return info.name, data, time.perf_counter() - started, notices, None


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
    outcomes = [here[info.name] if info.name in here else forked[info.name].result() for info in formats]
    results = []
    for info, (_, data, seconds, found, failure) in zip(formats, outcomes, strict=True):
        if failure is not None:
            raise BuildError(failure[0], **failure[1])
        if notices is not None:
            notices.extend(found)
        results.append((info, data, seconds))
    return results


def replace_products(
    out_dir: Path, report: Report, source: Path, rendered: list[tuple[RendererInfo, bytes, float]]
) -> list[Product]:
    """Write rendered products into ``out_dir`` (temporary files, then renames) and the manifest."""
    out_dir.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path, RendererInfo, bytes, float]] = []
    try:
        for info, data, seconds in rendered:
            final = out_dir / product_name(report, info)
            staged.append((_stage(final, data), final, info, data, seconds))
    except BaseException:
        for temp, *_ in staged:
            temp.unlink(missing_ok=True)
        raise
    manifest = read_manifest(out_dir)
    products = []
    try:
        for temp, final, info, data, seconds in staged:
            os.replace(temp, final)
            manifest[final.name] = {"sha256": sha256(data), "source": source.name}
            products.append(Product(info.name, final, len(data), seconds))
    finally:
        for temp, *_ in staged:
            temp.unlink(missing_ok=True)
    _write_atomically(out_dir / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode())
    return products


def build_source(
    source: Path,
    formats: list[str],
    out_dir: Path,
    force: bool = False,
    notices: list[Notice] | None = None,
    jobs: int = 1,
) -> list[Product]:
    """Load ``source``, render ``formats`` and replace its products in ``out_dir`` together."""
    report = load_report(source)
    infos = [RENDERERS[name] for name in formats]
    if not force:
        check_not_edited(out_dir, (product_name(report, i) for i in infos), read_manifest(out_dir))
    rendered = render_formats(report, infos, notices, jobs)
    return replace_products(out_dir, report, source, rendered)
