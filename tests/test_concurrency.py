"""Builds into one output folder take turns (issue 11, finding 3)."""

from __future__ import annotations

import os
import subprocess
import time

import pytest
from conftest import REPO, REPORTGEN, SOURCE

from generator import build as build_module
from generator.build import LOCK, out_lock, read_manifest, sha256
from generator.cli import main
from generator.errors import BuildError

STEM = "changying-2020-midyear_draft_v1"


def _other_source(directory, report_id: str):
    """The seed under another id: other product names, same manifest."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{report_id}.yaml"
    text = SOURCE.read_text(encoding="utf-8").replace("id: changying-2020-midyear", f"id: {report_id}", 1)
    path.write_text(text, encoding="utf-8")
    return path


def _start(source, out, *extra, env=None):
    command = [*REPORTGEN, "build", str(source), "--out", str(out), "--format", "docx", "-q", *extra]
    return subprocess.Popen(command, cwd=REPO, stderr=subprocess.PIPE, text=True, env=env)


def test_concurrent_builds_lose_no_manifest_entries(tmp_path):
    sources = [_other_source(tmp_path / "src", f"concurrent-{k}") for k in range(2)]
    for round_ in range(8):
        out = tmp_path / f"out-{round_}"
        processes = [_start(source, out, "--jobs", "1") for source in sources]
        errors = [p.communicate(timeout=120)[1] for p in processes]
        assert [p.returncode for p in processes] == [0, 0], errors
        manifest = read_manifest(out)
        names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
        assert sorted(manifest) == names == ["concurrent-0_draft_v1.docx", "concurrent-1_draft_v1.docx"]
        for name in names:
            assert manifest[name]["sha256"] == sha256((out / name).read_bytes())


def test_second_build_waits_saying_so_then_builds(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with out_lock(out):
        process = _start(SOURCE, out)
        first = process.stderr.readline()
        time.sleep(0.5)
        assert process.poll() is None  # still waiting
    _, rest = process.communicate(timeout=120)
    assert process.returncode == 0, rest
    assert first == f"另一个生成正在写入“{out}”，等待其完成……\n" and rest == ""  # said once
    assert (out / f"{STEM}.docx").is_file()


def test_lock_held_too_long_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(build_module, "LOCK_TIMEOUT", 0.3)
    waited = []
    with out_lock(tmp_path), pytest.raises(BuildError) as caught:
        with out_lock(tmp_path, waited.append):
            pass
    assert waited == [tmp_path]
    assert caught.value.line("en") == f"another build has held '{tmp_path}' for over 0.3 s; giving up"


def test_no_lock_possible_is_one_line(tmp_path, capsys):
    (tmp_path / LOCK).mkdir()  # a directory where the lock file goes
    assert main(["--lang", "en", "build", str(SOURCE), "--out", str(tmp_path), "--format", "docx", "-q"]) == 1
    assert capsys.readouterr().err == f"cannot lock the output folder ('{tmp_path / LOCK}': is a directory)\n"


def test_product_edited_during_a_build_is_not_overwritten(tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(SOURCE), "--out", str(out), "--format", "docx", "-q", "--jobs", "1"]) == 0
    product = out / f"{STEM}.docx"
    env = dict(os.environ, REPORTGEN_PAUSE_AT="render-docx", REPORTGEN_PAUSE_SECONDS="1")
    process = _start(SOURCE, out, "--jobs", "1", env=env)
    assert process.stderr.readline() == "reportgen: paused at render-docx\n"  # checked, now rendering
    product.write_bytes(product.read_bytes() + b"edited")
    _, err = process.communicate(timeout=120)
    assert process.returncode == 1
    assert err == f"产品“{product}”在生成后被手工修改过，未覆盖（确认后用 --force 覆盖）\n"
    assert product.read_bytes().endswith(b"edited")
