"""Forked workers end with their parent, print nothing twice, and send errors back intact (finding 9)."""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import time
from pathlib import Path

import pytest
from conftest import REPO, REPORTGEN, SOURCE

from generator.cli import main
from generator.errors import BuildError, Problem, SourceError
from generator.parallel import Forked
from generator.renderers import RENDERERS, RendererInfo, default_formats


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_killed_build_leaves_no_worker_running(tmp_path):
    env = dict(os.environ, REPORTGEN_PAUSE_AT="render-pdf")
    command = [*REPORTGEN, "build", str(SOURCE), "--out", str(tmp_path), "-q", "--jobs", "3"]
    process = subprocess.Popen(command, cwd=REPO, env=env, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr.readline() == "reportgen: paused at render-pdf\n"  # said by the PDF worker
        workers = _children(process.pid)
        assert workers
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        process.stderr.close()
    deadline = time.monotonic() + 10
    while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in workers if _running(pid)]
    assert not [p for p in tmp_path.iterdir() if p.suffix in (".docx", ".pdf", ".pptx")]


def test_output_through_a_pipe_is_printed_once(tmp_path):
    second = tmp_path / "second.yaml"
    text = SOURCE.read_text(encoding="utf-8").replace("id: changying-2020-midyear", "id: second-report", 1)
    second.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    command = [*REPORTGEN, "build", str(SOURCE), str(second), "--out", str(out), "--jobs", "3"]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    products = 2 * len(default_formats())
    assert len(lines) == products and len({line.split()[1] for line in lines}) == products, result.stdout


class Broken(RendererInfo):
    def load(self):
        def render(report):
            raise RuntimeError("disk on fire")

        return render


class Killed(RendererInfo):
    def load(self):
        def render(report):
            os.kill(os.getpid(), signal.SIGKILL)

        return render


def test_debug_shows_a_workers_traceback(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(RENDERERS, "pdf", Broken("pdf", "-", "pdf", "broken", cost=5))  # the costliest: forked
    monkeypatch.setenv("REPORTGEN_DEBUG", "1")
    assert main(["--lang", "en", "build", str(SOURCE), "--out", str(tmp_path), "-q", "--jobs", "3"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last):\n")
    assert 'raise RuntimeError("disk on fire")' in err
    assert err.endswith("\nbuilding pdf failed: RuntimeError: disk on fire\n")


def test_without_debug_a_workers_failure_is_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(RENDERERS, "pdf", Broken("pdf", "-", "pdf", "broken", cost=5))
    monkeypatch.delenv("REPORTGEN_DEBUG", raising=False)
    assert main(["--lang", "en", "build", str(SOURCE), "--out", str(tmp_path), "-q", "--jobs", "3"]) == 1
    assert capsys.readouterr().err == "building pdf failed: RuntimeError: disk on fire\n"


def test_a_worker_killed_is_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(RENDERERS, "pdf", Killed("pdf", "-", "pdf", "killed", cost=5))
    assert main(["--lang", "en", "build", str(SOURCE), "--out", str(tmp_path), "-q", "--jobs", "3"]) == 1
    assert capsys.readouterr().err == "building pdf failed: worker killed by signal 9\n"


def _raise(error):
    raise error


@pytest.mark.parametrize(
    "error",
    [
        BuildError("edited_product", name="out/x.docx"),
        BuildError("missing_glyphs", font="AR PL UKai CN", chars="図"),
        SourceError("a.yaml", [Problem(3, 7, "missing", {"key": "speaker"}), Problem(1, 1, "empty_file")]),
    ],
)
def test_errors_cross_the_worker_pipe_intact(error):
    assert pickle.loads(pickle.dumps(error)).__reduce__() == error.__reduce__()
    with pytest.raises(type(error)) as caught:
        Forked(_raise, error).result()
    assert caught.value.__reduce__() == error.__reduce__()
    assert caught.value.line("en") == error.line("en") and caught.value.line() == error.line()
