"""``reportgen build --watch``: rebuild a source whenever it is saved, in this process.

Imports and font metrics are paid once, in this process (later saves fork workers that
start with them loaded). Each save is built as ``build`` builds: every format rendered,
then all products and the manifest replaced together, or none. An invalid save, a
renderer's refusal or an output error prints its one line and the watch goes on.
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
    first: Callable[[], None] | None = None,
) -> None:
    """Call ``rebuild(source)`` whenever a source's modification time or size changes.

    ``first`` runs once after the sources' times are taken (the first builds, so that a
    save while they run is not missed). ``rounds`` bounds the number of polls (for tests);
    by default the watch runs until interrupted.
    """
    seen = {source: _stamp(source) for source in sources}
    if first is not None:
        first()
    changed: set[Path] = set()
    count = 0
    while rounds is None or count < rounds:
        time.sleep(interval)
        count += 1
        for source in sources:
            stamp = _stamp(source)
            if stamp is not None and stamp != seen[source]:
                seen[source] = stamp  # changed: build once it holds still for one poll (a save in progress)
                changed.add(source)
            elif stamp is not None and source in changed:
                changed.discard(source)
                rebuild(source)
