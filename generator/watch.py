"""``reportgen build --watch``: rebuild a source whenever it is saved, in this process.

Imports and font metrics are paid once; each product is replaced as soon as it is ready,
the DOCX first, so the draft is up to date a fraction of a second after a save. An invalid
source prints its one-line message and the watch goes on.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None  # an editor may replace the file by renaming: try again next time
    return stat.st_mtime_ns, stat.st_size


def watch(
    sources: list[Path],
    rebuild: Callable[[Path], None],
    interval: float = 0.05,
    rounds: int | None = None,
) -> None:
    """Call ``rebuild(source)`` whenever a source's modification time or size changes.

    ``rounds`` bounds the number of polls (for tests); by default the watch runs until
    interrupted.
    """
    seen = {source: _stamp(source) for source in sources}
    count = 0
    while rounds is None or count < rounds:
        time.sleep(interval)
        count += 1
        for source in sources:
            stamp = _stamp(source)
            if stamp is not None and stamp != seen[source]:
                seen[source] = stamp
                rebuild(source)
