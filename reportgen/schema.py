"""The JSON Schema of the report format, generated from :mod:`reportgen.model`.

Editors use it for completion and checking: put
``# yaml-language-server: $schema=<path to>/schema/report.schema.json`` on a report's first line.
"""

from __future__ import annotations

import json
from typing import Any

from reportgen.model import Report

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"


def _name_properties(node: Any) -> None:
    """Give mappings keyed by a fixed list of names a property each, so editors complete them."""
    if isinstance(node, dict):
        names = node.get("propertyNames", {}).get("enum")
        value = node.get("additionalProperties")
        if names and isinstance(value, dict):
            node["properties"] = {name: value for name in names}
            node["additionalProperties"] = False
            del node["propertyNames"]
        for child in node.values():
            _name_properties(child)
    elif isinstance(node, list):
        for child in node:
            _name_properties(child)


def report_schema() -> dict[str, Any]:
    """The report format's JSON Schema."""
    schema = Report.model_json_schema()
    _name_properties(schema)
    return {"$schema": SCHEMA_URI, "title": "reportgen committee report", **schema}


def schema_text() -> str:
    """The schema as the file `reportgen schema` writes: indented JSON ending in a newline."""
    return json.dumps(report_schema(), indent=2, ensure_ascii=False) + "\n"
