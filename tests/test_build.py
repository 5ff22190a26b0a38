"""Builds replace a source's products all together or not at all; edited products are kept (issue 2, §3)."""

from __future__ import annotations

import json

import pytest
from conftest import SOURCE, reportgen

from generator import build as build_module
from generator.cli import main
from generator.renderers import RENDERERS, RendererInfo, default_formats

STEM = "changying-2020-midyear_draft_v1"


def test_default_build_makes_the_default_products_named(built):
    assert sorted(built) == sorted(default_formats())
    assert "archive" in built and "archive" not in default_formats(watch=True)
    assert "ofd" in built and "ofd" not in default_formats(watch=True)
    for fmt, path in built.items():
        info = RENDERERS[fmt]
        assert path.name == f"{STEM}{info.suffix}.{info.extension}"
        assert path.stat().st_size > 10_000


def test_progress_lines_name_each_product(tmp_path):
    result = reportgen("build", SOURCE, "--out", tmp_path, "--format", "docx")
    assert result.returncode == 0, result.stderr
    line = result.stdout.strip()
    assert line.startswith(f"docx  {tmp_path / STEM}.docx  ") and line.endswith(" KB")


def _build(out, *extra) -> int:
    return main(["build", str(SOURCE), "--out", str(out), "-q", *extra])


def test_invalid_source_leaves_previous_products(tmp_path, capsys):
    assert _build(tmp_path, "--format", "docx") == 0
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    bad = tmp_path / "bad" / SOURCE.name
    bad.parent.mkdir()
    bad.write_text(SOURCE.read_text(encoding="utf-8").replace("  speaker: 方泽\n", ""), encoding="utf-8")
    assert main(["build", str(bad), "--out", str(tmp_path), "--format", "docx"]) == 1
    assert capsys.readouterr().err.endswith("缺少必填项“speaker”\n")
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    assert after == before


def test_failing_renderer_replaces_nothing(tmp_path, capsys, monkeypatch):
    assert _build(tmp_path, "--format", "docx") == 0
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    class Broken(RendererInfo):
        def load(self):
            def render(report):
                raise RuntimeError("disk on fire")

            return render

    monkeypatch.setitem(RENDERERS, "pptx", Broken("pptx", "-", "pptx", "broken"))
    assert _build(tmp_path, "--format", "docx,pptx") == 1
    assert "生成 pptx 失败：RuntimeError: disk on fire" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # no temporary file left either


def test_interrupted_write_leaves_previous_products(tmp_path, monkeypatch):
    assert _build(tmp_path, "--format", "docx") == 0
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(build_module.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build_module.build_source(SOURCE, ["docx"], tmp_path)
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_hand_edited_product_is_not_overwritten(tmp_path, capsys):
    assert _build(tmp_path, "--format", "docx") == 0
    product = tmp_path / f"{STEM}.docx"
    product.write_bytes(product.read_bytes() + b"edited")
    assert _build(tmp_path, "--format", "docx") == 1
    assert capsys.readouterr().err == f"产品“{product}”在生成后被手工修改过，未覆盖（确认后用 --force 覆盖）\n"
    assert product.read_bytes().endswith(b"edited")
    assert _build(tmp_path, "--format", "docx", "--force") == 0
    assert not product.read_bytes().endswith(b"edited")
    manifest = json.loads((tmp_path / ".reportgen-manifest.json").read_text(encoding="utf-8"))
    assert manifest[product.name]["sha256"] == build_module.sha256(product.read_bytes())


def test_unknown_format_is_refused(tmp_path, capsys):
    assert _build(tmp_path, "--format", "odt") == 1
    assert capsys.readouterr().err == f"未知的格式“odt”（可用：{', '.join(RENDERERS)}）\n"
