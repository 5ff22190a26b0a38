"""``build --watch`` rebuilds a source when it is saved (the latency is measured by bench/run)."""

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
