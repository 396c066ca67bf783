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
from reportgen.model_base import described
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
    described()
    schema = model.model_json_schema()
    _name_properties(schema)
    return {"$schema": SCHEMA_URI, "$id": schema_url(kind), "title": title, **schema}


def report_schema(boilerplate: Boilerplate | None = None) -> dict[str, Any]:
    """The report format's JSON Schema for the profile ``boilerplate`` (the bundled one when
    left out): its reviewer kinds and kinds of implication offered by name, its own sections as
    properties, its required sections required and its absent ones left out
    (:func:`_profile_sections`)."""
    from reportgen.boilerplate import DEFAULT_DIR, load_boilerplate
    from reportgen.profile_header import header_schema

    words = boilerplate or load_boilerplate(DEFAULT_DIR)
    schema = kind_schema("report")
    comments = schema["properties"]["comments"]
    [comment] = comments["patternProperties"].values()
    comments["properties"] = {kind: comment for kind in words.reviewers.reviewers}
    _profile_sections(schema, words)
    return header_schema(schema, words.header)


def _profile_sections(schema: dict[str, Any], words: Boilerplate) -> None:
    """Put the profile's sections into the report ``schema``: the one place the schema learns
    what sections.yaml and headings.yaml's ``implications`` say."""
    properties = schema["properties"]
    implications = properties["implications"]
    [body] = implications.pop("patternProperties").values()
    del implications["propertyNames"]  # the kinds are named
    properties["implications"] = {
        "additionalProperties": False,
        **implications,
        "properties": {kind: body for kind in words.headings.implications},
    }
    sections = words.sections.report
    signed_by = properties["signed_by"]
    properties["signed_by"] = {"$ref": signed_by["anyOf"][0]["$ref"], **signed_by}
    del properties["signed_by"]["anyOf"], properties["signed_by"]["default"]
    if sections["contacts"].use == "required":
        contacts = {**properties["contacts"], "minItems": 1}
        del contacts["default"]
        properties["contacts"] = dict(sorted(contacts.items()))
    default = sections["electoral_divisions"].default
    properties["electoral_divisions"]["default"] = default if isinstance(default, list) else []
    for name, section in words.sections.own().items():
        heading = section.heading or name
        properties[name] = {**properties["purpose"], "description": heading, "title": heading}
    for name, section in sections.items():
        if section.use == "absent":
            properties.pop(name, None)
    required = {*schema["required"], *(k for k, s in sections.items() if s.use == "required")}
    schema["required"] = [name for name in properties if name in required]


def schema_text(kind: str = "report", boilerplate: Boilerplate | None = None) -> str:
    """The schema as the file `reportgen schema` writes: indented JSON ending in a newline;
    the report schema is the one of the profile whose wording is ``boilerplate``."""
    schema = report_schema(boilerplate) if kind == "report" else kind_schema(kind)
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
