"""Reading a source file safely: regular files only, size checked before reading, reads bounded.

A FIFO, a device (``/dev/zero``) or a directory is refused by its ``stat``, before any
read; the file is opened non-blocking (a FIFO swapped in after the ``stat`` cannot hang the
read) and checked again through its descriptor; at most ``limit + 1`` bytes are read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from generator.errors import Problem, SourceError
from generator.oserrors import file_kind, reason


def _refusal(name: str, error: OSError) -> SourceError:
    """The one-line problem for an ``OSError`` met opening or reading ``name``."""
    if isinstance(error, FileNotFoundError | NotADirectoryError):
        return SourceError(name, [Problem(1, 1, "file_missing")])
    if isinstance(error, PermissionError):
        return SourceError(name, [Problem(1, 1, "permission_denied")])
    if isinstance(error, IsADirectoryError):
        return SourceError(name, [Problem(1, 1, "is_directory")])
    return SourceError(name, [Problem(1, 1, "read_failed", reason(error))])


def _check_stat(name: str, info: os.stat_result, limit: int) -> None:
    """Refuse a non-regular file or one over ``limit`` bytes, by its ``stat``."""
    if stat.S_ISDIR(info.st_mode):
        raise SourceError(name, [Problem(1, 1, "is_directory")])
    if not stat.S_ISREG(info.st_mode):
        raise SourceError(name, [Problem(1, 1, "not_regular_file", file_kind(info.st_mode))])
    if info.st_size > limit:
        raise SourceError(name, [Problem(1, 1, "too_large", {"size": info.st_size, "limit": limit})])


def _read_bounded(fd: int, limit: int) -> bytes:
    """At most ``limit + 1`` bytes from ``fd`` (one more than allowed tells a file that grew)."""
    chunks, total = [], 0
    while total <= limit:
        chunk = os.read(fd, min(1 << 20, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def read_source(path: str | Path, limit: int) -> bytes:
    """The bytes of the source file ``path``; a :class:`SourceError` for anything but a regular file ≤ ``limit``."""
    name = str(path)
    try:
        _check_stat(name, os.stat(path), limit)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        raise _refusal(name, error) from None
    try:
        _check_stat(name, os.fstat(fd), limit)
        data = _read_bounded(fd, limit)
    except OSError as error:
        raise _refusal(name, error) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise SourceError(name, [Problem(1, 1, "too_large", {"size": f"{limit}+", "limit": limit})])
    return data
