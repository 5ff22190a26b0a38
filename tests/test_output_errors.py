"""Output problems are one line naming the path, exit 1, nothing replaced, no temporary file (finding 4).

We run as root, so EPERM and EACCES are injected; ENOSPC is injected at ``os.write``
(the staging helper writes through it); EISDIR, EEXIST and a FIFO are real.
"""

from __future__ import annotations

import errno
import os
import tempfile

import pytest
from conftest import SOURCE, reportgen

from generator import build as build_module
from generator.cli import main

STEM = "changying-2020-midyear_draft_v1"


def _build(out, *extra) -> int:
    return main(["--lang", "en", "build", str(SOURCE), "--out", str(out), "-q", "--jobs", "1", *extra])


@pytest.fixture
def previous(tmp_path):
    """An output folder holding a build's products; returns (folder, its files' bytes)."""
    out = tmp_path / "out"
    assert _build(out, "--format", "docx,pptx") == 0
    return out, _snapshot(out)


def _snapshot(out):
    return {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}


def _one_line(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err.rstrip("\n")


def _fail_with(code: int):
    def failing(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    return failing


def test_no_space_left(previous, capsys, monkeypatch):
    out, before = previous
    monkeypatch.setattr(os, "write", _fail_with(errno.ENOSPC))
    assert _build(out, "--format", "docx,pptx") == 1
    monkeypatch.undo()
    assert _one_line(capsys) == f"cannot write '{out / '.reportgen-manifest.json'}': no space left on device"
    assert _snapshot(out) == before


def test_no_space_left_at_the_second_product(previous, capsys, monkeypatch):
    out, before = previous
    real, calls = os.write, []

    def write(fd, data):
        calls.append(fd)
        if len(calls) > 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd, data)

    monkeypatch.setattr(os, "write", write)
    assert _build(out, "--format", "docx,pptx") == 1
    monkeypatch.undo()
    assert _one_line(capsys).endswith(": no space left on device")
    assert _snapshot(out) == before


@pytest.mark.parametrize("code", [errno.EPERM, errno.EACCES])
def test_permission_errors_staging(previous, capsys, monkeypatch, code):
    out, before = previous
    monkeypatch.setattr(tempfile, "mkstemp", _fail_with(code))
    assert _build(out, "--format", "docx,pptx") == 1
    monkeypatch.undo()
    reason = "operation not permitted (the file may be immutable)" if code == errno.EPERM else "permission denied"
    assert _one_line(capsys) == f"cannot write '{out / '.reportgen-manifest.json'}': {reason}"
    assert _snapshot(out) == before


def test_immutable_manifest(previous, capsys, monkeypatch):
    """chattr +i on the manifest: its rename (the first) fails, so nothing is replaced."""
    out, before = previous
    real = os.replace

    def replace(src, dst, **kwargs):
        if str(dst).endswith(".reportgen-manifest.json"):
            raise PermissionError(errno.EPERM, "Operation not permitted")
        return real(src, dst, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    assert _build(out, "--format", "docx,pptx", "--force") == 1
    monkeypatch.undo()
    manifest = out / ".reportgen-manifest.json"
    assert _one_line(capsys) == f"cannot write '{manifest}': operation not permitted (the file may be immutable)"
    assert _snapshot(out) == before


def test_directory_in_a_products_place(previous, capsys, monkeypatch):
    out, before = previous
    (out / f"{STEM}.docx").unlink()
    (out / f"{STEM}.docx").mkdir()
    before = _snapshot(out)
    monkeypatch.setattr(build_module, "render_formats", None)  # refused before rendering
    assert _build(out, "--format", "docx,pptx", "--force") == 1
    assert _one_line(capsys) == f"cannot write '{out / STEM}.docx': is a directory"
    assert _snapshot(out) == before


def test_file_in_the_output_folders_place(tmp_path, capsys):
    out = tmp_path / "out"
    out.write_text("not a folder", encoding="utf-8")
    assert _build(out, "--format", "docx") == 1
    assert _one_line(capsys) == f"cannot write '{out}': a file of that name exists"
    assert out.read_text(encoding="utf-8") == "not a folder"


def test_fifo_in_a_products_place_does_not_hang(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / f"{STEM}.docx")
    for extra in ([], ["--force"]):
        result = reportgen("--lang", "en", "build", SOURCE, "--out", out, "--format", "docx", "-q", *extra)
        assert result.returncode == 1
        assert result.stderr == f"cannot write '{out / STEM}.docx': not a regular file (a FIFO)\n"
    assert sorted(p.name for p in out.iterdir()) == [".reportgen.lock", f"{STEM}.docx"]


def test_name_too_long_is_refused_before_rendering(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(build_module, "product_name", lambda report, info: "x" * 251 + "." + info.extension)
    monkeypatch.setattr(build_module, "render_formats", None)  # nothing is rendered
    assert _build(tmp_path, "--format", "docx,pdf") == 1
    line = _one_line(capsys)
    assert line == f"product file name too long: '{tmp_path / ('x' * 251)}.docx' is 256 bytes (limit 255; " + (
        "shorten report.id or the version)"
    )
    assert list(tmp_path.iterdir()) == []


def test_longest_name_that_fits_builds(tmp_path, monkeypatch):
    monkeypatch.setattr(build_module, "product_name", lambda report, info: "x" * 250 + "." + info.extension)
    assert _build(tmp_path, "--format", "docx") == 0
    assert (tmp_path / ("x" * 250 + ".docx")).is_file()
