"""Same source, same bytes: two builds in separate processes, seconds apart, under different TZ."""

import hashlib
import os
import time

from conftest import SOURCE, reportgen

from generator.renderers import default_formats


def _build(out, tz):
    result = reportgen("build", SOURCE, "--out", out, "-q", env=dict(os.environ, TZ=tz))
    assert result.returncode == 0, result.stderr
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in out.iterdir() if not p.name.startswith(".")}


def test_builds_are_byte_identical(tmp_path):
    first = _build(tmp_path / "a", "Asia/Shanghai")
    time.sleep(3)
    second = _build(tmp_path / "b", "America/New_York")
    assert len(first) == len(default_formats())  # the archival edition too
    assert first == second
