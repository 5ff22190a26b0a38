"""A source is read by ``stat`` first, regular files only, size checked before reading (finding 5)."""

from __future__ import annotations

import errno
import os
import subprocess

import pytest
from conftest import REPO, REPORTGEN, SOURCE

from generator.cli import main
from generator.errors import SourceError
from generator.loader import MAX_BYTES
from generator.sourcefile import read_source


def _check(path, capsys) -> str:
    assert main(["--lang", "en", "check", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    return err


def test_fifo_is_refused_without_hanging(tmp_path):
    fifo = tmp_path / "report.yaml"
    os.mkfifo(fifo)
    command = [*REPORTGEN, "--lang", "en", "check", str(fifo)]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=60)  # no hang
    assert result.returncode == 1
    assert result.stderr == f"{fifo}:1:1: not a regular file (a FIFO; expected a report YAML file)\n"


def test_dev_zero_is_refused_before_reading(capsys, monkeypatch):
    monkeypatch.setattr(os, "read", None)  # never read
    assert _check("/dev/zero", capsys) == (
        "/dev/zero:1:1: not a regular file (a character device; expected a report YAML file)\n"
    )


def test_directory_is_named_as_such(tmp_path, capsys):
    assert _check(tmp_path, capsys) == f"{tmp_path}:1:1: is a directory (expected a report YAML file)\n"


def test_missing_file(tmp_path, capsys):
    missing = tmp_path / "no.yaml"
    assert _check(missing, capsys) == f"{missing}:1:1: file not found (expected a report YAML file)\n"


def test_unreadable_file_is_permission_denied(tmp_path, capsys, monkeypatch):
    source = tmp_path / "report.yaml"
    source.write_bytes(SOURCE.read_bytes())
    source.chmod(0)

    def denied(*args, **kwargs):  # as root chmod alone does not deny: inject what open(2) says to a user
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "open", denied)
    assert _check(source, capsys) == f"{source}:1:1: permission denied (check the file's permissions)\n"


def test_huge_file_is_refused_by_its_size_before_reading(tmp_path, capsys, monkeypatch):
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(5 * 1024**3)  # 5 GB, sparse
    monkeypatch.setattr(os, "read", None)
    assert _check(huge, capsys) == (f"{huge}:1:1: file too large: {5 * 1024**3} bytes (limit {MAX_BYTES} bytes)\n")


def test_read_is_bounded_when_stat_understates_the_size():
    assert os.stat("/proc/self/status").st_size == 0  # a regular file whose stat says nothing of its length
    with pytest.raises(SourceError) as caught:
        read_source("/proc/self/status", 100)
    assert caught.value.line("en") == "/proc/self/status:1:1: file too large: 100+ bytes (limit 100 bytes)"
    assert read_source("/proc/self/status", 1 << 20).startswith(b"Name:")


def test_regular_file_reads_whole():
    assert read_source(SOURCE, MAX_BYTES) == SOURCE.read_bytes()
