"""A source's products and the manifest are replaced all-or-none (issue 11, finding 2).

Failures are injected at every rename and every fsync of a replacement, and a real build
process is killed at each step of it; the next build must find all old or all new
products, a manifest that agrees, and no journal or temporary file.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys

import pytest
from conftest import REPO, REPORTGEN, SOURCE, reportgen

from generator import build as build_module
from generator.build import JOURNAL, MANIFEST, read_manifest, recover, replace_products, sha256
from generator.errors import BuildError
from generator.loader import load_report
from generator.renderers import RENDERERS

FORMATS = ["docx", "pptx"]  # two products and the manifest: renames enough to interrupt between


def _new_source(directory):
    """The seed with its opening changed: same product names, other bytes."""
    directory.mkdir(exist_ok=True)
    path = directory / SOURCE.name
    path.write_text(SOURCE.read_text(encoding="utf-8").replace("现在，我代表", "现在，我谨代表", 1), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    """Rendered products of the old (seed) and new source, rendered once for all cases."""
    new_source = _new_source(tmp_path_factory.mktemp("new"))
    rendered = {}
    for label, source in (("old", SOURCE), ("new", new_source)):
        report = load_report(source)
        rendered[label] = (report, source, build_module.render_formats(report, [RENDERERS[f] for f in FORMATS]))
    assert rendered["old"][2][0][1] != rendered["new"][2][0][1]
    return rendered


def _replace(out, version, **kwargs):
    report, source, rendered = version
    return replace_products(out, report, source, rendered, **kwargs)


def _hashes(version):
    report, _, rendered = version
    return {f"{report.meta.file_stem}.{info.extension}": sha256(data) for info, data, _ in rendered}


def state(out, versions) -> str:
    """'old' or 'new' when the folder is consistent; fails on a mix, a stale manifest, or leftovers."""
    names = sorted(p.name for p in out.iterdir())
    assert not [n for n in names if n.endswith(".tmp") or n == JOURNAL], names
    old, new = _hashes(versions["old"]), _hashes(versions["new"])
    found = {name: sha256((out / name).read_bytes()) for name in old}
    assert found in (old, new), "products of two versions"
    manifest = read_manifest(out)
    assert {name: manifest[name]["sha256"] for name in old} == found, "manifest disagrees with the products"
    return "old" if found == old else "new"


class Failing:
    """A stand-in for an os function that fails at its ``at``-th call (and, if ``sticky``, every later one)."""

    def __init__(self, real, at: int, sticky: bool) -> None:
        self.real, self.at, self.sticky, self.calls = real, at, sticky, 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        if self.calls == self.at or (self.sticky and self.calls > self.at):
            raise OSError(errno.EIO, "injected failure")
        return self.real(*args, **kwargs)


def _count_calls(tmp_path, versions, name) -> int:
    out = tmp_path / "count"
    _replace(out, versions["old"])
    counter = Failing(getattr(os, name), at=0, sticky=False)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, name, counter)
        _replace(out, versions["new"])
    return counter.calls


@pytest.mark.parametrize("name", ["replace", "fsync"])
@pytest.mark.parametrize("sticky", [False, True], ids=["once", "from-then-on"])
def test_failure_at_each_rename_and_fsync_leaves_one_version(tmp_path, versions, name, sticky):
    calls = _count_calls(tmp_path, versions, name)
    # renames: the journal, the manifest, 2 products; fsyncs: 3 staged files, the journal, the folder 3 times
    assert calls == (4 if name == "replace" else 7)
    outcomes = []
    for at in range(1, calls + 1):
        out = tmp_path / f"{name}-{at}"
        _replace(out, versions["old"])
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(os, name, Failing(getattr(os, name), at, sticky))
            try:
                _replace(out, versions["new"])
            except BuildError as error:
                assert error.key in ("output_error", "output_incomplete", "recovery_failed")
                assert str(out) in error.line("en") and "input/output error" in error.line("en")
        with build_module.out_lock(out):  # what the next build does first
            recover(out)
        outcomes.append(state(out, versions))
        _replace(out, versions["new"])  # and the next build is not refused as "edited by hand"
        assert state(out, versions) == "new"
    if sticky:  # before the journal is durable: rolled back; after a rename: rolled forward
        assert outcomes == (["old", "old", "new", "new"] if name == "replace" else ["old"] * 5 + ["new"] * 2)


def test_killed_build_is_rolled_forward_or_back_by_the_next_start(tmp_path, versions):
    new_source = _new_source(tmp_path / "src")
    expected = {"staged": "old", "rename-1": "new", "rename-2": "new", "rename-3": "new", "renamed": "new"}
    for point, outcome in expected.items():
        out = tmp_path / point
        _replace(out, versions["old"])
        env = dict(os.environ, REPORTGEN_PAUSE_AT=point)
        command = [*REPORTGEN, "build", str(new_source), "--out", str(out), "--format", ",".join(FORMATS), "-q"]
        process = subprocess.Popen(command, cwd=REPO, env=env, stderr=subprocess.PIPE, text=True)
        try:
            assert process.stderr.readline() == f"reportgen: paused at {point}\n"
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
            process.stderr.close()
        if point != "staged":
            assert (out / JOURNAL).exists()
        with build_module.out_lock(out):  # what the next build does first
            recover(out)
        assert state(out, versions) == outcome, point
        result = reportgen("build", new_source, "--out", out, "--format", ",".join(FORMATS), "-q", "--jobs", "1")
        assert result.returncode == 0, result.stderr  # not refused as "edited by hand"
        assert state(out, versions) == "new"


def test_manifest_replaced_with_products(tmp_path, versions):
    _replace(tmp_path, versions["old"])
    _replace(tmp_path, versions["new"])
    manifest = read_manifest(tmp_path)
    assert state(tmp_path, versions) == "new"
    assert {entry["source"] for entry in manifest.values()} == {SOURCE.name}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [MANIFEST, build_module.LOCK, *_hashes(versions["new"])]
    )


if sys.platform != "linux":  # pragma: no cover
    pytestmark = pytest.mark.skip("fsync of directories and flock as on Linux")
