"""Pinned dependencies and recorded font files (issue 11, finding 12)."""

from __future__ import annotations

import hashlib
import json
import re
from importlib import metadata

from conftest import REPO, SOURCE

from generator.build import PRODUCT_ROLES
from generator.cli import main
from generator.fonts import role_file
from generator.renderers import RENDERERS

LOCKS = {"runtime": REPO / "requirements.lock", "test": REPO / "requirements-test.lock"}


def _pins(path) -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = re.fullmatch(r"([A-Za-z0-9._-]+)==([^\s;]+)", line).groups()
            pins[_normal(name)] = version
    return pins


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _closure(requirement_names, extras=()) -> set[str]:
    """Every distribution the named ones need, recursively, as installed here."""
    from packaging.requirements import Requirement

    seen: set[str] = set()
    todo = [(name, tuple(extras)) for name in requirement_names]
    while todo:
        name, wanted = todo.pop()
        if _normal(name) in seen:
            continue
        seen.add(_normal(name))
        for text in metadata.requires(name) or []:
            requirement = Requirement(text)
            marker = requirement.marker
            if marker is None or any(marker.evaluate({"extra": extra}) for extra in ("", *wanted)):
                todo.append((requirement.name, tuple(requirement.extras)))
    return seen


def test_lock_files_pin_every_dependency_exactly():
    runtime, test = _pins(LOCKS["runtime"]), _pins(LOCKS["test"])
    assert set(runtime) <= set(test) and all(test[name] == version for name, version in runtime.items())
    assert _closure(["reportgen"]) - {"reportgen"} <= set(runtime)
    assert _closure(["reportgen"], ["test"]) - {"reportgen"} <= set(test)


def test_this_environment_is_the_locked_one():
    """The tests (the byte-identical rebuild among them) run on exactly the pinned versions."""
    for name, version in _pins(LOCKS["test"]).items():
        assert metadata.version(name) == version, name


def test_makefile_installs_from_the_lock():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "-r requirements.lock" in makefile and "-r requirements-test.lock" in makefile
    assert "--no-deps" in makefile


def test_manifest_records_font_files_and_a_change_is_noticed(tmp_path, capsys):
    args = ["--lang", "en", "build", str(SOURCE), "--out", str(tmp_path), "-q", "--jobs", "1"]
    assert main(args) == 0
    assert capsys.readouterr().err == ""
    path = tmp_path / ".reportgen-manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    for fmt, roles in PRODUCT_ROLES.items():
        files = {role_file(role).path for role in roles}
        expected = {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in files}
        info = RENDERERS[fmt]
        assert manifest[f"changying-2020-midyear_draft_v1{info.suffix}.{info.extension}"]["fonts"] == expected
    pdf = manifest["changying-2020-midyear_draft_v1.pdf"]
    changed = sorted(pdf["fonts"])[0]
    pdf["fonts"][changed] = "0" * 64  # as if built on another version of that file
    path.write_text(json.dumps(manifest), encoding="utf-8")
    assert main(args) == 0  # a notice, not a failure
    assert capsys.readouterr().err == (
        f"{SOURCE}: pdf: notice: changying-2020-midyear_draft_v1.pdf was last built with other font files "
        f"({changed}); its bytes may differ from the last build\n"
    )
    assert main(args) == 0
    assert capsys.readouterr().err == ""
