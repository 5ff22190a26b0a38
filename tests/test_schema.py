"""The committed JSON Schema matches the model, and the source validates against it (issue 2, §2)."""

import json

import jsonschema
from conftest import REPO, SOURCE
from ruamel.yaml import YAML

from generator.schema import report_schema

COMMITTED = REPO / "assets" / "report.schema.json"


def test_committed_schema_is_current():
    assert json.loads(COMMITTED.read_text(encoding="utf-8")) == report_schema(), "run: make schema"


def test_source_declares_and_passes_the_schema():
    text = SOURCE.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../assets/report.schema.json")
    data = YAML(typ="safe").load(text)
    data["report"]["date"] = str(data["report"]["date"])
    jsonschema.validate(data, report_schema())
