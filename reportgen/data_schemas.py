"""The JSON Schemas of the open data files reportgen writes, published beside the input ones.

:data:`DATA_SCHEMAS` names each: its schema's name (the file reportgen/schemas/NAME.schema.json,
published at ``schemas/NAME.schema.json`` on the documentation site, which is its ``$id`` and the
``"$schema"`` of every file of it) and the pydantic model of the file, as ``module:Class``, so
nothing is imported until a schema is asked for. A new kind of open data file adds one line
here; ``make schema`` writes every schema (``python -m reportgen.data_schemas reportgen/schemas``)
and tests/test_data_schemas.py checks the committed ones are the generated ones.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from reportgen.model_base import described
from reportgen.schema import SCHEMA_URI
from reportgen.urls import schema_url

DATA_SCHEMAS: dict[str, str] = {
    "decisions": "reportgen.decisions:DecisionsRegister",
    "meeting-data": "reportgen.opendata:MeetingData",
    "popolo": "reportgen.popolo:Popolo",
    "report-data": "reportgen.opendata:ReportData",
}
"""Each open data schema's name, and its model as ``module:Class``."""


def data_model(name: str) -> type[BaseModel]:
    """The model of the open data files of schema ``name``."""
    module, _, attribute = DATA_SCHEMAS[name].partition(":")
    model: type[BaseModel] = getattr(importlib.import_module(module), attribute)
    return model


def data_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of schema ``name``: what its files hold (as written, ``mode=
    "serialization"``), identified by its address on the documentation site."""
    model = data_model(name)
    described()
    schema = model.model_json_schema(by_alias=True, mode="serialization")
    return {"$schema": SCHEMA_URI, "$id": schema_url(name), **schema}


def data_schema_text(name: str) -> str:
    """The schema as its committed file holds it: indented JSON ending in a newline."""
    return json.dumps(data_schema(name), indent=2, ensure_ascii=False) + "\n"


def is_data_file(data: object) -> bool:
    """Whether ``data`` (a JSON file's content) is one of reportgen's open data files: a
    mapping whose ``"$schema"`` is one of these schemas."""
    return isinstance(data, dict) and data.get("$schema") in {schema_url(n) for n in DATA_SCHEMAS}


def main(folder: str) -> None:
    """Write every open data schema into ``folder``."""
    for name in DATA_SCHEMAS:
        Path(folder, f"{name}.schema.json").write_text(data_schema_text(name), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
