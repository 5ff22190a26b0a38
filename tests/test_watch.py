"""``build --watch`` rebuilds a source when it is saved (the latency is measured by bench/run)."""

import hashlib
import json
import os
import queue
import subprocess
import threading
import time

from conftest import REPO, REPORTGEN, SOURCE

from generator.watch import watch


def test_watch_calls_rebuild_when_a_source_changes(tmp_path):
    source = tmp_path / "a.yaml"
    source.write_text("x", encoding="utf-8")
    seen = []

    def save_later():
        time.sleep(0.1)
        source.write_text("xy", encoding="utf-8")

    threading.Thread(target=save_later).start()
    watch([source], seen.append, interval=0.02, rounds=40)
    assert seen == [source]


def test_watch_command_rebuilds_the_docx(tmp_path):
    source = tmp_path / SOURCE.name
    source.write_bytes(SOURCE.read_bytes())
    out = tmp_path / "out"
    process = subprocess.Popen(
        [*REPORTGEN, "build", str(source), "--out", str(out), "--format", "docx", "--watch", "-q"],
        cwd=REPO,
        stderr=subprocess.PIPE,
        text=True,
    )
    docx = out / "changying-2020-midyear_draft_v1.docx"
    try:
        deadline = time.time() + 30
        while not docx.exists() and time.time() < deadline:
            time.sleep(0.05)
        before = docx.stat().st_mtime_ns
        source.write_text(source.read_text(encoding="utf-8").replace("  speaker: 方泽\n", ""), encoding="utf-8")
        time.sleep(1.0)
        assert docx.stat().st_mtime_ns == before  # an invalid save keeps the product
        source.write_bytes(SOURCE.read_bytes())
        deadline = time.time() + 10
        while docx.stat().st_mtime_ns == before and time.time() < deadline:
            time.sleep(0.02)
        assert docx.stat().st_mtime_ns != before
    finally:
        process.terminate()
        _, err = process.communicate(timeout=10)
    assert "缺少必填项“speaker”" in err and "Traceback" not in err


def _lines(stream, into: queue.Queue) -> None:
    for line in stream:
        into.put(line)


def _next_line(lines: queue.Queue, timeout: float = 60) -> str:
    return lines.get(timeout=timeout)


def _save(source, text: str) -> None:
    """Save as many editors do: a new file renamed over the old."""
    temp = source.with_suffix(".saving")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, source)


def _products(out):
    return {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name != ".reportgen.lock"}


def test_watch_builds_each_save_all_or_none_and_prints_warnings(tmp_path):
    """A save the PDF refuses replaces no product (not even the DOCX); warnings are printed (finding 10)."""
    source = tmp_path / SOURCE.name
    seed = SOURCE.read_text(encoding="utf-8")
    source.write_text(seed, encoding="utf-8")
    out = tmp_path / "out"
    command = [*REPORTGEN, "--lang", "en", "build", str(source), "--out", str(out), "--watch"]
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    errors: queue.Queue = queue.Queue()
    threading.Thread(target=_lines, args=(process.stderr, errors), daemon=True).start()
    try:
        assert process.stdout.readline().startswith("docx  ")
        assert process.stdout.readline().startswith("pdf   ")
        assert process.stdout.readline().startswith("pptx  ")
        assert process.stdout.readline().startswith("watching 1 source")
        before = _products(out)
        assert len(before) == 4  # three products and the manifest

        heading = "heading: 2020年上半年工作回顾"
        _save(source, seed.replace(heading, heading + "😀", 1))
        assert "lacks characters: 😀(U+1F600)" in _next_line(errors)  # the PDF refuses: nothing replaced
        time.sleep(0.3)
        assert _products(out) == before

        _save(source, seed.replace("  speaker: 方泽\n", ""))
        assert _next_line(errors) == f"{source}:4:3: missing required field 'speaker'\n"
        assert _products(out) == before

        edited = seed.replace("现在，我代表", "现在，我代表镕", 1).replace("date: 2020-08-20", "date: 2020-08-21", 1)
        _save(source, edited)
        warning = _next_line(errors)
        assert warning.startswith(f"{source}: docx: warning: ") and "镕(U+9555)" in warning
        assert process.stdout.readline().startswith("docx  ")
        assert process.stdout.readline().startswith("pdf   ")
        assert process.stdout.readline().startswith("pptx  ")
        after = _products(out)
        assert all(after[name] != before[name] for name in before)  # all three and the manifest, together
        manifest = json.loads(after[".reportgen-manifest.json"])
        assert {name: manifest[name]["sha256"] for name in manifest} == {
            name: hashlib.sha256(data).hexdigest() for name, data in after.items() if name in manifest
        }
    finally:
        process.terminate()
        process.communicate(timeout=10)
    assert errors.empty()
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
