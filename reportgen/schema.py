"""The JSON Schema of the report format, generated from :mod:`reportgen.model`.

Editors use it for completion and checking: a report's first line is
``# yaml-language-server: $schema=https://reportgen.readthedocs.io/en/stable/schemas/report.schema.json``
(:func:`reportgen.urls.schema_line`), the schema's stable address on the documentation site, which
is also its ``$id``; ``meeting``, ``minutes``, ``appendix``, ``pay-scale`` and ``comment`` files
have schemas of their own.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from reportgen.kinds import REGISTRY
from reportgen.urls import schema_url

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


KINDS: dict[str, tuple[type[BaseModel], str]] = {
    k.name: (k.model(), k.title) for k in REGISTRY if k.title is not None
}
"""Each kind of file reportgen reads: its model and its schema's title. ``reportgen schema
--kind KIND`` writes one; reportgen/schemas/KIND.schema.json holds each."""


def kind_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of the files of ``kind`` (a key of :data:`KINDS`)."""
    model, title = KINDS[kind]
    schema = model.model_json_schema()
    _name_properties(schema)
    return {"$schema": SCHEMA_URI, "$id": schema_url(kind), "title": title, **schema}


def report_schema() -> dict[str, Any]:
    """The report format's JSON Schema; the standard reviewer kinds are offered by name."""
    import yaml

    from reportgen.boilerplate import DEFAULT_DIR
    from reportgen.profile_header import HeaderWords, header_schema

    schema = kind_schema("report")
    reviewers = yaml.safe_load((DEFAULT_DIR / "reviewers.yaml").read_text(encoding="utf-8"))
    comments = schema["properties"]["comments"]
    [comment] = comments["patternProperties"].values()
    comments["properties"] = {kind: comment for kind in reviewers["reviewers"]}
    header = yaml.safe_load((DEFAULT_DIR / "header.yaml").read_text(encoding="utf-8"))
    return header_schema(schema, HeaderWords.model_validate(header))


def schema_text(kind: str = "report") -> str:
    """The schema as the file `reportgen schema` writes: indented JSON ending in a newline."""
    schema = report_schema() if kind == "report" else kind_schema(kind)
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
