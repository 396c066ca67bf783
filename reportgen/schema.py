"""The JSON Schema of the report format, generated from :mod:`reportgen.model`.

Editors use it for completion and checking: a report's first line is
``# yaml-language-server: $schema=https://reportgen.readthedocs.io/en/stable/schemas/report.schema.json``
(:func:`reportgen.urls.schema_line`), the schema's stable address on the documentation site, which
is also its ``$id``; ``meeting``, ``minutes``, ``appendix``, ``pay-scale`` and ``comment`` files
have schemas of their own.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from reportgen.kinds import REGISTRY
from reportgen.urls import schema_url

if TYPE_CHECKING:
    from reportgen.boilerplate import Boilerplate

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


def report_schema(boilerplate: Boilerplate | None = None) -> dict[str, Any]:
    """The report format's JSON Schema for the profile whose wording is ``boilerplate``
    (default: the bundled one): its reviewer kinds are offered by name. The one place a
    profile shapes the report schema."""
    if boilerplate is None:
        from reportgen.boilerplate import DEFAULT_DIR, load_boilerplate

        boilerplate = load_boilerplate(DEFAULT_DIR)
    schema = kind_schema("report")
    comments = schema["properties"]["comments"]
    [comment] = comments["patternProperties"].values()
    comments["properties"] = {kind: comment for kind in boilerplate.reviewers.reviewers}
    return schema


def schema_text(kind: str = "report", boilerplate: Boilerplate | None = None) -> str:
    """The schema as the file `reportgen schema` writes: indented JSON ending in a newline;
    the report schema is the one of the profile whose wording is ``boilerplate``."""
    schema = report_schema(boilerplate) if kind == "report" else kind_schema(kind)
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
