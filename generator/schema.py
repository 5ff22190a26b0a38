"""The JSON Schema of report sources, for editors (VS Code YAML extension) and checks."""

from __future__ import annotations

from generator.model import Report

SCHEMA_ID = "https://reportgen.invalid/report.schema.json"


def report_schema() -> dict:
    """The JSON Schema of a report source, generated from the model."""
    schema = Report.model_json_schema(mode="validation")
    schema.update({"title": "政府工作报告源文件（reportgen）"})
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}
